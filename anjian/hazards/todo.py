"""The hazards waiting on a user, for the workbench (`reports.todo`, kind `hazard_action`).

The same rules as `hazards.policy`, said as one query: an enterprise acknowledges and rectifies
its own hazards and accepts its general self-check ones; a town, a department or the county
accepts the rectifications it owns (the rest are the enterprise's) and rectifies public places.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.units import Unit, UnitKind, acts_for_unit
from anjian.core import clock
from anjian.core.scoping import scope_queryset
from anjian.hazards.models import Hazard, HazardGrade, HazardSource, HazardStatus

OPEN_FOR_RECTIFYING = (HazardStatus.PENDING, HazardStatus.RECTIFYING)
_ENTERPRISE_ACCEPTS = Q(
    source=HazardSource.SELF_CHECK, grade=HazardGrade.GENERAL, enterprise__isnull=False
)
TITLES = {
    HazardStatus.PENDING: _("Acknowledge the hazard: %(hazard)s"),
    HazardStatus.RECTIFYING: _("Rectify and submit: %(hazard)s"),
    HazardStatus.AWAITING_ACCEPTANCE: _("Accept the rectification: %(hazard)s"),
}


def waiting_q(unit: Unit) -> Q:
    """The hazards (already in the unit's scope) whose next step is the unit's."""
    awaiting = Q(status=HazardStatus.AWAITING_ACCEPTANCE)
    if unit.kind == UnitKind.ENTERPRISE:
        return Q(status__in=OPEN_FOR_RECTIFYING) | (awaiting & _ENTERPRISE_ACCEPTS)
    unowned = Q(owner_town__isnull=True, owner_department__isnull=True)
    if unit.kind == UnitKind.TOWN:
        owner = Q(owner_town_id=unit.pk) | unowned
    elif unit.kind == UnitKind.DEPARTMENT:
        owner = Q(owner_department_id=unit.pk) | unowned
    else:  # the county: what it found itself; a town's or a department's wait on them
        owner = unowned
    public_place = Q(enterprise__isnull=True, status__in=OPEN_FOR_RECTIFYING)
    return owner & ((awaiting & ~_ENTERPRISE_ACCEPTS) | public_place)


def todo_tasks(user) -> list[dict]:
    """One task per hazard waiting on the user's unit (one query)."""
    unit = Unit.of(user)
    if unit is None or not acts_for_unit(user):
        return []
    today = clock.today()
    rows = (
        scope_queryset(Hazard.objects.all(), user)
        .filter(waiting_q(unit))
        .order_by("deadline", "pk")
        .values_list("pk", "status", "deadline", "description", "location", "enterprise__name")
    )
    # Rows, not models, and Hazard.get_absolute_url's address resolved once: building a model
    # and reversing a URL per row cost many times the query itself (bench/todo.py).
    url = reverse("hazards:hazard_detail", args=[0]).replace("/0/", "/%d/")
    titles = {status: str(title) for status, title in TITLES.items()}
    return [
        {
            "kind": "hazard_action",
            # The hazard as Hazard.__str__ names it: its unit (or place) and its description.
            "title": titles[status] % {"hazard": f"{name or location}: {description[:40]}"},
            "url": url % pk,
            "due": deadline,
            "overdue": status != HazardStatus.AWAITING_ACCEPTANCE and deadline < today,
        }
        for pk, status, deadline, description, location, name in rows
    ]
