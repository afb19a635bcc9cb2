"""Strict parsing of ANJIAN_EMAIL_URL into Django's EMAIL_* settings.

Imported by `anjian.settings` before Django is set up, so this module uses the standard library
and `ImproperlyConfigured` only.

    smtp://user:pass@host:25          plain SMTP (port 25 by default)
    smtp+tls://user:pass@host:587     SMTP with STARTTLS (port 587 by default)
    smtps://user:pass@host:465        SMTP over TLS (port 465 by default)

User name and password are percent-decoded (write `@` as `%40`). The only query parameter is
`timeout` (seconds, default 5). An empty URL turns e-mail off.
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SCHEMES = {
    "smtp": (25, False, False),  # default port, STARTTLS, implicit TLS
    "smtp+tls": (587, True, False),
    "smtps": (465, False, True),
}
DEFAULT_TIMEOUT = 5


@dataclass(frozen=True)
class EmailConfig:
    enabled: bool = False
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    timeout: int = DEFAULT_TIMEOUT


def _fail(url: str, reason: str) -> ImproperlyConfigured:
    shown = url
    parts = urlsplit(url)
    if parts.password:
        shown = url.replace(f":{parts.password}@", ":***@", 1)
    return ImproperlyConfigured(
        f"ANJIAN_EMAIL_URL {shown!r} is not valid: {reason}. Expected smtp://user:pass@host:port, "
        "smtp+tls://… (STARTTLS) or smtps://… (TLS), optionally ?timeout=SECONDS."
    )


def parse_email_url(url: str) -> EmailConfig:
    """The e-mail settings for `url`; raises ImproperlyConfigured on anything doubtful."""
    url = (url or "").strip()
    if not url:
        return EmailConfig()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise _fail(url, f"unknown scheme {parts.scheme!r}")
    default_port, use_tls, use_ssl = SCHEMES[scheme]
    if not parts.hostname:
        raise _fail(url, "the host is missing")
    try:
        port = parts.port
    except ValueError as exc:
        raise _fail(url, "the port is not a number between 1 and 65535") from exc
    if port == 0:
        raise _fail(url, "the port is not a number between 1 and 65535")
    port = port or default_port
    if parts.path not in ("", "/"):
        raise _fail(url, "a path is not allowed")
    if parts.fragment:
        raise _fail(url, "a fragment is not allowed")
    if parts.password is not None and not parts.username:
        raise _fail(url, "a password without a user name")
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
    unknown = sorted(set(query) - {"timeout"})
    if unknown:
        raise _fail(url, f"unknown parameter {unknown[0]!r}")
    timeout = DEFAULT_TIMEOUT
    if "timeout" in query:
        raw = query["timeout"][-1]
        if not raw.isdigit() or not 1 <= int(raw) <= 120:
            raise _fail(url, "timeout must be a whole number of seconds from 1 to 120")
        timeout = int(raw)
    return EmailConfig(
        enabled=True,
        host=parts.hostname,
        port=port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=use_tls,
        use_ssl=use_ssl,
        timeout=timeout,
    )
