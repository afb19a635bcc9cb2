"""`anjian briefing --period P -o FILE`: the safety-meeting material, .docx (GB/T 9704) or .md."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from anjian.accidents import stats
from anjian.core import audit
from anjian.core.actors import actor_for
from anjian.core.documents import render_official
from anjian.reports.briefing import build_briefing

FORMATS = {".md": "md", ".docx": "docx"}


class Command(BaseCommand):
    help = "Write the safety-meeting briefing of a period as Word (.docx) or Markdown (.md)."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="2026-11, 2026-Q1 or 2026")
        parser.add_argument("-o", "--output", required=True, help="FILE.docx or FILE.md")
        parser.add_argument("--user", default="", help="write it as this user (default: county)")

    def handle(self, *args, period, output, user, **options):
        fmt = FORMATS.get(Path(output).suffix.lower())
        if fmt is None:
            raise CommandError("the output file must end in .docx or .md")
        actor = actor_for(user)
        try:
            document, data = build_briefing(actor=actor, period=stats.period_param(period))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        Path(output).write_bytes(render_official(document, fmt))
        audit.record_download(
            actor=actor,
            kind="briefing",
            filename=Path(output).name,
            query=f"period={data['period']}",
            via="cli",
        )
        self.stdout.write(
            f"briefing {data['period']}: {data['count']} accidents, "
            f"{data['deaths']} deaths; written to {output}"
        )
