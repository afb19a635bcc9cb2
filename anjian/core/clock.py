"""The platform's one clock: every business date ("today") and time ("now") comes from here.

`now()` is `timezone.now()` and `today()` the local date of it, unless a test froze the clock:
in the test process with `frozen(at)`, and in a real server started by the tests with
`ANJIAN_FROZEN_NOW` (an ISO date-time), which settings accept only together with
`ANJIAN_TEST_CLOCK=1` and never in production (`ANJIAN_PRODUCTION=1`).
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone

_frozen: list[dt.datetime] = []


def now() -> dt.datetime:
    """The current moment (aware)."""
    if _frozen:
        return _frozen[-1]
    fixed = getattr(settings, "FROZEN_NOW", None)
    return fixed if fixed is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the platform's time zone (Asia/Shanghai)."""
    return timezone.localdate(now())


def localnow() -> dt.datetime:
    """The current moment in the platform's time zone (for form defaults)."""
    return timezone.localtime(now())


def aware(at: dt.datetime | dt.date) -> dt.datetime:
    """A date (as 09:00 that day) or naive date-time read in the platform's time zone."""
    if not isinstance(at, dt.datetime):
        at = dt.datetime.combine(at, dt.time(9, 0))
    return at if timezone.is_aware(at) else timezone.make_aware(at)


def freeze(at: dt.datetime | dt.date) -> dt.datetime:
    """Stop the clock at `at` until `unfreeze()` (a test session)."""
    moment = aware(at)
    _frozen.append(moment)
    return moment


def unfreeze() -> None:
    _frozen.pop()


@contextmanager
def frozen(at: dt.datetime | dt.date) -> Iterator[dt.datetime]:
    """Stop the clock at `at` inside the block (tests)."""
    moment = freeze(at)
    try:
        yield moment
    finally:
        unfreeze()
