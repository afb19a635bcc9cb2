"""Chemical tags and weather-warning matching as pure functions (domain-rules §14)."""

import re

from . import data

TAGS = ("key_supervised", "water_reactive", "self_heating", "heat_sensitive", "toxic_release")
CAS = re.compile(r"^\d{2,7}-\d{2}-\d$")

# Which stock a weather warning reaches (§14, platform defaults): 暴雨/台风 → water-reactive and
# self-heating stock; 高温 → heat-sensitive; 雷电 → flammables (the heat-sensitive tag).
WEATHER_TAGS = {
    "rainstorm": ("water_reactive", "self_heating"),
    "typhoon": ("water_reactive", "self_heating"),
    "heat": ("heat_sensitive",),
    "thunder": ("heat_sensitive",),
}
LEVEL_RANK = {"blue": 1, "yellow": 2, "orange": 3, "red": 4}


def cas_valid(cas: str) -> bool:
    """A CAS registry number with its check digit right (digits weighted 1, 2, 3 … from the
    right, excluding the check digit, sum mod 10)."""
    if not CAS.match(cas):
        return False
    digits = cas.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    return sum(int(d) * (i + 1) for i, d in enumerate(reversed(body))) % 10 == check


def _index(entries) -> tuple[dict, dict]:
    by_cas, by_name = {}, {}
    for name, cas, aliases, *_rest in entries:
        if cas:
            by_cas[cas] = name
        for key in (name, *aliases):
            by_name[key] = name
    return by_cas, by_name


_KEY = _index(data.KEY_SUPERVISED)
_CLASSES = {tag: _index(entries) for tag, entries in data.CLASS_TAGS.items()}


def _matches(index: tuple[dict, dict], name: str, cas: str) -> bool:
    by_cas, by_name = index
    return (bool(cas) and cas in by_cas) or name.strip() in by_name


def tags_for(name: str, cas: str = "") -> list[str]:
    """The tags of a substance, by CAS number or by name (exact, aliases included)."""
    tags = []
    if _matches(_KEY, name, cas):
        tags.append("key_supervised")
    for tag in TAGS[1:]:
        if _matches(_CLASSES[tag], name, cas):
            tags.append(tag)
    return tags


def warning_tags(kind: str, level: str, min_levels: dict) -> tuple[str, ...]:
    """The tags a warning of `kind` at `level` reaches: none below the kind's lowest level
    (the versioned rule `chemicals.weather_levels`), none for other kinds."""
    if kind not in WEATHER_TAGS or LEVEL_RANK.get(level, 0) < LEVEL_RANK[min_levels[kind]]:
        return ()
    return WEATHER_TAGS[kind]
