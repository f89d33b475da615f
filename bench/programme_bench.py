"""Public programme benchmark: import a 250-session, 6-room, 3-day forum, then serve it.

Prints (figures, not a timed test):
- the import time of the generated schedule.json;
- render time without any cache (in process): programme page, forum .ics, schedule.json,
  schedule.xml (median and best of several runs);
- under gunicorn with 2 workers on 127.0.0.1: requests per second and p95 latency for
  each of them, with full responses and with ETag hits (If-None-Match -> 304).

Targets (2-core machine): each render under 50 ms, >= 300 req/s, >= 1,000 req/s on ETag hits.
Run:  .venv/bin/python bench/programme_bench.py [--requests 1500] [--clients 4]
          [--release-ttl SECONDS]   (the app's PUBLIC_RELEASE_TTL; default: the app's own, off)
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SLUG = "bench-forum"
SESSIONS, ROOMS, DAYS = 250, 6, 3
TZ = "Asia/Almaty"
PATHS = {
    "programme page": f"/forums/{SLUG}/",
    "forum .ics": f"/forums/{SLUG}/programme.ics",
    "schedule.json": f"/forums/{SLUG}/schedule.json",
    "schedule.xml": f"/forums/{SLUG}/schedule.xml",
}


def generated_schedule() -> dict:
    """250 sessions over 3 days in 6 rooms (about 14 a room a day), 2-3 speakers each."""
    start = date(2026, 10, 14)
    rooms = [{"name": f"Room {n + 1}", "guid": str(uuid.uuid4())} for n in range(ROOMS)]
    days = []
    made = 0
    per_room_day = -(-SESSIONS // (ROOMS * DAYS))
    for d in range(DAYS):
        day = start + timedelta(days=d)
        by_room: dict[str, list] = {}
        for r, room in enumerate(rooms):
            for slot in range(per_room_day):
                if made >= SESSIONS:
                    break
                begins = datetime(day.year, day.month, day.day, 8, 0) + timedelta(minutes=45 * slot)
                made += 1
                by_room.setdefault(room["name"], []).append(
                    {
                        "guid": str(uuid.uuid4()),
                        "id": made,
                        "date": begins.isoformat() + "+05:00",
                        "start": begins.strftime("%H:%M"),
                        "duration": "00:40",
                        "room": room["name"],
                        "title": f"Session {made}: trade, energy and logistics on day {d + 1}",
                        "type": "talk" if slot % 3 else "panel",
                        "track": ["Energy", "Agri-food", "Logistics"][r % 3],
                        "language": "en",
                        "abstract": "What the region offers and what it needs. " * 3,
                        "description": "A longer description of the session. " * 6,
                        "persons": [
                            {
                                "name": f"Speaker {(made * 7 + k) % 400}",
                                "code": f"S{(made * 7 + k) % 400}",
                            }
                            for k in range(2 + made % 2)
                        ],
                    }
                )
        days.append(
            {
                "index": d + 1,
                "date": day.isoformat(),
                "day_start": f"{day.isoformat()}T08:00:00+05:00",
                "day_end": f"{day.isoformat()}T22:00:00+05:00",
                "rooms": by_room,
            }
        )
    return {
        "schedule": {
            "version": "bench 1",
            "conference": {
                "acronym": SLUG,
                "title": "Benchmark Forum",
                "start": start.isoformat(),
                "end": (start + timedelta(days=DAYS - 1)).isoformat(),
                "daysCount": DAYS,
                "timeslot_duration": "00:05",
                "time_zone_name": TZ,
                "rooms": rooms,
                "days": days,
            },
        }
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def prepare(database_url: str, schedule_file: Path) -> None:
    from flask_migrate import upgrade

    from forumapp import create_app
    from forumapp.programme.rules.schedule_import import parse_schedule
    from forumapp.programme.schedule_import import import_schedule

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        begin = time.perf_counter()
        result = import_schedule(parse_schedule(schedule_file.read_bytes()))
        took = time.perf_counter() - begin
    print(f"import: {result.created} sessions, {ROOMS} rooms, {DAYS} days in {ms(took)}")


def render_without_cache(database_url: str, runs: int = 15) -> None:
    from forumapp import create_app
    from forumapp.programme.public import _CACHE_KEY

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    client = app.test_client()
    print(
        f"\nrender without cache (in process, {runs} runs; parse snapshot + render + 1-2 queries)"
    )
    for name, path in PATHS.items():
        times = []
        for _ in range(runs):
            app.extensions.pop(_CACHE_KEY, None)
            begin = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - begin)
            assert response.status_code == 200, (path, response.status_code)
        size = len(response.data)
        print(
            f"  {name:15} median {ms(statistics.median(times)):>9}  best {ms(min(times)):>9}"
            f"  ({size / 1024:.0f} KiB)"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _worker(job: tuple[int, str, int, dict]) -> list[float]:
    port, path, count, headers = job
    latencies = []
    for _ in range(count):
        begin = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        latencies.append(time.perf_counter() - begin)
        if response.status not in (200, 304):
            raise RuntimeError(f"{path}: HTTP {response.status}")
    return latencies


def first_response(port: int, path: str) -> tuple[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    cookie = "; ".join(
        value.split(";", 1)[0]
        for key, value in response.getheaders()
        if key.lower() == "set-cookie"
    )
    conn.close()
    return response.getheader("ETag") or "", cookie


def load(port: int, path: str, total: int, clients: int, headers: dict) -> tuple[float, float]:
    """Requests per second and p95 latency (s): ApacheBench when installed (a C client
    leaves the two cores to the server), else Python client processes."""
    ab = shutil.which("ab")
    if ab:
        command = [ab, "-q", "-n", str(total), "-c", str(clients)]
        for key, value in headers.items():
            command += ["-H", f"{key}: {value}"]
        output = subprocess.run(
            [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
        ).stdout
        rate = float(output.split("Requests per second:")[1].split()[0])
        p95 = float(output.split("  95%")[1].split()[0]) / 1000
        failed = int(output.split("Failed requests:")[1].split()[0])
        if failed:
            raise RuntimeError(f"{path}: {failed} failed requests")
        return rate, p95
    per_client = total // clients
    with Pool(clients) as pool:
        begin = time.perf_counter()
        results = pool.map(_worker, [(port, path, per_client, headers)] * clients)
        elapsed = time.perf_counter() - begin
    latencies = sorted(x for r in results for x in r)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    return len(latencies) / elapsed, p95


def serve_and_measure(
    database_url: str, total: int, clients: int, release_ttl: float | None = None
) -> None:
    port = free_port()
    # gunicorn calls the factory with literal arguments: the config overrides.
    factory = (
        f"forumapp:create_app({{'PUBLIC_RELEASE_TTL': {release_ttl!r}}})"
        if release_ttl is not None
        else "forumapp:create_app()"
    )
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "bench"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # loopback only
        [
            str(gunicorn),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            factory,
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        for path in PATHS.values():  # warm both workers' caches
            load(port, path, 20, 2, {})
        client = "ab" if shutil.which("ab") else "python client processes"
        ttl = "app default" if release_ttl is None else f"{release_ttl:g} s"
        print(
            f"\ngunicorn -w 2 on 127.0.0.1; {client}, concurrency {clients}, {total} a cell;"
            f" PUBLIC_RELEASE_TTL {ttl}"
        )
        print(f"  {'':15} {'full req/s':>11} {'full p95':>10} {'ETag req/s':>11} {'ETag p95':>10}")
        for name, path in PATHS.items():
            etag, cookie = first_response(port, path)
            full_rate, full_p95 = load(port, path, total, clients, {})
            hit_headers = {"If-None-Match": etag}
            if cookie:
                hit_headers["Cookie"] = cookie
            hit_rate, hit_p95 = load(port, path, total, clients, hit_headers)
            print(
                f"  {name:15} {full_rate:11.0f} {ms(full_p95):>10}"
                f" {hit_rate:11.0f} {ms(hit_p95):>10}"
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500, help="requests per measurement")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client processes")
    parser.add_argument(
        "--release-ttl",
        type=float,
        default=None,
        help="seconds the server may keep 'which release is current' (PUBLIC_RELEASE_TTL)",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="programme-bench-"))
    try:
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        schedule_file = workdir / "schedule.json"
        schedule_file.write_text(json.dumps(generated_schedule()))
        prepare(database_url, schedule_file)
        render_without_cache(database_url)
        serve_and_measure(database_url, args.requests, args.clients, args.release_ttl)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
