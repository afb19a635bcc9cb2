"""The forest-fire map: town outlines, watch areas, fires and today's patrol points as inline
SVG drawn on the server, with the four-colour map's projection (risks.maps): no tiles, no
scripts, so it works offline."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from anjian.core import clock
from anjian.risks.maps import label_position, outline_positions, projection, svg_path
from anjian.risks.models import TownOutline

from . import selectors

AREA_MARKER = (
    '<a href="{url}"><circle class="marker area-marker" data-gap="{gap}" cx="{x}" cy="{y}" '
    'r="9" fill="{fill}" fill-opacity="0.45" stroke="#198754" stroke-width="2">'
    "<title>{title}</title></circle></a>"
)
FIRE_MARKER = (
    '<a href="{url}"><polygon class="marker fire-marker" points="{points}" fill="#dc3545" '
    'stroke="#fff" stroke-width="1"><title>{title}</title></polygon></a>'
)
PATROL_MARKER = (
    '<circle class="marker patrol-marker" cx="{x}" cy="{y}" r="3" fill="#0d6efd">'
    "<title>{title}</title></circle>"
)


def build(*, actor, width: float = 1000) -> dict:
    today = clock.today()
    areas = selectors.with_requirements(
        [a for a in selectors.area_list(actor=actor, open=True) if a.lng is not None]
    )
    fires = [f for f in selectors.fire_list(actor=actor)[:500] if f.lng is not None]
    patrols = list(selectors.patrol_list(actor=actor, date=today)[:500])
    outlines = list(TownOutline.objects.select_related("town"))
    positions = [(a.lng, a.lat) for a in areas] + [(f.lng, f.lat) for f in fires]
    positions += [tuple(p) for patrol in patrols for p in patrol.points]
    for outline in outlines:
        positions.extend(outline_positions(outline.geometry))
    proj = projection(positions, width=width)
    drawn = []
    for outline in outlines:
        x, y = label_position(outline.geometry, proj)
        drawn.append(
            {"name": outline.town.name, "path": svg_path(outline.geometry, proj), "x": x, "y": y}
        )
    markers = []
    for area in areas:
        x, y = proj.xy(area.lng, area.lat)
        markers.append(
            AREA_MARKER.format(
                url=area.get_absolute_url(),
                gap=area.gap,
                x=x,
                y=y,
                fill="#ffc107" if area.gap else "#198754",
                title=escape(
                    _("%(name)s: patrols %(done)s of %(required)s today")
                    % {
                        "name": area.name,
                        "done": area.patrols_done,
                        "required": area.patrols_required,
                    }
                ),
            )
        )
    for fire in fires:
        x, y = proj.xy(fire.lng, fire.lat)
        markers.append(
            FIRE_MARKER.format(
                url=fire.get_absolute_url(),
                points=f"{x},{y - 8} {x + 6},{y + 5} {x - 6},{y + 5}",
                title=escape(f"{fire.place} · {fire.started_at:%Y-%m-%d} · {fire.grade_label}"),
            )
        )
    for patrol in patrols:
        for lng, lat in patrol.points:
            x, y = proj.xy(lng, lat)
            markers.append(
                PATROL_MARKER.format(x=x, y=y, title=escape(f"{patrol.ranger} · {patrol.area}"))
            )
    return {
        "width": proj.width,
        "height": proj.height,
        "outlines": drawn,
        "markers": mark_safe("\n".join(markers)),
        "area_count": len(areas),
        "fire_count": len(fires),
        "patrol_count": len(patrols),
    }
