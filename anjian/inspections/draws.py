"""双随机、一公开 (国办发〔2015〕58号, 国发〔2019〕5号; domain-rules §10).

Units and inspectors are drawn at random from the lists in the caller's scope, with a seed
from `secrets` kept with the candidate lists, so the draw can be published and re-run: the same
seed over the same lists gives the same result (`draw_replay`). A unit drawn is not drawn again
in the same quarter (any unit's draw); an inspector is not sent to a unit on their conflict
list. The inspectors come from the inspector register (`anjian.workforce`, reached through
`anjian.hooks.DRAW_INSPECTORS`): those in the caller's scope, in post, with an enforcement
certificate valid on the day, with their conflict lists (回避).
"""

import calendar
import datetime as dt
import random
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import Unit
from anjian.core import audit, clock
from anjian.core.dates import cn_datetime
from anjian.core.errors import Conflict
from anjian.core.hooks import resolve
from anjian.core.permissions import check_permission
from anjian.core.scoping import scope_queryset
from anjian.inspections.draw_models import DrawnUnit, InspectionDraw
from anjian.inspections.models import Campaign, CampaignKind, CampaignTarget
from anjian.registry.models import Enterprise, EnterpriseStatus

MAX_ENTERPRISES = 500
MAX_INSPECTORS = 50


# --- the rule ------------------------------------------------------------------------------


def quarter_of(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_end(day: dt.date) -> dt.date:
    month = ((day.month - 1) // 3 + 1) * 3
    return dt.date(day.year, month, calendar.monthrange(day.year, month)[1])


def draw(
    *,
    seed: int,
    enterprises: list[int],
    inspectors: list[int],
    enterprise_count: int,
    inspector_count: int,
    conflicts: dict | None = None,
) -> tuple[list[int], list[int]]:
    """The units and inspectors drawn with `random.Random(seed)` (domain-rules §10).

    The candidates are sorted first, so the result depends only on the seed and the lists.
    Units first (as many as asked or as remain), then inspectors among those without a drawn
    unit on their conflict list (`conflicts`: inspector id → unit ids)."""
    rng = random.Random(seed)
    units = sorted(set(enterprises))
    chosen = rng.sample(units, min(enterprise_count, len(units)))
    conflicts = {int(k): set(v) for k, v in (conflicts or {}).items()}
    eligible = [i for i in sorted(set(inspectors)) if not conflicts.get(i, set()) & set(chosen)]
    return chosen, rng.sample(eligible, min(inspector_count, len(eligible)))


def draw_replay(record: InspectionDraw) -> tuple[list[int], list[int]]:
    """Run a kept draw again from its seed and lists (anyone can check a published draw)."""
    return draw(
        seed=record.seed,
        enterprises=record.candidate_enterprises,
        inspectors=record.candidate_inspectors,
        enterprise_count=record.enterprise_count,
        inspector_count=record.inspector_count,
        conflicts=record.conflicts,
    )


# --- writes --------------------------------------------------------------------------------


def _count(value: Any, field: str, maximum: int) -> int:
    if isinstance(value, bool) or value in (None, ""):
        raise ValidationError({field: [_("Give how many to draw.")]})
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise ValidationError({field: [_("Give a whole number.")]}) from exc
    if not 1 <= number <= maximum:
        raise ValidationError({field: [_("Draw between 1 and %(max)s.") % {"max": maximum}]})
    return number


def _choice(unit: Unit, model, allowed: QuerySet, code: str | None, field: str):
    if not code:
        return None
    found = model.objects.filter(code=code, pk__in=allowed.values("pk")).first()
    if found is None:
        raise ValidationError(
            {field: [_("“%(code)s” is not in your jurisdiction.") % {"code": str(code)[:40]}]}
        )
    return found


def draw_candidates(*, actor, sector: Sector | None, town: Town | None, quarter: str) -> list[int]:
    """Operating units in the actor's scope, not yet drawn this quarter, by id."""
    qs = scope_queryset(Enterprise.objects.filter(status=EnterpriseStatus.OPERATING), actor)
    if sector:
        qs = qs.filter(sector=sector)
    if town:
        qs = qs.filter(town=town)
    drawn = DrawnUnit.objects.filter(quarter=quarter).values("enterprise_id")
    return list(qs.exclude(pk__in=drawn).order_by("pk").values_list("pk", flat=True))


@transaction.atomic
def draw_create(
    *,
    actor,
    enterprises: Any,
    inspectors: Any,
    sector: str | None = None,
    town: str | None = None,
    seed: int | None = None,
    via: str = "web",
) -> InspectionDraw:
    """Draw `enterprises` units and `inspectors` inspectors in the actor's scope and keep it.

    `sector` and `town` are codes (optional). Fewer units left than asked: all that remain are
    drawn and the draw's `note` says so. `seed` is for the demo and tests; otherwise it comes
    from `secrets`."""
    check_permission(actor, "officer")
    unit = Unit.of(actor)
    enterprise_count = _count(enterprises, "enterprises", MAX_ENTERPRISES)
    inspector_count = _count(inspectors, "inspectors", MAX_INSPECTORS)
    sector_obj = _choice(unit, Sector, unit.sectors(), sector, "sector")
    town_obj = _choice(unit, Town, unit.towns(), town, "town")
    drawn_at = clock.now()
    quarter = quarter_of(clock.today())
    candidates = draw_candidates(actor=actor, sector=sector_obj, town=town_obj, quarter=quarter)
    if not candidates:
        raise ValidationError(
            {"enterprises": [_("No operating unit in this scope is left to draw this quarter.")]}
        )
    pool = resolve("DRAW_INSPECTORS")[0]
    people, conflicts = pool(actor=actor, day=clock.today())
    if not people:
        raise ValidationError(
            {
                "inspectors": [
                    _("No inspector in your register is in post with a valid certificate.")
                ]
            }
        )
    seed = secrets.randbits(63) if seed is None else seed
    drawn, sent = draw(
        seed=seed,
        enterprises=candidates,
        inspectors=people,
        enterprise_count=enterprise_count,
        inspector_count=inspector_count,
        conflicts=conflicts,
    )
    notes = []
    if len(drawn) < enterprise_count:
        notes.append(
            _("Only %(n)s units were left undrawn this quarter; all of them were drawn.")
            % {"n": len(drawn)}
        )
    if len(sent) < inspector_count:
        notes.append(_("Only %(n)s inspectors could be drawn.") % {"n": len(sent)})
    record = InspectionDraw(
        drawn_at=drawn_at,
        drawn_by=actor if getattr(actor, "pk", None) else None,
        unit_key=unit.key,
        unit_name=unit.name,
        sector=sector_obj,
        town=town_obj,
        quarter=quarter,
        seed=seed,
        enterprise_count=enterprise_count,
        inspector_count=inspector_count,
        candidate_enterprises=candidates,
        candidate_inspectors=people,
        conflicts=conflicts,
        enterprises=drawn,
        inspectors=sent,
        note=" ".join(notes),
    )
    record.full_clean()
    record.save()
    try:
        with transaction.atomic():
            DrawnUnit.objects.bulk_create(
                [DrawnUnit(draw=record, enterprise_id=pk, quarter=quarter) for pk in drawn]
            )
    except IntegrityError as exc:  # a draw at the same moment took one of these units
        raise Conflict(_("Another draw took some of these units just now; draw again.")) from exc
    audit.record_create(actor=actor, instance=record, via=via)
    return record


@transaction.atomic
def draw_campaign_create(*, actor, record: InspectionDraw, via: str = "web") -> Campaign:
    """Turn a draw into a campaign whose targets are exactly the units drawn (from today to the
    end of the quarter). Only the unit that drew (or the county) may; others get a 404."""
    check_permission(actor, "officer")
    unit = Unit.of(actor)
    locked = InspectionDraw.objects.select_for_update(of=("self",)).get(pk=record.pk)
    if not (unit.is_county_wide or unit.key == locked.unit_key):
        raise Http404
    if locked.campaign_id:
        raise Conflict(_("This draw is already a campaign."))
    units = list(Enterprise.objects.filter(pk__in=locked.enterprises))
    if not units:
        raise ValidationError(_("This draw has no units left to inspect."))
    today = clock.today()
    campaign = Campaign(
        name=_("Random inspection %(quarter)s no. %(n)s")
        % {"quarter": locked.quarter, "n": locked.pk},
        kind=CampaignKind.SPECIAL,
        starts_on=today,
        ends_on=max(today, quarter_end(today)),
        description=_("Random draw (双随机、一公开) of %(at)s by %(unit)s, seed %(seed)s.")
        % {"at": cn_datetime(locked.drawn_at), "unit": locked.unit_name, "seed": locked.seed},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    campaign.full_clean()
    campaign.save()
    campaign.sectors.set({e.sector_id for e in units})
    campaign.towns.set({e.town_id for e in units})
    CampaignTarget.objects.bulk_create(
        [CampaignTarget(campaign=campaign, enterprise=e) for e in units]
    )
    audit.record(
        actor=actor,
        action="campaign.create",
        instance=campaign,
        via=via,
        changes={
            "name": [None, campaign.name],
            "draw": [None, locked.pk],
            "targets": [None, len(units)],
        },
    )
    locked.campaign = campaign
    locked.save(update_fields=["campaign"])
    audit.record(
        actor=actor,
        action="inspection_draw.campaign",
        instance=locked,
        via=via,
        changes={"campaign": [None, campaign.pk]},
    )
    return campaign


# --- reads ---------------------------------------------------------------------------------


def draw_list(*, actor) -> QuerySet:
    """Every draw, newest first: published to every officer (一公开), whatever their unit."""
    check_permission(actor, "officer")
    return InspectionDraw.objects.select_related("sector", "town", "campaign", "drawn_by")


def draw_get_for(*, actor, pk) -> InspectionDraw:
    return get_object_or_404(draw_list(actor=actor), pk=pk)


def draw_names(record: InspectionDraw) -> dict[str, list]:
    """The drawn units and inspectors as records, in the order drawn (the published page)."""
    units = Enterprise.objects.in_bulk(record.enterprises)
    people = resolve("DRAWN_INSPECTORS")[0](record.inspectors)
    return {
        "enterprises": [units[pk] for pk in record.enterprises if pk in units],
        "inspectors": [people[pk] for pk in record.inspectors if pk in people],
    }
