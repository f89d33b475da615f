"""Programme booklet of a forum: cover, day tables, sessions in detail, speaker index, venue.

Data in (a ``Programme``), bytes out. One language, or two side by side (ko+en,
ko+ru): every table then has one column per language, so a Korean host and a
Russian-reading guest read the same line. The cover also lists the title in the
forum's other languages (a Kazakh title on a ko+ru booklet), because it is the
guests' own name for the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from forumapp.core.localized import pick_language
from forumapp.core.timezones import get_zone
from forumapp.pdf import labels as L
from forumapp.pdf.document import (
    PAGE_SIZES,
    DocumentSpec,
    KeepUnlessTaller,
    PdfResult,
    Writer,
    build_document,
    heading,
    outlined,
)
from forumapp.pdf.fonts import FontChain
from forumapp.pdf.grid import Grid, Stack
from forumapp.pdf.styles import make_styles
from forumapp.programme.documents.programme_sections import speaker_index, venue_section
from forumapp.programme.rules.programme import (
    PersonInfo,
    Programme,
    ProgrammeSession,
    sessions_by_local_day,
)

BASE_SIZE = {"A4": 9.5, "A5": 8.0}
# Table cells hold at most this many characters (the full text is in the session
# details): a row taller than a page is split by reportlab again on every page,
# which turns one pasted 20-page title into minutes of layout.
CELL_LIMIT = 300
NAME_LIMIT = 100
# Two languages side by side only while a session's texts are of a sane length;
# longer ones are stacked, because a table row is re-split on every page.
SIDE_BY_SIDE_LIMIT = 2500
MARGIN_MM = {"A4": 18.0, "A5": 12.0}


class Booklet:
    """The text helpers a booklet's sections share; one instance per document."""

    def __init__(self, programme: Programme, langs: tuple[str, ...], size: str, chain: FontChain):
        self.programme = programme
        self.langs = langs
        self.size = size
        self.styles = make_styles(chain, BASE_SIZE[size])
        self.writer = Writer(self.styles)
        self.zone = get_zone(programme.timezone)
        self.width = PAGE_SIZES[size][0] - 2 * MARGIN_MM[size] * mm

    # -- text in the document's languages ------------------------------------
    def text(self, value, lang: str) -> str:
        return pick_language(value, L.reading_order(lang))

    def texts(self, value) -> list[str]:
        """``value`` in each document language; a fallback repeating the first is blanked."""
        out: list[str] = []
        for lang in self.langs:
            text = self.text(value, lang)
            out.append("" if out and text == out[0] else text)
        return out

    @staticmethod
    def clip(text: str, limit: int = CELL_LIMIT) -> str:
        return text if len(text) <= limit else text[:limit].rstrip() + "…"

    def joined(self, value, sep: str = "\n") -> str:
        return sep.join(t for t in self.texts(value) if t)

    def name(self, person: PersonInfo, lang: str) -> str:
        return self.clip(person.display_name(lang), NAME_LIMIT)

    def all_names(self, person: PersonInfo) -> str:
        """Every spelling once: 바우르잔 예드제노브 · Baurzhan Yedzhenov · Бауыржан Едженов."""
        seen: list[str] = []
        for value in (person.name_hangul, person.name_latin, person.name_native):
            if value and value not in seen:
                seen.append(value)
        return self.clip(" · ".join(seen), 3 * NAME_LIMIT)

    def about(self, person: PersonInfo, lang: str) -> str:
        """Title and organisation: "Professor, Suleyman Demirel University"."""
        parts = (self.text(person.title, lang), self.text(person.organisation, lang))
        return ", ".join(x for x in parts if x)

    def label(self, key: str, **values: object) -> str:
        return L.words(self.langs, key, **values)

    def local(self, session: ProgrammeSession):
        return session.starts_at.astimezone(self.zone), session.ends_at.astimezone(self.zone)

    def time_range(self, session: ProgrammeSession, narrow: bool = False) -> str:
        """ "14:00–14:30", with * when provisional; ``narrow`` puts the end on its own line."""
        start, end = self.local(session)
        mark = "*" if session.time_provisional else ""
        return f"{L.clock(start)}–{chr(10) if narrow else ''}{L.clock(end)}{mark}"

    def room_names(self, session: ProgrammeSession) -> str:
        room = self.programme.room(session.room_key)
        return self.clip(self.joined(room.name)) if room else ""

    def speakers_line(self, session: ProgrammeSession, lang: str) -> list[tuple[str, bool]]:
        """ "좌장 김대식 · 토론 신안드레이, 장한수": role names bold, in order of appearance."""
        groups: dict[str, list[str]] = {}
        for role in sorted(session.speakers, key=lambda r: r.position):
            person = self.programme.person(role.person_key)
            if person:
                groups.setdefault(role.role, []).append(self.name(person, lang))
        parts: list[tuple[str, bool]] = []
        for index, (role, names) in enumerate(groups.items()):
            prefix = " · " if index else ""
            parts += [(prefix + L.role_name(lang, role) + " ", True), (", ".join(names), False)]
        return parts


def _column_widths(total: float, fractions: Sequence[float]) -> list[float]:
    return [total * f for f in fractions]


def _cover(book: Booklet) -> list:
    p, w, st = book.programme, book.writer, book.styles
    subtitle = ParagraphStyle("CoverSubtitle", parent=st.heading, alignment=TA_CENTER)
    centred = ParagraphStyle("CoverBody", parent=st.body, alignment=TA_CENTER)
    small = ParagraphStyle("CoverSmall", parent=st.small, alignment=TA_CENTER)
    story: list = [Spacer(1, st.base_size * 4)]
    titles = [t for t in book.texts(p.title) if t] or [p.slug]
    for index, text in enumerate(titles):
        story.append(w.para(text, st.title if index == 0 else subtitle))
    story[1] = outlined(story[1], "cover", titles[0], 0)
    for text in book.texts(p.motto):
        if text:
            story.append(w.para(text, subtitle, bold=False))
    others = [lang for lang in (*p.title.keys(), *p.motto.keys()) if lang not in book.langs]
    for lang in dict.fromkeys(others):
        line = " — ".join(v for v in (p.title.get(lang), p.motto.get(lang)) if v)
        story.append(w.para(line, small))
    story.append(Spacer(1, st.base_size * 2))
    for lang in book.langs:
        story.append(w.para(L.date_range(lang, p.start_date, p.end_date), centred, bold=True))
    if p.venue:
        story.append(w.para(book.joined(p.venue.name, " / "), centred, bold=True))
        address = book.joined(p.venue.address, " / ")
        if address:
            story.append(w.para(address, centred))
    story += _cover_organisers(book, centred)
    story.append(Spacer(1, st.base_size))
    story.append(w.para(_release_line(book), small))
    for text in book.texts(p.description):
        if text:
            story.append(w.para(text, st.body))
    story.append(PageBreak())
    return story


def _cover_organisers(book: Booklet, style: ParagraphStyle) -> list:
    """ "공동주최 전라북도, ..." per role, once per document language."""
    p, w = book.programme, book.writer
    if not p.organisers:
        return []
    story: list = [Spacer(1, book.styles.base_size)]
    for lang in book.langs:
        by_role: dict[str, list[str]] = {}
        for organiser in p.organisers:
            by_role.setdefault(organiser.role, []).append(book.text(organiser.name, lang))
        for role, names in by_role.items():
            parts = [(L.role_name(lang, role) + "  ", True), (", ".join(names), False)]
            story.append(w.rich(parts, style))
    return story


def _release_line(book: Booklet) -> str:
    release = book.programme.release
    if release is None:
        return book.label("draft")
    published = release.published_at.astimezone(book.zone).strftime("%Y-%m-%d %H:%M")
    line = L.word(book.langs[0], "release", number=release.number, name=release.name)
    return f"{line} · {published}"


def _day_heading(book: Booklet, day: date) -> str:
    info = next((d for d in book.programme.days if d.day == day), None)
    parts = []
    for lang in book.langs:
        label = book.text(info.label, lang) if info else ""
        parts.append(" · ".join(x for x in (label, L.long_date(lang, day)) if x))
    return " / ".join(dict.fromkeys(parts))


def _day_table(book: Booklet, sessions: list[ProgrammeSession]) -> Grid:
    st, w = book.styles, book.writer
    bilingual = len(book.langs) == 2
    narrow = book.size == "A5"
    header = [L.words(book.langs, "time")]
    if bilingual:
        header += [f"{L.word(lang, 'session')} · {L.word(lang, 'speakers')}" for lang in book.langs]
        header.append(book.label("room"))
        fractions = (0.11, 0.36, 0.36, 0.17) if narrow else (0.15, 0.35, 0.35, 0.15)
    else:
        lang = book.langs[0]
        header += [L.word(lang, "session"), L.word(lang, "room"), L.word(lang, "speakers")]
        fractions = (0.11, 0.38, 0.18, 0.33) if narrow else (0.15, 0.37, 0.16, 0.32)
    rows: list[list] = [[w.para(h, st.header_cell) for h in header]]
    for session in sessions:
        row = [w.para(book.time_range(session, narrow), st.cell)]
        titles = [book.clip(t) for t in book.texts(session.title)]
        if bilingual:
            for index, lang in enumerate(book.langs):
                parts = [(titles[index], True)]
                speakers = book.speakers_line(session, lang)
                if speakers:
                    parts += [("\n", False), *speakers]
                row.append(w.rich(parts, st.cell))
            row.append(w.para(book.room_names(session), st.cell))
        else:
            row += [
                w.para(titles[0], st.cell, bold=True),
                w.para(book.room_names(session), st.cell),
                w.rich(book.speakers_line(session, book.langs[0]), st.cell),
            ]
        rows.append(row)
    return Grid(
        rows,
        _column_widths(book.width, fractions),
        row_backgrounds=[colors.white, _ZEBRA],
    )


_ZEBRA = colors.HexColor("#f5f7fa")


def _days(book: Booklet, days) -> list:
    st, w = book.styles, book.writer
    story: list = [heading(book.styles, book.label("programme"), "programme", 0, st.title)]
    if not days:
        story.append(w.para(book.label("no_sessions"), st.body))
        return story
    for day, sessions in days:
        title = _day_heading(book, day)
        story.append(heading(st, title, f"day-{day.isoformat()}", 1))
        story.append(_day_table(book, sessions))
        if any(s.time_provisional for s in sessions):
            story.append(w.para("* " + book.label("provisional"), st.small))
        story.append(Spacer(1, st.base_size))
    return story


def _session_block(book: Booklet, session: ProgrammeSession) -> list:
    st, w = book.styles, book.writer
    start, _ = book.local(session)
    meta = [f"{L.long_date(book.langs[0], start.date())} {book.time_range(session)}"]
    room = book.room_names(session).replace("\n", " / ")
    if room:
        meta.append(room)
    if session.language:
        meta.append(f"{book.label('language')}: {session.language}")
    if session.interpretation:
        meta.append(f"{book.label('interpretation')}: {', '.join(session.interpretation)}")
    titles = book.texts(session.title)
    outline_title = f"{book.time_range(session)} {book.clip(titles[0], 120)}"
    story: list = [
        CondPageBreak(st.base_size * 6),
        outlined(w.para(" · ".join(meta), st.small), f"s-{session.key}", outline_title, 1),
    ]
    descriptions = book.texts(session.description)
    columns = []
    for index, lang in enumerate(book.langs):
        cell = [w.para(titles[index] or titles[0], st.heading)]
        description = descriptions[index]
        if description:
            cell.append(w.para(description, st.body))
        for role in sorted(session.speakers, key=lambda r: r.position):
            person = book.programme.person(role.person_key)
            if person is None:
                continue
            about = book.about(person, lang)
            topic = book.text(role.topic, lang)
            cell.append(
                w.rich(
                    [
                        (L.role_name(lang, role.role) + "  ", True),
                        (book.name(person, lang), False),
                        (f" — {about}" if about else "", False),
                        (f" · {topic}" if topic else "", False),
                    ],
                    st.cell,
                )
            )
        columns.append(cell)
    size = sum(map(len, titles + descriptions)) + 150 * len(session.speakers)
    if len(columns) == 1 or size > SIDE_BY_SIDE_LIMIT:
        story += [p for column in columns for p in column]
    else:
        # Two columns without rules, kept on one page with the meta line above them
        # unless the block is taller than a page.
        meta_line = story.pop()
        story.append(
            KeepUnlessTaller(
                [
                    meta_line,
                    Grid(
                        [[Stack(column) for column in columns]],
                        [book.width / 2] * 2,
                        header_rows=0,
                        padding=(0, 3, 6, 3),
                        grid_colour=None,
                    ),
                ]
            )
        )
    story.append(Spacer(1, st.base_size * 0.8))
    return story


def _details(book: Booklet, days) -> list:
    if not days:
        return []
    st = book.styles
    story: list = [PageBreak(), heading(st, book.label("details"), "details", 0, st.title)]
    for _day, sessions in days:
        for session in sessions:
            story += _session_block(book, session)
    return story


def programme_pdf(
    programme: Programme,
    chain: FontChain,
    langs: Sequence[str] = ("ko",),
    size: str = "A4",
) -> PdfResult:
    """The booklet; ``chain`` should be fresh per document (see ``document_chain``)."""
    langs = L.check_options(langs, size)
    book = Booklet(programme, langs, size, chain)
    days = sessions_by_local_day(programme, book.zone)
    title = " / ".join(t for t in book.texts(programme.title) if t) or programme.slug
    author = ", ".join(programme.text(o.name, langs[0]) for o in programme.organisers)
    small = book.styles.small.fontSize
    spec = DocumentSpec(
        title=title,
        author=author,
        subject=L.words(langs, "programme"),
        lang_tag=L.PDF_LANG_TAGS[langs[0]],
        header=book.writer.fit(title, small, book.width, bold=True),
        footer=book.writer.fit(_release_line(book), small, book.width - 20 * small),
        page_label=L.word(langs[0], "page", page="{page}"),
        size=size,
        margin_mm=MARGIN_MM[size],
    )
    # The story is handed over, not kept here: the build frees each flowable once
    # it is on a page, so a long booklet never holds all its laid-out text at once.
    return build_document(book.styles, spec, _story(book, days))


def _story(book: Booklet, days) -> list:
    return [
        *_cover(book),
        *_days(book, days),
        *_details(book, days),
        *speaker_index(book, days),
        *venue_section(book),
    ]
