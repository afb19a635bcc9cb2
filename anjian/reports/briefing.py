"""The safety-meeting briefing (会议材料), built on the seed speech's structure.

The seed (在县防范重特大安全事故工作会议上的讲话) has: the situation (我县X月份发生安全生产事故×起，
与去年同期相比增加×起，上升×%，死亡×人…), where the accidents concentrate (…全部集中在道路交通领
域), the watch lists (licences expired in high-risk sectors, 重大隐患, 重大风险, 重大危险源), the
coming holidays and seasons with their typical accidents and tasks (清明 森林防火, 三月三 and 五一
道路交通, 汛期 …), the duty requirements for the holidays, and the assessment standings. Each part
is written here from the area that owns the figures, read through its selectors in the actor's
scope:

- figures: `accidents.stats.accident_stats` (the same object as the API and `anjian stats`), in
  the sentences of `accidents.bulletin` (last year's zero never divided by);
- holidays, seasons and their work: `duty.calendar` (the county's work calendar);
- watch lists: registry licences, hazards, risk points and major hazard sources;
- assessment standings: the functions listed in `anjian.hooks.BRIEFING_STANDINGS` (none yet: the
  section then says that no results are published).

The document is Chinese whatever the reader's language; `build_briefing` returns the
`core.documents.Document`, rendered by `core.documents.render_official` (GB/T 9704 Word, or
Markdown).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from anjian import hooks
from anjian.accidents import selectors as accidents
from anjian.accidents import stats
from anjian.accidents.bulletin import distribution, situation
from anjian.accidents.models import Kind
from anjian.accounts.models import County
from anjian.core import clock
from anjian.core.dates import cn_date
from anjian.core.documents import Document, Table
from anjian.core.documents.document import Section
from anjian.core.periods import Period
from anjian.core.permissions import has_permission
from anjian.duty import calendar
from anjian.duty import selectors as duty
from anjian.emergency.rules import HIGH_RISK_SECTORS
from anjian.hazards import selectors as hazards
from anjian.registry import selectors as registry
from anjian.registry.hazard_sources.selectors import major_sources
from anjian.registry.models import EnterpriseStatus
from anjian.risks import selectors as risks

GRADE_WORDS = {1: "一", 2: "二", 3: "三", 4: "四"}
# How far ahead "coming" holidays and seasons reach from the meeting day.
AHEAD = dt.timedelta(days=92)
# Rows listed in a watch-list table; the rest are counted.
MAX_ROWS = 20
# The accidents each period is known for (the seed: "是森林火灾、道路交通、水上交通、农机、坍塌、
# 透水、食物中毒、学生溺水等事故的易发、多发期"), by holiday or season name.
TYPICAL_ACCIDENTS = {
    "元旦": "火灾、道路交通、燃气、一氧化碳中毒",
    "春节": "烟花爆竹、火灾、道路交通、人员密集场所拥挤踩踏",
    "清明节": "森林火灾、道路交通",
    "三月三": "道路交通、水上交通、人员密集场所拥挤踩踏",
    "劳动节": "道路交通、旅游景区、人员密集场所",
    "端午节": "水上交通、学生溺水、道路交通",
    "中秋节": "道路交通、火灾、食物中毒",
    "国庆节": "道路交通、旅游景区、人员密集场所",
    "汛期": "坍塌、透水、尾矿库溃坝、雷击、学生溺水",
    "森林防火期": "森林火灾",
}


@dataclass(frozen=True)
class Coming:
    """A holiday or a season that lies ahead of the meeting, with what it asks for."""

    name: str
    start: dt.date
    end: dt.date
    holiday: bool
    typical: str
    work: list


def typical_accidents(name: str) -> str:
    """The typical accidents of a holiday or season; a joint period (国庆节、中秋节) joins its
    festivals' lists without repeating one."""
    seen: list[str] = []
    for part in name.split("、"):
        for kind in TYPICAL_ACCIDENTS.get(part, "").split("、"):
            if kind and kind not in seen:
                seen.append(kind)
    return "、".join(seen)


def coming_periods(today: dt.date) -> list[Coming]:
    """Holidays and seasons under way on `today` or starting within `AHEAD`, in date order."""
    horizon = today + AHEAD
    found = [
        Coming(
            h.name,
            h.start,
            h.end,
            True,
            typical_accidents(h.name),
            calendar.work_for(h.name, holiday=True),
        )
        for h in calendar.holidays_from(today)
        if h.start <= horizon
    ]
    for year in (today.year, today.year + 1):
        for r in calendar.season_ranges(year):
            if (
                r.end >= today
                and r.start <= horizon
                and all(c.name != r.season.name for c in found if not c.holiday)
            ):
                found.append(
                    Coming(
                        r.season.name,
                        r.start,
                        r.end,
                        False,
                        typical_accidents(r.season.name),
                        calendar.work_for(r.season.name, holiday=False),
                    )
                )
    return sorted(found, key=lambda c: (c.start, not c.holiday, c.name))


def _span(start: dt.date, end: dt.date) -> str:
    return _("%(start)s to %(end)s") % {"start": cn_date(start), "end": cn_date(end)}


def coming_section(items: list[Coming], today: dt.date) -> list[str]:
    if not items:
        return [_("The work calendar lists no holiday or season in the coming three months.")]
    names = "、".join(f"“{c.name}”" for c in items)
    paragraphs = [
        _(
            "In the coming months %(names)s lie ahead: production and business are busy, "
            "travel and gatherings increase, and accidents of the kinds below are frequent."
        )
        % {"names": names}
    ]
    for c in items:
        text = (
            _("%(name)s (%(span)s)") % {"name": c.name, "span": _span(c.start, c.end)}
            if c.holiday
            else _("%(name)s (season, %(span)s)") % {"name": c.name, "span": _span(c.start, c.end)}
        )
        if c.start <= today:
            text += _(", under way")
        text += _(": ")
        if c.typical:
            text += _("a period of frequent %(kinds)s accidents") % {"kinds": c.typical}
        else:
            text += _("no typical accidents are listed for it")
        if c.work:
            text += _("; tasks: %(tasks)s") % {"tasks": "；".join(_task(w) for w in c.work)}
        paragraphs.append(text + _("."))
    return paragraphs


def _task(work) -> str:
    """节前安全生产大检查（…） / 期间防汛（…）: the timing once, the detail in brackets."""
    timing = str(work.get_timing_display())
    title = work.title if work.title.startswith(timing) else f"{timing}{work.title}"
    return title + (f"（{work.detail}）" if work.detail else "")


def _more(total: int, shown: int) -> list[str]:
    if total > shown:
        return [_("%(n)s more are not listed here.") % {"n": total - shown}]
    return []


def expired_licence_units(*, actor, today: dt.date):
    """High-risk-sector units still operating or suspended whose licences have all expired
    (aggregated in the database: one query)."""
    return (
        registry.enterprise_list(actor=actor)
        .filter(
            sector__code__in=sorted(HIGH_RISK_SECTORS),
            status__in=[EnterpriseStatus.OPERATING, EnterpriseStatus.SUSPENDED],
        )
        .annotate(
            licences_n=Count("licences"),
            valid_n=Count("licences", filter=Q(licences__expires_on__gte=today)),
        )
        .filter(licences_n__gt=0, valid_n=0)
        .select_related("town", "sector")
        .order_by("town__ordering", "name", "pk")
    )


def watch_sections(*, actor, today: dt.date) -> list[Section]:
    units = expired_licence_units(actor=actor, today=today)
    unit_rows = list(units[:MAX_ROWS])
    unit_total = units.count() if len(unit_rows) == MAX_ROWS else len(unit_rows)
    licences = _(
        "%(n)s units in high-risk sectors are still operating or suspended although all their "
        "licences have expired; supervise and inspect them closely and prevent illegal production."
    ) % {"n": unit_total}
    if not unit_total:
        licences = _(
            "No unit in a high-risk sector is operating or suspended with all its licences expired."
        )

    majors = hazards.hazard_list(actor=actor, grade="major").open().order_by("deadline", "pk")
    major_rows = list(majors[:MAX_ROWS])
    major_total = majors.count() if len(major_rows) == MAX_ROWS else len(major_rows)
    supervised = sum(1 for h in major_rows if h.supervised)
    overdue = sum(1 for h in major_rows if h.deadline < today)

    reds = risks.risk_point_list(actor=actor, level="major").order_by("town__ordering", "name")
    red_rows = list(reds[:MAX_ROWS])
    red_total = reds.count() if len(red_rows) == MAX_ROWS else len(red_rows)

    sources = major_sources(actor=actor)
    source_rows = list(sources[:MAX_ROWS])
    source_total = sources.count() if len(source_rows) == MAX_ROWS else len(source_rows)

    return [
        Section(
            _("(1) Units in high-risk sectors whose licences have expired"),
            [licences, *_more(unit_total, len(unit_rows))],
            tables=[
                Table(
                    _("Units whose licences have expired"),
                    [_("Serial no."), _("Unit"), _("Town"), _("Sector"), _("Status")],
                    [
                        [str(i), e.name, e.town.name, e.sector.name, e.get_status_display()]
                        for i, e in enumerate(unit_rows, 1)
                    ],
                )
            ]
            if unit_rows
            else [],
            level=2,
        ),
        Section(
            _("(2) Major hazards under rectification"),
            [
                _(
                    "%(n)s major hazards are still open (%(supervised)s of those listed under "
                    "county supervision, %(overdue)s past their deadline)."
                )
                % {"n": major_total, "supervised": supervised, "overdue": overdue}
                if major_total
                else _("No major hazard is open."),
                *_more(major_total, len(major_rows)),
            ],
            tables=[
                Table(
                    _("Open major hazards"),
                    [_("Serial no."), _("Unit"), _("Hazard"), _("Deadline"), _("Supervised")],
                    [
                        [
                            str(i),
                            h.enterprise.name if h.enterprise_id else h.town.name,
                            h.description[:60],
                            cn_date(h.deadline),
                            _("yes") if h.supervised else _("no"),
                        ]
                        for i, h in enumerate(major_rows, 1)
                    ],
                )
            ]
            if major_rows
            else [],
            level=2,
        ),
        Section(
            _("(3) Major (red) risks"),
            [
                _("%(n)s risk points are assessed as major (red) risks.") % {"n": red_total}
                if red_total
                else _("No risk point is assessed as a major (red) risk."),
                *_more(red_total, len(red_rows)),
            ],
            tables=[
                Table(
                    _("Major (red) risk points"),
                    [_("Serial no."), _("Risk point"), _("Unit"), _("Town")],
                    [
                        [
                            str(i),
                            p.name,
                            p.enterprise.name if p.enterprise_id else "--",
                            p.town.name,
                        ]
                        for i, p in enumerate(red_rows, 1)
                    ],
                )
            ]
            if red_rows
            else [],
            level=2,
        ),
        Section(
            _("(4) Major hazard sources"),
            [
                _("%(n)s major hazard sources are on the register.") % {"n": source_total}
                if source_total
                else _("No major hazard source is on the register."),
                *_more(source_total, len(source_rows)),
            ],
            tables=[
                Table(
                    _("Major hazard sources"),
                    [_("Serial no."), _("Source"), _("Unit"), _("Grade")],
                    [
                        [
                            str(i),
                            s.name,
                            s.enterprise.name,
                            _("grade %(n)s") % {"n": GRADE_WORDS.get(s.level, s.level)},
                        ]
                        for i, s in enumerate(source_rows, 1)
                    ],
                )
            ]
            if source_rows
            else [],
            level=2,
        ),
    ]


def duty_section(*, actor, items: list[Coming]) -> list[str]:
    holidays = [c for c in items if c.holiday]
    if not holidays:
        return [_("No holiday lies ahead in the coming three months.")]
    names = "、".join(f"“{c.name}”" for c in holidays)
    paragraphs = [
        _(
            "Every town and unit must arrange duty for %(names)s: a leader on duty, staff on "
            "duty around the clock and communications kept open; the staff on duty stay at their "
            "posts, hand over properly and report information; an emergency is reported to the "
            "county party committee and government at once, and late, omitted or concealed "
            "reports are not tolerated."
        )
        % {"names": names}
    ]
    first = holidays[0]
    if has_permission(actor, "leader"):
        holiday = calendar.Holiday(first.name, first.start, first.end, calendar.STATUTORY)
        filings = duty.filing_overview(holiday=holiday)
        missing = [f.unit.name for f in filings if f.state != "filed"]
        paragraphs.append(
            _("For %(name)s, %(filed)s of %(total)s units have filed duty rosters covering it")
            % {"name": first.name, "filed": len(filings) - len(missing), "total": len(filings)}
            + (
                _("; still to file or complete: %(units)s.") % {"units": "、".join(missing)}
                if missing
                else _(".")
            )
        )
    return paragraphs


@dataclass(frozen=True)
class Standing:
    """One row of the published assessment results: rank, unit, score, grade."""

    rank: int
    unit: str
    score: str
    grade: str


def standings(*, actor, year: int) -> list[Standing]:
    """The published assessment results of `year`, from the providers listed in
    `anjian.hooks.BRIEFING_STANDINGS` (each `f(*, actor, year) -> list[Standing-like]`)."""
    rows: list[Standing] = []
    for path in hooks.BRIEFING_STANDINGS:
        rows.extend(import_string(path)(actor=actor, year=year))
    return rows


def standings_section(*, actor, period: Period) -> Section:
    rows = standings(actor=actor, year=period.year)
    if not rows:
        return Section(
            _("5. Assessment standings"),
            [
                _(
                    "No assessment results for %(year)s have been published yet; the standings "
                    "will be given here once they are."
                )
                % {"year": period.year}
            ],
        )
    return Section(
        _("5. Assessment standings"),
        [_("The published assessment results for %(year)s:") % {"year": period.year}],
        tables=[
            Table(
                _("Assessment standings"),
                [_("Rank"), _("Unit"), _("Score"), _("Grade")],
                [[str(r.rank), r.unit, str(r.score), r.grade] for r in rows],
                numeric={0, 2},
            )
        ],
    )


def build_briefing(*, actor, period: Period, today: dt.date | None = None) -> tuple[Document, dict]:
    """The meeting material of `period` for `actor`'s scope, and the statistics object it quotes."""
    with translation.override("zh-hans"):
        today = today or clock.today()
        data = stats.accident_stats(actor=actor, period=period)
        dangerous = (
            accidents.accident_list(actor=actor, period=period).exclude(kind=Kind.ACCIDENT).count()
        )
        county = County.objects.first()
        county_name = county.name if county else ""
        items = coming_periods(today)
        office = _("Work-safety committee office of %(county)s") % {"county": county_name}
        document = Document(
            title=_("Briefing for the work-safety meeting of %(county)s, %(period)s")
            % {"county": county_name, "period": period.label},
            issuer=office,
            masthead=office,
            date=cn_date(today),
            sections=[
                Section(
                    _("1. The current work-safety situation"),
                    situation(data, period)
                    + (distribution(data, period, dangerous) if data["count"] else []),
                ),
                Section(_("2. Key targets of supervision"), []),
                *watch_sections(actor=actor, today=today),
                Section(
                    _("3. Coming holidays and seasons: typical accidents and tasks"),
                    coming_section(items, today),
                ),
                Section(_("4. Duty during the holidays"), duty_section(actor=actor, items=items)),
                standings_section(actor=actor, period=period),
            ],
            closing=[
                _(
                    "Work safety carries heavy responsibility: every town and department must "
                    "keep responsibility in place, find and remove hazards, and keep the county "
                    "safe and stable."
                )
            ],
        )
    return document, data
