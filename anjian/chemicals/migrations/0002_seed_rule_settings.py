"""Version 1 of the rule `chemicals.weather_levels` (domain-rules §14, platform defaults)."""

import datetime as dt

from django.db import migrations

KEY = "chemicals.weather_levels"
NOTE = "默认值（domain-rules §14，平台默认）"


def seed(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    if not RuleSetting.objects.filter(key=KEY).exists():
        RuleSetting.objects.create(
            key=KEY,
            value={"rainstorm": "yellow", "typhoon": "yellow", "heat": "orange", "thunder": "blue"},
            effective_from=dt.date(1949, 10, 1),
            version=1,
            note=NOTE,
        )


def unseed(apps, schema_editor):
    apps.get_model("core", "RuleSetting").objects.filter(key=KEY, version=1, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("chemicals", "0001_chemical_stock"), ("core", "0002_rule_settings")]
    operations = [migrations.RunPython(seed, unseed)]
