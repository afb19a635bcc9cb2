"""The 20 accident categories of GB 6441-1986 《企业职工伤亡事故分类》 (domain rules §1).

To be merged with `anjian.risks.gb6441` (the same list, written in parallel): one copy should
stay, in the order and with the two-digit codes below.
"""

ACCIDENT_TYPES: list[tuple[str, str]] = [
    ("01", "物体打击"), ("02", "车辆伤害"), ("03", "机械伤害"), ("04", "起重伤害"),
    ("05", "触电"), ("06", "淹溺"), ("07", "灼烫"), ("08", "火灾"), ("09", "高处坠落"),
    ("10", "坍塌"), ("11", "冒顶片帮"), ("12", "透水"), ("13", "放炮"), ("14", "火药爆炸"),
    ("15", "瓦斯爆炸"), ("16", "锅炉爆炸"), ("17", "容器爆炸"), ("18", "其他爆炸"),
    ("19", "中毒和窒息"), ("20", "其他伤害"),
]
NAMES = dict(ACCIDENT_TYPES)
CODES = {name: code for code, name in ACCIDENT_TYPES}


def parse_accident_type(value) -> str | None:
    """The two-digit code for a GB 6441 name (`高处坠落`) or code (`09`, `9`); None if unknown."""
    if value is None:
        return None
    raw = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        raw = str(int(value))
    if raw in CODES:
        return CODES[raw]
    if raw.isdigit() and len(raw) <= 2 and raw.zfill(2) in NAMES:
        return raw.zfill(2)
    return None
