"""What attendees read, fast: the last release of a forum, parsed once per process.

A release is never edited after publication, so its parsed ``Programme`` and every
export rendered from it can be kept in memory, keyed by the release. A request then
costs one small query (which release is current?) and, on an ETag match, nothing more.
The cache lives on the app object so each app (and each test) has its own.

The answer to "which release is current?" can itself be kept for ``PUBLIC_RELEASE_TTL``
seconds (config; default 0, off: every request asks, which the query-count tests rely on;
1 is a sensible production value), so a burst of conditional requests costs no query at
all. Any insert, update or delete of a release or a forum made through the ORM
in this process forgets every kept answer at once (publishing, unpublishing, renaming a
slug); a change made by another process (the other gunicorn worker, a CLI run) or by a
bulk SQL statement shows after at most ``PUBLIC_RELEASE_TTL`` seconds there.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import bindparam, event, func
from sqlalchemy.orm import Session, object_session

from forumapp.core.extensions import db
from forumapp.programme.models import Forum, ForumStatus
from forumapp.programme.release_model import Release
from forumapp.programme.rules.programme import Programme, ReleaseInfo

_CACHE_KEY = "forumapp.public_cache"
_STAMPS_KEY = "forumapp.public_stamps"
MAX_PROGRAMMES = 32
MAX_RENDERINGS = 512
MAX_STAMPS = 1024
DEFAULT_RELEASE_TTL = 0.0  # seconds, 0 = off; see the module docstring


@dataclass(frozen=True)
class ReleaseStamp:
    """Which release a forum shows now, without loading its snapshot."""

    release_id: int
    forum_id: int
    slug: str
    number: int
    name: str
    published_at: datetime

    @property
    def tag(self) -> str:
        """Changes whenever the release does; the base of every ETag."""
        return f"r{self.release_id}.{self.number}.{int(self.published_at.timestamp() * 1e6)}"


class _LRU:
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get_or_build(self, key, build: Callable):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = build()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


def _caches() -> tuple[_LRU, _LRU]:
    caches = current_app.extensions.get(_CACHE_KEY)
    if caches is None:
        caches = current_app.extensions.setdefault(
            _CACHE_KEY, (_LRU(MAX_PROGRAMMES), _LRU(MAX_RENDERINGS))
        )
    return caches


# Bumped by every ORM write to a release or a forum in this process (at the flush, and
# again at the commit: a request in between may have kept the old answer); kept stamps
# from an older generation are not used.
class _Generation:
    value = 0


_WROTE = "forumapp.public_stamps.wrote"


def _forget_stamps() -> None:
    _Generation.value += 1


def _on_write(_mapper, _connection, target) -> None:
    _forget_stamps()
    session = object_session(target)
    if session is not None:
        session.info[_WROTE] = True


def _on_commit(session: Session) -> None:
    if session.info.pop(_WROTE, False):
        _forget_stamps()


for _model in (Release, Forum):
    for _event_name in ("after_insert", "after_update", "after_delete"):
        event.listen(_model, _event_name, _on_write)
event.listen(Session, "after_commit", _on_commit)


def release_stamp(slug: str) -> ReleaseStamp | None:
    """The current release of a published forum, or None (unknown, draft, never published);
    answered from memory for up to ``PUBLIC_RELEASE_TTL`` seconds (module docstring)."""
    ttl = current_app.config.get("PUBLIC_RELEASE_TTL", DEFAULT_RELEASE_TTL)
    if not ttl:
        return _query_release_stamp(slug)
    stamps = current_app.extensions.get(_STAMPS_KEY)
    if stamps is None:
        stamps = current_app.extensions.setdefault(_STAMPS_KEY, {})
    now = time.monotonic()
    kept = stamps.get(slug)
    if kept is not None and kept[0] == _Generation.value and now - kept[1] < ttl:
        return kept[2]
    generation = _Generation.value
    stamp = _query_release_stamp(slug)
    if len(stamps) >= MAX_STAMPS:
        stamps.clear()
    stamps[slug] = (generation, now, stamp)
    return stamp


# Built once: constructing the statement cost as much as running it (it is on every
# request, 304s included).
_STAMP_QUERY = (
    db.select(
        Release.id,
        Release.forum_id,
        Release.number,
        Release.name,
        Release.published_at,
    )
    .join(Forum, Release.forum_id == Forum.id)
    .where(Forum.slug == bindparam("slug"), Forum.status == ForumStatus.PUBLISHED)
    .order_by(Release.number.desc())
    .limit(1)
)


def _query_release_stamp(slug: str) -> ReleaseStamp | None:
    row = db.session.execute(_STAMP_QUERY, {"slug": slug}).first()
    if row is None:
        return None
    return ReleaseStamp(row.id, row.forum_id, slug, row.number, row.name, row.published_at)


def programme_of(stamp: ReleaseStamp) -> Programme:
    """The release's programme, parsed once per process."""

    def load() -> Programme:
        snapshot = db.session.scalar(
            db.select(Release.snapshot).where(Release.id == stamp.release_id)
        )
        info = ReleaseInfo(number=stamp.number, name=stamp.name, published_at=stamp.published_at)
        return Programme.from_snapshot(snapshot, info)

    programmes, _ = _caches()
    return programmes.get_or_build(stamp.tag, load)


def rendered(stamp: ReleaseStamp, variant: tuple, build: Callable[[], bytes | str]) -> bytes | str:
    """An export or page of the release built once per variant (releases never change)."""
    _, renderings = _caches()
    return renderings.get_or_build((stamp.tag, *variant), build)


def published_stamps() -> list[ReleaseStamp]:
    """The current release of every published forum, latest forum first, in one query."""
    latest = (
        db.select(Release.forum_id, func.max(Release.number).label("number"))
        .group_by(Release.forum_id)
        .subquery()
    )
    rows = db.session.execute(
        db.select(
            Release.id,
            Release.forum_id,
            Forum.slug,
            Release.number,
            Release.name,
            Release.published_at,
        )
        .join(
            latest,
            (latest.c.forum_id == Release.forum_id) & (latest.c.number == Release.number),
        )
        .join(Forum, Forum.id == Release.forum_id)
        .where(Forum.status == ForumStatus.PUBLISHED)
        .order_by(Forum.start_date.desc(), Forum.id)
    ).all()
    return [ReleaseStamp(r.id, r.forum_id, r.slug, r.number, r.name, r.published_at) for r in rows]
