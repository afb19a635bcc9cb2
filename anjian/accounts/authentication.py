"""The API's `Authorization: Bearer <token>` authentication, named in settings.REST_FRAMEWORK.

Kept apart from `api.py`: DRF imports it while `rest_framework.views` is still loading.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from anjian.accounts.identity import password_expired, token_for


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>` as the contract says; tokens are stored as digests and
    end after `ANJIAN_TOKEN_HOURS` (accounts.identity)."""

    keyword = "Bearer"

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and not request.path.startswith("/api/v1/auth/"):
            user = result[0]
            if user.must_change_password or password_expired(user):
                # As on the web: nothing but the password change until it is done.
                raise exceptions.PermissionDenied(
                    _("Change your password first (POST /api/v1/auth/password/).")
                )
        return result

    def authenticate_credentials(self, key):
        token = token_for(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token
