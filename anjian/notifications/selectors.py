"""Reads of channel configurations and their delivery log, scoped to the units the actor manages."""

from django.db.models import Q, QuerySet
from django.http import Http404

from anjian.accounts.units import Unit
from anjian.core.permissions import has_permission
from anjian.notifications.models import ChannelConfig, Delivery


def _unit_channel_filter(actor) -> Q | None:
    """The channel configurations `actor` manages (None: all, for the county admin)."""
    unit = Unit.of(actor)
    if unit is None or not has_permission(actor, "officer"):
        return Q(pk__in=[])
    return None if unit.is_county_wide else unit.own_q()


def channel_list(*, actor) -> QuerySet:
    qs = ChannelConfig.objects.select_related("town", "department", "enterprise")
    unit = _unit_channel_filter(actor)
    return qs if unit is None else qs.filter(unit)


def channel_get_for(*, actor, pk) -> ChannelConfig:
    try:
        return channel_list(actor=actor).get(pk=pk)
    except (ChannelConfig.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def delivery_list(*, actor) -> QuerySet:
    """The delivery log of the channels the actor manages (the county admin: all, including
    users' own mailboxes)."""
    qs = Delivery.objects.select_related("config__town", "config__department",
                                         "config__enterprise")
    unit = _unit_channel_filter(actor)
    if unit is None:
        return qs
    return qs.filter(config__in=ChannelConfig.objects.filter(unit))
