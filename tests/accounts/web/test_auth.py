import re

from tests import factories
from tests.pages import login
from tests.support import make_test_app


def test_organiser_logs_in_and_reaches_the_dashboard(client, app):
    factories.user("org@example.org")
    response = login(client, "org@example.org")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/")
    assert client.get("/admin/").status_code == 200


def test_wrong_password_rerenders_with_the_email_kept_and_a_message(client, app):
    factories.user("org@example.org")
    response = login(client, "org@example.org", "not-the-password")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="org@example.org"' in html
    assert re.search(r'class="error" id="password-error">[^<]*(password|비밀번호)', html)


def test_anonymous_is_sent_to_login_and_company_is_forbidden(client, app):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    factories.company_user("rep@acme.example")
    login(client, "rep@acme.example")
    assert client.get("/admin/").status_code == 403


def test_next_parameter_cannot_leave_the_site(client, app):
    factories.user("org@example.org")
    response = login(client, "org@example.org", query_string={"next": "https://evil.example/"})
    assert response.headers["Location"].endswith("/admin/")
    client.post("/logout")
    response = login(client, "org@example.org", query_string={"next": "//evil.example/x"})
    assert "evil" not in response.headers["Location"]


def test_logout_is_a_post(client, app):
    factories.user("org@example.org")
    login(client, "org@example.org")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/admin/").status_code == 302


def test_forms_refuse_posts_without_a_csrf_token(database_url):
    app = make_test_app(database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        response = client.post("/login", data={"email": "a@b.example", "password": "x" * 12})
        assert response.status_code == 400
        assert "form expired" in response.get_data(as_text=True)
        page = client.get("/login").get_data(as_text=True)
        assert 'name="csrf_token"' in page


def test_session_cookie_is_httponly_and_samesite(client, app):
    factories.user("org@example.org")
    response = login(client, "org@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_is_rate_limited(database_url):
    app = make_test_app(database_url, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    with app.app_context():
        client = app.test_client()
        statuses = [
            client.post(
                "/login", data={"email": "a@b.example", "password": "nope-nope-1"}
            ).status_code
            for _ in range(4)
        ]
        assert statuses == [200, 200, 200, 429]
        assert client.get("/login").status_code == 200  # reading the form is not limited


def test_security_headers(client, app):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in csp
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_nul_character_in_a_form_or_query_is_a_clear_400(client, app):
    # PostgreSQL text cannot hold NUL: refused before any service asks the database.
    response = client.post("/login", data={"email": "a\x00@x.example", "password": "x"})
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
    assert client.get("/?q=%00").status_code == 400
    assert client.get("/").status_code == 200
