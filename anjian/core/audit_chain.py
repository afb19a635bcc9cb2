"""The audit log's hash chain, its append lock and its verification.

Every entry's `hash` is SHA-256 over its canonical content (time, user, action, model, object id,
object, changes, via) and `prev_hash`, the previous entry's hash. Appenders first UPDATE the one
row of `AuditChainHead` inside their transaction: on PostgreSQL that row lock, on SQLite the write
lock the UPDATE takes, make concurrent appenders wait for each other, so the chain never forks.
Ids are given out while the lock is held, so id order is chain order.

Archiving moves old entries to a file and leaves an `AuditCheckpoint` with the last archived
hash; verification starts there (see `docs/access.md`, "Audit").
"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from anjian.core.models import AuditChainHead, AuditCheckpoint, AuditEntry

GENESIS = ""


def plain_changes(changes: dict) -> dict:
    """The changes exactly as the JSON column gives them back (so the stored value hashes alike)."""
    return json.loads(json.dumps(changes or {}, ensure_ascii=False, default=str))


def _utc(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def entry_hash(
    *,
    at: dt.datetime,
    username: str,
    action: str,
    model: str,
    object_id: str,
    object_repr: str,
    changes: dict,
    via: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of one entry's canonical JSON, chained to `prev_hash`."""
    canonical = json.dumps(
        {
            "at": _utc(at),
            "user": username,
            "action": action,
            "model": model,
            "object_id": object_id,
            "object": object_repr,
            "changes": changes,
            "via": via,
            "prev": prev_hash,
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def hash_of(entry: AuditEntry, prev_hash: str) -> str:
    return entry_hash(
        at=entry.at,
        username=entry.username,
        action=entry.action,
        model=entry.model,
        object_id=entry.object_id,
        object_repr=entry.object_repr,
        changes=entry.changes,
        via=entry.via,
        prev_hash=prev_hash,
    )


def lock_head() -> AuditChainHead:
    """Take the chain's append lock (held until the surrounding transaction ends)."""
    # A no-op UPDATE first: it takes SQLite's write lock (or PostgreSQL's row lock) before
    # anything is read, so two appenders never both read the same head.
    if not AuditChainHead.objects.filter(pk=1).update(last_id=F("last_id")):
        AuditChainHead.objects.get_or_create(pk=1)
    return AuditChainHead.objects.select_for_update(of=("self",)).get(pk=1)


def append(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Chain and save `entries` (unsaved) in order; returns them saved."""
    if not entries:
        return entries
    with transaction.atomic():
        head = lock_head()
        prev = head.last_hash
        now = timezone.now()  # taken under the lock, so time order is chain order
        for entry in entries:
            entry.at = now
            entry.changes = plain_changes(entry.changes)
            entry.prev_hash = prev
            entry.hash = prev = hash_of(entry, prev)
        if len(entries) == 1:
            entries[0].save(force_insert=True)
        else:
            AuditEntry.objects.bulk_create(entries, batch_size=1000)
        last_id = (
            entries[-1].pk
            or AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
        )
        AuditChainHead.objects.filter(pk=1).update(last_id=last_id, last_hash=prev)
    return entries


@dataclass(frozen=True)
class Broken:
    """The first entry whose hash or link does not match."""

    id: int
    at: dt.datetime
    reason: str


@dataclass(frozen=True)
class Verification:
    checked: int
    start_id: int
    last_id: int
    last_hash: str
    broken: Broken | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def latest_checkpoint() -> AuditCheckpoint | None:
    return AuditCheckpoint.objects.order_by("-up_to_id").first()


def _entries_after(after_id: int, batch: int = 2000) -> Iterator[AuditEntry]:
    last = after_id
    while True:
        rows = list(AuditEntry.objects.filter(id__gt=last).order_by("id")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def verify() -> Verification:
    """Walk the chain from the newest checkpoint (or the start) and report the first break."""
    checkpoint = latest_checkpoint()
    prev = checkpoint.hash if checkpoint else GENESIS
    start = checkpoint.up_to_id if checkpoint else 0
    count, last_id = 0, start
    for entry in _entries_after(start):
        if entry.prev_hash != prev:
            return Verification(
                count,
                start,
                last_id,
                prev,
                Broken(entry.id, entry.at, "link to the previous entry"),
            )
        if hash_of(entry, prev) != entry.hash:
            return Verification(
                count,
                start,
                last_id,
                prev,
                Broken(entry.id, entry.at, "content does not match its hash"),
            )
        prev, last_id, count = entry.hash, entry.id, count + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if (
        head is not None
        and head.last_id
        and head.last_hash
        and (head.last_hash != prev or head.last_id != last_id)
    ):
        at = AuditEntry.objects.filter(pk=last_id).values_list("at", flat=True).first()
        return Verification(
            count, start, last_id, prev, Broken(last_id, at, "entries after this one are missing")
        )
    return Verification(count, start, last_id, prev, None)
