"""Validity of safety certificates (domain rules §9) and the identity-number check.

Sources: 《生产经营单位安全培训规定》(原安监总局令第3号) Art. 24 — the 安全生产知识和管理能力
certificate of principals and safety managers is valid 3 years; 《特种作业人员安全技术培训考核管理
规定》(原安监总局令第30号) Art. 21 and 24 — a special-operation certificate (特种作业操作证) is valid
6 years and reviewed (复审) every 3 years; GB 11643-1999 — the 18-character citizen identity
number and its check character (ISO 7064 MOD 11-2).

Pure functions: the caller passes the dates (today from `core.clock`).
"""

from __future__ import annotations

import datetime as dt

PRINCIPAL, SAFETY_MANAGER, SPECIAL_OPERATION = "principal", "safety_manager", "special_operation"

# 令第3号 Art. 24; 令第30号 Art. 21.
VALIDITY_YEARS = {PRINCIPAL: 3, SAFETY_MANAGER: 3, SPECIAL_OPERATION: 6}
# 令第30号 Art. 21: a special-operation certificate is reviewed every 3 years.
REVIEW_YEARS = 3
# A certificate is "expiring" within this many days of its expiry (the contract).
EXPIRING_DAYS = 60

# 令第30号 annex: the special operations (特种作业目录), as the register writes them.
SPECIAL_OPERATIONS = (
    "电工作业",
    "焊接与热切割作业",
    "高处作业",
    "制冷与空调作业",
    "煤矿安全作业",
    "金属非金属矿山安全作业",
    "石油天然气安全作业",
    "冶金（有色）生产安全作业",
    "危险化学品安全作业",
    "烟花爆竹安全作业",
    "安全监管总局认定的其他作业",
)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 28 February when 29 February has no counterpart."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def default_expiry(kind: str, issued_on: dt.date) -> dt.date:
    """The last valid day (有效期至) of a certificate of `kind` issued on `issued_on`: the day
    before the same calendar day 3 (6 for a special operation) years later."""
    return add_years(issued_on, VALIDITY_YEARS[kind]) - dt.timedelta(days=1)


def review_due(
    kind: str, *, issued_on: dt.date, expires_on: dt.date, reviewed_on: dt.date | None = None
) -> dt.date | None:
    """The day by which a special-operation certificate must next be reviewed (复审).

    Reviews fall due on the last day of each 3-year period from the issue (令第30号 Art. 21;
    the holder applies within the 60 days before, Art. 22). The last review covers the due day
    nearest to it (an early or a late review alike; one near the issue covers nothing), and
    the next due day follows. None for other kinds, and once that day is not before the expiry
    (the certificate is renewed then, not reviewed)."""
    if kind != SPECIAL_OPERATION:
        return None
    days = [issued_on - dt.timedelta(days=1)]
    while days[-1] < expires_on:
        days.append(add_years(issued_on, REVIEW_YEARS * len(days)) - dt.timedelta(days=1))
    covered = 0
    if reviewed_on is not None:
        covered = min(range(len(days)), key=lambda k: (abs((reviewed_on - days[k]).days), -k))
    if covered + 1 >= len(days):
        return None
    due = days[covered + 1]
    return due if due < expires_on else None


def is_expired(expires_on: dt.date, *, today: dt.date) -> bool:
    """Expired the day after its last valid day."""
    return expires_on < today


def is_expiring(expires_on: dt.date, *, today: dt.date) -> bool:
    """Still valid today and ends within the next 60 days."""
    return today <= expires_on <= today + dt.timedelta(days=EXPIRING_DAYS)


def is_review_overdue(review_on: dt.date | None, *, today: dt.date) -> bool:
    """The 复审 day has passed without a review."""
    return review_on is not None and review_on < today


def is_valid(*, expires_on: dt.date, review_on: dt.date | None, today: dt.date) -> bool:
    """Neither expired nor overdue for its 复审 (working on it counts as without a certificate)."""
    return not is_expired(expires_on, today=today) and not is_review_overdue(review_on, today=today)


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECKS = "10X98765432"


def id_check_character(first17: str) -> str:
    """GB 11643-1999: the 18th character of an identity number from its first 17 digits."""
    return _CHECKS[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_number_problem(value: str) -> str | None:
    """Why `value` cannot be a citizen identity number (GB 11643-1999), or None: 18 characters,
    17 digits, a real birth date, and the check character."""
    text = (value or "").strip().upper()
    if len(text) != 18 or not text[:17].isdigit() or text[17] not in "0123456789X":
        return "format"
    try:
        born = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return "birth_date"
    if born.year < 1900:
        return "birth_date"
    if id_check_character(text[:17]) != text[17]:
        return "checksum"
    return None
