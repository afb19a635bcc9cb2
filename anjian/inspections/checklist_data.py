"""The checklist library's seeds: one checklist per list of the major-hazard criteria.

The criteria themselves (text, standard, item number) are the hazards app's data
(`anjian.hazards.criteria`, loaded as `HazardCriterion` rows); a seeded checklist item names its
criterion by code and copies the wording when the migration runs, so the text is not kept twice
in the code. A few lists of `hazard-criteria.md` are not in that data (the last 粉尘 item and the
superseded 2017 涉氨制冷 / 有限空间 items); their items are written here, with no criterion.

A hazard found on a seeded item is a 重大事故隐患 (原国家安监总局令第16号 Art. 3 and the sector
standards). Items the source marks (U) are seeded with `verified=False` and shown with a warning:
load the official wording before printing them on an enforcement document. Lists the source names
without items (煤矿 令第4号, 民用爆炸物品, 城镇燃气, 特种设备, the 2025 fire list) are not seeded.
GB 35181-2025's chapter 5 wording could not be retrieved (UNVERIFIED; see anjian.hazards.criteria):
its successor of `fire-2017` is added as `fire-2025` (effective_on 2025-11-01, items
`codes("fire2025", …)`) in a new data migration once the hazards app holds its items.

A migration loads this module once; later changes are the county admin's (audited), never edits
of this file.
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class OwnItem:
    """An item whose text is not in the hazards app's criteria."""

    text: str
    clause: str = ""
    verified: bool = True


@dataclass(frozen=True)
class ChecklistSeed:
    code: str
    name: str
    sector: str  # contract sector code
    standard: str
    version: str
    items: tuple  # criterion codes (str) or OwnItem
    effective_on: dt.date | None = None
    superseded_on: dt.date | None = None
    active: bool = True
    description: str = ""


def codes(prefix: str, first: int, last: int) -> tuple[str, ...]:
    """The criterion codes `prefix-first` … `prefix-last` (codes of anjian.hazards.criteria)."""
    return tuple(f"{prefix}-{n:02d}" for n in range(first, last + 1))


# Criteria whose wording the source marks (U).
UNVERIFIED_CRITERIA = frozenset({"industry-26"})

_MINES = "《金属非金属矿山重大事故隐患判定标准》（矿安〔2022〕88号）"
_TRADE = "《工贸企业重大事故隐患判定标准》（应急管理部令第10号）"
_TRADE_2017 = "《工贸行业重大生产安全事故隐患判定标准（2017版）》"
_ROAD = "《道路运输企业和城市客运企业安全生产重大事故隐患判定标准（试行）》（交通运输部，文号待核）"

CHECKLISTS: tuple[ChecklistSeed, ...] = (
    ChecklistSeed(
        code="hc-2017",
        sector="hazardous_chemicals",
        version="2017（试行）",
        name="化工和危险化学品生产经营单位重大生产安全事故隐患判定标准",
        standard="《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》（安监总管三〔2017〕121号）",
        items=codes("chem", 1, 20),
    ),
    ChecklistSeed(
        code="fw-2017",
        sector="fireworks",
        version="2017（试行）",
        name="烟花爆竹生产经营单位重大生产安全事故隐患判定标准",
        standard="《烟花爆竹生产经营单位重大生产安全事故隐患判定标准（试行）》（2017）",
        description="文号及是否有更新版本待核。",
        items=codes("fireworks", 1, 20),
    ),
    ChecklistSeed(
        code="nm-ug-2022",
        sector="non_coal_mine",
        version="2022",
        standard=_MINES,
        name="金属非金属地下矿山重大事故隐患",
        effective_on=dt.date(2022, 9, 1),
        description="地下矿山部分的已核实条款；排水、水害防治机构、自燃发火、地压、提升及乘罐"
        "人数、监测监控等其余条款待按正式文本补充。",
        items=codes("mine", 1, 11),
    ),
    ChecklistSeed(
        code="nm-op-2022",
        sector="non_coal_mine",
        version="2022",
        standard=_MINES,
        name="金属非金属露天矿山重大事故隐患",
        effective_on=dt.date(2022, 9, 1),
        description="露天矿山部分第（一）至（八）项；其后条款（如深凹露天矿山防洪）待补充。",
        items=codes("mine", 12, 19),
    ),
    ChecklistSeed(
        code="nm-tp-2022",
        sector="non_coal_mine",
        version="2022",
        standard=_MINES,
        name="尾矿库重大事故隐患",
        effective_on=dt.date(2022, 9, 1),
        description="尾矿库部分；渗流、排洪等其余条款待按正式文本补充。",
        items=codes("mine", 20, 22),
    ),
    ChecklistSeed(
        code="it-2023-general",
        sector="industry_trade",
        version="2023",
        standard=_TRADE + "第三条",
        effective_on=dt.date(2023, 5, 15),
        name="工贸企业重大事故隐患（管理类）",
        description="适用于冶金、有色、建材、机械、轻工、纺织、烟草、商贸等全部工贸企业。",
        items=codes("industry", 1, 3),
    ),
    ChecklistSeed(
        code="it-2023-metallurgy",
        sector="industry_trade",
        version="2023",
        standard=_TRADE + "第四条",
        effective_on=dt.date(2023, 5, 15),
        name="工贸企业重大事故隐患（冶金）",
        description="第四条前四项；其余条款待按正式文本补充。",
        items=codes("industry", 4, 7),
    ),
    ChecklistSeed(
        code="it-2023-building-materials",
        sector="industry_trade",
        version="2023",
        standard=_TRADE + "第六条",
        effective_on=dt.date(2023, 5, 15),
        name="工贸企业重大事故隐患（建材）",
        items=codes("industry", 8, 15),
    ),
    ChecklistSeed(
        code="it-2023-machinery",
        sector="industry_trade",
        version="2023",
        standard=_TRADE + "第七条",
        effective_on=dt.date(2023, 5, 15),
        name="工贸企业重大事故隐患（机械）",
        description="第七条前两项；其余条款待按正式文本补充。",
        items=codes("industry", 16, 17),
    ),
    ChecklistSeed(
        code="it-2023-dust",
        sector="industry_trade",
        version="2023",
        standard=_TRADE + "专项类（粉尘防爆）",
        effective_on=dt.date(2023, 5, 15),
        name="工贸企业重大事故隐患（粉尘防爆）",
        items=(
            *codes("industry", 18, 26),
            OwnItem(
                "未落实粉尘清理制度，作业现场积尘未及时清理。", clause="粉尘10", verified=False
            ),
        ),
    ),
    ChecklistSeed(
        code="it-2017-ammonia",
        sector="industry_trade",
        standard=_TRADE_2017,
        version="2017（已被令第10号替代）",
        superseded_on=dt.date(2023, 5, 15),
        active=False,
        name="工贸行业重大生产安全事故隐患（涉氨制冷，2017版）",
        description="已被《工贸企业重大事故隐患判定标准》（应急管理部令第10号）替代，仅供参考；"
        "2023年版涉氨制冷条款待按正式文本录入。",
        items=(
            OwnItem(
                "包装间、分割间、产品整理间等人员较多生产场所的空调系统采用氨直接蒸发制冷系统。",
                clause="1",
            ),
            OwnItem(
                "快速冻结装置未设置在单独的作业间内，且作业间内作业人员数量超过9人。", clause="2"
            ),
        ),
    ),
    ChecklistSeed(
        code="it-2017-confined",
        sector="industry_trade",
        standard=_TRADE_2017,
        version="2017（已被令第10号替代）",
        superseded_on=dt.date(2023, 5, 15),
        active=False,
        name="工贸行业重大生产安全事故隐患（有限空间，2017版）",
        description="已被《工贸企业重大事故隐患判定标准》（应急管理部令第10号）替代，仅供参考；"
        "2023年版有限空间条款（先通风、再检测、后作业，专人监护）待按正式文本录入。",
        items=(
            OwnItem("未对有限空间作业场所进行辨识，并设置明显安全警示标志。", clause="1"),
            OwnItem("未落实有限空间作业审批，或者未经审批擅自进入有限空间作业。", clause="2"),
        ),
    ),
    ChecklistSeed(
        code="fire-2017",
        sector="fire",
        version="2017（旧版）",
        standard="GB 35181-2017《重大火灾隐患判定方法》直接判定要素",
        superseded_on=dt.date(2025, 11, 1),
        active=False,
        name="重大火灾隐患直接判定要素（GB 35181-2017）",
        description="旧版：已被 GB 35181-2025《重大火灾隐患判定规则》替代（2025年11月1日起施行），"
        "仅供参考，请按正式文本录入2025年版。综合判定要素未收录。",
        items=codes("fire2017", 1, 10),
    ),
    ChecklistSeed(
        code="rt-2023-general",
        sector="road_traffic",
        version="2023（试行）",
        standard=_ROAD + "第三条",
        effective_on=dt.date(2023, 10, 1),
        name="道路运输企业和城市客运企业重大事故隐患（通用）",
        items=codes("road", 1, 5),
    ),
    ChecklistSeed(
        code="rt-2023-passenger",
        sector="road_traffic",
        version="2023（试行）",
        standard=_ROAD + "第四条第（一）项",
        effective_on=dt.date(2023, 10, 1),
        name="道路旅客运输企业重大事故隐患",
        description="第四条其余各项（危险货物运输、公交、出租、驾培）待按正式文本补充。",
        items=("road-06",),
    ),
)
