"""A real platform server in a subprocess (gunicorn via `anjian serve`), for tests that need
concurrent requests against a real server on SQLite or PostgreSQL."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def anjian(args: list[str], *, env: dict, check: bool = True, **kwargs):
    return subprocess.run([sys.executable, "-m", "anjian", *args], env=env, check=check,
                          capture_output=True, text=True, **kwargs)


def server_env(data_dir: Path, database_url: str = "") -> dict:
    # Not the test process's own switches: the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE would
    # make a real server unsafe (and `check --deploy` fail).
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("ANJIAN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"ANJIAN_DATA_DIR": str(data_dir), "ANJIAN_SECRET_KEY": "test-secret-key-" + "x" * 40})
    # The server and the commands run on the tests' frozen "today" (tests/conftest.py).
    from anjian.core import clock

    env.update({"ANJIAN_TEST_CLOCK": "1", "ANJIAN_FROZEN_NOW": clock.now().isoformat()})
    if database_url:
        env["ANJIAN_DATABASE_URL"] = database_url
    return env


@contextmanager
def running_server(env: dict, *, workers: int = 2, threads: int = 4, migrate: bool = True):
    """Migrate (unless the database is known to be migrated), then serve on a free port; yields
    the base URL. The caller prepares data (e.g. with `anjian(["shell", "-c", ...], env=env)`)
    before or after start.

    The server's stderr (errors, tracebacks) goes to `server_log(env)`, which tests may read."""
    if migrate:
        anjian(["migrate", "--noinput"], env=env)
    port = free_port()
    log_path = server_log(env)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        # A file, not a pipe: a pipe nobody reads would block a server that logs a lot.
        process = subprocess.Popen(
            [sys.executable, "-m", "anjian", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(workers), "--threads", str(threads)],
            env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/login/", timeout=5)
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(log_path.read_text(errors="replace")) from None
                time.sleep(0.3)
        else:
            raise RuntimeError("the server did not start within 120 s:\n"
                               + log_path.read_text(errors="replace"))
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_log(env: dict) -> Path:
    """Where `running_server(env)` writes the server's stderr."""
    return Path(env["ANJIAN_DATA_DIR"]) / "server.log"


def shell_json(code: str, *, env: dict):
    """Run Python in `anjian shell` against env's database; `code` prints one JSON value last."""
    import json

    out = anjian(["shell", "-v", "0", "-c", code], env=env, timeout=300).stdout
    return json.loads(out.strip().splitlines()[-1])


def load_demo(env: dict) -> None:
    """`anjian demo --no-serve` into env's data dir and database (once; slow: the whole county)."""
    result = anjian(["demo", "--no-serve"], env=env, check=False, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"anjian demo failed:\n{result.stdout}\n{result.stderr}")
