from pathlib import Path

import pytest
from flask import Flask

from forumapp.core.config import ConfigError, load_config, normalise_database_url


def test_unknown_database_scheme_is_one_readable_error():
    with pytest.raises(ConfigError, match="unknown or unsupported scheme 'foo'"):
        normalise_database_url("foo://somewhere/db")


def test_missing_driver_is_named():
    with pytest.raises(ConfigError, match="driver that is not installed"):
        normalise_database_url("mysql://x@localhost/db")


@pytest.mark.parametrize(
    "raw",
    ["postgres://u@h/db", "postgresql://u@h/db", "postgresql+psycopg://u@h/db"],
)
def test_postgres_spellings_use_psycopg3(raw):
    assert normalise_database_url(raw) == "postgresql+psycopg://u@h/db"


def make_flask(tmp_path) -> Flask:
    return Flask("forumapp_config_test", instance_path=str(tmp_path / "instance"))


def test_defaults_put_sqlite_and_a_generated_key_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = make_flask(tmp_path)
    load_config(app)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        f"sqlite:///{tmp_path / 'instance' / 'forumapp.sqlite3'}"
    )
    key_file = tmp_path / "instance" / "secret_key"
    assert app.config["SECRET_KEY"] == key_file.read_text()
    assert len(app.config["SECRET_KEY"]) == 64
    assert key_file.stat().st_mode & 0o077 == 0  # readable by the owner only

    again = make_flask(tmp_path)
    load_config(again)
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]  # reused, not regenerated


def test_environment_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("FORUMAPP_PASSWORD_MIN_LENGTH", "14")
    monkeypatch.setenv("FORUMAPP_MAIL_SERVER", "smtp.example.org")
    app = make_flask(tmp_path)
    load_config(app)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["PASSWORD_MIN_LENGTH"] == 14
    assert app.config["MAIL_SERVER"] == "smtp.example.org"
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_instance_config_file_is_read(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("PASSWORD_MIN_LENGTH = 16\nSECRET_KEY = 'from-file'\n")
    app = Flask("forumapp_config_test", instance_path=str(instance), instance_relative_config=True)
    load_config(app)
    assert app.config["PASSWORD_MIN_LENGTH"] == 16
    assert app.config["SECRET_KEY"] == "from-file"


def test_templates_and_migrations_are_found(app):
    assert (Path(app.template_folder) / "base.html").is_file()
    assert (Path(app.extensions["migrate"].directory) / "env.py").is_file()
