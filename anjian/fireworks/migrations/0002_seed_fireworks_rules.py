"""Version 1 of the fireworks rules (domain-rules §13; the intervals UNVERIFIED)."""

import datetime as dt

from django.db import migrations

NOTE = "默认值（domain-rules §13，间隔待核实）"
VALUES = {
    "fireworks.licence_alert_days": [90, 30],
    "fireworks.inspection_interval": {"normal_days": 30, "peak_days": 7},
    "fireworks.follow_up": {"every_days": 91, "months": 12},
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
    dependencies = [
        ("fireworks", "0001_cases_exits_firing_rules"),
        ("core", "0002_rule_settings"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
