import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def report_data(town_a):
    return {
        "content": "砖厂破碎机防护罩拆除未恢复",
        "town": town_a.code,
        "place": "东街",
        "enterprise_name": "甲镇化工有限公司",
        "contact_name": "王先生",
        "contact_phone": "13900001111",
        "anonymous": False,
    }


@pytest.fixture
def filed(report_data, api_as):
    """File a report through the public API and return the stored report."""
    from anjian.public_reports.models import PublicReport

    def _file(**changes):
        response = api_as(None).post(
            "/api/v1/public-reports/", {**report_data, **changes}, format="json"
        )
        assert response.status_code == 201, response.content
        return PublicReport.objects.get(tracking_code=response.json()["tracking_code"])

    return _file
