from django.db import migrations

from anjian.accounts.sectors import DEFAULT_SECTORS


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("accounts", "Sector")
    for i, (code, name) in enumerate(DEFAULT_SECTORS):
        Sector.objects.get_or_create(code=code, defaults={"name": name, "ordering": i})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(create_sectors, migrations.RunPython.noop)]
