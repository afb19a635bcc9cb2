"""The landing pages: the workbench (工作台) for those who act, the cockpit for the leader."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.accidents import charts, stats
from anjian.accounts.units import Unit, UnitKind
from anjian.core import clock, pii
from anjian.core.documents import render_official
from anjian.core.downloads import content_download
from anjian.core.periods import period_of
from anjian.core.permissions import has_permission, requires
from anjian.duty.calendar import UnsupportedYear, next_holiday
from anjian.reports import files
from anjian.reports.briefing import build_briefing
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


@requires("leader")
def briefing(request):
    """The safety-meeting briefing: without ?period= a page to choose the period and format,
    with it the document (?format=docx, GB/T 9704 Word, or ?format=md), audited."""
    if "period" not in request.GET:
        return render(
            request,
            "reports/briefing.html",
            {"period": str(period_of(clock.today())), "holiday": calendar_next_holiday()},
        )
    try:
        period = stats.period_param(request.GET.get("period"))
    except ValidationError as exc:
        return HttpResponse(
            " ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8"
        )
    fmt = "md" if request.GET.get("format") == "md" else "docx"
    document, _data = build_briefing(actor=request.user, period=period)
    content_type = (
        "text/markdown; charset=utf-8"
        if fmt == "md"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return content_download(
        request,
        render_official(document, fmt),
        content_type=content_type,
        filename=f"briefing-{period}.{fmt}",
        kind="briefing",
        query=request.GET.urlencode(),
    )


def calendar_next_holiday():
    try:
        return next_holiday(clock.today())
    except UnsupportedYear:
        return None


@requires("view")
def enterprise_file(request, pk: int):
    """一企一档: the enterprise's whole file, one tab (?tab=) open and paginated."""
    enterprise = files.enterprise_for_file(actor=request.user, pk=pk)
    file = files.build_file(
        actor=request.user,
        target=enterprise,
        tabs=files.ENTERPRISE_TABS,
        tab=request.GET.get("tab", ""),
        page=request.GET.get("page"),
    )
    if file.active.key == "basic":
        pii.record_view(actor=request.user, instance=enterprise, fields={"phone": pii.PHONE})
    return render(
        request,
        "reports/file.html",
        {
            "heading": enterprise.name,
            "subtitle": f"{enterprise.town.name} · {enterprise.sector.name}",
            "enterprise": enterprise,
            "file": file,
        },
    )


def _unit_file(request, kind: str, pk: int):
    unit = files.unit_for_file(actor=request.user, kind=kind, pk=pk)
    file = files.build_file(
        actor=request.user,
        target=unit,
        tabs=files.UNIT_TABS,
        tab=request.GET.get("tab", ""),
        page=request.GET.get("page"),
    )
    subtitle = (
        _("Records located in the town")
        if kind == "town"
        else _("Records of the department's sectors: %(sectors)s")
        % {"sectors": "、".join(s.name for s in unit.sectors())}
    )
    return render(
        request,
        "reports/file.html",
        {"heading": unit.name, "subtitle": subtitle, "file": file},
    )


@requires("view")
def town_file(request, pk: int):
    """A town's file: its enterprises, risks, hazards, inspections, accidents, plans, sources."""
    return _unit_file(request, "town", pk)


@requires("view")
def department_file(request, pk: int):
    """A department's file: the same tabs over its sectors, county-wide."""
    return _unit_file(request, "department", pk)


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
