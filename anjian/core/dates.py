"""Chinese dates for the documents and messages that are Chinese whatever the reader's language.

Pages format dates through the locale (`{{ day|date }}`, `{{ at|date:"DATETIME_FORMAT" }}`, see
anjian/formats/): a Chinese user reads 2025年3月5日, an English one Mar. 5, 2025. Official documents
(notices, bulletins, orders; GB/T 9704 §7.3.5.4: full year, no zero padding) and the
messages that quote them always read 2025年3月5日: they use these two helpers.
"""

import datetime as dt

from django.utils import timezone


def cn_date(day: dt.date | None) -> str:
    """2025年3月5日, or — when there is no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def cn_datetime(value: dt.datetime) -> str:
    """2025年3月5日 14:08 in the platform's time zone."""
    local = timezone.localtime(value)
    return f"{cn_date(local.date())} {local:%H:%M}"
