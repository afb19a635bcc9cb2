"""REST API building blocks: pagination, errors, scoped viewsets."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, viewsets
from rest_framework.views import exception_handler as drf_exception_handler

from anjian.core.scoping import scope_queryset


def validation_errors(exc: DjangoValidationError) -> dict:
    """A Django ValidationError as the API's {"field": ["message"]}."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for e in errors
                                                                  for m in e.messages]
            for field, errors in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc, context):
    """Services raise Django's ValidationError; the API answers it as a 400 with field errors."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_errors(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)


class ScopedViewSetMixin:
    """Querysets start from the caller's jurisdiction; out of scope is a 404."""

    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return scope_queryset(super().get_queryset(), self.request.user)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
