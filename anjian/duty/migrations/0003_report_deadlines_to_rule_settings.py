"""The reporting deadlines move to the versioned rule `duty.report_deadlines` (core.RuleSetting):
the county's current values become version 1, in force for every record's date."""

import datetime as dt

from django.db import migrations

SEED_DATE = dt.date(1949, 10, 1)
KEY = "duty.report_deadlines"
DEFAULTS = {"phone": {"minutes": 30, "grade_relevant_only": False},
            "written": {"minutes": 60, "grade_relevant_only": True}}


def forward(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    ReportDeadline = apps.get_model("duty", "ReportDeadline")
    if RuleSetting.objects.filter(key=KEY).exists():
        return
    value = {row.kind: {"minutes": row.minutes, "grade_relevant_only": row.grade_relevant_only}
             for row in ReportDeadline.objects.all()} or DEFAULTS
    RuleSetting.objects.create(key=KEY, value=value, effective_from=SEED_DATE, version=1,
                               note="由值班报送时限设置迁移")


def backward(apps, schema_editor):
    RuleSetting = apps.get_model("core", "RuleSetting")
    ReportDeadline = apps.get_model("duty", "ReportDeadline")
    found = (RuleSetting.objects.filter(key=KEY).order_by("-effective_from", "-version")
             .values_list("value", flat=True).first()) or DEFAULTS
    for kind, rule in found.items():
        ReportDeadline.objects.update_or_create(kind=kind, defaults={
            "minutes": rule["minutes"], "grade_relevant_only": rule["grade_relevant_only"]})


class Migration(migrations.Migration):
    dependencies = [("duty", "0002_default_report_deadlines"), ("core", "0002_rule_settings")]
    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="ReportDeadline"),
    ]
