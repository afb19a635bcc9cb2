"""Writes to the major hazard source register (GB 18218-2018): create, change, delete.

Every path (page, API, demo) comes here: the substances are checked and completed from the
shipped table, S, R and the grade recomputed, the change audited."""

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update
from anjian.registry.hazard_sources import data as table
from anjian.registry.hazard_sources import rules
from anjian.registry.hazard_sources.models import MajorHazardSource

SOURCE_FIELDS = (
    "name",
    "unit_kind",
    "people_within_500m",
    "substances",
    "filed_on",
    "filing_number",
    "reviewed_on",
)
MAX_TONNES = 10_000_000  # more than any unit holds: a typo, not a quantity


def _number(value: Any, where: str, *, positive: bool) -> float:
    if isinstance(value, bool) or value in (None, ""):
        raise ValidationError(
            {"substances": [_("%(where)s: a number is required.") % {"where": where}]}
        )
    try:
        number = float(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            {
                "substances": [
                    _("%(where)s: “%(value)s” is not a number.")
                    % {"where": where, "value": str(value)[:40]}
                ]
            }
        ) from exc
    if not math.isfinite(number) or number < 0 or (positive and number == 0) or number > MAX_TONNES:
        raise ValidationError(
            {
                "substances": [
                    _("%(where)s: must be greater than 0 and at most %(max)s.")
                    % {"where": where, "max": MAX_TONNES}
                    if positive
                    else _("%(where)s: must be between 0 and %(max)s.")
                    % {"where": where, "max": MAX_TONNES}
                ]
            }
        )
    return number


def substances_clean(raw: Any) -> list[dict[str, Any]]:
    """The substances as stored: name, quantity_t, critical_t and beta, the last two filled
    from GB 18218-2018 tables 1–4 by name when omitted. ValidationError on `substances`,
    naming the line and key (`substances[2].critical_t`)."""
    if not isinstance(raw, list) or not raw:
        raise ValidationError({"substances": [_("List at least one substance.")]})
    if len(raw) > 200:
        raise ValidationError({"substances": [_("At most 200 substances per unit.")]})
    clean = []
    for i, item in enumerate(raw):
        where = f"substances[{i}]"
        if not isinstance(item, dict):
            raise ValidationError(
                {"substances": [_("%(where)s: give name and quantity_t.") % {"where": where}]}
            )
        name = str(item.get("name") or "").strip()
        if not name or len(name) > 100:
            raise ValidationError(
                {
                    "substances": [
                        _("%(where)s.name: required, at most 100 characters.") % {"where": where}
                    ]
                }
            )
        quantity = _number(item.get("quantity_t"), f"{where}.quantity_t", positive=False)
        row = table.lookup(name)
        given_q, given_beta = item.get("critical_t"), item.get("beta")
        if given_q in (None, "") and row is None:
            raise ValidationError(
                {
                    "substances": [
                        _(
                            "%(where)s.critical_t: “%(name)s” is not in the GB 18218-2018 tables; give its "
                            "critical quantity (or name its Table 2 category, e.g. W5.3)."
                        )
                        % {"where": where, "name": name}
                    ]
                }
            )
        critical = (
            _number(given_q, f"{where}.critical_t", positive=True)
            if given_q not in (None, "")
            else float(row.critical_t)
        )
        beta = (
            _number(given_beta, f"{where}.beta", positive=True)
            if given_beta not in (None, "")
            else float(row.beta if row else 1)
        )
        clean.append({"name": name, "quantity_t": quantity, "critical_t": critical, "beta": beta})
    return clean


def _recompute(source: MajorHazardSource) -> None:
    if isinstance(source.substances, list) and source.people_within_500m is not None:
        result = rules.assess(source.lines(), people_within_500m=int(source.people_within_500m))
        source.s, source.r, source.level = result.s, result.r, result.level


def _check_scope(actor, enterprise) -> None:
    if not in_scope(
        actor,
        town_id=enterprise.town_id,
        sector_id=enterprise.sector_id,
        enterprise_id=enterprise.pk,
    ):
        raise ValidationError({"enterprise": _("This unit lies outside your jurisdiction.")})


@transaction.atomic
def hazard_source_create(
    *, actor, enterprise, data: dict[str, Any], via: str = "web"
) -> MajorHazardSource:
    """Register a production or storage unit of `enterprise` with its substances."""
    check_permission(actor, "write")
    _check_scope(actor, enterprise)
    fields = {k: v for k, v in data.items() if k in SOURCE_FIELDS}
    fields["substances"] = substances_clean(fields.get("substances"))
    source = MajorHazardSource(enterprise=enterprise, **fields)
    _recompute(source)
    source.full_clean()
    source.save()
    audit.record_create(actor=actor, instance=source, via=via)
    return source


@transaction.atomic
def hazard_source_update(
    *, actor, source: MajorHazardSource, data: dict[str, Any], via: str = "web"
) -> MajorHazardSource:
    """Change a source; S, R and the grade follow its substances and people."""
    check_permission(actor, "write")
    locked = (
        MajorHazardSource.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=source.pk)
    )
    _check_scope(actor, locked.enterprise)
    data = dict(data)
    if "substances" in data:
        data["substances"] = substances_clean(data["substances"])
    return model_update(
        actor=actor,
        instance=locked,
        data=data,
        fields=SOURCE_FIELDS,
        via=via,
        before_clean=_recompute,
    )[0]


@transaction.atomic
def hazard_source_delete(*, actor, source: MajorHazardSource, via: str = "web") -> None:
    check_permission(actor, "write")
    _check_scope(actor, source.enterprise)
    audit.record_delete(actor=actor, instance=source, via=via)
    source.delete()
