"""Registry pages: thin views over selectors and services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.audit import timeline
from anjian.core.forms import submit
from anjian.core.permissions import requires
from anjian.registry import exports, selectors, services
from anjian.registry.forms import EnterpriseFilterForm, EnterpriseForm, ImportForm, LicenceForm


@requires("view")
def enterprise_list(request):
    filters = EnterpriseFilterForm(request.GET or None)
    qs = selectors.enterprise_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "registry/enterprise_list.html", {"filters": filters, "page": page})


@requires("view")
def enterprise_detail(request, pk: int):
    enterprise = selectors.enterprise_get_for(actor=request.user, pk=pk)
    return render(request, "registry/enterprise_detail.html", {
        "enterprise": enterprise,
        "licences": selectors.licence_list(actor=request.user, enterprise_id=enterprise.pk),
        "timeline": timeline(enterprise)[:50],
    })


@requires("officer")
def enterprise_create(request):
    form = EnterpriseForm(request.POST or None, user=request.user)
    enterprise = submit(request, form, lambda data: services.enterprise_create(
        actor=request.user, data=data), success=_("The unit was registered."))
    if enterprise:
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/enterprise_form.html", {"form": form})


@requires("write")
def enterprise_edit(request, pk: int):
    enterprise = selectors.enterprise_get_for(actor=request.user, pk=pk)
    form = EnterpriseForm(request.POST or None, instance=enterprise, user=request.user)
    if submit(request, form, lambda data: services.enterprise_update(
            actor=request.user, enterprise=enterprise, data=data),
            success=_("The changes were saved.")):
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/enterprise_form.html", {"form": form, "enterprise": enterprise})


@requires("write")
def licence_create(request, pk: int):
    enterprise = selectors.enterprise_get_for(actor=request.user, pk=pk)
    form = LicenceForm(request.POST or None)
    if submit(request, form, lambda data: services.licence_create(
            actor=request.user, enterprise=enterprise, data=data),
            success=_("The licence was added.")):
        return redirect("registry:enterprise_detail", pk=enterprise.pk)
    return render(request, "registry/licence_form.html", {"form": form, "enterprise": enterprise})


@requires("write")
def licence_edit(request, pk: int):
    licence = selectors.licence_get_for(actor=request.user, pk=pk)
    form = LicenceForm(request.POST or None, instance=licence)
    if submit(request, form, lambda data: services.licence_update(
            actor=request.user, licence=licence, data=data),
            success=_("The changes were saved.")):
        return redirect("registry:enterprise_detail", pk=licence.enterprise_id)
    return render(request, "registry/licence_form.html",
                  {"form": form, "enterprise": licence.enterprise, "licence": licence})


@require_POST
@requires("write")
def licence_delete(request, pk: int):
    licence = selectors.licence_get_for(actor=request.user, pk=pk)
    services.licence_delete(actor=request.user, licence=licence)
    messages.success(request, _("The licence was deleted."))
    return redirect("registry:enterprise_detail", pk=licence.enterprise_id)


@requires("view")
def licence_list(request):
    state = request.GET.get("state", "")
    qs = selectors.licence_list(actor=request.user, state=state).select_related(
        "enterprise__town", "enterprise__sector")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "registry/licence_list.html", {"page": page, "state": state})


@requires("view")
def enterprise_export(request):
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="enterprises.xlsx"'
    exports.export_enterprises(actor=request.user, stream=response)
    return response


@requires("officer")
def enterprise_import(request):
    from anjian.registry.imports import import_enterprises_upload

    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_enterprises_upload(actor=request.user, upload=form.cleaned_data["file"],
                                           dry_run=form.cleaned_data["dry_run"])
        if result.ok and not result.dry_run:
            messages.success(request, _("%(n)s units were imported.") % {"n": result.created})
            return redirect("registry:enterprise_list")
    return render(request, "registry/enterprise_import.html", {"form": form, "result": result})


@requires("view")
def enterprise_template(request):
    """The empty import template (headers only)."""
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="enterprise-template.xlsx"'
    exports.export_enterprises(actor=request.user, stream=response, empty=True)
    return response
