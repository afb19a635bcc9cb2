"""Version 1 of the tailings pond rules (domain-rules §12; class bands and aggregation UNVERIFIED)."""

import datetime as dt

from django.db import migrations

NOTE = "默认值（domain-rules §12，部分待核实）"
VALUES = {
    "mines.pond_class_bands": {"v": [10000, 1000, 100], "h": [100, 60, 30]},
    "mines.alarm_aggregation": {"blue": 4, "yellow": 3, "orange": 2, "items_blue": 4},
    "mines.flood_season": {"start": "04-01", "end": "09-30"},
    "mines.pond_inspection_days": {"normal": 30, "flood_season": 7},
    "mines.hazard_deadline_days": 30,
}


def seed(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    for key, value in VALUES.items():
        if not RuleSetting.objects.filter(key=key).exists():
            RuleSetting.objects.create(
                key=key, value=value, effective_from=dt.date(1949, 10, 1), version=1, note=NOTE
            )


def unseed(apps, schema_editor):
    apps.get_model("core", "RuleSetting").objects.filter(
        key__in=list(VALUES), version=1, note=NOTE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("mines", "0001_tailings_ponds"), ("core", "0002_rule_settings")]
    operations = [migrations.RunPython(seed, unseed)]
