"""Accounts: creating users, checking passwords, logging in."""

from __future__ import annotations

from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from forumapp.accounts.models import User, UserRole
from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.unit_of_work import saved
from forumapp.people.models import Organisation

# Werkzeug's scrypt (memory-hard) is the modern default; the setting
# PASSWORD_HASH_METHOD names it explicitly so a library default change does not
# silently weaken new hashes (the test suite picks a cheap method for speed).
DEFAULT_PASSWORD_METHOD = "scrypt"  # noqa: S105 (a hashing scheme name)


def password_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD") or DEFAULT_PASSWORD_METHOD


# The passwords people type first; a real deployment would also check a breach list.
_COMMON_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "password123",
        "1234567890",
        "12345678910",
        "qwertyuiop",
        "qwerty1234",
        "iloveyou12",
        "admin12345",
        "letmein123",
        "welcome123",
        "forumapp123",
    }
)


def normalise_email(raw: str) -> str:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ServiceError(f"Not a valid e-mail address: {exc}", field="email") from exc


def password_problem(password: str, email: str = "", min_length: int = 10) -> str | None:
    """Why a password is too weak, or None if it will do."""
    if len(password) < min_length:
        return f"The password needs at least {min_length} characters."
    if len(set(password)) < 4:
        return "The password repeats too few different characters."
    lowered = password.lower()
    if lowered in _COMMON_PASSWORDS:
        return "That password is among the most common ones; choose another."
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        return "The password must not contain your e-mail name."
    return None


def email_taken(email: str) -> bool:
    return db.session.scalar(db.select(User.id).where(User.email == email)) is not None


def create_user(
    email: str,
    password: str,
    role: UserRole | str,
    organisation_id: int | None = None,
    display_name: str | None = None,
    min_length: int = 10,
) -> User:
    email = normalise_email(email)
    role = UserRole(role)
    if email_taken(email):
        raise ServiceError(f"The e-mail {email} is already used by another account.", field="email")
    problem = password_problem(password, email, min_length)
    if problem:
        raise ServiceError(problem, field="password")
    if role == UserRole.COMPANY:
        if organisation_id is None:
            raise ServiceError(
                "A company representative belongs to an organisation.", field="organisation_id"
            )
        if db.session.get(Organisation, organisation_id) is None:
            raise ServiceError(
                f"No organisation with id {organisation_id}.", field="organisation_id"
            )
    user = User(
        email=email,
        password_hash=generate_password_hash(password, method=password_method()),
        role=role,
        organisation_id=organisation_id,
        display_name=display_name,
    )
    db.session.add(user)
    saved()
    return user


@cache
def _dummy_hash(method: str) -> str:
    """Checked against when the e-mail is unknown, so that a wrong address and a wrong
    password take the same time (no account enumeration by timing). Built on first use,
    not at import: scrypt costs a noticeable fraction of a second."""
    return generate_password_hash("not-a-real-password", method=method)


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None; records the login time."""
    user = db.session.scalar(db.select(User).where(User.email == email.strip().lower()))
    if user is None:
        check_password_hash(_dummy_hash(password_method()), password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    saved()
    return user
