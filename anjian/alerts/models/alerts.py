"""Early warnings (预警), their recipients with 签收, and the county's confirmation deadlines."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from anjian.accounts.models import Division
from anjian.accounts.units import UnitKind, UnitRecord
from anjian.core import clock


class AlertLevel(models.TextChoices):
    BLUE = "blue", pgettext_lazy("alerts", "Blue")
    YELLOW = "yellow", pgettext_lazy("alerts", "Yellow")
    ORANGE = "orange", pgettext_lazy("alerts", "Orange")
    RED = "red", pgettext_lazy("alerts", "Red")


class AlertKind(models.TextChoices):
    WEATHER = "weather", pgettext_lazy("alerts", "Weather")
    HOLIDAY = "holiday", pgettext_lazy("alerts", "Holiday")
    SECTOR = "sector", pgettext_lazy("alerts", "Sector")
    OTHER = "other", pgettext_lazy("alerts", "Other")
    # Meteorological warnings that also reach units by their chemical stock (domain-rules §14).
    RAINSTORM = "rainstorm", pgettext_lazy("alerts", "Rainstorm")
    TYPHOON = "typhoon", pgettext_lazy("alerts", "Typhoon")
    HEAT = "heat", pgettext_lazy("alerts", "High temperature")
    THUNDER = "thunder", pgettext_lazy("alerts", "Thunder and lightning")


class AlertPolicy(models.Model):
    """The county's confirmation deadlines; a new row is a new version from `effective_from`.

    Defaults (2 h to remind, 24 h to escalate) are the county's to change (domain rules, intro).
    """

    DEFAULT_REMIND_AFTER = 120
    DEFAULT_ESCALATE_AFTER = 24 * 60

    remind_after_minutes = models.PositiveIntegerField(
        pgettext_lazy("alerts", "remind after (minutes)"),
        default=DEFAULT_REMIND_AFTER,
        help_text=pgettext_lazy("alerts", "Units that have not confirmed by then are reminded."),
    )
    escalate_after_minutes = models.PositiveIntegerField(
        pgettext_lazy("alerts", "escalate after (minutes)"),
        default=DEFAULT_ESCALATE_AFTER,
        help_text=pgettext_lazy(
            "alerts",
            "Units that have still not confirmed by then are reported to the county admins.",
        ),
    )
    effective_from = models.DateTimeField(
        pgettext_lazy("alerts", "effective from"), default=timezone.now
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "set by"),
    )

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = pgettext_lazy("alerts", "confirmation deadlines")
        verbose_name_plural = pgettext_lazy("alerts", "confirmation deadlines")
        constraints = [
            models.CheckConstraint(
                name="alert_policy_escalate_after_remind",
                condition=models.Q(escalate_after_minutes__gt=models.F("remind_after_minutes")),
                violation_error_message=pgettext_lazy(
                    "alerts", "Escalation must come after the reminder."
                ),
            ),
            models.CheckConstraint(
                name="alert_policy_remind_positive", condition=models.Q(remind_after_minutes__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.remind_after_minutes}/{self.escalate_after_minutes} min"

    def deadlines(self, published_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """When to remind and when to escalate for a warning published at `published_at`."""
        return (
            published_at + dt.timedelta(minutes=self.remind_after_minutes),
            published_at + dt.timedelta(minutes=self.escalate_after_minutes),
        )

    @classmethod
    def current(cls, *, now: dt.datetime | None = None) -> "AlertPolicy":
        """The version in force at `now` (an unsaved default when the county set none)."""
        now = now or clock.now()
        return cls.objects.filter(effective_from__lte=now).first() or cls()


class AlertQuerySet(models.QuerySet):
    def with_progress(self):
        """Annotate `recipient_count` and `confirmed_count` (one aggregate query, no N+1)."""
        return self.annotate(
            recipient_count=models.Count("recipients", distinct=True),
            confirmed_count=models.Count(
                "recipients", filter=models.Q(recipients__confirmed_at__isnull=False), distinct=True
            ),
        )

    def search(self, q: str):
        return self.filter(title__icontains=q) if q else self


class Alert(models.Model):
    """预警: published by the county admin to towns and departments (and, through them,
    to the enterprises of those towns and departments); by a city or province admin to its
    counties, each of which passes it on (转发) to its own towns and departments as a warning of
    its own whose `source` is the one it received."""

    title = models.CharField(pgettext_lazy("alerts", "title"), max_length=200)
    level = models.CharField(
        pgettext_lazy("alerts", "level"), max_length=8, choices=AlertLevel.choices
    )
    kind = models.CharField(
        pgettext_lazy("alerts", "kind"), max_length=10, choices=AlertKind.choices
    )
    content = models.TextField(pgettext_lazy("alerts", "content"))
    valid_from = models.DateTimeField(pgettext_lazy("alerts", "valid from"))
    valid_to = models.DateTimeField(pgettext_lazy("alerts", "valid to"))
    published_at = models.DateTimeField(
        pgettext_lazy("alerts", "published at"), default=timezone.now
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "published by"),
    )
    # The publisher's county, city or province (empty: a v1 one-county installation).
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "published by division"),
    )
    # The higher level's warning this one passes on (转发), or empty.
    source = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="passed_on",
        verbose_name=pgettext_lazy("alerts", "passed on from"),
    )
    # From the policy in force at publication, so a later change of policy does not move them.
    remind_at = models.DateTimeField(pgettext_lazy("alerts", "remind unconfirmed units at"))
    escalate_at = models.DateTimeField(
        pgettext_lazy("alerts", "report unconfirmed units to the county at")
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = pgettext_lazy("alerts", "early warning")
        verbose_name_plural = pgettext_lazy("alerts", "early warnings")
        constraints = [
            models.CheckConstraint(
                name="alert_valid_period_ordered",
                condition=models.Q(valid_to__gt=models.F("valid_from")),
                violation_error_message=pgettext_lazy(
                    "alerts", "The end of validity must come after its start."
                ),
            ),
            # A county passes a higher warning on once.
            models.UniqueConstraint(
                fields=["source", "division"],
                condition=models.Q(source__isnull=False),
                name="alert_passed_on_once_per_division",
            ),
        ]
        indexes = [
            # The warnings list, newest first.
            models.Index(fields=["-published_at", "-id"]),
            # The sweep: warnings whose reminder / escalation time has come.
            models.Index(fields=["remind_at"]),
            models.Index(fields=["escalate_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alerts:alert_detail", args=[self.pk])

    @property
    def recipient_codes(self) -> list[str]:
        """The contract's `recipients`: the town and department codes (uses the prefetch)."""
        return [r.code for r in self.recipients.all()]

    def is_active(self, *, now: dt.datetime | None = None) -> bool:
        now = now or clock.now()
        return self.valid_from <= now < self.valid_to


class AlertRecipient(UnitRecord):
    """One receiving unit of a warning, with its 签收 (confirmed once, never changed after): a
    town or a department of the publishing county, or a county of the publishing city or
    province (its admins confirm and pass it on; its towns see only what it passes on).

    Enterprises see the warnings their town or competent department receives."""

    UNIT_KINDS = (UnitKind.COUNTY, UnitKind.TOWN, UnitKind.DEPARTMENT)
    SHARED_WITH_SUBUNITS = True

    alert = models.ForeignKey(
        Alert,
        on_delete=models.CASCADE,
        related_name="recipients",
        verbose_name=pgettext_lazy("alerts", "early warning"),
    )
    confirmed_at = models.DateTimeField(
        pgettext_lazy("alerts", "confirmed at"), null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "confirmed by"),
    )
    # When the sweep reminded the unit / reported it to the county (each happens once).
    reminded_at = models.DateTimeField(
        pgettext_lazy("alerts", "reminded at"), null=True, blank=True
    )
    escalated_at = models.DateTimeField(
        pgettext_lazy("alerts", "escalated at"), null=True, blank=True
    )

    class Meta:
        # Towns first, then departments, then counties.
        ordering = ["-unit_kind", "town__ordering", "department__ordering", "division__code", "id"]
        verbose_name = pgettext_lazy("alerts", "warning recipient")
        verbose_name_plural = pgettext_lazy("alerts", "warning recipients")
        constraints = [
            models.CheckConstraint(
                name="alert_recipient_unit_matches_kind",
                condition=(
                    models.Q(
                        unit_kind="county",
                        division__isnull=False,
                        town__isnull=True,
                        department__isnull=True,
                    )
                    | models.Q(unit_kind="town", town__isnull=False, department__isnull=True)
                    | models.Q(unit_kind="department", town__isnull=True, department__isnull=False)
                ),
            ),
            models.UniqueConstraint(fields=["alert", "town"], name="alert_recipient_town_once"),
            models.UniqueConstraint(
                fields=["alert", "division"], name="alert_recipient_division_once"
            ),
            models.UniqueConstraint(
                fields=["alert", "department"], name="alert_recipient_department_once"
            ),
        ]
        indexes = [
            # Which warnings a town / department (or an enterprise through them) receives.
            models.Index(fields=["town", "alert"]),
            models.Index(fields=["department", "alert"]),
            # The sweep: unconfirmed recipients not yet reminded / escalated.
            models.Index(fields=["confirmed_at", "reminded_at"]),
            models.Index(fields=["confirmed_at", "escalated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.alert} → {self.unit_name}"

    @property
    def code(self) -> str:
        return self.unit_code
