"""Personal API tokens: create (the secret is shown once), list, revoke, and authenticate.

A token is ``fa_`` followed by 256 random bits; the database keeps only its SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _

from forumapp.accounts.models import User
from forumapp.accounts.token_model import ApiToken
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.unit_of_work import saved

TOKEN_PREFIX = "fa_"  # noqa: S105  (a marker that helps secret scanners, not a secret)
NAME_MAX = 80
# Writing last_used_at on every request would turn every API read into a write (and
# serialise concurrent requests of one token on SQLite); once a minute is precise enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown to the user once; never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _user_by_email(email: str) -> User:
    user = db.session.scalar(db.select(User).where(User.email == (email or "").strip().lower()))
    if user is None:
        raise NotFound(_("No account with the e-mail address %(email)s.", email=repr(email)))
    return user


def create_token(user: User | str, name: str) -> NewToken:
    """A new token for ``user`` (a User or an e-mail address)."""
    if isinstance(user, str):
        user = _user_by_email(user)
    name = (name or "").strip()
    if not name:
        raise ServiceError(_("Give the token a name, e.g. 'CI sync'."), field="name")
    if len(name) > NAME_MAX:
        raise ServiceError(
            _("A token name has at most %(count)d characters.", count=NAME_MAX), field="name"
        )
    if not user.active:
        raise ServiceError(_("This account is disabled."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_secret(secret))
    db.session.add(token)
    saved()
    return NewToken(token, secret)


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            db.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
        )
    )


def all_tokens() -> list[ApiToken]:
    return list(db.session.scalars(db.select(ApiToken).order_by(ApiToken.id)))


def revoke_token(token_id: int, owner: User | None = None) -> ApiToken:
    """Revoke a token; with ``owner``, only one of that user's own (others are not found)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or (owner is not None and token.user_id != owner.id):
        raise NotFound(_("No token with id %(id)s.", id=token_id))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        saved()
    return token


def user_for_secret(secret: str) -> User | None:
    """The active user a live token belongs to, or None (unknown, revoked, disabled)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.token_hash == hash_secret(secret)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
        saved()
    return token.user
