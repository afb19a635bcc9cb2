"""`anjian stats accidents --period P [--town CODE] [--sector CODE] --json`."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from anjian.accidents import stats
from anjian.core.actors import actor_for


class Command(BaseCommand):
    help = "Print the accident statistics object of a period (the API's stats/accidents/)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["accidents"])
        parser.add_argument("--period", required=True, help="2024-03, 2024-Q1 or 2024")
        parser.add_argument("--town", default="", help="town code")
        parser.add_argument("--sector", default="", help="sector code")
        parser.add_argument("--json", action="store_true", help="JSON on standard output")
        parser.add_argument("--user", default="", help="scope to this user (default: county)")

    def handle(self, *args, kind, period, town, sector, json: bool, user, **options):
        try:
            data = stats.accident_stats(
                actor=actor_for(user), period=stats.period_param(period), town=town, sector=sector
            )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(
                    f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
                )
            ) from exc
        if json:
            self.stdout.write(_dumps(data))
            return
        change = data["change"]
        self.stdout.write(
            f"{data['period']}: {data['count']} accidents ({_signed(change['count'])}), "
            f"{data['deaths']} deaths ({_signed(change['deaths'])}), "
            f"direct loss {data['direct_loss']} yuan"
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _signed(value: int) -> str:
    return f"{value:+d} on a year earlier"
