"""The bell (in-app notifications) and the pages where units set up their outgoing channels."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.forms import flash, submit
from anjian.core.permissions import requires
from anjian.notifications import selectors, services
from anjian.notifications.forms import ChannelForm
from anjian.notifications.services import notification_mark_read


@requires("login")
def notification_list(request):
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
@requires("login")
def notification_read(request, pk: int):
    notification_mark_read(actor=request.user, pk=pk)
    target = request.user.notifications.filter(pk=pk).values_list("url", flat=True).first()
    return redirect(target or "notification_list")


@requires("officer")
def channel_list(request):
    deliveries = Paginator(selectors.delivery_list(actor=request.user), 30).get_page(
        request.GET.get("page"))
    return render(request, "notifications/channel_list.html", {
        "configs": selectors.channel_list(actor=request.user), "page": deliveries})


@requires("officer")
def channel_create(request):
    form = ChannelForm(request.POST or None, user=request.user)
    if submit(request, form, lambda data: services.channel_create(
            actor=request.user, data=form.channel_data()), success=_("The channel was saved.")):
        return redirect("notifications:channel_list")
    return render(request, "notifications/channel_form.html", {"form": form})


@requires("officer")
def channel_edit(request, pk: int):
    config = selectors.channel_get_for(actor=request.user, pk=pk)
    form = ChannelForm(request.POST or None, instance=config, user=request.user)
    if submit(request, form, lambda data: services.channel_update(
            actor=request.user, config=config, data=form.channel_data()),
            success=_("The channel was saved.")):
        return redirect("notifications:channel_list")
    return render(request, "notifications/channel_form.html", {"form": form, "config": config})


@require_POST
@requires("officer")
def channel_delete(request, pk: int):
    config = selectors.channel_get_for(actor=request.user, pk=pk)
    return flash(request, lambda: services.channel_delete(actor=request.user, config=config),
                 success=_("The channel was deleted."), to="notifications:channel_list")


@require_POST
@requires("officer")
def channel_test(request, pk: int):
    config = selectors.channel_get_for(actor=request.user, pk=pk)
    delivery = services.channel_send_test(actor=request.user, config=config)
    if delivery.status == "sent":
        messages.success(request, _("The test message was sent."))
    else:
        messages.error(request, _("The test message failed: %(error)s") % {
            "error": delivery.last_error})
    return redirect("notifications:channel_list")
