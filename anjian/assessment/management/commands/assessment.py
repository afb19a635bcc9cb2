"""`anjian assessment --year Y -o FILE`: the year's assessment as an .xlsx table or a .docx
(or .md) report in the county's voice."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anjian.assessment import documents, results
from anjian.core import audit
from anjian.core.actors import actor_for

FORMATS = {".xlsx": "xlsx", ".docx": "docx", ".md": "md"}


class Command(BaseCommand):
    help = (
        "Write the annual assessment of a year as an Excel table (.xlsx) or a report (.docx, .md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="the year, e.g. 2025")
        parser.add_argument("-o", "--output", required=True, help="FILE.xlsx, FILE.docx or FILE.md")
        parser.add_argument("--user", default="", help="write it as this user (default: county)")

    def handle(self, *args, year, output, user, **options):
        fmt = FORMATS.get(Path(output).suffix.lower())
        if fmt is None:
            raise CommandError("the output file must end in .xlsx, .docx or .md")
        if not 2000 <= year <= 2100:
            raise CommandError("the year must be from 2000 to 2100")
        actor = actor_for(user)
        rows, published = results.results_for(actor=actor, year=year)
        if fmt == "xlsx":
            with open(output, "wb") as stream:
                documents.write_xlsx(stream, rows, year)
        else:
            Path(output).write_bytes(documents.report_bytes(actor=actor, year=year, fmt=fmt))
        audit.record_download(
            actor=actor,
            kind="assessment",
            filename=Path(output).name,
            query=f"year={year}",
            via="cli",
        )
        vetoed = sum(1 for r in rows if r.get("vetoed"))
        state = f"published v{published.version}" if published else "live"
        self.stdout.write(
            f"assessment {year} ({state}): {len(rows)} units, {vetoed} vetoed; written to {output}"
        )
