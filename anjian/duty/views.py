"""Duty roster pages: list, detail (gaps highlighted), create/edit with shifts, Excel, print,
and the filing overview for the next holiday."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.units import Unit
from anjian.core import clock, pii
from anjian.core.audit import timeline
from anjian.core.excel_views import xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires
from anjian.duty import calendar, exports, selectors, services
from anjian.duty.forms import RosterForm, ShiftFormSet
from anjian.duty.gaps import segments
from anjian.duty.policies import duty_unit, may_file_for, units_user_may_file


@requires("view")
def roster_list(request):
    unit = request.GET.get("unit", "")
    qs = selectors.roster_list(actor=request.user, unit=unit, town=request.GET.get("town", ""),
                               department=request.GET.get("department", ""))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    for roster in page:
        roster.gap_list = selectors.roster_gaps(roster)
    return render(request, "duty/roster_list.html", {
        "page": page, "unit": unit, "next_holiday": calendar.next_holiday(clock.today()),
        "own_unit": duty_unit(request.user)})


@requires("view")
def roster_detail(request, pk: int):
    roster = selectors.roster_get_for(actor=request.user, pk=pk)
    shifts = list(roster.shifts.all())
    pii.record_view(actor=request.user, instance=roster, fields={"shifts.phone": pii.PHONE})
    return render(request, "duty/roster_detail.html", {
        "roster": roster, "shifts": shifts,
        "segments": segments(roster.starts_at, roster.ends_at, shifts),
        "gaps": selectors.roster_gaps(roster), "timeline": timeline(roster)[:50],
        "may_edit": may_file_for(request.user, Unit.of_record(roster))})


def _holiday_initial(day: str) -> tuple[dict, list[dict]]:
    """Form defaults for a roster covering the holiday that starts on `day`: one shift a day."""
    try:
        start = dt.date.fromisoformat(day)
    except ValueError:
        return {}, []
    holiday = next((h for h in calendar.holidays_from(start) if h.start == start), None)
    if holiday is None:
        return {}, []
    a, b = holiday.window()
    days = [a + dt.timedelta(days=i) for i in range(holiday.days)]
    shifts = [{"starts_at": d, "ends_at": d + dt.timedelta(days=1)} for d in days]
    return {"title": _("%(name)s duty roster") % {"name": holiday.name}, "starts_at": a,
            "ends_at": b}, shifts


def _shift_data(formset) -> list[dict]:
    return [f.cleaned_data for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def _roster_form_page(request, *, roster=None):
    if roster is None:
        initial, shifts_initial = _holiday_initial(request.GET.get("holiday", ""))
        form = RosterForm(request.POST or None, user=request.user, initial=initial)
    else:
        shifts_initial = [{k: getattr(s, k) for k in services.SHIFT_FIELDS}
                          for s in roster.shifts.all()]
        form = RosterForm(request.POST or None, user=request.user,
                          fixed_unit=Unit.of_record(roster),
                          initial={"title": roster.title, "starts_at": roster.starts_at,
                                   "ends_at": roster.ends_at})
    formset = ShiftFormSet(request.POST or None, initial=shifts_initial, prefix="shifts")
    if roster is None:
        def save(data):
            return services.roster_create(
                actor=request.user, unit=data["unit"], title=data["title"],
                starts_at=data["starts_at"], ends_at=data["ends_at"],
                shifts=_shift_data(formset))
    else:
        def save(data):
            return services.roster_update(
                actor=request.user, roster=roster, title=data["title"],
                starts_at=data["starts_at"], ends_at=data["ends_at"],
                shifts=_shift_data(formset))
    saved = formset.is_valid() if request.method == "POST" else False
    saved = saved and submit(request, form, save, success=_("The duty roster was saved."))
    if saved:
        return redirect("duty:roster_detail", pk=saved.pk)
    return render(request, "duty/roster_form.html",
                  {"form": form, "formset": formset, "roster": roster})


@requires("officer")
def roster_create(request):
    if not units_user_may_file(request.user):
        raise Http404
    return _roster_form_page(request)


@requires("officer")
def roster_edit(request, pk: int):
    roster = selectors.roster_get_for(actor=request.user, pk=pk)
    return _roster_form_page(request, roster=roster)


@require_POST
@requires("officer")
def roster_delete(request, pk: int):
    roster = selectors.roster_get_for(actor=request.user, pk=pk)
    return flash(request, lambda: services.roster_delete(actor=request.user, roster=roster),
                 success=_("The duty roster was deleted."), to="duty:roster_list")


@requires("view")
def roster_export(request, pk: int):
    roster = selectors.roster_get_for(actor=request.user, pk=pk)
    return xlsx_download(f"duty-roster-{roster.pk}.xlsx",
                         lambda stream: exports.export_roster(actor=request.user, roster=roster,
                                                               stream=stream),
                         request=request, kind="duty_roster")


@requires("view")
def roster_print(request, pk: int):
    roster = selectors.roster_get_for(actor=request.user, pk=pk)
    pii.record_view(actor=request.user, instance=roster, fields={"shifts.phone": pii.PHONE})
    return render(request, "duty/roster_print.html", {
        "roster": roster, "shifts": list(roster.shifts.all()),
        "gaps": selectors.roster_gaps(roster)})


@requires("leader")
def filing_overview(request):
    today = clock.today()
    upcoming = calendar.holidays_from(today)[:12]
    chosen = request.GET.get("holiday", "")
    holiday = next((h for h in upcoming if h.start.isoformat() == chosen),
                   upcoming[0] if upcoming else None)
    rows = selectors.filing_overview(holiday=holiday) if holiday else []
    counts = {state: sum(1 for r in rows if r.state == state)
              for state in ("filed", "partial", "missing")}
    return render(request, "duty/filing_overview.html", {
        "holiday": holiday, "upcoming": upcoming, "rows": rows, "counts": counts,
        "calendar_missing": not upcoming})
