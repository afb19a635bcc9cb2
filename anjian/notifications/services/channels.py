"""Writes on channel configurations: the county admin for any unit, an officer for its own."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from anjian.accounts.units import Unit
from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.notifications.models import ChannelConfig, UnitKind

CHANNEL_FIELDS = (
    "unit_kind",
    "town",
    "department",
    "enterprise",
    "channel",
    "flavour",
    "address",
    "secret",
    "active",
)


def _own_unit(actor, config: ChannelConfig) -> None:
    """An officer configures its own town or department only; a county (city, province) admin
    its own division's channel and any unit it manages."""
    unit = Unit.of(actor)
    if unit is not None and config.unit_kind == unit.kind == UnitKind.COUNTY:
        config.set_unit(unit)  # the county channel names the admin's county
    if unit is not None and unit.is_county_wide:
        return
    if (
        unit is not None
        and unit.kind in (UnitKind.COUNTY, UnitKind.CITY, UnitKind.PROVINCE)
        and config.unit_kind in (UnitKind.COUNTY, UnitKind.TOWN, UnitKind.DEPARTMENT)
        and (config.town_id or config.department_id or config.unit_kind == UnitKind.COUNTY)
        and unit.manages(config.unit)
    ):
        return
    if unit is None or unit.kind not in (UnitKind.TOWN, UnitKind.DEPARTMENT):
        raise PermissionDenied
    config.set_unit(unit)
    config.enterprise_id = None


def _manages(actor, config: ChannelConfig) -> bool:
    unit = Unit.of(actor)
    return unit is not None and unit.manages(config.unit)


def _snapshot(config: ChannelConfig) -> dict:
    # The robot's signing secret is redacted by core.audit (a secret field name).
    return audit.snapshot(config)


@transaction.atomic
def channel_create(*, actor, data: dict[str, Any], via: str = "web") -> ChannelConfig:
    check_permission(actor, "officer")
    config = ChannelConfig(**{k: v for k, v in data.items() if k in CHANNEL_FIELDS})
    _own_unit(actor, config)
    config.full_clean()
    config.save()
    audit.record(
        actor=actor,
        action="channelconfig.create",
        instance=config,
        via=via,
        changes={k: [None, v] for k, v in _snapshot(config).items() if v not in (None, "")},
    )
    return config


@transaction.atomic
def channel_update(
    *, actor, config: ChannelConfig, data: dict[str, Any], via: str = "web"
) -> ChannelConfig:
    check_permission(actor, "officer")
    locked = ChannelConfig.objects.select_for_update(of=("self",)).get(pk=config.pk)
    if not _manages(actor, locked):
        raise PermissionDenied
    before = _snapshot(locked)
    for key, value in data.items():
        if key in CHANNEL_FIELDS:
            setattr(locked, key, value)
    _own_unit(actor, locked)
    locked.full_clean()
    locked.save()
    changes = audit.diff(before, _snapshot(locked))
    if changes:
        audit.record(
            actor=actor, action="channelconfig.update", instance=locked, changes=changes, via=via
        )
    return locked


@transaction.atomic
def channel_delete(*, actor, config: ChannelConfig, via: str = "web") -> None:
    check_permission(actor, "officer")
    if not _manages(actor, config):
        raise PermissionDenied
    audit.record(
        actor=actor,
        action="channelconfig.delete",
        instance=config,
        via=via,
        changes={k: [v, None] for k, v in _snapshot(config).items() if v not in (None, "")},
    )
    config.delete()


def channel_send_test(*, actor, config: ChannelConfig):
    """Send a test message on a channel the actor manages, now; returns the Delivery."""
    from anjian.notifications.channels import send_test

    check_permission(actor, "officer")
    if not _manages(actor, config):
        raise PermissionDenied
    return send_test(config)
