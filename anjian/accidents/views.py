"""Accident pages: thin views over selectors, services and the statistics."""

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
    PeriodForm,
    RevisionForm,
    StatsForm,
)
from anjian.accidents.imports import AccidentImporter
from anjian.core.audit import timeline
from anjian.core.downloads import content_download
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires


@requires("view")
def accident_list(request):
    filters = AccidentFilterForm(request.GET or None)
    qs = selectors.accident_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "accidents/accident_list.html", {"filters": filters, "page": page})


@requires("view")
def accident_detail(request, pk: int):
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "accidents/accident_detail.html",
        {
            "accident": accident,
            "revisions": selectors.revision_list(actor=request.user, accident=accident),
            "forwarding": selectors.forwarding_status(accident=accident),
            "window_last_day": selectors.supplementary_last_day(accident=accident),
            "revision_form": RevisionForm.for_accident(accident),
            "forward_form": ForwardForm(),
            "receivable": selectors.receivable(actor=request.user, accident=accident),
            "timeline": timeline(accident)[:50],
        },
    )


@requires("officer")
def accident_create(request):
    form = AccidentForm(request.POST or None, user=request.user)
    accident = submit(
        request,
        form,
        lambda data: services.accident_report(actor=request.user, data=data),
        success=_("The accident was recorded."),
    )
    if accident:
        return redirect("accidents:accident_detail", pk=accident.pk)
    return render(request, "accidents/accident_form.html", {"form": form})


@requires("officer")
def accident_edit(request, pk: int):
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    form = AccidentForm(request.POST or None, instance=accident, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.accident_update(actor=request.user, accident=accident, data=data),
        success=_("The changes were saved."),
    ):
        return redirect("accidents:accident_detail", pk=accident.pk)
    return render(request, "accidents/accident_form.html", {"form": form, "accident": accident})


@requires("officer")
def accident_revise(request, pk: int):
    """补报 / 续报: new casualty figures or a progress note."""
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    form = RevisionForm.for_accident(accident, request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.accident_revise(
            actor=request.user,
            accident=accident,
            note=data["note"],
            figures={k: v for k, v in data.items() if k != "note"},
        ),
        success=_("The report was recorded."),
    ):
        return redirect("accidents:accident_detail", pk=accident.pk)
    return render(request, "accidents/revision_form.html", {"form": form, "accident": accident})


@require_POST
@requires("county_admin")
def accident_forward(request, pk: int):
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    form = ForwardForm(request.POST)
    return flash(
        request,
        lambda: services.accident_forward(
            actor=request.user, accident=accident, **form.cleaned_data
        ),
        form=form,
        invalid=_("Give the level and the time of forwarding."),
        success=_("The forwarding was recorded."),
        to=reverse("accidents:accident_detail", args=[accident.pk]),
    )


@require_POST
@requires("county_admin")
def accident_receive(request, pk: int):
    """An admin of the receiving city or province records that the accident reached it."""
    accident = selectors.accident_get_for(actor=request.user, pk=pk)
    return flash(
        request,
        lambda: services.accident_receive(actor=request.user, accident=accident),
        success=_("The receipt was recorded."),
        to=reverse("accidents:accident_detail", args=[accident.pk]),
    )


@requires("government")
def accident_stats(request):
    """The statistics page: the API's figures, the monthly trend, sectors and towns."""
    form = StatsForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and not form.is_valid():
        return render(request, "accidents/accident_stats.html", context, status=400)
    values = form.values()
    period = values["period"]
    data = stats.accident_stats(
        actor=request.user, period=period, town=values["town"], sector=values["sector"]
    )
    trend = stats.monthly_trend(
        actor=request.user,
        year=period.year,
        town=values["town"],
        sector=values["sector"],
        through_month=period.last_month,
    )
    context.update(
        {"values": values, "period": period, "stats": data, "figures": charts.figures(data, trend)}
    )
    return render(request, "accidents/accident_stats.html", context)


@requires("leader")
def bulletin_download(request):
    """The bulletin (通报) of ?period=P as Word (?format=docx) or Markdown (?format=md)."""
    from anjian.accidents.bulletin import build_bulletin
    from anjian.core.documents import render as render_document

    fmt = "md" if request.GET.get("format") == "md" else "docx"
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            " ".join(form.errors["period"]), status=400, content_type="text/plain; charset=utf-8"
        )
    period = form.cleaned_data["period"]
    document, _data = build_bulletin(actor=request.user, period=period)
    content_type = (
        "text/markdown; charset=utf-8"
        if fmt == "md"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return content_download(
        request,
        render_document(document, fmt),
        content_type=content_type,
        filename=f"bulletin-{period}.{fmt}",
        kind="bulletin",
        query=request.GET.urlencode(),
    )


@requires("view")
def accident_export(request):
    return xlsx_download(
        "accidents.xlsx",
        lambda stream: exports.export_accidents(actor=request.user, stream=stream),
        request=request,
        kind="accidents",
    )


@requires("view")
def accident_template(request):
    return xlsx_download(
        "accident-template.xlsx",
        lambda stream: exports.export_accidents(actor=request.user, stream=stream, empty=True),
        request=request,
        kind="accident_template",
    )


@requires("officer")
def accident_import(request):
    return import_page(
        request,
        importer=AccidentImporter(actor=request.user),
        heading=_("Import accidents from Excel"),
        intro=_(
            "Use the template: the first row holds the Chinese headers; the loss "
            "is in 10,000 yuan (万元). Every row is checked first; if any row has an "
            "error, nothing is saved."
        ),
        template_url=reverse("accidents:accident_template"),
        done_url=reverse("accidents:accident_list"),
        done_message=_("%(n)s accidents were imported."),
    )
