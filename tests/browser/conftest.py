"""Browser tests: Playwright from PyPI driving Debian's Chromium (never a downloaded browser).

Fixtures: `page` (a fresh page that records console errors and every request to another host),
`live_url` (the live server's base URL), `login_as(page, username)`; the personas and demo
data come from the test's own fixtures. After each test the page must have seen no console error
and no request leaving the platform.
"""

import os
from urllib.parse import urlparse

import pytest

from tests.support.environment import chromium_path, missing
from tests.support.server import load_demo, running_server, server_env

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


_launched: dict = {}  # the one Chromium of the session, whoever's `_browser` started it


@pytest.fixture(scope="session")
def _browser():
    # Tests outside tests/browser/ import these fixtures into their own module, which makes
    # pytest set this fixture up once more; a second sync_playwright() in the same thread would
    # fail ("Sync API inside the asyncio loop"), so every copy shares the first browser.
    if "browser" in _launched:
        yield _launched["browser"]
        return
    path = chromium_path()
    if path is None:
        missing("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed (pip install '.[test]')")
    from django.db import connections

    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None)
                  for alias in connections}
    with sync_playwright() as p:
        # From here on Playwright's event loop counts as running in this thread, so Django
        # (asgiref's Local) hands out a second set of connection objects; give them the
        # database snapshot that serialized rollback restores before each live-server test.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, timeout=60000)
        _launched["browser"] = browser
        try:
            yield browser
        finally:
            _launched.pop("browser", None)
            browser.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """(base URL, env) of the demo county (`anjian demo --no-serve`, SQLite in a temporary data
    dir) served by a real gunicorn (`anjian serve`), shared by the whole session: loading the
    demo is slow. Tests must not change it. A module uses it by overriding `live_url`:

        @pytest.fixture
        def live_url(demo_site):
            return demo_site[0]
    """
    env = server_env(tmp_path_factory.mktemp("demo-site"))
    load_demo(env)
    with running_server(env) as base:
        yield base, env


@pytest.fixture
def live_url(live_server, django_db_serialized_rollback) -> str:
    # A live server needs transactional tests, which empty every table afterwards, including
    # the rows data migrations create (the default sectors, the checklist library, …);
    # serialized rollback puts them back before each such test.
    return live_server.url


@pytest.fixture
def page(_browser, live_url):
    context = _browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                   viewport={"width": 1400, "height": 900})
    page = context.new_page()
    own_host = urlparse(live_url).netloc
    page.console_errors = []
    page.foreign_requests = []

    def _console(message):
        # Chromium asks for /favicon.ico on its own; its 404 is not the page's error.
        if message.type == "error" and not message.location.get("url", "").endswith(
                "/favicon.ico"):
            page.console_errors.append(message.text)

    page.on("console", _console)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))

    def _request(request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != own_host:
            page.foreign_requests.append(request.url)

    page.on("request", _request)
    # Generous for a loaded 2-core CI machine; a healthy page answers in well under a second.
    page.set_default_timeout(15000)
    page.set_default_navigation_timeout(30000)
    yield page
    errors, foreign = list(page.console_errors), list(page.foreign_requests)
    context.close()
    assert not errors, f"console errors: {errors}"
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture
def login_as(live_url):
    def _login(page, username: str, password: str):
        page.goto(f"{live_url}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form:has(input[name=password]) button[type=submit]")
        page.wait_for_selector("#whoami")
        return page

    return _login
