"""The audit log: no secrets, a hash chain that verifies, triggers that refuse changes,
archive and prune that keep the chain whole."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from anjian.accounts.models import Role, Town, User
from anjian.accounts.services import reference_create, user_create
from anjian.core import audit, audit_chain, audit_guard
from anjian.core.models import AuditCheckpoint, AuditEntry

PASSWORD = "Kq7#mVt2!pLx"


def _towns(n: int, actor=None) -> list[Town]:
    return [
        reference_create(actor=actor, model=Town, code=f"t{i}", name=f"镇{i}") for i in range(n)
    ]


def _verify(capsys) -> tuple[int, str]:
    try:
        call_command("audit", "verify")
    except SystemExit as exc:
        return exc.code, capsys.readouterr().err
    return 0, capsys.readouterr().out


# --- secrets -------------------------------------------------------------------------------


def test_creating_an_account_records_no_password_hash(county_admin):
    user = user_create(actor=county_admin, username="new_p", password=PASSWORD, role=Role.LEADER)
    entry = AuditEntry.objects.get(model="user", object_id=str(user.pk))
    assert entry.changes["password"] == [None, audit.REDACTED]
    assert user.password not in json.dumps(entry.changes)
    assert "md5$" not in json.dumps(entry.changes) and "argon2" not in json.dumps(entry.changes)


def test_changing_a_password_is_recorded_as_changed_without_either_hash(county_admin, leader):
    before = audit.snapshot(leader)
    old_hash = leader.password
    leader.set_password(PASSWORD)
    leader.save()
    entry = audit.record_update(actor=county_admin, instance=leader, before=before)
    assert entry.action == "user.update"
    assert entry.changes == {"password": [audit.REDACTED, audit.REDACTED]}
    text = json.dumps(AuditEntry.objects.get(pk=entry.pk).changes)
    assert old_hash not in text and leader.password not in text


def test_an_unchanged_password_is_no_change(county_admin, leader):
    before = audit.snapshot(leader)
    leader.first_name = "王"
    leader.save()
    entry = audit.record_update(actor=county_admin, instance=leader, before=before)
    assert set(entry.changes) == {"first_name"}


@pytest.mark.parametrize(
    "field",
    [
        "token",
        "key",
        "digest",
        "otp_secret",
        "recovery_codes",
        "session_key",
        "new_password",
        "totp_key",
        "access_token",
        "client_secret",
    ],
)
def test_secret_fields_handed_to_record_are_scrubbed(county_admin, field):
    entry = audit.record(
        actor=county_admin,
        action="token.issue",
        instance=county_admin,
        changes={field: [None, "s3cr3t-value"], "expires_at": [None, "x"]},
    )
    assert entry.changes[field] == [None, audit.REDACTED]
    assert entry.changes["expires_at"] == [None, "x"]


# --- the chain -----------------------------------------------------------------------------


def test_each_entry_links_to_the_one_before(county_admin):
    _towns(3, county_admin)
    entries = list(AuditEntry.objects.order_by("id"))
    assert entries[0].prev_hash == "" and len(entries[0].hash) == 64
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
        assert audit_chain.hash_of(after, before.hash) == after.hash


def test_bulk_created_entries_are_chained_one_by_one(county_admin, town_a):
    towns = [Town(code=f"b{i}", name=f"乙{i}") for i in range(5)]
    Town.objects.bulk_create(towns)
    audit.bulk_record_create(actor=county_admin, instances=towns, via="import")
    assert AuditEntry.objects.filter(action="town.create", via="import").count() == 5
    assert audit_chain.verify().ok and audit_chain.verify().checked == 5


def test_verify_passes_and_says_so_in_one_line(county_admin, capsys):
    _towns(4, county_admin)
    code, out = _verify(capsys)
    assert code == 0
    assert out.strip().count("\n") == 0 and "4 entries" in out


def _tamper(sql: str, params: list) -> None:
    """Change the log behind the platform's back: drop the triggers, write, put them back."""
    with transaction.atomic(), connection.cursor() as cursor:
        for drop in audit_guard.drop_sql(connection.vendor):
            cursor.execute(drop)
        cursor.execute(sql, params)
        audit_guard.install(connection)


def test_a_row_changed_behind_the_platforms_back_breaks_the_chain_at_that_row(county_admin, capsys):
    _towns(5, county_admin)
    target = AuditEntry.objects.order_by("id")[2]
    _tamper(
        "UPDATE core_auditentry SET changes = %s WHERE id = %s",
        [json.dumps({"name": [None, "改过的镇"]}), target.id],
    )
    code, err = _verify(capsys)
    assert code == 1
    assert f"#{target.id}" in err
    assert timezone.localtime(target.at).isoformat()[:19] in err


def test_a_deleted_row_breaks_the_chain_at_the_next_one(county_admin, capsys):
    _towns(4, county_admin)
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [ids[1]])
    code, err = _verify(capsys)
    assert code == 1 and f"#{ids[2]}" in err


def test_a_deleted_last_row_is_noticed(county_admin, capsys):
    _towns(3, county_admin)
    last = AuditEntry.objects.order_by("-id").first()
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [last.id])
    code, err = _verify(capsys)
    assert code == 1 and "missing" in err


# --- immutability --------------------------------------------------------------------------


def test_the_database_refuses_to_update_an_entry(county_admin):
    _towns(1, county_admin)
    entry = AuditEntry.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="town.delete")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET username = 'x'")
    assert AuditEntry.objects.get().action == "town.create"


def test_the_database_refuses_to_delete_an_entry(county_admin):
    _towns(1, county_admin)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")
    assert AuditEntry.objects.count() == 1


def test_a_user_who_acted_cannot_be_deleted_only_deactivated(county_admin):
    _towns(1, county_admin)
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 - ProtectedError
        county_admin.delete()
    assert User.objects.filter(pk=county_admin.pk).exists()


# --- archive and prune ---------------------------------------------------------------------


@pytest.fixture
def aged_log(county_admin, monkeypatch):
    """Entries written 400 days ago, then a few today."""
    old = timezone.now() - dt.timedelta(days=400)
    monkeypatch.setattr(audit_chain.timezone, "now", lambda: old)
    _towns(6, county_admin)
    monkeypatch.undo()
    reference_create(actor=county_admin, model=Town, code="new", name="新镇")
    return old


def test_archive_and_prune_keep_the_chain_verifying(aged_log, tmp_path, capsys):
    before = (timezone.localdate() - dt.timedelta(days=200)).isoformat()
    out = tmp_path / "audit-2025.jsonl"
    call_command("audit", "archive", "--before", before, "-o", str(out), "--prune")
    assert "6 entries" in capsys.readouterr().out
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 6 and all(len(row["hash"]) == 64 for row in lines)
    checkpoint = AuditCheckpoint.objects.get()
    assert checkpoint.hash == lines[-1]["hash"] and checkpoint.up_to_id == lines[-1]["id"]
    assert not AuditEntry.objects.filter(id__lte=checkpoint.up_to_id).exists()
    assert AuditEntry.objects.filter(action="audit.prune").exists()
    code, msg = _verify(capsys)
    assert code == 0, msg
    assert f"checkpoint #{checkpoint.up_to_id}" in msg
    call_command("audit", "verify", "--file", str(out))
    assert "6 entries" in capsys.readouterr().out


def test_entries_younger_than_180_days_are_never_pruned(aged_log, tmp_path):
    before = (timezone.localdate() - dt.timedelta(days=100)).isoformat()
    with pytest.raises(CommandError, match="180"):
        call_command(
            "audit", "archive", "--before", before, "-o", str(tmp_path / "a.jsonl"), "--prune"
        )
    assert AuditEntry.objects.count() == 7 and not AuditCheckpoint.objects.exists()


def test_archiving_without_prune_keeps_every_entry(aged_log, tmp_path, capsys):
    before = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    call_command("audit", "archive", "--before", before, "-o", str(tmp_path / "a.jsonl"))
    assert AuditEntry.objects.filter(action__startswith="town.").count() == 7
    assert _verify(capsys)[0] == 0


def test_a_checkpoint_cannot_be_changed_and_allows_no_later_delete(aged_log, tmp_path):
    before = (timezone.localdate() - dt.timedelta(days=200)).isoformat()
    call_command("audit", "archive", "--before", before, "-o", str(tmp_path / "a.jsonl"), "--prune")
    checkpoint = AuditCheckpoint.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditCheckpoint.objects.filter(pk=checkpoint.pk).update(up_to_id=10**9)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()  # newer than the checkpoint: still refused


# --- the demo ------------------------------------------------------------------------------


@pytest.mark.slow
def test_verify_passes_on_the_demo(capsys, sectors):
    from anjian.demo import loader

    loader.load()
    assert User.objects.filter(username="auditor", role=Role.AUDIT_ADMIN).exists()
    assert AuditEntry.objects.count() > 1000
    code, out = _verify(capsys)
    assert code == 0, out
    for entry in AuditEntry.objects.filter(model="user"):
        assert "$" not in json.dumps(entry.changes)  # no password hash of any demo account


# --- separation of duties ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_county_admin_reads_the_log_but_no_endpoint_changes_it(api_as, county_admin, method):
    _towns(1, county_admin)
    entry = AuditEntry.objects.get()
    api = api_as(county_admin)
    assert api.get("/api/v1/audit/").status_code == 200
    assert getattr(api, method)(
        f"/api/v1/audit/{entry.pk}/", {"action": "x"}, format="json"
    ).status_code in (403, 405)
    assert getattr(api, method)("/api/v1/audit/", {"action": "x"}, format="json").status_code in (
        403,
        405,
    )
    assert AuditEntry.objects.get().action == "town.create"


@pytest.mark.parametrize(
    "persona", ["leader", "town_a_officer", "traffic_officer", "enterprise_user"]
)
def test_other_roles_cannot_read_the_log(request, api_as, login, persona):
    user = request.getfixturevalue(persona)
    assert api_as(user).get("/api/v1/audit/").status_code == 403
    assert login(user).get("/audit/").status_code == 403


def test_the_audit_page_lists_entries_newest_first_and_filters(login, county_admin):
    _towns(2, county_admin)
    reference_create(actor=county_admin, model=Town, code="zz", name="最后镇")
    client = login(county_admin)
    html = client.get("/audit/").content.decode()
    assert html.index("最后镇") < html.index("镇0")
    assert "town.create" in html and AuditEntry.objects.last().hash[:12] in html
    filtered = client.get(
        "/audit/", {"object_id": str(Town.objects.get(code="zz").pk), "model": "town"}
    ).content.decode()
    assert "最后镇" in filtered and "镇0" not in filtered
