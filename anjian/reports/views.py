"""The home page: the user's part of the county at a glance."""

from django.shortcuts import redirect, render

from anjian.core.permissions import has_permission, requires
from anjian.reports.overview import overview_for


@requires("login")
def home(request):
    if not has_permission(request.user, "view"):
        return redirect("audit_list")  # the audit admin's one page (三权分立)
    return render(request, "reports/home.html", {"o": overview_for(actor=request.user)})
