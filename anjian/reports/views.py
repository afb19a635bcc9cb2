"""The home page: the user's part of the county at a glance."""

from django.shortcuts import render

from anjian.core.permissions import requires
from anjian.registry import selectors as registry


@requires("login")
def home(request):
    user = request.user
    enterprises = registry.enterprise_list(actor=user)
    context = {
        "enterprise_count": enterprises.count(),
        "expired_licences": registry.licence_list(actor=user, state="expired").count(),
        "expiring_licences": registry.licence_list(actor=user, state="30").count(),
    }
    return render(request, "reports/home.html", context)
