"""The accident bulletin (事故情况通报): the seed's situation paragraph with every blank filled.

The seed writes "我县X月份发生安全生产事故×起，与去年同期相比增加×起，上升×%，死亡×人，与去年同期
相比增加×人、上升×%" and "一季度的安全生产事故全部集中在道路交通领域"; this module writes those
sentences from `stats.accident_stats` (the same figures as the API and `anjian stats`) and lays
them out with `anjian.core.documents`. The document is Chinese whatever the UI language.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from anjian.accidents import selectors, stats
from anjian.accidents.models import Grade, Kind
from anjian.accounts.divisions import scope_division
from anjian.accounts.models import County
from anjian.core import clock
from anjian.core.dates import cn_date
from anjian.core.documents import BarChart, Document, Table
from anjian.core.documents.document import Section
from anjian.core.periods import Period

MAX_LISTED = 3


def _num(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def wan(yuan) -> str:
    """元 → 万元 with two decimals, as bulletins write money."""
    return str((Decimal(yuan) / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _phrases(deaths: bool) -> dict:
    # Separate contexts: Chinese counts accidents in 起 and people in 人, and joins differently.
    if deaths:
        return {
            "same": pgettext("deaths", ", the same as in the same period last year"),
            "new": pgettext(
                "deaths", ", %(n)s more than in the same period last year, which had none"
            ),
            "up": pgettext(
                "deaths", ", %(n)s more than in the same period last year, up %(pct)s%%"
            ),
            "down": pgettext(
                "deaths", ", %(n)s fewer than in the same period last year, down %(pct)s%%"
            ),
        }
    return {
        "same": pgettext("accidents", ", the same as in the same period last year"),
        "new": pgettext(
            "accidents", ", %(n)s more than in the same period last year, which had none"
        ),
        "up": pgettext("accidents", ", %(n)s more than in the same period last year, up %(pct)s%%"),
        "down": pgettext(
            "accidents", ", %(n)s fewer than in the same period last year, down %(pct)s%%"
        ),
    }


def _change(now: int, before: int, pct: float | None, *, deaths: bool) -> str:
    """ ", 与去年同期相比增加×起，上升×%" and its variants (减少/下降, 持平, none last year)."""
    diff, phrases = now - before, _phrases(deaths)
    if diff == 0:
        return phrases["same"]
    if before == 0:
        return phrases["new"] % {"n": diff}
    if diff > 0:
        return phrases["up"] % {"n": diff, "pct": _num(pct)}
    return phrases["down"] % {"n": -diff, "pct": _num(abs(pct))}


def _opening(level: str, count: int) -> str:
    """The opening "In %(period)s our county/city/province had …" (a county's unless told)."""
    if level == "province":
        if count:
            return _("In %(period)s our province had %(count)s work-safety accidents")
        return _("In %(period)s our province had no work-safety accidents")
    if level == "city":
        if count:
            return _("In %(period)s our city had %(count)s work-safety accidents")
        return _("In %(period)s our city had no work-safety accidents")
    if count:
        return _("In %(period)s our county had %(count)s work-safety accidents")
    return _("In %(period)s our county had no work-safety accidents")


def situation(data: dict, period: Period, level: str = "county") -> list[str]:
    """The opening paragraph: accidents, deaths, injuries and loss, against last year."""
    prev, change = data["previous"], data["change"]
    text = _opening(level, data["count"]) % {"period": period.label, "count": data["count"]}
    text += _change(data["count"], prev["count"], change["count_pct"], deaths=False)
    if data["count"] or prev["deaths"]:
        if data["deaths"]:
            text += _(", %(n)s people died") % {"n": data["deaths"]}
        else:
            text += _(", nobody died")
        text += _change(data["deaths"], prev["deaths"], change["deaths_pct"], deaths=True)
    if data["count"]:
        injured = data["serious_injuries"] + data["minor_injuries"]
        if injured:
            text += _("; %(injured)s people were injured (%(serious)s seriously)") % {
                "injured": injured,
                "serious": data["serious_injuries"],
            }
        else:
            text += _("; nobody was injured")
        if data["missing"]:
            text += _(", %(n)s people are missing") % {"n": data["missing"]}
        text += _(", with a direct economic loss of %(loss)s ten-thousand yuan") % {
            "loss": wan(data["direct_loss"])
        }
    text += _(".")
    worse = change["count"] > 0 or change["deaths"] > 0
    text += (
        _("The work-safety situation gives no cause for optimism.")
        if worse
        else _(
            "The work-safety situation is stable on the whole, but there is no room for "
            "complacency."
        )
    )
    return [text]


def _items(rows: list[dict], item: str, item_deaths: str) -> str:
    parts = []
    for r in rows[:MAX_LISTED]:
        template = item_deaths if r["deaths"] else item
        parts.append(template % {"name": r["name"], "count": r["count"], "deaths": r["deaths"]})
    text = _(", ").join(parts)
    rest = rows[MAX_LISTED:]
    if rest:
        text += _("; %(n)s more elsewhere") % {"n": sum(r["count"] for r in rest)}
    return text


def distribution(data: dict, period: Period, dangerous: int) -> list[str]:
    """Where the accidents concentrated: sectors, towns, grades; 较大涉险事故."""
    paragraphs = []
    sectors, towns = data["by_sector"], data["by_town"]
    if len(sectors) == 1:
        only = sectors[0]
        paragraphs.append(
            _(
                "The work-safety accidents of %(period)s all fall in the %(sector)s sector: "
                "%(count)s accidents, %(deaths)s deaths."
            )
            % {
                "period": period.label,
                "sector": only["name"],
                "count": only["count"],
                "deaths": only["deaths"],
            }
        )
    elif sectors:
        paragraphs.append(
            _("By sector, the accidents concentrate in %(list)s.")
            % {
                "list": _items(
                    sectors,
                    _("the %(name)s sector (%(count)s)"),
                    _("the %(name)s sector (%(count)s, %(deaths)s deaths)"),
                )
            }
        )
    # A city's or province's bulletin speaks of its counties as a county's speaks of its towns.
    places, by_place = (
        (data["by_county"], _("By county, they happened mostly in %(list)s."))
        if "by_county" in data
        else (towns, _("By town, they happened mostly in %(list)s."))
    )
    if len(places) == 1:
        paragraphs.append(_("All of them happened in %(town)s.") % {"town": places[0]["name"]})
    elif places:
        paragraphs.append(
            by_place
            % {
                "list": _items(
                    places, _("%(name)s (%(count)s)"), _("%(name)s (%(count)s, %(deaths)s deaths)")
                )
            }
        )
    grades = data["by_grade"]
    serious = [(g, grades[g]) for g in (Grade.EXTRAORDINARY, Grade.MAJOR, Grade.LARGE) if grades[g]]
    if serious:
        paragraphs.append(
            _("Among them: %(list)s.")
            % {
                "list": _(", ").join(
                    _("%(grade)s accidents: %(n)s") % {"grade": Grade(g).label, "n": n}
                    for g, n in serious
                )
            }
        )
    elif data["count"]:
        paragraphs.append(_("All of them were general accidents."))
    if dangerous:
        paragraphs.append(
            _("In addition, %(n)s large dangerous occurrences were recorded.") % {"n": dangerous}
        )
    return paragraphs


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.month}月{local.day}日{local:%H:%M}"


def delay_text(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("%(h)s h %(m)s min") % {"h": hours, "m": minutes}
    if hours:
        return _("%(h)s h") % {"h": hours}
    return _("%(m)s min") % {"m": minutes}


def reporting(accidents: list) -> list[str]:
    """迟报 named: which accidents reached the county more than 1 hour after they happened."""
    late = [a for a in accidents if a.report_late]
    if not accidents:
        return []
    if not late:
        return [_("Every accident of the period was reported to the county within one hour.")]
    lines = [
        _(
            "%(n)s accidents were reported late (more than one hour after they happened); "
            "the units concerned are named here:"
        )
        % {"n": len(late)}
    ]
    for i, a in enumerate(late, start=1):
        unit = a.enterprise.name if a.enterprise_id else a.town.name
        lines.append(
            _("%(i)s. %(unit)s, “%(title)s”: happened %(when)s, reported %(delay)s later.")
            % {
                "i": i,
                "unit": unit,
                "title": a.title,
                "when": _when(a.occurred_at),
                "delay": delay_text(a.report_delay),
            }
        )
    return lines


def accident_table(accidents: list) -> Table:
    rows = []
    for i, a in enumerate(accidents, start=1):
        rows.append(
            [
                str(i),
                _when(a.occurred_at),
                a.town.name,
                a.sector.name,
                a.title,
                a.get_accident_type_display(),
                str(a.deaths),
                str(a.missing),
                str(a.serious_injuries + a.minor_injuries),
                wan(a.direct_loss),
                Grade(a.grade).label,
                _("late") if a.report_late else _("on time"),
            ]
        )
    return Table(
        caption=_("List of the accidents of the period"),
        rows=rows,
        headers=[
            _("Serial no."),
            _("Time"),
            _("Town"),
            _("Sector"),
            _("Accident"),
            _("Type"),
            _("Deaths"),
            _("Missing"),
            _("Injured"),
            _("Loss (10,000 yuan)"),
            _("Grade"),
            _("Reporting"),
        ],
        numeric={6, 7, 8, 9},
    )


def trend_chart(*, actor, period: Period) -> BarChart:
    trend = stats.monthly_trend(actor=actor, year=period.year, through_month=period.last_month)
    months = list(range(1, period.last_month + 1))
    return BarChart(
        title=_("Accidents per month, %(year)s against %(last)s")
        % {"year": period.year, "last": period.year - 1},
        categories=[_("%(m)s月") % {"m": m} for m in months],
        series=[
            (f"{period.year - 1}年", trend["previous_count"][: len(months)]),
            (f"{period.year}年", trend["count"]),
        ],
        unit=_("accidents"),
    )


def build_bulletin(*, actor, period: Period, today: dt.date | None = None) -> tuple[Document, dict]:
    """The bulletin of `period` for `actor`'s scope, and the statistics object it was written from."""
    with translation.override("zh-hans"):
        data = stats.accident_stats(actor=actor, period=period)
        listed = list(
            selectors.accident_list(actor=actor, period=period).order_by("occurred_at", "id")
        )
        accidents = [a for a in listed if a.kind == Kind.ACCIDENT]
        dangerous = len(listed) - len(accidents)
        division = scope_division(actor)
        if division is None:
            county = County.objects.first()
            county_name, level = (county.name if county else ""), "county"
        else:
            county_name, level = division.name, division.level
        today = today or clock.today()
        document = Document(
            title=_("Bulletin on work-safety accidents in %(county)s, %(period)s")
            % {"county": county_name, "period": period.label},
            issuer=_("Work-safety committee office of %(county)s") % {"county": county_name},
            date=cn_date(today),
            sections=[
                Section(_("1. The overall situation"), situation(data, period, level)),
                Section(
                    _("2. Where the accidents happened"),
                    distribution(data, period, dangerous)
                    or [_("No accident to analyse in this period.")],
                    charts=[trend_chart(actor=actor, period=period)],
                ),
                Section(
                    _("3. Reporting"),
                    reporting(accidents) or [_("No accident was reported in this period.")],
                ),
                Section(
                    _("4. The accidents of the period"),
                    [] if accidents else [_("None.")],
                    tables=[accident_table(accidents)] if accidents else [],
                ),
            ],
            closing=[
                _(
                    "Every town and department must learn the lessons of these accidents, keep "
                    "safety responsibilities firmly in place, go on finding and removing hidden "
                    "hazards, and report every accident on time: late, omitted, false or concealed "
                    "reports will be held to account."
                )
            ],
        )
    return document, data
