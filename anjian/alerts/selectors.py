"""Reads of warnings, publicity activities and channels, always through the caller's unit.

Who sees a warning: the county admin and the leader all of them; a town officer those sent to
its town; a department officer those sent to its department; an enterprise user those sent to
its enterprise's town or competent department ("through them, enterprises"). Anyone else gets a
404 on the detail.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from anjian.accounts.models import Role
from anjian.alerts.models import (
    Alert,
    AlertRecipient,
    PublicityActivity,
    RecipientKind,
)
from anjian.core.scoping import department_sector_ids


def _county_wide(actor) -> bool:
    return bool(getattr(actor, "is_superuser", False)) or getattr(actor, "role", "") in (
        Role.COUNTY_ADMIN, Role.LEADER)


def _recipient_filter(actor) -> Q | None:
    """The AlertRecipient rows whose warnings `actor` receives (None: everything)."""
    if _county_wide(actor):
        return None
    role = getattr(actor, "role", "")
    if role == Role.TOWN_OFFICER:
        return Q(town_id=actor.town_id)
    if role == Role.DEPARTMENT_OFFICER:
        return Q(department_id=actor.department_id)
    if role == Role.ENTERPRISE_USER and actor.enterprise_id:
        enterprise = actor.enterprise
        return Q(town_id=enterprise.town_id) | Q(department_id=enterprise.department_id)
    return Q(pk__in=[])


def _recipients_prefetch() -> Prefetch:
    return Prefetch("recipients", queryset=AlertRecipient.objects.select_related(
        "town", "department", "confirmed_by"))


def alert_list(*, actor, town: str = "", department: str = "", level: str = "", kind: str = "",
               q: str = "") -> QuerySet:
    """The warnings `actor` receives (county-wide: all), newest first, with progress counts."""
    if not getattr(actor, "is_authenticated", False):
        return Alert.objects.none()
    qs = Alert.objects.all()
    received = _recipient_filter(actor)
    if received is not None:
        qs = qs.filter(pk__in=AlertRecipient.objects.filter(received).values("alert_id"))
    if town:
        qs = qs.filter(pk__in=AlertRecipient.objects.filter(town__code=town).values("alert_id"))
    if department:
        qs = qs.filter(pk__in=AlertRecipient.objects.filter(
            department__code=department).values("alert_id"))
    if level:
        qs = qs.filter(level=level)
    if kind:
        qs = qs.filter(kind=kind)
    # Meta.ordering does not apply to aggregated (GROUP BY) queries: order explicitly.
    return _with_own_status(qs.search(q).with_progress().order_by("-published_at", "-id"), actor)


def _own_recipient(actor) -> Q | None:
    """The recipient rows the actor confirms for (town and department officers)."""
    role = getattr(actor, "role", "")
    if role == Role.TOWN_OFFICER:
        return Q(kind=RecipientKind.TOWN, town_id=actor.town_id)
    if role == Role.DEPARTMENT_OFFICER:
        return Q(kind=RecipientKind.DEPARTMENT, department_id=actor.department_id)
    return None


def _with_own_status(qs: QuerySet, actor) -> QuerySet:
    """Annotate `is_own` and `own_confirmed_at` for an officer of a receiving unit."""
    own = _own_recipient(actor)
    if own is None:
        return qs
    rows = AlertRecipient.objects.filter(own, alert_id=OuterRef("pk"))
    return qs.annotate(is_own=Exists(rows),
                       own_confirmed_at=Subquery(rows.values("confirmed_at")[:1]))


def alert_list_with_recipients(*, actor, **filters) -> QuerySet:
    """`alert_list` with recipients and their confirmations prefetched (API, detail)."""
    return alert_list(actor=actor, **filters).select_related("published_by").prefetch_related(
        _recipients_prefetch())


def alert_get_for(*, actor, pk) -> Alert:
    """One warning the actor receives, or 404."""
    try:
        return alert_list_with_recipients(actor=actor).get(pk=pk)
    except (Alert.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def recipient_for(*, actor, alert: Alert) -> AlertRecipient | None:
    """The recipient row that `actor` confirms for (None: the actor's unit is not a recipient)."""
    role = getattr(actor, "role", "")
    if role == Role.TOWN_OFFICER:
        wanted = (RecipientKind.TOWN, actor.town_id)
    elif role == Role.DEPARTMENT_OFFICER:
        wanted = (RecipientKind.DEPARTMENT, actor.department_id)
    else:
        return None
    for recipient in alert.recipients.all():
        if (recipient.kind, recipient.town_id or recipient.department_id) == wanted:
            return recipient
    return None


def confirmation_rows(alert: Alert) -> list[dict]:
    """The contract's `confirmations`: one {recipient, confirmed_at, confirmed_by} per unit."""
    return [confirmation_row(r) for r in alert.recipients.all()]


def confirmation_row(recipient: AlertRecipient) -> dict:
    return {
        "recipient": recipient.code,
        "confirmed_at": recipient.confirmed_at,
        "confirmed_by": recipient.confirmed_by.username if recipient.confirmed_by else None,
    }


def publicity_list(*, actor, town: str = "", sector: str = "", q: str = "") -> QuerySet:
    """Publicity activities the actor may see: the county all; a town its territory; a
    department its own and its sectors'; an enterprise its own."""
    qs = PublicityActivity.objects.select_related("town", "department", "enterprise", "sector")
    if not getattr(actor, "is_authenticated", False):
        return qs.none()
    role = getattr(actor, "role", "")
    if _county_wide(actor):
        pass
    elif role == Role.TOWN_OFFICER:
        qs = qs.filter(town_id=actor.town_id)
    elif role == Role.DEPARTMENT_OFFICER:
        qs = qs.filter(Q(department_id=actor.department_id)
                       | Q(sector_id__in=department_sector_ids(actor.department_id)))
    elif role == Role.ENTERPRISE_USER:
        qs = qs.filter(enterprise_id=actor.enterprise_id)
    else:
        return qs.none()
    if town:
        qs = qs.filter(town__code=town)
    if sector:
        qs = qs.filter(sector__code=sector)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs


def publicity_get_for(*, actor, pk) -> PublicityActivity:
    try:
        return publicity_list(actor=actor).get(pk=pk)
    except (PublicityActivity.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
