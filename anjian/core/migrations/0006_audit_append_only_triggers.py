"""Triggers that refuse UPDATE and DELETE on the audit log (SQLite and PostgreSQL)."""

from django.db import migrations

from anjian.core import audit_guard


def create(apps, schema_editor):
    audit_guard.install(schema_editor.connection)


def drop(apps, schema_editor):
    for sql in audit_guard.drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_chain_existing_audit_entries")]

    operations = [migrations.RunPython(create, drop)]
