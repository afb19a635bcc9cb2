"""The work calendar page (a year of holidays, working days, seasons and the work each period
asks for) and the county admin's calendar settings."""

import calendar as stdlib_calendar
import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from anjian.core import clock
from anjian.core.forms import flash, submit
from anjian.core.hooks import resolve
from anjian.core.permissions import requires
from anjian.duty import calendar, forms, services
from anjian.duty.models import (
    DeclaredHoliday,
    DeclaredWorkday,
    LocalFestival,
    PeriodWork,
    Season,
)

# kind (in the URL) → (model, form, title)
SETTINGS = {
    "festivals": (LocalFestival, forms.FestivalForm, gettext_lazy("Local festivals")),
    "seasons": (Season, forms.SeasonForm, gettext_lazy("Seasons")),
    "work": (PeriodWork, forms.PeriodWorkForm, gettext_lazy("Work for each period")),
    "holidays": (
        DeclaredHoliday,
        forms.DeclaredHolidayForm,
        gettext_lazy("Statutory holidays entered by hand"),
    ),
    "workdays": (
        DeclaredWorkday,
        forms.DeclaredWorkdayForm,
        gettext_lazy("Adjusted working days entered by hand"),
    ),
}


def _months(year: int, cal: calendar.YearCalendar) -> list[dict]:
    """Twelve month grids; each day carries CSS classes for holiday/workday/season/today."""
    off = {}
    for h in cal.holidays:
        day = h.start
        while day <= h.end:
            off.setdefault(day, h)
            day += dt.timedelta(days=1)
    workdays = set(cal.workdays)
    today = clock.today()
    months = []
    for month in range(1, 13):
        weeks = []
        for week in stdlib_calendar.Calendar().monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                classes, title = [], []
                if day in off:
                    classes.append(f"cal-{off[day].kind}")
                    title.append(off[day].name)
                elif day in workdays:
                    classes.append("cal-workday")
                    title.append(_("adjusted working day"))
                elif day.weekday() >= 5:
                    classes.append("cal-weekend")
                if any(r.start <= day <= r.end for r in cal.seasons):
                    classes.append("cal-season")
                    title.extend(r.season.name for r in cal.seasons if r.start <= day <= r.end)
                if day == today:
                    classes.append("cal-today")
                row.append({"day": day, "classes": " ".join(classes), "title": "、".join(title)})
            weeks.append(row)
        months.append({"month": month, "weeks": weeks})
    return months


@requires("view")
def calendar_year(request):
    today = clock.today()
    try:
        year = int(request.GET.get("year", today.year))
        if not 1901 <= year <= 2099:
            raise ValueError
    except ValueError as exc:
        raise Http404 from exc
    context = {
        "year": year,
        "prev_year": year - 1,
        "next_year": year + 1,
        "package_years": calendar.PACKAGE_YEARS,
    }
    try:
        cal = calendar.year_calendar(year)
    except calendar.UnsupportedYear as exc:
        context["unsupported"] = exc.message()
        return render(request, "duty/calendar.html", context)
    context.update(
        {
            "cal": cal,
            "months": _months(year, cal),
            "holidays": [(h, calendar.work_for(h.name, holiday=True)) for h in cal.holidays],
            "seasons": [(r, calendar.work_for(r.season.name, holiday=False)) for r in cal.seasons],
            "next_holiday": calendar.next_holiday(today),
            "county_rules": [
                item
                for items in resolve("CALENDAR_ITEMS")
                for item in items(first=dt.date(year, 1, 1), last=dt.date(year, 12, 31))
            ],
        }
    )
    if context["next_holiday"]:
        context["next_work"] = calendar.work_for(context["next_holiday"].name, holiday=True)
    return render(request, "duty/calendar.html", context)


@requires("county_admin")
def calendar_settings(request):
    sections = [(kind, title, model.objects.all()) for kind, (model, _f, title) in SETTINGS.items()]
    return render(request, "duty/calendar_settings.html", {"sections": sections})


@requires("county_admin")
def calendar_item_edit(request, kind: str, pk: int | None = None):
    if kind not in SETTINGS:
        raise Http404
    model, form_class, title = SETTINGS[kind]
    instance = get_object_or_404(model, pk=pk) if pk else model()
    form = form_class(request.POST or None, instance=instance)
    if submit(
        request,
        form,
        lambda data: services.calendar_item_save(actor=request.user, instance=instance, data=data),
        success=_("The calendar setting was saved."),
    ):
        return redirect("duty:calendar_settings")
    return render(
        request,
        "duty/calendar_item_form.html",
        {"form": form, "title": title, "kind": kind, "instance": instance},
    )


@require_POST
@requires("county_admin")
def calendar_item_delete(request, kind: str, pk: int):
    if kind not in SETTINGS:
        raise Http404
    instance = get_object_or_404(SETTINGS[kind][0], pk=pk)
    return flash(
        request,
        lambda: services.calendar_item_delete(actor=request.user, instance=instance),
        success=_("The calendar setting was deleted."),
        to="duty:calendar_settings",
    )
