"""Cross-cutting pages: home, notifications, audit timeline partial."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from anjian.core.notifications import notification_mark_read
from anjian.core.permissions import requires


@requires("login")
def notification_list(request):
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {"page": page})


@require_POST
@requires("login")
def notification_read(request, pk: int):
    notification_mark_read(actor=request.user, pk=pk)
    target = request.user.notifications.filter(pk=pk).values_list("url", flat=True).first()
    return redirect(target or "notification_list")
