import pytest

from forumapp.accounts import operations as accounts
from forumapp.accounts.models import UserRole
from forumapp.core.config import DefaultConfig
from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from tests import factories
from tests.support import make_test_app


def test_create_and_authenticate(app):
    user = accounts.create_user("Mixed.Case@Example.org", "a-long-passphrase", UserRole.ORGANISER)
    assert user.email == "mixed.case@example.org"
    assert user.password_hash.startswith("pbkdf2:sha256:1000$")  # the suite's cheap setting
    assert accounts.authenticate("MIXED.case@example.org", "a-long-passphrase") == user
    assert user.last_login_at is not None
    assert accounts.authenticate("mixed.case@example.org", "wrong-passphrase") is None
    assert accounts.authenticate("nobody@example.org", "a-long-passphrase") is None


def test_taken_email_is_refused_beside_the_email_field(app):
    factories.user("taken@example.org")
    with pytest.raises(ServiceError) as exc:
        accounts.create_user("Taken@example.org", "another-long-pass", UserRole.ORGANISER)
    assert exc.value.field == "email"
    assert "already used" in exc.value.message


@pytest.mark.parametrize(
    "password, reason",
    [
        ("short", "at least 10"),
        ("aaaaaaaaaaaa", "too few different"),
        ("password123", "most common"),
        ("xx-mirzayev-xx", "e-mail name"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(app, password, reason):
    with pytest.raises(ServiceError, match=reason) as exc:
        accounts.create_user("mirzayev@example.org", password, UserRole.ORGANISER)
    assert exc.value.field == "password"


def test_company_representative_needs_an_organisation(app):
    with pytest.raises(ServiceError, match="organisation"):
        accounts.create_user("rep@example.org", "long-enough-pass", UserRole.COMPANY)


def test_inactive_user_cannot_log_in(app):
    user = factories.user("gone@example.org")
    user.active = False
    assert accounts.authenticate("gone@example.org", factories.PASSWORD) is None


def test_production_hashes_with_scrypt(database_url):
    assert DefaultConfig.PASSWORD_HASH_METHOD == "scrypt"
    app = make_test_app(database_url, PASSWORD_HASH_METHOD=DefaultConfig.PASSWORD_HASH_METHOD)
    with app.app_context():
        user = accounts.create_user("scrypt@example.org", "a-long-passphrase", UserRole.ORGANISER)
        assert user.password_hash.startswith("scrypt:")
        assert accounts.authenticate("scrypt@example.org", "a-long-passphrase") == user

        db.session.delete(user)
        db.session.commit()
