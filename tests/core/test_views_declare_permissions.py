"""Every view reachable through the URL resolver declares a permission code."""

from django.urls import URLPattern, URLResolver, get_resolver

from anjian.core.permissions import PERMISSIONS

KNOWN = set(PERMISSIONS) | {"public", "login"}
# Views that Django or a library provides and that we expose on purpose.
EXEMPT_MODULES = ("django.contrib.admin", "django.views.static", "drf_spectacular",
                  "rest_framework.routers")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _declared(callback) -> str | None:
    code = getattr(callback, "anjian_permission", None)
    if code:
        return code
    for attr in ("cls", "view_class"):
        cls = getattr(callback, attr, None)
        if cls is not None and getattr(cls, "anjian_permission", None):
            return cls.anjian_permission
        if cls is not None and getattr(cls, "permission", None):
            return cls.permission
    return None


def test_every_view_declares_a_known_permission():
    missing, unknown = [], []
    for route, callback in _walk(get_resolver().url_patterns):
        if callback.__module__.startswith(EXEMPT_MODULES):
            continue
        code = _declared(callback)
        if code is None:
            missing.append(f"{route} ({callback.__module__}.{callback.__name__})")
        elif code not in KNOWN:
            unknown.append(f"{route}: {code}")
    assert not missing, "views without a permission:\n" + "\n".join(missing)
    assert not unknown, "views with an unknown permission:\n" + "\n".join(unknown)


def test_the_walker_sees_the_registry_and_the_api():
    routes = [route for route, _ in _walk(get_resolver().url_patterns)]
    assert any(r.startswith("registry/enterprises/") for r in routes)
    assert any(r.startswith("api/v1/") and "enterprises" in r for r in routes)
