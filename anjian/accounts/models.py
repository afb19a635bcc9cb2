"""People and places: the county, its towns, departments, sectors, and users with one role each."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    """The county that runs the platform; one row."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # Map centre for the county map pages.
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """行业领域: the sector taxonomy; the contract's default codes always exist."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=100)

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class Town(models.Model):
    """镇: the territorial unit (属地)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=100)

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = _("town")
        verbose_name_plural = _("towns")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """行业主管部门: supervises its sectors county-wide (管行业必须管安全)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    sectors = models.ManyToManyField(
        Sector, related_name="departments", blank=True, verbose_name=_("sectors")
    )
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=100)

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COUNTY_ADMIN = "county_admin", _("County admin")
    DEPARTMENT_OFFICER = "department_officer", _("Department officer")
    TOWN_OFFICER = "town_officer", _("Town officer")
    ENTERPRISE_USER = "enterprise_user", _("Enterprise user")
    LEADER = "leader", _("Leader")
    # 三权分立: reads the audit log and nothing else (docs/access.md, "Separation of duties").
    AUDIT_ADMIN = "audit_admin", _("Audit admin")


class User(AbstractUser):
    """A platform user: one role in one unit (the county, a town, a department or an enterprise)."""

    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("town"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("department"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("enterprise"),
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Identity: an account an administrator creates changes its password at first login.
    must_change_password = models.BooleanField(_("must change password"), default=False)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_unit_matches_role",
                condition=(
                    models.Q(
                        role="town_officer",
                        town__isnull=False,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | models.Q(
                        role="department_officer",
                        town__isnull=True,
                        department__isnull=False,
                        enterprise__isnull=True,
                    )
                    | models.Q(
                        role="enterprise_user",
                        town__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=False,
                    )
                    | models.Q(
                        role__in=["county_admin", "leader", "audit_admin"],
                        town__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | models.Q(role="", is_superuser=True)
                ),
            )
        ]


# --- identity (等保 2.0 §8.1.4.1): password state, password history, API tokens, failures ------


class PasswordHistory(models.Model):
    """The hash of a password the user once had, so the last few cannot come back."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"


class ApiToken(models.Model):
    """A Bearer token: only its SHA-256 digest is stored; it ends at `expires_at`."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} #{self.pk}"


class LoginFailure(models.Model):
    """One failed login from one address, kept ten minutes for the address throttle."""

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        # The throttle counts one address's failures in the last ten minutes.
        indexes = [models.Index(fields=["address", "at"])]

    def __str__(self) -> str:
        return f"{self.username}@{self.address}"
