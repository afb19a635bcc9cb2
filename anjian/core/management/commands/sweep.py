"""`anjian sweep`: the periodic checks that create notifications; idempotent, for cron."""

from django.core.management.base import BaseCommand

from anjian.core import clock
from anjian.core.hooks import resolve


class Command(BaseCommand):
    help = "Run the periodic checks (hazards, licences, plans, warnings, rosters)."

    def handle(self, *args, **options):
        now = clock.now()
        totals: dict[str, int] = {}
        for label, run in resolve("SWEEP_STEPS"):
            for key, value in (run(now=now) or {}).items():
                totals[f"{label}.{key}"] = value
        created = sum(totals.values())
        details = ", ".join(f"{k}={v}" for k, v in sorted(totals.items())) or "-"
        self.stdout.write(f"sweep: {created} notifications created ({details})")
