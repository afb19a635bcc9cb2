"""Risk grading rules of 安委办〔2016〕11号 (双重预防机制) as data plus small pure functions.

LEC (作业条件危险性分析法): D = L × E × C, each factor taken only from its table.
LS (风险矩阵法): R = L × S, both whole numbers 1–5.
The bands are defaults (domain-rules §3); the county admin can set others per sector
(`RiskBands`), so the level functions take the bands as an argument.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAJOR, LARGE, GENERAL, LOW = "major", "large", "general", "low"
LEVELS = (MAJOR, LARGE, GENERAL, LOW)  # highest first
LEVEL_RANK = {MAJOR: 4, LARGE: 3, GENERAL: 2, LOW: 1}
LEVEL_COLOURS = {MAJOR: "#d9312b", LARGE: "#f28c28", GENERAL: "#f5d742", LOW: "#2a6fdb"}
UNASSESSED_COLOUR = "#9e9e9e"

# LEC tables: likelihood L, exposure E, consequence C (domain-rules §3).
LEC_L = (
    Decimal("10"),
    Decimal("6"),
    Decimal("3"),
    Decimal("1"),
    Decimal("0.5"),
    Decimal("0.2"),
    Decimal("0.1"),
)
LEC_E = (Decimal("10"), Decimal("6"), Decimal("3"), Decimal("2"), Decimal("1"), Decimal("0.5"))
LEC_C = (Decimal("100"), Decimal("40"), Decimal("15"), Decimal("7"), Decimal("3"), Decimal("1"))
LS_VALUES = (1, 2, 3, 4, 5)

# Control levels (管控层级), highest first; the default for each risk level (§3), stored as the
# versioned rule `risks.control_levels` (anjian.core.rules).
ENTERPRISE, DEPARTMENT, WORKSHOP, POST = "enterprise", "department", "workshop", "post"
CONTROL_RANK = {ENTERPRISE: 4, DEPARTMENT: 3, WORKSHOP: 2, POST: 1}
DEFAULT_CONTROL = {MAJOR: ENTERPRISE, LARGE: DEPARTMENT, GENERAL: WORKSHOP, LOW: POST}


@dataclass(frozen=True)
class Bands:
    """Three thresholds, highest first.

    LEC: a level applies when D is *greater than* its threshold (D > 320 → major), as the
    LEC table is written. LS: a level applies when R is *at least* its threshold
    (R ≥ 20 → major), as the LS table is written (20–25, 15–16, 9–12, 1–8).
    """

    major: Decimal
    large: Decimal
    general: Decimal


DEFAULT_LEC_BANDS = Bands(major=Decimal(320), large=Decimal(160), general=Decimal(70))
DEFAULT_LS_BANDS = Bands(major=Decimal(20), large=Decimal(15), general=Decimal(9))
DEFAULT_BANDS = {"LEC": DEFAULT_LEC_BANDS, "LS": DEFAULT_LS_BANDS}


def lec_score(l: Decimal, e: Decimal, c: Decimal) -> Decimal:  # noqa: E741
    """D = L × E × C."""
    return Decimal(l) * Decimal(e) * Decimal(c)


def lec_level(d: Decimal, bands: Bands = DEFAULT_LEC_BANDS) -> str:
    """Level for an LEC score: D > major → major; D > large → large; D > general → general."""
    d = Decimal(d)
    if d > bands.major:
        return MAJOR
    if d > bands.large:
        return LARGE
    if d > bands.general:
        return GENERAL
    return LOW


def ls_score(l: int, s: int) -> int:  # noqa: E741
    """R = L × S."""
    return int(l) * int(s)


def ls_level(r: int | Decimal, bands: Bands = DEFAULT_LS_BANDS) -> str:
    """Level for an LS score: R ≥ major → major; R ≥ large → large; R ≥ general → general.

    The default table leaves gaps (13, 14, 17, 18, 19): no product of two numbers 1–5 falls
    there, and each band simply runs up to the next band's threshold, so the function is total.
    """
    r = Decimal(r)
    if r >= bands.major:
        return MAJOR
    if r >= bands.large:
        return LARGE
    if r >= bands.general:
        return GENERAL
    return LOW


def _decimal(value, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)).normalize()
    except ArithmeticError as exc:
        raise ValidationError({field: _("Enter a number.")}) from exc


def assess(
    *,
    method: str,
    l=None,  # noqa: E741 (the method's own letters: L, E, C, S)
    e=None,
    c=None,
    s=None,
    bands: Bands | None = None,
) -> tuple[Decimal, str]:
    """Validate the factors of one assessment and return (score, level).

    Raises ValidationError naming each wrong factor (values only from the tables).
    """
    errors: dict[str, list[str]] = {}
    if method == "LEC":
        tables = {"l": (l, LEC_L), "e": (e, LEC_E), "c": (c, LEC_C)}
        values = {}
        for field, (raw, table) in tables.items():
            try:
                value = _decimal(raw, field)
            except ValidationError as exc:
                errors.update(exc.message_dict)
                continue
            if value is None:
                errors[field] = [_("This factor is required for the LEC method.")]
            elif value not in table:
                errors[field] = [
                    _("Take the value from the table: %(values)s.")
                    % {"values": "、".join(_plain(v) for v in table)}
                ]
            else:
                values[field] = value
        if s not in (None, ""):
            errors["s"] = [_("S is not used by the LEC method.")]
        if errors:
            raise ValidationError(errors)
        score = lec_score(values["l"], values["e"], values["c"])
        return score, lec_level(score, bands or DEFAULT_LEC_BANDS)
    if method == "LS":
        values = {}
        for field, raw in (("l", l), ("s", s)):
            try:
                value = _decimal(raw, field)
            except ValidationError as exc:
                errors.update(exc.message_dict)
                continue
            if value is None:
                errors[field] = [_("This factor is required for the LS method.")]
            elif value not in LS_VALUES:
                errors[field] = [_("Enter a whole number from 1 to 5.")]
            else:
                values[field] = int(value)
        for field, raw in (("e", e), ("c", c)):
            if raw not in (None, ""):
                errors[field] = [
                    _("%(factor)s is not used by the LS method.") % {"factor": field.upper()}
                ]
        if errors:
            raise ValidationError(errors)
        score = ls_score(values["l"], values["s"])
        return Decimal(score), ls_level(score, bands or DEFAULT_LS_BANDS)
    raise ValidationError({"method": [_("Choose LEC or LS.")]})


def required_control(level: str, controls: dict | None = None) -> str:
    """The lowest control level allowed for a risk level (§3: higher risk, higher level).

    `controls` is the stored rule `risks.control_levels` in force (DEFAULT_CONTROL if None)."""
    return (controls or DEFAULT_CONTROL)[level]


def control_at_least(control: str, level: str, controls: dict | None = None) -> bool:
    return CONTROL_RANK[control] >= CONTROL_RANK[required_control(level, controls)]


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def validate_bands(method: str, bands: Bands) -> None:
    """Thresholds must fall strictly from major to general, within the method's range."""
    top = Decimal(10 * 10 * 100) if method == "LEC" else Decimal(25)
    errors = {}
    if not bands.general > 0:
        errors["general"] = [_("The threshold must be greater than zero.")]
    if not bands.large > bands.general:
        errors["large"] = [_("The 较大 threshold must be above the 一般 threshold.")]
    if not bands.major > bands.large:
        errors["major"] = [_("The 重大 threshold must be above the 较大 threshold.")]
    if bands.major > top:
        errors.setdefault("major", []).append(
            _("The threshold cannot exceed the highest possible score %(top)s.") % {"top": top}
        )
    if errors:
        raise ValidationError(errors)
