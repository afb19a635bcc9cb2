"""Authentication and permission classes named in settings.REST_FRAMEWORK.

Kept apart from `api.py`: DRF imports these while `rest_framework.views` is still loading.
"""

from rest_framework import pagination, permissions
from rest_framework.authentication import TokenAuthentication

from anjian.core.permissions import has_permission


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>` as the contract says."""

    keyword = "Bearer"


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
