"""Risk register pages: thin views over selectors and services."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.units import is_enterprise
from anjian.core import pii
from anjian.core.audit import timeline
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires
from anjian.registry import selectors as registry
from anjian.risks import exports, selectors, services
from anjian.risks.forms import RiskPointFilterForm, RiskPointForm
from anjian.risks.imports import RiskPointImporter
from anjian.risks.models import RiskLevel

# The card is printed for the post; it and the detail page show the real numbers (audited).
POINT_PII = {"responsible_phone": pii.PHONE, "enterprise.phone": pii.PHONE}


@requires("view")
def point_list(request):
    filters = RiskPointFilterForm(request.GET or None)
    params = filters.filters()
    qs = selectors.risk_point_list(actor=request.user, **params).order_by("name", "pk")
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    enterprise = None
    if params.get("enterprise"):
        enterprise = registry.enterprise_get_for(actor=request.user, pk=params["enterprise"])
    elif is_enterprise(request.user):
        enterprise = request.user.enterprise
    return render(
        request,
        "risks/riskpoint_list.html",
        {"filters": filters, "page": page, "enterprise": enterprise, "levels": RiskLevel},
    )


@requires("view")
def point_detail(request, pk: int):
    point = selectors.risk_point_get_for(actor=request.user, pk=pk)
    pii.record_view(actor=request.user, instance=point, fields=POINT_PII)
    return render(
        request, "risks/riskpoint_detail.html", {"point": point, "timeline": timeline(point)[:50]}
    )


@requires("write")
def point_create(request):
    initial = {}
    if request.GET.get("enterprise", "").isdigit():
        initial["enterprise"] = int(request.GET["enterprise"])
    elif is_enterprise(request.user):
        initial["enterprise"] = request.user.enterprise_id
    form = RiskPointForm(request.POST or None, user=request.user, initial=initial)
    point = submit(
        request,
        form,
        lambda data: services.risk_point_create(actor=request.user, data=form.data_for_service()),
        success=_("The risk point was registered."),
    )
    if point:
        return redirect("risks:point_detail", pk=point.pk)
    return render(request, "risks/riskpoint_form.html", {"form": form})


@requires("write")
def point_edit(request, pk: int):
    point = selectors.risk_point_get_for(actor=request.user, pk=pk)
    form = RiskPointForm(request.POST or None, user=request.user, instance=point)
    if submit(
        request,
        form,
        lambda data: services.risk_point_update(
            actor=request.user, risk_point=point, data=form.data_for_service()
        ),
        success=_("The changes were saved."),
    ):
        return redirect("risks:point_detail", pk=point.pk)
    return render(request, "risks/riskpoint_form.html", {"form": form, "point": point})


@require_POST
@requires("write")
def point_delete(request, pk: int):
    point = selectors.risk_point_get_for(actor=request.user, pk=pk)
    return flash(
        request,
        lambda: services.risk_point_delete(actor=request.user, risk_point=point),
        success=_("The risk point was deleted."),
        to="risks:point_list",
    )


@requires("view")
def point_card(request, pk: int):
    """岗位风险告知卡: one point's card for the post, printable."""
    point = selectors.risk_point_get_for(actor=request.user, pk=pk)
    pii.record_view(actor=request.user, instance=point, fields=POINT_PII)
    return render(request, "risks/riskpoint_card.html", {"point": point})


@requires("view")
def enterprise_board(request, pk: int):
    """风险公告栏: an enterprise's overall level and its points, printable."""
    enterprise, points = selectors.enterprise_board(actor=request.user, enterprise_pk=pk)
    points = list(points)
    top = max((p.rank for p in points), default=0)
    return render(
        request,
        "risks/enterprise_board.html",
        {
            "enterprise": enterprise,
            "points": points,
            "overall": next((p for p in points if p.rank == top), None),
        },
    )


@requires("view")
def point_export(request):
    return xlsx_download(
        "risk-points.xlsx",
        lambda stream: exports.export_risk_points(actor=request.user, stream=stream),
        request=request,
        kind="risk_points",
    )


@requires("view")
def point_template(request):
    return xlsx_download(
        "risk-point-template.xlsx",
        lambda stream: exports.export_risk_points(actor=request.user, stream=stream, empty=True),
        request=request,
        kind="risk_point_template",
    )


@requires("write")
def point_import(request):
    return import_page(
        request,
        importer=RiskPointImporter(actor=request.user),
        heading=_("Import risk points from Excel"),
        intro=_(
            "Use the template: the first row holds the Chinese headers. A row "
            "names its unit by credit code or name; a row without a unit is a "
            "public place and needs its town, sector, location and coordinates. "
            "Every row is checked first; if any row has an error, nothing is saved."
        ),
        template_url=reverse("risks:point_template"),
        done_url=reverse("risks:point_list"),
        done_message=_("%(n)s risk points were imported."),
    )
