"""Unit records name their division: a second county's admin sees none of the first county's
county-level rosters, publicity, channels or plans, and a county-level notification reaches only
that county's admins."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.accounts.models import Role
from anjian.accounts.units import Unit
from anjian.alerts import services as alert_services
from anjian.alerts.models import PublicityActivity
from anjian.duty.models import DutyRoster
from anjian.duty.services import roster_create
from anjian.emergency import services as emergency_services
from anjian.emergency.models import EmergencyPlan
from anjian.notifications import services as channel_services
from anjian.notifications.models import ChannelConfig
from anjian.notifications.services import notify
from tests.conftest import _user
from tests.duty.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def x_records(county_x_admin):
    """County X's own county-level records, filed by its admin."""
    roster = roster_create(
        actor=county_x_admin,
        unit=Unit.of(county_x_admin),
        title="甲县元旦值班表",
        starts_at=local(2027, 1, 1),
        ends_at=local(2027, 1, 2),
        shifts=[
            {
                "starts_at": local(2027, 1, 1),
                "ends_at": local(2027, 1, 2),
                "leader": "韦",
                "staff": "李",
                "phone": "1",
            }
        ],
    )
    publicity = alert_services.publicity_create(
        actor=county_x_admin,
        data={
            "title": "甲县安全生产月咨询日",
            "held_on": dt.date(2025, 6, 16),
            "place": "人民广场",
            "participants": 300,
            "material": "宣传册",
            "description": "现场咨询",
        },
    )
    channel = channel_services.channel_create(
        actor=county_x_admin,
        data={
            "unit_kind": "county",
            "channel": "webhook",
            "flavour": "wecom",
            "address": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x",
        },
    )
    plan = emergency_services.plan_create(
        actor=county_x_admin,
        data={
            "kind": "comprehensive",
            "title": "甲县综合应急预案",
            "published_on": dt.date(2025, 1, 1),
        },
    )
    return {"roster": roster, "publicity": publicity, "channel": channel, "plan": plan}


def test_county_records_name_the_county_that_filed_them(x_records, region):
    for record in x_records.values():
        record.refresh_from_db()
        assert (record.unit_kind, record.division_id) == ("county", region.county_x.pk)


def test_the_other_county_sees_none_of_the_first_countys_county_level_records(
    x_records, other_county_admin, county_x_admin, login, api_as
):
    from anjian.core.scoping import scope_queryset

    for model in (DutyRoster, PublicityActivity, ChannelConfig, EmergencyPlan):
        assert not scope_queryset(model.objects.all(), other_county_admin).exists(), model
        assert scope_queryset(model.objects.all(), county_x_admin).exists(), model
    client = login(other_county_admin)
    for name, record in (
        ("duty:roster_detail", x_records["roster"]),
        ("emergency:plan_detail", x_records["plan"]),
        ("notifications:channel_edit", x_records["channel"]),
    ):
        assert client.get(reverse(name, args=[record.pk])).status_code == 404, name
    assert "甲县安全生产月咨询日" not in client.get(reverse("alerts:publicity_list")).text
    assert "甲县元旦值班表" not in client.get(reverse("duty:roster_list")).text
    api = api_as(other_county_admin)
    assert api.get(f"/api/v1/duty-rosters/{x_records['roster'].pk}/").status_code == 404
    assert api.get(f"/api/v1/emergency-plans/{x_records['plan'].pk}/").status_code == 404
    assert api.get("/api/v1/duty-rosters/").json()["count"] == 0
    own = login(county_x_admin)
    assert own.get(reverse("duty:roster_detail", args=[x_records["roster"].pk])).status_code == 200


def test_a_county_level_notification_reaches_only_that_countys_admins(
    region, county_x_admin, other_county_admin, x_records
):
    second_x_admin = _user("county_x2_p", Role.COUNTY_ADMIN, division=region.county_x)
    unit = Unit.of_record(x_records["roster"])
    sent = notify(recipients=unit.users(), kind="test", title="值班提醒", key="t:1")
    assert {n.recipient for n in sent} == {county_x_admin, second_x_admin}
    assert other_county_admin not in set(Unit.member_of(county_x_admin).users())


def test_a_county_admin_without_a_division_still_sees_every_county_record(x_records, county_admin):
    from anjian.core.scoping import scope_queryset

    for model in (DutyRoster, PublicityActivity, ChannelConfig, EmergencyPlan):
        assert scope_queryset(model.objects.all(), county_admin).exists(), model
