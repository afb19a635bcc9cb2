"""Hidden hazards (事故隐患) and their closed loop 排查 → 登记 → 整改 → 验收 → 销号.

Rules: 原国家安监总局令第16号 (隐患排查治理暂行规定); 安全生产法 (2021) Art. 41, 46, 65, 113.
`overdue` is derived (not closed and today > deadline, Asia/Shanghai), never stored.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accounts.models import Department, Sector, Town
from anjian.core import clock
from anjian.core.scoping import Scope


class HazardGrade(models.TextChoices):
    GENERAL = "general", _("General hazard")
    MAJOR = "major", _("Major hazard")


class HazardSource(models.TextChoices):
    INSPECTION = "inspection", pgettext_lazy("hazard", "Government inspection")
    SELF_CHECK = "self_check", _("Enterprise self-check")
    CAMPAIGN = "campaign", _("Special campaign")
    PUBLIC_REPORT = "public_report", _("Public report")


class HazardStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("hazard", "Pending")
    RECTIFYING = "rectifying", pgettext_lazy("hazard", "Rectifying")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", pgettext_lazy("hazard", "Awaiting acceptance")
    CLOSED = "closed", pgettext_lazy("hazard", "Closed")


class CriterionQuerySet(models.QuerySet):
    def in_force(self, *, on: dt.date):
        """The items of the standards in force on `on` (a hazard found that day uses these)."""
        return self.filter(models.Q(effective_from__isnull=True) | models.Q(effective_from__lte=on),
                           models.Q(effective_until__isnull=True)
                           | models.Q(effective_until__gte=on))


class HazardCriterion(models.Model):
    """One item of a national 重大事故隐患判定标准: a hazard matching it is graded major.

    Each item carries its source standard and the days that standard is in force: a hazard is
    judged by the items in force on the day it was found (GB 35181-2017's fire items until
    2025-10-31, then GB 35181-2025)."""

    code = models.SlugField(pgettext_lazy("hazard", "code"), max_length=40, unique=True)
    standard = models.CharField(_("standard"), max_length=200)
    item = models.CharField(_("item number"), max_length=20)
    text = models.TextField(_("text"))
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="hazard_criteria", verbose_name=_("sector"))
    ordering = models.PositiveIntegerField(_("ordering"), default=0)
    # Empty: not known (in force for every date until the other bound).
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_until = models.DateField(_("in force until (last day)"), null=True, blank=True)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = pgettext_lazy("hazard", "major-hazard criterion")
        verbose_name_plural = _("major-hazard criteria")
        constraints = [
            models.CheckConstraint(
                name="criterion_in_force_range",
                condition=models.Q(effective_from__isnull=True)
                | models.Q(effective_until__isnull=True)
                | models.Q(effective_until__gte=models.F("effective_from"))),
        ]

    def __str__(self) -> str:
        return f"{self.standard} {self.item}"

    def in_force_on(self, day: dt.date) -> bool:
        return ((self.effective_from is None or self.effective_from <= day)
                and (self.effective_until is None or day <= self.effective_until))


def criterion_not_in_force(criterion: HazardCriterion, day: dt.date) -> str:
    return _("%(standard)s is not in force on %(day)s (in force %(start)s – %(end)s): judge the "
             "hazard by the standard in force on the day it was found.") % {
        "standard": criterion.standard, "day": day.isoformat(),
        "start": criterion.effective_from.isoformat() if criterion.effective_from else "…",
        "end": criterion.effective_until.isoformat() if criterion.effective_until else "…"}


class HazardQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=HazardStatus.CLOSED)

    def overdue(self, *, on: dt.date | None = None):
        """Not closed and the deadline passed (a deadline of today is not overdue yet)."""
        return self.open().filter(deadline__lt=on or clock.today())

    def not_overdue(self, *, on: dt.date | None = None):
        today = on or clock.today()
        return self.filter(models.Q(status=HazardStatus.CLOSED) | models.Q(deadline__gte=today))

    def due_within(self, days: int, *, on: dt.date | None = None):
        today = on or clock.today()
        return self.open().filter(deadline__gte=today, deadline__lte=today + dt.timedelta(days=days))

    def search(self, q: str):
        if not q:
            return self
        return self.filter(models.Q(description__icontains=q)
                           | models.Q(enterprise__name__icontains=q)
                           | models.Q(location__icontains=q))


PLAN_FIELDS = ("plan_objectives", "plan_methods", "plan_funds_materials", "plan_organisation",
               "plan_time_limit", "plan_safety_measures")
FIVE_FIXES = ("responsible_person", "measures", "funds", "deadline", "contingency_plan")


class Hazard(models.Model):
    """A hidden hazard of an enterprise, or of a public place (town + location)."""

    SCOPE = Scope(town="town", sector="sector", enterprise="enterprise")

    enterprise = models.ForeignKey("registry.Enterprise", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="hazards",
                                   verbose_name=pgettext_lazy("hazard", "enterprise"))
    # Denormalised from the enterprise (or given for a public place): every query scopes by both.
    town = models.ForeignKey(Town, on_delete=models.PROTECT, related_name="hazards",
                             verbose_name=pgettext_lazy("hazard", "town"))
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="hazards",
                               verbose_name=_("sector"))
    location = models.CharField(pgettext_lazy("hazard", "location"), max_length=200, blank=True)
    description = models.TextField(pgettext_lazy("hazard", "description"))
    grade = models.CharField(pgettext_lazy("hazard", "grade"), max_length=10, choices=HazardGrade.choices,
                             default=HazardGrade.GENERAL)
    criterion = models.ForeignKey(HazardCriterion, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="hazards", verbose_name=pgettext_lazy("hazard", "major-hazard criterion"))
    # The standard (with its version) the hazard was judged by, kept as it was on that day.
    criterion_standard = models.CharField(_("judged by standard"), max_length=200, blank=True)
    found_on = models.DateField(pgettext_lazy("hazard", "found on"))
    found_by = models.CharField(_("found by"), max_length=100)
    source = models.CharField(pgettext_lazy("hazard", "source"), max_length=16, choices=HazardSource.choices)
    # The government unit that found it and accepts it (both empty: the county, or self-check).
    owner_town = models.ForeignKey(Town, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="owned_hazards", verbose_name=_("owning town"))
    owner_department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="owned_hazards",
                                         verbose_name=_("owning department"))
    status = models.CharField(pgettext_lazy("hazard", "status"), max_length=20, choices=HazardStatus.choices,
                              default=HazardStatus.PENDING)
    supervised = models.BooleanField(_("under county supervision"), default=False)

    # 五定: responsible person, measures, funds, deadline, contingency plan.
    deadline = models.DateField(pgettext_lazy("hazard", "deadline"))
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True)
    responsible_person = models.CharField(pgettext_lazy("hazard", "responsible person"), max_length=100, blank=True)
    measures = models.TextField(_("rectification measures"), blank=True)
    funds = models.DecimalField(_("funds (yuan)"), max_digits=14, decimal_places=2, null=True,
                                blank=True)
    contingency_plan = models.TextField(_("contingency plan"), blank=True)

    # 治理方案 of a major hazard (令第16号 Art. 15): six parts.
    plan_objectives = models.TextField(_("objectives and tasks"), blank=True)
    plan_methods = models.TextField(_("methods and measures"), blank=True)
    plan_funds_materials = models.TextField(_("funds and materials"), blank=True)
    plan_organisation = models.TextField(_("responsible organisation and persons"), blank=True)
    plan_time_limit = models.TextField(_("time limit and requirements"), blank=True)
    plan_safety_measures = models.TextField(_("safety measures and emergency plan"), blank=True)

    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=pgettext_lazy("hazard", "recorded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = HazardQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")
        indexes = [
            # The scoped list, newest first: a town's / a sector's / an enterprise's hazards.
            models.Index(fields=["town", "-found_on", "-id"]),
            models.Index(fields=["sector", "-found_on", "-id"]),
            models.Index(fields=["enterprise", "-found_on", "-id"]),
            models.Index(fields=["-found_on", "-id"]),
            # The sweep and the overdue filter: open hazards by deadline.
            models.Index(fields=["status", "deadline"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="hazard_enterprise_or_location",
                condition=models.Q(enterprise__isnull=False) | ~models.Q(location="")),
            models.CheckConstraint(
                name="hazard_status_valid",
                condition=models.Q(status__in=HazardStatus.values)),
            models.CheckConstraint(
                name="hazard_grade_valid", condition=models.Q(grade__in=HazardGrade.values)),
            models.CheckConstraint(
                name="hazard_deadline_not_before_found",
                condition=models.Q(deadline__gte=models.F("found_on"))),
            models.CheckConstraint(
                name="hazard_criterion_means_major",
                condition=models.Q(criterion__isnull=True) | models.Q(grade="major")),
        ]

    def __str__(self) -> str:
        place = self.enterprise.name if self.enterprise_id else self.location
        return f"{place}: {self.description[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("hazards:hazard_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.enterprise_id is None and not (self.location or "").strip():
            errors["location"] = _("A public-place hazard needs its location.")
        if self.found_on and self.deadline and self.deadline < self.found_on:
            errors["deadline"] = _("The deadline cannot be before the day the hazard was found.")
        if self.found_on and self.found_on > clock.today():
            errors["found_on"] = _("The day found cannot be in the future.")
        if self.criterion_id and self.grade != HazardGrade.MAJOR:
            errors["grade"] = _("A hazard matching a major-hazard criterion is a major hazard.")
        if self.criterion_id and self.found_on and not self.criterion.in_force_on(self.found_on):
            errors["criterion"] = criterion_not_in_force(self.criterion, self.found_on)
        if errors:
            raise ValidationError(errors)

    @property
    def overdue(self) -> bool:
        return self.status != HazardStatus.CLOSED and clock.today() > self.deadline

    is_overdue = overdue

    @property
    def is_major(self) -> bool:
        return self.grade == HazardGrade.MAJOR

    @property
    def is_public_place(self) -> bool:
        return self.enterprise_id is None

    @property
    def government_found(self) -> bool:
        return self.source != HazardSource.SELF_CHECK

    def missing_plan_parts(self) -> list[str]:
        """The parts of the 治理方案 still empty (a major hazard needs all six)."""
        return [name for name in PLAN_FIELDS if not (getattr(self, name) or "").strip()]


class HazardTransition(models.Model):
    """One step of the workflow: who moved the hazard from which state to which, and why."""

    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="transitions",
                               verbose_name=_("hazard"))
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=HazardStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=HazardStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("by"))
    actor_name = models.CharField(_("by"), max_length=150)
    at = models.DateTimeField(_("time"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("hazard transition")
        verbose_name_plural = _("hazard transitions")
        indexes = [
            # The history timeline of one hazard.
            models.Index(fields=["hazard", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


def evidence_path(instance: "HazardEvidence", filename: str) -> str:
    return f"hazards/{instance.hazard_id}/{filename}"


class HazardEvidence(models.Model):
    """A photo or document attached to a hazard at one step; served only through a scoped view."""

    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="evidence",
                               verbose_name=_("hazard"))
    transition = models.ForeignKey(HazardTransition, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="evidence",
                                   verbose_name=_("transition"))
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(pgettext_lazy("hazard", "kind"), max_length=10, choices=EvidenceKind.choices)
    step = models.CharField(pgettext_lazy("hazard", "step"), max_length=20, choices=HazardStatus.choices)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("hazards:hazard_evidence_download", args=[self.pk])


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("hazard", "Requested")
    APPROVED = "approved", pgettext_lazy("hazard", "Approved")
    REFUSED = "refused", pgettext_lazy("hazard", "Refused")


class HazardExtension(models.Model):
    """A request to move the deadline; the deadline changes only when the government approves."""

    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="extensions",
                               verbose_name=_("hazard"))
    previous_deadline = models.DateField(_("previous deadline"))
    new_deadline = models.DateField(_("requested deadline"))
    reason = models.TextField(_("reason"))
    status = models.CharField(pgettext_lazy("hazard", "status"), max_length=10, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [
            models.CheckConstraint(
                name="extension_moves_deadline_later",
                condition=models.Q(new_deadline__gt=models.F("previous_deadline"))),
            # At most one open request per hazard.
            models.UniqueConstraint(fields=["hazard"], condition=models.Q(status="requested"),
                                    name="extension_one_open_request"),
        ]

    def __str__(self) -> str:
        return f"{self.previous_deadline} → {self.new_deadline}"


class SupervisionNotice(models.Model):
    """挂牌督办通知书: a major hazard put under county supervision."""

    hazard = models.OneToOneField(Hazard, on_delete=models.CASCADE, related_name="supervision",
                                  verbose_name=_("hazard"))
    number = models.CharField(pgettext_lazy("hazard", "number"), max_length=40, unique=True)
    issued_on = models.DateField(pgettext_lazy("hazard", "issued on"))
    supervising_unit = models.CharField(_("supervising unit"), max_length=100)
    requirements = models.TextField(_("requirements"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")

    def __str__(self) -> str:
        return self.number
