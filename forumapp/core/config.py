"""Configuration: defaults here, then ``instance/config.py``, then the environment.

Environment overrides: ``DATABASE_URL`` (any SQLAlchemy URL), ``SECRET_KEY``, and
any other setting as ``FORUMAPP_<NAME>`` (values parsed as JSON when they can be,
so ``FORUMAPP_MAIL_PORT=25`` is an int).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import ClassVar

from flask import Flask
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from forumapp.core import localized


class ConfigError(Exception):
    """A setting the app cannot start with; the message is one readable line."""


class DefaultConfig:
    # Filled in by load_config: SQLite file in the instance folder.
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    SQLALCHEMY_RECORD_QUERIES = False

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # organisers keep forms open for hours

    MAX_CONTENT_LENGTH = 10 * 1024 * 1024

    BABEL_DEFAULT_LOCALE = "ko"
    BABEL_DEFAULT_TIMEZONE = "Asia/Seoul"
    # Inside the package, so an installed copy carries the compiled catalogues.
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent.parent / "translations")
    LANGUAGES = localized.LANGUAGES

    PASSWORD_MIN_LENGTH = 10
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105 (a hashing scheme name)
    LOGIN_RATE_LIMIT = "10 per minute;60 per hour"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Set FORUMAPP_SESSION_COOKIE_SECURE=true behind HTTPS (see README, Deployment).
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False


SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name, not a secret)


def _instance_secret_key(instance_path: Path) -> str:
    """Generate a key once into the instance folder and reuse it afterwards."""
    key_file = instance_path / SECRET_KEY_FILE
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key


def normalise_database_url(raw: str) -> str:
    """Accept the ``postgres://`` spellings hosting platforms hand out; reject the rest early."""
    if raw.startswith("postgres://"):
        raw = "postgresql+psycopg://" + raw.removeprefix("postgres://")
    elif raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw.removeprefix("postgresql://")
    scheme = raw.split(":", 1)[0] if ":" in raw else raw
    try:
        url = make_url(raw)
        dialect = url.get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise ConfigError(
            f"DATABASE_URL has an unknown or unsupported scheme {scheme!r}; "
            "use sqlite:///path or postgresql+psycopg://user@host/db"
        ) from exc
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        raise ConfigError(
            f"DATABASE_URL scheme {scheme!r} needs a database driver that is not installed "
            f"({exc.name}); forumapp supports sqlite and postgresql+psycopg"
        ) from exc
    return raw


def load_config(app: Flask, overrides: dict | None = None) -> None:
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    if "DATABASE_URL" in os.environ:
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if os.environ.get("REDIS_URL"):
        app.config["REDIS_URL"] = os.environ["REDIS_URL"]
        app.config["RATELIMIT_STORAGE_URI"] = os.environ["REDIS_URL"]
    if "SECRET_KEY" in os.environ:
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config.from_prefixed_env("FORUMAPP")
    if overrides:
        app.config.update(overrides)

    instance_path = Path(app.instance_path)
    instance_path.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance_path / 'forumapp.sqlite3'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(instance_path)
