"""Writes to a unit's chemical inventory; every change recomputes the stock's tags."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.core.scoping import in_scope
from anjian.core.updates import model_update

from . import rules
from .models import ChemicalStock

FIELDS = ("name", "cas", "max_stock_t")


def _check_scope(actor, enterprise) -> None:
    if not in_scope(
        actor,
        town_id=enterprise.town_id,
        sector_id=enterprise.sector_id,
        enterprise_id=enterprise.pk,
    ):
        raise ValidationError({"enterprise": _("This unit lies outside your jurisdiction.")})


def _derive(stock: ChemicalStock) -> None:
    stock.name = (stock.name or "").strip()
    stock.cas = (stock.cas or "").strip()
    if stock.cas and not rules.cas_valid(stock.cas):
        raise ValidationError({"cas": [_("Not a valid CAS number (e.g. 7782-50-5).")]})
    stock.tags = rules.tags_for(stock.name, stock.cas)


@transaction.atomic
def stock_create(*, actor, enterprise, data: dict[str, Any], via: str = "web") -> ChemicalStock:
    check_permission(actor, "write")
    _check_scope(actor, enterprise)
    stock = ChemicalStock(enterprise=enterprise, **{k: v for k, v in data.items() if k in FIELDS})
    _derive(stock)
    stock.full_clean()
    stock.save()
    audit.record_create(actor=actor, instance=stock, via=via)
    return stock


@transaction.atomic
def stock_update(*, actor, stock: ChemicalStock, data: dict[str, Any], via: str = "web"):
    check_permission(actor, "write")
    locked = (
        ChemicalStock.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=stock.pk)
    )
    _check_scope(actor, locked.enterprise)
    return model_update(
        actor=actor, instance=locked, data=data, fields=FIELDS, via=via, before_clean=_derive
    )[0]


@transaction.atomic
def stock_delete(*, actor, stock: ChemicalStock, via: str = "web") -> None:
    check_permission(actor, "write")
    _check_scope(actor, stock.enterprise)
    audit.record_delete(actor=actor, instance=stock, via=via)
    stock.delete()
