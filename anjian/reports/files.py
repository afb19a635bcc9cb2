"""一企一档: an enterprise's whole file in tabs; a town's and a department's file for their scope.

Each tab is one kind of record read through its area's selector in the viewer's scope, so the
file shows exactly what the lists show: basic data and licences, risk points, hazards,
inspections, accidents, emergency plans and drills, major hazard sources and the change
history. A town's file narrows every tab to the town (`Unit.of_town(t).scope_q`), a
department's to its sectors. Only the active tab is read (paginated, 20 rows); the other tabs
show their counts, one COUNT each.

Personnel certificates (人员证书) are the enterprise's tab from the certificates register, its
chemical inventory (危化品台账) the tab from the chemicals register.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from anjian.accidents import selectors as accidents
from anjian.accounts.models import Department, Town
from anjian.accounts.units import Unit
from anjian.certificates.selectors import certificate_list
from anjian.chemicals.selectors import stock_list
from anjian.core.audit import timeline
from anjian.emergency import selectors as emergency
from anjian.hazards import selectors as hazards
from anjian.inspections import selectors as inspections
from anjian.registry import selectors as registry
from anjian.registry.hazard_sources.selectors import hazard_source_list
from anjian.risks import selectors as risks

PAGE_SIZE = 20


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    rows: Callable[..., QuerySet]  # rows(actor, target) → the tab's queryset
    template: str


def _in(unit: Unit, qs: QuerySet) -> QuerySet:
    """Narrow a scoped queryset to a town's or department's jurisdiction."""
    model = qs.model
    if hasattr(model, "UNIT_KINDS"):
        return qs.filter(unit.records_q(model))
    return qs.filter(unit.scope_q(model.SCOPE))


ENTERPRISE_TABS = [
    Tab(
        "basic",
        gettext_lazy("Basic data and licences"),
        lambda actor, e: registry.licence_list(actor=actor, enterprise_id=e.pk),
        "reports/file/_licences.html",
    ),
    Tab(
        "risks",
        gettext_lazy("Risk points"),
        lambda actor, e: (
            risks.risk_point_list(actor=actor, enterprise=e.pk)
            .with_rank()
            .order_by("-rank", "name", "pk")
        ),
        "reports/file/_risks.html",
    ),
    Tab(
        "hazards",
        gettext_lazy("Hazards"),
        lambda actor, e: hazards.hazard_list(actor=actor, enterprise=e.pk).order_by(
            "-found_on", "-pk"
        ),
        "reports/file/_hazards.html",
    ),
    Tab(
        "inspections",
        gettext_lazy("Inspections"),
        lambda actor, e: inspections.inspection_list(actor=actor, enterprise=e.pk).order_by(
            "-inspected_on", "-pk"
        ),
        "reports/file/_inspections.html",
    ),
    Tab(
        "accidents",
        gettext_lazy("Accidents"),
        lambda actor, e: accidents.accident_list(actor=actor, enterprise=e.pk).order_by(
            "-occurred_at", "-pk"
        ),
        "reports/file/_accidents.html",
    ),
    Tab(
        "plans",
        gettext_lazy("Plans and drills"),
        lambda actor, e: emergency.plan_list(actor=actor, enterprise=e.pk).order_by(
            "-published_on", "-pk"
        ),
        "reports/file/_plans.html",
    ),
    Tab(
        "sources",
        gettext_lazy("Major hazard sources"),
        lambda actor, e: hazard_source_list(actor=actor, enterprise=e.pk).order_by("level", "pk"),
        "reports/file/_sources.html",
    ),
    Tab(
        "certificates",
        gettext_lazy("Personnel certificates"),
        lambda actor, e: certificate_list(actor=actor, enterprise=e.pk).order_by(
            "expires_on", "pk"
        ),
        "reports/file/_certificates.html",
    ),
    Tab(
        "chemicals",
        gettext_lazy("Chemical inventory"),
        lambda actor, e: stock_list(actor=actor, enterprise=e.pk),
        "reports/file/_chemicals.html",
    ),
    Tab(
        "history",
        gettext_lazy("Change history"),
        lambda actor, e: timeline(e),
        "reports/file/_history.html",
    ),
]

UNIT_TABS = [
    Tab(
        "enterprises",
        gettext_lazy("Enterprises"),
        lambda actor, u: _in(u, registry.enterprise_list(actor=actor)).select_related(
            "town", "sector"
        ),
        "reports/file/_enterprises.html",
    ),
    Tab(
        "risks",
        gettext_lazy("Risk points"),
        lambda actor, u: (
            _in(u, risks.risk_point_list(actor=actor)).with_rank().order_by("-rank", "name", "pk")
        ),
        "reports/file/_risks.html",
    ),
    Tab(
        "hazards",
        gettext_lazy("Hazards"),
        lambda actor, u: _in(u, hazards.hazard_list(actor=actor)).order_by("-found_on", "-pk"),
        "reports/file/_hazards.html",
    ),
    Tab(
        "inspections",
        gettext_lazy("Inspections"),
        lambda actor, u: _in(u, inspections.inspection_list(actor=actor)).order_by(
            "-inspected_on", "-pk"
        ),
        "reports/file/_inspections.html",
    ),
    Tab(
        "accidents",
        gettext_lazy("Accidents"),
        lambda actor, u: _in(u, accidents.accident_list(actor=actor)).order_by(
            "-occurred_at", "-pk"
        ),
        "reports/file/_accidents.html",
    ),
    Tab(
        "plans",
        gettext_lazy("Plans and drills"),
        lambda actor, u: _in(u, emergency.plan_list(actor=actor)).order_by("-published_on", "-pk"),
        "reports/file/_plans.html",
    ),
    Tab(
        "sources",
        gettext_lazy("Major hazard sources"),
        lambda actor, u: _in(u, hazard_source_list(actor=actor)).order_by("level", "pk"),
        "reports/file/_sources.html",
    ),
]


@dataclass
class File:
    tabs: list[tuple[Tab, int]]  # every tab with its row count
    active: Tab
    page: object


def build_file(*, actor, target, tabs: list[Tab], tab: str, page: str | None) -> File:
    """The file of `target` (an enterprise or a unit) with the `tab` page open."""
    active = next((t for t in tabs if t.key == tab), tabs[0])
    counted = [(t, t.rows(actor, target).count()) for t in tabs]
    rows = active.rows(actor, target)
    return File(tabs=counted, active=active, page=Paginator(rows, PAGE_SIZE).get_page(page))


def enterprise_for_file(*, actor, pk):
    return registry.enterprise_get_for(actor=actor, pk=pk)


def unit_for_file(*, actor, kind: str, pk) -> Unit:
    """A town's or a department's unit, for its own officers and the county; 404 otherwise."""
    model = Town if kind == "town" else Department
    obj = get_object_or_404(model, pk=pk)
    unit = Unit.of_town(obj) if kind == "town" else Unit.of_department(obj)
    viewer = Unit.of(actor)
    if viewer is None or not viewer.manages(unit):
        raise Http404
    return unit
