"""Certificate register pages: thin views over selectors and services."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.certificates import exports, imports, policy, selectors, services
from anjian.certificates.forms import CertificateFilterForm, CertificateForm
from anjian.core import clock, pii
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import submit
from anjian.core.permissions import has_permission, requires

PAGE_SIZE = 30
PII_FIELDS = {"id_number": pii.ID_NUMBER}


def _list_page(request, *, attention_only: bool):
    filters = CertificateFilterForm(request.GET or None)
    kwargs = filters.filters()
    if attention_only and not kwargs.get("state"):
        kwargs["state"] = "attention"
    qs = selectors.certificate_list(actor=request.user, **kwargs)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/certificate_list.html",
        {
            "filters": filters,
            "page": page,
            "today": clock.today(),
            "attention_only": attention_only,
            "can_create": has_permission(request.user, "write"),
            "query": request.GET.urlencode(),
        },
    )


@requires("view")
def certificate_list(request):
    return _list_page(request, attention_only=False)


@requires("view")
def expiring_list(request):
    """Certificates expiring within 60 days, expired, or due or overdue for review."""
    return _list_page(request, attention_only=True)


@requires("view")
def certificate_detail(request, pk: int):
    """The identity number in full only for the holders of `personal_data`, audited."""
    certificate = selectors.certificate_get_for(actor=request.user, pk=pk)
    unmasked = pii.sees_unmasked(request.user)
    if unmasked:
        pii.record_view(actor=request.user, instance=certificate, fields=PII_FIELDS)
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "id_number": certificate.id_number
            if unmasked
            else pii.mask_id_number(certificate.id_number),
            "today": clock.today(),
            "can_edit": policy.can_edit(request.user, certificate.enterprise),
        },
    )


@requires("write")
def certificate_create(request):
    form = CertificateForm(request.POST or None, user=request.user)
    certificate = submit(
        request,
        form,
        lambda data: services.certificate_create(actor=request.user, data=data),
        success=_("The certificate was recorded."),
    )
    if certificate:
        return redirect(certificate.get_absolute_url())
    return render(request, "certificates/certificate_form.html", {"form": form})


@requires("write")
def certificate_edit(request, pk: int):
    certificate = selectors.certificate_get_for(actor=request.user, pk=pk)
    if not policy.can_edit(request.user, certificate.enterprise):
        raise PermissionDenied
    form = CertificateForm(request.POST or None, instance=certificate, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.certificate_update(
            actor=request.user, certificate=certificate, data=data
        ),
        success=_("The certificate was saved."),
    ):
        return redirect(certificate.get_absolute_url())
    return render(
        request,
        "certificates/certificate_form.html",
        {"form": form, "certificate": certificate},
    )


@requires("view")
def certificate_export(request):
    """The rows of the list as filtered; identity numbers masked except for the county admin."""
    kwargs = CertificateFilterForm(request.GET or None).filters()
    return xlsx_download(
        "certificates.xlsx",
        lambda stream: exports.export_certificates(actor=request.user, stream=stream, **kwargs),
        request=request,
        kind="certificates",
    )


@requires("write")
def certificate_template(request):
    return xlsx_download(
        "certificate-template.xlsx",
        imports.template,
        request=request,
        kind="certificate_template",
    )


@requires("write")
def certificate_import(request):
    return import_page(
        request,
        importer=imports.CertificateImporter(actor=request.user),
        heading=_("Import certificates from Excel"),
        intro=_(
            "Use the template: one certificate per row, the enterprise by its credit code, "
            "the kind as 主要负责人, 安全生产管理人员 or 特种作业, dates as 2025-03-01; an empty "
            "expiry means 3 years (6 for a special operation). Every row is checked first; if "
            "any row has an error, nothing is saved."
        ),
        template_url=reverse("certificates:certificate_template"),
        done_url=reverse("certificates:certificate_list"),
        done_message=_("%(n)s certificates were imported."),
    )
