"""A small world for API tests: a published forum, a self-booking B2B session with three
companies (A, B, C), an organiser, and a live API token for the organiser, A and B."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from _pytest.nodes import coerce_node_id
from schemathesis.pytest.plugin import SchemathesisFunction

from forumapp.accounts import tokens as api_tokens
from forumapp.accounts.models import User, UserRole
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b.models import B2BParticipant, MatchmakingMode, MatchmakingSession
from forumapp.core.extensions import db
from forumapp.demo.support import at
from forumapp.programme.models import Forum, SessionRole, SessionRoleKind
from tests import factories


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Schemathesis names each generated test after its operation but gives all 34 the
    function's node id; pytest-xdist tells tests apart by node id and would run only one.
    The id gets the operation too: ``...says[GET /forums/{slug}/programme]``. Node ids
    are read-only in pytest's API: pytest 9 keeps them in ``_id``, pytest 8 in ``_nodeid``."""

    for item in items:
        if not isinstance(item, SchemathesisFunction) or item.nodeid.endswith("]"):
            continue
        nodeid = f"{item.nodeid}[{item.name.partition('[')[2]}"
        if hasattr(item, "_id"):
            item._id = coerce_node_id(nodeid)
        else:
            item._nodeid = nodeid
    assert len({item.nodeid for item in items}) == len(items), "duplicate test ids"


@dataclass
class Party:
    user: User
    token: str
    participant: B2BParticipant | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    forum: Forum
    matchmaking: MatchmakingSession
    organiser: Party
    company_a: Party
    company_b: Party
    company_c: Party  # takes part, but has no token: the one A and B meet

    @property
    def slug(self) -> str:
        return self.forum.slug


def _company(matchmaking, email, name, country, languages) -> tuple[User, B2BParticipant]:
    user = factories.company_user(email, name)
    b2b_profiles.save_profile(
        user,
        b2b_profiles.ProfileData(
            country=country, languages=languages, sectors=["agri_food"], offers=f"{name} goods"
        ),
    )
    return user, b2b_sessions.join(user, matchmaking.id)


@pytest.fixture
def world(app, tmp_path, monkeypatch) -> World:
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    with app.test_request_context("/"):  # services translate their messages
        forum = factories.forum("api-forum")
        first = factories.session(forum, "2026-10-14 10:00", "2026-10-14 11:00", "Opening")
        factories.session(forum, "2026-10-14 11:30", "2026-10-14 12:30", "Panel")
        factories.session(forum, "2026-10-15 09:00", "2026-10-15 10:00", "Day two")
        speaker = factories.person(hangul="김철수", latin="Kim Cheolsu")
        first.roles.append(SessionRole(person_id=speaker.id, role=SessionRoleKind.KEYNOTE))
        db.session.commit()
        factories.publish(forum, "First programme")
        matchmaking = b2b_sessions.create_matchmaking(
            b2b_sessions.MatchmakingData(
                forum_id=forum.id,
                title={"en": "B2B consultations"},
                windows=[
                    (at(forum.timezone, "2026-10-14 17:00"), at(forum.timezone, "2026-10-14 19:00"))
                ],
                table_count=3,
                mode=MatchmakingMode.SELF_BOOKING,
            )
        )
        organiser = factories.user("organiser@api.example", UserRole.ORGANISER)
        a_user, a_part = _company(matchmaking, "a@api.example", "Alpha Foods", "KR", ["ko"])
        b_user, b_part = _company(matchmaking, "b@api.example", "Beta Build", "KZ", ["ko", "ru"])
        c_user, c_part = _company(matchmaking, "c@api.example", "Gamma Agro", "KZ", ["ko", "kk"])

        def token(user):
            return api_tokens.create_token(user, "tests").secret

        return World(
            forum=forum,
            matchmaking=matchmaking,
            organiser=Party(organiser, token(organiser)),
            company_a=Party(a_user, token(a_user), a_part),
            company_b=Party(b_user, token(b_user), b_part),
            company_c=Party(c_user, "", c_part),
        )
