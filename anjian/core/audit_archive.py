"""Archiving old audit entries to a JSON-lines file and pruning them, keeping the chain whole.

Retention is at least 180 days (网络安全法 Art. 21): only entries older than that may be pruned.
Pruning leaves an `AuditCheckpoint` with the last archived entry's id and hash; the next entry
names that hash as its `prev_hash`, so `verify` starts at the checkpoint and still sees every
link. The archive file carries each entry with its `prev_hash` and `hash`, so it can be checked
on its own (`verify_file`).
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import audit, audit_chain, audit_guard
from anjian.core.models import AuditCheckpoint, AuditEntry

RETENTION_DAYS = 180


@dataclass(frozen=True)
class ArchiveResult:
    count: int
    first_id: int | None
    last_id: int | None
    last_hash: str
    pruned: bool


def _line(entry: AuditEntry) -> str:
    return json.dumps(
        {
            "id": entry.id,
            "at": entry.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "user": entry.username,
            "action": entry.action,
            "model": entry.model,
            "object_id": entry.object_id,
            "object": entry.object_repr,
            "changes": entry.changes,
            "via": entry.via,
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_archive(*, actor, before: dt.date, output: Path, prune: bool = False) -> ArchiveResult:
    """Write the entries older than `before` (and after the last checkpoint) to `output`;
    with `prune`, delete them and leave a checkpoint. Refuses a broken chain."""
    if prune and before > timezone.localdate() - dt.timedelta(days=RETENTION_DAYS):
        raise ValidationError(
            _("Only entries older than %(days)d days may be pruned (网络安全法 Art. 21).")
            % {"days": RETENTION_DAYS}
        )
    check = audit_chain.verify()
    if not check.ok:
        raise ValidationError(
            _("The audit chain is broken at entry #%(id)s; nothing archived.")
            % {"id": check.broken.id}
        )
    with transaction.atomic():
        audit_chain.lock_head()
        checkpoint = audit_chain.latest_checkpoint()
        start = checkpoint.up_to_id if checkpoint else 0
        entries = AuditEntry.objects.filter(id__gt=start, at__lt=_start_of(before)).order_by("id")
        digest, count, first, last = hashlib.sha256(), 0, None, None
        with open(output, "w", encoding="utf-8") as stream:
            for entry in entries.iterator(chunk_size=2000):
                line = _line(entry) + "\n"
                stream.write(line)
                digest.update(line.encode("utf-8"))
                count, last = count + 1, entry
                first = first or entry
        if prune and last is not None:
            AuditCheckpoint.objects.create(
                up_to_id=last.id,
                up_to_at=last.at,
                hash=last.hash,
                count=count,
                file=str(output)[:500],
                file_sha256=digest.hexdigest(),
            )
            with audit_guard.prune_permitted(up_to_id=last.id):
                AuditEntry.objects.filter(id__lte=last.id).delete()
        if count:
            audit.record_event(
                actor=actor,
                action="audit.prune" if prune else "audit.archive",
                model="auditentry",
                object_id=str(last.id),
                object_repr=Path(output).name,
                via="cli",
                changes={
                    "entries": [None, count],
                    "first_id": [None, first.id],
                    "last_id": [None, last.id],
                    "file_sha256": [None, digest.hexdigest()],
                },
            )
    return ArchiveResult(
        count,
        first.id if first else None,
        last.id if last else None,
        last.hash if last else "",
        prune and count > 0,
    )


def verify_file(path: Path) -> tuple[int, str]:
    """Check an archive file's own chain; returns (entries, last hash). Raises on a break."""
    prev, count = None, 0
    with open(path, encoding="utf-8") as stream:
        for number, text in enumerate(stream, start=1):
            row = json.loads(text)
            if prev is not None and row["prev_hash"] != prev:
                raise ValidationError(f"line {number} (entry #{row['id']}): broken link")
            expected = audit_chain.entry_hash(
                at=dt.datetime.fromisoformat(row["at"]),
                username=row["user"],
                action=row["action"],
                model=row["model"],
                object_id=row["object_id"],
                object_repr=row["object"],
                changes=row["changes"],
                via=row["via"],
                prev_hash=row["prev_hash"],
            )
            if expected != row["hash"]:
                raise ValidationError(f"line {number} (entry #{row['id']}): hash mismatch")
            prev, count = row["hash"], count + 1
    return count, prev or ""
