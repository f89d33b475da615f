"""The API tokens page: any signed-in user makes, sees and revokes their own tokens."""

from __future__ import annotations

import re

from forumapp.accounts import tokens as api_tokens
from forumapp.accounts.token_model import ApiToken
from forumapp.core.extensions import db
from tests import factories
from tests.pages import error_beside, login

B2B_SESSIONS = "/api/v1/b2b/sessions"  # a company-only endpoint


def _secret(html: str) -> str:
    found = re.search(r'<code class="secret">(fa_[^<]+)</code>', html)
    assert found, "no token shown"
    return found.group(1)


def test_a_company_makes_uses_and_revokes_its_own_token(client, app):
    factories.company_user("rep@acme.example", "Acme Foods")
    login(client, "rep@acme.example")
    page = client.post("/account/tokens", data={"name": "Registration desk"})
    assert page.status_code == 200
    secret = _secret(page.get_data(as_text=True))
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get(B2B_SESSIONS, headers=bearer).status_code == 200

    # Shown once: the list names the token, the secret is gone for good.
    again = client.get("/account/tokens").get_data(as_text=True)
    assert "Registration desk" in again and secret not in again

    token = db.session.scalar(db.select(ApiToken))
    done = client.post("/account/tokens/revoke", data={"token_id": token.id})
    assert done.status_code == 302
    assert "revoked" in client.get("/account/tokens").get_data(as_text=True)
    assert client.get(B2B_SESSIONS, headers=bearer).status_code == 401


def test_a_nameless_token_is_refused_beside_the_field(client, app):
    factories.user("org@example.org")
    login(client, "org@example.org")
    page = client.post("/account/tokens", data={"name": "  "})
    assert page.status_code == 200
    assert "Give the token a name" in error_beside(page.get_data(as_text=True), "name")
    assert db.session.scalar(db.select(db.func.count(ApiToken.id))) == 0


def test_nobody_sees_or_revokes_another_users_token(client, app):
    factories.user("org@example.org")
    other = factories.company_user("rep@acme.example", "Acme Foods")
    theirs = api_tokens.create_token(other, "Acme sync").token
    login(client, "org@example.org")
    assert "Acme sync" not in client.get("/account/tokens").get_data(as_text=True)
    client.post("/account/tokens/revoke", data={"token_id": theirs.id})
    db.session.refresh(theirs)
    assert theirs.revoked_at is None
    assert "No such token." in client.get("/account/tokens").get_data(as_text=True)


def test_the_page_needs_a_signed_in_user(client, app):
    response = client.get("/account/tokens")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_odd_revoke_requests_are_told_no_such_token(client, app):
    factories.user("org@example.org")
    login(client, "org@example.org")
    for token_id in ("100000000000000000000", "-1", "abc", ""):
        response = client.post(
            "/account/tokens/revoke", data={"token_id": token_id}, follow_redirects=True
        )
        assert response.status_code == 200
        assert "No such token." in response.get_data(as_text=True)


def test_the_page_showing_a_secret_is_not_cached(client, app):
    factories.user("org@example.org")
    login(client, "org@example.org")
    response = client.post("/account/tokens", data={"name": "Desk"})
    assert response.headers["Cache-Control"] == "no-store"
