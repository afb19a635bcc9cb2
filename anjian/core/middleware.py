from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequired
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


class LoginRequiredMiddleware(_LoginRequired):
    """Every page needs a login, except views marked public; the API answers 401 itself."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(("/api/", "/static/")):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


# Features a page of the platform may use: the camera (photos of a hazard from a phone) and the
# position (a unit's coordinates), both from the platform's own pages only; nothing else.
PERMISSIONS_POLICY = ", ".join(
    [
        "camera=(self)",
        "geolocation=(self)",
        "fullscreen=(self)",
        "microphone=()",
        "payment=()",
        "usb=()",
        "serial=()",
        "bluetooth=()",
        "midi=()",
        "hid=()",
        "magnetometer=()",
        "gyroscope=()",
        "accelerometer=()",
        "display-capture=()",
        "browsing-topics=()",
    ]
)


class TrustMiddleware:
    """Headers and error answers every page shares (docs/security.md).

    - `Cache-Control: no-store` on every answer to a logged-in user and on every download, so
      no shared computer or proxy keeps a copy of the county's data;
    - `Permissions-Policy` on every answer;
    - a delete that other records depend on is a 409 page naming what depends on it, a key too
      large for the database a 404 (never a 500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        download = response.get("Content-Disposition", "").startswith("attachment")
        if download or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            raise Http404 from exception
        if isinstance(exception, ProtectedError | RestrictedError):
            from anjian.core.api import dependents_message

            return render(
                request,
                "core/conflict.html",
                {"message": dependents_message(exception)},
                status=409,
            )
        return None
