"""Pages of the enterprises' own lists: 全员安全生产责任制 and the 五到位 checklist."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.units import Unit, is_enterprise
from anjian.assessment import selectors, services
from anjian.assessment.forms import FiveInPlaceForm, SafetyPositionForm
from anjian.assessment.models import FiveItem
from anjian.assessment.policy import can_keep_lists
from anjian.core.downloads import stored_file_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires
from anjian.registry import selectors as registry_selectors


def _lists_url(enterprise_id: int) -> str:
    return reverse("assessment:enterprise_lists", args=[enterprise_id])


@requires("view")
def enterprise_lists_index(request):
    """An enterprise goes to its own lists; towns, departments and the county see their units
    with how far each has come."""
    if is_enterprise(request.user):
        return redirect(_lists_url(Unit.of(request.user).pk))
    q = request.GET.get("q", "")[:100]
    rows = selectors.enterprise_list_overview(actor=request.user, q=q)[:500]
    return render(
        request,
        "assessment/enterprise_lists_index.html",
        {"rows": rows, "q": q, "items": len(FiveItem.values)},
    )


@requires("view")
def enterprise_lists(request, pk: int):
    enterprise = registry_selectors.enterprise_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "assessment/enterprise_lists.html",
        {
            "enterprise": enterprise,
            "positions": selectors.safety_position_list(actor=request.user, enterprise=pk),
            "checklist": selectors.five_in_place_checklist(
                actor=request.user, enterprise=enterprise
            ),
            "can_keep": can_keep_lists(request.user, enterprise),
            "position_form": SafetyPositionForm(),
            "five_form": FiveInPlaceForm(),
        },
    )


@requires("write")
def safety_position_create(request, pk: int):
    enterprise = registry_selectors.enterprise_get_for(actor=request.user, pk=pk)
    if not can_keep_lists(request.user, enterprise):
        raise PermissionDenied
    form = SafetyPositionForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.safety_position_create(
            actor=request.user, enterprise=enterprise, data=data
        ),
        success=_("The position was added."),
    ):
        return redirect(_lists_url(pk))
    return render(
        request, "assessment/safety_position_form.html", {"form": form, "enterprise": enterprise}
    )


@requires("write")
def safety_position_edit(request, pk: int):
    position = selectors.safety_position_get_for(actor=request.user, pk=pk)
    if not can_keep_lists(request.user, position.enterprise):
        raise PermissionDenied
    form = SafetyPositionForm(request.POST or None, instance=position)
    if submit(
        request,
        form,
        lambda data: services.safety_position_update(
            actor=request.user, position=position, data=data
        ),
        success=_("The changes were saved."),
    ):
        return redirect(_lists_url(position.enterprise_id))
    return render(
        request,
        "assessment/safety_position_form.html",
        {"form": form, "enterprise": position.enterprise, "position": position},
    )


@require_POST
@requires("write")
def five_in_place_set(request, pk: int):
    enterprise = registry_selectors.enterprise_get_for(actor=request.user, pk=pk)
    form = FiveInPlaceForm(request.POST, request.FILES)
    return flash(
        request,
        lambda: services.five_in_place_set(
            actor=request.user,
            enterprise=enterprise,
            item=form.cleaned_data["item"],
            in_place=form.cleaned_data["in_place"],
            note=form.cleaned_data["note"],
            uploads=form.cleaned_data["evidence"],
        ),
        form=form,
        success=_("The item was saved."),
        to=_lists_url(pk),
    )


@requires("view")
def five_evidence_download(request, pk: int):
    """An evidence file, only for users who may see its enterprise (never a public URL)."""
    item = selectors.five_evidence_get_for(actor=request.user, pk=pk)
    return stored_file_download(
        request,
        item,
        kind="five_in_place_evidence",
        query=f"evidence={item.pk}",
        inline=item.kind == "photo",
    )
