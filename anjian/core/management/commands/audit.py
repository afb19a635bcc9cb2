"""`anjian audit verify` and `anjian audit archive --before DATE -o FILE [--prune]`."""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from anjian.core import audit_archive, audit_chain
from anjian.core.actors import SYSTEM


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--before must be a date like 2024-06-30, got {text!r}") from exc


class Command(BaseCommand):
    help = "Verify the audit log's hash chain, or archive (and prune) old entries."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="check the hash chain; exit 1 at the first break")
        verify.add_argument("--file", help="check an archive file instead of the database")
        archive = sub.add_parser("archive", help="write entries older than DATE to FILE")
        archive.add_argument("--before", required=True, type=_date, metavar="DATE")
        archive.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
        archive.add_argument(
            "--prune",
            action="store_true",
            help="then delete them (only entries older than 180 days)",
        )

    def handle(self, *args, action, **options):
        if action == "verify":
            self._verify(options.get("file"))
        else:
            self._archive(options["before"], options["output"], options["prune"])

    def _verify(self, path: str | None) -> None:
        if path:
            try:
                count, last = audit_archive.verify_file(Path(path))
            except (ValidationError, ValueError, KeyError) as exc:
                self.stderr.write(f"audit archive {path} broken: {exc}")
                raise SystemExit(1) from exc
            self.stdout.write(f"audit archive verified: {count} entries, last hash {last[:16]}")
            return
        result = audit_chain.verify()
        if not result.ok:
            broken = result.broken
            at = timezone.localtime(broken.at).isoformat() if broken.at else "?"
            self.stderr.write(f"audit chain broken at entry #{broken.id} ({at}): {broken.reason}")
            raise SystemExit(1)
        since = f"checkpoint #{result.start_id}" if result.start_id else "the first entry"
        self.stdout.write(
            f"audit chain verified: {result.checked} entries from {since} to "
            f"#{result.last_id}, last hash {result.last_hash[:16]}"
        )

    def _archive(self, before: dt.date, output: Path, prune: bool) -> None:
        try:
            result = audit_archive.audit_archive(
                actor=SYSTEM, before=before, output=output, prune=prune
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        span = f" (#{result.first_id}–#{result.last_id})" if result.count else ""
        done = "archived and pruned" if result.pruned else "archived"
        self.stdout.write(
            f"audit {done}: {result.count} entries before {before}{span} written to {output}"
        )
