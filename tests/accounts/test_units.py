"""The acting unit (`anjian.accounts.units.Unit`): one table per question, every kind."""

import pytest
from django.contrib.auth.models import AnonymousUser

from anjian.accounts.models import User
from anjian.accounts.units import Unit, UnitKind
from anjian.core.actors import SYSTEM
from anjian.duty.models import DutyHandover
from anjian.registry.models import Enterprise
from tests.conftest import make_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(
    county_admin,
    leader,
    town_a_officer,
    town_b_officer,
    traffic_officer,
    enterprise_user,
    enterprise_a,
    enterprise_a_road,
    enterprise_b,
    sectors,
):
    return {
        "county_admin": county_admin,
        "leader": leader,
        "town_a_officer": town_a_officer,
        "town_b_officer": town_b_officer,
        "traffic_officer": traffic_officer,
        "enterprise_user": enterprise_user,
        "system": SYSTEM,
        "enterprise_a": enterprise_a,
        "enterprise_a_road": enterprise_a_road,
        "enterprise_b": enterprise_b,
    }


@pytest.mark.parametrize(
    ("persona", "kind", "code"),
    [
        ("county_admin", UnitKind.COUNTY, "county"),
        ("leader", UnitKind.COUNTY, "county"),
        ("system", UnitKind.COUNTY, "county"),
        ("town_a_officer", UnitKind.TOWN, "town_a"),
        ("town_b_officer", UnitKind.TOWN, "town_b"),
        ("traffic_officer", UnitKind.DEPARTMENT, "transport"),
    ],
)
def test_of_gives_each_role_its_unit(world, persona, kind, code):
    unit = Unit.of(world[persona])
    assert (unit.kind, unit.code) == (kind, code)


def test_of_gives_the_enterprise_user_its_enterprise(world):
    unit = Unit.of(world["enterprise_user"])
    assert unit.code == world["enterprise_a"].credit_code
    assert unit.name == world["enterprise_a"].name


@pytest.mark.parametrize("who", ["anonymous", "inactive", "no_role"])
def test_of_gives_no_unit_to_anonymous_inactive_or_roleless_users(world, town_a, who):
    user = {
        "anonymous": AnonymousUser(),
        "inactive": User(username="gone", role="town_officer", town=town_a, is_active=False),
        "no_role": User(username="nobody", role=""),
    }[who]
    assert Unit.of(user) is None


@pytest.mark.parametrize(
    ("persona", "members"),
    [
        ("county_admin", {"county_admin"}),  # the leader reads the county but does not act for it
        ("town_a_officer", {"town_a_officer"}),
        ("traffic_officer", {"traffic_officer"}),
        ("enterprise_user", {"enterprise_user"}),
    ],
)
def test_users_are_the_active_users_who_act_for_the_unit(world, persona, members):
    unit = Unit.of(world[persona])
    assert set(unit.users()) == {world[name] for name in members}
    world[persona].is_active = False
    world[persona].save()
    assert not unit.users().exists()


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("county_admin", {"enterprise_a", "enterprise_a_road", "enterprise_b"}),
        ("leader", {"enterprise_a", "enterprise_a_road", "enterprise_b"}),
        ("town_a_officer", {"enterprise_a", "enterprise_a_road"}),
        ("town_b_officer", {"enterprise_b"}),
        ("traffic_officer", {"enterprise_a_road"}),
        ("enterprise_user", {"enterprise_a"}),
    ],
)
def test_q_filters_a_real_queryset_by_jurisdiction(world, persona, visible):
    unit = Unit.of(world[persona])
    # Enterprises reach their town, sector and themselves through these lookups.
    q = unit.scope_q(Enterprise.SCOPE)
    found = set(Enterprise.objects.filter(q).values_list("pk", flat=True))
    assert found == {world[name].pk for name in visible}


def test_q_follows_a_lookup_prefix(world):
    """`q("enterprise__")` filters the users of the enterprises in the unit's jurisdiction."""
    unit = Unit.of(world["town_a_officer"])
    q = unit.q("enterprise__")
    assert set(User.objects.filter(q)) == {world["enterprise_user"]}
    other = Unit.of(world["town_b_officer"])
    assert not User.objects.filter(other.q("enterprise__")).exists()


@pytest.mark.parametrize(
    ("persona", "towns", "sector_codes"),
    [
        ("county_admin", {"town_a", "town_b"}, None),
        ("town_a_officer", {"town_a"}, None),
        ("traffic_officer", {"town_a", "town_b"}, {"road_traffic", "waterway"}),
        ("enterprise_user", {"town_a"}, {"hazardous_chemicals"}),
    ],
)
def test_towns_and_sectors_are_the_units_coverage(world, sectors, persona, towns, sector_codes):
    unit = Unit.of(world[persona])
    assert set(unit.towns().values_list("code", flat=True)) == towns
    expected = sector_codes if sector_codes is not None else set(sectors)
    assert set(unit.sectors().values_list("code", flat=True)) == expected


def test_unit_records_are_seen_by_their_unit_and_the_county(world, town_a, town_b, traffic_dept):
    from django.utils import timezone

    from anjian.core.scoping import scope_queryset

    def handover(unit):
        record = DutyHandover(handed_over_at=timezone.now(), from_person="a", to_person="b")
        record.set_unit(unit)
        record.save()
        return record

    county = handover(Unit.county())
    a = handover(Unit.of_town(town_a))
    b = handover(Unit.of_town(town_b))
    traffic = handover(Unit.of_department(traffic_dept))
    seen = {
        persona: set(scope_queryset(DutyHandover.objects.all(), world[persona]))
        for persona in (
            "county_admin",
            "leader",
            "town_a_officer",
            "traffic_officer",
            "enterprise_user",
        )
    }
    assert seen == {
        "county_admin": {county, a, b, traffic},
        "leader": {county, a, b, traffic},
        "town_a_officer": {a},
        "traffic_officer": {traffic},
        "enterprise_user": set(),
    }


@pytest.mark.parametrize("code", ["county", "town_a", "transport"])
def test_from_code_and_key_round_trip(world, code):
    unit = Unit.from_code(code)
    assert unit.code == code
    assert Unit.from_key(unit.key) == unit


def test_a_new_enterprise_is_covered_by_its_town_and_department(
    world, town_b, sectors, traffic_dept
):
    fresh = make_enterprise(
        name="乙镇运输", n=9, town=town_b, sector=sectors["road_traffic"], department=traffic_dept
    )
    covering = Unit.covering(
        town_id=fresh.town_id, sector_id=fresh.sector_id, enterprise_id=fresh.pk
    )
    assert {u.key for u in covering} == {
        f"town:{town_b.pk}",
        f"department:{traffic_dept.pk}",
        f"enterprise:{fresh.pk}",
    }
