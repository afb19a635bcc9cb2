"""Database helpers for the scale tests."""

from django.db import connection


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load. A live PostgreSQL server's autovacuum
    does this within a minute of the load; inside a test's transaction it never can, and the
    planner would plan a 5,000-unit county as if it held two rows. SQLite plans by its indexes
    alone, so there it does nothing."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
