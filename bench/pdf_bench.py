"""Benchmark the programme booklet: 250 sessions, 300 speakers, Korean + Russian side by side.

The programme is a seeded random ``Programme`` built in memory (no database): three
days, eight rooms, Hangul, Russian and Kazakh titles and names, 1-6 speakers per
session. Each measurement runs in a fresh subprocess, so the peak RSS
(``getrusage`` maxrss) is the whole process's, fonts and all; the time is the
booklet build alone, after the font chain is loaded (a server loads it once).
Target: under 0.5 s and under 100 MB.

    .venv/bin/python bench/pdf_bench.py [--runs 5] [--lang ko+ru] [--size A4] [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time as clock
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SESSIONS, SPEAKERS, ROOMS, DAYS = 250, 300, 8, 3
SURNAMES_KO = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"]
GIVEN_KO = ["관영", "대식", "민봉", "강진", "한수", "인찬", "병률", "재용", "동연", "인성"]
NAMES_KK = ["Бауыржан", "Нұрлан", "Айбар", "Болат", "Әлия", "Гүлнар", "Ерғали", "Қайрат"]
SURNAMES_KK = ["Едженов", "Қоянбаев", "Теменов", "Мүсілманбеков", "Сәрсенбаева", "Оспанова"]
TOPICS_KO = [
    "농생명 식품산업",
    "스마트팜",
    "지속가능한 도시개발",
    "물류 협력",
    "관광 교류",
    "에너지 전환",
]
TOPICS_RU = ["агропищевая отрасль", "умные фермы", "устойчивое развитие городов", "логистика"]
TOPICS_KK = ["Қазақстан желі", "Ұлттық өнер", "Іскер әйелдер", "Өңірлік даму"]


def build_programme(seed: int):
    from forumapp.programme.rules.programme import (
        DayInfo,
        OrganiserInfo,
        PersonInfo,
        Programme,
        ProgrammeSession,
        RoomInfo,
        SpeakerRole,
        VenueInfo,
    )

    rng = random.Random(seed)
    people = []
    for i in range(SPEAKERS):
        given, surname = rng.choice(NAMES_KK), rng.choice(SURNAMES_KK)
        korean = rng.random() < 0.5
        people.append(
            PersonInfo(
                key=f"person-{i:04d}",
                name_hangul=rng.choice(SURNAMES_KO) + rng.choice(GIVEN_KO)
                if korean
                else f"{given[:2]}르잔 {surname[:2]}노브",
                name_latin=f"Person {i} Latin",
                name_native=None if korean else f"{given} {surname}",
                title={"ko": "교수", "en": "Professor", "ru": "Профессор"},
                organisation={
                    "ko": f"기관 {i % 40}",
                    "ru": f"Организация {i % 40}",
                    "kk": f"Ұйым {i % 40}",
                },
            )
        )
    rooms = [
        RoomInfo(key=f"room-{r}", name={"ko": f"회의실 {r}", "ru": f"Зал {r}"}, position=r)
        for r in range(ROOMS)
    ]
    start = date(2026, 10, 13)
    sessions = []
    for i in range(SESSIONS):
        day = i % DAYS
        slot = (i // DAYS) // ROOMS
        begins = datetime(2026, 10, 13 + day, 0, 0, tzinfo=UTC) + timedelta(minutes=30 * slot)
        speakers = rng.sample(people, rng.randint(1, 6))
        sessions.append(
            ProgrammeSession(
                key=f"session-{i:04d}",
                kind="panel",
                title={
                    "ko": f"제{i}주제: {rng.choice(TOPICS_KO)}와 {rng.choice(TOPICS_KO)}",
                    "ru": f"Тема {i}: {rng.choice(TOPICS_RU)} — {rng.choice(TOPICS_KK)}",
                },
                description={
                    "ko": f"{rng.choice(TOPICS_KO)}에 관한 토론. " * rng.randint(1, 4),
                    "ru": f"Обсуждение: {rng.choice(TOPICS_RU)}. " * rng.randint(1, 4),
                },
                starts_at=begins,
                ends_at=begins + timedelta(minutes=rng.choice((30, 45, 60))),
                room_key=rooms[(i // DAYS) % ROOMS].key,
                language="ko",
                interpretation=("ru", "en"),
                time_provisional=rng.random() < 0.1,
                speakers=tuple(
                    SpeakerRole(p.key, rng.choice(("moderator", "panellist", "speaker")), n)
                    for n, p in enumerate(speakers)
                ),
            )
        )
    return Programme(
        slug="bench",
        title={"ko": "전북도-카자흐스탄 경제포럼", "ru": "Экономический форум", "kk": "Форум"},
        motto={"ko": "카자흐스탄의 바람", "kk": "Қазақстан желі"},
        timezone="Asia/Almaty",
        start_date=start,
        end_date=start + timedelta(days=DAYS - 1),
        venue=VenueInfo(name={"ko": "그랜드볼룸", "ru": "Большой зал"}, city="Almaty"),
        organisers=(OrganiserInfo(name={"ko": "전라북도", "ru": "Чолла-Пукто"}, role="host"),),
        days=tuple(DayInfo(day=start + timedelta(days=d)) for d in range(DAYS)),
        rooms=tuple(rooms),
        people=tuple(people),
        sessions=tuple(sessions),
    )


def one_run(seed: int, langs: tuple[str, ...], size: str) -> dict:
    """In this (fresh) process: load fonts, build once, report time, pages, memory.

    The timed build is the process's first, untraced one (nothing memoised from an
    earlier build helps it, and tracemalloc's bookkeeping neither slows it nor
    counts in its RSS); a second, traced build then reports the Python heap peak.
    """
    from forumapp.pdf.document import document_chain
    from forumapp.programme.documents.programme_pdf import programme_pdf

    programme = build_programme(seed)
    document_chain()  # fonts registered once per process, as in a server
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    began, began_cpu = clock.perf_counter(), clock.process_time()
    result = programme_pdf(programme, document_chain(), langs, size)
    elapsed = clock.perf_counter() - began
    cpu = clock.process_time() - began_cpu
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del result
    tracemalloc.start()
    traced = programme_pdf(programme, document_chain(), langs, size)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "rss_before_mb": rss_before,
        "pages": traced.pages,
        "bytes": len(traced.data),
        "missing": len(traced.missing),
        "traced_peak_mb": peak / 2**20,
        "maxrss_mb": maxrss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--lang", default="ko+ru")
    parser.add_argument("--size", default="A4")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    langs = tuple(args.lang.split("+"))
    if args.child:
        print(json.dumps(one_run(args.seed, langs, args.size)))
        return
    results = []
    for _ in range(args.runs):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--seed",
                str(args.seed),
                "--lang",
                args.lang,
                "--size",
                args.size,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    times = [r["seconds"] for r in results]
    first = results[0]
    median = statistics.median(times)
    rss = max(r["maxrss_mb"] for r in results)
    print(
        f"programme booklet, {SESSIONS} sessions, {SPEAKERS} speakers, {args.lang} {args.size}: "
        f"{first['pages']} pages, {first['bytes'] / 1024:.0f} KiB, "
        f"{first['missing']} characters without a font"
    )
    cpu = statistics.median(r["cpu_seconds"] for r in results)
    print(
        f"first build in each of {len(times)} processes: median {median:.3f} s wall, "
        f"best {min(times):.3f} s, median {cpu:.3f} s CPU"
    )
    print(
        f"peak memory: {rss:.0f} MB RSS after the build (whole process, fonts included; "
        f"{first['rss_before_mb']:.0f} MB before it), "
        f"{max(r['traced_peak_mb'] for r in results):.1f} MB Python heap peak (tracemalloc)"
    )
    met = median < 0.5 and rss < 100
    print(f"target < 0.5 s and < 100 MB: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
