"""The registry in a real browser, against the real demo county on a real gunicorn server: each of
the five demo logins sees a Chinese list holding exactly its jurisdiction, and the filter form
narrows it. (The `page` fixture also asserts no console error and no request to another host.)

The demo is loaded once for the session (`demo_site`: `anjian demo --no-serve` in a temporary
data dir, served by `anjian serve`); the expected rows come from the database through plain ORM
filters written out here, not through the platform's scoping code.
"""

import re

import pytest

from anjian.demo.loader import PASSWORD
from tests.support.server import shell_json

# For each demo login: every enterprise it may see, as [name, town code, sector code, status].
EXPECTED = """
import json
from anjian.accounts.models import User
from anjian.registry.models import Enterprise
out = {}
for user in User.objects.filter(username__in=["county_admin", "leader", "town_officer",
                                              "dept_officer", "enterprise_user"]):
    qs = Enterprise.objects.all()
    # The demo county only: its neighbour (邻县) is outside every one of these logins.
    county = user.division_id or (user.department.division_id if user.department_id else None)
    if county:
        qs = qs.filter(town__county_id=county)
    if user.role == "town_officer":
        qs = qs.filter(town_id=user.town_id)
    elif user.role == "department_officer":
        qs = qs.filter(sector__in=user.department.sectors.all())
    elif user.role == "enterprise_user":
        qs = qs.filter(pk=user.enterprise_id)
    out[user.username] = [[e.name, e.town.code, e.sector.code, e.status]
                          for e in qs.select_related("town", "sector")]
print(json.dumps(out, ensure_ascii=False))
"""

ROLES = ["county_admin", "leader", "town_officer", "dept_officer", "enterprise_user"]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo(demo_site):
    base, env = demo_site
    return base, shell_json(EXPECTED, env=env)


@pytest.fixture
def live_url(demo) -> str:
    """The demo server stands in for pytest-django's live server (no test database needed)."""
    return demo[0]


def _rows(page) -> set[str]:
    page.wait_for_selector("#enterprise-table")
    return set(page.locator("#enterprise-table tbody td:first-child a").all_inner_texts())


def _total(page) -> int:
    """The record count the list reports (pagination), or the rows shown on a single page."""
    pager = page.locator(".pagination .disabled")
    if pager.count():
        return int(re.search(r"（(\d+)条记录）", pager.inner_text()).group(1))
    return len(_rows(page))


def _filter(page, **choices) -> None:
    for name, value in choices.items():
        page.select_option(f"#filters select[name={name}]", value)
    with page.expect_navigation():
        page.click("#filters button[type=submit]")


@pytest.mark.parametrize("username", ROLES)
def test_each_demo_login_sees_exactly_its_units_and_can_filter_them(
    username, page, live_url, login_as, demo
):
    visible = demo[1][username]
    assert visible, f"the demo gives {username} nothing to see"
    login_as(page, username, PASSWORD)

    page.goto(f"{live_url}/registry/enterprises/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").inner_text().strip() == "生产经营单位"
    assert CJK.search(page.locator("#enterprise-table thead").inner_text())
    assert _total(page) == len(visible)
    first_page = _rows(page)
    assert first_page <= {name for name, *_ in visible}

    # Narrow to the town, sector and status of one of the user's units.
    _name, town, sector, status = visible[len(visible) // 2]
    _filter(page, town=town, sector=sector, status=status)
    wanted = {n for n, t, s, st in visible if (t, s, st) == (town, sector, status)}
    assert len(wanted) <= 20  # one page
    assert _rows(page) == wanted
    assert f"town={town}" in page.url and f"sector={sector}" in page.url


def test_town_officer_filtering_another_town_finds_nothing(page, live_url, login_as, demo):
    own_towns = {t for _n, t, _s, _st in demo[1]["town_officer"]}
    other = next(t for _n, t, _s, _st in demo[1]["county_admin"] if t not in own_towns)
    login_as(page, "town_officer", PASSWORD)
    page.goto(f"{live_url}/registry/enterprises/")
    _filter(page, town=other)
    assert _rows(page) == set()
    assert "没有符合条件的单位" in page.locator("#enterprise-table").inner_text()


def test_department_officer_sees_only_its_sectors(page, live_url, login_as, demo):
    sectors = {s for _n, _t, s, _st in demo[1]["dept_officer"]}
    assert sectors <= {"road_traffic", "waterway"}
    login_as(page, "dept_officer", PASSWORD)
    page.goto(f"{live_url}/registry/enterprises/")
    _filter(page, sector="hazardous_chemicals")
    assert _rows(page) == set()
