"""The audit log: every service records its change here (who, when, field → [old, new])."""

import datetime as dt
import decimal
from typing import Any

from django.db import models

from anjian.core.models import AuditEntry


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
        if field.primary_key or getattr(field, "auto_now", False) or getattr(
            field, "auto_now_add", False
        ):
            continue  # bookkeeping timestamps: the audit entry has its own time
        data[field.name] = _plain(getattr(instance, field.attname))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _label(instance: models.Model) -> str:
    return instance._meta.model_name


def record(*, actor, action: str, instance: models.Model, changes: dict | None = None,
           via: str = "") -> AuditEntry:
    """Write one audit entry; `actor` may be None for the system (sweep, migrations)."""
    return AuditEntry.objects.create(
        user=actor if getattr(actor, "pk", None) else None,
        username=getattr(actor, "username", "") or "system",
        action=action,
        model=_label(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes or {},
        via=via,
    )


def record_create(*, actor, instance: models.Model, via: str = "") -> AuditEntry:
    after = snapshot(instance)
    return record(actor=actor, action="create", instance=instance,
                  changes={k: [None, v] for k, v in after.items() if v not in (None, "")},
                  via=via)


def record_update(*, actor, instance: models.Model, before: dict, via: str = "") -> AuditEntry | None:
    changes = diff(before, snapshot(instance))
    if not changes:
        return None
    return record(actor=actor, action="update", instance=instance, changes=changes, via=via)


def record_delete(*, actor, instance: models.Model, via: str = "") -> AuditEntry:
    before = snapshot(instance)
    return record(actor=actor, action="delete", instance=instance,
                  changes={k: [v, None] for k, v in before.items() if v not in (None, "")},
                  via=via)


def bulk_record_create(*, actor, instances: list[models.Model], via: str = "") -> None:
    """Audit many created rows in one INSERT (imports, seeding)."""
    username = getattr(actor, "username", "") or "system"
    user = actor if getattr(actor, "pk", None) else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                user=user, username=username, action="create", model=_label(obj),
                object_id=str(obj.pk), object_repr=str(obj)[:200], via=via,
                changes={k: [None, v] for k, v in snapshot(obj).items() if v not in (None, "")},
            )
            for obj in instances
        ],
        batch_size=1000,
    )


def timeline(instance: models.Model):
    """The audit entries of one record, newest first."""
    return AuditEntry.objects.filter(model=_label(instance), object_id=str(instance.pk))
