"""Version 1 of every configurable rule: the values domain-rules.md gave on 2026-11-29."""

import datetime as dt

from django.db import migrations

SEED_DATE = dt.date(1949, 10, 1)
NOTE = "默认值（domain-rules 2026-11-29）"
VALUES = {
    "hazards.reminder_days": 3,
    "accidents.supplementary_days": {"default": 30, "road_traffic": 7, "fire": 7},
    "duty.holiday_reminder_days": 7,
    "risks.control_levels": {"major": "enterprise", "large": "department",
                             "general": "workshop", "low": "post"},
}


def seed(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    for key, value in VALUES.items():
        if not RuleSetting.objects.filter(key=key).exists():
            RuleSetting.objects.create(key=key, value=value, effective_from=SEED_DATE,
                                       version=1, note=NOTE)


def unseed(apps, schema_editor):
    apps.get_model("core", "RuleSetting").objects.filter(version=1, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_rule_settings")]
    operations = [migrations.RunPython(seed, unseed)]
