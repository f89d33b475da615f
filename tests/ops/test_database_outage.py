"""The database goes away and comes back: pages answer a clean 503 (and log one line)
meanwhile, and the same app serves 200 again once it is back, without a restart.

PostgreSQL only: the app talks to the suite's database through a TCP proxy on
127.0.0.1 that the test closes (every connection cut, new ones refused) and opens
again on the same port. An SQLite file cannot go away in this sense; skipped there.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading

import pytest
import sqlalchemy as sa

from forumapp.core.extensions import db
from tests.support import make_test_app, on_postgres


class TcpProxy:
    """Forwards 127.0.0.1:port to upstream; close() cuts everything, open() resumes."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = 0
        self.listener: socket.socket | None = None
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()

    def open(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        if self.listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would not.
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.sockets.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def proxied_app(database_url):
    if not on_postgres():
        pytest.skip("an SQLite file cannot become unreachable; PostgreSQL only")
    real = sa.engine.make_url(database_url)
    proxy = TcpProxy((real.host or "127.0.0.1", real.port or 5432))
    proxy.open()
    url = real.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    engine_options = {"pool_pre_ping": True, "connect_args": {"connect_timeout": 3}}
    app = make_test_app(url, SQLALCHEMY_ENGINE_OPTIONS=engine_options)
    try:
        yield app, proxy
    finally:
        with app.app_context():
            db.engine.dispose()
        proxy.close()


@pytest.mark.timeout(60)
def test_pages_answer_503_while_the_database_is_away_and_recover(proxied_app, caplog):
    app, proxy = proxied_app
    client = app.test_client()
    assert client.get("/").status_code == 200  # a pooled connection now exists

    proxy.close()
    with caplog.at_level(logging.ERROR, logger="forumapp.errors"):
        page = client.get("/")
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "30"
    assert "not reachable" in page.get_data(as_text=True)
    assert "Traceback" not in page.get_data(as_text=True)
    logged = [r for r in caplog.records if r.name == "forumapp.errors"]
    assert len(logged) == 1 and "database unavailable" in logged[0].getMessage()
    assert client.get("/healthz").status_code == 503
    api = client.get("/", headers={"Accept": "application/json"})
    assert api.status_code == 503 and api.json["error"] == "database_unavailable"

    proxy.open()  # same port: the app's URL is unchanged
    assert client.get("/").status_code == 200
    assert client.get("/healthz").status_code == 200
