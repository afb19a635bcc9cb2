"""The audit log: every service records its change here (who, when, field → [old, new]).

Secrets never reach the log: a field named in `SECRET_FIELD_NAMES` (or containing one of
`SECRET_FIELD_PARTS`), or declared by its model in `AUDIT_SECRET_FIELDS`, is recorded as
changed with the value `REDACTED` ("changed"). Entries are hash-chained on append (`audit_chain`).
Action codes are dotted: `<model>.create`, `<model>.update`, `<model>.delete`, `export.<kind>`,
`pii.view`, and the services' own (`hazard.accept` …).
"""

import datetime as dt
import decimal
import hashlib
from typing import Any

from django.db import models

from anjian.core.audit_chain import append
from anjian.core.models import AuditEntry

REDACTED = "changed"  # a secret field: that it changed, never its value
SECRET_FIELD_NAMES = frozenset(
    {
        "password",
        "new_password",
        "old_password",
        "raw_password",
        "password_hash",
        "key",
        "token",
        "digest",
        "secret",
        "secret_key",
        "session_key",
        "session_data",
        "otp",
        "otp_secret",
        "totp_key",
        "recovery_codes",
        "api_key",
        "private_key",
        "signing_key",
    }
)
# Parts of a name that mark a secret wherever they occur (`client_secret`, `access_token`); not
# "password" itself, which would hide `password_changed_at` and `must_change_password`.
SECRET_FIELD_PARTS = (
    "secret",
    "_token",
    "token_",
    "totp",
    "recovery_code",
    "private_key",
    "api_key",
)


def is_secret_field(name: str, model: type[models.Model] | None = None) -> bool:
    """Whether a field's values must never be written to the audit log."""
    lowered = name.lower()
    if lowered in SECRET_FIELD_NAMES or any(part in lowered for part in SECRET_FIELD_PARTS):
        return True
    return model is not None and name in getattr(model, "AUDIT_SECRET_FIELDS", ())


class Redacted(str):
    """`REDACTED` as text, but equal only to a redacted value with the same (unstored) digest,
    so a snapshot diff still sees that a secret changed without ever holding it."""

    digest: str

    def __new__(cls, value: Any):
        self = super().__new__(cls, REDACTED)
        self.digest = hashlib.sha256(repr(value).encode()).hexdigest()
        return self

    def __eq__(self, other) -> bool:
        return isinstance(other, Redacted) and other.digest == self.digest

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete field values as JSON-ready data (foreign keys by id)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if (
            field.primary_key
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        ):
            continue  # bookkeeping timestamps: the audit entry has its own time
        value = _plain(getattr(instance, field.attname))
        if is_secret_field(field.name, type(instance)) and value not in (None, ""):
            value = Redacted(value)
        data[field.name] = value
    return data


def scrub(changes: dict | None, model: type[models.Model] | None = None) -> dict:
    """`changes` with every secret field's values replaced by `REDACTED` (None stays None)."""
    return {
        key: (
            [None if v is None else REDACTED for v in pair]
            if is_secret_field(key, model) and isinstance(pair, list | tuple)
            else pair
        )
        for key, pair in (changes or {}).items()
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _label(instance: models.Model) -> str:
    return instance._meta.model_name


def _entry(
    *,
    actor,
    action: str,
    model: str,
    object_id: str,
    object_repr: str,
    changes: dict | None,
    via: str,
) -> AuditEntry:
    return AuditEntry(
        user=actor if getattr(actor, "pk", None) else None,
        username=getattr(actor, "username", "") or "system",
        action=action,
        model=model,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=changes or {},
        via=via,
    )


def record(
    *, actor, action: str, instance: models.Model, changes: dict | None = None, via: str = ""
) -> AuditEntry:
    """Write one audit entry; `actor` may be None for the system (sweep, migrations).

    A bare `action` ("create", "confirm") is prefixed with the model: `alert.confirm`.
    """
    model = _label(instance)
    if "." not in action:
        action = f"{model}.{action}"
    entry = _entry(
        actor=actor,
        action=action,
        model=model,
        object_id=str(instance.pk),
        object_repr=str(instance),
        changes=scrub(changes, type(instance)),
        via=via,
    )
    return append([entry])[0]


def record_event(
    *,
    actor,
    action: str,
    model: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    via: str = "",
) -> AuditEntry:
    """Write one audit entry about something that is not one record (an export, a download)."""
    entry = _entry(
        actor=actor,
        action=action,
        model=model,
        object_id=object_id,
        object_repr=object_repr,
        changes=scrub(changes),
        via=via,
    )
    return append([entry])[0]


def record_download(
    *, actor, kind: str, filename: str, rows: int | None = None, query: str = "", via: str = "web"
) -> AuditEntry:
    """Audit an export or a download (`export.<kind>`): who took which file, with what filters."""
    changes = {"file": [None, filename]}
    if rows is not None:
        changes["rows"] = [None, rows]
    if query:
        changes["query"] = [None, query[:500]]
    return record_event(
        actor=actor,
        action=f"export.{kind}",
        model=kind,
        object_repr=filename,
        changes=changes,
        via=via,
    )


def _created(instance: models.Model) -> dict:
    return {k: [None, v] for k, v in snapshot(instance).items() if v not in (None, "")}


def record_create(*, actor, instance: models.Model, via: str = "") -> AuditEntry:
    return record(
        actor=actor,
        action=f"{_label(instance)}.create",
        instance=instance,
        changes=_created(instance),
        via=via,
    )


def record_update(
    *, actor, instance: models.Model, before: dict, via: str = ""
) -> AuditEntry | None:
    changes = diff(before, snapshot(instance))
    if not changes:
        return None
    return record(
        actor=actor,
        action=f"{_label(instance)}.update",
        instance=instance,
        changes=changes,
        via=via,
    )


def record_delete(*, actor, instance: models.Model, via: str = "") -> AuditEntry:
    before = snapshot(instance)
    return record(
        actor=actor,
        action=f"{_label(instance)}.delete",
        instance=instance,
        changes={k: [v, None] for k, v in before.items() if v not in (None, "")},
        via=via,
    )


def bulk_record_create(*, actor, instances: list[models.Model], via: str = "") -> None:
    """Audit many created rows in a few INSERTs (imports, seeding), every one chained."""
    append(
        [
            _entry(
                actor=actor,
                action=f"{_label(obj)}.create",
                model=_label(obj),
                object_id=str(obj.pk),
                object_repr=str(obj),
                changes=_created(obj),
                via=via,
            )
            for obj in instances
        ]
    )


def timeline(instance: models.Model):
    """The audit entries of one record, newest first."""
    return AuditEntry.objects.filter(model=_label(instance), object_id=str(instance.pk))
