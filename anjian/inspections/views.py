"""Checklist library and inspection pages: thin views over selectors and services."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.accounts.units import is_enterprise
from anjian.core.audit import timeline
from anjian.core.filters import yes_no
from anjian.core.forms import submit
from anjian.core.permissions import requires
from anjian.inspections import selectors, services
from anjian.inspections.forms import (
    ChecklistForm,
    ChecklistItemForm,
    InspectionFilterForm,
    InspectionForm,
)
from anjian.registry.selectors import enterprise_get_for, enterprise_list

# --- checklists ----------------------------------------------------------------------------


@requires("view")
def checklist_list(request):
    checklists = selectors.checklist_list(
        actor=request.user,
        active=yes_no(request.GET.get("active")),
        sector=request.GET.get("sector", ""),
    )
    return render(request, "inspections/checklist_list.html", {"checklists": checklists})


@requires("view")
def checklist_detail(request, pk: int):
    checklist = selectors.checklist_get(actor=request.user, pk=pk)
    return render(
        request,
        "inspections/checklist_detail.html",
        {
            "checklist": checklist,
            "items": checklist.items.select_related("criterion"),
            "timeline": timeline(checklist)[:30],
        },
    )


@requires("county_admin")
def checklist_create(request):
    form = ChecklistForm(request.POST or None)
    checklist = submit(
        request,
        form,
        lambda data: services.checklist_create(actor=request.user, data=data),
        success=_("The checklist was added."),
    )
    if checklist:
        return redirect("inspections:checklist_detail", pk=checklist.pk)
    return render(request, "inspections/checklist_form.html", {"form": form})


@requires("county_admin")
def checklist_edit(request, pk: int):
    checklist = selectors.checklist_get(actor=request.user, pk=pk)
    form = ChecklistForm(request.POST or None, instance=checklist)
    if submit(
        request,
        form,
        lambda data: services.checklist_update(actor=request.user, checklist=checklist, data=data),
        success=_("The changes were saved."),
    ):
        return redirect("inspections:checklist_detail", pk=checklist.pk)
    return render(
        request, "inspections/checklist_form.html", {"form": form, "checklist": checklist}
    )


@requires("county_admin")
def checklist_item_create(request, pk: int):
    checklist = selectors.checklist_get(actor=request.user, pk=pk)
    form = ChecklistItemForm(request.POST or None, initial={"active": True, "verified": True})
    if submit(
        request,
        form,
        lambda data: services.checklist_item_create(
            actor=request.user, checklist=checklist, data=data
        ),
        success=_("The item was added."),
    ):
        return redirect("inspections:checklist_detail", pk=checklist.pk)
    return render(
        request, "inspections/checklist_item_form.html", {"form": form, "checklist": checklist}
    )


@requires("county_admin")
def checklist_item_edit(request, pk: int):
    item = selectors.checklist_item_get(actor=request.user, pk=pk)
    form = ChecklistItemForm(request.POST or None, instance=item)
    if submit(
        request,
        form,
        lambda data: services.checklist_item_update(actor=request.user, item=item, data=data),
        success=_("The changes were saved."),
    ):
        return redirect("inspections:checklist_detail", pk=item.checklist_id)
    return render(
        request,
        "inspections/checklist_item_form.html",
        {"form": form, "checklist": item.checklist, "item": item},
    )


# --- inspections ---------------------------------------------------------------------------


@requires("view")
def inspection_list(request):
    filters = InspectionFilterForm(request.GET or None)
    qs = selectors.inspection_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/inspection_list.html",
        {"filters": filters, "page": page, "self_inspection": is_enterprise(request.user)},
    )


@requires("view")
def inspection_detail(request, pk: int):
    inspection = selectors.inspection_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "results": inspection.results.all(),
            "timeline": timeline(inspection)[:20],
        },
    )


SPECIAL_OPERATION_WORDS = ("特种作业",)


def _answer_from_registers(user, enterprise, items) -> None:
    """Items about special operations without a valid certificate (特种作业人员未持证上岗) carry
    the unit's invalid special-operation certificates from the certificate register
    (`item.asks_register`, and `item.register_answer`: a list, empty when all are valid)."""
    from anjian.certificates.selectors import invalid_special_operations

    asked = [
        item
        for item in items
        if any(
            word in item.text or (item.criterion_id and word in item.criterion.text)
            for word in SPECIAL_OPERATION_WORDS
        )
    ]
    if not asked:
        return
    invalid = invalid_special_operations(actor=user, enterprise=enterprise)
    for item in asked:
        item.asks_register, item.register_answer = True, invalid


def _start_context(request) -> dict:
    """Step 1 and 2 of running a checklist: pick the unit, then the checklist."""
    user = request.user
    if is_enterprise(user):
        enterprise_id = user.enterprise_id
    else:
        enterprise_id = request.GET.get("enterprise")
    if not enterprise_id:
        q = request.GET.get("q", "").strip()
        found = enterprise_list(actor=user, q=q)[:20] if q else []
        return {
            "step": "enterprise",
            "q": q,
            "found": found,
            "self_inspection": is_enterprise(user),
        }
    enterprise = enterprise_get_for(actor=user, pk=enterprise_id)
    campaign = None
    if request.GET.get("campaign"):
        campaign = selectors.campaign_get_for(actor=user, pk=request.GET["campaign"])
    return {
        "step": "checklist",
        "self_inspection": is_enterprise(user),
        "enterprise": enterprise,
        "campaign": campaign,
        "checklists": selectors.checklists_for(enterprise=enterprise),
    }


@requires("write")
def inspection_create(request):
    """Run a checklist against a unit: ?enterprise=&checklist=[&campaign=] shows the items."""
    context = _start_context(request)
    if context["step"] == "enterprise":
        return render(request, "inspections/inspection_start.html", context)
    campaign = context["campaign"]
    checklist_id = request.GET.get("checklist") or (campaign.checklist_id if campaign else None)
    if not checklist_id:
        return render(request, "inspections/inspection_start.html", context)
    checklist = selectors.checklist_get(actor=request.user, pk=checklist_id)
    form = InspectionForm(
        request.POST or None, items=checklist.items.filter(active=True).select_related("criterion")
    )
    _answer_from_registers(request.user, context["enterprise"], form.items)
    inspection = submit(
        request,
        form,
        lambda data: services.inspection_create(
            actor=request.user,
            data={
                **{k: data[k] for k in ("inspected_on", "inspectors", "summary")},
                "enterprise": context["enterprise"],
                "checklist": checklist,
                "campaign": campaign,
            },
            results=form.results(),
            hazard_deadline=data["hazard_deadline"],
        ),
        success=lambda inspection: (
            _("The inspection was recorded; %(n)s hazards were registered.")
            % {"n": inspection.results.filter(hazard__isnull=False).count()}
        ),
    )
    if inspection:
        return redirect("inspections:inspection_detail", pk=inspection.pk)
    return render(
        request,
        "inspections/inspection_form.html",
        {**context, "checklist": checklist, "form": form},
    )
