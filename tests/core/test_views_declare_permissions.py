"""Every view reachable through the URL resolver declares a permission code: a function view
or a page its `permission`; an API view its `permission` (reads) and `write_permission`
(writes), the two attributes `core.drf.DeclaredPermission` enforces."""

import re

from django.contrib.auth.hashers import make_password
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from anjian.accounts.models import Role, User
from anjian.core.permissions import PERMISSIONS

KNOWN = set(PERMISSIONS) | {"public", "login"}
# Views that Django or a library provides and that we expose on purpose.
EXEMPT_MODULES = (
    "django.contrib.admin",
    "django.views.static",
    "drf_spectacular",
    "rest_framework.routers",
)


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _declared(callback) -> list[str | None]:
    """The codes the view declares (None where one is missing)."""
    cls = getattr(callback, "cls", None)  # a DRF view: reads and writes
    if cls is not None:
        initkwargs = getattr(callback, "initkwargs", {}) or {}
        return [
            initkwargs.get(attr, getattr(cls, attr, None) or None)
            for attr in ("permission", "write_permission")
        ]
    view_class = getattr(callback, "view_class", None)
    if view_class is not None and getattr(view_class, "permission", None):
        return [view_class.permission]
    return [getattr(callback, "permission", None) or None]


def test_every_view_declares_a_known_permission():
    missing, unknown = [], []
    for route, callback in _walk(get_resolver().url_patterns):
        if callback.__module__.startswith(EXEMPT_MODULES):
            continue
        for code in _declared(callback):
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


# 三权分立: the audit admin opens the audit log and the pages every user has, nothing else.
AUDIT_ADMIN_MAY = {"public", "login", "audit"}


def _sample_path(route: str) -> str | None:
    if "format" in route:
        return None  # DRF's ".json" suffix variants of the same views
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) in (None, "int") else "x", path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def test_the_audit_admin_is_refused_every_page_but_the_audit_log(client, sectors):
    auditor = User.objects.create(
        username="auditor_p", role=Role.AUDIT_ADMIN, password=make_password("x")
    )
    client.force_login(auditor)
    checked, wrong = 0, []
    for route, callback in _walk(get_resolver().url_patterns):
        if callback.__module__.startswith(EXEMPT_MODULES):
            continue
        path = _sample_path(route)
        codes = _declared(callback)
        if path is None or codes[0] in AUDIT_ADMIN_MAY:
            continue
        # A route whose writes are public (12350: anyone files a report) is checked on reads.
        methods = ("get",) if codes[-1] in AUDIT_ADMIN_MAY else ("get", "post")
        statuses = {method: getattr(client, method)(path).status_code for method in methods}
        checked += 1
        # 405 only where the view takes the other method (require_POST answers before the check).
        if 403 not in statuses.values() or set(statuses.values()) - {403, 405}:
            wrong.append(f"{path}: {statuses}")
    assert checked > 100
    assert not wrong, "the audit admin was not refused:\n" + "\n".join(wrong)


def test_the_audit_admin_reads_the_audit_log_and_lands_on_it(client, api_as, sectors):
    auditor = User.objects.create(
        username="auditor_p", role=Role.AUDIT_ADMIN, password=make_password("x")
    )
    client.force_login(auditor)
    assert client.get("/").url == reverse("audit_list")
    assert client.get(reverse("audit_list")).status_code == 200
    api = api_as(auditor)
    assert api.get("/api/v1/audit/").status_code == 200
    assert api.get("/api/v1/me/").json()["role"] == "audit_admin"
    assert api.get("/api/v1/enterprises/").status_code == 403


def test_an_api_view_without_write_permission_is_refused_writes(rf, county_admin):
    from rest_framework.test import force_authenticate
    from rest_framework.viewsets import ViewSet

    class Undeclared(ViewSet):
        permission = "view"

        def create(self, request):  # pragma: no cover - never reached
            raise AssertionError

        def list(self, request):
            from rest_framework.response import Response

            return Response([])

    view = Undeclared.as_view({"get": "list", "post": "create"})
    get, post = rf.get("/x/"), rf.post("/x/")
    force_authenticate(get, county_admin)
    force_authenticate(post, county_admin)
    assert view(get).status_code == 200
    assert view(post).status_code == 403
