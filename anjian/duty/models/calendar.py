"""The county's work calendar: local festivals, seasons, the work each period asks for, and the
statutory holidays the county enters by hand for a year the holiday package does not yet cover."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A leap year, so that 2-29 is a valid month-day for a season or a solar festival.
_LEAP = 2024


def _check_month_day(month: int, day: int, field: str) -> None:
    try:
        dt.date(_LEAP, month, day)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("This month has no such day.")}) from exc


class DateSystem(models.TextChoices):
    LUNAR = "lunar", _("Lunar calendar")
    SOLAR = "solar", _("Gregorian calendar")


class LocalFestival(models.Model):
    """A festival the county keeps as days off (e.g. 三月三: lunar 3rd month, 3rd day, in Guangxi)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    date_system = models.CharField(
        _("calendar"), max_length=8, choices=DateSystem.choices, default=DateSystem.LUNAR
    )
    month = models.PositiveSmallIntegerField(_("month"))
    day = models.PositiveSmallIntegerField(_("day"))
    days = models.PositiveSmallIntegerField(_("length in days"), default=1)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["month", "day", "name"]
        verbose_name = _("local festival")
        verbose_name_plural = _("local festivals")
        constraints = [
            models.CheckConstraint(
                name="festival_days_1_to_15", condition=models.Q(days__gte=1, days__lte=15)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.month is None or self.day is None:
            return
        if self.date_system == DateSystem.LUNAR:
            if not (1 <= self.month <= 12 and 1 <= self.day <= 30):
                raise ValidationError({"day": _("A lunar date has months 1–12 and days 1–30.")})
        else:
            _check_month_day(self.month, self.day, "day")


class Season(models.Model):
    """A season the county defines (汛期, 森林防火期); it may cross the year end (10-1 … 4-30)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    start_month = models.PositiveSmallIntegerField(_("start month"))
    start_day = models.PositiveSmallIntegerField(_("start day"))
    end_month = models.PositiveSmallIntegerField(_("end month"))
    end_day = models.PositiveSmallIntegerField(_("end day"))

    class Meta:
        ordering = ["start_month", "start_day", "name"]
        verbose_name = _("season")
        verbose_name_plural = _("seasons")

    def __str__(self) -> str:
        return self.name

    @property
    def crosses_year_end(self) -> bool:
        return (self.end_month, self.end_day) < (self.start_month, self.start_day)

    def clean(self) -> None:
        if None in (self.start_month, self.start_day, self.end_month, self.end_day):
            return
        _check_month_day(self.start_month, self.start_day, "start_day")
        _check_month_day(self.end_month, self.end_day, "end_day")


class WorkTiming(models.TextChoices):
    BEFORE = "before", _("Before")
    DURING = "during", _("During")


class PeriodWork(models.Model):
    """Work the county does for a period: before 春节 节前安全生产大检查, during 汛期 防汛 …

    `period` names a holiday or a season; "*" stands for every holiday.
    """

    EVERY_HOLIDAY = "*"

    period = models.CharField(
        pgettext_lazy("duty", "period"),
        max_length=40,
        help_text=_("A holiday or season name; * for every holiday."),
    )
    timing = models.CharField(
        _("timing"), max_length=8, choices=WorkTiming.choices, default=WorkTiming.BEFORE
    )
    title = models.CharField(_("work"), max_length=100)
    detail = models.TextField(_("detail"), blank=True)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=100)

    class Meta:
        ordering = ["period", "ordering", "id"]
        verbose_name = _("period work")
        verbose_name_plural = _("period work")

    def __str__(self) -> str:
        return f"{self.period}: {self.title}"


class DeclaredHoliday(models.Model):
    """A statutory holiday entered from the State Council's notice, for a year the package lacks."""

    name = models.CharField(_("name"), max_length=40)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("declared statutory holiday")
        verbose_name_plural = _("declared statutory holidays")
        constraints = [
            models.CheckConstraint(
                name="declared_holiday_end_after_start",
                condition=models.Q(end__gte=models.F("start")),
            ),
        ]
        indexes = [
            # calendar.year_calendar: the declared holidays of one year.
            models.Index(fields=["start"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start}–{self.end}"

    def clean(self) -> None:
        if self.start and self.end:
            if self.end < self.start:
                raise ValidationError({"end": _("The last day cannot be before the first day.")})
            if (self.end - self.start).days > 15:
                raise ValidationError({"end": _("A holiday lasts at most 16 days.")})


class DeclaredWorkday(models.Model):
    """An adjusted working day (调休上班) entered by hand, for a year the package lacks."""

    day = models.DateField(_("day"), unique=True)
    note = models.CharField(_("note"), max_length=60, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("declared working day")
        verbose_name_plural = _("declared working days")

    def __str__(self) -> str:
        return self.day.isoformat()
