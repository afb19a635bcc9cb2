"""Writes to the registry. Every path (web, API, import, command, demo) goes through here."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.units import is_enterprise
from anjian.core import audit
from anjian.core.hooks import resolve
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update
from anjian.registry.models import Enterprise, Licence

ENTERPRISE_FIELDS = (
    "name",
    "credit_code",
    "sector",
    "town",
    "department",
    "address",
    "lng",
    "lat",
    "legal_representative",
    "safety_manager",
    "phone",
    "employees",
    "status",
)
LICENCE_FIELDS = ("kind", "number", "issued_on", "expires_on")


def _check_enterprise_scope(actor, enterprise: Enterprise) -> None:
    if not in_scope(
        actor,
        town_id=enterprise.town_id,
        sector_id=enterprise.sector_id,
        enterprise_id=enterprise.pk,
    ):
        raise ValidationError({"town": _("This unit lies outside your jurisdiction.")})


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    if "credit_code" in data and isinstance(data["credit_code"], str):
        data["credit_code"] = data["credit_code"].strip().upper()
    return data


def enterprise_build(*, data: dict[str, Any]) -> Enterprise:
    """An unsaved, fully validated enterprise (used by create and by the importer)."""
    enterprise = Enterprise(**_normalise({k: v for k, v in data.items() if k in ENTERPRISE_FIELDS}))
    # A town, sector or department given as a saved instance was just read from the database
    # (forms, the API, the importer's lookups): skip full_clean's existence query for each (three
    # queries per imported row); the database's foreign keys still guard the save.
    read = [
        name
        for name in ("town", "sector", "department")
        if getattr(data.get(name), "pk", None) is not None
    ]
    # The CHECK constraints (coordinate ranges) are mirrored by field validators, so skip
    # Django's one query per constraint; uniqueness of the credit code is still checked.
    enterprise.full_clean(exclude=read, validate_constraints=False)
    return enterprise


@transaction.atomic
def enterprise_create(*, actor, data: dict[str, Any], via: str = "web") -> Enterprise:
    """Register a production unit in the actor's jurisdiction."""
    check_permission(actor, "officer")
    enterprise = enterprise_build(data=data)
    _check_enterprise_scope(actor, enterprise)
    enterprise.save()
    audit.record_create(actor=actor, instance=enterprise, via=via)
    return enterprise


@transaction.atomic
def enterprise_update(
    *, actor, enterprise: Enterprise, data: dict[str, Any], via: str = "web"
) -> Enterprise:
    """Change an enterprise; an enterprise user may change its own contact details only."""
    check_permission(actor, "write")
    locked = Enterprise.objects.select_for_update(of=("self",)).get(pk=enterprise.pk)
    _check_enterprise_scope(actor, locked)
    allowed = ENTERPRISE_FIELDS
    if is_enterprise(actor):
        allowed = ("address", "legal_representative", "safety_manager", "phone", "employees")
    data = _normalise(dict(data))
    for key, value in data.items():
        if (
            key not in allowed
            and key in ENTERPRISE_FIELDS
            and getattr(locked, key) != value
            and not (hasattr(value, "pk") and getattr(locked, f"{key}_id") == value.pk)
        ):
            raise PermissionDenied
    _locked, changes = model_update(
        actor=actor, instance=locked, data=data, fields=allowed, via=via
    )
    _check_enterprise_scope(actor, locked)  # outside it: the transaction is rolled back
    if "town" in changes or "sector" in changes:
        _propagate_move(actor=actor, enterprise=locked, via=via)
    return locked


def _propagate_move(*, actor, enterprise: Enterprise, via: str) -> None:
    """Records that copy the unit's town and sector for scoping follow it (anjian.hooks)."""
    for enterprise_moved in resolve("ENTERPRISE_MOVED"):
        enterprise_moved(actor=actor, enterprise=enterprise, via=via)


@transaction.atomic
def enterprise_delete(*, actor, enterprise: Enterprise, via: str = "web") -> None:
    check_permission(actor, "county_admin")
    audit.record_delete(actor=actor, instance=enterprise, via=via)
    enterprise.delete()


def enterprise_bulk_create(*, actor, enterprises: list[Enterprise], via: str = "import") -> None:
    """Save validated enterprises in one INSERT and audit them (imports, seeding)."""
    Enterprise.objects.bulk_create(enterprises)
    if enterprises and enterprises[0].pk is None:
        # Backends without RETURNING: fetch the ids back by the unique credit code.
        ids = dict(
            Enterprise.objects.filter(
                credit_code__in=[e.credit_code for e in enterprises]
            ).values_list("credit_code", "pk")
        )
        for e in enterprises:
            e.pk = ids[e.credit_code]
    audit.bulk_record_create(actor=actor, instances=enterprises, via=via)


@transaction.atomic
def licence_create(
    *, actor, enterprise: Enterprise, data: dict[str, Any], via: str = "web"
) -> Licence:
    check_permission(actor, "write")
    _check_enterprise_scope(actor, enterprise)
    licence = Licence(
        enterprise=enterprise, **{k: v for k, v in data.items() if k in LICENCE_FIELDS}
    )
    licence.full_clean()
    licence.save()
    audit.record_create(actor=actor, instance=licence, via=via)
    return licence


@transaction.atomic
def licence_update(*, actor, licence: Licence, data: dict[str, Any], via: str = "web") -> Licence:
    check_permission(actor, "write")
    locked = (
        Licence.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=licence.pk)
    )
    _check_enterprise_scope(actor, locked.enterprise)
    return model_update(actor=actor, instance=locked, data=data, fields=LICENCE_FIELDS, via=via)[0]


@transaction.atomic
def licence_delete(*, actor, licence: Licence, via: str = "web") -> None:
    check_permission(actor, "write")
    _check_enterprise_scope(actor, licence.enterprise)
    audit.record_delete(actor=actor, instance=licence, via=via)
    licence.delete()
