"""`anjian backup` / `anjian restore` round-trip the database and the uploads (real files, real DB)."""

from tests.support.server import anjian, server_env

CREATE = """
from anjian.accounts.models import Town
Town.objects.create(code="t1", name="一镇")
"""
COUNT = """
from anjian.accounts.models import Town
print(sorted(Town.objects.values_list("code", flat=True)))
"""
ACTIONS = """
from anjian.core.models import AuditEntry
print(list(AuditEntry.objects.order_by("id").values_list("action", flat=True)))
"""
CHANGE = """
from anjian.accounts.models import Town
Town.objects.filter(code="t1").delete()
Town.objects.create(code="t2", name="二镇")
"""


def test_backup_then_restore_brings_back_data_and_uploads(tmp_path):
    env = server_env(tmp_path / "data")
    anjian(["migrate", "--noinput"], env=env)
    anjian(["shell", "-v", "0", "-c", CREATE], env=env)
    upload = tmp_path / "data" / "media" / "evidence" / "photo.jpg"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\xff\xd8\xff photo")
    archive = tmp_path / "backup.tar.gz"
    out = anjian(["backup", "-o", str(archive)], env=env)
    assert "1 files" in out.stdout

    anjian(["shell", "-v", "0", "-c", CHANGE], env=env)
    upload.unlink()
    anjian(["restore", str(archive)], env=env)

    assert anjian(["shell", "-v", "0", "-c", COUNT], env=env).stdout.strip() == "['t1']"
    assert upload.read_bytes() == b"\xff\xd8\xff photo"


def test_backup_and_restore_are_audited_and_the_restored_chain_verifies(tmp_path):
    env = server_env(tmp_path / "data")
    anjian(["migrate", "--noinput"], env=env)
    anjian(["shell", "-v", "0", "-c", CREATE], env=env)
    archive = tmp_path / "backup.tar.gz"
    anjian(["backup", "-o", str(archive)], env=env)
    assert (
        anjian(["shell", "-v", "0", "-c", ACTIONS], env=env).stdout.strip() == "['export.backup']"
    )
    anjian(["restore", str(archive)], env=env)
    # The log is the backup's (taken before its own entry), continued by the restore.
    actions = anjian(["shell", "-v", "0", "-c", ACTIONS], env=env).stdout.strip()
    assert actions == "['backup.restore']"
    assert anjian(["audit", "verify"], env=env).returncode == 0


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    env = server_env(tmp_path / "data")
    anjian(["migrate", "--noinput"], env=env)
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tarball")
    result = anjian(["restore", str(bogus)], env=env, check=False)
    assert result.returncode == 1 and "not a usable backup" in result.stderr
