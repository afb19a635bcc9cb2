"""Hazard pages: thin views over selectors, services and the workflow."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.audit import timeline
from anjian.core.downloads import content_download, stored_file_download
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires
from anjian.hazards.imports import HazardImporter

from . import documents, exports, policy, selectors, services, workflow
from .forms import (
    DecisionForm,
    EvidenceForm,
    ExtensionForm,
    HazardFilterForm,
    HazardForm,
    QuarterForm,
    TransitionForm,
)
from .models import ExtensionStatus, HazardEvidence

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@requires("view")
def hazard_list(request):
    filters = HazardFilterForm(request.GET or None)
    qs = selectors.hazard_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "hazards/hazard_list.html",
        {
            "filters": filters,
            "page": page,
            "counts": selectors.status_counts(actor=request.user),
            "quarter": selectors.Quarter.current().label,
        },
    )


@requires("view")
def hazard_detail(request, pk: int):
    hazard = selectors.hazard_get_for(actor=request.user, pk=pk)
    actions = policy.allowed_actions(request.user, hazard, workflow.TRANSITIONS)
    extensions = list(hazard.extensions.select_related("requested_by", "decided_by"))
    open_extension = next((e for e in extensions if e.status == ExtensionStatus.REQUESTED), None)
    return render(
        request,
        "hazards/hazard_detail.html",
        {
            "hazard": hazard,
            "history": selectors.hazard_history(hazard=hazard),
            "evidence": hazard.evidence.select_related("uploaded_by"),
            "extensions": extensions,
            "open_extension": open_extension,
            "supervision": getattr(hazard, "supervision", None) if hazard.supervised else None,
            "actions": [(a, workflow.action_label(a)) for a in actions],
            "transition_form": TransitionForm(),
            "evidence_form": EvidenceForm(),
            "decision_form": DecisionForm(),
            "can_edit": hazard.status != "closed" and policy.can_edit(request.user, hazard),
            "can_extend": hazard.status != "closed"
            and open_extension is None
            and policy.can_rectify(request.user, hazard),
            "can_decide": open_extension is not None
            and policy.can_decide_extension(request.user, hazard),
            "missing_plan": hazard.missing_plan_parts() if hazard.is_major else [],
            "timeline": timeline(hazard)[:50],
        },
    )


@requires("write")
def hazard_create(request):
    form = HazardForm(request.POST or None, user=request.user)
    hazard = submit(
        request,
        form,
        lambda data: services.hazard_create(actor=request.user, data=data),
        success=_("The hazard was registered."),
    )
    if hazard:
        return redirect("hazards:hazard_detail", pk=hazard.pk)
    return render(request, "hazards/hazard_form.html", {"form": form})


@requires("write")
def hazard_edit(request, pk: int):
    hazard = selectors.hazard_get_for(actor=request.user, pk=pk)
    if not policy.can_edit(request.user, hazard):
        raise PermissionDenied
    form = HazardForm(request.POST or None, instance=hazard, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.hazard_update(actor=request.user, hazard=hazard, data=data),
        success=_("The changes were saved."),
    ):
        return redirect("hazards:hazard_detail", pk=pk)
    return render(request, "hazards/hazard_form.html", {"form": form, "hazard": hazard})


@require_POST
@requires("write")
def hazard_transition(request, pk: int):
    hazard = selectors.hazard_get_for(actor=request.user, pk=pk)
    form = TransitionForm(request.POST, request.FILES)
    return flash(
        request,
        lambda: workflow.hazard_transition(
            actor=request.user,
            hazard=hazard,
            action=form.cleaned_data["action"],
            comment=form.cleaned_data["comment"],
            evidence=form.cleaned_data["evidence"],
        ),
        form=form,
        success=lambda step: (
            _("Done: %(action)s.") % {"action": workflow.action_label(step.action)}
        ),
        to=reverse("hazards:hazard_detail", args=[pk]),
    )


@require_POST
@requires("write")
def hazard_evidence_upload(request, pk: int):
    hazard = selectors.hazard_get_for(actor=request.user, pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    return flash(
        request,
        lambda: workflow.hazard_evidence_add(
            actor=request.user, hazard=hazard, uploads=form.cleaned_data["evidence"]
        ),
        form=form,
        success=_("The files were attached."),
        to=reverse("hazards:hazard_detail", args=[pk]),
    )


@requires("view")
def hazard_evidence_download(request, pk: int):
    """An evidence file, only for users who may see its hazard (never a public URL)."""
    item: HazardEvidence = selectors.hazard_evidence_get_for(actor=request.user, pk=pk)
    return stored_file_download(
        request,
        item,
        kind="hazard_evidence",
        query=f"hazard={item.hazard_id}&evidence={item.pk}",
        inline=item.kind == "photo",
    )


@requires("write")
def hazard_extension_request(request, pk: int):
    hazard = selectors.hazard_get_for(actor=request.user, pk=pk)
    if not policy.can_rectify(request.user, hazard):
        raise PermissionDenied
    form = ExtensionForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: workflow.hazard_extension_request(actor=request.user, hazard=hazard, **data),
        success=_("The extension was requested."),
    ):
        return redirect("hazards:hazard_detail", pk=pk)
    return render(request, "hazards/extension_form.html", {"form": form, "hazard": hazard})


@require_POST
@requires("officer")
def hazard_extension_decide(request, pk: int, extension_id: int):
    hazard = selectors.hazard_get_for(actor=request.user, pk=pk)
    extension = hazard.extensions.filter(pk=extension_id).first()
    form = DecisionForm(request.POST)
    if extension is None or not form.is_valid():
        raise Http404
    return flash(
        request,
        lambda: workflow.hazard_extension_decide(
            actor=request.user, extension=extension, **form.cleaned_data
        ),
        success=_("The decision was recorded."),
        to=reverse("hazards:hazard_detail", args=[pk]),
    )


@requires("view")
def hazard_order_docx(request, pk: int):
    """责令限期整改指令书 (only for hazards a government unit found)."""
    hazard = selectors.hazard_get_for(actor=request.user, pk=pk)
    if not hazard.government_found:
        raise Http404
    return content_download(
        request,
        documents.rectification_order(hazard),
        content_type=DOCX,
        filename=f"order-{hazard.pk}.docx",
        kind="hazard_order",
    )


@requires("view")
def hazard_notice_docx(request, pk: int):
    """挂牌督办通知书 of a supervised major hazard."""
    hazard = selectors.hazard_get_for(actor=request.user, pk=pk)
    if not hazard.supervised or not hasattr(hazard, "supervision"):
        raise Http404
    return content_download(
        request,
        documents.supervision_notice(hazard),
        content_type=DOCX,
        filename=f"supervision-{hazard.pk}.docx",
        kind="hazard_supervision_notice",
    )


@requires("view")
def hazard_export(request):
    """The hazard ledger (隐患台账) of the caller's scope, with the list's filters."""
    filters = HazardFilterForm(request.GET or None)
    return xlsx_download(
        "hazards.xlsx",
        lambda stream: exports.export_hazards(
            actor=request.user, stream=stream, filters=filters.filters()
        ),
        request=request,
        kind="hazards",
    )


@requires("view")
def hazard_template(request):
    return xlsx_download(
        "hazard-template.xlsx",
        lambda stream: exports.export_hazards(actor=request.user, stream=stream, empty=True),
        request=request,
        kind="hazard_template",
    )


@requires("view")
def hazard_quarter_export(request):
    """Enterprise quarterly hazard statistics (?quarter=2024-Q1; default: this quarter)."""
    form = QuarterForm(request.GET)
    raw = form.cleaned_data["quarter"] if form.is_valid() else ""
    quarter = selectors.Quarter.parse(raw) if raw else selectors.Quarter.current()
    return xlsx_download(
        f"hazards-{quarter.label}.xlsx",
        lambda stream: exports.export_quarter_stats(
            actor=request.user, stream=stream, quarter=quarter
        ),
        request=request,
        kind="hazard_quarter_stats",
    )


@requires("write")
def hazard_import(request):
    return import_page(
        request,
        importer=HazardImporter(actor=request.user),
        heading=_("Import hazards from Excel"),
        intro=_(
            "Use the template: the first row holds the Chinese headers. Every row "
            "is checked first; if any row has an error, nothing is saved."
        ),
        template_url=reverse("hazards:hazard_template"),
        done_url=reverse("hazards:hazard_list"),
        done_message=_("%(n)s hazards were imported."),
    )
