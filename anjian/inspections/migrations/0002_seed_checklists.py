"""Seed the checklist library from anjian/inspections/checklist_data.py (once; later edits are
the county admin's)."""

from django.db import migrations

from anjian.inspections.checklist_data import CHECKLISTS, UNVERIFIED_CRITERIA


def seed(apps, schema_editor):
    Checklist = apps.get_model("inspections", "Checklist")
    Item = apps.get_model("inspections", "ChecklistItem")
    Criterion = apps.get_model("hazards", "HazardCriterion")
    Sector = apps.get_model("accounts", "Sector")
    sectors = dict(Sector.objects.values_list("code", "pk"))
    criteria = {c.code: c for c in Criterion.objects.all()}
    for seed in CHECKLISTS:
        checklist, created = Checklist.objects.get_or_create(code=seed.code, defaults={
            "name": seed.name, "sector_id": sectors.get(seed.sector), "standard": seed.standard,
            "version": seed.version, "effective_on": seed.effective_on,
            "superseded_on": seed.superseded_on, "active": seed.active,
            "description": seed.description})
        if not created:
            continue
        items = []
        for number, entry in enumerate(seed.items, start=1):
            if isinstance(entry, str):
                criterion = criteria.get(entry)
                if criterion is None:  # the hazards app's data changed: the seeding test says so
                    continue
                items.append(Item(checklist=checklist, number=number, clause=criterion.item,
                                  text=criterion.text, is_major_criterion=True,
                                  criterion=criterion, verified=entry not in UNVERIFIED_CRITERIA))
            else:
                items.append(Item(checklist=checklist, number=number, clause=entry.clause,
                                  text=entry.text, is_major_criterion=True,
                                  verified=entry.verified))
        Item.objects.bulk_create(items)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial"), ("hazards", "0002_load_criteria")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
