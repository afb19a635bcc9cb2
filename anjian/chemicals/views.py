"""Chemicals pages (危化): the inventories of the units, one unit's inventory with its upkeep,
and the units the next weather warning would reach. Thin views over selectors and services."""

from types import SimpleNamespace

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core import clock
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires
from anjian.core.rules import rule_value
from anjian.registry import selectors as registry

from . import selectors, services, warnings
from .forms import LEVELS, WEATHER_KINDS, ReachForm, StockFilterForm, StockForm

PAGE_SIZE = 30


@requires("view")
def stock_list(request):
    """Every unit's chemicals in the viewer's scope (an enterprise: its own), by tag and town."""
    filters = StockFilterForm(request.GET or None, user=request.user)
    qs = selectors.stock_list(actor=request.user, **filters.filters()).select_related(
        "enterprise__town"
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "chemicals/stock_list.html", {"filters": filters, "page": page})


@requires("view")
def enterprise_stock(request, pk: int):
    """One unit's inventory; whoever may write in its scope (the unit itself) keeps it."""
    enterprise = registry.enterprise_get_for(actor=request.user, pk=pk)
    stocks = selectors.stock_list(actor=request.user, enterprise=enterprise.pk)
    return render(
        request, "chemicals/enterprise.html", {"enterprise": enterprise, "stocks": stocks}
    )


@requires("write")
def stock_create(request, pk: int):
    enterprise = registry.enterprise_get_for(actor=request.user, pk=pk)
    form = StockForm(request.POST or None)
    stock = submit(
        request,
        form,
        lambda data: services.stock_create(actor=request.user, enterprise=enterprise, data=data),
        success=_("The chemical was added to the inventory."),
    )
    if stock:
        return redirect("chemicals:enterprise_stock", pk=enterprise.pk)
    return render(
        request,
        "chemicals/form.html",
        {"form": form, "enterprise": enterprise, "heading": _("Add a chemical")},
    )


@requires("write")
def stock_edit(request, pk: int):
    stock = selectors.stock_get_for(actor=request.user, pk=pk)
    form = StockForm(request.POST or None, instance=stock)
    saved = submit(
        request,
        form,
        lambda data: services.stock_update(actor=request.user, stock=stock, data=data),
        success=_("The chemical was saved."),
    )
    if saved:
        return redirect("chemicals:enterprise_stock", pk=stock.enterprise_id)
    return render(
        request,
        "chemicals/form.html",
        {"form": form, "enterprise": stock.enterprise, "heading": _("Edit a chemical")},
    )


@require_POST
@requires("write")
def stock_delete(request, pk: int):
    stock = selectors.stock_get_for(actor=request.user, pk=pk)
    return flash(
        request,
        lambda: services.stock_delete(actor=request.user, stock=stock),
        success=_("The chemical was removed from the inventory."),
        to=reverse("chemicals:enterprise_stock", args=[stock.enterprise_id]),
    )


@requires("government")
def weather_reach(request):
    """The units in the viewer's scope that the next warning of a kind and level would reach,
    with the matching tags: computed by the code the warnings use (`warnings.enterprises_for`)."""
    lowest = rule_value("chemicals.weather_levels")
    form = ReachForm(request.GET or None, initial={"level": lowest["rainstorm"]})
    kind, level = "rainstorm", lowest["rainstorm"]
    if form.is_valid():
        kind, level = form.cleaned_data["kind"], form.cleaned_data["level"]
    # Installation-wide (no publishing division): the viewer's scope narrows it below.
    reached = warnings.enterprises_for(
        SimpleNamespace(kind=kind, level=level, published_at=clock.now(), division_id=None)
    )
    units = list(
        registry.enterprise_list(actor=request.user)
        .filter(pk__in=list(reached))
        .order_by("town__code", "name", "pk")
    )
    for unit in units:
        unit.reached_tags = reached[unit.pk]
    return render(
        request,
        "chemicals/weather.html",
        {
            "form": form,
            "kind": dict(WEATHER_KINDS)[kind],
            "level": dict(LEVELS)[level],
            "units": units,
            "lowest": [(label, dict(LEVELS)[lowest[code]]) for code, label in WEATHER_KINDS],
        },
    )
