"""Crowded places and fire-safety key units as pure functions (domain-rules §16)."""

import datetime as dt

# 消防法 Art. 73: 公众聚集场所 (the seed's 商场, 超市, 宾馆饭店, 网吧 among them).
PUBLIC_GATHERING = (
    "hotel",
    "restaurant",
    "mall",
    "supermarket",
    "market",
    "station",
    "stadium",
    "entertainment",
    "internet_cafe",
)
# …plus these make the 人员密集场所.
CROWDED_ALSO = (
    "hospital",
    "school",
    "nursing_home",
    "kindergarten",
    "library_exhibition",
    "tourist_religious",
)
# Count only when labour-intensive (劳动密集型企业 workshops and dormitories): 加工厂, 养殖场.
WHEN_LABOUR_INTENSIVE = ("factory", "farm")
# Not in the definition: ordinary units (居民小区).
ORDINARY = ("residential", "other")

# 公安部令第61号 Art. 13: the category a key unit of each type usually falls in (1–11).
DEFAULT_KEY_CATEGORY = {
    **{t: 1 for t in PUBLIC_GATHERING if t != "station"},
    "station": 5,
    "hospital": 2,
    "nursing_home": 2,
    "kindergarten": 2,
    "school": 2,
    "library_exhibition": 6,
    "tourist_religious": 11,
    "factory": 9,
    "farm": 11,
}

GB35181_2017 = "《重大火灾隐患判定方法》（GB 35181-2017）"
GB35181_2025 = "《重大火灾隐患判定规则》（GB 35181-2025）"
GB35181_2025_FROM = dt.date(2025, 11, 1)


def is_public_gathering(place_type: str) -> bool:
    return place_type in PUBLIC_GATHERING


def is_crowded(place_type: str, *, labour_intensive: bool = False) -> bool:
    """人员密集场所 (消防法 Art. 73; §16 mapping of the seed's list): public gathering places,
    hospitals, schools, 养老院/福利院, nurseries and kindergartens, libraries and exhibition halls,
    tourist and religious sites; 加工厂 and 养殖场 only when labour-intensive; 居民小区 never."""
    if place_type in PUBLIC_GATHERING or place_type in CROWDED_ALSO:
        return True
    return place_type in WHEN_LABOUR_INTENSIVE and labour_intensive


def fire_standard_on(day: dt.date) -> str:
    """The 重大火灾隐患 standard a judgement of `day` follows (§16 version rule): GB 35181-2017
    up to 2025-10-31, GB 35181-2025 from 2025-11-01."""
    return GB35181_2025 if day >= GB35181_2025_FROM else GB35181_2017


def holiday_sweep_due(today: dt.date, holiday_start: dt.date, lead_days: int) -> bool:
    """The pre-holiday fire check is due from `lead_days` before the holiday to its first day."""
    return 0 <= (holiday_start - today).days <= lead_days
