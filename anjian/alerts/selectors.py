"""Reads of warnings, publicity activities and channels, always through the caller's unit.

Who sees a warning: the county admin and the leader all of them; a town officer those sent to
its town; a department officer those sent to its department; an enterprise user those sent to
its enterprise's town or competent department ("through them, enterprises"). Anyone else gets a
404 on the detail.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from anjian.accounts.units import Unit, UnitKind
from anjian.alerts.models import (
    Alert,
    AlertEnterpriseRecipient,
    AlertRecipient,
    PublicityActivity,
)
from anjian.core.scoping import scope_queryset


def _received(actor) -> QuerySet:
    """The AlertRecipient rows whose warnings `actor` receives (core.scoping: the unit's own,
    and for an enterprise those of its town and competent department)."""
    return scope_queryset(AlertRecipient.objects.all(), actor)


def _recipients_prefetch() -> Prefetch:
    return Prefetch(
        "recipients",
        queryset=AlertRecipient.objects.select_related(
            "town", "department", "division", "confirmed_by"
        ),
    )


def alert_list(
    *, actor, town: str = "", department: str = "", level: str = "", kind: str = "", q: str = ""
) -> QuerySet:
    """The warnings `actor` receives (county-wide: all), newest first, with progress counts."""
    if not getattr(actor, "is_authenticated", False):
        return Alert.objects.none()
    qs = Alert.objects.all()
    unit = Unit.of(actor)
    if unit is None:
        return Alert.objects.none()
    if not unit.is_county_wide:
        received = Q(pk__in=_received(actor).values("alert_id"))
        if getattr(actor, "enterprise_id", None):
            # …and those that reached the enterprise directly (its chemical stock).
            received |= Q(
                pk__in=AlertEnterpriseRecipient.objects.filter(
                    enterprise_id=actor.enterprise_id
                ).values("alert_id")
            )
        qs = qs.filter(received)
    if town:
        qs = qs.filter(pk__in=AlertRecipient.objects.filter(town__code=town).values("alert_id"))
    if department:
        qs = qs.filter(
            pk__in=AlertRecipient.objects.filter(department__code=department).values("alert_id")
        )
    if level:
        qs = qs.filter(level=level)
    if kind:
        qs = qs.filter(kind=kind)
    # Meta.ordering does not apply to aggregated (GROUP BY) queries: order explicitly.
    return _with_own_status(qs.search(q).with_progress().order_by("-published_at", "-id"), actor)


def _own_recipient(actor) -> Q | None:
    """The recipient rows the actor confirms for (those acting for a receiving unit)."""
    unit = Unit.member_of(actor)
    if unit is None or unit.kind not in AlertRecipient.UNIT_KINDS:
        return None
    return unit.own_q()


def _with_own_status(qs: QuerySet, actor) -> QuerySet:
    """Annotate `is_own` and `own_confirmed_at` for an officer of a receiving unit."""
    own = _own_recipient(actor)
    if own is None:
        return qs
    rows = AlertRecipient.objects.filter(own, alert_id=OuterRef("pk"))
    return qs.annotate(
        is_own=Exists(rows), own_confirmed_at=Subquery(rows.values("confirmed_at")[:1])
    )


def alert_list_with_recipients(*, actor, **filters) -> QuerySet:
    """`alert_list` with recipients and their confirmations prefetched (API, detail)."""
    return (
        alert_list(actor=actor, **filters)
        .select_related("published_by")
        .prefetch_related(
            _recipients_prefetch(),
            Prefetch(
                "enterprise_recipients",
                queryset=AlertEnterpriseRecipient.objects.select_related(
                    "enterprise", "confirmed_by"
                ),
            ),
        )
    )


def alert_get_for(*, actor, pk) -> Alert:
    """One warning the actor receives, or 404."""
    try:
        return alert_list_with_recipients(actor=actor).get(pk=pk)
    except (Alert.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def recipient_for(*, actor, alert: Alert) -> AlertRecipient | None:
    """The recipient row that `actor` confirms for (None: the actor's unit is not a recipient):
    a town's or department's, or an enterprise's own where the warning reached it directly."""
    unit = Unit.of(actor)
    if unit is not None and unit.kind == UnitKind.ENTERPRISE and unit.pk is not None:
        return (
            AlertEnterpriseRecipient.objects.filter(alert=alert, enterprise_id=unit.pk)
            .select_related("confirmed_by")
            .first()
        )
    unit = Unit.member_of(actor)
    if unit is None or unit.kind not in AlertRecipient.UNIT_KINDS:
        return None
    for recipient in alert.recipients.all():
        if recipient.unit == unit:
            return recipient
    return None


def passed_on(*, actor, alert: Alert) -> dict[int, Alert]:
    """The warnings the receiving counties made of `alert` when they passed it on (转发), that
    the actor can see, with their progress: {county division id: warning}."""
    return {
        child.division_id: child
        for child in alert_list(actor=actor).filter(source=alert).select_related("division")
    }


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
    qs = scope_queryset(
        PublicityActivity.objects.select_related("town", "department", "enterprise", "sector"),
        actor,
    )
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
