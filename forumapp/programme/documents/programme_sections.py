"""The booklet's back matter: the speaker index and the venue with its rooms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import PageBreak

from forumapp.pdf import labels as L
from forumapp.pdf.document import heading
from forumapp.pdf.grid import Grid
from forumapp.programme.rules.programme import PersonInfo, ProgrammeSession

if TYPE_CHECKING:
    from forumapp.programme.documents.programme_pdf import Booklet


def _sort_key(book: Booklet, person: PersonInfo) -> tuple[str, str]:
    # Hangul syllables are encoded in 가나다 order, Cyrillic and Latin alphabetically,
    # so the code-point order of the displayed name is the reader's order.
    return (book.name(person, book.langs[0]).casefold(), person.key)


def speaker_index(book: Booklet, days) -> list:
    """Each speaker once, every spelling of the name, title, organisation and sessions."""
    p, st, w = book.programme, book.styles, book.writer
    appearances: dict[str, list[tuple[ProgrammeSession, str]]] = {}
    for _day, sessions in days:
        for session in sessions:
            for role in session.speakers:
                appearances.setdefault(role.person_key, []).append((session, role.role))
    people = sorted(
        (person for key in appearances if (person := p.person(key)) is not None),
        key=lambda person: _sort_key(book, person),
    )
    if not people:
        return []
    story: list = [
        PageBreak(),
        heading(st, book.label("speaker_index"), "speakers", 0, st.title),
    ]
    rows: list[list] = [
        [w.para(book.label(key), st.header_cell) for key in ("speakers", "session")]
    ]
    for person in people:
        about = []
        for lang in book.langs:
            line = book.clip(book.about(person, lang))
            if line and line not in about:
                about.append(line)
        guest = ", ".join([*L.guest_texts(person.title), *L.guest_texts(person.organisation)])
        guest = book.clip(guest)
        if guest and guest not in about:
            about.append(guest)
        who = [(book.all_names(person), True)]
        who += [("\n" + line, False) for line in about]
        sessions = []
        for session, role in appearances[person.key]:
            start, _ = book.local(session)
            title = book.clip(book.texts(session.title)[0], 120)
            roles = " / ".join(dict.fromkeys(L.role_name(lang, role) for lang in book.langs))
            sessions.append(f"{start:%m-%d %H:%M} {title} ({roles})")
        rows.append([w.rich(who, st.cell), w.para("\n".join(sessions), st.cell)])
    story.append(
        Grid(
            rows,
            [book.width * 0.45, book.width * 0.55],
        )
    )
    return story


def venue_section(book: Booklet) -> list:
    """Venue name and address in the document's languages, then its rooms."""
    p, st, w = book.programme, book.styles, book.writer
    if p.venue is None and not p.rooms:
        return []
    story: list = [PageBreak(), heading(st, book.label("venue"), "venue", 0, st.title)]
    if p.venue:
        story.append(w.para(book.joined(p.venue.name, " / "), st.heading))
        address = book.joined(p.venue.address, " / ")
        place = ", ".join(x for x in (address, p.venue.city, p.venue.country) if x)
        if place:
            story.append(w.rich([(book.label("address") + "  ", True), (place, False)]))
    if p.rooms:
        counts: dict[str | None, int] = {}
        for session in p.sessions:
            counts[session.room_key] = counts.get(session.room_key, 0) + 1
        rows = [
            [book.label("room"), book.label("capacity"), book.label("session")],
            *(
                [
                    book.joined(room.name),
                    "" if room.capacity is None else str(room.capacity),
                    str(counts.get(room.key, 0)),
                ]
                for room in sorted(p.rooms, key=lambda r: (r.position, r.key))
            ),
        ]
        widths = [book.width * 0.6, book.width * 0.2, book.width * 0.2]
        story.append(st.table(rows, col_widths=widths))
    return story
