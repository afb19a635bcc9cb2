"""Database triggers that keep the audit log append-only, on SQLite and on PostgreSQL.

UPDATE and DELETE on `core_auditentry` and `core_auditcheckpoint` are refused by the database
itself, whoever asks. The one exception is pruning archived entries (`anjian audit archive
--prune`): inside its transaction it writes an `AuditPrunePermit` naming an existing checkpoint,
and the delete trigger lets through only entries at or before that checkpoint. Restoring a backup
replaces the whole log and suspends the triggers for that one transaction.
"""

from contextlib import contextmanager

from django.db import connection, transaction

_PERMITTED = (
    "EXISTS (SELECT 1 FROM core_auditprunepermit p JOIN core_auditcheckpoint c "
    "ON c.up_to_id = p.up_to_id WHERE OLD.id <= p.up_to_id)"
)
REFUSED = "the audit log is append-only"

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry
        BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry
        WHEN NOT {_PERMITTED}
        BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_auditcheckpoint_no_update
        BEFORE UPDATE ON core_auditcheckpoint
        BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_auditcheckpoint_no_delete
        BEFORE DELETE ON core_auditcheckpoint
        BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE refused'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
    "DROP TRIGGER IF EXISTS core_auditcheckpoint_no_update",
    "DROP TRIGGER IF EXISTS core_auditcheckpoint_no_delete",
]

POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION anjian_audit_append_only() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'core_auditentry' AND {_PERMITTED} THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '{REFUSED}: % refused on %', TG_OP, TG_TABLE_NAME;
    END; $$ LANGUAGE plpgsql""",
    # DROP + CREATE rather than CREATE OR REPLACE TRIGGER, which needs PostgreSQL 14.
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry",
    """CREATE TRIGGER core_auditentry_append_only
        BEFORE UPDATE OR DELETE ON core_auditentry
        FOR EACH ROW EXECUTE PROCEDURE anjian_audit_append_only()""",
    "DROP TRIGGER IF EXISTS core_auditcheckpoint_append_only ON core_auditcheckpoint",
    """CREATE TRIGGER core_auditcheckpoint_append_only
        BEFORE UPDATE OR DELETE ON core_auditcheckpoint
        FOR EACH ROW EXECUTE PROCEDURE anjian_audit_append_only()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditcheckpoint_append_only ON core_auditcheckpoint",
]


def create_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, [])


def drop_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, [])


def _run(statements: list[str], using=connection) -> None:
    with using.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(using=connection) -> None:
    """Create the triggers (idempotent)."""
    _run(create_sql(using.vendor), using)


@contextmanager
def triggers_suspended(using=connection):
    """Drop the triggers for one transaction (restoring a whole backup, test flushes)."""
    with transaction.atomic(using=using.alias):
        _run(drop_sql(using.vendor), using)
        yield
        install(using)


@contextmanager
def prune_permitted(*, up_to_id: int):
    """Inside: entries up to the checkpoint `up_to_id` may be deleted (the caller's transaction)."""
    from anjian.core.models import AuditPrunePermit

    with transaction.atomic():
        permit = AuditPrunePermit.objects.create(up_to_id=up_to_id)
        yield
        permit.delete()
