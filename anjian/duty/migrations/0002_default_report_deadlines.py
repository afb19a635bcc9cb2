"""Default reporting deadlines (domain rules §6): phone within 30 minutes; written within 1 hour
for 较大 and above. The county admin can change them."""

from django.db import migrations

DEFAULTS = [("phone", 30, False), ("written", 60, True)]


def create(apps, schema_editor):
    ReportDeadline = apps.get_model("duty", "ReportDeadline")
    for kind, minutes, grade_only in DEFAULTS:
        ReportDeadline.objects.get_or_create(
            kind=kind, defaults={"minutes": minutes, "grade_relevant_only": grade_only})


class Migration(migrations.Migration):
    dependencies = [("duty", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
