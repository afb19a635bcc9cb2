"""`anjian sweep`: the periodic checks that create notifications; idempotent, for cron."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from anjian.core.apps_registry import area_modules


class Command(BaseCommand):
    help = "Run the periodic checks (hazards, licences, plans, warnings, rosters)."

    def handle(self, *args, **options):
        now = timezone.now()
        totals: dict[str, int] = {}
        for label, module in area_modules("sweep"):
            for key, value in (module.run(now=now) or {}).items():
                totals[f"{label}.{key}"] = value
        created = sum(totals.values())
        details = ", ".join(f"{k}={v}" for k, v in sorted(totals.items())) or "-"
        self.stdout.write(f"sweep: {created} notifications created ({details})")
