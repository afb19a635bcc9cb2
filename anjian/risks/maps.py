"""The four-colour map (四色图) drawn as inline SVG on the server: no tiles, no scripts.

Longitude and latitude go through a plain equirectangular projection (longitude scaled by the
cosine of the middle latitude), which is accurate enough at county scale.
"""

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from anjian.accounts.models import Town
from anjian.risks import rules
from anjian.risks.models import RANK_LEVEL

MAX_VERTICES = 20000  # per town: enough for a detailed boundary, small enough for the page


@dataclass(frozen=True)
class Projection:
    min_lng: float
    max_lat: float
    scale: float  # pixels per degree of latitude
    kx: float  # cos(middle latitude): a degree of longitude is shorter
    pad: float
    width: float
    height: float

    def xy(self, lng: float, lat: float) -> tuple[float, float]:
        x = self.pad + (float(lng) - self.min_lng) * self.kx * self.scale
        y = self.pad + (self.max_lat - float(lat)) * self.scale
        return round(x, 1), round(y, 1)


def projection(
    positions: Iterable[tuple[float, float]],
    *,
    width: float = 1000,
    pad: float = 24,
    centre: tuple[float, float] | None = None,
) -> Projection:
    """Fit all positions into `width` pixels (the height follows the county's shape)."""
    lngs, lats = [], []
    for lng, lat in positions:
        lngs.append(float(lng))
        lats.append(float(lat))
    if not lngs:
        c_lng, c_lat = centre or (108.3, 22.8)
        lngs, lats = [c_lng - 0.25, c_lng + 0.25], [c_lat - 0.2, c_lat + 0.2]
    min_lng, max_lng, min_lat, max_lat = min(lngs), max(lngs), min(lats), max(lats)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lng - min_lng) * kx, 0.01)
    span_y = max(max_lat - min_lat, 0.01)
    scale = (width - 2 * pad) / span_x
    height = min(span_y * scale + 2 * pad, width * 1.5)
    if span_y * scale + 2 * pad > height:  # a very tall county: fit the height instead
        scale = (height - 2 * pad) / span_y
    return Projection(
        min_lng=min_lng,
        max_lat=max_lat,
        scale=scale,
        kx=kx,
        pad=pad,
        width=width,
        height=round(height, 1),
    )


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    """A Polygon or MultiPolygon's coordinates as a list of polygons (lists of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def outline_positions(geometry: dict) -> Iterable[tuple[float, float]]:
    for polygon in polygons(geometry):
        for ring in polygon:
            for lng, lat, *_rest in ring:
                yield lng, lat


def svg_path(geometry: dict, proj: Projection) -> str:
    parts = []
    for polygon in polygons(geometry):
        for ring in polygon:
            points = [proj.xy(lng, lat) for lng, lat, *_rest in ring]
            parts.append("M" + " L".join(f"{x} {y}" for x, y in points) + " Z")
    return " ".join(parts)


def label_position(geometry: dict, proj: Projection) -> tuple[float, float]:
    """The middle of the largest polygon's outer ring's bounding box (good enough for a label)."""
    ring = max((p[0] for p in polygons(geometry)), key=len)
    xs, ys = zip(*(proj.xy(lng, lat) for lng, lat, *_rest in ring), strict=True)
    return round((min(xs) + max(xs)) / 2, 1), round((min(ys) + max(ys)) / 2, 1)


def _url(name: str):
    template = reverse(name, args=[0]).replace("/0/", "/{}/")
    return template.format


def build_map(
    data, *, width: float = 1000, centre=None, hazard_sources: list[dict] = ()
) -> dict[str, Any]:
    """The SVG's drawing instructions from the selectors' `MapData`; `hazard_sources` (major
    hazard sources with their unit's `enterprise__lng`/`enterprise__lat`) add a marker layer."""
    positions = [(e["lng"], e["lat"]) for e in data.enterprises]
    positions += [(p["lng"], p["lat"]) for p in data.public_points]
    for outline in data.outlines:
        positions.extend(outline_positions(outline.geometry))
    proj = projection(positions, width=width, centre=centre)
    board_url, point_url = _url("risks:enterprise_board"), _url("risks:point_detail")
    outlines = []
    for outline in data.outlines:
        x, y = label_position(outline.geometry, proj)
        outlines.append(
            {
                "name": outline.town.name,
                "code": outline.town.code,
                "path": svg_path(outline.geometry, proj),
                "x": x,
                "y": y,
            }
        )
    enterprises, public = [], []
    for e in data.enterprises:
        level = RANK_LEVEL.get(e["top"], "none")
        x, y = proj.xy(e["lng"], e["lat"])
        enterprises.append(
            ENTERPRISE_MARKER.format(
                url=board_url(e["pk"]),
                level=level,
                x=x,
                y=y,
                colour=rules.LEVEL_COLOURS.get(level, rules.UNASSESSED_COLOUR),
                title=escape(f"{e['name']} · {e['town__name']} · {e['sector__name']}"),
            )
        )
    for p in sorted(data.public_points, key=lambda p: rules.LEVEL_RANK[p["level"]]):
        x, y = proj.xy(p["lng"], p["lat"])
        public.append(
            PUBLIC_MARKER.format(
                url=point_url(p["pk"]),
                level=p["level"],
                colour=rules.LEVEL_COLOURS[p["level"]],
                points=f"{x},{y - 7} {x + 7},{y} {x},{y + 7} {x - 7},{y}",
                title=escape(f"{p['name']} · {p['location']} · {p['town__name']}"),
            )
        )
    sources = []
    source_url = _url("registry:hazard_source_detail")
    for s in hazard_sources:
        x, y = proj.xy(s["enterprise__lng"], s["enterprise__lat"])
        sources.append(
            HAZARD_SOURCE_MARKER.format(
                url=source_url(s["pk"]),
                level=s["level"],
                x=x,
                y=y,
                x1=x - 9,
                x2=x + 9,
                y1=y - 16,
                y2=y - 2,
                ty=y - 5,
                title=escape(
                    _("Major hazard source, grade %(level)s: %(name)s · %(enterprise)s")
                    % {"level": s["level"], "name": s["name"], "enterprise": s["enterprise__name"]}
                ),
            )
        )
    # Markers are written here rather than in a template loop: hundreds of them, and the
    # template engine would take most of the page's time. Every text goes through escape().
    return {
        "width": proj.width,
        "height": proj.height,
        "outlines": outlines,
        "enterprise_markers": mark_safe("\n".join(enterprises)),
        "public_markers": mark_safe("\n".join(public)),
        "hazard_source_markers": mark_safe("\n".join(sources)),
        "enterprise_count": len(enterprises),
        "public_count": len(public),
        "hazard_source_count": len(sources),
    }


def build_county_map(data, *, width: float = 1000) -> dict[str, Any]:
    """The SVG of a city's or province's map from `selectors.county_map_data`: one area per
    county (its towns' outlines together, or a tile in a grid when no outline is loaded),
    filled with the colour of the county's highest level and linking to `?division=<code>`."""
    positions = [
        position
        for county in data.counties
        for outline in county.outlines
        for position in outline_positions(outline.geometry)
    ]
    areas = []
    if positions:
        proj = projection(positions, width=width)
        height = proj.height
        for county in data.counties:
            if not county.outlines:
                continue
            largest = max(
                county.outlines,
                key=lambda o: sum(len(ring) for poly in polygons(o.geometry) for ring in poly),
            )
            x, y = label_position(largest.geometry, proj)
            areas.append(
                {
                    "county": county,
                    "path": " ".join(svg_path(o.geometry, proj) for o in county.outlines),
                    "x": x,
                    "y": y,
                }
            )
    else:  # no outlines: a grid of tiles, about as wide as high
        columns = max(1, math.ceil(math.sqrt(len(data.counties))))
        rows = max(1, math.ceil(len(data.counties) / columns))
        pad, size = 24, (width - 48) / columns
        tile_height = min(size, 160)
        height = round(rows * tile_height + 2 * pad, 1)
        for i, county in enumerate(data.counties):
            left = pad + (i % columns) * size
            top = pad + (i // columns) * tile_height
            right, bottom = left + size - 6, top + tile_height - 6
            areas.append(
                {
                    "county": county,
                    "path": f"M{left:.1f} {top:.1f} L{right:.1f} {top:.1f} "
                    f"L{right:.1f} {bottom:.1f} L{left:.1f} {bottom:.1f} Z",
                    "x": round((left + right) / 2, 1),
                    "y": round((top + bottom) / 2, 1),
                }
            )
    for area in areas:
        level = area["county"].level
        area["colour"] = rules.LEVEL_COLOURS.get(level, rules.UNASSESSED_COLOUR)
    return {"width": width, "height": height, "areas": areas}


ENTERPRISE_MARKER = (
    '<a href="{url}"><circle class="marker enterprise-marker" data-level="{level}" cx="{x}" '
    'cy="{y}" r="5" fill="{colour}" stroke="#333" stroke-width="0.6"><title>{title}</title>'
    "</circle></a>"
)
PUBLIC_MARKER = (
    '<a href="{url}"><polygon class="marker public-marker" data-level="{level}" '
    'points="{points}" fill="{colour}" stroke="#000" stroke-width="1.2"><title>{title}</title>'
    "</polygon></a>"
)

# A small black triangle above the unit's dot, its grade (1–4) written inside.
HAZARD_SOURCE_MARKER = (
    '<a href="{url}"><g class="marker hazard-source-marker" data-level="{level}">'
    '<polygon points="{x},{y1} {x2},{y2} {x1},{y2}" fill="#212529" stroke="#fff" '
    'stroke-width="1"/><text x="{x}" y="{ty}" font-size="9" fill="#fff" text-anchor="middle">'
    "{level}</text><title>{title}</title></g></a>"
)


# --- GeoJSON upload -----------------------------------------------------------------------


def _check_ring(ring: Any, where: str) -> list[list[float]]:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(
            _("%(where)s: a ring needs at least four positions.") % {"where": where}
        )
    clean = []
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2])
        ):
            raise ValidationError(
                _("%(where)s: a position must be [longitude, latitude].") % {"where": where}
            )
        lng, lat = float(position[0]), float(position[1])
        if not (-180 <= lng <= 180 and -90 <= lat <= 90):
            raise ValidationError(
                _("%(where)s: the position %(lng)s, %(lat)s is not a longitude and latitude.")
                % {"where": where, "lng": lng, "lat": lat}
            )
        clean.append([round(lng, 6), round(lat, 6)])
    if clean[0] != clean[-1]:
        raise ValidationError(_("%(where)s: a ring must end where it starts.") % {"where": where})
    return clean


def _check_geometry(geometry: Any, where: str) -> dict:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(
            _("%(where)s: the geometry must be a Polygon or a MultiPolygon.") % {"where": where}
        )
    coordinates = geometry.get("coordinates")
    polys = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polys, list) or not polys:
        raise ValidationError(_("%(where)s: the geometry has no coordinates.") % {"where": where})
    clean = []
    for polygon in polys:
        if not isinstance(polygon, list) or not polygon:
            raise ValidationError(_("%(where)s: a polygon needs an outer ring.") % {"where": where})
        clean.append([_check_ring(ring, where) for ring in polygon])
    if sum(len(ring) for polygon in clean for ring in polygon) > MAX_VERTICES:
        raise ValidationError(
            _("%(where)s: more than %(n)s positions; simplify the outline.")
            % {"where": where, "n": MAX_VERTICES}
        )
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": clean[0]}
    return {"type": "MultiPolygon", "coordinates": clean}


def parse_outlines(raw: bytes | str) -> dict[Town, dict]:
    """Town → geometry from a GeoJSON FeatureCollection whose features name the town by
    `code` or `name` in their properties. All features valid, or ValidationError listing all."""
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(_("The file is not valid JSON.")) from exc
    if isinstance(document, dict) and document.get("type") == "Feature":
        document = {"type": "FeatureCollection", "features": [document]}
    if (
        not isinstance(document, dict)
        or document.get("type") != "FeatureCollection"
        or not isinstance(document.get("features"), list)
        or not document["features"]
    ):
        raise ValidationError(_("The file must be a GeoJSON FeatureCollection with features."))
    towns = {t.code: t for t in Town.objects.all()}
    by_name = {t.name: t for t in towns.values()}
    outlines: dict[Town, dict] = {}
    errors = []
    for index, feature in enumerate(document["features"], start=1):
        where = _("Feature %(n)s") % {"n": index}
        try:
            props = feature.get("properties") or {} if isinstance(feature, dict) else {}
            key = str(props.get("code") or props.get("town") or props.get("name") or "").strip()
            town = towns.get(key) or by_name.get(key)
            if town is None:
                raise ValidationError(
                    _("%(where)s: unknown town %(key)s (give its code or name in the properties).")
                    % {"where": where, "key": key or "—"}
                )
            if town in outlines:
                raise ValidationError(
                    _("%(where)s: the town %(town)s appears twice.")
                    % {"where": where, "town": town.name}
                )
            outlines[town] = _check_geometry(feature.get("geometry"), where)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return outlines
