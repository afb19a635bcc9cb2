"""Personal data: mobile phone numbers and identity numbers, masked for all but the county admin.

One masking function per kind, used by the API (`PiiViewSetMixin`), the templates (the `pii`
tag) and the exports. A mobile number keeps its first 3 and last 4 digits (`139****5678`); an
identity number its first 6 and last 4 characters (`450102********1234`, as the contract's
certificates say). Landline numbers (a unit's switchboard, a duty line) are not personal data and
stay as they are. Every view that shows the real value to someone who sees masked lists
(a detail page, an API detail) is audited as `pii.view`.
"""

import re
from collections.abc import Iterable

from django.db import models
from rest_framework.response import Response

from anjian.core import audit
from anjian.core.permissions import has_permission

PHONE, ID_NUMBER = "phone", "id_number"
# A mainland mobile number, optionally with +86 and separators, not inside a longer number.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)")


def mask_phone(value: str | None) -> str:
    """Every mobile number in `value` as its first 3 digits, ****, its last 4."""
    if not value:
        return value or ""
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", str(value))


def mask_id_number(value: str | None) -> str:
    """An identity number as its first 6 and last 4 characters, the rest as *."""
    if not value:
        return value or ""
    text = str(value).strip()
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


MASKS = {PHONE: mask_phone, ID_NUMBER: mask_id_number}


def sees_unmasked(user) -> bool:
    """Whether lists and exports show this user the real values: the holders of
    "personal_data" (the county admin; the command line's system actor)."""
    return has_permission(user, "personal_data")


def mask(user, value, kind: str = PHONE):
    """`value` as `user` may see it in a list or an export."""
    return value if sees_unmasked(user) else MASKS[kind](value)


def mask_data(data, fields: dict[str, str]):
    """Mask, in place, serialized `data` (a dict or a list of them); `fields` maps a field (or a
    `list_field.field` path) to its kind."""
    for item in data if isinstance(data, list) else [data]:
        for path, kind in fields.items():
            head, _dot, rest = path.partition(".")
            if rest:
                mask_data(item.get(head) or [], {rest: kind})
            elif item.get(head):
                item[head] = MASKS[kind](item[head])
    return data


def mask_changes(changes: dict) -> dict:
    """An audit entry's `changes` as a list shows them: mobile numbers masked in every text, and
    identity numbers in fields named so (the stored entry and its hash are untouched)."""

    def one(field: str, value):
        if not isinstance(value, str):
            return value
        return mask_id_number(value) if "id_number" in field else mask_phone(value)

    return {
        field: [one(field, v) for v in pair] if isinstance(pair, list) else pair
        for field, pair in (changes or {}).items()
    }


def _values(obj, path: str) -> Iterable:
    head, _dot, rest = path.partition(".")
    value = obj.get(head) if isinstance(obj, dict) else getattr(obj, head, None)
    if rest:
        if value is None:
            return
        items = (
            value.all()
            if hasattr(value, "all")
            else value
            if isinstance(value, list | tuple)
            else [value]
        )
        for item in items:
            yield from _values(item, rest)
    else:
        yield value


def record_view(*, actor, instance: models.Model, fields: dict[str, str], via: str = "web") -> None:
    """Audit that `actor` saw the real personal data of `instance` (only when there is some).
    The entry names the fields, never the values."""
    shown = sorted(
        {
            path
            for path, kind in fields.items()
            if any(v and MASKS[kind](v) != v for v in _values(instance, path))
        }
    )
    if shown:
        audit.record(
            actor=actor,
            action="pii.view",
            instance=instance,
            via=via,
            changes={"fields": [None, shown]},
        )


class PiiViewSetMixin:
    """API lists mask `pii_fields` for all but the county admin; a detail shows them and is
    audited as `pii.view`."""

    pii_fields: dict[str, str] = {}

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if self.pii_fields and not sees_unmasked(request.user):
            data = response.data
            mask_data(
                data["results"] if isinstance(data, dict) and "results" in data else data,
                self.pii_fields,
            )
        return response

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        if self.pii_fields:
            record_view(actor=request.user, instance=instance, fields=self.pii_fields, via="api")
        return Response(self.get_serializer(instance).data)
