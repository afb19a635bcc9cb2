"""Emergency plan and drill pages: thin views over selectors and services."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core import clock
from anjian.core.downloads import stored_file_download
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import has_permission, requires
from anjian.emergency import imports, policy, selectors, services
from anjian.emergency.forms import (
    AttachmentForm,
    DrillForm,
    DrillHazardForm,
    PlanFilterForm,
    PlanForm,
    RevisionForm,
)
from anjian.emergency.models import Drill

PAGE_SIZE = 30


def _plan_page(request, *, overdue_only: bool):
    filters = PlanFilterForm(request.GET or None)
    kwargs = filters.filters()
    if overdue_only:
        kwargs["overdue"] = True
    qs = selectors.plan_list(actor=request.user, **kwargs)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "emergency/plan_list.html",
        {
            "filters": filters,
            "page": page,
            "today": clock.today(),
            "overdue_only": overdue_only,
            "can_create": has_permission(request.user, "write"),
        },
    )


@requires("view")
def plan_list(request):
    return _plan_page(request, overdue_only=False)


@requires("view")
def overdue_list(request):
    """The plans in the caller's jurisdiction whose drill or evaluation is overdue (a town's,
    a department's, the county's for the admin and the leader; an enterprise its own)."""
    return _plan_page(request, overdue_only=True)


def _plan_data(data: dict) -> dict:
    data = dict(data)
    if data.get("unit") is None:
        data.pop("unit", None)
    if data.get("enterprise") is None:
        data.pop("enterprise", None)
    return data


@requires("write")
def plan_create(request):
    form = PlanForm(request.POST or None, user=request.user)
    plan = submit(
        request,
        form,
        lambda data: services.plan_create(actor=request.user, data=_plan_data(data)),
        success=_("The plan was recorded."),
    )
    if plan:
        return redirect(plan.get_absolute_url())
    return render(request, "emergency/plan_form.html", {"form": form})


@requires("view")
def plan_detail(request, pk: int):
    plan = selectors.plan_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "emergency/plan_detail.html",
        {
            "plan": plan,
            "today": clock.today(),
            "drills": selectors.drill_list(actor=request.user, plan=plan.pk),
            "can_edit": policy.can_edit(request.user, plan),
            "revision_form": RevisionForm(),
            "attachments": plan.attachments.all(),
            "attachment_form": AttachmentForm(),
        },
    )


@requires("write")
def plan_edit(request, pk: int):
    plan = selectors.plan_get_for(actor=request.user, pk=pk)
    if not policy.can_edit(request.user, plan):
        raise PermissionDenied
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.plan_update(actor=request.user, plan=plan, data=data),
        success=_("The plan was saved."),
    ):
        return redirect(plan.get_absolute_url())
    return render(request, "emergency/plan_form.html", {"form": form, "plan": plan})


@require_POST
@requires("write")
def plan_revision_add(request, pk: int):
    plan = selectors.plan_get_for(actor=request.user, pk=pk)
    form = RevisionForm(request.POST)
    return flash(
        request,
        lambda: services.plan_revision_add(
            actor=request.user,
            plan=plan,
            day=form.cleaned_data["date"],
            trigger=form.cleaned_data["trigger"],
            note=form.cleaned_data["note"],
        ),
        form=form,
        success=_("The revision trigger was recorded."),
        to=plan.get_absolute_url(),
    )


@requires("write")
def drill_create(request, pk: int):
    plan = selectors.plan_get_for(actor=request.user, pk=pk)
    if not policy.can_edit(request.user, plan):
        raise PermissionDenied
    form = DrillForm(request.POST or None, instance=Drill(plan=plan))
    drill = submit(
        request,
        form,
        lambda data: services.drill_create(actor=request.user, plan=plan, data=data),
        success=_("The drill was recorded."),
    )
    if drill:
        return redirect(drill.get_absolute_url())
    return render(request, "emergency/drill_form.html", {"form": form, "plan": plan})


@requires("view")
def drill_detail(request, pk: int):
    drill = selectors.drill_get_for(actor=request.user, pk=pk)
    can_edit = policy.can_edit(request.user, drill.plan)
    return render(
        request,
        "emergency/drill_detail.html",
        {
            "drill": drill,
            "can_edit": can_edit,
            "hazard_form": DrillHazardForm(plan=drill.plan) if can_edit else None,
        },
    )


@require_POST
@requires("write")
def drill_hazard(request, pk: int):
    drill = selectors.drill_get_for(actor=request.user, pk=pk)
    form = DrillHazardForm(request.POST, plan=drill.plan)
    return flash(
        request,
        lambda: services.drill_raise_hazard(
            actor=request.user,
            drill=drill,
            data={k: v for k, v in form.cleaned_data.items() if v not in (None, "")},
        ),
        form=form,
        success=_("The problems were registered as a hazard."),
        to=reverse("emergency:drill_detail", args=[drill.pk]),
    )


@require_POST
@requires("write")
def plan_attach(request, pk: int):
    plan = selectors.plan_get_for(actor=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    return flash(
        request,
        lambda: services.plan_attach(
            actor=request.user, plan=plan, upload=form.cleaned_data["file"]
        ),
        form=form,
        success=_("The document was attached."),
        to=plan.get_absolute_url(),
    )


@requires("view")
def attachment_download(request, pk: int):
    """A plan's document, only for users who may see the plan (never a public URL)."""
    item = selectors.attachment_get_for(actor=request.user, pk=pk)
    return stored_file_download(
        request,
        item,
        kind="emergency_plan_attachment",
        query=f"plan={item.plan_id}&attachment={item.pk}",
    )


@requires("write")
def plan_template(request):
    return xlsx_download(
        "emergency-plan-template.xlsx",
        imports.template,
        request=request,
        kind="emergency_plan_template",
    )


@requires("write")
def plan_import(request):
    return import_page(
        request,
        importer=imports.PlanImporter(actor=request.user),
        heading=_("Import emergency plans from Excel"),
        intro=_(
            "Use the template: one plan per row, the unit as its code (county, "
            "a town or department code) or the enterprise by its credit code; "
            "dates as 2025-03-01. Every row is checked first; if any row has "
            "an error, nothing is saved."
        ),
        template_url=reverse("emergency:plan_template"),
        done_url=reverse("emergency:plan_list"),
        done_message=_("%(n)s plans were imported."),
    )
