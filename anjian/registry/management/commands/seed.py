"""`anjian seed --scale county|city|province`: synthetic registry data at scale, for benchmarks."""

from django.core.management.base import BaseCommand

from anjian.registry.seed import SCALES, seed


class Command(BaseCommand):
    help = (
        "Top the synthetic registry data up to a scale (county ≈ 5k, city ≈ 50k, "
        "province ≈ 500k enterprises, with licences); a second run adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="county")
        parser.add_argument(
            "--enterprises",
            type=int,
            default=None,
            help="seeded enterprises wanted in total (default: the scale's)",
        )
        parser.add_argument(
            "--towns", type=int, default=None, help="seeded towns (default: the scale's)"
        )
        parser.add_argument("--progress", action="store_true", help="report every chunk")

    def handle(self, *args, scale, enterprises, towns, progress, **options):
        def report(result):
            self.stderr.write(f"  … +{result.enterprises_created} enterprises")

        result = seed(
            scale=scale, enterprises=enterprises, towns=towns, progress=report if progress else None
        )
        self.stdout.write(result.summary())
