"""Delegation itinerary: purpose, delegation in protocol order, hosts, day-by-day plan, contacts.

Data in (a ``VisitDocument``), bytes out. The same languages as the booklet; a
bilingual itinerary (ko+ru) is what the protocol officer hands both sides.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm

from forumapp.core.localized import pick_language
from forumapp.core.timezones import get_zone
from forumapp.pdf import labels as L
from forumapp.pdf.document import (
    PAGE_SIZES,
    DocumentSpec,
    PdfResult,
    Writer,
    build_document,
    heading,
)
from forumapp.pdf.fonts import FontChain
from forumapp.pdf.styles import make_styles
from forumapp.visits.rules.visit_document import VisitDocument, VisitPersonEntry

MARGIN_MM = 16.0


def _joined(*parts: str, sep: str = ", ") -> str:
    return sep.join(dict.fromkeys(x for x in parts if x))


class _Itinerary:
    def __init__(self, visit: VisitDocument, langs: tuple[str, ...], size: str, chain: FontChain):
        self.visit, self.langs = visit, langs
        self.styles = make_styles(chain, 9.5 if size == "A4" else 8.0)
        self.writer = Writer(self.styles)
        self.width = PAGE_SIZES[size][0] - 2 * MARGIN_MM * mm
        self.zone = get_zone(visit.timezone)

    def texts(self, value, guests: bool = False) -> list[str]:
        """``value`` in each document language, without repeating a fallback.

        With ``guests``, also in the guests' own language (Uzbek, Kazakh) when it has it.
        """
        out = list(
            dict.fromkeys(
                t for lang in self.langs if (t := pick_language(value, L.reading_order(lang)))
            )
        )
        return out + L.guest_texts(value, out) if guests else out

    def text(self, value, lang: str) -> str:
        return pick_language(value, L.reading_order(lang))

    def label(self, key: str) -> str:
        return L.words(self.langs, key)

    def intro(self, titles: list[str]) -> list:
        v, st, w = self.visit, self.styles, self.writer
        story: list = [heading(st, titles[0], "title", 0, st.title)]
        story += [w.para(t, st.heading) for t in titles[1:]]
        arrives, departs = v.arrives_at.astimezone(self.zone), v.departs_at.astimezone(self.zone)
        for lang in self.langs:
            when = L.date_range(lang, arrives.date(), departs.date())
            line = f"{when} · {L.clock(arrives)}–{L.clock(departs)}"
            story.append(w.para(line, st.body, bold=True))
        sides = [
            _joined(
                self.text(v.visiting_organisation, lang),
                self.text(v.host_organisation, lang),
                sep=" → ",
            )
            for lang in self.langs
        ]
        story += [w.para(side, st.body) for side in dict.fromkeys(sides) if side]
        purpose = self.texts(v.purpose)
        if purpose:
            story.append(heading(st, self.label("purpose"), "purpose", 0))
            story += [w.para(text, st.body) for text in purpose]
        if v.topics:
            story.append(w.para(", ".join(v.topics), st.small))
        return story

    def people(self, key: str, people: Sequence[VisitPersonEntry]) -> list:
        """Members or hosts in protocol order: names in every script, role, contact."""
        if not people:
            return []
        st, w = self.styles, self.writer
        rows: list[list] = [
            [w.para(t, st.header_cell) for t in ("#", self.label(key), self.label("role_org"))]
        ]
        for index, person in enumerate(people, start=1):
            about = [
                _joined(
                    self.text(person.role, lang),
                    self.text(person.title, lang),
                    self.text(person.organisation, lang),
                )
                for lang in self.langs
            ]
            guest = _joined(*L.guest_texts(person.title), *L.guest_texts(person.organisation))
            lines = [*dict.fromkeys(a for a in (*about, guest) if a)]
            contact = _joined(person.phone or "", person.email or "", sep=" · ")
            rows.append(
                [
                    w.para(str(person.protocol_order or index), st.cell),
                    w.para(person.all_names(), st.cell, bold=True),
                    w.para("\n".join([*lines, contact] if contact else lines), st.cell),
                ]
            )
        widths = [self.width * f for f in (0.06, 0.38, 0.56)]
        return [heading(st, self.label(key), key, 0), st.table(rows, col_widths=widths)]

    def plan(self) -> list:
        """Day by day: time, what (titles, description, participants), where."""
        v, st, w = self.visit, self.styles, self.writer
        story: list = [heading(st, self.label("itinerary"), "itinerary", 0)]
        if not v.itinerary:
            return [*story, w.para(self.label("no_itinerary"), st.body)]
        days: dict = {}
        for item in v.itinerary:
            days.setdefault(item.starts_at.astimezone(self.zone).date(), []).append(item)
        for day, items in sorted(days.items()):
            title = " / ".join(dict.fromkeys(L.long_date(lang, day) for lang in self.langs))
            story.append(heading(st, title, f"day-{day.isoformat()}", 1))
            rows: list[list] = [
                [w.para(self.label(k), st.header_cell) for k in ("time", "itinerary", "location")]
            ]
            for item in items:
                start, end = (
                    item.starts_at.astimezone(self.zone),
                    item.ends_at.astimezone(self.zone),
                )
                mark = "*" if item.time_provisional else ""
                what = [
                    (("\n" if i else "") + t, True) for i, t in enumerate(self.texts(item.title))
                ]
                what += [("\n" + d, False) for d in self.texts(item.description)]
                if item.participants:
                    names = ", ".join(item.participants)
                    what.append((f"\n{self.label('participants')}: {names}", False))
                rows.append(
                    [
                        w.para(f"{L.clock(start)}–{L.clock(end)}{mark}", st.cell),
                        w.rich(what, st.cell),
                        w.para("\n".join(self.texts(item.location)), st.cell),
                    ]
                )
            table = st.table(
                rows,
                col_widths=[self.width * f for f in (0.14, 0.58, 0.28)],
                extra=[("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _ZEBRA])],
            )
            table.splitInRow = 1  # a very long description splits inside its row
            story.append(table)
            if any(i.time_provisional for i in items):
                story.append(w.para("* " + self.label("provisional"), st.small))
        return story

    def contacts(self) -> list:
        v, st, w = self.visit, self.styles, self.writer
        if not v.contacts:
            return []
        rows: list[list] = [[w.para(self.label(k), st.header_cell) for k in ("contact", "reach")]]
        for contact in v.contacts:
            where = [
                _joined(self.text(contact.department, lang), self.text(contact.position, lang))
                for lang in self.langs
            ]
            reach = _joined(contact.phone or "", contact.email or "", sep=" · ")
            lines = [*dict.fromkeys(x for x in where if x), reach]
            rows.append(
                [
                    w.para(contact.officer, st.cell, bold=True),
                    w.para("\n".join(x for x in lines if x), st.cell),
                ]
            )
        widths = [self.width * 0.3, self.width * 0.7]
        return [
            heading(st, self.label("contacts"), "contacts", 0),
            st.table(rows, col_widths=widths),
        ]


_ZEBRA = colors.HexColor("#f5f7fa")


def itinerary_pdf(
    visit: VisitDocument, chain: FontChain, langs: Sequence[str] = ("ko",), size: str = "A4"
) -> PdfResult:
    """The itinerary; ``chain`` should be fresh per document (see ``document_chain``)."""
    langs = L.check_options(langs, size)
    doc = _Itinerary(visit, langs, size, chain)
    titles = doc.texts(visit.title, guests=True) or [visit.slug]
    story = [
        *doc.intro(titles),
        *doc.people("delegation", visit.members),
        *doc.people("hosts", visit.hosts),
        *doc.plan(),
        *doc.contacts(),
    ]
    small = doc.styles.small.fontSize
    title = " / ".join(titles[: len(langs)])
    spec = DocumentSpec(
        title=title,
        author=", ".join(doc.texts(visit.host_organisation)[:1]),
        subject=doc.label("itinerary"),
        lang_tag=L.PDF_LANG_TAGS[langs[0]],
        header=doc.writer.fit(title, small, doc.width, bold=True),
        footer=doc.writer.fit(doc.label("itinerary"), small, doc.width - 20 * small),
        page_label=L.word(langs[0], "page", page="{page}"),
        size=size,
        margin_mm=MARGIN_MM,
        cover=False,
    )
    return build_document(doc.styles, spec, story)
