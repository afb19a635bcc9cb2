"""`anjian import KIND FILE.xlsx [--dry-run]`: all rows or none; exit status 1 on any error."""

import sys

from django.core.management.base import BaseCommand, CommandError

from anjian.core.actors import actor_for
from anjian.core.excel import importers, run_import


class Command(BaseCommand):
    help = "Import an Excel file made from a template (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("kind")
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--user", default="", help="act as this user (default: the system)")

    def handle(self, *args, kind, file, dry_run, user, **options):
        found = importers()
        if kind not in found:
            raise CommandError(f"unknown KIND {kind!r}; one of: {', '.join(sorted(found))}")
        actor = actor_for(user)
        result = run_import(found[kind](actor=actor), file, dry_run=dry_run)
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            self.stderr.write(
                f"import {kind}: {len(result.errors)} errors in {result.rows} rows; "
                "nothing was saved"
            )
            sys.exit(1)
        verb = "checked" if dry_run else "imported"
        self.stdout.write(f"import {kind}: {result.rows} rows {verb}")
