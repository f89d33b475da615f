"""The other process of the gunicorn booking test: log every company in, then send all
bookings at the same instant, one connection each. Reads a JSON job on stdin, prints
the HTTP statuses as JSON. Standard library only; loopback only.

    {"base_url": "http://127.0.0.1:PORT", "password": "...", "emails": [...],
     "path": "/b2b/1/book/2", "form": {"slot": "7"}}
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

TIMEOUT = 60.0
FORM = "application/x-www-form-urlencoded"


def _connection(base_url: str) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing a non-loopback address: {base_url}")
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)


def log_in(base_url: str, email: str, password: str) -> str:
    """The session cookie of a fresh login."""
    conn = _connection(base_url)
    try:
        body = urlencode({"email": email, "password": password})
        conn.request("POST", "/login", body=body, headers={"Content-Type": FORM})
        response = conn.getresponse()
        response.read()
        if response.status != 302:
            raise SystemExit(f"login of {email} answered {response.status}")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session="):
                return value.split(";", 1)[0]
        raise SystemExit(f"login of {email} set no session cookie")
    finally:
        conn.close()


def main() -> None:
    job = json.load(sys.stdin)
    base_url, path = job["base_url"], job["path"]
    with ThreadPoolExecutor(max_workers=8) as pool:
        cookies = list(pool.map(lambda e: log_in(base_url, e, job["password"]), job["emails"]))

    body = urlencode(job["form"])
    barrier = threading.Barrier(len(cookies))
    statuses: list[object] = [None] * len(cookies)

    def book(index: int, cookie: str) -> None:
        conn = _connection(base_url)
        try:
            conn.connect()  # connected before the barrier: only the request is left
            barrier.wait(timeout=TIMEOUT)
            conn.request("POST", path, body=body, headers={"Content-Type": FORM, "Cookie": cookie})
            response = conn.getresponse()
            response.read()
            statuses[index] = response.status
        except Exception as exc:  # reported, not raised: the test shows every outcome
            statuses[index] = f"error: {exc!r}"
        finally:
            conn.close()

    threads = [threading.Thread(target=book, args=(i, c)) for i, c in enumerate(cookies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT * 2)
    json.dump({"statuses": statuses}, sys.stdout)


if __name__ == "__main__":
    main()
