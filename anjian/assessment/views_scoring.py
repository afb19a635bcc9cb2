"""Pages of the annual assessment: the results with their chart, a unit's breakdown, hand
scores, publishing and corrections, the scheme and the control targets, and the downloads."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.units import Unit
from anjian.assessment import documents, results, scoring, scoring_services
from anjian.assessment.forms_scoring import (
    CorrectionForm,
    HandScoreForm,
    SchemeForm,
    TargetsForm,
    YearForm,
)
from anjian.core import clock
from anjian.core.downloads import content_download
from anjian.core.excel_views import xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import has_permission, requires

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request) -> int:
    form = YearForm(request.GET or None)
    return (
        form.cleaned_data["year"]
        if form.is_valid() and form.cleaned_data["year"]
        else (clock.today().year)
    )


def _chart(rows: list[dict], year: int) -> dict:
    colours = {"excellent": "#2e7d32", "good": "#2f5597", "pass": "#a5a5a5", "fail": "#c00000"}
    figure = go.Figure(
        layout={
            "template": "none",
            "height": 340,
            "margin": {"l": 40, "r": 10, "t": 40, "b": 80},
            "font": {"family": "Noto Sans CJK SC, Microsoft YaHei, sans-serif", "size": 12},
            "title": {"text": _("Scores %(year)s") % {"year": year}},
            "yaxis": {"range": [0, 105]},
        }
    )
    figure.add_bar(
        x=[r["unit"]["name"] for r in rows],
        y=[r["score"] for r in rows],
        marker_color=[colours[r["grade"]] for r in rows],
        text=[scoring.GRADE_LABELS[r["grade"]] for r in rows],
    )
    return json.loads(figure.to_json())


@requires("government")
def result_list(request):
    year = _year(request)
    rows, published = results.results_for(actor=request.user, year=year)
    own = Unit.of(request.user)
    return render(
        request,
        "assessment/result_list.html",
        {
            "year": year,
            "rows": rows,
            "published": published,
            "figure": _chart(rows, year),
            "grades": scoring.GRADE_LABELS,
            "own": own.as_dict() if own else None,
            "correction_form": CorrectionForm(initial={"year": year}),
            "may_manage": has_permission(request.user, "county_admin"),
        },
    )


@requires("government")
def result_detail(request, year: int, unit_kind: str, unit_code: str):
    if not 2000 <= year <= 2100:
        raise Http404
    row, published = results.row_for(actor=request.user, year=year, kind=unit_kind, code=unit_code)
    may_score = has_permission(request.user, "county_admin") and published is None
    forms = {}
    if may_score:
        for item in row["items"]:
            if item["url"] == "" and item["value"] is None:
                forms[item["code"]] = HandScoreForm(
                    prefix=item["code"], initial={"points": item["points"]}
                )
    for item in row["items"]:
        item["form"] = forms.get(item["code"])
    return render(
        request,
        "assessment/result_detail.html",
        {"year": year, "row": row, "published": published, "grades": scoring.GRADE_LABELS},
    )


@require_POST
@requires("county_admin")
def hand_score_set(request, year: int, unit_kind: str, unit_code: str, item: str):
    if not 2000 <= year <= 2100:
        raise Http404
    results.row_for(actor=request.user, year=year, kind=unit_kind, code=unit_code)
    unit = Unit.from_code(unit_code)
    form = HandScoreForm(request.POST, prefix=item)
    return flash(
        request,
        lambda: scoring_services.hand_score_set(
            actor=request.user,
            year=year,
            unit=unit,
            item=item,
            points=form.cleaned_data["points"],
            evidence=form.cleaned_data["evidence"],
        ),
        form=form,
        success=_("The score was saved."),
        to=reverse("assessment:result_detail", args=[year, unit_kind, unit_code]),
    )


@require_POST
@requires("county_admin")
def result_publish(request):
    form = YearForm(request.POST)
    year = form.cleaned_data["year"] if form.is_valid() and form.cleaned_data["year"] else 0
    return flash(
        request,
        lambda: scoring_services.results_publish(actor=request.user, year=year),
        form=form,
        success=_("The results of %(year)s are published.") % {"year": year},
        to=f"{reverse('assessment:result_list')}?year={year or clock.today().year}",
    )


@require_POST
@requires("county_admin")
def result_correct(request):
    form = CorrectionForm(request.POST)
    year = form.cleaned_data["year"] if form.is_valid() else clock.today().year
    return flash(
        request,
        lambda: scoring_services.results_correct(
            actor=request.user, year=year, reason=form.cleaned_data["reason"]
        ),
        form=form,
        success=_("A corrected version of the results was published."),
        to=f"{reverse('assessment:result_list')}?year={year}",
    )


@requires("government")
def result_export(request):
    year = _year(request)
    rows, _published = results.results_for(actor=request.user, year=year)
    return xlsx_download(
        f"assessment-{year}.xlsx",
        lambda stream: documents.write_xlsx(stream, rows, year),
        request=request,
        kind="assessment",
    )


@requires("government")
def result_report(request):
    year = _year(request)
    return content_download(
        request,
        documents.report_bytes(actor=request.user, year=year, fmt="docx"),
        content_type=DOCX,
        filename=f"assessment-{year}.docx",
        kind="assessment_report",
        query=f"year={year}",
    )


@requires("county_admin")
def scheme_edit(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404
    scheme = scoring_services.scheme_get_or_default(year)
    form = SchemeForm(request.POST or None, initial={"items": scheme.items})
    saved = submit(
        request,
        form,
        lambda data: scoring_services.scheme_save(
            actor=request.user, year=year, items=data["items"]
        ),
        success=_("The scheme was saved."),
    )
    if saved:
        return redirect("assessment:scheme_edit", year=year)
    return render(
        request,
        "assessment/scheme_form.html",
        {
            "form": form,
            "year": year,
            "scheme": scheme,
            "published": results.publication(year),
            "indicators": scoring.INDICATORS,
        },
    )


@requires("county_admin")
def target_edit(request):
    year = _year(request)
    units = results.assessed_units(Unit.of(request.user))
    form = TargetsForm(request.POST or None, units=units, year=year)
    saved = submit(
        request,
        form,
        lambda data: form.save(actor=request.user),
        success=_("The control targets were saved."),
    )
    if saved is not None:
        return redirect(f"{reverse('assessment:target_edit')}?year={year}")
    return render(
        request,
        "assessment/target_form.html",
        {"form": form, "year": year, "published": results.publication(year)},
    )
