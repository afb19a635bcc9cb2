"""The menu by role (core.navigation): each role sees what it uses, and nothing it cannot open."""

import pytest
from django.urls import reverse

from anjian.core.context_processors import menu_for
from anjian.core.navigation import MENU
from anjian.core.permissions import PERMISSIONS


def _urls(user) -> set[str]:
    return {e["url"] for g in menu_for(user) for e in g["entries"]}


def test_every_entry_names_a_page_and_a_known_permission():
    for group in MENU:
        for entry in group.entries:
            assert entry.permission in PERMISSIONS, entry
            reverse(entry.url_name)


def test_enterprise_menu_is_about_its_own_unit(enterprise_user):
    urls = _urls(enterprise_user)
    for name in (
        "todo",
        "risks:point_list",
        "hazards:hazard_list",
        "inspections:inspection_list",
        "emergency:plan_list",
        "registry:licence_list",
        "alerts:alert_list",
    ):
        assert reverse(name) in urls, name
    for name in (
        "risks:map",
        "risks:watch_list",
        "accidents:accident_stats",
        "duty:roster_list",
        "cockpit",
        "assessment:gap_list",
    ):
        assert reverse(name) not in urls, name


@pytest.mark.parametrize(
    "name", ["risks:map", "risks:map_print", "risks:watch_list", "accidents:accident_stats"]
)
def test_county_map_and_statistics_refuse_the_enterprise_user(login, enterprise_user, name):
    assert login(enterprise_user).get(reverse(name)).status_code == 403


def test_leader_has_the_cockpit_and_no_workbench(leader):
    urls = _urls(leader)
    assert reverse("cockpit") in urls and reverse("accidents:accident_stats") in urls
    assert reverse("todo") not in urls


def test_county_admin_sees_every_group(county_admin):
    assert [g["key"] for g in menu_for(county_admin)] == [g.key for g in MENU]


def test_audit_admin_sees_only_the_audit_log(db):
    from anjian.accounts.models import Role, User

    auditor = User.objects.create(username="auditor_p", role=Role.AUDIT_ADMIN)
    assert _urls(auditor) == {reverse("audit_list")}


def test_the_menu_costs_no_query(county_admin, django_assert_num_queries):
    with django_assert_num_queries(0):
        menu_for(county_admin, "/hazards/")


def test_the_page_marks_its_group_and_entry_active(login, town_a_officer):
    html = login(town_a_officer).get(reverse("hazards:hazard_list")).content.decode()
    group = html[html.index('data-group="prevention"') :]
    assert 'dropdown-toggle active"' in group[:400]
    assert 'aria-current="page" href="/hazards/"' in html


def test_a_badge_names_the_task_kinds_it_counts(login, enterprise_user):
    html = login(enterprise_user).get(reverse("todo")).content.decode()
    assert 'data-pending="hazard_action"' in html
    assert f'data-todo-url="{reverse("todo-list")}"' in html
