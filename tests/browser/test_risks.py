"""The four-colour map in a real browser, against the real demo county on a real gunicorn
server: every unit and public risk point is drawn at its place in its level's colour (checked on
the computed fill of the SVG markers), the town outlines are drawn, the legend counts agree with
the database, nothing is fetched from another host (the `page` fixture checks), and each login
sees only its jurisdiction. A screenshot goes to the test's tmp dir (`docs/img/risk-map.png` is a
copy of it), or to ANJIAN_SCREENSHOT_DIR when set.
"""

import json
import os
from pathlib import Path

import pytest

from anjian.demo.loader import PASSWORD
from tests.support.server import anjian, running_server, server_env

# Expected figures straight from the tables with plain ORM filters (not the platform's selectors).
EXPECTED = """
import json
from django.db.models import Max
from anjian.accounts.models import User
from anjian.registry.models import Enterprise
from anjian.risks.models import RiskPoint, TownOutline
rank = {"major": 4, "large": 3, "general": 2, "low": 1}
top = {}
for eid, level in RiskPoint.objects.filter(enterprise__isnull=False).values_list("enterprise_id", "level"):
    top[eid] = max(top.get(eid, 0), rank[level])
names = {v: k for k, v in rank.items()}
# The demo county's map: its neighbour (邻县) lies outside the county admin's and leader's view.
county = User.objects.get(username="county_admin").division_id
drawn = Enterprise.objects.filter(lng__isnull=False, lat__isnull=False, town__county_id=county)
levels = {}
for eid in drawn.values_list("pk", flat=True):
    key = names.get(top.get(eid, 0), "none")
    levels[key] = levels.get(key, 0) + 1
legend = {}  # the legend counts every unit, drawn or not (some have no coordinates)
for eid in Enterprise.objects.filter(town__county_id=county).values_list("pk", flat=True):
    key = names.get(top.get(eid, 0), "none")
    legend[key] = legend.get(key, 0) + 1
public = {}
for level in RiskPoint.objects.filter(enterprise__isnull=True, town__county_id=county).values_list(
    "level", flat=True
):
    public[level] = public.get(level, 0) + 1
own = User.objects.get(username="enterprise_user").enterprise_id
print(json.dumps({"enterprises": levels, "legend": legend, "public": public, "outlines": TownOutline.objects.filter(town__county_id=county).count(),
                  "own_level": names.get(top.get(own, 0), "none")}))
"""

COLOURS = {
    "major": "rgb(217, 49, 43)",
    "large": "rgb(242, 140, 40)",
    "general": "rgb(245, 215, 66)",
    "low": "rgb(42, 111, 219)",
    "none": "rgb(158, 158, 158)",
}
FILLS = """els => els.map(e => [e.dataset.level, getComputedStyle(e).fill])"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    env = server_env(tmp_path_factory.mktemp("risks-demo"))
    loaded = anjian(["demo", "--no-serve"], env=env, check=False, timeout=900)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    out = anjian(["shell", "-v", "0", "-c", EXPECTED], env=env, timeout=300).stdout
    expected = json.loads(out.strip().splitlines()[-1])
    with running_server(env) as base:
        yield base, expected


@pytest.fixture
def live_url(demo) -> str:
    return demo[0]


def _fills(page, selector: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for level, fill in page.eval_on_selector_all(selector, FILLS):
        found.setdefault(level, set()).add(fill)
    return found


def _counts(page, selector: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for level in page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.level)"):
        counts[level] = counts.get(level, 0) + 1
    return counts


def test_county_map_draws_every_unit_and_place_in_its_colour(
    page, live_url, login_as, demo, tmp_path
):
    expected = demo[1]
    login_as(page, "county_admin", PASSWORD)
    page.goto(f"{live_url}/risks/map/")
    page.wait_for_selector("#risk-map")
    assert page.locator("h1").inner_text().startswith("安全风险四色分布图")

    assert _counts(page, "circle.enterprise-marker") == expected["enterprises"]
    assert _counts(page, "polygon.public-marker") == expected["public"]
    assert set(expected["public"]) == {"major", "large", "general", "low"}
    for selector in ("circle.enterprise-marker", "polygon.public-marker"):
        for level, fills in _fills(page, selector).items():
            assert fills == {COLOURS[level]}, (selector, level, fills)
    assert page.locator("path.town-outline").count() == expected["outlines"] == 10

    legend = page.locator("#map-legend")
    for level, n in expected["legend"].items():
        assert legend.locator(f"tr[data-level={level}] .count-enterprises").inner_text() == str(n)

    # Markers sit inside the drawing, and a marker links to the unit's notice board.
    box = page.locator("#risk-map").bounding_box()
    marker = page.locator("circle.enterprise-marker[data-level=major]").first.bounding_box()
    assert box["x"] <= marker["x"] <= box["x"] + box["width"]
    assert box["y"] <= marker["y"] <= box["y"] + box["height"]

    out = Path(os.environ.get("ANJIAN_SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    page.locator("main").screenshot(path=str(out / "risk-map.png"))
    assert (out / "risk-map.png").stat().st_size > 10_000

    page.locator("circle.enterprise-marker[data-level=major]").first.click()
    page.wait_for_selector("#notice-board")
    assert page.locator("#overall-level").inner_text() == "重大风险"


def test_filtering_by_sector_keeps_only_that_sectors_units(page, live_url, login_as, demo):
    login_as(page, "county_admin", PASSWORD)
    page.goto(f"{live_url}/risks/map/")
    page.select_option("#filters select[name=sector]", "hazardous_chemicals")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    titles = page.eval_on_selector_all(
        "circle.enterprise-marker title", "els => els.map(e => e.textContent)"
    )
    assert titles and all(t.endswith("危险化学品") for t in titles)


def test_enterprise_user_has_no_county_map(page, live_url, login_as, demo):
    login_as(page, "enterprise_user", PASSWORD)
    response = page.request.get(f"{live_url}/risks/map/")
    assert response.status == 403  # its menu is about its own unit (issue 13)


def test_printable_map_hides_the_controls_when_printed(page, live_url, login_as, demo):
    login_as(page, "leader", PASSWORD)
    page.goto(f"{live_url}/risks/map/print/")
    page.wait_for_selector("#risk-map")
    page.emulate_media(media="print")
    assert not page.locator("#print-button").is_visible()
    assert page.locator("#risk-map").is_visible()
    assert page.locator("#map-legend").is_visible()
