"""Writes to campaigns (专项整治, 节前安全生产大检查): created and steered by the county admin."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.models import Department
from anjian.accounts.units import Unit
from anjian.core import audit
from anjian.core.permissions import check_permission
from anjian.core.updates import model_update
from anjian.inspections.models import Campaign, CampaignTarget
from anjian.notifications.services import notify
from anjian.registry.models import Enterprise, EnterpriseStatus

CAMPAIGN_FIELDS = ("name", "kind", "starts_on", "ends_on", "checklist", "description")
# Closed and converted units are no longer production units of their sector; suspended ones are
# still visited (停产 units are checked for illegal production).
TARGET_STATUSES = (EnterpriseStatus.OPERATING, EnterpriseStatus.SUSPENDED)


def campaign_target_candidates(*, sectors, towns):
    """The enterprises a campaign over `sectors` × `towns` reaches."""
    return Enterprise.objects.filter(sector__in=sectors, town__in=towns, status__in=TARGET_STATUSES)


def _notify_units(campaign: Campaign, sectors, towns) -> None:
    recipients = {u.pk: u for t in towns for u in Unit.of_town(t).users()}
    departments = Department.objects.filter(sectors__in=sectors).distinct()
    recipients.update({u.pk: u for d in departments for u in Unit.of_department(d).users()})
    title = _("New campaign: %(name)s") % {"name": campaign.name}
    url = campaign.get_absolute_url()
    people = list(recipients.values())
    transaction.on_commit(
        lambda: notify(
            recipients=people,
            kind="campaign.created",
            title=title[:200],
            key=f"campaign.created:{campaign.pk}",
            url=url,
        )
    )


@transaction.atomic
def campaign_create(*, actor, data: dict[str, Any], via: str = "web") -> Campaign:
    """Start a campaign: store its target enterprises (sectors × towns) and tell the units.

    `data`: name, kind, starts_on, ends_on, checklist (optional), description, and the
    `sectors` and `towns` (lists of instances).
    """
    check_permission(actor, "county_admin")
    sectors, towns = list(data.get("sectors") or []), list(data.get("towns") or [])
    campaign = Campaign(created_by=actor if getattr(actor, "pk", None) else None)
    for key in CAMPAIGN_FIELDS:
        if key in data:
            setattr(campaign, key, data[key])
    errors = {}
    try:
        campaign.full_clean()
    except ValidationError as exc:
        errors = exc.message_dict
    if not sectors:
        errors.setdefault("sectors", []).append(_("Choose at least one sector."))
    if not towns:
        errors.setdefault("towns", []).append(_("Choose at least one town."))
    if errors:
        raise ValidationError(errors)
    campaign.save()
    campaign.sectors.set(sectors)
    campaign.towns.set(towns)
    targets = [
        CampaignTarget(campaign=campaign, enterprise_id=pk)
        for pk in campaign_target_candidates(sectors=sectors, towns=towns).values_list(
            "pk", flat=True
        )
    ]
    CampaignTarget.objects.bulk_create(targets, batch_size=1000)
    changes = {k: [None, v] for k, v in audit.snapshot(campaign).items() if v not in (None, "")}
    changes.update(
        {
            "sectors": [None, sorted(s.code for s in sectors)],
            "towns": [None, sorted(t.code for t in towns)],
            "targets": [None, len(targets)],
        }
    )
    audit.record(actor=actor, action="campaign.create", instance=campaign, changes=changes, via=via)
    _notify_units(campaign, sectors, towns)
    return campaign


@transaction.atomic
def campaign_update(
    *, actor, campaign: Campaign, data: dict[str, Any], via: str = "web"
) -> Campaign:
    """Change a campaign's name, kind, dates, checklist or description (targets: see below)."""
    check_permission(actor, "county_admin")
    locked = Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
    return model_update(actor=actor, instance=locked, data=data, fields=CAMPAIGN_FIELDS, via=via)[0]


@transaction.atomic
def campaign_target_add(*, actor, campaign: Campaign, enterprises, via: str = "web") -> int:
    """Add enterprises to a campaign's targets; returns how many were new."""
    check_permission(actor, "county_admin")
    Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
    existing = set(campaign.targets.values_list("enterprise_id", flat=True))
    new = [e for e in enterprises if e.pk not in existing]
    CampaignTarget.objects.bulk_create(
        [CampaignTarget(campaign=campaign, enterprise=e) for e in new]
    )
    if new:
        audit.record(
            actor=actor,
            action="campaign.target_add",
            instance=campaign,
            via=via,
            changes={"targets": [None, [e.credit_code for e in new]]},
        )
    return len(new)


def campaign_target_add_codes(
    *, actor, campaign: Campaign, codes: list[str], via: str = "web"
) -> tuple[int, list[str]]:
    """Add the units with these credit codes to the targets: (how many were new, the codes
    that name no unit)."""
    found = list(Enterprise.objects.filter(credit_code__in=codes))
    unknown = sorted(set(codes) - {e.credit_code for e in found})
    return campaign_target_add(actor=actor, campaign=campaign, enterprises=found, via=via), unknown


@transaction.atomic
def campaign_target_remove(*, actor, target: CampaignTarget, via: str = "web") -> None:
    """Take an enterprise off a campaign's targets (its inspections stay on record)."""
    check_permission(actor, "county_admin")
    campaign = Campaign.objects.select_for_update(of=("self",)).get(pk=target.campaign_id)
    audit.record(
        actor=actor,
        action="campaign.target_remove",
        instance=campaign,
        via=via,
        changes={"targets": [target.enterprise.credit_code, None]},
    )
    target.delete()
