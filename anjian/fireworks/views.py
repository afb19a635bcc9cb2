"""Fireworks pages: thin views over selectors and services."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core import clock
from anjian.core.forms import flash, submit
from anjian.core.permissions import has_permission, requires

from . import selectors, services, watch
from .forms import CaseForm, ConversionForm, FiringRuleForm, StepForm
from .models import CaseStatus

STEPS = services.ACTIONS

REASON_LABELS = {
    "licence_expired": _("licences expired, still operating or suspended"),
    "converted_follow_up": _("converted or exited: follow-up"),
    "overhead_pond": _("overhead tailings pond (头顶库)"),
    "dangerous_pond": _("dangerous tailings pond"),
}


@requires("view")
def home(request):
    """Licences expiring, the firing rules in force and ahead, the exits of the last year."""
    today = clock.today()
    return render(
        request,
        "fireworks/home.html",
        {
            "licences": selectors.licence_list(actor=request.user)[:100],
            "today": today,
            "rules": selectors.firing_rules(first=today),
            "exits": selectors.conversion_list(actor=request.user)[:50],
            "can_officer": has_permission(request.user, "officer"),
            "can_county": has_permission(request.user, "county_admin"),
        },
    )


@requires("officer")
def watch_list(request):
    """The units that need unannounced checks, most overdue first (same rows as the API)."""
    rows = watch.watch_list(actor=request.user, reason=request.GET.get("reason", ""))
    for row in rows:
        row["label"] = REASON_LABELS.get(row["reason"], row["reason"])
    return render(request, "fireworks/watch_list.html", {"rows": rows, "labels": REASON_LABELS})


@requires("officer")
def case_list(request):
    status = request.GET.get("status", "")
    if status not in CaseStatus.values:
        status = ""
    qs = selectors.case_list(actor=request.user, status=status)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "fireworks/case_list.html",
        {"page": page, "statuses": CaseStatus.choices, "status": status},
    )


@requires("officer")
def case_create(request):
    form = CaseForm(request.POST or None, user=request.user)
    case = submit(
        request,
        form,
        lambda data: services.case_create(actor=request.user, data=data),
        success=_("The case was registered."),
    )
    if case:
        return redirect(case.get_absolute_url())
    return render(request, "fireworks/form.html", {"form": form, "heading": _("Register a clue")})


@requires("officer")
def case_detail(request, pk: int):
    case = selectors.case_get_for(actor=request.user, pk=pk)
    steps = [a for a, moves in services.TRANSITIONS.items() if case.status in moves]
    return render(
        request,
        "fireworks/case_detail.html",
        {
            "case": case,
            "steps": steps,
            "form": StepForm(),
            "verify_due": selectors.verify_due(case),
        },
    )


@require_POST
@requires("officer")
def case_step(request, pk: int, action: str):
    case = selectors.case_get_for(actor=request.user, pk=pk)
    form = StepForm(request.POST)
    return flash(
        request,
        lambda: services.case_act(
            actor=request.user, case=case, action=action, data=form.data_for()
        ),
        form=form,
        success=_("The case moved on."),
        to=case.get_absolute_url(),
    )


@requires("officer")
def conversion_create(request):
    form = ConversionForm(request.POST or None, user=request.user)
    record = submit(
        request,
        form,
        lambda data: services.conversion_record(actor=request.user, data=data),
        success=_("The conversion or exit was recorded; quarterly follow-up checks are due."),
    )
    if record:
        return redirect("fireworks:home")
    return render(
        request, "fireworks/form.html", {"form": form, "heading": _("Record a conversion or exit")}
    )


@requires("county_admin")
def firing_rule_create(request):
    form = FiringRuleForm(request.POST or None)
    rule = submit(
        request,
        form,
        lambda data: services.firing_rule_create(actor=request.user, data=data),
        success=_("The firing rule was saved."),
    )
    if rule:
        return redirect(reverse("fireworks:home"))
    return render(request, "fireworks/form.html", {"form": form, "heading": _("Add a firing rule")})
