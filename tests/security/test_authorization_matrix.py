"""Authorization matrix: every route of the app, as anonymous, company A, company B and
organiser, against an explicit table of what each may get.

The routes come from ``app.url_map`` (what ``flask routes`` prints), so a new route
that is not classified in EXPECTED (or by a PREFIX_RULES entry for blueprints still
being built) fails the test until someone decides who may use it.

URL parameters are filled from seeded data: the demo forum and visit (organiser data)
and, for B2B, two separate matchmaking sessions, one where company A takes part and
one where company B does, each with its own requests and meeting. Company routes
are requested with A's ids and with B's ids by both companies: the owner gets the
page, the other company a 403/404 and never the page.

GETs and refused POSTs run against one seeded world whose full dump must be
unchanged afterwards (a refused request changes nothing). Each POST that should
succeed runs on the seeded world restored afresh, since it may delete what others need.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.routing import Rule

from forumapp.b2b import agenda as b2b_agenda
from forumapp.b2b import booking as b2b_booking
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b.models import MatchmakingMode
from forumapp.core import archive
from forumapp.core.extensions import db
from forumapp.core.models import Base
from forumapp.core.outbox_model import OutboxMessage
from forumapp.demo import forum as demo_forum
from forumapp.demo.load import DEMO_ORGANISER_EMAIL, load_demo
from forumapp.demo.support import at
from forumapp.people.models import Organisation, Person
from forumapp.programme import public as public_programme
from forumapp.programme.models import (
    Forum,
    ForumDay,
    ForumOrganiser,
    OrganiserRole,
    Room,
    SessionRole,
    Venue,
)
from forumapp.programme.models import Session as ProgrammeSession
from forumapp.programme.web.public.my_schedule import make_token
from forumapp.visits.agreement_model import Agreement, AgreementParty, FollowUpAction
from forumapp.visits.models import DelegationVisit, ItineraryItem, VisitMember
from tests import factories

ORGANISER_PASSWORD = "kazakh-wind-2023"
ACTORS = ("anonymous", "company_a", "company_b", "organiser")
COMPANIES = ("company_a", "company_b")

# What the actor who may use a route gets back.
OK_GET = frozenset({200})
OK_POST = frozenset({200, 302, 303})  # done (redirect) or the form again with its errors
REFUSED_OTHER = frozenset({403, 404})  # another company's id: forbidden or "no such thing"
NOT_5XX = frozenset(range(100, 500))


@dataclass(frozen=True)
class Expect:
    """Who may use a route and what they get.

    kind:
      public         everyone gets ``get``/``post`` (logged in or not, same answer)
      organiser      anonymous -> 302 to /login, companies -> 403, organiser -> ok
      company_owned  ids belong to one company: anonymous -> login, organiser -> 403,
                     the owner -> ok, the other company -> 403/404
      company_any    any company (no ids of another company): anonymous -> login,
                     organiser -> 403, each company -> ok, showing only its own data
      account        the signed-in user's own settings (API tokens): anonymous -> login,
                     every signed-in actor -> ok, on its own data only
      login, logout  the auth pages
      api            (prefix rule) bearer-token API: never a 5xx; an anonymous write
                     never succeeds
    """

    kind: str
    get: frozenset = OK_GET
    post: frozenset = OK_POST
    params: dict = field(default_factory=dict)
    form: dict = field(default_factory=dict)  # POST body (default: empty)


def public(get: int = 200, post: frozenset = OK_POST, **params) -> Expect:
    return Expect("public", frozenset({get}), post, params)


def organiser(get: frozenset = OK_GET, post: frozenset = OK_POST, **params) -> Expect:
    return Expect("organiser", get, post, params)


def company_owned(post: frozenset = OK_POST, **params) -> Expect:
    return Expect("company_owned", OK_GET, post, params)


COMPANY_ANY = Expect("company_any")
ORGANISER = organiser()
UNKNOWN_ID = frozenset({404})  # the organiser asks for an upload or a job that never was

EXPECTED: dict[str, Expect] = {
    # Public pages: the published demo forum, its public visit, the feeds.
    "static": public(filename="app.css"),
    "public.index": public(),
    "public.health": public(),
    "public.forum": public(),
    "public.forum_ics": public(),
    "public.grid": public(),
    "public.session": public(),
    "public.session_ics": public(),
    "public.speaker": public(),
    "public.speaker_ics": public(),
    "public.speakers": public(),
    "public.schedule_json": public(),
    "public.schedule_xml": public(),
    "public.my_schedule": public(),
    "public.my_schedule_link": public(),
    "public.my_schedule_ics": public(),
    "public.star": public(post=frozenset({400})),  # no session key in the form
    "public.visit": public(),
    "public.visit_ics": public(),
    "documents.programme": public(),
    # Log in and out.
    "auth.login": Expect("login"),
    "auth.logout": Expect("logout"),
    "auth.tokens": Expect("account"),
    "auth.revoke_token": Expect("account"),  # an empty form: nothing to revoke
    # Back office.
    "admin.dashboard": ORGANISER,
    "admin.audit_log": ORGANISER,
    "admin.outbox_page": ORGANISER,
    "admin.resend_failed": ORGANISER,
    "admin.resend_message": ORGANISER,
    "admin.forums": ORGANISER,
    "admin.new_forum": ORGANISER,
    "admin.forum": ORGANISER,
    "admin.edit_forum": ORGANISER,
    "admin.delete_forum": ORGANISER,
    "admin.duplicate_forum": ORGANISER,
    "admin.release": ORGANISER,
    "admin.new_day": ORGANISER,
    "admin.edit_day": ORGANISER,
    "admin.delete_day": ORGANISER,
    "admin.programme_grid": ORGANISER,
    "admin.shift_sessions": organiser(post=frozenset({400})),  # the form names no shift
    "admin.add_forum_organiser": ORGANISER,
    "admin.move_forum_organiser": organiser(direction="down"),
    "admin.remove_forum_organiser": ORGANISER,
    "admin.new_session": ORGANISER,
    "admin.edit_session": ORGANISER,
    "admin.delete_session": ORGANISER,
    "admin.move_session_room": ORGANISER,
    "admin.add_role": ORGANISER,
    "admin.move_role": organiser(direction="down"),
    "admin.remove_role": ORGANISER,
    "admin.venues": ORGANISER,
    "admin.new_venue": ORGANISER,
    "admin.edit_venue": ORGANISER,
    "admin.delete_venue": ORGANISER,
    "admin.new_room": ORGANISER,
    "admin.edit_room": ORGANISER,
    "admin.delete_room": ORGANISER,
    "admin.people": ORGANISER,
    "admin.new_person": ORGANISER,
    "admin.edit_person": ORGANISER,
    "admin.delete_person": ORGANISER,
    "admin.organisations": ORGANISER,
    "admin.new_organisation": ORGANISER,
    "admin.edit_organisation": ORGANISER,
    "admin.delete_organisation": ORGANISER,
    "admin.imports": ORGANISER,
    "admin.import_preview": organiser(get=UNKNOWN_ID),
    "admin.import_apply": organiser(post=UNKNOWN_ID),
    "admin.export_people": organiser(kind="people", fmt="csv"),
    "admin.visits": ORGANISER,
    "admin.new_visit": ORGANISER,
    "admin.visit": ORGANISER,
    "admin.edit_visit": ORGANISER,
    "admin.delete_visit": ORGANISER,
    "admin.add_listed_person": organiser(kind="members"),
    "admin.move_listed": organiser(kind="members", direction="down"),
    "admin.remove_listed": organiser(kind="members"),
    "admin.add_press_contact": ORGANISER,
    "admin.new_itinerary_item": ORGANISER,
    "admin.edit_itinerary_item": ORGANISER,
    "admin.delete_itinerary_item": ORGANISER,
    "admin.agreements": ORGANISER,
    "admin.new_agreement": ORGANISER,
    "admin.agreement": ORGANISER,
    "admin.delete_agreement": ORGANISER,
    "admin.add_party": ORGANISER,
    "admin.remove_party": ORGANISER,
    "admin.follow_ups": ORGANISER,
    "admin.new_follow_up": ORGANISER,
    "admin.edit_follow_up": ORGANISER,
    "admin.delete_follow_up": ORGANISER,
    "documents.itinerary": ORGANISER,
    "documents.badges": ORGANISER,
    # B2B, organiser side.
    "b2b.organiser_index": ORGANISER,
    "b2b.organiser_new": ORGANISER,
    "b2b.organiser_session": ORGANISER,
    "b2b.organiser_run": ORGANISER,
    "b2b.organiser_publish": ORGANISER,
    "b2b.organiser_lock": organiser(action="lock"),
    "b2b.organiser_job": organiser(get=UNKNOWN_ID, job_id="no-such-job"),
    "b2b.organiser_job_status": organiser(get=UNKNOWN_ID, job_id="no-such-job"),
    # B2B, company side.
    "b2b.index": COMPANY_ANY,
    # A form without "languages" is a 500 today (the saved list reaches str.split);
    # reported, not this table's business: send the fields a browser sends.
    "b2b.profile": Expect("company_any", form={"country": "KR", "languages": "ko"}),
    "b2b.join": COMPANY_ANY,  # any company may sign up for any open B2B session
    "b2b.participants": company_owned(),
    "b2b.my_requests": company_owned(),
    "b2b.agenda": company_owned(),
    "b2b.new_request": company_owned(),
    # An empty booking form is shown again (200); a taken slot is a 409.
    "b2b.book": company_owned(post=frozenset({200, 302, 409, 422})),
    "b2b.accept": company_owned(request_id="incoming_request_id"),
    "b2b.decline": company_owned(request_id="incoming_request_id"),
    "b2b.cancel_request": company_owned(request_id="outgoing_request_id"),
    "b2b.cancel_meeting": company_owned(),
    "b2b.agenda_ics": company_owned(),
    "b2b.agenda_pdf_download": company_owned(),
    "b2b.agenda_feed_link": company_owned(action="create"),
    # A subscribed calendar has no login: the signed token (company A's) is the key.
    "b2b.agenda_feed": public(),
    "b2b.organiser_table_pdf": organiser(kind="tables"),
    "b2b.organiser_outcome": ORGANISER,
    "b2b.organiser_outcomes": ORGANISER,
    "b2b.organiser_statistics": ORGANISER,
    "b2b.organiser_statistics_xlsx": ORGANISER,
}


def _documents_rule(rule: Rule) -> Expect:
    return ORGANISER if rule.rule.startswith("/admin/") else public()


# Blueprints other engineers are adding: classified by where they live until they are
# listed above. Any other unlisted endpoint fails the test.
PREFIX_RULES: dict[str, Callable[[Rule], Expect]] = {
    "documents.": _documents_rule,
    "b2b.organiser_": lambda rule: ORGANISER,
    "api.": lambda rule: Expect("api"),
}


def classify(rule: Rule) -> Expect | None:
    if rule.endpoint in EXPECTED:
        return EXPECTED[rule.endpoint]
    for prefix, make in PREFIX_RULES.items():
        if rule.endpoint.startswith(prefix):
            return make(rule)
    return None


# ---------------------------------------------------------------- seeded world


@dataclass
class CompanySide:
    email: str
    matchmaking_id: int
    participant_id: int  # a company it may request or book (nothing open with it yet)
    incoming_request_id: int  # sent to this company, pending: it may accept/decline
    outgoing_request_id: int  # sent by this company, pending: it may cancel
    meeting_id: int
    marker: str  # in its private profile fields; only it and organisers may see it
    feed_token: str  # its agenda's calendar subscription


@dataclass
class World:
    ids: dict[str, object]
    sides: dict[str, CompanySide]


def _company(mm_id: int, email: str, name: str, marker: str = "") -> tuple:
    user = factories.company_user(email, name)
    b2b_profiles.save_profile(
        user,
        b2b_profiles.ProfileData(
            country="KR",
            languages=["ko"],
            sectors=["agri_food"],
            offers=f"{name} offers {marker}".strip(),
            contact_name=f"Contact {marker}".strip(),
            contact_phone=marker[:64] or None,
        ),
    )
    participant = b2b_sessions.join(user, mm_id)
    db.session.refresh(user)
    return user, participant


def _side(letter: str) -> CompanySide:
    forum = factories.forum(slug=f"b2b-only-{letter}")
    mm = b2b_sessions.create_matchmaking(
        b2b_sessions.MatchmakingData(
            forum_id=forum.id,
            title={"en": f"B2B of company {letter.upper()} only"},
            windows=[
                (at(forum.timezone, "2026-10-14 17:00"), at(forum.timezone, "2026-10-14 19:00"))
            ],
            table_count=4,
            mode=MatchmakingMode.SELF_BOOKING,
        )
    )
    marker = f"PRIVATE-{letter.upper()}-7731"
    email = f"{letter}@matrix.example"
    me, _mine = _company(mm.id, email, f"Company {letter.upper()}", marker)
    asker_user, _asker = _company(mm.id, f"{letter}-asker@matrix.example", f"Asker {letter}")
    _asked_user, asked = _company(mm.id, f"{letter}-asked@matrix.example", f"Asked {letter}")
    _met_user, met = _company(mm.id, f"{letter}-met@matrix.example", f"Met {letter}")
    _free_user, free = _company(mm.id, f"{letter}-free@matrix.example", f"Free {letter}")
    incoming = b2b_requests.request_meeting(asker_user, mm.id, _mine.id, "Hello")
    outgoing = b2b_requests.request_meeting(me, mm.id, asked.id, "Hello")
    meeting = b2b_booking.book(me, mm.id, met.id, mm.slots[0].id)
    return CompanySide(
        email=email,
        matchmaking_id=mm.id,
        participant_id=free.id,
        incoming_request_id=incoming.id,
        outgoing_request_id=outgoing.id,
        meeting_id=meeting.id,
        marker=marker,
        feed_token=b2b_agenda.feed_token(me, mm.id),
    )


def _first_id(model) -> int | None:
    return db.session.scalar(db.select(model.id).order_by(model.id).limit(1))


def seed_world(app: Flask) -> World:
    with app.test_request_context("/"):
        load_demo(organiser_password=ORGANISER_PASSWORD)
        sides = {"company_a": _side("a"), "company_b": _side("b")}
        forum = db.session.scalar(db.select(Forum).where(Forum.slug == demo_forum.SLUG))
        if not db.session.scalar(db.select(sa.func.count(ForumOrganiser.id))):
            db.session.add(
                ForumOrganiser(
                    forum_id=forum.id,
                    organisation_id=_first_id(Organisation),
                    role=OrganiserRole.HOST,
                )
            )
        # Two rows of each ordered list, so "move" has somewhere to go.
        db.session.add(
            ForumOrganiser(
                forum_id=forum.id,
                organisation_id=_first_id(Organisation),
                role=OrganiserRole.SPONSOR,
                position=99,
            )
        )
        db.session.commit()
        visit = db.session.scalar(
            db.select(DelegationVisit).where(DelegationVisit.is_public.is_(True)).limit(1)
        )
        programme = public_programme.programme_of(public_programme.release_stamp(forum.slug))
        spoken = next(s for s in programme.sessions if s.speakers)
        day = db.session.scalar(db.select(ForumDay).where(ForumDay.forum_id == forum.id).limit(1))
        ids = {
            "forum_id": forum.id,
            "forum_slug": forum.slug,
            "visit_id": visit.id,
            "visit_slug": visit.slug,
            "key": spoken.key,
            "speaker_key": spoken.speakers[0].person_key,
            "token": make_token(forum.slug, [spoken.key]),
            "day": (day.day if day else forum.start_date).isoformat(),
            "day_id": day.id if day else None,
            "agreement_id": _first_id(Agreement),
            "party_id": _first_id(AgreementParty),
            "follow_up_id": _first_id(FollowUpAction),
            "item_id": _first_id(ItineraryItem),
            "organisation_id": _first_id(Organisation),
            "person_id": _first_id(Person),
            "room_id": _first_id(Room),
            "session_id": _first_id(ProgrammeSession),
            "role_id": _first_id(SessionRole),
            "venue_id": _first_id(Venue),
            "row_id": _first_id(VisitMember),
            "forum_organiser_row_id": _first_id(ForumOrganiser),
            "message_id": _first_id(OutboxMessage),  # the companies' request mails
            # The organiser's B2B pages look at company A's session.
            "matchmaking_id": sides["company_a"].matchmaking_id,
            "meeting_id": sides["company_a"].meeting_id,
            "feed_token": sides["company_a"].feed_token,
        }
    missing = sorted(k for k, v in ids.items() if v is None)
    assert not missing, f"the seeded world lacks {missing}"
    return World(ids, sides)


# ---------------------------------------------------------------- building URLs


def _value(rule: Rule, name: str, expect: Expect, world: World, owner: str | None):  # noqa: PLR0911
    if owner is not None:  # company routes: the ids of the owning company's rows
        attribute = expect.params.get(name, name)
        if hasattr(world.sides[owner], attribute):
            return getattr(world.sides[owner], attribute)
    if name in expect.params:
        return expect.params[name]
    if name == "slug":
        return world.ids["visit_slug" if "/visits/" in rule.rule else "forum_slug"]
    if name == "key" and "/speakers/" in rule.rule:
        return world.ids["speaker_key"]
    if name == "token" and rule.rule.startswith("/b2b/feeds/"):
        return world.ids["feed_token"]
    if name == "row_id" and "forum-organisers" in rule.rule:
        return world.ids["forum_organiser_row_id"]
    if name in world.ids:
        return world.ids[name]
    if expect.kind == "api":  # prefix-classified: ids nobody has
        return 999_999 if f"<int:{name}>" in rule.rule else "unknown"
    pytest.fail(f"{rule.endpoint}: no value for <{name}> in {rule.rule}; add one to EXPECTED")


def build_path(rule: Rule, expect: Expect, world: World, owner: str | None) -> str:
    values = {name: _value(rule, name, expect, world, owner) for name in rule.arguments}
    path = rule.rule
    for name, value in values.items():
        path = re.sub(rf"<(?:[^<>:]+:)?{name}>", str(value), path)
    assert "<" not in path, path
    return path


# ---------------------------------------------------------------- expectations

LOGIN_REDIRECT = "login_redirect"


def expected(expect: Expect, method: str, actor: str, owner: str | None):  # noqa: PLR0911
    """The set of statuses ``actor`` may get, or LOGIN_REDIRECT."""
    ok = expect.get if method == "GET" else expect.post
    kind = expect.kind
    if kind == "public":
        return ok
    if kind == "login":
        if actor != "anonymous":
            return frozenset({302})  # already logged in: to the home page
        return frozenset({200})  # the form (again, with errors, for an empty POST)
    if kind == "logout":
        return frozenset({302})
    if kind == "api":
        if actor == "anonymous" and method not in ("GET", "HEAD"):
            return frozenset({400, 401, 403, 404, 405, 415, 422})
        return NOT_5XX
    if actor == "anonymous":
        return LOGIN_REDIRECT
    if kind == "organiser":
        return ok if actor == "organiser" else frozenset({403})
    if kind == "account":
        return ok
    if actor == "organiser":
        return frozenset({403})
    if kind == "company_any" or actor == owner:
        return ok
    return REFUSED_OTHER


def is_authorised(expect: Expect, actor: str, owner: str | None) -> bool:
    """Would this actor's POST be carried out (and so change data)?"""
    if expect.kind in ("public", "logout", "api"):
        return True
    if expect.kind == "organiser":
        return actor == "organiser"
    if expect.kind == "company_any":
        return actor in COMPANIES
    if expect.kind == "account":
        return actor != "anonymous"
    if expect.kind == "company_owned":
        return actor == owner
    return False


# ---------------------------------------------------------------- the walk


def logged_in_clients(app: Flask, world: World) -> dict:
    emails = {
        "company_a": world.sides["company_a"].email,
        "company_b": world.sides["company_b"].email,
        "organiser": DEMO_ORGANISER_EMAIL,
    }
    clients = {"anonymous": app.test_client()}
    for actor, email in emails.items():
        client = app.test_client()
        password = ORGANISER_PASSWORD if actor == "organiser" else factories.PASSWORD
        with app.app_context():
            response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, f"{actor} cannot log in"
        clients[actor] = client
    return clients


@dataclass
class Check:
    rule: Rule
    expect: Expect
    method: str
    owner: str | None  # whose ids fill the URL (company routes), else None

    def label(self, actor: str) -> str:
        whose = f" with {self.owner}'s ids" if self.owner else ""
        return f"{self.method} {self.rule.rule} [{self.rule.endpoint}] as {actor}{whose}"


def all_checks(app: Flask) -> tuple[list[Check], list[str]]:
    checks, unclassified = [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        expect = classify(rule)
        if expect is None:
            unclassified.append(f"{rule.endpoint} {rule.rule}")
            continue
        owners = COMPANIES if expect.kind == "company_owned" else (None,)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            checks.extend(Check(rule, expect, method, owner) for owner in owners)
    return checks, unclassified


def request(client, method: str, path: str, form: dict | None = None):
    # A fresh app context per request: the test's own context would otherwise keep
    # ``g`` (and Flask-Login's user in it) from one client's request to the next.
    with client.application.app_context():
        return client.open(path, method=method, data=None if method == "GET" else form or {})


def verdict(check: Check, actor: str, response, world: World) -> str | None:
    """None when the response is what the table says, else a line for the report."""
    want = expected(check.expect, check.method, actor, check.owner)
    status = response.status_code
    got = f"{status} {response.headers.get('Location', '')}".strip()
    if want == LOGIN_REDIRECT:
        if status != 302 or "/login" not in response.headers.get("Location", ""):
            return f"{check.label(actor)}: want 302 to /login, got {got}"
    elif status not in want:
        return f"{check.label(actor)}: want {sorted(want)}, got {got}"
    if status == 200 and actor != "organiser":
        body = response.get_data()  # PDFs too: the markers are ASCII
        for other, side in world.sides.items():
            if other != actor and side.marker.encode() in body:
                return f"{check.label(actor)}: shows {other}'s private data"
    return None


last_status: dict[str, int] = {}


def answer(check: Check, actor: str, client, path: str, world: World) -> str | None:
    """Ask, and judge the answer; an exception (a 500 in production) is a failure too."""
    last_status["status"] = 500
    try:
        response = request(client, check.method, path, check.expect.form)
    except Exception as exc:  # the test app propagates errors instead of answering 500
        db.session.rollback()
        return f"{check.label(actor)}: raised {exc!r}"
    last_status["status"] = response.status_code
    return verdict(check, actor, response, world)


def restore(seeded: dict) -> None:
    """Back to the seeded world: empty every table (DELETE is much faster than
    PostgreSQL's TRUNCATE on small tables) and load the archive taken after seeding."""
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    archive.import_archive(seeded)


def database_dump() -> dict[str, list]:
    dump = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(sa.select(table)).all()
            dump[table.name] = sorted((tuple(map(repr, row)) for row in rows), key=str)
    return dump


def test_every_route_is_classified(app):
    _checks, unclassified = all_checks(app)
    assert not unclassified, (
        "routes missing from the authorization table (tests/security/"
        "test_authorization_matrix.py EXPECTED): " + ", ".join(unclassified)
    )


@pytest.mark.timeout(240)
def test_authorization_matrix(app):
    checks, unclassified = all_checks(app)
    assert not unclassified, f"unclassified routes: {unclassified}"
    world = seed_world(app)
    clients = logged_in_clients(app, world)
    db.session.remove()
    seeded = archive.export_archive()
    before = database_dump()

    failures: list[str] = []
    carried_out: list[tuple[Check, str]] = []
    for check in checks:
        for actor in ACTORS:
            if check.method != "GET" and is_authorised(check.expect, actor, check.owner):
                carried_out.append((check, actor))
                continue
            if check.expect.kind == "logout":
                continue
            path = build_path(check.rule, check.expect, world, check.owner)
            problem = answer(check, actor, clients[actor], path, world)
            if problem:
                failures.append(problem)
            db.session.remove()

    after = database_dump()
    changed = sorted(name for name in before if before[name] != after[name])
    assert not changed, f"refused requests changed tables {changed}"

    # POSTs that are carried out may delete anything: each starts from the seeded
    # world again (restored from an archive, so ids and logins stay valid) when the
    # one before may have changed something.
    dirty = False
    for check, actor in carried_out:
        if dirty:
            restore(seeded)
        client = clients[actor]
        if check.expect.kind == "logout" and actor != "anonymous":
            client = logged_in_clients(app, world)[actor]
        path = build_path(check.rule, check.expect, world, check.owner)
        problem = answer(check, actor, client, path, world)
        if problem:
            failures.append(problem)
        dirty = problem is not None or last_status.get("status") != 200
    assert not failures, f"{len(failures)} unexpected answers:\n" + "\n".join(failures)
