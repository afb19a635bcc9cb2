"""12350 pages: the public's form and tracking (no login, throttled), and the handling pages."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.audit import timeline
from anjian.core.forms import flash, submit
from anjian.core.permissions import requires

from . import selectors, services
from .forms import (
    AcceptForm,
    CloseForm,
    FilterForm,
    FireworksCaseForm,
    HazardForm,
    PublicReportForm,
    ReasonForm,
    RewardForm,
    TrackForm,
    TransferForm,
    VerifyForm,
)
from .services import TRANSITIONS
from .throttling import SubmitThrottle, TrackThrottle, page_allows


def _throttled(request, wait: int):
    response = render(
        request, "public_reports/throttled.html", {"minutes": max(1, wait // 60)}, status=429
    )
    response["Retry-After"] = str(wait)
    return response


@requires("public")
def report_new(request):
    """The public's form (举报): anyone, no login; throttled per address on POST."""
    if request.method == "POST" and (wait := page_allows(request, SubmitThrottle)):
        return _throttled(request, wait)
    form = PublicReportForm(request.POST or None)
    report = submit(request, form, lambda data: services.public_report_submit(data=data))
    if report:
        return render(request, "public_reports/report_sent.html", {"code": report.tracking_code})
    return render(request, "public_reports/report_new.html", {"form": form})


@requires("public")
def report_track(request):
    """Follow a report by its code: status, date received and result, nothing else."""
    form = TrackForm(request.GET or None)
    report = None
    if form.is_valid():
        if wait := page_allows(request, TrackThrottle):
            return _throttled(request, wait)
        try:
            report = selectors.public_report_track(code=form.cleaned_data["code"])
        except Http404:
            form.add_error("code", _("No report has this tracking code."))
    return render(request, "public_reports/report_track.html", {"form": form, "report": report})


@requires("officer")
def report_list(request):
    filters = FilterForm(request.GET or None)
    qs = selectors.public_report_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "public_reports/report_list.html",
        {
            "filters": filters,
            "page": page,
            "stats": [
                (_("By town"), selectors.public_report_stats(actor=request.user, by="town")),
                (_("By sector"), selectors.public_report_stats(actor=request.user, by="sector")),
            ],
        },
    )


FORMS = {
    "accept": AcceptForm,
    "reject": ReasonForm,
    "transfer": TransferForm,
    "extend": ReasonForm,
    "verify": VerifyForm,
    "reward": RewardForm,
    "hazard": HazardForm,
    "fireworks_case": FireworksCaseForm,
    "close": CloseForm,
}


def _form(request, action: str, data=None):
    extra = {"user": request.user} if action == "hazard" else {}
    return FORMS[action](data, prefix=action, **extra)


def action_label(action: str) -> str:
    return {
        "accept": _("Accept"),
        "reject": _("Do not accept"),
        "transfer": _("Transfer"),
        "extend": _("Extend verification (once, 30 days)"),
        "verify": _("Record verification"),
        "reward": _("Assess the reward"),
        "hazard": _("Register as a hazard"),
        "fireworks_case": _("Register as a 打非 case"),
        "close": _("Tell the reporter and close"),
    }[action]


@requires("officer")
def report_detail(request, pk: int):
    """One report with the reporter; every view of the reporter's identity is audited."""
    report = selectors.public_report_get_for(actor=request.user, pk=pk)
    services.public_report_reporter_view(actor=request.user, report=report)
    allowed = [
        a
        for a in TRANSITIONS[report.status]
        if not (a == "hazard" and report.hazard_id)
        and not (a == "fireworks_case" and report.fireworks_case_id)
    ]
    return render(
        request,
        "public_reports/report_detail.html",
        {
            "report": report,
            "timeline": timeline(report),
            "actions": [(a, action_label(a), _form(request, a)) for a in allowed],
        },
    )


def _call(request, report, action: str, data: dict):
    actor = request.user
    if action == "accept":
        return services.public_report_accept(actor=actor, report=report, sector=data["sector"])
    if action in ("reject", "extend"):
        service = (
            services.public_report_reject if action == "reject" else services.public_report_extend
        )
        return service(actor=actor, report=report, reason=data["reason"])
    if action == "transfer":
        return services.public_report_transfer(actor=actor, report=report, to=data["to"])
    if action == "verify":
        return services.public_report_verify(
            actor=actor, report=report, finding=data["finding"], note=data["note"]
        )
    if action == "reward":
        return services.public_report_reward(
            actor=actor,
            report=report,
            basis=data["basis"],
            fine=data["fine"],
            deaths=data["deaths"],
            grade=data["grade"] or None,
        )
    if action == "hazard":
        return services.public_report_make_hazard(
            actor=actor,
            report=report,
            description=data["description"],
            deadline=data["deadline"],
            sector=data["sector"],
            enterprise=data["enterprise"],
        )
    if action == "fireworks_case":
        return services.public_report_make_fireworks_case(
            actor=actor, report=report, kind=data["kind"], description=data["description"]
        )
    return services.public_report_close(actor=actor, report=report, result=data["result"])


@require_POST
@requires("officer")
def report_action(request, pk: int, action: str):
    report = selectors.public_report_get_for(actor=request.user, pk=pk)
    if action not in FORMS:
        raise Http404
    form = _form(request, action, request.POST)
    return flash(
        request,
        lambda: _call(request, report, action, form.cleaned_data),
        form=form,
        success=_("Done."),
        to=reverse("public_reports:report_detail", args=[report.pk]),
    )
