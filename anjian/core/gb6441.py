"""The 20 accident categories of GB 6441-1986 《企业职工伤亡事故分类》, as data.

The contract lets every API and import name a type by its Chinese name (`高处坠落`) or its
two-digit code (`09`); the code is what is stored. Codes follow the order of the standard
(domain-rules §1). Risk points and accidents both use it; keep `ACCIDENT_TYPES` and `parse_accident_type` stable.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ACCIDENT_TYPES: list[tuple[str, str]] = [
    ("01", "物体打击"),
    ("02", "车辆伤害"),
    ("03", "机械伤害"),
    ("04", "起重伤害"),
    ("05", "触电"),
    ("06", "淹溺"),
    ("07", "灼烫"),
    ("08", "火灾"),
    ("09", "高处坠落"),
    ("10", "坍塌"),
    ("11", "冒顶片帮"),
    ("12", "透水"),
    ("13", "放炮"),
    ("14", "火药爆炸"),
    ("15", "瓦斯爆炸"),
    ("16", "锅炉爆炸"),
    ("17", "容器爆炸"),
    ("18", "其他爆炸"),
    ("19", "中毒和窒息"),
    ("20", "其他伤害"),
]
NAMES: dict[str, str] = dict(ACCIDENT_TYPES)
CODES: dict[str, str] = {name: code for code, name in ACCIDENT_TYPES}
# Common ways of writing a few names (中毒窒息 without 和, the full-width variants).
ALIASES: dict[str, str] = {"中毒窒息": "19", "中毒、窒息": "19", "其它伤害": "20", "其它爆炸": "18"}


def parse_accident_type(value: Any) -> str:
    """The two-digit code for a GB 6441 name or code (`高处坠落`, `09`, `9`); else ValidationError."""
    raw = "" if value is None else str(value).strip()
    if isinstance(value, float) and value.is_integer():
        raw = str(int(value))
    if raw.isdigit() and len(raw) <= 2:
        raw = raw.zfill(2)
    if raw in NAMES:
        return raw
    code = CODES.get(raw) or ALIASES.get(raw)
    if code:
        return code
    raise ValidationError(
        _(
            "Unknown accident type %(value)s: give a GB 6441 name such as 高处坠落 or its code 01–20."
        )
        % {"value": raw or "—"},
        code="accident_type",
    )


def parse_accident_types(values: Iterable[Any]) -> list[str]:
    """Codes for several types, in the standard's order, without duplicates."""
    codes = {parse_accident_type(v) for v in values}
    return sorted(codes)


def accident_type_names(codes: Iterable[str]) -> list[str]:
    return [NAMES.get(code, code) for code in codes]
