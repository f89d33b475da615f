"""What changed between two releases of a programme, and whom to tell.

Sessions are matched by their stable key, so a moved or renamed session is a
change, not a removal plus an addition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forumapp.programme.rules.programme import Programme, ProgrammeSession


@dataclass(frozen=True)
class SessionChange:
    key: str
    title: dict[str, str]
    changes: tuple[str, ...]  # "time", "room", "title", "speakers", "kind", "description"
    speakers_added: tuple[str, ...] = ()
    speakers_removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Changelog:
    added: tuple[str, ...] = ()  # session keys
    removed: tuple[str, ...] = ()
    changed: tuple[SessionChange, ...] = ()
    # Everyone whose session was added, removed or changed (they need telling).
    speakers_to_notify: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def moved(self) -> tuple[SessionChange, ...]:
        return tuple(c for c in self.changed if {"time", "room"} & set(c.changes))

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [
                {
                    "key": c.key,
                    "title": c.title,
                    "changes": list(c.changes),
                    "speakers_added": list(c.speakers_added),
                    "speakers_removed": list(c.speakers_removed),
                }
                for c in self.changed
            ],
            "speakers_to_notify": list(self.speakers_to_notify),
        }


def _speaker_set(session: ProgrammeSession) -> set[tuple[str, str]]:
    return {(r.person_key, r.role) for r in session.speakers}


def _what_changed(old: ProgrammeSession, new: ProgrammeSession) -> list[str]:
    changes = []
    if (old.starts_at, old.ends_at) != (new.starts_at, new.ends_at):
        changes.append("time")
    if old.room_key != new.room_key:
        changes.append("room")
    if dict(old.title) != dict(new.title):
        changes.append("title")
    if old.kind != new.kind:
        changes.append("kind")
    if dict(old.description) != dict(new.description):
        changes.append("description")
    if _speaker_set(old) != _speaker_set(new) or [r.person_key for r in old.speakers] != [
        r.person_key for r in new.speakers
    ]:
        changes.append("speakers")
    return changes


def diff_programmes(previous: Programme | None, current: Programme) -> Changelog:
    """The changelog from ``previous`` (None for a first release) to ``current``."""
    old = {s.key: s for s in previous.sessions} if previous else {}
    new = {s.key: s for s in current.sessions}
    added = sorted(new.keys() - old.keys(), key=lambda k: (new[k].starts_at, k))
    removed = sorted(old.keys() - new.keys(), key=lambda k: (old[k].starts_at, k))
    notify: set[str] = set()
    if previous is not None:
        for key in added:
            notify.update(r.person_key for r in new[key].speakers)
    for key in removed:
        notify.update(r.person_key for r in old[key].speakers)

    changed = []
    for key in sorted(old.keys() & new.keys(), key=lambda k: (new[k].starts_at, k)):
        what = _what_changed(old[key], new[key])
        if not what:
            continue
        before = {r.person_key for r in old[key].speakers}
        after = {r.person_key for r in new[key].speakers}
        changed.append(
            SessionChange(
                key=key,
                title=dict(new[key].title),
                changes=tuple(what),
                speakers_added=tuple(sorted(after - before)),
                speakers_removed=tuple(sorted(before - after)),
            )
        )
        notify.update(before | after)
    return Changelog(
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        speakers_to_notify=tuple(sorted(notify)),
    )
