# The platform's Chinese date formats; Django's zh_Hans formats fill in everything not set here.
# Screens show 2025年3月5日 and 2025年3月5日 14:08 (Django's own zh_Hans DATE_FORMAT and
# DATETIME_FORMAT, repeated so they stay put), and month-day without zero padding: 3月5日.
DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
MONTH_DAY_FORMAT = "n月j日"
TIME_FORMAT = "H:i"
# Within a year's pages (duty reports, rosters): 3月5日 14:08.
SHORT_DATETIME_FORMAT = "n月j日 H:i"
