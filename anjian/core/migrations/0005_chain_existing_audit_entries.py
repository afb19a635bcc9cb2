"""Chain the entries written before the hash chain existed, oldest first, then set the head.

Their action codes stay as they were ("create", "update", "delete"): rewriting history is what
the chain forbids, and the new dotted codes start with the first entry after the upgrade.
"""

from django.db import migrations

from anjian.core.audit_chain import entry_hash, plain_changes


def chain(apps, schema_editor):
    entry_model = apps.get_model("core", "AuditEntry")
    head_model = apps.get_model("core", "AuditChainHead")
    prev, last_id, batch = "", 0, []
    for entry in entry_model.objects.order_by("id").iterator(chunk_size=2000):
        entry.changes = plain_changes(entry.changes)
        entry.prev_hash = prev
        entry.hash = prev = entry_hash(
            at=entry.at, username=entry.username, action=entry.action, model=entry.model,
            object_id=entry.object_id, object_repr=entry.object_repr, changes=entry.changes,
            via=entry.via, prev_hash=prev)
        last_id = entry.id
        batch.append(entry)
        if len(batch) >= 2000:
            entry_model.objects.bulk_update(batch, ["changes", "prev_hash", "hash"])
            batch = []
    if batch:
        entry_model.objects.bulk_update(batch, ["changes", "prev_hash", "hash"])
    head_model.objects.update_or_create(pk=1, defaults={"last_id": last_id, "last_hash": prev})


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_hash_chain")]

    operations = [migrations.RunPython(chain, migrations.RunPython.noop)]
