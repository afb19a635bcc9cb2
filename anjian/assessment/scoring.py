"""The annual assessment's rules as pure functions (domain-rules §7; 《地方党政领导干部安全生产
责任制规定》(2018), 国办发〔2016〕64号): the default scheme, the scheme's check, the points of each
kind of indicator, the vetoes, the grade and the ranking. No database here: `indicators.py`
measures, these functions score."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TOTAL = 100  # the items but the bonus add up to this
BONUS_CODE = "bonus"  # the bonus item (加分项), up to BONUS_MAX on top of the 100
BONUS_MAX = 5

# Every computed indicator the contract names (v2, "Responsibility and assessment").
INDICATORS = (
    "accident_control",
    "hazard_closure_rate",
    "hazard_overdue",
    "major_hazard_supervision",
    "campaign_reporting",
    "roster_on_time",
    "warning_confirmation",
    "inspections",
    "drills",
    "training",
)

# domain-rules §7: accident control 30; responsibility system 15; risk grading and hazard
# rectification 20; enforcement and special campaigns 15; plans, drills and duty 10; training
# and publicity 10; bonus up to 5. The groups are split over the indicators that measure them.
DEFAULT_ITEMS = [
    {
        "code": "accident_control",
        "name": "事故控制指标",
        "max_points": 30,
        "indicator": "accident_control",
        "params": {"per_accident": 5, "per_death": 10},
    },
    {
        "code": "responsibility",
        "name": "安全生产责任制落实",
        "max_points": 15,
        "indicator": None,
        "params": {},
    },
    {
        "code": "hazard_closure_rate",
        "name": "隐患整改率",
        "max_points": 10,
        "indicator": "hazard_closure_rate",
        "params": {},
    },
    {
        "code": "hazard_overdue",
        "name": "逾期未整改隐患",
        "max_points": 5,
        "indicator": "hazard_overdue",
        "params": {"per_item": 1},
    },
    {
        "code": "major_hazard_supervision",
        "name": "重大隐患挂牌督办",
        "max_points": 5,
        "indicator": "major_hazard_supervision",
        "params": {},
    },
    {
        "code": "inspections",
        "name": "执法检查覆盖",
        "max_points": 8,
        "indicator": "inspections",
        "params": {},
    },
    {
        "code": "campaign_reporting",
        "name": "专项整治推进",
        "max_points": 7,
        "indicator": "campaign_reporting",
        "params": {},
    },
    {
        "code": "drills",
        "name": "应急预案演练",
        "max_points": 4,
        "indicator": "drills",
        "params": {},
    },
    {
        "code": "roster_on_time",
        "name": "节假日值班按时报备",
        "max_points": 3,
        "indicator": "roster_on_time",
        "params": {},
    },
    {
        "code": "warning_confirmation",
        "name": "预警签收",
        "max_points": 3,
        "indicator": "warning_confirmation",
        "params": {},
    },
    {
        "code": "training",
        "name": "安全培训与宣传",
        "max_points": 10,
        "indicator": "training",
        "params": {"target": 4},
    },
    {
        "code": BONUS_CODE,
        "name": "加分项",
        "max_points": 5,
        "indicator": None,
        "params": {},
    },
]

GRADES = ("excellent", "good", "pass", "fail")
GRADE_LABELS = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
VETO_ACCIDENT_GRADES = ("large", "major", "extraordinary")  # 较大 and graver
VETO_FINDING_KINDS = ("concealed", "falsified")  # 瞒报, 谎报


def _number(value, *, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValidationError(
            {"items": [_("Item “%(name)s”: give the points as a number.") % {"name": name}]}
        )
    return Decimal(str(value))


def check_items(items, *, known: tuple[str, ...] = INDICATORS) -> list[dict]:
    """A scheme's items, checked: codes unique, indicators known, points positive, the items
    but the bonus adding up to 100 and the bonus at most 5. Refusals name the item."""
    if not isinstance(items, list) or not items:
        raise ValidationError({"items": [_("Give the scheme's items as a list.")]})
    checked, seen, total = [], set(), Decimal(0)
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValidationError({"items": [_("Item %(n)s is not an object.") % {"n": index}]})
        code = item.get("code")
        name = item.get("name")
        if not isinstance(code, str) or not code.strip() or len(code) > 40:
            raise ValidationError({"items": [_("Item %(n)s needs a code.") % {"n": index}]})
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            raise ValidationError({"items": [_("Item “%(name)s” needs a name.") % {"name": code}]})
        if code in seen:
            raise ValidationError({"items": [_("Item “%(name)s” appears twice.") % {"name": name}]})
        seen.add(code)
        indicator = item.get("indicator")
        if indicator is not None and indicator not in known:
            raise ValidationError(
                {
                    "items": [
                        _("Item “%(name)s”: unknown indicator “%(indicator)s”.")
                        % {"name": name, "indicator": str(indicator)[:40]}
                    ]
                }
            )
        params = item.get("params") or {}
        if not isinstance(params, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 10000
            for v in params.values()
        ):
            raise ValidationError(
                {
                    "items": [
                        _("Item “%(name)s”: parameters are numbers from 0 to 10000.")
                        % {"name": name}
                    ]
                }
            )
        points = _number(item.get("max_points"), name=name)
        if not 0 < points <= TOTAL:
            raise ValidationError(
                {"items": [_("Item “%(name)s”: points from 0 to 100.") % {"name": name}]}
            )
        if code == BONUS_CODE:
            if points > BONUS_MAX or indicator is not None:
                raise ValidationError(
                    {
                        "items": [
                            _(
                                "Item “%(name)s”: the bonus is scored by hand, at most %(max)s points."
                            )
                            % {"name": name, "max": BONUS_MAX}
                        ]
                    }
                )
        else:
            total += points
        checked.append(
            {
                "code": code.strip(),
                "name": name.strip(),
                "max_points": float(points),
                "indicator": indicator,
                "params": dict(params),
            }
        )
    if total != TOTAL:
        # Named: the last item that counts towards the 100 (the one to adjust).
        last = [i for i in checked if i["code"] != BONUS_CODE][-1]["name"]
        raise ValidationError(
            {
                "items": [
                    _(
                        "The items add up to %(total)s points, not 100 (the bonus apart): "
                        "change “%(name)s”."
                    )
                    % {"total": _fmt(total), "name": last}
                ]
            }
        )
    return checked


def _fmt(value) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def round_points(value) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# --- the points of each kind of indicator --------------------------------------------------


def rate_points(max_points: float, done: int, total: int) -> float:
    """A share: full marks when nothing was due (none found: full marks)."""
    if total <= 0:
        return round_points(max_points)
    return round_points(max_points * done / total)


def deduction_points(max_points: float, count: int, per_item: float) -> float:
    """Full marks less `per_item` for each one counted, never below zero."""
    return round_points(max(0.0, max_points - per_item * count))


def count_points(max_points: float, count: int, target: float) -> float:
    """Points in proportion to `count` out of `target`, full marks at or above it."""
    if target <= 0:
        return round_points(max_points)
    return round_points(max_points * min(1.0, count / target))


def accident_control_points(
    max_points: float,
    *,
    accidents: int,
    deaths: int,
    overdue_major: int,
    max_accidents: int,
    max_deaths: int,
    per_accident: float = 5,
    per_death: float = 10,
) -> float:
    """Accidents (with each overdue major hazard counted as one, 视同发生事故) and deaths
    against the unit's control targets: `per_accident` off for each accident over the target,
    `per_death` for each death over it, never below zero."""
    over_accidents = max(0, accidents + overdue_major - max_accidents)
    over_deaths = max(0, deaths - max_deaths)
    return round_points(
        max(0.0, max_points - per_accident * over_accidents - per_death * over_deaths)
    )


def overdue_as_accident(*, deadline: dt.date, closed_on: dt.date | None, today: dt.date) -> bool:
    """A major hazard counts as an accident when it passed its deadline: closed after the
    deadline day, or still open after it (closed on the deadline day: in time)."""
    if closed_on is not None:
        return closed_on > deadline
    return today > deadline


def accident_vetoes(grade: str) -> bool:
    """一票否决: an accident of 较大 or graver."""
    return grade in VETO_ACCIDENT_GRADES


def finding_vetoes(kind: str) -> bool:
    """一票否决: a finding of 瞒报 or 谎报 (迟报 and 漏报 do not veto)."""
    return kind in VETO_FINDING_KINDS


def grade_for(score: float, *, cutoffs: dict, vetoed: bool) -> str:
    """优秀/良好/合格/不合格 by the lowest score of each grade; a vetoed unit fails whatever
    its score."""
    if vetoed:
        return "fail"
    for grade in ("excellent", "good", "pass"):
        if score >= cutoffs[grade]:
            return grade
    return "fail"


def ranks(scores: list[tuple[bool, float]]) -> list[int]:
    """Competition ranking (1, 2, 2, 4) by score, highest first; vetoed units rank after every
    unit that was not vetoed."""
    order = sorted(range(len(scores)), key=lambda i: (scores[i][0], -scores[i][1]))
    result = [0] * len(scores)
    previous, rank = None, 0
    for position, index in enumerate(order, start=1):
        key = scores[index]
        if key != previous:
            rank, previous = position, key
        result[index] = rank
    return result
