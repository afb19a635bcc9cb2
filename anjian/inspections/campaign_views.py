"""Campaign pages: list, creation, the progress table, targets, Excel export."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.audit import timeline
from anjian.core.excel_views import xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import has_permission, requires
from anjian.inspections import campaigns, exports, selectors
from anjian.inspections.forms import CampaignForm, TargetAddForm
from anjian.inspections.progress import campaign_progress


@requires("view")
def campaign_list(request):
    qs = selectors.campaign_list(actor=request.user).prefetch_related("sectors", "towns")
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "inspections/campaign_list.html", {"page": page})


@requires("county_admin")
def campaign_create(request):
    form = CampaignForm(request.POST or None)
    campaign = submit(
        request,
        form,
        lambda data: campaigns.campaign_create(actor=request.user, data=data),
        success=lambda campaign: (
            _("The campaign was started with %(n)s target units.") % {"n": campaign.targets.count()}
        ),
    )
    if campaign:
        return redirect("inspections:campaign_detail", pk=campaign.pk)
    return render(request, "inspections/campaign_form.html", {"form": form})


@requires("county_admin")
def campaign_edit(request, pk: int):
    campaign = selectors.campaign_get_for(actor=request.user, pk=pk)
    form = CampaignForm(request.POST or None, instance=campaign, editing=True)
    if submit(
        request,
        form,
        lambda data: campaigns.campaign_update(actor=request.user, campaign=campaign, data=data),
        success=_("The changes were saved."),
    ):
        return redirect("inspections:campaign_detail", pk=campaign.pk)
    return render(request, "inspections/campaign_form.html", {"form": form, "campaign": campaign})


@requires("view")
def campaign_detail(request, pk: int):
    """The progress table per town and department, and the units not inspected yet."""
    campaign = selectors.campaign_get_for(actor=request.user, pk=pk)
    pending = selectors.campaign_pending_targets(actor=request.user, campaign=campaign)
    return render(
        request,
        "inspections/campaign_detail.html",
        {
            "campaign": campaign,
            "sectors": list(campaign.sectors.all()),
            "towns": list(campaign.towns.all()),
            "progress": campaign_progress(actor=request.user, campaign=campaign),
            "page": Paginator(pending, 30).get_page(request.GET.get("page")),
            "target_form": TargetAddForm()
            if has_permission(request.user, "county_admin")
            else None,
            "timeline": timeline(campaign)[:20]
            if has_permission(request.user, "county_admin")
            else [],
        },
    )


@requires("view")
def campaign_export(request, pk: int):
    campaign = selectors.campaign_get_for(actor=request.user, pk=pk)
    return xlsx_download(
        f"campaign-{campaign.pk}-progress.xlsx",
        lambda stream: exports.export_campaign_progress(
            actor=request.user, campaign=campaign, stream=stream
        ),
        request=request,
        kind="campaign_progress",
    )


@require_POST
@requires("county_admin")
def campaign_target_add(request, pk: int):
    campaign = selectors.campaign_get_for(actor=request.user, pk=pk)
    form = TargetAddForm(request.POST)
    if form.is_valid():
        added, unknown = campaigns.campaign_target_add_codes(
            actor=request.user, campaign=campaign, codes=form.codes()
        )
        messages.success(request, _("%(n)s units were added to the targets.") % {"n": added})
        if unknown:
            messages.error(
                request, _("Unknown credit codes: %(codes)s") % {"codes": "、".join(unknown)}
            )
    return redirect("inspections:campaign_detail", pk=campaign.pk)


@require_POST
@requires("county_admin")
def campaign_target_remove(request, pk: int):
    target = selectors.campaign_target_get_for(actor=request.user, pk=pk)
    return flash(
        request,
        lambda: campaigns.campaign_target_remove(actor=request.user, target=target),
        success=_("%(name)s was taken off the targets.") % {"name": target.enterprise.name},
        to=reverse("inspections:campaign_detail", args=[target.campaign_id]),
    )
