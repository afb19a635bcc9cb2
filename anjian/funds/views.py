"""Special fund pages (amounts in 万元): thin views over selectors and services."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.downloads import stored_file_download
from anjian.core.excel_views import xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import has_permission, requires
from anjian.funds import exports, selectors, services
from anjian.funds.forms import AllocationForm, FundForm, SpendingForm


@requires("government")
def fund_list(request):
    year = request.GET.get("year", "")
    funds = selectors.fund_list(
        actor=request.user, year=int(year) if year.isdigit() and len(year) == 4 else None
    )
    return render(
        request,
        "funds/fund_list.html",
        {
            "funds": funds,
            "year": year,
            "can_manage": has_permission(request.user, "county_admin"),
        },
    )


@requires("county_admin")
def fund_create(request):
    form = FundForm(request.POST or None)
    fund = submit(
        request,
        form,
        lambda data: services.fund_create(actor=request.user, data=data),
        success=_("The fund was recorded."),
    )
    if fund:
        return redirect(fund.get_absolute_url())
    return render(request, "funds/fund_form.html", {"form": form})


@requires("county_admin")
def fund_edit(request, pk: int):
    fund = selectors.fund_get_for(actor=request.user, pk=pk)
    form = FundForm(request.POST or None, instance=fund)
    if submit(
        request,
        form,
        lambda data: services.fund_update(actor=request.user, fund=fund, data=data),
        success=_("The fund was saved."),
    ):
        return redirect(fund.get_absolute_url())
    return render(request, "funds/fund_form.html", {"form": form, "fund": fund})


@requires("government")
def fund_detail(request, pk: int):
    fund = selectors.fund_get_for(actor=request.user, pk=pk)
    allocations = list(selectors.allocations_with_spent(fund.allocations.all()))
    can_manage = has_permission(request.user, "county_admin")
    return render(
        request,
        "funds/fund_detail.html",
        {
            "fund": fund,
            "allocations": allocations,
            "spendings": fund_spendings(fund),
            "can_manage": can_manage,
            "allocation_form": AllocationForm() if can_manage else None,
            "spending_form": SpendingForm(allocations=allocations)
            if can_manage and allocations
            else None,
        },
    )


def fund_spendings(fund):
    from anjian.funds.models import Spending

    return Spending.objects.filter(allocation__fund=fund).select_related("allocation")


@require_POST
@requires("county_admin")
def fund_allocate(request, pk: int):
    fund = selectors.fund_get_for(actor=request.user, pk=pk)
    form = AllocationForm(request.POST)
    return flash(
        request,
        lambda: services.allocation_add(
            actor=request.user,
            fund=fund,
            project=form.cleaned_data["project"],
            amount=form.cleaned_data["amount"],
        ),
        form=form,
        success=_("The allocation was recorded."),
        to=fund.get_absolute_url(),
    )


@require_POST
@requires("county_admin")
def fund_spend(request, pk: int):
    fund = selectors.fund_get_for(actor=request.user, pk=pk)
    form = SpendingForm(request.POST, request.FILES, allocations=fund.allocations.all())

    def spend():
        allocation = selectors.allocation_get_for(
            actor=request.user, fund=fund, pk=form.cleaned_data["allocation"]
        )
        return services.spending_add(
            actor=request.user,
            allocation=allocation,
            data=form.cleaned_data,
            voucher=form.cleaned_data["voucher"],
        )

    return flash(
        request,
        spend,
        form=form,
        success=_("The payment was recorded."),
        to=fund.get_absolute_url(),
    )


@requires("government")
def voucher_download(request, pk: int):
    """A payment's voucher, for the government roles only (never a public URL)."""
    item = selectors.spending_get_for(actor=request.user, pk=pk)
    return stored_file_download(
        request,
        item,
        kind="fund_voucher",
        query=f"fund={item.allocation.fund_id}&spending={item.pk}",
    )


@requires("government")
def fund_export(request):
    return xlsx_download(
        "funds.xlsx",
        lambda stream: exports.export_funds(actor=request.user, stream=stream),
        request=request,
        kind="funds",
    )
