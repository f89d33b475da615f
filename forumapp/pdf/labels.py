"""Words printed inside PDFs, in Korean, English and Russian, and how dates read in each.

The PDFs are printed documents handed to guests, so their words follow the
document's language (``?lang=ko+ru``), not the viewer's interface locale; a small
table per language keeps the exports free of Flask-Babel and usable from the CLI.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from forumapp.core import localized
from forumapp.core.localized import pick_language

LANGUAGES = localized.LANGUAGES  # the documents' languages are forumapp's

# Bilingual booklets put Korean beside the guests' language.
LANGUAGE_SETS: tuple[tuple[str, ...], ...] = (
    ("ko",),
    ("en",),
    ("ru",),
    ("ko", "en"),
    ("ko", "ru"),
)
PAGE_SIZES = ("A4", "A5")
# The guests' own languages: shown beside the document's languages where a text has them,
# because a Kazakh or Uzbek guest's title reads right only in their language.
GUEST_LANGUAGES = ("kk", "uz")
PDF_LANG_TAGS = {"ko": "ko-KR", "en": "en", "ru": "ru-RU"}

WORDS: dict[str, dict[str, str]] = {
    "ko": {
        "programme": "프로그램",
        "time": "시간",
        "session": "세션",
        "room": "장소",
        "speakers": "연사",
        "details": "세션 안내",
        "speaker_index": "연사 색인",
        "venue": "행사장 및 회의실",
        "capacity": "수용 인원",
        "address": "주소",
        "organisers": "주최·주관",
        "no_sessions": "아직 공개된 세션이 없습니다.",
        "release": "발행 {number}: {name}",
        "draft": "초안 (미발행)",
        "page": "페이지 {page}",
        "provisional": "(시간 미정)",
        "language": "언어",
        "interpretation": "통역",
        "cover": "표지",
        "itinerary": "방문 일정",
        "delegation": "대표단",
        "hosts": "영접 측",
        "contacts": "연락처",
        "purpose": "방문 목적",
        "no_itinerary": "아직 일정이 없습니다.",
        "location": "장소",
        "participants": "참석자",
        "speaker": "연사",
        "delegate": "대표단",
        "staff": "운영요원",
        "role_org": "역할 · 직위 · 소속",
        "no_badges": "배지를 만들 사람이 없습니다.",
        "contact": "담당자",
        "reach": "부서 · 연락처",
    },
    "en": {
        "programme": "Programme",
        "time": "Time",
        "session": "Session",
        "room": "Room",
        "speakers": "Speakers",
        "details": "Sessions in detail",
        "speaker_index": "Speaker index",
        "venue": "Venue and rooms",
        "capacity": "Capacity",
        "address": "Address",
        "organisers": "Organisers",
        "no_sessions": "No sessions have been published yet.",
        "release": "Release {number}: {name}",
        "draft": "Draft (not published)",
        "page": "Page {page}",
        "provisional": "(time to be confirmed)",
        "language": "Language",
        "interpretation": "Interpretation",
        "cover": "Cover",
        "itinerary": "Itinerary",
        "delegation": "Delegation",
        "hosts": "Hosts",
        "contacts": "Contacts",
        "purpose": "Purpose",
        "no_itinerary": "No itinerary items yet.",
        "location": "Place",
        "participants": "Participants",
        "speaker": "Speaker",
        "delegate": "Delegation",
        "staff": "Staff",
        "role_org": "Role, position, organisation",
        "no_badges": "No one to make badges for.",
        "contact": "Officer",
        "reach": "Department, phone",
    },
    "ru": {
        "programme": "Программа",
        "time": "Время",
        "session": "Сессия",
        "room": "Зал",
        "speakers": "Спикеры",
        "details": "Сессии подробно",
        "speaker_index": "Указатель спикеров",
        "venue": "Место проведения и залы",
        "capacity": "Вместимость",
        "address": "Адрес",
        "organisers": "Организаторы",
        "no_sessions": "Сессии ещё не опубликованы.",
        "release": "Выпуск {number}: {name}",
        "draft": "Черновик (не опубликован)",
        "page": "Стр. {page}",
        "provisional": "(время уточняется)",
        "language": "Язык",
        "interpretation": "Перевод",
        "cover": "Обложка",
        "itinerary": "Программа визита",
        "delegation": "Делегация",
        "hosts": "Принимающая сторона",
        "contacts": "Контакты",
        "purpose": "Цель визита",
        "no_itinerary": "Программа визита ещё не составлена.",
        "location": "Место",
        "participants": "Участники",
        "speaker": "Спикер",
        "delegate": "Делегация",
        "staff": "Организатор",
        "role_org": "Роль, должность, организация",
        "no_badges": "Нет участников для бейджей.",
        "contact": "Сотрудник",
        "reach": "Отдел, телефон",
    },
}

ROLES: dict[str, dict[str, str]] = {
    "ko": {
        "keynote": "기조연설",
        "speaker": "발표",
        "moderator": "좌장",
        "panellist": "토론",
        "discussant": "토론",
        "opening_remarks": "개회사",
        "welcome_remarks": "환영사",
        "congratulatory_remarks": "축사",
        "performer": "공연",
        "host": "주최",
        "co_host": "공동주최",
        "organiser": "주관",
        "sponsor": "후원",
        "partner": "협력",
    },
    "en": {
        "keynote": "Keynote",
        "speaker": "Speaker",
        "moderator": "Moderator",
        "panellist": "Panellist",
        "discussant": "Discussant",
        "opening_remarks": "Opening remarks",
        "welcome_remarks": "Welcome remarks",
        "congratulatory_remarks": "Congratulatory remarks",
        "performer": "Performer",
        "host": "Host",
        "co_host": "Co-host",
        "organiser": "Organiser",
        "sponsor": "Sponsor",
        "partner": "Partner",
    },
    "ru": {
        "keynote": "Основной доклад",
        "speaker": "Доклад",
        "moderator": "Модератор",
        "panellist": "Участник панели",
        "discussant": "Дискуссант",
        "opening_remarks": "Вступительное слово",
        "welcome_remarks": "Приветственное слово",
        "congratulatory_remarks": "Поздравление",
        "performer": "Выступление",
        "host": "Организатор",
        "co_host": "Соорганизатор",
        "organiser": "Оператор",
        "sponsor": "Спонсор",
        "partner": "Партнёр",
    },
}

_RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_KO_WEEKDAYS = "월화수목금토일"
_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_RU_WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


READING_ORDER = {"ko": ("ko", "en", "ru"), "en": ("en", "ru", "ko"), "ru": ("ru", "en", "ko")}


def reading_order(lang: str) -> tuple[str, ...]:
    """Fallbacks for a reader of ``lang``: a Russian reader gets English before Korean."""
    return READING_ORDER.get(lang, (lang, "en", "ru", "ko"))


def pick_title(value, langs: tuple[str, ...] = ("ko", "en")) -> str:
    """A short one-line title: Korean, then English, whatever exists."""
    return pick_language(value, langs)


def word(lang: str, key: str, **values: object) -> str:
    text = WORDS.get(lang, WORDS["en"])[key]
    return text.format(**values) if values else text


def words(langs: tuple[str, ...], key: str, **values: object) -> str:
    """A label in every language of the document: "시간 / Time"."""
    return " / ".join(word(lang, key, **values) for lang in langs)


def guest_texts(value, shown: list[str] | tuple[str, ...] = ()) -> list[str]:
    """``value`` in the guests' languages (kk, uz), leaving out what is already ``shown``."""
    if not value:
        return []
    out = [value[lang] for lang in GUEST_LANGUAGES if value.get(lang)]
    return [t for t in dict.fromkeys(out) if t not in shown]


def role_name(lang: str, role: str) -> str:
    return ROLES.get(lang, ROLES["en"]).get(role) or role.replace("_", " ")


def long_date(lang: str, day: date) -> str:
    if lang == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일 ({_KO_WEEKDAYS[day.weekday()]})"
    if lang == "ru":
        return f"{day.day} {_RU_MONTHS[day.month - 1]} {day.year} ({_RU_WEEKDAYS[day.weekday()]})"
    return f"{_EN_WEEKDAYS[day.weekday()]} {day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


def date_range(lang: str, start: date, end: date) -> str:
    if start == end:
        return long_date(lang, start).rsplit(" (", 1)[0]
    if lang == "ko":
        tail = (
            f"{end.day}일"
            if (start.year, start.month) == (end.year, end.month)
            else (f"{end.year}년 {end.month}월 {end.day}일")
        )
        return f"{start.year}년 {start.month}월 {start.day}일 – {tail}"
    months = _RU_MONTHS if lang == "ru" else _EN_MONTHS
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"
    return (
        f"{start.day} {months[start.month - 1]} {start.year} – "
        f"{end.day} {months[end.month - 1]} {end.year}"
    )


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


class UnknownOption(ValueError):
    """An unknown ``lang`` or ``size``; the message is one line for a 400 or exit 2."""


def parse_languages(value: str | None, default: str = "ko") -> tuple[str, ...]:
    """``ko``, ``en``, ``ru``, ``ko+en`` or ``ko+ru`` (a ``+`` in a URL may arrive as a space)."""
    raw = (value or default).strip().lower()
    langs = tuple(part for part in re.split(r"[+,\s]+", raw) if part)
    if langs not in LANGUAGE_SETS:
        allowed = ", ".join("+".join(s) for s in LANGUAGE_SETS)
        raise UnknownOption(f"unknown language {raw!r}; use one of {allowed}")
    return langs


def check_options(langs: Sequence[str], size: str) -> tuple[str, ...]:
    """A document's languages and page size as a renderer takes them, or UnknownOption."""
    langs = tuple(langs)
    if langs not in LANGUAGE_SETS:
        raise UnknownOption(f"unknown language {'+'.join(langs)!r}")
    if size not in PAGE_SIZES:
        raise UnknownOption(f"unknown page size {size!r}; use A4 or A5")
    return langs


def parse_page_size(value: str | None, default: str = "A4") -> str:
    size = (value or default).strip().upper()
    if size not in PAGE_SIZES:
        raise UnknownOption(f"unknown page size {value!r}; use A4 or A5")
    return size
