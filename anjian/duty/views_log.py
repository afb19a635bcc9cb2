"""The duty log: handovers, information reports (late ones flagged), duty spot-checks and their
monthly summary."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.core import clock
from anjian.core.forms import submit
from anjian.core.permissions import requires
from anjian.duty import selectors, services
from anjian.duty.forms import CheckForm, HandoverForm, MonthForm, ReportForm


def _create_page(request, *, form, create, template: str, success: str, target: str):
    if submit(request, form, lambda data: create(
            actor=request.user, unit=data["unit"],
            data={k: v for k, v in data.items() if k != "unit"}), success=success):
        return redirect(target)
    return render(request, template, {"form": form})


@requires("view")
def handover_list(request):
    qs = selectors.handover_list(actor=request.user, unit=request.GET.get("unit", ""))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "duty/handover_list.html", {"page": page})


@requires("officer")
def handover_create(request):
    form = HandoverForm(request.POST or None, user=request.user,
                        initial={"handed_over_at": clock.localnow().replace(second=0,
                                                                                microsecond=0)})
    return _create_page(request, form=form, create=services.handover_create,
                        template="duty/handover_form.html",
                        success=_("The handover was recorded."), target="duty:handover_list")


@requires("view")
def report_list(request):
    late = {"1": True, "0": False}.get(request.GET.get("late", ""))
    reports = selectors.report_list(actor=request.user, unit=request.GET.get("unit", ""),
                                    late=late)
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(request, "duty/report_list.html", {
        "page": page, "late": request.GET.get("late", ""),
        "deadlines": selectors.report_deadlines()})


@requires("officer")
def report_create(request):
    form = ReportForm(request.POST or None, user=request.user,
                      initial={"received_at": clock.localnow().replace(second=0,
                                                                           microsecond=0)})
    return _create_page(request, form=form, create=services.report_create,
                        template="duty/report_form.html",
                        success=_("The information was recorded."), target="duty:report_list")


@requires("officer")
def report_edit(request, pk: int):
    report = selectors.report_get_for(actor=request.user, pk=pk)
    form = ReportForm(request.POST or None, instance=report, with_unit=False)
    if submit(request, form, lambda data: services.report_update(
            actor=request.user, report=report, data=data),
            success=_("The changes were saved.")):
        return redirect("duty:report_list")
    return render(request, "duty/report_form.html", {"form": form, "report": report})


@requires("view")
def check_list(request):
    qs = selectors.check_list(actor=request.user, unit=request.GET.get("unit", ""))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "duty/check_list.html", {"page": page})


@requires("leader")
def check_create(request):
    form = CheckForm(request.POST or None,
                     initial={"checked_at": clock.localnow().replace(second=0,
                                                                         microsecond=0)})
    return _create_page(request, form=form, create=services.check_create,
                        template="duty/check_form.html",
                        success=_("The spot-check was recorded."), target="duty:check_list")


@requires("leader")
def check_summary(request):
    today = clock.today()
    form = MonthForm(request.GET or None)
    month = form.cleaned_data["month"] if form.is_valid() and form.cleaned_data["month"] else (
        f"{today:%Y-%m}")
    year, number = (int(x) for x in month.split("-"))
    rows = selectors.check_monthly_summary(actor=request.user, year=year, month=number)
    return render(request, "duty/check_summary.html", {
        "rows": rows, "month": month, "total": sum(r.checks for r in rows),
        "unanswered": sum(r.unanswered for r in rows)})
