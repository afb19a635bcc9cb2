"""`model_update`: the one way a service changes a record's fields, with the audit entry."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

from anjian.core import audit


def model_update(
    *,
    actor,
    instance: models.Model,
    data: dict[str, Any],
    fields: Iterable[str],
    via: str = "web",
    action: str = "",
    before_clean: Callable[[models.Model], None] | None = None,
    snapshot: Callable[[models.Model], dict] = audit.snapshot,
) -> tuple[models.Model, dict[str, list]]:
    """Set `fields` present in `data` on `instance`, validate, save what changed, audit the diff.

    The caller checks permission and scope and passes the row it locked. `before_clean`
    recomputes fields that follow from others (a grade from a score) or checks a rule across
    fields, before `full_clean`. The audit entry
    (field → [old, new]) is written only when something changed: with `action` under that code,
    else as the generic update entry. `snapshot` lets a caller mask secrets in the diff. Returns
    the instance and the diff.
    """
    before = snapshot(instance)
    raw_before = audit.snapshot(instance)
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    if before_clean is not None:
        before_clean(instance)
    instance.full_clean()
    changed = [
        name for name, value in audit.snapshot(instance).items() if raw_before.get(name) != value
    ]
    if changed:
        auto = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=[*changed, *auto])
    changes = audit.diff(before, snapshot(instance))
    if action and changes:
        audit.record(actor=actor, action=action, instance=instance, changes=changes, via=via)
    elif changes:
        audit.record_update(actor=actor, instance=instance, before=before, via=via)
    return instance, changes
