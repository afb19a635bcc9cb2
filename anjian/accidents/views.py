"""Accident pages: thin views over selectors, services and the statistics."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accidents import charts, exports, selectors, services, stats
from anjian.accidents.forms import (
    AccidentFilterForm,
    AccidentForm,
    ForwardForm,
    RevisionForm,
    StatsForm,
)
from anjian.accidents.imports import AccidentImporter
from anjian.core.audit import timeline
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.permissions import requires


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _list_filters(form: AccidentFilterForm) -> dict:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    filters = {"q": data["q"], "grade": data["grade"],
               "town": data["town"].code if data["town"] else "",
               "sector": data["sector"].code if data["sector"] else ""}
    if data["late"]:
        filters["late"] = data["late"] == "1"
    if data["period"]:
        try:
            filters["period"] = stats.period_param(data["period"])
        except ValidationError as exc:
            _apply_errors(form, exc)
    return filters


@requires("view")
def accident_list(request):
    filters = AccidentFilterForm(request.GET or None)
    qs = selectors.accident_list(actor=request.user, **_list_filters(filters))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "accidents/accident_list.html", {"filters": filters, "page": page})


@requires("view")
def accident_detail(request, pk: int):
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    return render(request, "accidents/accident_detail.html", {
        "accident": accident,
        "revisions": selectors.revision_list(actor=request.user, accident=accident),
        "forwarding": selectors.forwarding_status(accident=accident),
        "revision_form": RevisionForm.for_accident(accident),
        "forward_form": ForwardForm(),
        "timeline": timeline(accident)[:50],
    })


@requires("officer")
def accident_create(request):
    form = AccidentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            accident = services.accident_report(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The accident was recorded."))
            return redirect("accidents:accident_detail", pk=accident.pk)
    return render(request, "accidents/accident_form.html", {"form": form})


@requires("officer")
def accident_edit(request, pk: int):
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    form = AccidentForm(request.POST or None, instance=accident, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        accident.refresh_from_db()
        try:
            services.accident_update(actor=request.user, accident=accident, data=data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("accidents:accident_detail", pk=accident.pk)
    return render(request, "accidents/accident_form.html", {"form": form, "accident": accident})


@requires("officer")
def accident_revise(request, pk: int):
    """补报 / 续报: new casualty figures or a progress note."""
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    form = RevisionForm.for_accident(accident, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        try:
            services.accident_revise(actor=request.user, accident=accident, figures=data,
                                     note=note)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The report was recorded."))
            return redirect("accidents:accident_detail", pk=accident.pk)
    return render(request, "accidents/revision_form.html", {"form": form, "accident": accident})


@require_POST
@requires("county_admin")
def accident_forward(request, pk: int):
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    form = ForwardForm(request.POST)
    if form.is_valid():
        try:
            services.accident_forward(actor=request.user, accident=accident,
                                      **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The forwarding was recorded."))
    else:
        messages.error(request, _("Give the level and the time of forwarding."))
    return redirect("accidents:accident_detail", pk=accident.pk)


@requires("view")
def accident_stats(request):
    """The statistics page: the API's figures, the monthly trend, sectors and towns."""
    form = StatsForm(request.GET or None)
    values = form.values()
    context = {"form": form, "values": values}
    try:
        period = stats.period_param(values["period"])
        data = stats.accident_stats(actor=request.user, period=period, town=values["town"],
                                    sector=values["sector"])
    except ValidationError as exc:
        _apply_errors(form, exc)
        return render(request, "accidents/accident_stats.html", context, status=400)
    trend = stats.monthly_trend(actor=request.user, year=period.year, town=values["town"],
                                sector=values["sector"], through_month=period.last_month)
    context.update({"period": period, "stats": data, "figures": charts.figures(data, trend)})
    return render(request, "accidents/accident_stats.html", context)


@requires("leader")
def bulletin_download(request):
    """The bulletin (通报) of ?period=P as Word (?format=docx) or Markdown (?format=md)."""
    from anjian.accidents.bulletin import build_bulletin
    from anjian.core.documents import render as render_document

    fmt = "md" if request.GET.get("format") == "md" else "docx"
    try:
        period = stats.period_param(request.GET.get("period"))
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400,
                            content_type="text/plain; charset=utf-8")
    document, _data = build_bulletin(actor=request.user, period=period)
    content_type = ("text/markdown; charset=utf-8" if fmt == "md" else
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response = HttpResponse(render_document(document, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="bulletin-{period}.{fmt}"'
    return response


@requires("view")
def accident_export(request):
    return xlsx_download("accidents.xlsx", lambda stream: exports.export_accidents(
        actor=request.user, stream=stream))


@requires("view")
def accident_template(request):
    return xlsx_download("accident-template.xlsx", lambda stream: exports.export_accidents(
        actor=request.user, stream=stream, empty=True))


@requires("officer")
def accident_import(request):
    return import_page(request, importer=AccidentImporter(actor=request.user),
                       template="accidents/accident_import.html",
                       done_url=reverse("accidents:accident_list"),
                       done_message=_("%(n)s accidents were imported."))
