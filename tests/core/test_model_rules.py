from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from forumapp.core.extensions import db
from forumapp.core.models import Base
from forumapp.people.models import Person
from forumapp.programme.models import Forum, Session
from tests import factories


def test_times_come_back_aware_and_in_utc(app):
    forum = factories.forum(tz="Asia/Almaty")
    session = factories.session(forum, "2026-10-14 10:00", "2026-10-14 11:00")
    db.session.expire_all()
    loaded = db.session.get(Session, session.id)
    assert loaded.starts_at.tzinfo is not None
    # Asia/Almaty is UTC+5 since 2024-03-01: 10:00 local is 05:00 UTC.
    assert loaded.starts_at == datetime(2026, 10, 14, 5, 0, tzinfo=UTC)
    assert loaded.starts_at.utcoffset() == timedelta(0)


def test_other_offsets_are_converted_to_utc(app):
    forum = factories.forum()
    seoul = timezone(timedelta(hours=9))
    s = Session(
        forum=forum,
        kind="keynote",
        title={"en": "K"},
        starts_at=datetime(2026, 10, 14, 14, 0, tzinfo=seoul),
        ends_at=datetime(2026, 10, 14, 14, 20, tzinfo=seoul),
    )
    db.session.add(s)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Session, s.id).starts_at == datetime(2026, 10, 14, 5, 0, tzinfo=UTC)


def test_naive_datetimes_are_refused(app):
    forum = factories.forum()
    db.session.add(
        Session(
            forum=forum,
            kind="keynote",
            title={"en": "K"},
            starts_at=datetime(2026, 10, 14, 10, 0),
            ends_at=datetime(2026, 10, 14, 11, 0),
        )
    )
    with pytest.raises(StatementError, match="naive datetime"):
        db.session.commit()
    db.session.rollback()


def test_session_must_end_after_it_starts(app):
    forum = factories.forum()
    with pytest.raises(IntegrityError):
        factories.session(forum, "2026-10-14 11:00", "2026-10-14 10:00")
    db.session.rollback()


def test_forum_dates_must_be_in_order(app):
    db.session.add(
        Forum(
            slug="backwards",
            title={"en": "x"},
            timezone="Asia/Seoul",
            start_date=date(2026, 5, 2),
            end_date=date(2026, 5, 1),
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_forum_slug_is_unique(app):
    factories.forum(slug="same")
    with pytest.raises(IntegrityError):
        factories.forum(slug="same")
    db.session.rollback()


def test_a_person_needs_some_name(app):
    db.session.add(Person(title={"en": "Governor"}))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_person_names_by_reader_language(app):
    p = factories.person(hangul="조이르 미르자예프", latin="Zoyir Mirzayev", native="Зоир Мирзаев")
    assert p.display_name("ko") == "조이르 미르자예프"
    assert p.display_name("en") == "Zoyir Mirzayev"
    assert p.display_name("ru") == "Зоир Мирзаев"
    latin_only = factories.person(latin="Aibar Temenov")
    assert latin_only.display_name("ko") == "Aibar Temenov"


def test_json_fields_track_in_place_changes(app):
    forum = factories.forum()
    forum.title["ru"] = "Тестовый форум"
    forum.language_fallback.append("kk")
    db.session.commit()
    db.session.expire_all()
    again = db.session.get(Forum, forum.id)
    assert again.title["ru"] == "Тестовый форум"
    assert again.language_fallback[-1] == "kk"


def test_every_constraint_has_a_conventional_name():
    for table in Base.metadata.sorted_tables:
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"
