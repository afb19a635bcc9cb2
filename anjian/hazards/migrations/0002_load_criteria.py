"""Load the national major-hazard criteria (anjian/hazards/criteria.py) as data."""

from django.db import migrations

from anjian.hazards.criteria import criteria_rows


def load_criteria(apps, schema_editor):
    Criterion = apps.get_model("hazards", "HazardCriterion")
    Sector = apps.get_model("accounts", "Sector")
    sectors = dict(Sector.objects.values_list("code", "pk"))
    for row in criteria_rows():
        row = dict(row)
        sector_code = row.pop("sector_code")
        Criterion.objects.update_or_create(
            code=row.pop("code"), defaults={**row, "sector_id": sectors.get(sector_code)})


class Migration(migrations.Migration):
    dependencies = [("hazards", "0001_initial"), ("accounts", "0003_default_sectors")]
    operations = [migrations.RunPython(load_criteria, migrations.RunPython.noop)]
