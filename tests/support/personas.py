"""The personas of tests/conftest.py, written into a real server's own database.

Run inside `anjian shell` (see tests/browser/conftest.py, `site`): the same towns, departments,
enterprise and users as the pytest fixtures, with the same usernames and password, so a browser
test signs in as `town_a_p` whether its server is in-process or not.
"""

import json

from django.contrib.auth.hashers import make_password

from anjian.accounts.models import Department, Division, Role, Sector, Town, User
from anjian.core.identifiers import credit_code_check_char
from anjian.registry.models import Enterprise

PASSWORD = "Test@2024pw"  # tests.conftest.PASSWORD
USERNAMES = {
    "county_admin": "admin_p",
    "leader": "leader_p",
    "town_a_officer": "town_a_p",
    "town_b_officer": "town_b_p",
    "traffic_officer": "traffic_p",
    "enterprise_user": "ent_a_p",
    "city_admin": "city_p",
    "other_county_admin": "county_y_p",
}


def _credit_code(n: int) -> str:
    body = f"91450000{n:09d}"  # as tests.conftest.make_credit_code
    return body + credit_code_check_char(body)


def create() -> dict:
    """Create the personas; returns {name: pk} of the records a test may need."""
    sectors = {s.code: s for s in Sector.objects.all()}
    # As tests.conftest.region: towns A and B in county X, town C in county Y, both in 甲市.
    city = Division.objects.create(code="990100", name="甲市", level="city")
    county_x = Division.objects.create(code="990121", name="甲县", level="county", parent=city)
    county_y = Division.objects.create(code="990122", name="乙县", level="county", parent=city)
    town_a = Town.objects.create(code="town_a", name="甲镇", county=county_x)
    town_b = Town.objects.create(code="town_b", name="乙镇", county=county_x)
    Town.objects.create(code="town_c", name="丙镇", county=county_y)
    traffic = Department.objects.create(code="transport", name="县交通运输局")
    traffic.sectors.set([sectors["road_traffic"], sectors["waterway"]])
    emergency = Department.objects.create(code="emergency", name="县应急管理局")
    emergency.sectors.set([sectors["hazardous_chemicals"], sectors["industry_trade"]])
    enterprise_a = Enterprise.objects.create(
        name="甲镇化工有限公司",
        credit_code=_credit_code(1),
        town=town_a,
        sector=sectors["hazardous_chemicals"],
        department=emergency,
    )
    password = make_password(PASSWORD)
    units = {
        "county_admin": (Role.COUNTY_ADMIN, {}),
        "leader": (Role.LEADER, {}),
        "town_a_officer": (Role.TOWN_OFFICER, {"town": town_a}),
        "town_b_officer": (Role.TOWN_OFFICER, {"town": town_b}),
        "traffic_officer": (Role.DEPARTMENT_OFFICER, {"department": traffic}),
        "enterprise_user": (Role.ENTERPRISE_USER, {"enterprise": enterprise_a}),
        "city_admin": (Role.CITY_ADMIN, {"division": city}),
        "other_county_admin": (Role.COUNTY_ADMIN, {"division": county_y}),
    }
    for name, (role, unit) in units.items():
        User.objects.create(username=USERNAMES[name], role=role, password=password, **unit)
    return {
        "town_a": town_a.pk,
        "town_b": town_b.pk,
        "traffic_dept": traffic.pk,
        "enterprise_a": enterprise_a.pk,
    }


if __name__ == "__main__":
    print(json.dumps(create()))
