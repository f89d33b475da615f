"""Personal API tokens: hashed at rest, shown once, revocable; cookies never authorise."""

from __future__ import annotations

import hashlib

import pytest

from forumapp.accounts import tokens as api_tokens
from forumapp.accounts.token_model import ApiToken
from forumapp.core.errors import NotFound
from forumapp.core.extensions import db
from tests import factories


def test_only_the_hash_is_stored(app, world):
    created = api_tokens.create_token(world.organiser.user, "laptop")
    stored = db.session.get(ApiToken, created.token.id)
    assert created.secret.startswith("fa_") and len(created.secret) > 40
    assert stored.token_hash == hashlib.sha256(created.secret.encode()).hexdigest()
    assert created.secret not in {stored.token_hash, stored.name}


def test_missing_malformed_and_unknown_tokens_are_401(client, world):
    url = "/api/v1/manage/forums"
    for headers in (
        {},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer fa_not-a-real-token"},
        {"Authorization": "Bearer " + "x" * 5000},
    ):
        answer = client.get(url, headers=headers)
        assert answer.status_code == 401, headers
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert set(answer.get_json()) == {"error", "message", "fields"}


def test_a_revoked_token_stops_working_at_once(client, world):
    headers = world.organiser.headers
    assert client.get("/api/v1/manage/forums", headers=headers).status_code == 200
    token = api_tokens.tokens_of(world.organiser.user)[0]
    assert token.last_used_at is not None
    api_tokens.revoke_token(token.id)
    answer = client.get("/api/v1/manage/forums", headers=headers)
    assert answer.status_code == 401
    assert answer.get_json()["error"] == "invalid_token"


def test_a_user_revokes_only_their_own_tokens(app, world):
    theirs = api_tokens.tokens_of(world.company_b.user)[0]
    with pytest.raises(NotFound):
        api_tokens.revoke_token(theirs.id, owner=world.company_a.user)
    assert not db.session.get(ApiToken, theirs.id).revoked


def test_a_disabled_account_loses_its_tokens(client, world):
    world.company_a.user.active = False
    db.session.commit()
    assert client.get("/api/v1/b2b/profile", headers=world.company_a.headers).status_code == 401


def test_a_browser_session_cookie_does_not_authorise_the_api(app, client, world):
    """The API is CSRF-exempt; were cookies accepted, any site could write through it."""
    organiser = factories.user("cookie@api.example")
    login = client.post("/login", data={"email": organiser.email, "password": factories.PASSWORD})
    assert login.status_code in (302, 303)
    assert client.get("/admin/").status_code == 200  # the cookie works for the web pages
    app.config["WTF_CSRF_ENABLED"] = True  # as in production
    answer = client.post(
        "/api/v1/manage/forums",
        json={
            "slug": "sneaky",
            "title": {"en": "Sneaky"},
            "timezone": "Asia/Seoul",
            "start_date": "2026-10-01",
            "end_date": "2026-10-02",
        },
    )
    assert answer.status_code == 401
    with_token = client.post(
        "/api/v1/manage/forums",
        headers=world.organiser.headers,
        json={
            "slug": "with-token",
            "title": {"en": "With a token"},
            "timezone": "Asia/Seoul",
            "start_date": "2026-10-01",
            "end_date": "2026-10-02",
        },
    )
    assert with_token.status_code == 201  # no CSRF token needed with a bearer token


def test_cli_creates_lists_and_revokes(app, runner, world):
    created = runner.invoke(args=["tokens", "create", "a@api.example", "--name", "sync"])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("fa_")
    assert api_tokens.user_for_secret(secret).email == "a@api.example"
    token_id = api_tokens.tokens_of(world.company_a.user)[-1].id
    listing = runner.invoke(args=["tokens", "list"])
    assert "a@api.example\tsync" in listing.output and secret not in listing.output
    revoked = runner.invoke(args=["tokens", "revoke", str(token_id)])
    assert revoked.exit_code == 0 and "Revoked" in revoked.output
    assert api_tokens.user_for_secret(secret) is None
    unknown = runner.invoke(args=["tokens", "create", "nobody@api.example", "--name", "x"])
    assert unknown.exit_code != 0 and "No account" in unknown.output
    assert runner.invoke(args=["tokens", "revoke", "99999"]).exit_code != 0
