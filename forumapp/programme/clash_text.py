"""Clash warnings in the reader's language, with times on the event's wall clock.

``Clash.describe`` in the domain is English with UTC times (for logs and the
CLI); organisers read these instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from forumapp.core.timezones import get_zone
from forumapp.programme.clashes import ClashReport, ItemRef
from forumapp.programme.rules.clashes import Clash, ClashRule, ItemKind

_REASONS = {
    "starts_before_opening": lambda: _("starts before opening"),
    "ends_after_closing": lambda: _("ends after closing"),
    "spans_midnight": lambda: _("runs past midnight"),
}


@dataclass
class ClashLink:
    label: str
    url: str
    where: str  # the forum or visit it belongs to


@dataclass
class ClashWarning:
    rule: str
    message: str
    links: list[ClashLink]


def _local(ref: ItemRef | None, moment, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if ref is None:
        return moment.strftime(fmt) + " UTC"
    return moment.astimezone(get_zone(ref.timezone)).strftime(fmt)


def item_url(ref: ItemRef) -> str:
    if ref.kind is ItemKind.SESSION:
        return url_for("admin.edit_session", session_id=ref.id)
    return url_for("admin.edit_itinerary_item", item_id=ref.id)


def message(clash: Clash, report: ClashReport) -> str:
    values = clash.details
    refs = report.involved(clash)
    first = refs[0] if refs else None
    if clash.rule is ClashRule.PERSON_DOUBLE_BOOKED:
        name = report.person_names.get(clash.subject_key or "", clash.subject_key or "")
        return _(
            "%(person)s is booked in two overlapping items: “%(first)s” and “%(second)s” "
            "(%(start)s–%(end)s).",
            person=name,
            first=values["first_title"],
            second=values["second_title"],
            start=_local(first, values["overlap_from"]),
            end=_local(first, values["overlap_until"], "%H:%M"),
        )
    if clash.rule is ClashRule.ROOM_DOUBLE_BOOKED:
        return _(
            "Room %(room)s is double-booked: “%(first)s” and “%(second)s” (%(start)s–%(end)s).",
            room=values["room_name"],
            first=values["first_title"],
            second=values["second_title"],
            start=_local(first, values["overlap_from"]),
            end=_local(first, values["overlap_until"], "%H:%M"),
        )
    if clash.rule is ClashRule.OUTSIDE_FORUM_DATES:
        return _(
            "“%(title)s” falls on %(day)s, outside the forum's dates %(start)s to %(end)s.",
            title=values["title"],
            day=values["local_date"].isoformat(),
            start=values["forum_start"].isoformat(),
            end=values["forum_end"].isoformat(),
        )
    if clash.rule is ClashRule.OUTSIDE_DAY_HOURS:
        reasons = ", ".join(_REASONS[r]() for r in values["reasons"])
        return _(
            "“%(title)s” (%(start)s–%(end)s) %(reasons)s.",
            title=values["title"],
            start=values["local_start"].strftime("%Y-%m-%d %H:%M"),
            end=values["local_end"].strftime("%H:%M"),
            reasons=reasons,
        )
    if clash.rule is ClashRule.OVER_CAPACITY:
        return _(
            "“%(title)s” expects %(expected)d people but room %(room)s holds %(capacity)d.",
            title=values["title"],
            expected=values["expected_attendance"],
            room=values["room_name"],
            capacity=values["capacity"],
        )
    return _("Panel “%(title)s” has no moderator or chair.", title=values["title"])


def warnings(clashes: list[Clash], report: ClashReport) -> list[ClashWarning]:
    return [
        ClashWarning(
            rule=clash.rule.value,
            message=message(clash, report),
            links=[
                ClashLink(ref.title, item_url(ref), ref.owner_title)
                for ref in report.involved(clash)
            ],
        )
        for clash in clashes
    ]
