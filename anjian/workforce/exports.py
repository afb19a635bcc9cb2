"""Excel exports of the inspector register and the trainings (the caller's scope, its filters)."""

from anjian.core import clock
from anjian.core.excel import write_workbook
from anjian.workforce import selectors
from anjian.workforce.rules import certificate_state

CERTIFICATE_STATES = {
    "none": "未登记",
    "expired": "已过期",
    "expiring": "即将到期",
    "valid": "有效",
}


def export_inspectors(*, actor, stream, filters: dict | None = None) -> int:
    today = clock.today()
    rows = selectors.with_figures(selectors.inspector_list(actor=actor, **(filters or {})))
    write_workbook(
        stream,
        [
            "姓名",
            "所属单位",
            "单位代码",
            "执法证号",
            "发证日期",
            "有效期至",
            "执法证状态",
            "在岗",
            f"{today.year}年培训学时",
            f"{today.year}年检查次数",
        ],
        (
            [
                r.name,
                r.unit_name,
                r.unit_code,
                r.certificate_number,
                r.certificate_issued_on,
                r.certificate_expires_on,
                CERTIFICATE_STATES[certificate_state(r.certificate_expires_on, today)],
                "是" if r.active else "否",
                float(r.training_hours),
                r.inspections,
            ]
            for r in rows
        ),
        title="执法人员名册",
    )
    return len(rows)


def export_trainings(*, actor, stream, filters: dict | None = None) -> int:
    rows = list(
        selectors.training_list(actor=actor, **(filters or {})).prefetch_related("inspectors")
    )
    write_workbook(
        stream,
        ["培训名称", "举办日期", "学时", "类别", "初次培训", "单位", "参训执法人员", "参训人数"],
        (
            [
                r.title,
                r.held_on,
                float(r.hours),
                r.get_kind_display(),
                "是" if r.initial else "否",
                r.owner_name,
                "、".join(i.name for i in r.inspectors.all()),
                r.attendees,
            ]
            for r in rows
        ),
        title="培训记录",
    )
    return len(rows)


EXPORTERS = {"inspectors": export_inspectors, "trainings": export_trainings}
