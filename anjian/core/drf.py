"""Authentication and permission classes named in settings.REST_FRAMEWORK.

Kept apart from `api.py`: DRF imports these while `rest_framework.views` is still loading.
"""

from rest_framework import pagination, permissions
from rest_framework.authentication import TokenAuthentication

from anjian.core.permissions import has_permission


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>` as the contract says."""

    keyword = "Bearer"


class ScopedWritePermission(permissions.BasePermission):
    """Read: any role. Write: roles holding the view's `write_permission` (default "write")."""

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return has_permission(request.user, getattr(view, "read_permission", "view"))
        return has_permission(request.user, getattr(view, "write_permission", "write"))


class AuditReaders(permissions.BasePermission):
    """GET only, for the roles holding "audit" (audit admin, county admin)."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated
                    and request.method in permissions.SAFE_METHODS
                    and has_permission(request.user, "audit"))


class CountyAdminOnly(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated
                    and has_permission(request.user, "county_admin"))


class Pagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
