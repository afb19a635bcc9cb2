from pathlib import Path

from django.core.management.base import BaseCommand

from anjian.core.backup import backup_create


class Command(BaseCommand):
    help = "Write a consistent backup of the database and the uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, output, **options):
        manifest = backup_create(output=Path(output))
        size = Path(output).stat().st_size
        self.stdout.write(
            f"backup: {output} written ({size} bytes, database "
            f"{manifest['database']}, {manifest['media_files']} files)"
        )
