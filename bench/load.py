"""Load test under gunicorn, loopback only and bounded.

Starts gunicorn (4 workers by default) on 127.0.0.1 on a fresh database (a temporary
SQLite file, or --database-url for an EMPTY PostgreSQL database), loads the demo
forum (the Jeonbuk-Kazakhstan forum of December 2023: programme, speakers, visit,
B2B), then for each endpoint sends --requests requests from --concurrency client
threads (one connection per request: gunicorn's sync workers close after each) and
prints requests/s, median and p95 latency and the error count (non-200 answers and
failed connections). Each endpoint stops at --max-seconds whatever is left.

    .venv/bin/python bench/load.py [--requests 600] [--concurrency 8] [--workers 4]

Endpoints: the programme page, the programme's calendar feed (.ics) and a list
endpoint: the API's session list when /api/v1 is there, else the public forum list.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"  # never anything else
SLUG = "jeonbuk-kazakhstan-2023"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Language": "en"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def prepare_database(env: dict) -> None:
    forumapp = str(BIN / "forumapp")
    for args in (["db", "upgrade"], ["demo"]):
        subprocess.run(
            [forumapp, *args], env=env, check=True, capture_output=True, timeout=300, cwd=ROOT
        )


def start_gunicorn(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--preload",
        "--timeout",
        "60",
        "--backlog",
        "256",
        "forumapp:create_app()",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}); see {log}")
        try:
            if get(port, "/healthz", timeout=2)[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    stop(process)
    raise SystemExit("gunicorn did not come up within 60 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def hammer(port: int, path: str, total: int, concurrency: int, max_seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = [total]
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                status, _body = get(port, path)
                failed = status != 200
            except OSError:
                failed = True
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors += failed

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / wall if wall else 0.0,
        "median_ms": statistics.median(ordered) * 1000 if ordered else 0.0,
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000 if ordered else 0.0,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=600, help="per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=60.0, help="per endpoint")
    parser.add_argument(
        "--database-url",
        help="an EMPTY database to fill (default: a temporary SQLite file); never a shared one",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="forumapp-load-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'load.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "FORUMAPP_INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "load-test-only",
        "FORUMAPP_DEMO_PASSWORD": "load-test-password",
    }
    (workdir / "instance").mkdir()
    port = free_port()
    total_errors = 0
    try:
        prepare_database(env)
        server = start_gunicorn(env, port, args.workers, workdir / "gunicorn.log")
        try:
            api_list = f"/api/v1/forums/{SLUG}/sessions"
            list_path = api_list if get(port, api_list)[0] == 200 else "/"
            endpoints = [
                ("programme page", f"/forums/{SLUG}/"),
                ("calendar feed", f"/forums/{SLUG}/programme.ics"),
                ("list", list_path),
            ]
            print(
                f"gunicorn {args.workers} workers on {HOST}:{port}, "
                f"{database_url.split(':', 1)[0]}, {args.concurrency} clients, "
                f"{args.requests} requests per endpoint"
            )
            print(f"{'endpoint':<16} {'path':<48} {'req/s':>7} {'median':>9} {'p95':>9} errors")
            for name, path in endpoints:
                for _ in range(args.workers * 2):  # warm every worker's caches first
                    get(port, path)
                result = hammer(port, path, args.requests, args.concurrency, args.max_seconds)
                total_errors += result["errors"]
                print(
                    f"{name:<16} {path:<48} {result['rps']:>7.1f} "
                    f"{result['median_ms']:>7.1f}ms {result['p95_ms']:>7.1f}ms "
                    f"{result['errors']:>6}  ({result['requests']} requests)"
                )
        finally:
            stop(server)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main())
