"""Plotly figures for the statistics page (drawn by the bundled plotly.js, no CDN)."""

import json

import plotly.graph_objects as go
from django.utils.translation import gettext as _

LAYOUT = {
    "template": "none",
    "height": 320,
    "margin": {"l": 40, "r": 10, "t": 40, "b": 40},
    "font": {"family": "Noto Sans CJK SC, Microsoft YaHei, sans-serif", "size": 12},
    "legend": {"orientation": "h", "y": -0.15},
}


def _json(figure: go.Figure) -> dict:
    return json.loads(figure.to_json())


def trend_figure(trend: dict) -> dict | None:
    """Accidents per month, this year beside last year; None when both years have none (the
    page shows an empty state, never empty axes)."""
    if not any(trend["count"]) and not any(trend["previous_count"]) and not any(trend["deaths"]):
        return None
    months = [_("%(m)s月") % {"m": m} for m in trend["months"]]
    year = trend["year"]
    figure = go.Figure(
        layout={**LAYOUT, "title": {"text": _("Accidents per month")}, "barmode": "group"}
    )
    figure.add_bar(
        name=f"{year - 1}年", x=months, y=trend["previous_count"], marker_color="#a5a5a5"
    )
    figure.add_bar(
        name=f"{year}年", x=months[: len(trend["count"])], y=trend["count"], marker_color="#c00000"
    )
    figure.add_scatter(
        name=_("Deaths %(year)s") % {"year": year},
        x=months,
        y=trend["deaths"],
        mode="lines+markers",
        line={"color": "#2f5597"},
    )
    return _json(figure)


def breakdown_figure(rows: list[dict], title: str) -> dict | None:
    """Accidents and deaths per sector or town; None without a row (an empty state)."""
    if not rows:
        return None
    names = [r["name"] for r in rows]
    figure = go.Figure(layout={**LAYOUT, "title": {"text": title}, "barmode": "group"})
    figure.add_bar(
        name=_("Accidents"), x=names, y=[r["count"] for r in rows], marker_color="#c00000"
    )
    figure.add_bar(name=_("Deaths"), x=names, y=[r["deaths"] for r in rows], marker_color="#2f5597")
    return _json(figure)


def figures(data: dict, trend: dict) -> dict:
    return {
        "trend": trend_figure(trend),
        "sectors": breakdown_figure(data["by_sector"], _("By sector")),
        "towns": breakdown_figure(data["by_town"], _("By town")),
    }
