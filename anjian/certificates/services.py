"""Writes on the certificate register: checked against the actor's unit, validated, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit, UnitKind
from anjian.certificates import policy
from anjian.certificates.models import Certificate
from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.core.updates import model_update

FIELDS = (
    "holder",
    "id_number",
    "kind",
    "category",
    "number",
    "issued_on",
    "expires_on",
    "reviewed_on",
)


def _enterprise(actor, value):
    from anjian.registry.models import Enterprise

    unit = Unit.of(actor)
    if unit is not None and unit.kind == UnitKind.ENTERPRISE:
        return unit.obj
    if value is None or value == "":
        raise ValidationError({"enterprise": _("Choose the enterprise.")})
    if not isinstance(value, Enterprise):
        try:
            value = Enterprise.objects.filter(pk=int(value)).first()
        except (TypeError, ValueError, OverflowError):
            value = None
        if value is None:
            raise ValidationError({"enterprise": _("No such enterprise.")})
    return value


def certificate_build(*, actor, data: dict[str, Any]) -> Certificate:
    """An unsaved, validated certificate of an enterprise the actor keeps the register for (an
    enterprise user: always its own)."""
    check_permission(actor, "write")
    enterprise = _enterprise(actor, data.get("enterprise"))
    if not policy.can_edit(actor, enterprise):
        raise ValidationError({"enterprise": _("This unit lies outside your jurisdiction.")})
    certificate = Certificate(
        enterprise=enterprise,
        **{k: v for k, v in data.items() if k in FIELDS and v is not None},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    certificate.full_clean(validate_constraints=False)
    if Certificate.objects.filter(
        enterprise=enterprise, kind=certificate.kind, number=certificate.number
    ).exists():
        raise ValidationError({"number": _("This unit has a certificate with this number.")})
    return certificate


def _replace_older(certificate: Certificate) -> int:
    """Mark the holder's earlier certificates of the same kind and operation at the unit as
    replaced by this one (a renewal)."""
    return (
        Certificate.objects.filter(
            enterprise_id=certificate.enterprise_id,
            id_number=certificate.id_number,
            kind=certificate.kind,
            category=certificate.category,
            replaced_by__isnull=True,
            expires_on__lt=certificate.expires_on,
        )
        .exclude(pk=certificate.pk)
        .update(replaced_by=certificate)
    )


@transaction.atomic
def certificate_create(*, actor, data: dict[str, Any], via: str = "web") -> Certificate:
    """Record a certificate; it replaces the holder's older one of the same kind (renewal)."""
    certificate = certificate_build(actor=actor, data=data)
    certificate.save()
    audit.record_create(actor=actor, instance=certificate, via=via)
    _replace_older(certificate)
    return certificate


@transaction.atomic
def certificate_bulk_create(*, actor, certificates: list[Certificate], via: str = "import"):
    """Save certificates built by `certificate_build` (the Excel import), one audit entry each."""
    check_permission(actor, "write")
    Certificate.objects.bulk_create(certificates)
    audit.bulk_record_create(actor=actor, instances=certificates, via=via)
    for certificate in certificates:
        _replace_older(certificate)


@transaction.atomic
def certificate_update(
    *, actor, certificate: Certificate, data: dict[str, Any], via: str = "web"
) -> Certificate:
    """Change a certificate's holder, number, dates or record its review (复审); its unit stays."""
    check_permission(actor, "write")
    locked = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=certificate.pk)
    )
    if not policy.can_edit(actor, locked.enterprise):
        raise PermissionDenied
    if data.get("enterprise") not in (None, "") and _enterprise(actor, data["enterprise"]).pk != (
        locked.enterprise_id
    ):
        raise ValidationError({"enterprise": _("A certificate cannot move to another unit.")})
    locked, _changes = model_update(actor=actor, instance=locked, data=data, fields=FIELDS, via=via)
    return locked
