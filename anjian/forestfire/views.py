"""Forest-fire pages: thin views over selectors and services."""

import datetime as dt

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core import clock
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import flash, submit
from anjian.core.permissions import has_permission, requires

from . import imports, maps, selectors, services
from .forms import DangerForm, FireForm, PatrolForm, PermitForm


@requires("view")
def home(request):
    """Today: the fire danger by town, the 禁火 towns, watch areas and their patrol gaps, the
    latest fires and the field-fire approvals."""
    today = clock.today()
    levels = selectors.levels_on(today)
    dangers = list(selectors.danger_list(actor=request.user, date=today))
    areas = selectors.with_requirements(list(selectors.area_list(actor=request.user, open=True)))
    permits = list(selectors.permit_list(actor=request.user)[:20])
    for permit in permits:
        permit.shown_status = selectors.permit_status(permit, levels=levels, day=today)
    fires = Paginator(selectors.fire_list(actor=request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "forestfire/home.html",
        {
            "today": today,
            "dangers": dangers,
            "areas": areas,
            "gaps": sum(1 for a in areas if a.gap),
            "permits": permits,
            "page": fires,
            "can_officer": has_permission(request.user, "officer"),
            "can_county": has_permission(request.user, "county_admin"),
        },
    )


def _form_page(request, form, heading, action, success):
    result = submit(request, form, action, success=success)
    if result is not None:
        url = getattr(result, "get_absolute_url", None)
        return redirect(url() if url else reverse("forestfire:home"))
    return render(request, "forestfire/form.html", {"form": form, "heading": heading})


@requires("officer")
def fire_create(request):
    form = FireForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        form,
        _("Record a forest fire"),
        lambda data: services.fire_create(actor=request.user, data=data),
        _("The fire was recorded."),
    )


@requires("view")
def fire_detail(request, pk: int):
    fire = selectors.fire_get_for(actor=request.user, pk=pk)
    return render(request, "forestfire/fire_detail.html", {"fire": fire})


@requires("officer")
def danger_create(request):
    form = DangerForm(request.POST or None, user=request.user)
    result = submit(
        request,
        form,
        lambda data: services.danger_set(actor=request.user, **data),
        success=_("The fire-danger level was saved."),
    )
    if result is not None:
        return redirect("forestfire:home")
    return render(
        request, "forestfire/form.html", {"form": form, "heading": _("Enter a fire-danger level")}
    )


@requires("officer")
def danger_import(request):
    return import_page(
        request,
        importer=imports.FireDangerImporter(actor=request.user),
        heading=_("Import fire-danger levels from Excel"),
        intro=_(
            "Use the template: one town and day per row (the town by its code or name, the "
            "date as 2025-03-01, the level from 1 to 5). Every row is checked first; if any "
            "row has an error, nothing is saved."
        ),
        template_url=reverse("forestfire:danger_template"),
        done_url=reverse("forestfire:home"),
        done_message=_("%(n)s fire-danger levels were imported."),
    )


@requires("officer")
def danger_template(request):
    return xlsx_download(
        "fire-danger-template.xlsx", imports.template, request=request, kind="fire_danger_template"
    )


@requires("officer")
def permit_create(request):
    form = PermitForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        form,
        _("Apply for field fire use (野外用火)"),
        lambda data: services.permit_create(actor=request.user, data=data),
        _("The application was filed; the county decides on it."),
    )


@require_POST
@requires("county_admin")
def permit_decide(request, pk: int):
    permit = selectors.permit_get_for(actor=request.user, pk=pk)
    approve = request.POST.get("decision") == "approve"
    return flash(
        request,
        lambda: services.permit_decide(actor=request.user, permit=permit, approve=approve),
        success=_("Approved.") if approve else _("Rejected."),
        to=reverse("forestfire:home"),
    )


@requires("view")
def area_detail(request, pk: int):
    """A watch area: today's requirement and the last 14 days, patrol by patrol."""
    area = selectors.area_get_for(actor=request.user, pk=pk)
    today = clock.today()
    days = selectors.area_days(area, first=today - dt.timedelta(days=13), last=today)
    patrols = selectors.patrol_list(actor=request.user, area=area.pk)[:50]
    return render(
        request,
        "forestfire/area_detail.html",
        {
            "area": area,
            "days": list(reversed(days)),
            "patrols": patrols,
            "can_officer": has_permission(request.user, "officer"),
        },
    )


@requires("officer")
def patrol_create(request):
    """Log a patrol from a phone: the location from the browser when it allows, typed else."""
    initial = {}
    if request.GET.get("area", "").isdigit():
        initial["area"] = int(request.GET["area"])
    form = PatrolForm(request.POST or None, user=request.user, initial=initial)
    patrol = submit(
        request,
        form,
        lambda data: services.patrol_log(actor=request.user, data=data),
        success=_("The patrol was logged."),
    )
    if patrol is not None:
        return redirect(patrol.area.get_absolute_url())
    return render(request, "forestfire/patrol_form.html", {"form": form})


@requires("view")
def fire_map(request):
    """Watch areas, fires and today's patrol points on the county's outline (no tiles)."""
    return render(request, "forestfire/map.html", {"map": maps.build(actor=request.user)})
