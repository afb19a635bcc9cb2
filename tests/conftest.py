"""Shared personas: two towns, two departments, an enterprise in each town, one user per role.

`town_b_officer` is the outsider who must always be refused what lies in town A.

Every test runs on a frozen "today" (`NOW`, through `anjian.core.clock`), and so do the real
servers the tests start (tests/support/server.py passes it on): a test that depends on the date
gives the same answer on any day. A test that needs another day uses `clock.frozen(day)`.
"""

import datetime as dt

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from rest_framework.test import APIClient

from anjian.accounts.models import Department, Division, Role, Sector, Town, User
from anjian.core import clock
from anjian.core.identifiers import credit_code_check_char
from anjian.registry.models import Enterprise

PASSWORD = "Test@2024pw"
# A Wednesday in term time, away from statutory holidays (the next one is 国庆节 2025-10-01).
NOW = dt.datetime(2025, 6, 18, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def pytest_configure(config):
    # Before collection: test modules may compute dates at import time.
    clock.freeze(NOW)


def pytest_unconfigure(config):
    clock.unfreeze()


@pytest.fixture
def real_now():
    """The clock at the real moment: for checks against the real world's calendar (input
    plausibility: nothing after now, nothing more than a year ahead), which read real time."""
    with clock.frozen(timezone.now()) as moment:
        yield moment


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is deliberately slow; tests that check hashing itself override this.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_credit_code(n: int) -> str:
    body = f"91450000{n:09d}"
    return body + credit_code_check_char(body)


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_triggers():
    """Live-server tests end with a flush; the audit log's triggers refuse its DELETEs."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from anjian.core import audit_guard

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with audit_guard.triggers_suspended(self.connection):
            original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original


@pytest.fixture
def sectors(db) -> dict[str, Sector]:
    """The contract's default sectors, which a data migration creates."""
    return {s.code: s for s in Sector.objects.all()}


@pytest.fixture
def town_a(db) -> Town:
    return Town.objects.create(code="town_a", name="甲镇")


@pytest.fixture
def town_b(db) -> Town:
    return Town.objects.create(code="town_b", name="乙镇")


@pytest.fixture
def traffic_dept(sectors) -> Department:
    dept = Department.objects.create(code="transport", name="县交通运输局")
    dept.sectors.set([sectors["road_traffic"], sectors["waterway"]])
    return dept


@pytest.fixture
def emergency_dept(sectors) -> Department:
    dept = Department.objects.create(code="emergency", name="县应急管理局")
    dept.sectors.set([sectors["hazardous_chemicals"], sectors["industry_trade"]])
    return dept


def make_enterprise(
    *, name: str, n: int, town: Town, sector: Sector, department: Department, **extra
) -> Enterprise:
    return Enterprise.objects.create(
        name=name,
        credit_code=make_credit_code(n),
        town=town,
        sector=sector,
        department=department,
        **extra,
    )


@pytest.fixture
def enterprise_a(town_a, sectors, emergency_dept) -> Enterprise:
    """A chemicals unit in town A (emergency management's sector)."""
    return make_enterprise(
        name="甲镇化工有限公司",
        n=1,
        town=town_a,
        sector=sectors["hazardous_chemicals"],
        department=emergency_dept,
    )


@pytest.fixture
def enterprise_a_road(town_a, sectors, traffic_dept) -> Enterprise:
    """A transport unit in town A (the traffic department's sector)."""
    return make_enterprise(
        name="甲镇运输有限公司",
        n=2,
        town=town_a,
        sector=sectors["road_traffic"],
        department=traffic_dept,
    )


@pytest.fixture
def enterprise_b(town_b, sectors, emergency_dept) -> Enterprise:
    """A unit in town B: outside town A's and the enterprise user's scope."""
    return make_enterprise(
        name="乙镇木业有限公司",
        n=3,
        town=town_b,
        sector=sectors["industry_trade"],
        department=emergency_dept,
    )


def _user(username: str, role: str, **unit) -> User:
    return User.objects.create(
        username=username, role=role, password=make_password(PASSWORD), **unit
    )


@pytest.fixture
def county_admin(db) -> User:
    return _user("admin_p", Role.COUNTY_ADMIN)


@pytest.fixture
def leader(db) -> User:
    return _user("leader_p", Role.LEADER)


@pytest.fixture
def town_a_officer(town_a) -> User:
    return _user("town_a_p", Role.TOWN_OFFICER, town=town_a)


@pytest.fixture
def town_b_officer(town_b) -> User:
    return _user("town_b_p", Role.TOWN_OFFICER, town=town_b)


@pytest.fixture
def traffic_officer(traffic_dept) -> User:
    return _user("traffic_p", Role.DEPARTMENT_OFFICER, department=traffic_dept)


@pytest.fixture
def enterprise_user(enterprise_a) -> User:
    return _user("ent_a_p", Role.ENTERPRISE_USER, enterprise=enterprise_a)


@pytest.fixture
def region(town_a, town_b):
    """A city (甲市) holding county X (towns A and B) and county Y (town C, with a unit)."""
    from types import SimpleNamespace

    city = Division.objects.create(code="990100", name="甲市", level="city")
    county_x = Division.objects.create(code="990121", name="甲县", level="county", parent=city)
    county_y = Division.objects.create(code="990122", name="乙县", level="county", parent=city)
    for town in (town_a, town_b):
        town.county = county_x
        town.save()
    town_c = Town.objects.create(code="town_c", name="丙镇", county=county_y)
    return SimpleNamespace(city=city, county_x=county_x, county_y=county_y, town_c=town_c)


@pytest.fixture
def city_admin(region) -> User:
    """The 安委办 of the city: both counties."""
    return _user("city_p", Role.CITY_ADMIN, division=region.city)


@pytest.fixture
def county_x_admin(region) -> User:
    """The admin of county X (towns A and B) once the city holds a second county."""
    return _user("county_x_p", Role.COUNTY_ADMIN, division=region.county_x)


@pytest.fixture
def other_county_admin(region) -> User:
    """The outsider from the other county (Y): refused whatever lies in county X."""
    return _user("county_y_p", Role.COUNTY_ADMIN, division=region.county_y)


@pytest.fixture
def login(client):
    """login(user) → the Django test client logged in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api_as():
    """api_as(user) → a DRF client with the user's Bearer token."""
    from anjian.accounts.identity import token_create

    def _api(user):
        api = APIClient()
        if user is not None:
            raw, _token = token_create(user=user)
            api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return api

    return _api


@pytest.fixture
def postgres_url() -> str:
    """A PostgreSQL server for tests that must also run there (skipped without one)."""
    from tests.support.environment import missing, postgres_url

    url = postgres_url()
    if not url:
        missing("PostgreSQL is not available (set ANJIAN_TEST_POSTGRES_URL)")
    return url


@pytest.fixture
def fresh_pg_database(postgres_url):
    """A new, empty database on the test PostgreSQL server; its URL. Dropped afterwards."""
    import secrets
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    name = f"anjian_test_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield urlunsplit(urlsplit(postgres_url)._replace(path=f"/{name}"))
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def pytest_collection_modifyitems(items):
    """Give every test database access (tests that reach it only through
    `request.getfixturevalue` would otherwise be refused it)."""
    for item in items:
        if item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db)
