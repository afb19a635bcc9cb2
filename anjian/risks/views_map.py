"""The four-colour map, the high-risk watch-list, the bands and the town outlines."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.accounts.models import County
from anjian.accounts.units import CityUnit, ProvinceUnit, Unit
from anjian.core import clock, divisions
from anjian.core.forms import submit
from anjian.core.permissions import has_permission, requires
from anjian.registry.hazard_sources.selectors import major_sources
from anjian.risks import maps, rules, selectors, services
from anjian.risks.forms import MapFilterForm, OutlineUploadForm, RiskBandsForm
from anjian.risks.models import TownOutline


def _above_county(request, filters: dict):
    """The city or province whose map shows counties (the caller's, or `?division=`), if any."""
    if filters.get("town"):
        return None
    unit = divisions.area(request.user) or Unit.of(request.user)
    if isinstance(unit, CityUnit | ProvinceUnit) and unit.obj is not None:
        return unit.obj
    return None


def _map_context(request) -> dict:
    filters = MapFilterForm(request.GET or None)
    above = _above_county(request, filters.filters())
    if above is not None:
        data = selectors.county_map_data(
            actor=request.user, division=above, sector=filters.filters().get("sector", "")
        )
        return {
            "filters": filters,
            "data": data,
            "division": above,
            "county_map": maps.build_county_map(data),
            "legend": _legend(data),
            "today": clock.today(),
            "unassessed_colour": rules.UNASSESSED_COLOUR,
        }
    data = selectors.map_data(actor=request.user, **filters.filters())
    county = County.objects.first()
    centre = (float(county.lng), float(county.lat)) if county and county.lng else None
    legend = _legend(data)
    sources = list(
        major_sources(actor=request.user, **filters.filters())
        .filter(enterprise__lng__isnull=False, enterprise__lat__isnull=False)
        .values("pk", "name", "level", "enterprise__name", "enterprise__lng", "enterprise__lat")
    )
    return {
        "filters": filters,
        "data": data,
        "map": maps.build_map(data, centre=centre, hazard_sources=sources),
        "legend": legend,
        "county": county,
        "today": clock.today(),
        "unassessed_colour": rules.UNASSESSED_COLOUR,
    }


def _legend(data) -> list[dict]:
    return [
        {
            "level": level,
            "colour": rules.LEVEL_COLOURS[level],
            "enterprises": getattr(data.enterprise_counts, level),
            "public": getattr(data.public_counts, level),
        }
        for level in rules.LEVELS
    ]


@requires("government")
def risk_map(request):
    """四色图: every enterprise by its overall level and every public risk point."""
    return render(request, "risks/map.html", _map_context(request))


@requires("government")
def risk_map_print(request):
    """The same map on its own page for the notice board (print CSS, no navigation)."""
    return render(request, "risks/map_print.html", _map_context(request))


@requires("government")
def watch_list(request):
    filters = MapFilterForm(request.GET or None)
    result = selectors.watch_list(actor=request.user, **filters.filters())
    page = Paginator(
        result.enterprises.select_related(None).values(
            "pk", "name", "top", "town__name", "sector__name", "safety_manager", "phone"
        ),
        30,
    ).get_page(request.GET.get("page"))
    for row in page:
        row["level"] = "major" if row["top"] == rules.LEVEL_RANK["major"] else "large"
    return render(
        request,
        "risks/watch_list.html",
        {
            "filters": filters,
            "result": result,
            "page": page,
            "hazard_sources": major_sources(actor=request.user, **filters.filters()),
        },
    )


@requires("view")
def bands(request):
    """The grading bands in force and every earlier version."""
    return render(
        request,
        "risks/bands.html",
        {
            "history": selectors.bands_history(),
            "defaults": rules.DEFAULT_BANDS,
            "form": RiskBandsForm() if has_permission(request.user, "county_admin") else None,
        },
    )


@requires("county_admin")
def bands_create(request):
    form = RiskBandsForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.risk_bands_create(actor=request.user, **data),
        success=_("The new bands were saved; risk points in force were graded again."),
    ):
        return redirect("risks:bands")
    return render(
        request,
        "risks/bands.html",
        {"history": selectors.bands_history(), "defaults": rules.DEFAULT_BANDS, "form": form},
    )


@requires("county_admin")
def outlines(request):
    """Upload the towns' outlines (GeoJSON) for the map."""
    form = OutlineUploadForm(request.POST or None, request.FILES or None)
    if submit(
        request,
        form,
        lambda data: services.town_outlines_replace(actor=request.user, outlines=data["file"]),
        success=lambda n: _("%(n)s town outlines were saved.") % {"n": n},
    ):
        return redirect("risks:outlines")
    return render(
        request,
        "risks/outlines.html",
        {"form": form, "outlines": TownOutline.objects.select_related("town")},
    )
