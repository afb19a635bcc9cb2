"""`anjian otp_reset USERNAME`: a user lost the phone; the next login enrols a new device."""

from django.core.management.base import BaseCommand, CommandError

from anjian.accounts.models import User
from anjian.accounts.twofactor import otp_reset
from anjian.core.actors import SYSTEM


class Command(BaseCommand):
    help = "Remove a user's two-factor devices and recovery codes; the next login enrols again."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--dry-run", action="store_true", help="say what would be removed")

    def handle(self, *args, username, dry_run, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        if dry_run:
            count = user.totpdevice_set.count() + user.staticdevice_set.count()
            self.stdout.write(f"otp_reset {username}: would remove {count} devices")
            return
        removed = otp_reset(actor=SYSTEM, user=user)
        self.stdout.write(
            f"otp_reset {username}: removed {removed} devices and codes; "
            "the next login enrols a new device"
        )
