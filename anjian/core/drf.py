"""Permission, pagination and parser classes named in settings.REST_FRAMEWORK.

Kept apart from `api.py`: DRF imports these while `rest_framework.views` is still loading.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, parsers, permissions
from rest_framework.settings import api_settings

from anjian.core.permissions import has_permission
from anjian.core.validators import CONTROL_MESSAGE, has_control_characters


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


# --- parsers: every request body is checked once, before any serializer sees it -----------------

MAX_JSON_DEPTH = 32


def _check_body(data, *, limit_depth: bool) -> None:
    """Refuse text holding characters XML cannot carry (naming the top-level field) and, for
    JSON, nesting deeper than any resource of the API has (a deep body is an attack on the
    parser, not data)."""
    items = (
        data.lists()
        if hasattr(data, "lists")
        else (
            data.items() if isinstance(data, dict) else [(api_settings.NON_FIELD_ERRORS_KEY, data)]
        )
    )
    for name, value in items:
        stack = [(value, 1)]
        while stack:
            current, depth = stack.pop()
            if limit_depth and depth > MAX_JSON_DEPTH:
                raise exceptions.ParseError(_("The JSON body is nested too deeply."))
            if isinstance(current, dict):
                stack.extend((v, depth + 1) for v in current.values())
                stack.extend((k, depth + 1) for k in current)
            elif isinstance(current, list | tuple):
                stack.extend((v, depth + 1) for v in current)
            elif has_control_characters(current):
                raise exceptions.ValidationError({name: [CONTROL_MESSAGE]})


class CheckedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("The JSON body is nested too deeply.")) from None
        _check_body(data, limit_depth=True)
        return data


class CheckedFormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_body(data, limit_depth=False)
        return data


class CheckedMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _check_body(result.data, limit_depth=False)
        return result
