"""Version 1 of the forest-fire rules (domain-rules §11, UNVERIFIED defaults)."""

import datetime as dt

from django.db import migrations

NOTE = "默认值（domain-rules §11，待核实）"
VALUES = {
    "forestfire.patrols": {
        "base": 1,
        "raised": 2,
        "raise_at_level": 4,
        "holidays": ["清明节", "三月三", "春节", "劳动节"],
    },
    "forestfire.notice_level": 4,
    "forestfire.permit_void_level": 4,
    "forestfire.watch_lookback_days": 365,
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
        ("forestfire", "0001_fires_danger_permits_watch_areas"),
        ("core", "0002_rule_settings"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
