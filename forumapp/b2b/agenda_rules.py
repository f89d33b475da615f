"""What B2B documents show, as plain data: a company's agenda, the per-table sheets, and the
outcome figures Korean organisers report. Built by services from the database, read by
exports (iCalendar, PDF, Excel); no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class AgendaCompany:
    name: str
    country: str = ""
    sectors: tuple[str, ...] = ()  # labels, already translated
    languages: tuple[str, ...] = ()
    contact: str = ""  # "name · e-mail · phone"


@dataclass(frozen=True)
class AgendaMeeting:
    key: str  # stable across scheduler re-runs: "request-40" (or "meeting-7" when booked)
    starts_at: datetime  # aware
    ends_at: datetime
    table: str
    counterpart: AgendaCompany
    interpreter: str | None = None
    sequence: int = 0  # grows whenever the meeting is moved
    updated_at: datetime | None = None
    cancelled: bool = False  # sent as STATUS:CANCELLED to update an imported copy


@dataclass(frozen=True)
class CompanyAgenda:
    """One company's meetings in one matchmaking session."""

    matchmaking_id: int
    participant_id: int
    title: str
    forum_title: str
    timezone: str  # IANA
    venue: str
    company: AgendaCompany
    meetings: tuple[AgendaMeeting, ...]
    stamp: datetime  # DTSTAMP: the latest change, so unchanged agendas give the same bytes
    published: bool = True


@dataclass(frozen=True)
class TableMeeting:
    starts_at: datetime
    ends_at: datetime
    first: AgendaCompany
    second: AgendaCompany
    interpreter: str | None = None


@dataclass(frozen=True)
class TableSheet:
    name: str
    host: AgendaCompany | None  # the company that keeps this table, if any
    meetings: tuple[TableMeeting, ...]


@dataclass(frozen=True)
class TableSheets:
    title: str
    forum_title: str
    timezone: str
    venue: str
    tables: tuple[TableSheet, ...]


# -- outcomes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeRecord:
    """One meeting as the statistics see it (amounts in whole currency units)."""

    meeting_id: int
    countries: tuple[str, ...]  # of both companies
    sectors: tuple[str, ...]  # of both companies (codes)
    held: bool
    no_show: bool = False
    currency: str = "USD"
    consultation: int = 0  # 상담액
    negotiation: int = 0  # 계약추진액
    contract: int = 0  # 계약체결액
    mou: bool = False


@dataclass
class OutcomeFigures:
    """상담건수, 상담액, 계약추진액, 계약체결액, MOU건수 (amounts per currency)."""

    key: str
    meetings: int = 0  # 상담건수: meetings held
    no_shows: int = 0
    consultation: dict[str, int] = field(default_factory=dict)
    negotiation: dict[str, int] = field(default_factory=dict)
    contract: dict[str, int] = field(default_factory=dict)
    mous: int = 0

    def add(self, record: OutcomeRecord) -> None:
        if record.no_show:
            self.no_shows += 1
        if not record.held:
            return
        self.meetings += 1
        self.mous += int(record.mou)
        for total, amount in (
            (self.consultation, record.consultation),
            (self.negotiation, record.negotiation),
            (self.contract, record.contract),
        ):
            total[record.currency] = total.get(record.currency, 0) + amount


@dataclass(frozen=True)
class OutcomeStatistics:
    total: OutcomeFigures
    by_country: tuple[OutcomeFigures, ...]
    by_sector: tuple[OutcomeFigures, ...]
    currencies: tuple[str, ...]


def _grouped(records: Iterable[OutcomeRecord], keys_of) -> tuple[OutcomeFigures, ...]:
    groups: dict[str, OutcomeFigures] = {}
    for record in records:
        # A meeting counts once under each distinct country (sector) of its two companies.
        for key in dict.fromkeys(keys_of(record)):
            groups.setdefault(key, OutcomeFigures(key)).add(record)
    return tuple(
        sorted(groups.values(), key=lambda g: (-g.meetings, -sum(g.contract.values()), g.key))
    )


def outcome_statistics(records: Iterable[OutcomeRecord]) -> OutcomeStatistics:
    """Totals (each meeting once) and the same figures by country and by sector."""
    records = list(records)
    total = OutcomeFigures("")
    for record in records:
        total.add(record)
    currencies = tuple(sorted({r.currency for r in records if r.held})) or ("USD",)
    return OutcomeStatistics(
        total=total,
        by_country=_grouped(records, lambda r: r.countries),
        by_sector=_grouped(records, lambda r: r.sectors or ("other",)),
        currencies=currencies,
    )
