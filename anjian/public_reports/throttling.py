"""One throttle per address for the public's 12350 page and API (a cache-based rate, no
CAPTCHA from a foreign service). The address is the one the login throttle uses, so behind a
proxy (`ANJIAN_BEHIND_PROXY`) it is the client's, not the proxy's."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from anjian.accounts.lockout import client_address

DEFAULT_RATES = {"public_report": "10/hour", "public_report_track": "60/hour"}


class PublicThrottle(SimpleRateThrottle):
    scope = "public_report"

    def get_rate(self):
        return getattr(settings, "PUBLIC_REPORT_RATES", {}).get(
            self.scope, DEFAULT_RATES[self.scope]
        )

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class SubmitThrottle(PublicThrottle):
    scope = "public_report"


class TrackThrottle(PublicThrottle):
    scope = "public_report_track"


def page_allows(request, throttle_class) -> int | None:
    """None when the page request may go on; else the seconds to wait."""
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return None
    return int(throttle.wait() or 60) + 1
