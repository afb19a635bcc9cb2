"""Version 1 of the rule `roads.accident_cluster` (domain-rules §17, UNVERIFIED default)."""

import datetime as dt

from django.db import migrations

KEY = "roads.accident_cluster"
NOTE = "默认值（domain-rules §17，浙江做法，待核实）"


def seed(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    if not RuleSetting.objects.filter(key=KEY).exists():
        RuleSetting.objects.create(
            key=KEY,
            value={"accidents": 3, "metres": 1000, "days": 365},
            effective_from=dt.date(1949, 10, 1),
            version=1,
            note=NOTE,
        )


def unseed(apps, schema_editor):
    apps.get_model("core", "RuleSetting").objects.filter(key=KEY, version=1, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("roads", "0001_road_sections"), ("core", "0002_rule_settings")]
    operations = [migrations.RunPython(seed, unseed)]
