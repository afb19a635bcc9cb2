"""Pages format dates through the reader's locale; official documents stay Chinese."""

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from anjian.core.dates import cn_date, cn_datetime

DAY = dt.date(2025, 3, 5)
AT = dt.datetime(2025, 3, 5, 14, 8, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
SNIPPET = (
    '{{ d|date }}|{{ t|date:"DATETIME_FORMAT" }}|{{ d|date:"MONTH_DAY_FORMAT" }}'
    '|{{ t|date:"SHORT_DATETIME_FORMAT" }}'
)


@pytest.mark.parametrize(
    "language,expected",
    [
        # Exactly what the templates' hard-coded "Y年n月j日 H:i" and "n月j日" showed before.
        ("zh-hans", "2025年3月5日|2025年3月5日 14:08|3月5日|3月5日 14:08"),
        ("en", "March 5, 2025|March 5, 2025, 2:08 p.m.|March 5|03/05/2025 2:08 p.m."),
    ],
)
def test_template_dates_follow_the_reader_language(language, expected):
    with translation.override(language):
        assert Template(SNIPPET).render(Context({"d": DAY, "t": AT})) == expected


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_document_dates_are_chinese_in_every_language(language):
    with translation.override(language):
        assert cn_date(DAY) == "2025年3月5日"
        assert cn_date(None) == "—"
        assert cn_datetime(AT.astimezone(zoneinfo.ZoneInfo("UTC"))) == "2025年3月5日 14:08"


@pytest.mark.django_db
@pytest.mark.parametrize("language,shown", [("zh-hans", "2025年3月5日"), ("en", "March 5, 2025")])
def test_hazard_page_shows_the_found_date_in_the_reader_language(
    login, town_a_officer, enterprise_a, language, shown, settings
):
    from anjian.hazards.services import hazard_create
    from tests.hazards.conftest import hazard_data

    hazard = hazard_create(
        actor=town_a_officer,
        data=hazard_data(enterprise=enterprise_a, source="inspection", found_on=DAY),
    )
    client = login(town_a_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # LocaleMiddleware leaves the request's language active in this thread: put it back after.
    with translation.override(translation.get_language()):
        page = client.get(reverse("hazards:hazard_detail", args=[hazard.pk])).content.decode()
    assert f"{shown} · 张三" in page
