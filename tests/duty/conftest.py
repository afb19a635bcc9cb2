import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from anjian.duty.models import LocalFestival, PeriodWork, Season

TZ = ZoneInfo("Asia/Shanghai")


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


@pytest.fixture
def sanyuesan(db) -> LocalFestival:
    return LocalFestival.objects.create(name="三月三", date_system="lunar", month=3, day=3, days=2)


@pytest.fixture
def seasons(db) -> dict[str, Season]:
    return {
        "flood": Season.objects.create(
            name="汛期", start_month=4, start_day=1, end_month=9, end_day=30
        ),
        "fire": Season.objects.create(
            name="森林防火期", start_month=9, start_day=1, end_month=4, end_day=30
        ),
    }


@pytest.fixture
def period_work(db) -> list[PeriodWork]:
    return [
        PeriodWork.objects.create(period="*", timing="before", title="节前安全生产大检查"),
        PeriodWork.objects.create(period="春节", timing="before", title="烟花爆竹监管"),
        PeriodWork.objects.create(period="汛期", timing="during", title="防汛"),
        PeriodWork.objects.create(period="森林防火期", timing="during", title="林区巡护"),
        PeriodWork.objects.create(period="中秋节", timing="before", title="中秋走访"),
    ]
