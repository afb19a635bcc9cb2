"""Accident reports (事故报送), their revisions (补报/续报) and upward forwarding."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accidents import rules
from anjian.accounts.models import Sector, Town
from anjian.core.fields import lat_field, lng_field
from anjian.core.gb6441 import ACCIDENT_TYPES
from anjian.core.scoping import Scope
from anjian.registry.models import Enterprise

FIGURES = ("deaths", "missing", "serious_injuries", "minor_injuries", "direct_loss")


class Grade(models.TextChoices):
    GENERAL = rules.Grade.GENERAL, _("General (一般)")
    LARGE = rules.Grade.LARGE, _("Large (较大)")
    MAJOR = rules.Grade.MAJOR, _("Major (重大)")
    EXTRAORDINARY = rules.Grade.EXTRAORDINARY, _("Extraordinary (特别重大)")


class Kind(models.TextChoices):
    ACCIDENT = "accident", _("Accident")
    DANGEROUS_OCCURRENCE = "dangerous_occurrence", _("Large dangerous occurrence (较大涉险事故)")


class AccidentQuerySet(models.QuerySet):
    def accidents(self):
        """Accidents proper: what the statistics count (not 较大涉险事故)."""
        return self.filter(kind=Kind.ACCIDENT)

    def between(self, start, end):
        return self.filter(occurred_at__gte=start, occurred_at__lt=end)

    def search(self, q: str):
        return self.filter(title__icontains=q) if q else self


class Accident(models.Model):
    SCOPE = Scope(town="town", sector="sector", enterprise="enterprise")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.ACCIDENT)
    title = models.CharField(pgettext_lazy("accident", "title"), max_length=200)
    occurred_at = models.DateTimeField(_("time of the accident"))
    reported_at = models.DateTimeField(_("time the county received the report"))
    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="accidents", verbose_name=_("town")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="accidents", verbose_name=_("sector")
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accidents",
        verbose_name=_("enterprise"),
    )
    accident_type = models.CharField(
        _("accident type (GB 6441)"), max_length=2, choices=ACCIDENT_TYPES
    )
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    missing = models.PositiveIntegerField(_("missing"), default=0)
    serious_injuries = models.PositiveIntegerField(_("serious injuries"), default=0)
    minor_injuries = models.PositiveIntegerField(_("minor injuries"), default=0)
    direct_loss = models.DecimalField(
        _("direct economic loss (yuan)"), max_digits=14, decimal_places=2, default=0
    )
    description = models.TextField(pgettext_lazy("accident", "description"), blank=True)
    cause = models.TextField(_("cause"), blank=True)
    # 较大涉险事故 criteria (21号令 Art. 26).
    endangered = models.PositiveIntegerField(_("people endangered"), default=0)
    trapped = models.PositiveIntegerField(_("people trapped"), default=0)
    evacuated = models.PositiveIntegerField(_("people evacuated"), default=0)
    key_facilities_threatened = models.BooleanField(_("key facilities threatened"), default=False)
    # Where it happened (optional; road accidents need it for the accident-cluster alert).
    lng = lng_field(_("longitude"))
    lat = lat_field(_("latitude"))
    # Derived from the row's own figures by the services on every write (never edited directly);
    # stored so that statistics can group and filter on them in the database.
    grade = models.CharField(
        _("grade"), max_length=16, choices=Grade.choices, default=Grade.GENERAL
    )
    report_late = models.BooleanField(_("reported late"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AccidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("accident")
        verbose_name_plural = _("accidents")
        indexes = [
            # Statistics of a period county-wide (and the ledger, newest first).
            models.Index(fields=["occurred_at"], name="accident_occurred"),
            # Statistics and lists of a period filtered or scoped by town or by sector.
            models.Index(fields=["town", "occurred_at"], name="accident_town_occurred"),
            models.Index(fields=["sector", "occurred_at"], name="accident_sector_occurred"),
            # An enterprise user's own accidents.
            models.Index(fields=["enterprise", "occurred_at"], name="accident_ent_occurred"),
        ]
        constraints = [
            models.CheckConstraint(
                name="accident_reported_after_occurred",
                condition=models.Q(reported_at__gte=models.F("occurred_at")),
                violation_error_message=_(
                    "The report cannot be received before the accident happened."
                ),
            ),
            models.CheckConstraint(
                name="accident_loss_not_negative",
                condition=models.Q(direct_loss__gte=0),
                violation_error_message=_("The loss cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("accidents:accident_detail", args=[self.pk])

    @property
    def deaths_for_grading(self) -> int:
        return self.deaths + self.missing

    @property
    def accident_type_name(self) -> str:
        return self.get_accident_type_display()

    @property
    def report_delay(self):
        return self.reported_at - self.occurred_at

    def figures(self) -> dict:
        return {name: getattr(self, name) for name in FIGURES}


class RevisionKind(models.TextChoices):
    SUPPLEMENTARY = "supplementary", _("Supplementary report (补报)")
    FOLLOW_UP = "follow_up", _("Follow-up report (续报)")


class AccidentRevision(models.Model):
    """One 补报 (casualty figures changed) or 续报 (progress note): who, when, old and new."""

    SCOPE = Scope(
        town="accident__town", sector="accident__sector", enterprise="accident__enterprise"
    )

    accident = models.ForeignKey(
        Accident, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("accident")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=RevisionKind.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    before = models.JSONField(_("figures before"), default=dict, blank=True)
    after = models.JSONField(_("figures after"), default=dict, blank=True)
    grade_before = models.CharField(_("grade before"), max_length=16, choices=Grade.choices)
    grade_after = models.CharField(_("grade after"), max_length=16, choices=Grade.choices)
    note = models.TextField(_("note"), blank=True)
    # A change after the 补报 window (30 days; 7 for road traffic and fire): county admin only.
    out_of_window = models.BooleanField(_("after the supplementary-report window"), default=False)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("accident revision")
        verbose_name_plural = _("accident revisions")
        indexes = [
            # The revisions on an accident's page, in order.
            models.Index(fields=["accident", "at"], name="accident_revision_at"),
        ]

    def __str__(self) -> str:
        return f"{self.accident} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    def changes(self) -> list[tuple[str, object, object]]:
        return [
            (name, self.before.get(name), self.after.get(name))
            for name in FIGURES
            if self.before.get(name) != self.after.get(name)
        ]


class Level(models.TextChoices):
    CITY = "city", _("City (设区的市)")
    PROVINCE = "province", _("Province")
    STATE = "state", _("State Council")


class AccidentForward(models.Model):
    """One level the accident goes up to (493号令 Art. 10): due 2 h per level after the county
    received the report; the county records when it forwarded it, an admin of the receiving
    division when it was received. Made with the accident (and when a 补报 raises its grade)."""

    SCOPE = Scope(
        town="accident__town", sector="accident__sector", enterprise="accident__enterprise"
    )

    accident = models.ForeignKey(
        Accident, on_delete=models.CASCADE, related_name="forwards", verbose_name=_("accident")
    )
    level = models.CharField(_("forwarding level"), max_length=16, choices=Level.choices)
    due = models.DateTimeField(_("forwarding due"))
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    username = models.CharField(_("username"), max_length=150, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    received_at = models.DateTimeField(
        pgettext_lazy("forwarding", "received at"), null=True, blank=True
    )
    received_by = models.CharField(
        pgettext_lazy("forwarding", "received by"), max_length=150, blank=True
    )

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("accident forwarding")
        verbose_name_plural = _("accident forwardings")
        constraints = [
            models.UniqueConstraint(fields=["accident", "level"], name="accident_forward_once"),
        ]
        indexes = [
            # The sweep's "overdue and not received" and a receiving admin's open entries.
            models.Index(fields=["received_at", "due"], name="accident_forward_open"),
        ]

    def __str__(self) -> str:
        return f"{self.accident} → {self.get_level_display()}"
