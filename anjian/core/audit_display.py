"""The audit log as people read it: field labels and display values instead of names and ids.

An entry stores `changes` as `{field name: [old, new]}` with foreign keys by id and choices by
code (`town: ["3", "4"]`, `status: ["operating", "suspended"]`). `readable(entries)` turns a
page of entries into rows that read like the record's page: the field's `verbose_name`
(所属镇), the related record's name (青山镇, a person's full name), the choice's label (在产),
是/否 for yes/no fields, local date and time for moments. Foreign keys are resolved in bulk:
one query per related model for the whole page, whatever the number of entries.

The stored entry is never changed (it is hash-chained); secrets stay `changed` whatever the
value (`core.audit.is_secret_field`), and a field the model no longer has keeps its name.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.audit import REDACTED, is_secret_field


def _via_label(via: str) -> str:
    labels = {
        "web": _("web page"),
        "api": _("API"),
        "import": _("import"),
        "cli": _("command line"),
        "demo": _("demo data"),
        "sweep": _("scheduled sweep"),
    }
    return labels.get(via, via)


def _verb_label(verb: str) -> str:
    labels = {"create": _("created"), "update": _("changed"), "delete": _("deleted")}
    return labels.get(verb, "")


@dataclass
class Change:
    field: str
    label: str
    old: Any
    new: Any

    def as_dict(self) -> dict:
        return {"field": self.field, "label": self.label, "old": self.old, "new": self.new}


@dataclass
class Readable:
    """One entry as shown: who, when, what (`action_label`), by which way, and the changes."""

    entry: Any
    who: str
    model_label: str
    action_label: str
    via_label: str
    changes: list[Change] = field(default_factory=list)

    # The template reads the entry's own fields through the row.
    def __getattr__(self, name):
        if name == "entry":
            raise AttributeError(name)
        return getattr(self.entry, name)


@cache
def _models_by_name() -> dict[str, type[models.Model]]:
    """model_name → model, for the names the audit log stores (the first app wins a clash)."""
    found: dict[str, type[models.Model]] = {}
    for model in apps.get_models():
        found.setdefault(model._meta.model_name, model)
    return found


def model_for(name: str) -> type[models.Model] | None:
    return _models_by_name().get(name)


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _ids(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def _person(user) -> str:
    full = (user.get_full_name() or "").strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def _lookup(wanted: dict[type[models.Model], set[str]]) -> dict[tuple, str]:
    """{(model, id): display} — one query per related model."""
    names: dict[tuple, str] = {}
    user_model = get_user_model()
    for model, ids in wanted.items():
        pks = []
        for pk in ids:
            try:
                pks.append(model._meta.pk.to_python(pk))
            except Exception:  # noqa: BLE001 — a stored id the key type cannot read stays as it is
                continue
        for obj in model._base_manager.filter(pk__in=pks):
            names[(model, str(obj.pk))] = _person(obj) if model is user_model else str(obj)
    return names


def _local(value: str, field_obj) -> str:
    if isinstance(field_obj, models.DateTimeField):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    return value


def _display(value, field_obj, model, name: str, names: dict) -> Any:
    if value is None or value == "":
        return None
    if is_secret_field(name, model) or value == REDACTED:
        return _("(changed)")
    if field_obj is None:
        if isinstance(value, list | tuple):
            return "、".join(str(v) for v in value)
        return value
    if field_obj.is_relation and field_obj.related_model is not None:
        related = field_obj.related_model
        shown = [
            names.get((related, pk)) or _("%(pk)s (deleted)") % {"pk": pk} for pk in _ids(value)
        ]
        return "、".join(shown)
    if field_obj.choices:
        labels = {str(k): str(v) for k, v in field_obj.flatchoices}
        if isinstance(value, list | tuple):
            return "、".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), value)
    if isinstance(field_obj, models.BooleanField):
        return _("yes") if value in (True, "True", "true", 1) else _("no")
    if isinstance(value, str):
        return _local(value, field_obj)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return value


def readable(entries) -> list[Readable]:
    """The entries (a page: a list or a sliced queryset) as people read them."""
    entries = list(entries)
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    user_model = get_user_model()
    for entry in entries:
        if entry.user_id:
            wanted[user_model].add(str(entry.user_id))
        model = model_for(entry.model)
        for name, pair in (entry.changes or {}).items():
            field_obj = _field(model, name)
            if (
                field_obj is not None
                and field_obj.is_relation
                and field_obj.related_model is not None
                and isinstance(pair, list | tuple)
                and not is_secret_field(name, model)
            ):
                for value in pair:
                    wanted[field_obj.related_model].update(_ids(value))
    names = _lookup(wanted)
    rows = []
    for entry in entries:
        model = model_for(entry.model)
        model_label = str(model._meta.verbose_name) if model is not None else entry.model
        changes = []
        for name, pair in (entry.changes or {}).items():
            field_obj = _field(model, name)
            label = (
                str(field_obj.verbose_name) if getattr(field_obj, "verbose_name", None) else name
            )
            old, new = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
            changes.append(
                Change(
                    field=name,
                    label=label,
                    old=_display(old, field_obj, model, name, names),
                    new=_display(new, field_obj, model, name, names),
                )
            )
        verb = entry.action.rpartition(".")[2]
        verb_label = _verb_label(verb)
        action_label = (
            _("%(verb)s %(model)s") % {"verb": verb_label, "model": model_label}
            if verb_label and model is not None
            else entry.action
        )
        rows.append(
            Readable(
                entry=entry,
                who=names.get((user_model, str(entry.user_id)), "") or entry.username,
                model_label=model_label,
                action_label=action_label,
                via_label=_via_label(entry.via),
                changes=changes,
            )
        )
    return rows
