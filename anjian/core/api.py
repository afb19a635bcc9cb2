"""REST API building blocks: pagination, errors, scoped viewsets."""

from collections import Counter

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, viewsets
from rest_framework.views import exception_handler as drf_exception_handler

from anjian.core import errors
from anjian.core.scoping import scope_queryset


def validation_errors(exc: DjangoValidationError) -> dict:
    """A Django ValidationError as the API's {"field": ["message"]}."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [
                str(m) for e in errors for m in e.messages
            ]
            for field, errors in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


def dependents_message(exc: ProtectedError | RestrictedError) -> str:
    """ "N hazards, M campaign targets depend on it": what keeps a record from being deleted
    (counts by kind only, so nothing outside the caller's scope is named)."""
    counts = Counter(
        type(obj)._meta.verbose_name_plural
        for obj in (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
    )
    kinds = _(", ").join(f"{n} {name}" for name, n in sorted(counts.items(), key=str))
    return _("This record cannot be deleted: %(kinds)s depend on it.") % {"kinds": kinds}


def exception_handler(exc, context):
    """Services raise Django's ValidationError; the API answers it as a 400 with field errors.

    A delete that other records depend on is a 409 naming what depends on it; a key too large
    for the database is a 404 (no record has it)."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_errors(exc))
    if isinstance(exc, Http404 | OverflowError):
        exc = exceptions.NotFound()
    if isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict(dependents_message(exc))
    if isinstance(exc, errors.Conflict):
        exc = Conflict(exc.message)
    return drf_exception_handler(exc, context)


# The largest key a database column holds (SQLite and PostgreSQL bigint).
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A filter by record id: a whole number in the range of a key, else a 400 naming it
    (a decimal like 1e20 used to reach the database and fail there)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ScopedViewSetMixin:
    """Querysets start from the caller's jurisdiction; out of scope is a 404."""

    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return scope_queryset(super().get_queryset(), self.request.user)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
