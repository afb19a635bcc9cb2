"""The installation's one county becomes a county division under a city: its towns, departments,
county-level users (admins, leaders, the auditor) and department officers point at it, so
nothing changes for them."""

import re

from django.db import migrations


def forwards(apps, schema_editor):
    County = apps.get_model("accounts", "County")
    Division = apps.get_model("accounts", "Division")
    Town = apps.get_model("accounts", "Town")
    Department = apps.get_model("accounts", "Department")
    User = apps.get_model("accounts", "User")
    county = County.objects.order_by("pk").first()
    if county is None or Division.objects.exists():
        return
    code = county.code if re.fullmatch(r"[0-9]{6}", county.code or "") else "990121"
    city_code = code[:4] + "00"
    city = Division.objects.create(
        code=city_code, name="上级市", level="city", parent=None, path=f"{city_code}/"
    )
    division = Division.objects.create(
        code=code,
        name=county.name,
        level="county",
        parent=city,
        path=f"{city_code}/{code}/",
        lng=county.lng,
        lat=county.lat,
    )
    Town.objects.update(county=division, city=city, province=None)
    Department.objects.update(division=division)
    # County-level accounts, and department officers (their account names the division their
    # department serves, units.py reads it from there).
    User.objects.filter(
        role__in=["county_admin", "leader", "audit_admin", "department_officer"]
    ).update(division=division)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_divisions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
