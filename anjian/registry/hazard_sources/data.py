"""Critical quantities (临界量) and correction factors (β) of GB 18218-2018.

Each row names the table of the standard it comes from. `verified` is False (shown as
UNVERIFIED in the register and in docs/registry.md) where the value could not be confirmed
against two independent transcriptions of the standard; such a value is a default the county
may correct by giving `critical_t` / `beta` with the substance.

β (校正系数) follows domain-rules §4: the named toxic gases of Table 3; for the rest the
category of Table 4 (explosives 2, flammable gas 1.5, other toxic gas 2, highly toxic gas 4,
others 1).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Substance:
    key: str  # the English name used in the API
    name_zh: str
    critical_t: float
    beta: float
    table: str  # where the critical quantity comes from
    aliases: tuple[str, ...] = ()
    verified: bool = True


# GB 18218-2018 表1 (危险化学品名称及其临界量) and, for β, 表3 / 表4.
SUBSTANCES: tuple[Substance, ...] = (
    Substance("chlorine", "氯", 5, 4, "GB 18218-2018 表1; β 表3", ("液氯", "氯气", "Cl2")),
    Substance("ammonia", "氨", 10, 2, "GB 18218-2018 表1; β 表3", ("液氨", "氨气", "NH3")),
    Substance(
        "sulphur dioxide",
        "二氧化硫",
        20,
        2,
        "GB 18218-2018 表1; β 表3",
        ("sulfur dioxide", "SO2", "亚硫酸酐"),
    ),
    Substance(
        "hydrogen sulphide", "硫化氢", 5, 5, "GB 18218-2018 表1; β 表3", ("hydrogen sulfide", "H2S")
    ),
    Substance(
        "hydrogen",
        "氢",
        5,
        1.5,
        "GB 18218-2018 表1; β 表4 (W2 flammable gas)",
        ("氢气", "液氢", "H2"),
    ),
    Substance(
        "LPG",
        "液化石油气",
        50,
        1.5,
        "GB 18218-2018 表1; β 表4 (W2 flammable gas)",
        ("liquefied petroleum gas", "石油气(液化的)"),
    ),
    Substance(
        "natural gas",
        "天然气",
        50,
        1.5,
        "GB 18218-2018 表1 (甲烷，天然气); β 表4 (W2)",
        ("methane", "甲烷", "CNG", "LNG"),
    ),
    Substance(
        "petrol",
        "汽油",
        200,
        1,
        "GB 18218-2018 表1 (汽油，乙醇汽油，甲醇汽油); β others",
        ("gasoline", "乙醇汽油", "甲醇汽油"),
    ),
    Substance("methanol", "甲醇", 500, 1, "GB 18218-2018 表1; β others", ("木醇", "木精")),
    Substance("benzene", "苯", 50, 1, "GB 18218-2018 表1; β others", ("纯苯",)),
    Substance(
        "acetylene", "乙炔", 1, 1.5, "GB 18218-2018 表1; β 表4 (W2 flammable gas)", ("电石气",)
    ),
    Substance("ethylene oxide", "环氧乙烷", 10, 2, "GB 18218-2018 表1; β 表3", ("氧化乙烯",)),
    Substance(
        "hydrogen cyanide", "氰化氢", 1, 10, "GB 18218-2018 表1; β 表3", ("HCN", "无水氢氰酸")
    ),
    Substance("phosgene", "光气", 0.3, 20, "GB 18218-2018 表1 (碳酰氯); β 表3", ("碳酰氯",)),
    Substance(
        "ammonium nitrate",
        "硝酸铵(含可燃物>0.2%)",
        5,
        2,
        "GB 18218-2018 表1; β 表4 (explosive)",
        ("硝酸铵",),
        verified=False,
    ),
    Substance(
        "ammonium nitrate (combustibles <= 0.2%)",
        "硝酸铵(含可燃物≤0.2%)",
        50,
        1,
        "GB 18218-2018 表1; β others",
        (),
    ),
    Substance(
        "ammonium nitrate fertiliser",
        "硝酸铵肥料(含可燃物≤0.4%)",
        200,
        1,
        "GB 18218-2018 表1; β others",
        (),
    ),
)

# GB 18218-2018 表2 (未在表1中列举的危险化学品类别及其临界量) with β from 表4: a substance
# not in Table 1 may be given by its category code ("J1", "W2", …) as its name.
CATEGORIES: tuple[Substance, ...] = (
    Substance("J1", "急性毒性 类别1，所有暴露途径，气体", 5, 4, "GB 18218-2018 表2 J1; β 表4"),
    Substance(
        "J2", "急性毒性 类别1，所有暴露途径，固体、液体", 50, 1, "GB 18218-2018 表2 J2; β 表4"
    ),
    Substance(
        "J3", "急性毒性 类别2、类别3，所有暴露途径，气体", 50, 2, "GB 18218-2018 表2 J3; β 表4"
    ),
    Substance(
        "J4",
        "急性毒性 类别2、类别3，吸入途径，液体(沸点≤35℃)",
        50,
        2,
        "GB 18218-2018 表2 J4; β 表4",
    ),
    Substance(
        "J5",
        "急性毒性 类别2，所有暴露途径，液体(除J4外)、固体",
        500,
        1,
        "GB 18218-2018 表2 J5; β 表4",
    ),
    Substance(
        "W1.1",
        "爆炸物 不稳定爆炸物、1.1项爆炸物",
        1,
        2,
        "GB 18218-2018 表2 W1.1; β 表4",
        verified=False,
    ),
    Substance(
        "W1.2",
        "爆炸物 1.2、1.3、1.5、1.6项爆炸物",
        10,
        2,
        "GB 18218-2018 表2 W1.2; β 表4",
        verified=False,
    ),
    Substance("W1.3", "爆炸物 1.4项爆炸物", 50, 2, "GB 18218-2018 表2 W1.3; β 表4", verified=False),
    Substance(
        "W2", "易燃气体 类别1和类别2", 10, 1.5, "GB 18218-2018 表2 W2; β 表4", verified=False
    ),
    Substance(
        "W3", "气溶胶 类别1和类别2", 150, 1, "GB 18218-2018 表2 W3 (净重); β 表4", verified=False
    ),
    Substance("W4", "氧化性气体 类别1", 50, 1, "GB 18218-2018 表2 W4; β 表4", verified=False),
    Substance(
        "W5.1",
        "易燃液体 类别1；类别2和3，工作温度高于沸点",
        10,
        1.5,
        "GB 18218-2018 表2 W5.1; β 表4",
        verified=False,
    ),
    Substance(
        "W5.2",
        "易燃液体 类别2和3，具有引发重大事故的特殊工艺条件",
        50,
        1,
        "GB 18218-2018 表2 W5.2; β 表4",
        verified=False,
    ),
    Substance(
        "W5.3",
        "易燃液体 不属于W5.1或W5.2的其他类别2",
        1000,
        1,
        "GB 18218-2018 表2 W5.3; β 表4",
        verified=False,
    ),
    Substance(
        "W5.4",
        "易燃液体 不属于W5.1或W5.2的其他类别3",
        5000,
        1,
        "GB 18218-2018 表2 W5.4; β 表4",
        verified=False,
    ),
    Substance("W6.1", "自反应物质和混合物 A型和B型", 10, 1.5, "GB 18218-2018 表2 W6.1; β 表4"),
    Substance("W6.2", "自反应物质和混合物 C型、D型、E型", 50, 1, "GB 18218-2018 表2 W6.2; β 表4"),
    Substance(
        "W7.1", "有机过氧化物 A型和B型", 10, 1.5, "GB 18218-2018 表2 W7.1; β 表4", verified=False
    ),
    Substance(
        "W7.2",
        "有机过氧化物 C型、D型、E型、F型",
        50,
        1,
        "GB 18218-2018 表2 W7.2; β 表4",
        verified=False,
    ),
    Substance(
        "W8", "自燃液体 类别1；自燃固体 类别1", 50, 1, "GB 18218-2018 表2 W8; β 表4", verified=False
    ),
    Substance(
        "W9.1", "氧化性固体和液体 类别1", 50, 1, "GB 18218-2018 表2 W9.1; β 表4", verified=False
    ),
    Substance(
        "W9.2",
        "氧化性固体和液体 类别2、类别3",
        200,
        1,
        "GB 18218-2018 表2 W9.2; β 表4",
        verified=False,
    ),
    Substance("W10", "易燃固体 类别1", 200, 1, "GB 18218-2018 表2 W10; β 表4", verified=False),
    Substance(
        "W11",
        "遇水放出易燃气体的物质和混合物 类别1和类别2",
        200,
        1,
        "GB 18218-2018 表2 W11; β 表4",
        verified=False,
    ),
)


def _index() -> dict[str, Substance]:
    found: dict[str, Substance] = {}
    for row in (*SUBSTANCES, *CATEGORIES):
        for name in (row.key, row.name_zh, *row.aliases):
            found.setdefault(normalise(name), row)
    return found


def normalise(name: str) -> str:
    return "".join(str(name).split()).casefold().replace("（", "(").replace("）", ")")


_BY_NAME: dict[str, Substance] | None = None


def lookup(name: str) -> Substance | None:
    """The shipped row for a substance or category, by English name, Chinese name or alias."""
    global _BY_NAME
    if _BY_NAME is None:
        _BY_NAME = _index()
    return _BY_NAME.get(normalise(name))
