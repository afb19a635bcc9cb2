"""`anjian export KIND -o FILE.xlsx`: the same columns as the import template."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anjian.core import audit
from anjian.core.actors import actor_for
from anjian.core.excel import exporters


class Command(BaseCommand):
    help = "Export records to Excel with the import template's columns."

    def add_arguments(self, parser):
        parser.add_argument("kind")
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--user", default="", help="scope the export to this user")

    def handle(self, *args, kind, output, user, **options):
        found = exporters()
        if kind not in found:
            raise CommandError(f"unknown KIND {kind!r}; one of: {', '.join(sorted(found))}")
        actor = actor_for(user)
        with open(output, "wb") as stream:
            count = found[kind](actor=actor, stream=stream)
        audit.record_download(
            actor=actor,
            kind=kind.replace("-", "_"),
            filename=Path(output).name,
            rows=count,
            via="cli",
        )
        self.stdout.write(f"export {kind}: {count} rows written to {output}")
