"""Accidents the county has still to forward upward (493号令 Art. 10), for the workbench
(`reports.todo`, kind `accident_forward`): those reported in the last `WINDOW_DAYS` days whose
next level is not recorded yet. Older ones stay visible on the accident pages."""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.accidents import rules
from anjian.accidents.models import Accident, AccidentForward
from anjian.core import clock
from anjian.core.permissions import has_permission
from anjian.core.scoping import scope_queryset

WINDOW_DAYS = 30


def todo_tasks(user) -> list[dict]:
    """One task per recent accident with a level still to forward to (one query)."""
    if not has_permission(user, "county_admin"):
        return []
    now = clock.now()
    accidents = (
        scope_queryset(Accident.objects.all(), user)
        .filter(reported_at__gte=now - dt.timedelta(days=WINDOW_DAYS))
        # An entry is done once forwarded by the county or received by the level above.
        .annotate(
            done=Count(
                "forwards",
                filter=Q(forwards__forwarded_at__isnull=False)
                | Q(forwards__received_at__isnull=False),
            )
        )
        .only("pk", "title", "grade", "reported_at")
        .order_by("reported_at", "pk")
    )
    levels = dict(AccidentForward._meta.get_field("level").choices)
    # Accident.get_absolute_url's address, resolved once (reverse() per row cost more than the query).
    url = reverse("accidents:accident_detail", args=[0]).replace("/0/", "/%d/")
    title = _("Forward the accident to the %(level)s level: %(title)s")
    tasks = []
    for accident in accidents:
        deadlines = rules.forwarding_deadlines(
            grade=accident.grade, reported_at=accident.reported_at
        )
        if accident.done >= len(deadlines):
            continue
        level, due = deadlines[accident.done]
        tasks.append(
            {
                "kind": "accident_forward",
                "title": title % {"level": levels.get(level, level), "title": accident.title},
                "url": url % accident.pk,
                "due": due,
                "overdue": due < now,
            }
        )
    return tasks
