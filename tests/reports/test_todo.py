"""The workbench (todo/): each user's open tasks, only its own, gone as soon as they are done."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.accidents.models import AccidentForward
from anjian.core import clock
from anjian.hazards.models import Hazard
from anjian.registry.services import licence_create
from anjian.reports.todo import todo_list


def _hazard(enterprise, *, status, source="inspection", grade="general", days=5, **extra):
    today = clock.today()
    return Hazard.objects.create(
        enterprise=enterprise,
        town=enterprise.town,
        sector=enterprise.sector,
        description=f"{status} {source}",
        grade=grade,
        found_on=today - dt.timedelta(days=10),
        found_by="张三",
        source=source,
        deadline=today + dt.timedelta(days=days),
        status=status,
        **extra,
    )


@pytest.fixture
def hazards(enterprise_a, enterprise_b):
    """Hazards in each state at enterprise A, and one at enterprise B."""
    return {
        "pending": _hazard(enterprise_a, status="pending"),
        "rectifying_late": _hazard(enterprise_a, status="rectifying", days=-3),
        "self_check_to_accept": _hazard(
            enterprise_a, status="awaiting_acceptance", source="self_check"
        ),
        "gov_to_accept": _hazard(enterprise_a, status="awaiting_acceptance"),
        "major_self_check_to_accept": _hazard(
            enterprise_a, status="awaiting_acceptance", source="self_check", grade="major"
        ),
        "closed": _hazard(enterprise_a, status="closed"),
        "other_enterprise": _hazard(enterprise_b, status="pending"),
    }


def _urls(tasks, kind):
    return {t["url"] for t in tasks if t["kind"] == kind}


def test_enterprise_user_sees_every_hazard_waiting_on_it_and_no_other(
    api_as, enterprise_user, hazards
):
    body = api_as(enterprise_user).get("/api/v1/todo/").json()
    expected = {
        hazards[k].get_absolute_url()
        for k in ("pending", "rectifying_late", "self_check_to_accept")
    }
    assert _urls(body["results"], "hazard_action") == expected
    assert body["count"] == len(body["results"]) == body["by_kind"]["hazard_action"] == 3


def test_town_officer_accepts_what_the_government_owns(town_a_officer, town_b_officer, hazards):
    mine = _urls(todo_list(actor=town_a_officer), "hazard_action")
    assert mine == {
        hazards["gov_to_accept"].get_absolute_url(),
        hazards["major_self_check_to_accept"].get_absolute_url(),
    }
    assert _urls(todo_list(actor=town_b_officer), "hazard_action") == set()


def test_overdue_tasks_come_first_and_carry_their_flag(api_as, enterprise_user, hazards):
    first = api_as(enterprise_user).get("/api/v1/todo/").json()["results"][0]
    assert first["url"] == hazards["rectifying_late"].get_absolute_url()
    assert first["overdue"] is True
    assert first["due"] == (clock.today() - dt.timedelta(days=3)).isoformat()


def test_a_hazard_leaves_the_list_once_acknowledged(enterprise_user, gov_hazard):
    from anjian.hazards.workflow import hazard_acknowledge, hazard_submit

    url = gov_hazard.get_absolute_url()
    assert url in _urls(todo_list(actor=enterprise_user), "hazard_action")
    hazard_acknowledge(actor=enterprise_user, hazard=gov_hazard)
    assert url in _urls(todo_list(actor=enterprise_user), "hazard_action")  # now: rectify
    Hazard.objects.filter(pk=gov_hazard.pk).update(status="awaiting_acceptance")
    assert url not in _urls(todo_list(actor=enterprise_user), "hazard_action")
    assert hazard_submit  # the web's submit needs the five fixes; the state is what counts


@pytest.fixture
def warning(publish, town_a):
    now = clock.now()
    return publish(towns=[town_a], now=now, valid_from=now, valid_to=now + dt.timedelta(days=2))


def test_warning_to_confirm_is_gone_once_confirmed(api_as, town_a_officer, warning):
    api = api_as(town_a_officer)
    before = api.get("/api/v1/todo/").json()
    assert _urls(before["results"], "warning_confirm") == {warning.get_absolute_url()}
    assert api.post(f"/api/v1/warnings/{warning.pk}/confirm/").status_code == 200
    after = api.get("/api/v1/todo/").json()
    assert _urls(after["results"], "warning_confirm") == set()
    assert after["by_kind"]["warning_confirm"] == 0


def test_an_ended_warning_is_no_longer_a_task(publish, town_a, town_a_officer):
    publish(towns=[town_a])  # valid only at the end of 2024
    assert _urls(todo_list(actor=town_a_officer), "warning_confirm") == set()


def test_enterprise_renews_its_licence_and_the_task_goes(
    county_admin, enterprise_user, enterprise_a
):
    today = clock.today()
    data = {"kind": "安全生产许可证", "number": "A-1", "issued_on": today - dt.timedelta(days=1000)}
    old = licence_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={**data, "expires_on": today + dt.timedelta(days=20)},
    )
    url = reverse("registry:licence_edit", args=[old.pk])
    assert _urls(todo_list(actor=enterprise_user), "licence_expiring") == {url}
    licence_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={**data, "number": "A-2", "expires_on": today + dt.timedelta(days=1000)},
    )
    assert _urls(todo_list(actor=enterprise_user), "licence_expiring") == set()


def test_county_admin_forwards_a_recent_accident_until_it_is_done(
    county_admin, make_accident, town_a
):
    accident = make_accident(occurred_at=clock.now() - dt.timedelta(hours=3))
    make_accident(occurred_at=clock.now() - dt.timedelta(days=90))  # outside the window
    assert _urls(todo_list(actor=county_admin), "accident_forward") == {accident.get_absolute_url()}
    AccidentForward.objects.filter(accident=accident, level="city").update(forwarded_at=clock.now())
    assert _urls(todo_list(actor=county_admin), "accident_forward") == set()


def test_town_forgetting_its_holiday_roster_has_a_task(town_a_officer):
    with clock.frozen(dt.datetime(2025, 9, 26, 10, 0, tzinfo=clock.now().tzinfo)):
        tasks = [t for t in todo_list(actor=town_a_officer) if t["kind"] == "roster_file"]
    assert [t["due"] for t in tasks] == [dt.date(2025, 10, 1)]
    assert "holiday=2025-10-01" in tasks[0]["url"]


def test_the_leader_has_nothing_to_do(api_as, leader, hazards, warning):
    assert api_as(leader).get("/api/v1/todo/").json()["count"] == 0


def test_todo_costs_one_query_per_kind_whatever_the_data(
    api_as,
    county_admin,
    town_a_officer,
    enterprise_user,
    hazards,
    warning,
    django_assert_max_num_queries,
):
    for user in (county_admin, town_a_officer, enterprise_user):
        api = api_as(user)
        # Authentication and the page (4), one query per kind from most sources, and the
        # fireworks watch-list checks (one per watch-list source plus the last inspections).
        with django_assert_max_num_queries(20):
            assert api.get("/api/v1/todo/").status_code == 200


def test_workbench_page_lists_the_tasks_with_their_links(login, enterprise_user, hazards):
    html = login(enterprise_user).get(reverse("todo")).content.decode()
    assert html.count('class="list-group-item list-group-item-action') == 3
    assert hazards["pending"].get_absolute_url() in html
    assert hazards["other_enterprise"].get_absolute_url() not in html


def test_anonymous_gets_401_from_the_api(client):
    assert client.get("/api/v1/todo/").status_code in (401, 403)


def test_county_admin_accepts_only_what_no_town_or_department_owns(
    county_admin, town_a_officer, hazards, town_a
):
    owned = hazards["gov_to_accept"]
    Hazard.objects.filter(pk=owned.pk).update(owner_town=town_a)
    county = _urls(todo_list(actor=county_admin), "hazard_action")
    assert owned.get_absolute_url() not in county
    assert hazards["major_self_check_to_accept"].get_absolute_url() in county
    assert owned.get_absolute_url() in _urls(todo_list(actor=town_a_officer), "hazard_action")
