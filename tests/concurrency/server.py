"""Run the app under a real gunicorn on 127.0.0.1 for a test (no test here).

The server is a separate process group on a free loopback port (a socket this process
binds and hands over, so parallel test workers never race for a port), with its own
instance folder; it is stopped (SIGTERM, then SIGKILL) when the block ends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GUNICORN = Path(sys.executable).with_name("gunicorn")
SECRET_KEY = "concurrency-test-secret"


def listening_socket() -> socket.socket:
    """A socket on a free loopback port, already listening, for gunicorn to inherit
    (``--bind fd://N``): no other test or xdist worker can take the port in between."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(256)
    return sock


def _wait_until_up(base_url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {base_url} within {timeout:.0f} s")


@contextmanager
def gunicorn(
    database_url: str, workdir: Path, workers: int = 4, env: dict | None = None
) -> Iterator[str]:
    """Serve ``forumapp:create_app()`` on the database; yields the base URL."""
    listener = listening_socket()
    port = listener.getsockname()[1]
    instance = workdir / "instance"
    instance.mkdir(parents=True, exist_ok=True)
    server_env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "FORUMAPP_INSTANCE_PATH": str(instance),
        "FORUMAPP_MAIL_OUTBOX": str(workdir / "outbox"),
        "FORUMAPP_BABEL_DEFAULT_LOCALE": "en",
        **(env or {}),
    }
    log = (workdir / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "--workers",
            str(workers),
            "--bind",
            f"fd://{listener.fileno()}",
            "--timeout",
            "60",
            "--backlog",
            "256",
            # Import the app once and fork: four workers up in seconds, not one by one.
            "--preload",
            "forumapp:create_app()",
        ],
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        pass_fds=(listener.fileno(),),
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, process, timeout=30)
        yield base_url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        log.close()
        listener.close()
