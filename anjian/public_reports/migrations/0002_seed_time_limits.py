"""Version 1 of the rule `public_reports.time_limits` (domain-rules §15, UNVERIFIED defaults)."""

import datetime as dt

from django.db import migrations

KEY = "public_reports.time_limits"
NOTE = "默认值（domain-rules §15，2012年办法，待核实）"


def seed(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    if not RuleSetting.objects.filter(key=KEY).exists():
        RuleSetting.objects.create(
            key=KEY, value={"verify_days": 60, "extension_days": 30, "feedback_days": 10},
            effective_from=dt.date(1949, 10, 1), version=1, note=NOTE)


def unseed(apps, schema_editor):
    apps.get_model("core", "RuleSetting").objects.filter(key=KEY, version=1, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("public_reports", "0001_public_reports"), ("core", "0002_rule_settings")]
    operations = [migrations.RunPython(seed, unseed)]
