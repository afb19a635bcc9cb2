"""Warning, publicity and channel pages: thin views over selectors and services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.alerts import selectors, services
from anjian.alerts.forms import (
    AlertFilterForm,
    AlertForm,
    AlertPolicyForm,
    PublicityFilterForm,
    PublicityForm,
)
from anjian.alerts.models import AlertPolicy
from anjian.core.audit import timeline
from anjian.core.permissions import has_permission, requires


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@requires("view")
def alert_list(request):
    filters = AlertFilterForm(request.GET or None)
    qs = selectors.alert_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "alerts/alert_list.html", {"filters": filters, "page": page})


@requires("view")
def alert_detail(request, pk: int):
    alert = selectors.alert_get_for(actor=request.user, pk=pk)
    recipients = list(alert.recipients.all())
    return render(request, "alerts/alert_detail.html", {
        "alert": alert,
        "confirmed": [r for r in recipients if r.confirmed_at],
        "unconfirmed": [r for r in recipients if not r.confirmed_at],
        "own": selectors.recipient_for(actor=request.user, alert=alert),
        "timeline": timeline(alert)[:50],
    })


@requires("county_admin")
def alert_create(request):
    form = AlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        towns, departments = form.recipients()
        try:
            alert = services.alert_publish(actor=request.user, data=form.alert_data(),
                                           towns=towns, departments=departments)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The warning was published."))
            return redirect("alerts:alert_detail", pk=alert.pk)
    return render(request, "alerts/alert_form.html", {"form": form})


@require_POST
@requires("officer")
def alert_confirm(request, pk: int):
    alert = selectors.alert_get_for(actor=request.user, pk=pk)
    services.alert_confirm(actor=request.user, alert=alert)
    messages.success(request, _("Receipt confirmed (签收)."))
    return redirect("alerts:alert_detail", pk=alert.pk)


@requires("county_admin")
def policy_edit(request):
    current = AlertPolicy.current()
    form = AlertPolicyForm(request.POST or None, initial={
        "remind_after_minutes": current.remind_after_minutes,
        "escalate_after_minutes": current.escalate_after_minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.alert_policy_set(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The new deadlines apply to warnings published from now on."))
            return redirect("alerts:alert_list")
    history = AlertPolicy.objects.select_related("created_by")[:20]
    return render(request, "alerts/alertpolicy_form.html",
                  {"form": form, "current": current, "history": history})


@requires("view")
def publicity_list(request):
    filters = PublicityFilterForm(request.GET or None)
    qs = selectors.publicity_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "alerts/publicity_list.html", {
        "filters": filters, "page": page, "can_create": has_permission(request.user, "write")})


@requires("write")
def publicity_create(request):
    form = PublicityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.publicity_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect("alerts:publicity_list")
    return render(request, "alerts/publicity_form.html", {"form": form})
