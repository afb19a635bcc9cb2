"""Writes on special funds: the county admin's. Allocations never exceed the fund and spending
never exceeds its allocation, also when two requests arrive at once: each check runs on the row
locked with `select_for_update` (PostgreSQL), and SQLite runs writing transactions one at a time
(IMMEDIATE, anjian.env)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from anjian.core import audit, clock
from anjian.core.permissions import check_permission
from anjian.core.updates import model_update
from anjian.funds.models import Allocation, Fund, Project, Spending

FUND_FIELDS = ("year", "name", "source", "amount")


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}"


def _allocated(fund_id: int) -> Decimal:
    return Allocation.objects.filter(fund_id=fund_id).aggregate(s=Sum("amount"))["s"] or Decimal(0)


def _spent(allocation_id: int) -> Decimal:
    return Spending.objects.filter(allocation_id=allocation_id).aggregate(s=Sum("amount"))[
        "s"
    ] or Decimal(0)


def _check_allocations(allocations: list[dict], amount) -> list[Allocation]:
    built, projects, total = [], set(), Decimal(0)
    for entry in allocations or []:
        project = entry.get("project")
        if project not in Project.values:
            raise ValidationError({"allocations": _("Choose a project from the list.")})
        if project in projects:
            raise ValidationError({"allocations": _("Each project is allocated once.")})
        projects.add(project)
        allocation = Allocation(project=project, amount=entry.get("amount"))
        try:
            allocation.full_clean(exclude=["fund"], validate_constraints=False)
        except ValidationError as exc:
            raise ValidationError({"allocations": exc.messages}) from exc
        total += allocation.amount
        built.append(allocation)
    if isinstance(amount, Decimal) and total > amount:
        raise ValidationError(
            {
                "allocations": _("The allocations (%(total)s 元) exceed the fund (%(amount)s 元).")
                % {"total": _yuan(total), "amount": _yuan(amount)}
            }
        )
    return built


@transaction.atomic
def fund_create(*, actor, data: dict[str, Any], via: str = "web") -> Fund:
    """Record a year's fund, optionally with its allocations [{project, amount}]."""
    check_permission(actor, "county_admin")
    fund = Fund(
        **{k: v for k, v in data.items() if k in FUND_FIELDS},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    fund.full_clean(validate_constraints=False)
    if Fund.objects.filter(year=fund.year, name=fund.name).exists():
        raise ValidationError({"name": _("This year has a fund with this name.")})
    allocations = _check_allocations(data.get("allocations") or [], fund.amount)
    fund.save()
    for allocation in allocations:
        allocation.fund = fund
    Allocation.objects.bulk_create(allocations)
    audit.record_create(actor=actor, instance=fund, via=via)
    return fund


@transaction.atomic
def fund_update(*, actor, fund: Fund, data: dict[str, Any], via: str = "web") -> Fund:
    """Change a fund's name, source or amount (never below what is allocated)."""
    check_permission(actor, "county_admin")
    locked = Fund.objects.select_for_update(of=("self",)).get(pk=fund.pk)
    allocated = _allocated(locked.pk)

    def _covers_allocations(instance: Fund) -> None:
        if isinstance(instance.amount, Decimal) and instance.amount < allocated:
            raise ValidationError(
                {
                    "amount": _("%(allocated)s 元 of this fund is allocated already.")
                    % {"allocated": _yuan(allocated)}
                }
            )
        if (
            Fund.objects.filter(year=instance.year, name=instance.name)
            .exclude(pk=instance.pk)
            .exists()
        ):
            raise ValidationError({"name": _("This year has a fund with this name.")})

    locked, _changes = model_update(
        actor=actor,
        instance=locked,
        data=data,
        fields=FUND_FIELDS,
        via=via,
        before_clean=_covers_allocations,
    )
    return locked


@transaction.atomic
def allocation_add(
    *, actor, fund: Fund, project: str, amount: Decimal, via: str = "web"
) -> Allocation:
    """Give part of the fund to a project; refused when the allocations would exceed the fund.
    The fund's row is locked first, so two concurrent allocations cannot both pass the check."""
    check_permission(actor, "county_admin")
    locked = Fund.objects.select_for_update(of=("self",)).get(pk=fund.pk)
    allocation = Allocation(fund=locked, project=project, amount=amount)
    allocation.full_clean(validate_constraints=False)
    if Allocation.objects.filter(fund=locked, project=project).exists():
        raise ValidationError({"project": _("This project has an allocation already.")})
    allocated = _allocated(locked.pk)
    if allocated + allocation.amount > locked.amount:
        raise ValidationError(
            {
                "amount": _(
                    "Only %(left)s 元 of the fund is not allocated (fund %(amount)s 元, "
                    "allocated %(allocated)s 元)."
                )
                % {
                    "left": _yuan(locked.amount - allocated),
                    "amount": _yuan(locked.amount),
                    "allocated": _yuan(allocated),
                }
            }
        )
    allocation.save()
    audit.record(
        actor=actor,
        action="fund.allocate",
        instance=locked,
        changes={"allocations": [None, {"project": project, "amount": str(allocation.amount)}]},
        via=via,
    )
    return allocation


def spending_add(
    *, actor, allocation: Allocation, data: dict[str, Any], voucher, via: str = "web"
) -> Spending:
    """Record a payment from an allocation with its voucher (JPG, PNG, PDF, DOCX or XLSX,
    checked by content); refused when the allocation's spending would exceed it. The
    allocation's row is locked first."""
    from anjian.hazards.evidence import check_upload, removed_on_failure, storage_name

    check_permission(actor, "county_admin")
    if voucher is None:
        raise ValidationError({"voucher": _("Attach the voucher.")})
    try:
        check_upload(voucher)
    except ValidationError as exc:
        raise ValidationError({"voucher": exc.message_dict["evidence"]}) from exc
    with removed_on_failure() as stored, transaction.atomic():
        locked = (
            Allocation.objects.select_for_update(of=("self",))
            .select_related("fund")
            .get(pk=allocation.pk)
        )
        spending = Spending(
            allocation=locked,
            spent_on=data.get("spent_on"),
            amount=data.get("amount"),
            description=(data.get("description") or "").strip(),
            name=storage_name(voucher.name),
            size=voucher.size,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        spending.full_clean(exclude=["voucher"], validate_constraints=False)
        if spending.spent_on > clock.today():
            raise ValidationError({"spent_on": _("A payment cannot lie after today.")})
        if spending.spent_on < dt.date(locked.fund.year, 1, 1):
            raise ValidationError({"spent_on": _("A payment cannot precede the fund's year.")})
        spent = _spent(locked.pk)
        if spent + spending.amount > locked.amount:
            raise ValidationError(
                {
                    "amount": _(
                        "Only %(left)s 元 of this allocation is left (allocated %(amount)s 元, "
                        "spent %(spent)s 元)."
                    )
                    % {
                        "left": _yuan(locked.amount - spent),
                        "amount": _yuan(locked.amount),
                        "spent": _yuan(spent),
                    }
                }
            )
        spending.voucher.save(storage_name(voucher.name), voucher, save=False)
        stored.append(spending.voucher)
        spending.save()
        audit.record(
            actor=actor,
            action="fund.spend",
            instance=locked.fund,
            changes={
                "spending": [
                    None,
                    {
                        "project": locked.project,
                        "amount": str(spending.amount),
                        "spent_on": spending.spent_on.isoformat(),
                        "voucher": spending.name,
                    },
                ]
            },
            via=via,
        )
    return spending
