"""Pages: leaders' assignments, the department–sector matrix, supervision gaps,
accountability records, and the findings form on the accident page."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accidents import selectors as accident_selectors
from anjian.assessment import exports, selectors, services
from anjian.assessment.forms import (
    AccountabilityForm,
    FindingForm,
    ResponsibilityFilterForm,
    ResponsibilityForm,
    SectorDutyForm,
)
from anjian.assessment.gaps import KINDS
from anjian.assessment.imports import ResponsibilityImporter
from anjian.core import clock
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires


@requires("government")
def responsibility_list(request):
    form = ResponsibilityFilterForm(request.GET or None)
    rows = selectors.responsibility_list(actor=request.user, **form.filters())
    return render(
        request, "assessment/responsibility_list.html", {"rows": rows, "filter_form": form}
    )


@requires("government")
def responsibility_export(request):
    """The assignments of the caller's scope, in the import template's columns."""
    form = ResponsibilityFilterForm(request.GET or None)
    return xlsx_download(
        "responsibilities.xlsx",
        lambda stream: exports.export_responsibilities(
            actor=request.user, stream=stream, filters=form.filters()
        ),
        request=request,
        kind="responsibilities",
    )


@requires("government")
def responsibility_template(request):
    return xlsx_download(
        "responsibility-template.xlsx",
        lambda stream: exports.export_responsibilities(
            actor=request.user, stream=stream, empty=True
        ),
        request=request,
        kind="responsibility_template",
    )


@requires("county_admin")
def responsibility_import(request):
    return import_page(
        request,
        importer=ResponsibilityImporter(actor=request.user),
        heading=_("Import leaders' assignments from Excel"),
        intro=_(
            "Use the template: one row per leader and year; several sectors "
            "or towns in one cell are separated by 、. Every row is checked "
            "first; if any row has an error, nothing is saved."
        ),
        template_url=reverse("assessment:responsibility_template"),
        done_url=reverse("assessment:responsibility_list"),
        done_message=_("%(n)s assignments were imported."),
    )


@requires("county_admin")
def responsibility_create(request):
    form = ResponsibilityForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.responsibility_create(actor=request.user, data=data),
        success=_("The assignment was recorded."),
    ):
        return redirect("assessment:responsibility_list")
    return render(request, "assessment/responsibility_form.html", {"form": form})


@requires("county_admin")
def responsibility_edit(request, pk: int):
    responsibility = selectors.responsibility_get_for(actor=request.user, pk=pk)
    form = ResponsibilityForm(request.POST or None, instance=responsibility)
    if submit(
        request,
        form,
        lambda data: services.responsibility_update(
            actor=request.user, responsibility=responsibility, data=data
        ),
        success=_("The changes were saved."),
    ):
        return redirect("assessment:responsibility_list")
    return render(
        request,
        "assessment/responsibility_form.html",
        {"form": form, "responsibility": responsibility},
    )


@requires("government")
def sector_duty_list(request):
    return render(
        request,
        "assessment/sector_duty_list.html",
        {"sectors": selectors.sector_matrix(actor=request.user)},
    )


@requires("county_admin")
def sector_duty_edit(request, pk: int):
    sector = next((s for s in selectors.sector_matrix(actor=request.user) if s.pk == pk), None)
    if sector is None:
        raise Http404
    form = SectorDutyForm(
        request.POST or None, initial={"lead": sector.lead, "cooperating": sector.cooperating}
    )
    if submit(
        request,
        form,
        lambda data: services.sector_duty_set(
            actor=request.user,
            sector=sector,
            lead=data["lead"],
            cooperating=list(data["cooperating"]),
        ),
        success=_("The changes were saved."),
    ):
        return redirect("assessment:sector_duty_list")
    return render(request, "assessment/sector_duty_form.html", {"form": form, "sector": sector})


@requires("government")
def gap_list(request):
    gaps = selectors.supervision_gap_list(actor=request.user)
    counts = {kind: sum(1 for g in gaps if g.kind == kind) for kind in KINDS}
    return render(request, "assessment/gap_list.html", {"gaps": gaps, "counts": counts})


@requires("government")
def accountability_list(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    unit = request.GET.get("unit", "")[:40]
    rows = selectors.accountability_list(actor=request.user, year=year, unit=unit)
    return render(
        request,
        "assessment/accountability_list.html",
        {"rows": rows, "year": year, "unit": unit, "this_year": clock.today().year},
    )


@requires("county_admin")
def accountability_create(request):
    form = AccountabilityForm(request.POST or None)
    record = submit(
        request,
        form,
        lambda data: services.accountability_create(
            actor=request.user, unit=data.pop("unit"), data=data
        ),
        success=_("The accountability record was saved."),
    )
    if record:
        return redirect(record.get_absolute_url())
    return render(request, "assessment/accountability_form.html", {"form": form})


@require_POST
@requires("county_admin")
def finding_create(request, pk: int):
    accident = accident_selectors.accident_get_for(actor=request.user, pk=pk)
    form = FindingForm(request.POST)
    return flash(
        request,
        lambda: services.finding_create(
            actor=request.user,
            accident=accident,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
        ),
        form=form,
        success=_("The finding was recorded."),
        to=reverse("accidents:accident_detail", args=[accident.pk]),
    )
