"""The landing pages: the workbench (工作台) for those who act, the cockpit for the leader."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.accidents import charts
from anjian.accounts.units import Unit, UnitKind
from anjian.core.permissions import has_permission, requires
from anjian.reports.cockpit import cockpit_for
from anjian.reports.overview import overview_for
from anjian.reports.todo import KIND_LABELS, counts_by_kind, todo_list


def lands_on_cockpit(user) -> bool:
    """The leader reads and does not act: its landing page is the cockpit."""
    return has_permission(user, "leader") and not has_permission(user, "write")


def _unit_name(user) -> str:
    unit = Unit.of(user)
    if unit is None or unit.pk is None and unit.kind != UnitKind.COUNTY:
        return ""
    county = unit.obj if unit.kind == UnitKind.COUNTY else None
    return county.name if county is not None else unit.name


@requires("login")
def home(request):
    if not has_permission(request.user, "view"):
        return redirect("audit_list")  # the audit admin's one page (三权分立)
    return redirect("cockpit" if lands_on_cockpit(request.user) else "todo")


@requires("view")
def todo(request):
    """工作台: the user's open tasks, most urgent first, and its part of the county in figures."""
    tasks = todo_list(actor=request.user)
    for task in tasks:
        task["label"] = KIND_LABELS.get(task["kind"], task["kind"])
    return render(
        request,
        "reports/todo.html",
        {
            "tasks": tasks,
            "counts": counts_by_kind(tasks),
            "o": overview_for(actor=request.user),
            "unit_name": _unit_name(request.user),
        },
    )


@requires("leader")
def cockpit(request):
    """领导驾驶舱: this month and year against last year, where accidents concentrate, major
    hazards, red risks on the map, warnings in force, who is on duty, what comes next."""
    c = cockpit_for(actor=request.user)
    figures = {
        "trend": charts.trend_figure(c.trend),
        "sectors": charts.breakdown_figure(c.year_stats["by_sector"], _("By sector")),
        "towns": charts.breakdown_figure(c.year_stats["by_town"], _("By town")),
    }
    return render(
        request,
        "reports/cockpit.html",
        {"c": c, "figures": figures, "unit_name": _unit_name(request.user)},
    )
