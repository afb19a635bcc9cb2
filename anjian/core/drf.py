"""Authentication and permission classes named in settings.REST_FRAMEWORK.

Kept apart from `api.py`: DRF imports these while `rest_framework.views` is still loading.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, permissions
from rest_framework.authentication import TokenAuthentication

from anjian.core.permissions import has_permission


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>` as the contract says; tokens are stored as digests and
    end after `ANJIAN_TOKEN_HOURS` (accounts.identity)."""

    keyword = "Bearer"

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and not request.path.startswith("/api/v1/auth/"):
            from anjian.accounts.identity import password_expired

            user = result[0]
            if user.must_change_password or password_expired(user):
                # As on the web: nothing but the password change until it is done.
                raise exceptions.PermissionDenied(
                    _("Change your password first (POST /api/v1/auth/password/)."))
        return result

    def authenticate_credentials(self, key):
        from anjian.accounts.identity import token_for

        token = token_for(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token


class DeclaredPermission(permissions.BasePermission):
    """Enforce what the view declares: reads need its `permission`, writes its
    `write_permission` (codes of `core.permissions.PERMISSIONS`). A view that declares
    nothing is refused."""

    def has_permission(self, request, view) -> bool:
        safe = request.method in permissions.SAFE_METHODS
        code = getattr(view, "permission" if safe else "write_permission", "")
        return bool(code) and has_permission(request.user, code)


class Pagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
