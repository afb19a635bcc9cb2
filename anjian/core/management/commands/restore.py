import sys
import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand

from anjian.core.backup import backup_read_manifest, backup_restore


class Command(BaseCommand):
    help = "Replace the database and uploads with a backup's contents (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the archive and print its manifest; change nothing",
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            manifest = (
                backup_read_manifest if dry_run else lambda path: backup_restore(path=path)
            )(Path(file))
        except (OSError, ValueError, KeyError, tarfile.TarError) as exc:
            self.stderr.write(f"restore: {file} is not a usable backup: {exc}")
            sys.exit(1)
        verb = "checked" if dry_run else "restored"
        self.stdout.write(
            f"restore: {file} {verb} (version {manifest['version']}, "
            f"{manifest['media_files']} files)"
        )
