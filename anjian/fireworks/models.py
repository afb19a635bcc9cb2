"""Fireworks (烟花爆竹, domain-rules §13): 打非 cases, 转产/退出 records and the county's firing
rules. Licences are the registry's `Licence` rows of fireworks enterprises."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import Scope
from anjian.core.validators import not_in_future
from anjian.registry.models import Enterprise

# The licence kinds of §13, as the registry stores them (Licence.kind is free text).
LICENCE_KINDS = [
    "烟花爆竹安全生产许可证",
    "烟花爆竹经营(批发)许可证",
    "烟花爆竹经营(零售)许可证",
    "烟花爆竹道路运输许可证",
    "焰火燃放许可证",
]


class ClueSource(models.TextChoices):
    PUBLIC_REPORT = "12350", _("12350 report")
    PATROL = "patrol", _("patrol")
    GRID = "grid", _("grid member")
    ONLINE = "online", _("online")
    OTHER = "other", _("other")


class CaseKind(models.TextChoices):
    PRODUCTION = "production", _("illegal production")
    STORAGE = "storage", _("illegal storage")
    TRADE = "trade", _("illegal trade")
    TRANSPORT = "transport", _("illegal transport or mailing")
    FIRING = "firing", _("illegal firing")
    OTHER = "other", _("other")


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", _("registered (登记)")
    TRANSFERRED = "transferred", _("transferred (转办)")
    VERIFIED = "verified", _("verified (核查)")
    HANDLED = "handled", _("dealt with (查处)")
    SEALED = "sealed", _("goods sealed (封存)")
    DESTROYED = "destroyed", _("goods destroyed (销毁)")
    CLOSED = "closed", _("closed (反馈)")


class FireworksCase(models.Model):
    """打非: clue → 登记 → 转办 → 核查 → 查处 → 封存 → 销毁 → 反馈."""

    SCOPE = Scope(town="town", sector="sector", enterprise=None)

    clue_source = models.CharField(_("clue source"), max_length=10, choices=ClueSource.choices)
    received_at = models.DateTimeField(_("received at"), validators=[not_in_future])
    town = models.ForeignKey(Town, on_delete=models.PROTECT, verbose_name=_("town"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    place = models.CharField(_("place"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=CaseKind.choices)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    transferred_to = models.CharField(_("transferred to"), max_length=40, blank=True)
    verified_at = models.DateTimeField(
        _("verified at"), null=True, blank=True, validators=[not_in_future]
    )
    found = models.BooleanField(_("found true"), null=True, blank=True)
    seized = models.PositiveIntegerField(
        _("seized (cases/pieces)"), default=0, validators=[MaxValueValidator(1_000_000)]
    )
    penalty = models.DecimalField(
        _("penalty (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100000000"))],
    )
    referred_to_police = models.BooleanField(_("referred to the police"), default=False)
    destroyed_at = models.DateTimeField(
        _("destroyed at"), null=True, blank=True, validators=[not_in_future]
    )
    result = models.TextField(_("feedback"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("illegal fireworks case (打非)")
        verbose_name_plural = _("illegal fireworks cases (打非)")
        indexes = [models.Index(fields=["town", "-received_at"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.place}"

    def get_absolute_url(self) -> str:
        return reverse("fireworks:case_detail", args=[self.pk])


class ExitKind(models.TextChoices):
    CONVERTED = "converted", _("converted (转产)")
    CLOSED = "closed", _("exited (退出)")


class Conversion(models.Model):
    """转产/退出 of a fireworks plant: followed up quarterly for a year against 复产."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="fireworks_exits",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ExitKind.choices)
    on = models.DateField(_("date"))
    licences_cancelled = models.BooleanField(_("licences cancelled (注销)"), default=False)
    stock_disposal = models.CharField(_("disposal of remaining stock"), max_length=200, blank=True)
    workshops = models.CharField(
        _("drug workshops demolished or changed (checked on site)"), max_length=200, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("conversion or exit (转产/退出)")
        verbose_name_plural = _("conversions and exits (转产/退出)")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.get_kind_display()}"


class FiringKind(models.TextChoices):
    BAN = "ban", _("banned (禁放)")
    LIMIT = "limit", _("restricted (限放)")


class FiringRule(models.Model):
    """A county rule on firing (Art. 28): where, when, what."""

    kind = models.CharField(_("kind"), max_length=6, choices=FiringKind.choices)
    area = models.CharField(_("area"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    hours = models.CharField(_("hours"), max_length=60, blank=True, help_text=_("e.g. 07:00–22:00"))
    note = models.CharField(_("products and other terms"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("firing rule")
        verbose_name_plural = _("firing rules")
        constraints = [
            models.CheckConstraint(
                name="firing_rule_ordered", condition=models.Q(ends_on__gte=models.F("starts_on"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.area}"
