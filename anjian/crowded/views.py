"""Crowded-places pages (人员密集场所 and 消防安全重点单位, domain-rules §16): thin views over
selectors and services. A place's 重大火灾隐患 judgements keep the GB 35181 version of their day;
a major one is a hazard under county supervision."""

from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.core.filters import yes_no_query
from anjian.core.forms import submit
from anjian.core.permissions import requires
from anjian.hazards.models import HazardStatus

from . import selectors, services
from .forms import JudgementForm, PlaceFilterForm, PlaceForm
from .models import FireJudgement

PAGE_SIZE = 30


def _open_major():
    """The place has a major fire hazard whose hazard is not closed yet."""
    return Exists(
        FireJudgement.objects.filter(place=OuterRef("pk"), major=True).exclude(
            hazard__status=HazardStatus.CLOSED
        )
    )


@requires("view")
def place_list(request):
    """The register in the viewer's scope, with each place's last judgement and open major
    fire hazard (one query for the page)."""
    filters = PlaceFilterForm(
        yes_no_query(request.GET or None, "crowded", "key_unit"), user=request.user
    )
    qs = (
        selectors.place_list(actor=request.user, **filters.filters())
        .annotate(last_judged=Max("judgements__judged_on"), major_open=_open_major())
        .order_by("town", "name", "pk")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "crowded/place_list.html", {"filters": filters, "page": page})


def _place_form(request, form, heading, action, success, place=None):
    saved = submit(request, form, action, success=success)
    if saved:
        return redirect(saved.get_absolute_url())
    return render(request, "crowded/form.html", {"form": form, "heading": heading, "place": place})


def _own_enterprise(request, data: dict) -> dict:
    """An enterprise user files its own places (the form offers only its enterprise)."""
    unit = Unit.of(request.user)
    if unit is not None and unit.kind == UnitKind.ENTERPRISE and not data.get("enterprise"):
        data["enterprise"] = unit.obj
    return data


@requires("write")
def place_create(request):
    form = PlaceForm(request.POST or None, user=request.user)
    return _place_form(
        request,
        form,
        _("Add a place to the register"),
        lambda data: services.place_create(actor=request.user, data=_own_enterprise(request, data)),
        _("The place was added to the register."),
    )


@requires("view")
def place_detail(request, pk: int):
    place = selectors.place_get_for(actor=request.user, pk=pk)
    judgements = selectors.judgement_list(actor=request.user, place=place.pk).select_related(
        "hazard"
    )
    return render(
        request,
        "crowded/place_detail.html",
        {"place": place, "judgements": judgements},
    )


@requires("write")
def place_edit(request, pk: int):
    place = selectors.place_get_for(actor=request.user, pk=pk)
    form = PlaceForm(request.POST or None, instance=place, user=request.user)
    return _place_form(
        request,
        form,
        _("Edit a place"),
        lambda data: services.place_update(actor=request.user, place=place, data=data),
        _("The place was saved."),
        place=place,
    )


@requires("officer")
def judgement_create(request, pk: int):
    place = selectors.place_get_for(actor=request.user, pk=pk)
    form = JudgementForm(request.POST or None)

    def create(data):
        deadline = data.pop("deadline", None)
        return services.judgement_create(
            actor=request.user, place=place, data=data, deadline=deadline
        )

    judgement = submit(request, form, create, success=_("The judgement was recorded."))
    if judgement:
        return redirect(place.get_absolute_url())
    return render(
        request,
        "crowded/form.html",
        {"form": form, "heading": _("Record a fire hazard judgement"), "place": place},
    )
