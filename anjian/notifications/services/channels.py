"""Writes on channel configurations: the county admin for any unit, an officer for its own."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from anjian.accounts.models import Role
from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.notifications.models import ChannelConfig, UnitKind

CHANNEL_FIELDS = ("unit_kind", "town", "department", "enterprise", "channel", "flavour",
                  "address", "secret", "active")


def _own_unit(actor, config: ChannelConfig) -> None:
    """An officer configures its own town or department only; the county admin any unit."""
    role = getattr(actor, "role", "")
    if getattr(actor, "is_superuser", False) or role == Role.COUNTY_ADMIN:
        return
    if role == Role.TOWN_OFFICER:
        config.unit_kind, config.town_id = UnitKind.TOWN, actor.town_id
        config.department_id = config.enterprise_id = None
        return
    if role == Role.DEPARTMENT_OFFICER:
        config.unit_kind, config.department_id = UnitKind.DEPARTMENT, actor.department_id
        config.town_id = config.enterprise_id = None
        return
    raise PermissionDenied


def _manages(actor, config: ChannelConfig) -> bool:
    role = getattr(actor, "role", "")
    if getattr(actor, "is_superuser", False) or role == Role.COUNTY_ADMIN:
        return True
    if role == Role.TOWN_OFFICER:
        return config.unit_kind == UnitKind.TOWN and config.town_id == actor.town_id
    if role == Role.DEPARTMENT_OFFICER:
        return (config.unit_kind == UnitKind.DEPARTMENT
                and config.department_id == actor.department_id)
    return False


def _snapshot(config: ChannelConfig) -> dict:
    data = audit.snapshot(config)
    if data.get("secret"):
        data["secret"] = "***"  # the audit log must not leak the robot's signing secret
    return data


@transaction.atomic
def channel_create(*, actor, data: dict[str, Any], via: str = "web") -> ChannelConfig:
    check_permission(actor, "officer")
    config = ChannelConfig(**{k: v for k, v in data.items() if k in CHANNEL_FIELDS})
    _own_unit(actor, config)
    config.full_clean()
    config.save()
    audit.record(actor=actor, action="create", instance=config, via=via,
                 changes={k: [None, v] for k, v in _snapshot(config).items() if v not in (None, "")})
    return config


@transaction.atomic
def channel_update(*, actor, config: ChannelConfig, data: dict[str, Any],
                   via: str = "web") -> ChannelConfig:
    check_permission(actor, "officer")
    locked = ChannelConfig.objects.select_for_update().get(pk=config.pk)
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
    if locked.secret != config.secret and "secret" not in changes:
        changes["secret"] = ["***", "***"]
    if changes:
        audit.record(actor=actor, action="update", instance=locked, changes=changes, via=via)
    return locked


@transaction.atomic
def channel_delete(*, actor, config: ChannelConfig, via: str = "web") -> None:
    check_permission(actor, "officer")
    if not _manages(actor, config):
        raise PermissionDenied
    audit.record(actor=actor, action="delete", instance=config, via=via,
                 changes={k: [v, None] for k, v in _snapshot(config).items() if v not in (None, "")})
    config.delete()


def channel_send_test(*, actor, config: ChannelConfig):
    """Send a test message on a channel the actor manages, now; returns the Delivery."""
    from anjian.notifications.channels import send_test

    check_permission(actor, "officer")
    if not _manages(actor, config):
        raise PermissionDenied
    return send_test(config)
