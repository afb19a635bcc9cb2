"""The closed loop through the API: who may take each step, and what the state allows."""

import pytest

from anjian.core.models import AuditEntry
from anjian.hazards.models import HazardTransition
from anjian.hazards.workflow import hazard_transition


def post(api, hazard, action, comment=""):
    return api.post(
        f"/api/v1/hazards/{hazard.pk}/transitions/",
        {"action": action, "comment": comment},
        format="json",
    )


def walk(actor, hazard, *actions):
    for action in actions:
        hazard_transition(
            actor=actor, hazard=hazard, action=action, comment="退回" if action == "reject" else ""
        )


def test_enterprise_user_acknowledges_and_submits_its_hazard(api_as, enterprise_user, gov_hazard):
    api = api_as(enterprise_user)
    response = post(api, gov_hazard, "acknowledge")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "rectifying"
    response = post(api, gov_hazard, "submit", "已清理")
    assert response.status_code == 201
    assert response.json()["to_status"] == "awaiting_acceptance"


def test_owning_town_accepts_government_found_hazard(
    api_as, enterprise_user, town_a_officer, gov_hazard
):
    walk(enterprise_user, gov_hazard, "acknowledge", "submit")
    response = post(api_as(town_a_officer), gov_hazard, "accept", "验收合格")
    assert response.status_code == 201
    gov_hazard.refresh_from_db()
    assert gov_hazard.status == "closed" and gov_hazard.closed_at is not None
    history = api_as(town_a_officer).get(f"/api/v1/hazards/{gov_hazard.pk}/transitions/").json()
    assert [h["action"] for h in history] == ["acknowledge", "submit", "accept"]
    assert history[-1]["actor"] == town_a_officer.username


def test_enterprise_can_never_accept_government_found_hazard(api_as, enterprise_user, gov_hazard):
    walk(enterprise_user, gov_hazard, "acknowledge", "submit")
    assert post(api_as(enterprise_user), gov_hazard, "accept").status_code == 403
    gov_hazard.refresh_from_db()
    assert gov_hazard.status == "awaiting_acceptance"


def test_sector_department_that_does_not_own_the_hazard_cannot_accept(
    api_as, enterprise_user, traffic_officer, town_a_officer, enterprise_a_road, make_hazard
):
    hazard = make_hazard(town_a_officer, enterprise=enterprise_a_road)
    from anjian.accounts.models import Role, User

    road_user = User.objects.create(
        username="road_u", role=Role.ENTERPRISE_USER, enterprise=enterprise_a_road
    )
    walk(road_user, hazard, "acknowledge", "submit")
    assert post(api_as(traffic_officer), hazard, "accept").status_code == 403
    assert post(api_as(town_a_officer), hazard, "accept").status_code == 201


def test_enterprise_safety_manager_accepts_its_general_self_check(
    api_as, enterprise_user, self_hazard, town_a_officer
):
    walk(enterprise_user, self_hazard, "acknowledge", "submit")
    assert post(api_as(enterprise_user), self_hazard, "accept").status_code == 201


def test_major_self_check_is_accepted_by_government_only(
    api_as, enterprise_user, town_a_officer, make_hazard
):
    hazard = make_hazard(
        enterprise_user,
        grade="major",
        **{
            f: "已制定"
            for f in (
                "plan_objectives",
                "plan_methods",
                "plan_funds_materials",
                "plan_organisation",
                "plan_time_limit",
                "plan_safety_measures",
            )
        },
    )
    assert hazard.supervised
    walk(enterprise_user, hazard, "acknowledge", "submit")
    assert post(api_as(enterprise_user), hazard, "accept").status_code == 403
    assert post(api_as(town_a_officer), hazard, "accept").status_code == 201


def test_major_hazard_needs_its_plan_before_submit(
    api_as, enterprise_user, town_a_officer, enterprise_a, make_hazard
):
    hazard = make_hazard(town_a_officer, enterprise=enterprise_a, grade="major")
    api = api_as(enterprise_user)
    assert post(api, hazard, "acknowledge").status_code == 201
    response = post(api, hazard, "submit")
    assert response.status_code == 400
    assert "plan_objectives" in response.json()
    hazard.refresh_from_db()
    assert hazard.status == "rectifying"
    plan = {
        f: "方案内容"
        for f in (
            "plan_objectives",
            "plan_methods",
            "plan_funds_materials",
            "plan_organisation",
            "plan_time_limit",
            "plan_safety_measures",
        )
    }
    assert api.patch(f"/api/v1/hazards/{hazard.pk}/", plan, format="json").status_code == 200
    assert post(api, hazard, "submit").status_code == 201


@pytest.mark.parametrize(
    ("done", "action"),
    [
        ((), "submit"),
        ((), "accept"),
        ((), "reject"),
        (("acknowledge",), "acknowledge"),
        (("acknowledge",), "accept"),
        (("acknowledge", "submit"), "submit"),
    ],
)
def test_illegal_transitions_are_409(
    api_as, county_admin, town_a, sectors, make_hazard, done, action
):
    hazard = make_hazard(county_admin, town=town_a, sector=sectors["fire"], location="集市")
    walk(county_admin, hazard, *done)
    response = post(api_as(county_admin), hazard, action, "理由")
    assert response.status_code == 409
    assert HazardTransition.objects.filter(hazard=hazard).count() == len(done)


def test_closed_hazard_cannot_move(api_as, county_admin, town_a, sectors, make_hazard):
    hazard = make_hazard(county_admin, town=town_a, sector=sectors["fire"], location="集市")
    walk(county_admin, hazard, "acknowledge", "submit", "accept")
    for action in ("acknowledge", "submit", "accept", "reject"):
        assert post(api_as(county_admin), hazard, action, "x").status_code == 409


def test_unknown_action_is_400(api_as, town_a_officer, gov_hazard):
    response = post(api_as(town_a_officer), gov_hazard, "destroy")
    assert response.status_code == 400
    assert "action" in response.json()


def test_outsider_gets_404_and_leader_403(api_as, town_b_officer, leader, gov_hazard):
    assert post(api_as(town_b_officer), gov_hazard, "acknowledge").status_code == 404
    assert api_as(town_b_officer).get(f"/api/v1/hazards/{gov_hazard.pk}/").status_code == 404
    assert post(api_as(leader), gov_hazard, "acknowledge").status_code == 403
    assert api_as(leader).get(f"/api/v1/hazards/{gov_hazard.pk}/").status_code == 200


def test_officer_cannot_acknowledge_for_an_enterprise(api_as, town_a_officer, gov_hazard):
    assert post(api_as(town_a_officer), gov_hazard, "acknowledge").status_code == 403


def test_reject_needs_a_reason_and_returns_to_rectifying(
    api_as, enterprise_user, town_a_officer, gov_hazard
):
    walk(enterprise_user, gov_hazard, "acknowledge", "submit")
    api = api_as(town_a_officer)
    assert post(api, gov_hazard, "reject").status_code == 400
    response = post(api, gov_hazard, "reject", "照片不清晰")
    assert response.status_code == 201 and response.json()["status"] == "rectifying"


def test_every_step_is_audited(enterprise_user, town_a_officer, gov_hazard):
    walk(enterprise_user, gov_hazard, "acknowledge", "submit")
    walk(town_a_officer, gov_hazard, "reject")
    actions = list(
        AuditEntry.objects.filter(model="hazard", object_id=str(gov_hazard.pk))
        .order_by("id")
        .values_list("action", "username")
    )
    assert actions == [
        ("hazard.create", town_a_officer.username),
        ("hazard.acknowledge", enterprise_user.username),
        ("hazard.submit", enterprise_user.username),
        ("hazard.reject", town_a_officer.username),
    ]
    entry = AuditEntry.objects.get(action="hazard.reject")
    assert entry.changes["status"] == ["awaiting_acceptance", "rectifying"]
