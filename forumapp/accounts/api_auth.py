"""Who is calling: a personal API token in ``Authorization: Bearer``, nothing else.

The browser's session cookie is deliberately ignored: the API is exempt from CSRF, so
if a cookie could authorise a write, any site could make a logged-in browser send one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import current_app, g, request

from forumapp.accounts import tokens as api_tokens
from forumapp.accounts.models import User, UserRole
from forumapp.core.web.api_http import ApiError

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="forumapp"'}


def _bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


# Kept on the request, not on ``g``: an app context (and its ``g``) can outlive one
# request (tests push one around many), a request cannot.
_USER_KEY = "forumapp.api_user"


def api_user() -> User:
    """The token's user, or 401."""
    user = request.environ.get(_USER_KEY)
    if user is not None:
        return user
    secret = _bearer_secret()
    if secret is None:
        raise ApiError(
            401,
            "unauthorized",
            "Send a personal API token as 'Authorization: Bearer ...'.",
            headers=CHALLENGE,
        )
    user = api_tokens.user_for_secret(secret)
    if user is None:
        raise ApiError(
            401,
            "invalid_token",
            "This API token is unknown or was revoked.",
            headers={"WWW-Authenticate": 'Bearer realm="forumapp", error="invalid_token"'},
        )
    request.environ[_USER_KEY] = user
    # The audit log names whoever Flask-Login's current_user is: make that the token's
    # user for this request (nothing is written to the session cookie; see forget_user).
    current_app.login_manager._update_request_context_with_user(user)
    return user


def forget_user(_exc=None) -> None:
    """After an API request, current_user must not carry over to the next request
    that shares this app context (the test client's do)."""
    if request.environ.pop(_USER_KEY, None) is not None:
        g.pop("_login_user", None)


def requires(role: UserRole) -> Callable:
    """The view runs only for a live token of a user holding ``role`` (else 401/403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = api_user()
            if user.role != role:
                raise ApiError(
                    403, "forbidden", f"This operation is for {role.value} accounts only."
                )
            return view(*args, **kwargs)

        return wrapped

    return decorator


organiser_only = requires(UserRole.ORGANISER)
company_only = requires(UserRole.COMPANY)
