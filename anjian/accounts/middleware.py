"""Before any page: the second factor where the role needs one, then a due password change."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.accounts.identity import password_expired
from anjian.core.permissions import two_factor_required

# Reachable half-way through a login: the steps themselves, logging out, switching language.
_OPEN = ("/static/", "/i18n/", "/logout/", "/login/", "/accounts/otp/")


class IdentityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path_info.startswith(_OPEN):
            return self.get_response(request)
        if two_factor_required(user) and not user.is_verified():
            return self._refuse(request, "accounts:otp", _("Two-factor authentication needed."))
        if (
            user.must_change_password or password_expired(user)
        ) and not request.path_info.startswith(("/accounts/password/", "/api/v1/auth/")):
            return self._refuse(request, "accounts:password", _("Change your password first."))
        return self.get_response(request)

    @staticmethod
    def _refuse(request, url_name: str, message: str):
        if request.path_info.startswith("/api/"):
            # Only a browser session reaches here; Bearer tokens are checked by the API itself.
            return JsonResponse({"detail": message}, status=403)
        return redirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")
