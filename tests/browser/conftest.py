"""Browser tests: Playwright from PyPI driving Debian's Chromium (never a downloaded browser),
against a real server process (`anjian serve`, gunicorn) with its own SQLite file.

Fixtures: `site` (a server of its own for each test, on a copy of a database that holds the
personas of tests/conftest.py, written through `anjian shell`; `site.shell(code)` runs more
setup there), `live_url` (its base URL), `page` (a fresh page that records console errors and
every request to another host), `login_as(page, username, password)`. After each test the page
must have seen no console error and no request leaving the platform. The test process's own
database is never shared with a server, so no test needs a transactional flush or a rollback.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.environment import chromium_path, missing
from tests.support.server import anjian, load_demo, running_server, server_env, shell_json

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


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
    with sync_playwright() as p:
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


@dataclass
class Site:
    """A running server of one test: its base URL, the environment its commands run in, and
    the primary keys of the personas' records (`town_a`, `enterprise_a`, …)."""

    url: str
    env: dict
    pks: dict

    def shell(self, code: str):
        """Run Python in `anjian shell` on this server's database; `code` prints one JSON value."""
        return shell_json(code, env=self.env)


@pytest.fixture(scope="session")
def _personas_database(tmp_path_factory) -> tuple[Path, dict]:
    """A migrated database with the personas, made once; each test serves a copy of it."""
    data_dir = tmp_path_factory.mktemp("personas-db")
    env = server_env(data_dir)
    anjian(["migrate", "--noinput", "-v", "0"], env=env, timeout=600)
    pks = shell_json(
        "import json; from tests.support.personas import create; print(json.dumps(create()))",
        env=env,
    )
    return data_dir, pks


@pytest.fixture
def site(_personas_database, tmp_path) -> Site:
    template, pks = _personas_database
    data_dir = tmp_path / "site"
    shutil.copytree(template, data_dir)
    env = server_env(data_dir)
    with running_server(env, workers=1, migrate=False) as base:
        yield Site(url=base, env=env, pks=pks)


@pytest.fixture
def live_url(site) -> str:
    return site.url


@pytest.fixture
def page(_browser, live_url):
    context = _browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1400, "height": 900}
    )
    page = context.new_page()
    own_host = urlparse(live_url).netloc
    page.console_errors = []
    page.foreign_requests = []

    def _console(message):
        # Chromium asks for /favicon.ico on its own; its 404 is not the page's error.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
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


def log_out(page) -> None:
    """Sign out the way a person does: open the menu if it is collapsed, then the account menu,
    then 退出."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    page.click("#whoami")
    page.click("#logout")
    page.wait_for_url("**/login/**")
