"""People and places: divisions (province, city, county), towns, departments, sectors, and
users with one role each."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", pgettext_lazy("division", "Province")
    CITY = "city", pgettext_lazy("division", "City")
    COUNTY = "county", pgettext_lazy("division", "County")
    TOWN = "town", pgettext_lazy("division", "Town")


# The level a division's children have (a county's children are towns, `Town`).
CHILD_LEVEL = {
    DivisionLevel.PROVINCE: DivisionLevel.CITY,
    DivisionLevel.CITY: DivisionLevel.COUNTY,
    DivisionLevel.COUNTY: DivisionLevel.TOWN,
}


class Division(models.Model):
    """行政区划 from the county up (GB/T 2260 six-digit codes): province → city → county.

    `path` is the materialised path of codes (`990000/990100/990121/`), so a subtree is one
    indexed prefix match; towns carry their county, city and province ids (`Town`)."""

    code = models.CharField(
        _("code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[0-9]{6}$", _("Six digits (GB/T 2260)."))],
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(
        pgettext_lazy("division", "level"),
        max_length=8,
        choices=[c for c in DivisionLevel.choices if c[0] != DivisionLevel.TOWN],
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(_("path"), max_length=64, editable=False, db_index=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "") + f"{self.code}/"
        super().save(*args, **kwargs)

    def ancestors(self) -> list["Division"]:
        """From the root down to the parent (one query: the codes are in the path)."""
        codes = self.path.strip("/").split("/")[:-1]
        return sorted(Division.objects.filter(code__in=codes), key=lambda d: len(d.path))

    def subtree(self):
        """This division and every division below it."""
        return Division.objects.filter(path__startswith=self.path)

    def towns(self):
        """The towns in this division's subtree (through the denormalised ids on Town)."""
        return Town.objects.filter(**{f"{self.level}_id": self.pk})

    def contains(self, other: "Division") -> bool:
        return other.path.startswith(self.path)


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
    """镇: the territorial unit (属地), in one county. Its city and province are kept on the
    row too (set from the county on save), so a city's or province's scope is one indexed
    column, never a walk up the tree."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=100)
    county = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="towns",
        limit_choices_to={"level": DivisionLevel.COUNTY},
        verbose_name=_("county"),
    )
    city = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    province = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = _("town")
        verbose_name_plural = _("towns")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.city_id = self.province_id = None
        if self.county_id:
            for division in Division.objects.get(pk=self.county_id).ancestors():
                if division.level == DivisionLevel.CITY:
                    self.city_id = division.pk
                elif division.level == DivisionLevel.PROVINCE:
                    self.province_id = division.pk
        super().save(*args, **kwargs)


class Department(models.Model):
    """行业主管部门: supervises its sectors county-wide (管行业必须管安全)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    sectors = models.ManyToManyField(
        Sector, related_name="departments", blank=True, verbose_name=_("sectors")
    )
    # The division it serves: a county's departments serve the county, a city's or province's
    # supervise their sectors across the whole subtree. Empty: the whole installation (v1).
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="departments",
        verbose_name=_("division"),
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
    CITY_ADMIN = "city_admin", _("City admin")
    PROVINCE_ADMIN = "province_admin", _("Province admin")


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
    # The division a county/city/province admin or a leader belongs to (empty for a county
    # admin or leader: the whole installation, as in v1).
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("division"),
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
                    | models.Q(
                        role__in=["city_admin", "province_admin"],
                        town__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=True,
                        division__isnull=False,
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
