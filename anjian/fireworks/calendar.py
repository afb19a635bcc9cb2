"""The county's firing rules (禁放/限放, 烟花爆竹安全管理条例 Art. 28) for the work calendar page
(`anjian.hooks.CALENDAR_ITEMS`)."""

import datetime as dt

from . import selectors


def items(*, first: dt.date, last: dt.date) -> list[dict]:
    rows = []
    for rule in selectors.firing_rules(first=first, last=last):
        detail = "，".join(filter(None, [rule.hours, rule.note]))
        rows.append(
            {
                "title": f"{rule.get_kind_display()}：{rule.area}",
                "start": rule.starts_on,
                "end": rule.ends_on,
                "detail": detail,
            }
        )
    return rows
