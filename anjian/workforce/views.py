"""Inspector register, trainings and training status pages: thin views over selectors and
services."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.core import clock
from anjian.core.excel_views import xlsx_download
from anjian.core.forms import submit
from anjian.core.permissions import has_permission, requires
from anjian.workforce import exports, policy, rules, selectors, services
from anjian.workforce.forms import (
    InductionForm,
    InspectorFilterForm,
    InspectorForm,
    TrainingFilterForm,
    TrainingForm,
    YearForm,
)

PAGE_SIZE = 30


@requires("government")
def inspector_list(request):
    filters = InspectorFilterForm(request.GET or None)
    rows = selectors.inspector_list(actor=request.user, **filters.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_figures(page.object_list)
    return render(
        request,
        "workforce/inspector_list.html",
        {
            "filters": filters,
            "page": page,
            "today": clock.today(),
            "soon": clock.today() + dt.timedelta(days=rules.CERTIFICATE_LEAD_DAYS),
            "can_create": has_permission(request.user, "officer"),
            "query": request.GET.urlencode(),
        },
    )


@requires("government")
def inspector_detail(request, pk: int):
    inspector = selectors.inspector_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "workforce/inspector_detail.html",
        {
            "inspector": inspector,
            "year": clock.today().year,
            "trainings": selectors.training_list(actor=request.user, inspector=inspector.pk)[:50],
            "conflicts": inspector.conflicts.order_by("name"),
            "can_manage": policy.can_manage_inspector(request.user, inspector),
        },
    )


@requires("officer")
def inspector_create(request):
    form = InspectorForm(request.POST or None, user=request.user)
    inspector = submit(
        request,
        form,
        lambda data: services.inspector_create(actor=request.user, data=form.service_data()),
        success=_("The inspector was registered."),
    )
    if inspector:
        return redirect(inspector.get_absolute_url())
    return render(request, "workforce/inspector_form.html", {"form": form})


@requires("officer")
def inspector_edit(request, pk: int):
    inspector = selectors.inspector_get_for(actor=request.user, pk=pk)
    if not policy.can_manage_inspector(request.user, inspector):
        raise PermissionDenied
    form = InspectorForm(request.POST or None, instance=inspector, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.inspector_update(
            actor=request.user, inspector=inspector, data=form.service_data()
        ),
        success=_("The inspector was saved."),
    ):
        return redirect(inspector.get_absolute_url())
    return render(request, "workforce/inspector_form.html", {"form": form, "inspector": inspector})


@requires("government")
def inspector_export(request):
    filters = InspectorFilterForm(request.GET or None)
    return xlsx_download(
        "inspectors.xlsx",
        lambda stream: exports.export_inspectors(
            actor=request.user, stream=stream, filters=filters.filters()
        ),
        request=request,
        kind="inspectors",
    )


@requires("government")
def inspector_hours(request):
    """Each inspector's training hours in a year against the county's target."""
    form = YearForm(request.GET or None)
    figures = selectors.inspector_hours(actor=request.user, year=form.chosen_year())
    page = Paginator(figures["rows"], PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_figures(page.object_list)
    return render(
        request, "workforce/inspector_hours.html", {"form": form, **figures, "page": page}
    )


@requires("view")
def training_list(request):
    filters = TrainingFilterForm(request.GET or None)
    rows = selectors.training_list(actor=request.user, **filters.filters())
    return render(
        request,
        "workforce/training_list.html",
        {
            "filters": filters,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_create": has_permission(request.user, "write"),
            "query": request.GET.urlencode(),
        },
    )


@requires("view")
def training_detail(request, pk: int):
    training = selectors.training_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "workforce/training_detail.html",
        {"training": training, "inspectors": training.inspectors.order_by("name")},
    )


@requires("write")
def training_create(request):
    form = TrainingForm(request.POST or None, user=request.user)
    training = submit(
        request,
        form,
        lambda data: services.training_create(
            actor=request.user, data={k: v for k, v in data.items() if v is not None}
        ),
        success=_("The training was recorded."),
    )
    if training:
        return redirect(training.get_absolute_url())
    return render(request, "workforce/training_form.html", {"form": form})


@requires("view")
def training_export(request):
    filters = TrainingFilterForm(request.GET or None)
    return xlsx_download(
        "trainings.xlsx",
        lambda stream: exports.export_trainings(
            actor=request.user, stream=stream, filters=filters.filters()
        ),
        request=request,
        kind="trainings",
    )


@requires("view")
def enterprise_training(request):
    """Principals' and safety managers' hours (令第3号 Art. 9) and new staff's inductions
    (Art. 13) of the operating units in the caller's jurisdiction (an enterprise: its own)."""
    form = YearForm(request.GET or None)
    year = form.chosen_year()
    rows = selectors.enterprise_training_list(actor=request.user, year=year, q=form.query())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workforce/enterprise_training.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "rows": [(e, selectors.enterprise_training_status(e)) for e in page],
        },
    )


@requires("view")
def induction_list(request):
    form = YearForm(request.GET or None)
    rows = selectors.induction_list(actor=request.user, year=form.chosen_year())
    return render(
        request,
        "workforce/induction_list.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_create": has_permission(request.user, "write"),
        },
    )


@requires("write")
def induction_create(request):
    form = InductionForm(request.POST or None, user=request.user)
    induction = submit(
        request,
        form,
        lambda data: services.induction_create(
            actor=request.user, data={k: v for k, v in data.items() if v is not None}
        ),
        success=_("The induction was recorded."),
    )
    if induction:
        return redirect("workforce:induction_list")
    return render(request, "workforce/induction_form.html", {"form": form})
