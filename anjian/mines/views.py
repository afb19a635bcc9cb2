"""Pages: the tailings pond register (list, detail, create, edit) and the Excel import of pond
readings. Thin views over selectors and services."""

from types import SimpleNamespace

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.core import clock
from anjian.core.audit import timeline
from anjian.core.downloads import stored_file_download
from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.forms import submit
from anjian.core.permissions import has_permission, requires

from . import imports, rules, selectors, services
from .forms import (
    FloodCheckForm,
    PlanForm,
    PondFilterForm,
    PondForm,
    QuarryFilterForm,
    QuarryForm,
    VoidFilterForm,
    VoidForm,
)
from .models import ALARM_CHOICES, ITEM_UNITS, FloodCheck, Item

PAGE_SIZE = 30
ALARM_LABELS = dict(ALARM_CHOICES)


@requires("government")
def pond_list(request):
    """The register, filtered by town, class, 头顶库, 安全度 and current alarm, with each pond's
    current alarm (one query for the page's ponds)."""
    filters = PondFilterForm(request.GET or None, user=request.user)
    qs = selectors.pond_list_with_alarm(actor=request.user, **filters.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    alarms = selectors.pond_alarms([pond.pk for pond in page])
    for pond in page:
        pond.alarm = alarms.get(pond.pk)
        pond.alarm_label = ALARM_LABELS.get(pond.alarm, "")
    return render(
        request,
        "mines/pond_list.html",
        {
            "filters": filters,
            "page": page,
            "can_write": has_permission(request.user, "officer"),
        },
    )


@requires("government")
def pond_detail(request, pk: int):
    pond = selectors.pond_get_for(actor=request.user, pk=pk)
    status = selectors.pond_status(pond)
    items = dict(Item.choices)
    points = [
        {
            **row,
            "item_label": items.get(row["item"], row["item"]),
            "unit": ITEM_UNITS[row["item"]][0],
            "alarm_label": ALARM_LABELS.get(row["alarm"], ""),
            "item_level_label": ALARM_LABELS.get(status["items"].get(row["item"]), ""),
        }
        for row in status["points"]
    ]
    return render(
        request,
        "mines/pond_detail.html",
        {
            "pond": pond,
            "status": status,
            "points": points,
            "alarm_label": ALARM_LABELS.get(status["alarm"], ""),
            "steps": selectors.pond_class_steps(pond),
            "flood": selectors.flood_status(pond),
            "timeline": timeline(pond)[:50],
            "can_write": has_permission(request.user, "officer"),
        },
    )


@requires("officer")
def pond_create(request):
    form = PondForm(request.POST or None, user=request.user)

    def create(data):
        data = dict(data)
        enterprise = data.pop("enterprise")
        return services.pond_create(actor=request.user, enterprise=enterprise, data=data)

    pond = submit(request, form, create, success=_("The tailings pond was registered."))
    if pond:
        return redirect(pond.get_absolute_url())
    return render(
        request, "mines/form.html", {"form": form, "heading": _("Register a tailings pond")}
    )


@requires("officer")
def pond_edit(request, pk: int):
    pond = selectors.pond_get_for(actor=request.user, pk=pk)
    form = PondForm(request.POST or None, instance=pond, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.pond_update(actor=request.user, pond=pond, data=data),
        success=_("The tailings pond was saved."),
    ):
        return redirect(pond.get_absolute_url())
    return render(
        request,
        "mines/form.html",
        {"form": form, "heading": _("Edit %(pond)s") % {"pond": pond.name}, "back": pond},
    )


@requires("officer")
def flood_check(request, pk: int, year: int):
    """Record or complete the pond's 汛前检查 for `year` (this year, last year or next)."""
    pond = selectors.pond_get_for(actor=request.user, pk=pk)
    if abs(year - clock.today().year) > 1:
        raise Http404
    check = FloodCheck.objects.filter(pond=pond, year=year).first()
    form = FloodCheckForm(
        request.POST or None,
        request.FILES or None,
        instance=check or FloodCheck(pond=pond, year=year),
    )

    def save(data):
        data = dict(data)
        upload = data.pop("upload", None)
        return services.flood_check_save(
            actor=request.user, pond=pond, year=year, data=data, upload=upload
        )

    if submit(request, form, save, success=_("The flood-season check was saved.")):
        return redirect(pond.get_absolute_url())
    return render(
        request,
        "mines/form.html",
        {
            "form": form,
            "heading": _("Flood-season check %(year)s: %(pond)s") % {"year": year, "pond": pond},
            "back": pond,
            "check": check,
        },
    )


@requires("government")
def flood_report(request, pk: int):
    """The flood routing report of a check the user may see (audited, never a public URL)."""
    check = selectors.flood_check_get_for(actor=request.user, pk=pk)
    if not check.report_name:
        raise Http404
    return stored_file_download(
        request,
        SimpleNamespace(file=check.report, name=check.report_name),
        kind="flood_routing_report",
        query=f"pond={check.pond_id}&year={check.year}",
    )


@requires("government")
def void_list(request):
    """The mined-out areas (采空区) in scope, filtered by town, treatment and text."""
    filters = VoidFilterForm(request.GET or None, user=request.user)
    qs = selectors.void_list(actor=request.user, **filters.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mines/void_list.html",
        {
            "filters": filters,
            "page": page,
            "today": clock.today(),
            "can_write": has_permission(request.user, "officer"),
        },
    )


@requires("government")
def void_detail(request, pk: int):
    area = selectors.void_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "mines/void_detail.html",
        {
            "area": area,
            "timeline": timeline(area)[:50],
            "today": clock.today(),
            "can_write": has_permission(request.user, "officer"),
        },
    )


@requires("officer")
def void_create(request):
    form = VoidForm(request.POST or None, user=request.user)

    def create(data):
        data = dict(data)
        enterprise = data.pop("enterprise")
        return services.void_create(actor=request.user, enterprise=enterprise, data=data)

    area = submit(request, form, create, success=_("The mined-out area was registered."))
    if area:
        return redirect(area.get_absolute_url())
    return render(
        request, "mines/form.html", {"form": form, "heading": _("Register a mined-out area")}
    )


@requires("officer")
def void_edit(request, pk: int):
    area = selectors.void_get_for(actor=request.user, pk=pk)
    form = VoidForm(request.POST or None, instance=area, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.void_update(actor=request.user, area=area, data=data),
        success=_("The mined-out area was saved."),
    ):
        return redirect(area.get_absolute_url())
    return render(
        request,
        "mines/form.html",
        {"form": form, "heading": _("Edit the mined-out area"), "back": area},
    )


@requires("government")
def quarry_list(request):
    """The small quarries in scope, filtered by town, blasting method, licence and text."""
    filters = QuarryFilterForm(request.GET or None, user=request.user)
    qs = selectors.quarry_list(actor=request.user, **filters.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mines/quarry_list.html",
        {
            "filters": filters,
            "page": page,
            "today": clock.today(),
            "banned": rules.BANNED_BLASTING,
            "can_write": has_permission(request.user, "officer"),
        },
    )


@requires("government")
def quarry_detail(request, pk: int):
    quarry = selectors.quarry_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "mines/quarry_detail.html",
        {
            "quarry": quarry,
            "timeline": timeline(quarry)[:50],
            "today": clock.today(),
            "problem": rules.blasting_problem(quarry.blasting, quarry.demonstration),
            "can_write": has_permission(request.user, "officer"),
        },
    )


@requires("officer")
def quarry_create(request):
    form = QuarryForm(request.POST or None, user=request.user)

    def create(data):
        data = dict(data)
        enterprise = data.pop("enterprise")
        return services.quarry_create(actor=request.user, enterprise=enterprise, data=data)

    quarry = submit(request, form, create, success=_("The quarry was registered."))
    if quarry:
        return redirect(quarry.get_absolute_url())
    return render(
        request, "mines/form.html", {"form": form, "heading": _("Register a small quarry")}
    )


@requires("officer")
def quarry_edit(request, pk: int):
    quarry = selectors.quarry_get_for(actor=request.user, pk=pk)
    form = QuarryForm(request.POST or None, instance=quarry, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.quarry_update(actor=request.user, quarry=quarry, data=data),
        success=_("The quarry was saved."),
    ):
        return redirect(quarry.get_absolute_url())
    return render(
        request,
        "mines/form.html",
        {"form": form, "heading": _("Edit %(quarry)s") % {"quarry": quarry.name}, "back": quarry},
    )


@requires("government")
def plan_list(request):
    """The mines' 一矿一策 plans in scope, those past their review first."""
    overdue = {"yes": True, "no": False}.get(request.GET.get("overdue", ""))
    qs = selectors.plan_list(actor=request.user, overdue=overdue)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mines/plan_list.html",
        {
            "page": page,
            "overdue": request.GET.get("overdue", ""),
            "today": clock.today(),
            "can_write": has_permission(request.user, "officer"),
        },
    )


@requires("government")
def plan_detail(request, pk: int):
    plan = selectors.plan_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "mines/plan_detail.html",
        {
            "plan": plan,
            "timeline": timeline(plan)[:50],
            "today": clock.today(),
            "can_write": has_permission(request.user, "officer"),
        },
    )


@requires("officer")
def plan_create(request):
    form = PlanForm(request.POST or None, request.FILES or None, user=request.user)

    def create(data):
        data = dict(data)
        enterprise = data.pop("enterprise")
        upload = data.pop("upload", None)
        return services.plan_create(
            actor=request.user, enterprise=enterprise, data=data, upload=upload
        )

    plan = submit(request, form, create, success=_("The plan was saved."))
    if plan:
        return redirect(plan.get_absolute_url())
    return render(
        request, "mines/form.html", {"form": form, "heading": _("Write a one-mine-one-plan")}
    )


@requires("officer")
def plan_edit(request, pk: int):
    plan = selectors.plan_get_for(actor=request.user, pk=pk)
    form = PlanForm(request.POST or None, request.FILES or None, instance=plan, user=request.user)

    def save(data):
        data = dict(data)
        upload = data.pop("upload", None)
        return services.plan_update(actor=request.user, plan=plan, data=data, upload=upload)

    if submit(request, form, save, success=_("The plan was saved.")):
        return redirect(plan.get_absolute_url())
    return render(
        request,
        "mines/form.html",
        {
            "form": form,
            "heading": _("Revise the plan of %(mine)s") % {"mine": plan.enterprise},
            "back": plan,
        },
    )


@requires("government")
def plan_attachment(request, pk: int):
    """The plan's document, only for users who may see the plan (audited)."""
    plan = selectors.plan_get_for(actor=request.user, pk=pk)
    if not plan.attachment_name:
        raise Http404
    return stored_file_download(
        request,
        SimpleNamespace(file=plan.attachment, name=plan.attachment_name),
        kind="mine_plan_attachment",
        query=f"plan={plan.pk}",
    )


@requires("write")
def reading_template(request):
    return xlsx_download(
        "pond-readings-template.xlsx",
        imports.template,
        request=request,
        kind="pond_reading_template",
    )


@requires("write")
def reading_import(request):
    return import_page(
        request,
        importer=imports.ReadingImporter(actor=request.user),
        heading=_("Import tailings pond readings from Excel"),
        intro=_(
            "Use the template: one reading per row, the pond by its number and the point by its "
            "code; the unit (m or mm) as the item is measured; the time as 2025-03-01 08:00, "
            "not in the future. Every row is checked first; if any row has an error, nothing is "
            "saved."
        ),
        template_url=reverse("mines:reading_template"),
        done_url=reverse("mines:reading_import"),
        done_message=_("%(n)s readings were imported."),
    )
