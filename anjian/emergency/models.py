"""Emergency plans (应急预案) of the county, towns, departments and enterprises, and their drills
(演练). Deadlines are computed from `rules` (never stored): see `EmergencyPlan.deadlines`."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accounts.units import Scope, UnitKind, UnitRecord
from anjian.core import clock
from anjian.emergency import rules


class PlanKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive plan (综合应急预案)")
    SPECIAL = "special", _("Special plan (专项应急预案)")
    ONSITE = "onsite", _("On-site response plan (现场处置方案)")


class DrillForm(models.TextChoices):
    TABLETOP = "tabletop", _("Tabletop")
    FUNCTIONAL = "functional", _("Functional")
    FULL_SCALE = "full_scale", _("Full-scale")


class RevisionTrigger(models.TextChoices):
    """令第2号 Art. 36: what makes a plan due for revision."""

    LAW = "law", _("Laws or standards changed")
    ORGANISATION = "organisation", _("Organisation or duties changed")
    RISK = "risk", _("Major risks changed")
    RESOURCES = "resources", _("Emergency resources changed")
    DRILL = "drill", _("Findings of a drill or a response")
    OTHER = "other", _("Other")


def _government() -> Q:
    return Q(unit_kind__in=sorted(rules.GOVERNMENT_KINDS))


def _evaluation_applies() -> Q:
    """The database's `rules.evaluation_applies`."""
    return (
        _government()
        | Q(enterprise__sector__code__in=sorted(rules.EVALUATION_SECTORS))
        | Q(enterprise__employees__gte=rules.EVALUATION_EMPLOYEES)
    )


def _drill_interval_q() -> dict[int, Q]:
    """The database's `rules.drill_interval_months`: months → which plans."""
    six = ~_government() & (
        Q(enterprise__sector__code__in=sorted(rules.HIGH_RISK_SECTORS)) | Q(kind=PlanKind.ONSITE)
    )
    return {24: _government(), 6: six, 12: ~_government() & ~six}


class EmergencyPlanQuerySet(models.QuerySet):
    def with_dates(self) -> EmergencyPlanQuerySet:
        """Annotate the last drill (`last_drill_on`) and the bases the deadlines count from."""
        # A correlated subquery on the (plan, -held_on) index, not a GROUP BY over all plans.
        last = Subquery(
            Drill.objects.filter(plan=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
        )
        return self.annotate(
            last_drill_on=last,
            drill_base=Coalesce(last, "published_on"),
            evaluation_base=Coalesce("evaluated_on", "published_on"),
        )

    def _due_before(self, day: dt.date, *, drill: bool = True, evaluation: bool = True) -> Q:
        """Plans whose drill or evaluation falls due before `day` (needs `with_dates`)."""
        condition = Q(pk__in=[])
        if drill:
            for months, plans in _drill_interval_q().items():
                condition |= plans & Q(drill_base__lt=rules.base_cutoff(day, months))
        if evaluation:
            condition |= _evaluation_applies() & Q(
                evaluation_base__lt=rules.base_cutoff(day, rules.EVALUATION_MONTHS)
            )
        return condition

    def overdue(
        self, *, on: dt.date, drill: bool = True, evaluation: bool = True
    ) -> EmergencyPlanQuerySet:
        """Plans whose drill or evaluation is overdue on `on` (exactly `EmergencyPlan.overdue`)."""
        return self.with_dates().filter(self._due_before(on, drill=drill, evaluation=evaluation))

    def overdue_or_not(self, *, on: dt.date, overdue: bool) -> EmergencyPlanQuerySet:
        """On a queryset already `with_dates`: the overdue plans, or the others."""
        condition = self._due_before(on)
        return self.filter(condition) if overdue else self.exclude(condition)

    def due_by(
        self, *, on: dt.date, drill: bool = True, evaluation: bool = True
    ) -> EmergencyPlanQuerySet:
        """Plans whose drill or evaluation falls due on or before `on`."""
        return self.with_dates().filter(
            self._due_before(on + dt.timedelta(days=1), drill=drill, evaluation=evaluation)
        )


class EmergencyPlan(UnitRecord):
    """One plan, kept by a government unit (`unit_kind` county/town/department) or by an
    enterprise (`enterprise`). Towns see their own plans and their enterprises'; departments
    their own and their sectors' enterprises' (`SCOPE`)."""

    UNIT_KINDS = tuple(UnitKind.values)
    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emergency_plans",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(
        pgettext_lazy("emergency", "kind"), max_length=16, choices=PlanKind.choices
    )
    title = models.CharField(pgettext_lazy("emergency", "title"), max_length=200)
    published_on = models.DateField(_("published on"))
    filed_on = models.DateField(_("filed on (备案)"), null=True, blank=True)
    filing_number = models.CharField(_("filing number"), max_length=60, blank=True)
    evaluated_on = models.DateField(_("last evaluated on"), null=True, blank=True)
    # 令第2号 Art. 36: [{"date": "2025-03-01", "trigger": "law", "note": "…"}], oldest first.
    revisions = models.JSONField(_("revision triggers"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = EmergencyPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")
        constraints = [
            models.CheckConstraint(
                name="emergencyplan_unit_matches_kind",
                condition=(
                    Q(
                        unit_kind="county",
                        town__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        unit_kind="town",
                        town__isnull=False,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        unit_kind="department",
                        town__isnull=True,
                        department__isnull=False,
                        enterprise__isnull=True,
                    )
                    | Q(
                        unit_kind="enterprise",
                        town__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=False,
                    )
                ),
                violation_error_message=_("The plan's unit does not match its kind."),
            ),
        ]
        indexes = [
            # The scoped lists: a unit's own plans, an enterprise's plans, newest first.
            models.Index(fields=["unit_kind", "town", "department"]),
            models.Index(fields=["enterprise", "-published_on"]),
            models.Index(fields=["-published_on", "-id"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("emergency:plan_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.published_on:
            if self.filed_on and self.filed_on < self.published_on:
                errors["filed_on"] = _("A plan cannot be filed before it is published.")
            if self.evaluated_on and self.evaluated_on < self.published_on:
                errors["evaluated_on"] = _("A plan cannot be evaluated before it is published.")
        if self.filing_number and not self.filed_on:
            errors["filed_on"] = _("Give the filing date with the filing number.")
        if errors:
            raise ValidationError(errors)

    @property
    def revision_entries(self) -> list[dict]:
        """The revision triggers with their labels, for the page."""
        labels = dict(RevisionTrigger.choices)
        return [
            {**entry, "label": labels.get(entry.get("trigger"), entry.get("trigger"))}
            for entry in self.revisions
        ]

    @property
    def owner_name(self) -> str:
        return self.enterprise.name if self.enterprise_id else str(self.unit.name)

    @property
    def sector_code(self) -> str | None:
        return self.enterprise.sector.code if self.enterprise_id else None

    @cached_property
    def last_drill(self) -> dt.date | None:
        if "last_drill_on" in self.__dict__:
            return self.__dict__["last_drill_on"]
        return self.drills.aggregate(last=Max("held_on"))["last"]

    def filing_late_on(self, today: dt.date) -> bool:
        from anjian.emergency.workdays import is_workday

        return rules.filing_late(
            published_on=self.published_on,
            filed_on=self.filed_on,
            today=today,
            is_workday=is_workday,
        )

    @property
    def filing_late(self) -> bool:
        return self.filing_late_on(clock.today())

    @property
    def next_evaluation_due(self) -> dt.date | None:
        return rules.next_evaluation_due(
            unit_kind=self.unit_kind,
            sector=self.sector_code,
            employees=self.enterprise.employees if self.enterprise_id else None,
            published_on=self.published_on,
            evaluated_on=self.evaluated_on,
        )

    @property
    def next_drill_due(self) -> dt.date:
        return rules.next_drill_due(
            unit_kind=self.unit_kind,
            kind=self.kind,
            sector=self.sector_code,
            published_on=self.published_on,
            last_drill_on=self.last_drill,
        )

    def overdue_on(self, today: dt.date) -> bool:
        return rules.overdue(
            today=today, drill_due=self.next_drill_due, evaluation_due=self.next_evaluation_due
        )

    @property
    def overdue(self) -> bool:
        return self.overdue_on(clock.today())


class Drill(models.Model):
    """A drill held against one plan; its problems may become a hazard (`hazard`)."""

    SCOPE = Scope(
        town="plan__enterprise__town",
        sector="plan__enterprise__sector",
        enterprise="plan__enterprise",
    )

    plan = models.ForeignKey(
        EmergencyPlan,
        on_delete=models.PROTECT,
        related_name="drills",
        verbose_name=_("emergency plan"),
    )
    held_on = models.DateField(_("held on"))
    form = models.CharField(_("form"), max_length=12, choices=DrillForm.choices)
    participants = models.PositiveIntegerField(_("participants"))
    evaluation = models.TextField(_("evaluation"), blank=True)
    problems = models.TextField(_("problems found"), blank=True)
    hazard = models.ForeignKey(
        "hazards.Hazard",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hazard"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        indexes = [
            # A plan's drills, newest first (and its last drill for the deadlines).
            models.Index(fields=["plan", "-held_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("emergency:drill_detail", args=[self.pk])

    def clean(self) -> None:
        if self.plan_id and self.held_on and self.held_on < self.plan.published_on:
            raise ValidationError(
                {
                    "held_on": _("A drill cannot be held before its plan was published (%(day)s).")
                    % {"day": self.plan.published_on.isoformat()}
                }
            )


def attachment_path(instance: PlanAttachment, filename: str) -> str:
    return f"emergency/{instance.plan_id}/{filename}"


class PlanAttachment(models.Model):
    """The plan's document (the signed text, the filing receipt, the evaluation report), checked
    by content like hazard evidence and served only through the scoped view."""

    plan = models.ForeignKey(
        EmergencyPlan,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("emergency plan"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("emergency:attachment_download", args=[self.pk])
