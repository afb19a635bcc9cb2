"""Version 1 of the rule `workforce.inspector_training_hours` (domain-rules §9: set by the county,
default 40 hours a year)."""

import datetime as dt

from django.db import migrations

KEY = "workforce.inspector_training_hours"
NOTE = "默认值（domain-rules §9，由县级设定）"


def seed(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    if not RuleSetting.objects.filter(key=KEY).exists():
        RuleSetting.objects.create(
            key=KEY, value=40, effective_from=dt.date(1949, 10, 1), version=1, note=NOTE
        )


def unseed(apps, schema_editor):
    apps.get_model("core", "RuleSetting").objects.filter(key=KEY, version=1, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0001_inspectors_trainings_inductions"),
        ("core", "0002_rule_settings"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
