"""The workbench: every open task of the user, from the sources listed in
`anjian.hooks.TODO_SOURCES`, in the order the work is due (ux.md §3): overdue first (most
overdue first), then by due date, undated last."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.hooks import resolve

KIND_LABELS = {
    "hazard_action": _("Hazard"),
    "warning_confirm": _("Warning to confirm"),
    "roster_file": _("Duty roster"),
    "accident_forward": _("Accident forwarding"),
    "plan_evaluation": _("Plan evaluation"),
    "drill_due": _("Drill"),
    "licence_expiring": _("Licence"),
    "certificate_expiring": _("Certificate"),
    "watch_inspection": _("Unannounced check"),
    "case_verify": _("打非 clue"),
}


def _day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    return value


def _order(task: dict):
    due = _day(task["due"])
    rank = 0 if task["overdue"] else (1 if due is not None else 2)
    return (rank, due or dt.date.max, task["kind"], task["title"])


def todo_list(*, actor) -> list[dict]:
    """The actor's open tasks, sorted; each `{"kind", "title", "url", "due", "overdue"}`."""
    tasks = []
    for source in resolve("TODO_SOURCES"):
        tasks.extend(source(actor))
    return sorted(tasks, key=_order)


def counts_by_kind(tasks: list[dict]) -> dict[str, int]:
    """{kind: count} over every known kind (0 where none): the menu's badges."""
    counts = Counter(task["kind"] for task in tasks)
    return {kind: counts.get(kind, 0) for kind in (*KIND_LABELS, *counts)}
