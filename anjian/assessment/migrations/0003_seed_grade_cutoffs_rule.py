"""Version 1 of the assessment's grade cut-offs (domain-rules §7): 优秀 90, 良好 80, 合格 60."""

import datetime as dt

from django.db import migrations

SEED_DATE = dt.date(1949, 10, 1)
NOTE = "默认值（domain-rules 2026-11-29）"
KEY = "assessment.grade_cutoffs"
VALUE = {"excellent": 90, "good": 80, "pass": 60}


def seed(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    if not RuleSetting.objects.filter(key=KEY).exists():
        RuleSetting.objects.create(
            key=KEY, value=VALUE, effective_from=SEED_DATE, version=1, note=NOTE
        )


def unseed(apps, schema_editor):
    apps.get_model("core", "RuleSetting").objects.filter(key=KEY, version=1, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0002_annual_assessment_schemes_targets_publications"),
        ("core", "0003_seed_rule_settings"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
