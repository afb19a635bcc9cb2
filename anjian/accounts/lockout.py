"""Failed logins: the user name is locked (django-axes), the address only slowed down.

django-axes counts failures per user name (`AXES_LOCKOUT_PARAMETERS = ["username"]`), so five
wrong passwords for an invented name lock that name and nobody else. An address is throttled
only after `LOGIN_ADDRESS_LIMIT` failures in `LOGIN_ADDRESS_WINDOW` seconds: a county office
behind one NAT address keeps working while one person mistypes.
"""

import datetime as dt
import math
from types import SimpleNamespace

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import LoginFailure, User
from anjian.core import audit


def client_address(request: HttpRequest) -> str:
    return get_client_ip_address(request) or ""


def _window_start(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW)


def address_retry_after(request: HttpRequest) -> int | None:
    """Seconds the caller's address must wait, or None when it is not throttled."""
    now = timezone.now()
    limit = settings.LOGIN_ADDRESS_LIMIT
    times = list(
        LoginFailure.objects.filter(address=client_address(request), at__gte=_window_start(now))
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(times) < limit:
        return None
    # Below the limit again once the oldest of the last `limit` failures leaves the window.
    oldest = times[-1]
    return max(
        1,
        math.ceil(
            (oldest + dt.timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW) - now).total_seconds()
        ),
    )


def login_failure_record(*, request: HttpRequest, username: str, via: str) -> None:
    """Count one failed login against the address and audit it (never the password tried)."""
    now = timezone.now()
    address = client_address(request)
    LoginFailure.objects.filter(at__lt=_window_start(now)).delete()
    failure = LoginFailure.objects.create(username=username[:150], address=address, at=now)
    user = User.objects.filter(username=username).first()
    actor = user or SimpleNamespace(pk=None, username=username[:150])
    audit.record(
        actor=actor,
        action="auth.login_failed",
        instance=failure,
        changes={"address": [None, address]},
        via=via,
    )


def throttled_response(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429 for an address with too many failures: JSON for the API, a page for the web."""
    message = _("Too many failed logins from your address. Try again in %(minutes)d minutes.") % {
        "minutes": max(1, math.ceil(retry_after / 60))
    }
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": message, "code": "throttled", "retry_after": retry_after}, status=429
        )
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """django-axes' answer for a locked user name: JSON for the API, the Chinese page for the web."""
    message = _(
        "Too many failed logins: this account is locked for 30 minutes. Ask the county "
        "admin if you need it sooner."
    )
    retry_after = str(int(settings.AXES_COOLOFF_TIME * 3600))
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "code": "locked"}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = retry_after
    return response
