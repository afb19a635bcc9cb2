"""Registry pages: thin views over selectors and services."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core import pii
from anjian.core.audit import timeline
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires
from anjian.registry import exports, selectors, services
from anjian.registry.forms import (
    EnterpriseFilterForm,
    EnterpriseForm,
    LicenceFilterForm,
    LicenceForm,
)
from anjian.registry.hazard_sources.selectors import hazard_source_list
from anjian.registry.imports import EnterpriseImporter


@requires("view")
def enterprise_list(request):
    filters = EnterpriseFilterForm(request.GET or None)
    qs = selectors.enterprise_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "registry/enterprise_list.html", {"filters": filters, "page": page})


@requires("view")
def enterprise_detail(request, pk: int):
    enterprise = selectors.enterprise_get_for(actor=request.user, pk=pk)
    pii.record_view(actor=request.user, instance=enterprise, fields={"phone": pii.PHONE})
    return render(
        request,
        "registry/enterprise_detail.html",
        {
            "enterprise": enterprise,
            "licences": selectors.licence_list(actor=request.user, enterprise_id=enterprise.pk),
            "hazard_sources": hazard_source_list(actor=request.user, enterprise=enterprise.pk),
            "timeline": timeline(enterprise)[:50],
        },
    )


@requires("officer")
def enterprise_create(request):
    form = EnterpriseForm(request.POST or None, user=request.user)
    enterprise = submit(
        request,
        form,
        lambda data: services.enterprise_create(actor=request.user, data=data),
        success=_("The unit was registered."),
    )
    if enterprise:
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/enterprise_form.html", {"form": form})


@requires("write")
def enterprise_edit(request, pk: int):
    enterprise = selectors.enterprise_get_for(actor=request.user, pk=pk)
    form = EnterpriseForm(request.POST or None, instance=enterprise, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.enterprise_update(
            actor=request.user, enterprise=enterprise, data=data
        ),
        success=_("The changes were saved."),
    ):
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(
        request, "registry/enterprise_form.html", {"form": form, "enterprise": enterprise}
    )


@requires("write")
def licence_create(request, pk: int):
    enterprise = selectors.enterprise_get_for(actor=request.user, pk=pk)
    form = LicenceForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.licence_create(actor=request.user, enterprise=enterprise, data=data),
        success=_("The licence was added."),
    ):
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/licence_form.html", {"form": form, "enterprise": enterprise})


@requires("write")
def licence_edit(request, pk: int):
    licence = selectors.licence_get_for(actor=request.user, pk=pk)
    form = LicenceForm(request.POST or None, instance=licence)
    if submit(
        request,
        form,
        lambda data: services.licence_update(actor=request.user, licence=licence, data=data),
        success=_("The changes were saved."),
    ):
        return redirect("registry:enterprise_detail", pk=licence.enterprise_id)
    return render(
        request,
        "registry/licence_form.html",
        {"form": form, "enterprise": licence.enterprise, "licence": licence},
    )


@require_POST
@requires("write")
def licence_delete(request, pk: int):
    licence = selectors.licence_get_for(actor=request.user, pk=pk)
    return flash(
        request,
        lambda: services.licence_delete(actor=request.user, licence=licence),
        success=_("The licence was deleted."),
        to=reverse("registry:enterprise_detail", args=[licence.enterprise_id]),
    )


@requires("view")
def licence_list(request):
    filters = LicenceFilterForm(request.GET or None).filters()
    qs = selectors.licence_list(actor=request.user, **filters).select_related(
        "enterprise__town", "enterprise__sector"
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request, "registry/licence_list.html", {"page": page, "state": filters.get("state", "")}
    )


@requires("view")
def enterprise_export(request):
    return xlsx_download(
        "enterprises.xlsx",
        lambda stream: exports.export_enterprises(actor=request.user, stream=stream),
        request=request,
        kind="enterprises",
    )


@requires("officer")
def enterprise_import(request):
    return import_page(
        request,
        importer=EnterpriseImporter(actor=request.user),
        heading=_("Import production units from Excel"),
        intro=_(
            "Use the template: the first row holds the Chinese headers. Every row "
            "is checked first; if any row has an error, nothing is saved."
        ),
        template_url=reverse("registry:enterprise_template"),
        done_url=reverse("registry:enterprise_list"),
        done_message=_("%(n)s units were imported."),
    )


@requires("view")
def enterprise_template(request):
    """The empty import template (headers only)."""
    return xlsx_download(
        "enterprise-template.xlsx",
        lambda stream: exports.export_enterprises(actor=request.user, stream=stream, empty=True),
        request=request,
        kind="enterprise_template",
    )
