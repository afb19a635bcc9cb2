"""`anjian serve`: the production server (gunicorn, several processes)."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from anjian.env import env_int


class Command(BaseCommand):
    help = "Serve the platform with gunicorn (settings from the environment)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("ANJIAN_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("ANJIAN_PORT", 8000))
        parser.add_argument("--workers", type=int, default=env_int("ANJIAN_WORKERS", 0) or None)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--demo", action="store_true", help=False)

    def handle(self, *args, host, port, workers, threads, demo, **options):
        from gunicorn.app.base import BaseApplication

        from anjian.wsgi import application

        if not demo:
            call_command("collectstatic", interactive=False, verbosity=0)
        workers = workers or (os.cpu_count() or 1) * 2 + 1

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("worker_class", "gthread")
                self.cfg.set("accesslog", "-" if settings.DEBUG else None)
                self.cfg.set("timeout", 120)
                # One shared control socket in $HOME would be taken over by every other
                # gunicorn on the machine (tests, a second instance); the platform needs none.
                self.cfg.set("control_socket_disable", True)

            def load(self):
                return application

        Server().run()
