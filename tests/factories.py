"""Small builders for test data; each returns a saved object."""

from __future__ import annotations

from datetime import date

from forumapp.accounts import operations as accounts
from forumapp.accounts.models import UserRole
from forumapp.core.extensions import db
from forumapp.demo.support import at
from forumapp.people.models import Organisation, OrganisationKind, Person
from forumapp.programme import releases
from forumapp.programme.models import Forum, ForumStatus, Room, Session, SessionKind, Venue

PASSWORD = "correct-horse-battery"


def organisation(name_en="Acme Foods", kind=OrganisationKind.COMPANY, country="KZ") -> Organisation:
    org = Organisation(kind=kind, country=country, name={"en": name_en})
    db.session.add(org)
    db.session.commit()
    return org


def user(email="organiser@test.example", role=UserRole.ORGANISER, organisation_id=None):
    created = accounts.create_user(email, PASSWORD, role, organisation_id=organisation_id)
    db.session.commit()  # factories stand for earlier requests, each committed
    return created


def company_user(email="rep@acme.example", org_name="Acme Foods"):
    org = organisation(org_name)
    created = accounts.create_user(email, PASSWORD, UserRole.COMPANY, organisation_id=org.id)
    db.session.commit()
    return created


def forum(slug="test-forum", status=ForumStatus.DRAFT, tz="Asia/Almaty") -> Forum:
    venue = Venue(name={"en": "Hall"}, country="KZ", timezone=tz, rooms=[Room(name={"en": "A"})])
    f = Forum(
        slug=slug,
        title={"en": "Test forum", "ko": "시험 포럼"},
        timezone=tz,
        start_date=date(2026, 10, 14),
        end_date=date(2026, 10, 15),
        venue=venue,
        status=status,
    )
    db.session.add(f)
    db.session.commit()
    return f


def session(forum_obj: Forum, start="2026-10-14 10:00", end="2026-10-14 11:00", title="Talk"):
    s = Session(
        forum=forum_obj,
        kind=SessionKind.PRESENTATION,
        title={"en": title},
        starts_at=at(forum_obj.timezone, start),
        ends_at=at(forum_obj.timezone, end),
        room=forum_obj.venue.rooms[0] if forum_obj.venue else None,
    )
    db.session.add(s)
    db.session.commit()
    return s


def person(hangul=None, latin="Test Person", native=None) -> Person:
    p = Person(name_hangul=hangul, name_latin=latin, name_native=native)
    db.session.add(p)
    db.session.commit()
    return p


def publish(forum_obj: Forum, name: str = "Release"):
    release = releases.publish(forum_obj.id, name)
    db.session.commit()
    return release
