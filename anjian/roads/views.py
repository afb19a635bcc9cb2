"""Dangerous road section pages (危险路段, domain-rules §17): thin views over selectors and
services. Each section is tracked by its hazard and closed by joint acceptance."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.units import Unit, UnitKind
from anjian.core.forms import flash, submit
from anjian.core.permissions import has_permission, requires
from anjian.core.rules import rule_value
from anjian.hazards.models import HazardStatus

from . import clusters, selectors, services
from .forms import SectionEditForm, SectionFilterForm, SectionForm, SignOffForm

PAGE_SIZE = 30


@requires("government")
def section_list(request):
    """The sections in the viewer's scope with their hazard's status and deadline."""
    filters = SectionFilterForm(request.GET or None, user=request.user)
    qs = selectors.section_list(actor=request.user, **filters.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "roads/section_list.html",
        {
            "filters": filters,
            "page": page,
            "clusters": clusters.cluster_list(actor=request.user),
            "cluster_rule": rule_value("roads.accident_cluster"),
        },
    )


@requires("officer")
def section_create(request):
    form = SectionForm(request.POST or None, user=request.user)

    def create(data):
        deadline = data.pop("deadline")
        return services.section_create(actor=request.user, data=data, deadline=deadline)

    section = submit(
        request,
        form,
        create,
        success=_("The section was registered; its hazard tracks the rectification."),
    )
    if section:
        return redirect(section.get_absolute_url())
    return render(
        request,
        "roads/form.html",
        {"form": form, "heading": _("Register a dangerous road section")},
    )


def _may_sign(user, section) -> bool:
    unit = Unit.of(user)
    return (
        unit is not None
        and unit.kind == UnitKind.DEPARTMENT
        and unit.pk in (section.owner_id, section.police_id)
        and section.hazard.status == HazardStatus.AWAITING_ACCEPTANCE
    )


@requires("government")
def section_detail(request, pk: int):
    section = selectors.section_get_for(actor=request.user, pk=pk)
    signoffs = list(section.signoffs.select_related("department", "signed_by"))
    signed = {s.department_id for s in signoffs}
    return render(
        request,
        "roads/section_detail.html",
        {
            "section": section,
            "hazard": section.hazard,
            "signoffs": signoffs,
            "awaiting": [d for d in (section.owner, section.police) if d.pk not in signed],
            "may_sign": _may_sign(request.user, section) and Unit.of(request.user).pk not in signed,
            "may_edit": has_permission(request.user, "officer")
            and section.hazard.status != HazardStatus.CLOSED,
            "sign_form": SignOffForm(),
        },
    )


@requires("officer")
def section_edit(request, pk: int):
    section = selectors.section_get_for(actor=request.user, pk=pk)
    form = SectionEditForm(request.POST or None, instance=section)
    saved = submit(
        request,
        form,
        lambda data: services.section_update(actor=request.user, section=section, data=data),
        success=_("The section was saved."),
    )
    if saved:
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "roads/form.html",
        {"form": form, "heading": _("Edit a dangerous road section"), "section": section},
    )


@require_POST
@requires("officer")
def section_sign_off(request, pk: int):
    """One side of the joint acceptance (联合验收); the second signature closes the hazard."""
    section = selectors.section_get_for(actor=request.user, pk=pk)
    form = SignOffForm(request.POST)
    return flash(
        request,
        lambda: services.section_sign_off(
            actor=request.user, section=section, comment=form.cleaned_data.get("comment", "")
        ),
        form=form,
        success=_("Signed for the joint acceptance."),
        to=reverse("roads:section_detail", args=[section.pk]),
    )
