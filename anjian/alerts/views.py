"""Warning, publicity and channel pages: thin views over selectors and services."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.units import UnitKind
from anjian.alerts import selectors, services
from anjian.alerts.forms import (
    AlertFilterForm,
    AlertForm,
    AlertPolicyForm,
    PublicityFilterForm,
    PublicityForm,
    RecipientsForm,
)
from anjian.alerts.models import AlertPolicy, AlertRecipient
from anjian.alerts.policies import can_confirm
from anjian.core.audit import timeline
from anjian.core.forms import flash, submit
from anjian.core.permissions import has_permission, requires


@requires("view")
def alert_list(request):
    filters = AlertFilterForm(request.GET or None)
    qs = selectors.alert_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "alerts/alert_list.html",
        {"filters": filters, "page": page, "can_confirm": can_confirm(request.user)},
    )


@requires("view")
def alert_detail(request, pk: int):
    alert = selectors.alert_get_for(actor=request.user, pk=pk)
    recipients = list(alert.recipients.all())
    passed_on = selectors.passed_on(actor=request.user, alert=alert)
    for recipient in recipients:
        recipient.passed = passed_on.get(recipient.division_id) if recipient.division_id else None
    own = selectors.recipient_for(actor=request.user, alert=alert)
    return render(
        request,
        "alerts/alert_detail.html",
        {
            "alert": alert,
            "source": _visible_source(request.user, alert),
            "confirmed": [r for r in recipients if r.confirmed_at],
            "unconfirmed": [r for r in recipients if not r.confirmed_at],
            "own": own,
            "can_pass_on": _is_county_row(own) and own.division_id not in passed_on,
            "timeline": timeline(alert)[:50],
        },
    )


def _is_county_row(recipient) -> bool:
    """Whether the recipient row is a county's (one that passes the warning on)."""
    return isinstance(recipient, AlertRecipient) and recipient.unit_kind == UnitKind.COUNTY


def _visible_source(user, alert):
    """The higher level's warning this one passes on, when the user may read it."""
    if alert.source_id is None:
        return None
    return (
        selectors.alert_list(actor=user)
        .filter(pk=alert.source_id)
        .select_related("division")
        .first()
    )


@requires("county_admin")
def alert_pass_on(request, pk: int):
    """转发: a receiving county chooses its towns and departments (403 for anyone else)."""
    alert = selectors.alert_get_for(actor=request.user, pk=pk)
    if not _is_county_row(selectors.recipient_for(actor=request.user, alert=alert)):
        raise PermissionDenied
    form = RecipientsForm(request.POST or None, actor=request.user)
    passed = submit(
        request,
        form,
        lambda data: services.alert_pass_on(
            actor=request.user, alert=alert, **_local(form.recipients())
        ),
        success=_("The warning was passed on."),
    )
    if passed:
        return redirect("alerts:alert_detail", pk=passed.pk)
    return render(request, "alerts/alert_pass_on.html", {"form": form, "alert": alert})


def _local(recipients: dict) -> dict:
    recipients.pop("counties", None)
    return recipients


@requires("county_admin")
def alert_create(request):
    form = AlertForm(request.POST or None, actor=request.user)
    alert = submit(
        request,
        form,
        lambda data: services.alert_publish(
            actor=request.user, data=form.alert_data(), **form.recipients()
        ),
        success=_("The warning was published."),
    )
    if alert:
        return redirect("alerts:alert_detail", pk=alert.pk)
    return render(request, "alerts/alert_form.html", {"form": form})


@require_POST
@requires("view")  # officers of a recipient unit, or an enterprise the warning reached (service)
def alert_confirm(request, pk: int):
    alert = selectors.alert_get_for(actor=request.user, pk=pk)
    return flash(
        request,
        lambda: services.alert_confirm(actor=request.user, alert=alert),
        success=_("Receipt confirmed (签收)."),
        to=reverse("alerts:alert_detail", args=[alert.pk]),
    )


@requires("county_admin")
def policy_edit(request):
    current = AlertPolicy.current()
    form = AlertPolicyForm(
        request.POST or None,
        initial={
            "remind_after_minutes": current.remind_after_minutes,
            "escalate_after_minutes": current.escalate_after_minutes,
        },
    )
    if submit(
        request,
        form,
        lambda data: services.alert_policy_set(actor=request.user, **data),
        success=_("The new deadlines apply to warnings published from now on."),
    ):
        return redirect("alerts:alert_list")
    history = AlertPolicy.objects.select_related("created_by")[:20]
    return render(
        request,
        "alerts/alertpolicy_form.html",
        {"form": form, "current": current, "history": history},
    )


@requires("view")
def publicity_list(request):
    filters = PublicityFilterForm(request.GET or None)
    qs = selectors.publicity_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "alerts/publicity_list.html",
        {"filters": filters, "page": page, "can_create": has_permission(request.user, "write")},
    )


@requires("write")
def publicity_create(request):
    form = PublicityForm(request.POST or None, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.publicity_create(actor=request.user, data=data),
        success=_("The activity was recorded."),
    ):
        return redirect("alerts:publicity_list")
    return render(request, "alerts/publicity_form.html", {"form": form})
