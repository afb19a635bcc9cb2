"""The home page: the user's part of the county at a glance."""

from django.shortcuts import render

from anjian.core.permissions import requires
from anjian.reports.overview import overview_for


@requires("login")
def home(request):
    return render(request, "reports/home.html", {"o": overview_for(actor=request.user)})
