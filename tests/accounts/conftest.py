import pytest


@pytest.fixture(autouse=True)
def _axes_fresh(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
