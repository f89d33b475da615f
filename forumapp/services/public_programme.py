"""What attendees read, fast: the last release of a forum, parsed once per process.

A release is never edited after publication, so its parsed ``Programme`` and every
export rendered from it can be kept in memory, keyed by the release. A request then
costs one small query (which release is current?) and, on an ETag match, nothing more.
The cache lives on the app object so each app (and each test) has its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func

from forumapp.domain.programme import Programme, ReleaseInfo
from forumapp.extensions import db
from forumapp.models import Forum, ForumStatus, Release

_CACHE_KEY = "forumapp.public_cache"
MAX_PROGRAMMES = 32
MAX_RENDERINGS = 512


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


def release_stamp(slug: str) -> ReleaseStamp | None:
    """The current release of a published forum, or None (unknown, draft, never published)."""
    row = db.session.execute(
        db.select(
            Release.id,
            Release.forum_id,
            Release.number,
            Release.name,
            Release.published_at,
        )
        .join(Forum, Release.forum_id == Forum.id)
        .where(Forum.slug == slug, Forum.status == ForumStatus.PUBLISHED)
        .order_by(Release.number.desc())
        .limit(1)
    ).first()
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
    return [
        ReleaseStamp(r.id, r.forum_id, r.slug, r.number, r.name, r.published_at) for r in rows
    ]
