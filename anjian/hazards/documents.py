"""Word documents generated from a hazard record (built from `anjian.core.documents.word`).

- 责令限期整改指令书 (rectification order), on the form of 安全生产法 Art. 65 (1)(3);
- 挂牌督办通知书 (supervision notice) of a major hazard (令第16号 Art. 20).

The wording is that of the official Chinese forms, so it is kept in Chinese here (an
enforcement document is never printed in another language).
"""



from anjian.accounts.models import County
from anjian.core.dates import cn_date
from anjian.core.documents.word import (
    add_centred,
    add_label_table,
    add_right,
    add_text,
    new_document,
    to_bytes,
)

from .models import PLAN_FIELDS, Hazard

PLAN_TITLES = ["治理的目标和任务", "采取的方法和措施", "经费和物资的落实", "负责治理的机构和人员",
               "治理的时限和要求", "安全措施和应急预案"]


def _document():
    return new_document(font="SimSun", east_asian_font="宋体", size=12)


def _county_name() -> str:
    county = County.objects.first()
    return county.name if county else ""


def issuing_unit(hazard: Hazard) -> str:
    """The government unit that found the hazard (else the county's work-safety office)."""
    if hazard.owner_department_id:
        return hazard.owner_department.name
    if hazard.owner_town_id:
        return f"{hazard.owner_town.name}人民政府"
    return f"{_county_name()}安全生产委员会办公室"


def _party(hazard: Hazard) -> str:
    return hazard.enterprise.name if hazard.enterprise_id else f"{hazard.location}管理单位"


def _five_fixes_table(doc, hazard: Hazard) -> None:
    rows = [
        ("隐患地点", hazard.location or (hazard.enterprise.address if hazard.enterprise_id else "")
         or "—"),
        ("隐患等级", hazard.get_grade_display()),
        ("整改责任人", hazard.responsible_person or "—"),
        ("整改措施", hazard.measures or "—"),
        ("整改资金（元）", f"{hazard.funds:,.2f}" if hazard.funds is not None else "—"),
        ("整改期限", cn_date(hazard.deadline)),
        ("应急预案", hazard.contingency_plan or "—"),
    ]
    add_label_table(doc, rows)


def rectification_order(hazard: Hazard) -> bytes:
    """责令限期整改指令书 for one hazard, as .docx bytes."""
    doc = _document()
    add_centred(doc, issuing_unit(hazard), size=16, bold=True)
    add_centred(doc, "责令限期整改指令书", size=18, bold=True)
    add_centred(doc, f"（{hazard.found_on.year}）责改〔{hazard.pk}〕号")
    add_text(doc, f"{_party(hazard)}：")
    add_text(doc,
        f"经{cn_date(hazard.found_on)}检查（发现人：{hazard.found_by}），你单位存在下列问题：")
    add_text(doc, f"1. {hazard.description}")
    if hazard.criterion_id:
        add_text(doc, f"该问题属于{hazard.criterion.standard}第{hazard.criterion.item}项规定的"
                          f"重大事故隐患：{hazard.criterion.text}")
    add_text(doc,
        f"依据《中华人民共和国安全生产法》第六十五条第一款第（三）项的规定，现责令你单位于"
        f"{cn_date(hazard.deadline)}前整改完毕，达到有关法律法规规章和标准规定的要求。"
        "由你单位在整改期间采取有效措施，确保安全。整改完成后，请书面报告整改情况，"
        "申请复查验收。")
    add_text(doc, "整改要求（五定）：")
    _five_fixes_table(doc, hazard)
    add_text(doc,
        "如果不服本指令，可以依法在60日内向上一级人民政府或者有关部门申请行政复议，"
        "或者在6个月内依法向人民法院提起行政诉讼，但本指令不停止执行，法律另有规定的除外。")
    add_text(doc, "被检查单位负责人（签名）：            年    月    日")
    add_right(doc, issuing_unit(hazard))
    add_right(doc, cn_date(hazard.found_on))
    return to_bytes(doc)


def supervision_notice(hazard: Hazard) -> bytes:
    """挂牌督办通知书 of a supervised major hazard, as .docx bytes."""
    notice = hazard.supervision
    doc = _document()
    add_centred(doc, notice.supervising_unit, size=16, bold=True)
    add_centred(doc, "重大事故隐患挂牌督办通知书", size=18, bold=True)
    add_centred(doc, notice.number)
    add_text(doc, f"{_party(hazard)}：")
    add_text(doc,
        f"{cn_date(hazard.found_on)}，经检查发现你单位存在重大事故隐患：{hazard.description}。"
        f"根据《安全生产事故隐患排查治理暂行规定》（原国家安全生产监督管理总局令第16号），"
        f"经研究，决定对该重大事故隐患实行县级挂牌督办。")
    if hazard.criterion_id:
        add_text(doc, f"判定依据：{hazard.criterion.standard}第{hazard.criterion.item}项 "
                          f"{hazard.criterion.text}")
    add_text(doc, f"督办要求：{notice.requirements}")
    add_text(doc, f"整改期限：{cn_date(hazard.deadline)}")
    add_text(doc, "重大事故隐患治理方案：")
    add_label_table(doc, [(title, getattr(hazard, name) or "（待制定）")
                          for title, name in zip(PLAN_TITLES, PLAN_FIELDS, strict=True)])
    add_text(doc,
        "治理结束后，你单位应当组织技术人员和专家对治理情况进行评估，向督办单位提出恢复生产的"
        "书面申请，经审查同意后方可恢复生产经营，并申请销号。")
    add_right(doc, notice.supervising_unit)
    add_right(doc, cn_date(notice.issued_on))
    return to_bytes(doc)
