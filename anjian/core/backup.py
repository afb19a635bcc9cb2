"""Consistent backups of the database and the uploaded files, and their restore.

A backup is a gzip'd tar with `manifest.json`, `data.json` (Django's serialisation of every
platform table, read inside one snapshot transaction) and `media/` (uploads). It is independent
of the database engine, so a SQLite trial can move to PostgreSQL by backup and restore.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

import anjian
from anjian.core import audit, audit_guard

FORMAT = 1
# Tables that migrate recreates or that hold transient state.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]


def backup_create(*, output: Path) -> dict:
    """Write the backup archive to `output`; returns the manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command("dumpdata", exclude=EXCLUDED, output=str(data), verbosity=0)
        media = Path(settings.MEDIA_ROOT)
        files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
        manifest = {
            "format": FORMAT,
            "version": anjian.__version__,
            "database": connection.vendor,
            "media_files": len(files),
        }
        with tarfile.open(output, "w:gz") as tar:
            payload = json.dumps(manifest, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
            tar.add(data, arcname="data.json")
            for path in files:
                tar.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
    # The whole database left the platform: audited like any export (after the dump).
    audit.record_download(actor=None, kind="backup", filename=output.name, via="cli")
    return manifest


def _safe_members(tar: tarfile.TarFile):
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise ValueError(f"unsafe path in backup: {member.name}")
        yield member


def backup_read_manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    if manifest.get("format") != FORMAT:
        raise ValueError(f"unsupported backup format {manifest.get('format')!r}")
    return manifest


def backup_restore(*, path: Path) -> dict:
    """Replace the database contents and the uploads with the backup's, all or nothing."""
    manifest = backup_read_manifest(path)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(path, "r:gz") as tar:
            tar.extractall(tmp, members=list(_safe_members(tar)), filter="data")
        call_command("migrate", interactive=False, verbosity=0)
        # The audit log is append-only; a restore replaces it whole (with its hash chain), so
        # the triggers are off for this one transaction only.
        with transaction.atomic(), audit_guard.triggers_suspended():
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            call_command("loaddata", str(Path(tmp) / "data.json"), verbosity=0)
            # The restored log continues with the restore itself (chained to its own head).
            audit.record_event(
                actor=None,
                action="backup.restore",
                model="backup",
                object_repr=path.name,
                via="cli",
                changes={"version": [None, manifest.get("version")]},
            )
        media_src = Path(tmp) / "media"
        if media_src.exists():
            media = Path(settings.MEDIA_ROOT)
            for source in media_src.rglob("*"):
                if source.is_file():
                    target = media / source.relative_to(media_src)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(source.read_bytes())
    return manifest
