"""`anjian demo`: create the database, load the demo county once, serve it."""

import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from anjian.demo import loader


class Command(BaseCommand):
    help = "Create the demo county (first run only) and serve the platform."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="load the data and stop")

    def handle(self, *args, host: str, port: int, no_serve: bool, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if loader.is_loaded():
            self.stdout.write(_("The demo county is already loaded; keeping it."))
        else:
            self.stdout.write(_("Loading the demo county (about a minute)…"))
            loader.load()
            self.stdout.write(_("The demo county is loaded."))
        self.stdout.write("")
        self.stdout.write(_("Address: http://%(host)s:%(port)s/") % {"host": host, "port": port})
        self.stdout.write(_("Demo logins (password %(password)s):") % {"password": loader.PASSWORD})
        for username, _role, label in loader.DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<16} {label}")
        sys.stdout.flush()
        if not no_serve:
            call_command("serve", host=host, port=port, workers=2, demo=True)
