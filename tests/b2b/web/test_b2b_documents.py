"""B2B downloads and scheduler runs on the web: companies get their own agenda only,
organisers print table sheets and follow scheduler jobs."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import runs as b2b_runs
from forumapp.b2b.models import MatchmakingMode, MatchmakingSession
from forumapp.core import jobs
from forumapp.core.extensions import db
from forumapp.core.job_model import BackgroundJob, JobStatus
from tests import factories
from tests.b2b_factories import KAZAKH, KOREAN, company, matchmaking, published_world
from tests.pages import sign_in

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")


def test_company_downloads_its_own_agenda_as_ics_and_pdf(client, app):
    world = published_world(app)
    sign_in(client, "kr@x.example")
    page = client.get(f"/b2b/{world.mm.id}/agenda").get_data(True)
    assert f"/b2b/{world.mm.id}/agenda.pdf" in page and f"/b2b/{world.mm.id}/agenda.ics" in page
    ics = client.get(f"/b2b/{world.mm.id}/agenda.ics")
    assert ics.status_code == 200
    assert ics.content_type.startswith("text/calendar")
    assert "attachment" in ics.headers["Content-Disposition"]
    assert "private" in ics.headers["Cache-Control"]
    events = Calendar.from_ical(ics.data).walk("VEVENT")
    assert len(events) == 1 and KAZAKH in str(events[0]["SUMMARY"])
    pdf = client.get(f"/b2b/{world.mm.id}/agenda.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert pdf.content_type == "application/pdf"


def test_another_company_cannot_get_someone_elses_agenda(client, app):
    world = published_world(app)
    with app.test_request_context("/"):
        # Company B takes part in another session only.
        other_mm = another_session(world.mm.forum_id)
        company(other_mm, "b@x.example", "Company B")
    sign_in(client, "b@x.example")
    for path in (
        f"/b2b/{world.mm.id}/agenda",
        f"/b2b/{world.mm.id}/agenda.ics",
        f"/b2b/{world.mm.id}/agenda.pdf",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert KOREAN not in response.get_data(True)
    assert client.post(f"/b2b/{world.mm.id}/agenda/feed/create").status_code == 404
    assert client.get(f"/b2b/organiser/{world.mm.id}/tables.pdf").status_code == 403
    # Its own agenda holds only its own meetings, never company A's.
    own = client.get(f"/b2b/{other_mm.id}/agenda.ics")
    assert own.status_code == 200
    assert KOREAN not in own.get_data(True) and KAZAKH not in own.get_data(True)


def test_agenda_downloads_need_a_company_login(client, app):
    world = published_world(app)
    assert client.get(f"/b2b/{world.mm.id}/agenda.ics").status_code == 302  # to login
    factories.user("org@x.example")
    sign_in(client, "org@x.example")
    assert client.get(f"/b2b/{world.mm.id}/agenda.pdf").status_code == 403


def test_feed_link_subscribes_and_can_be_replaced(client, app):
    world = published_world(app)
    sign_in(client, "kr@x.example")
    assert client.post(f"/b2b/{world.mm.id}/agenda/feed/create").status_code == 302
    page = client.get(f"/b2b/{world.mm.id}/agenda").get_data(True)
    url = re.search(r'value="(http://localhost/b2b/feeds/[^"]+\.ics)"', page).group(1)
    path = url.removeprefix("http://localhost")
    client.post("/logout")
    anonymous = app.test_client()
    feed = anonymous.get(path)
    assert feed.status_code == 200
    assert KAZAKH in str(Calendar.from_ical(feed.data).walk("VEVENT")[0]["SUMMARY"])
    assert anonymous.get(path.replace(".ics", "x.ics")).status_code == 404
    sign_in(client, "kr@x.example")
    assert client.post(f"/b2b/{world.mm.id}/agenda/feed/revoke").status_code == 302
    assert anonymous.get(path).status_code == 404  # the old link is dead
    new_page = client.get(f"/b2b/{world.mm.id}/agenda").get_data(True)
    assert url not in new_page and "/b2b/feeds/" in new_page


def test_organiser_prints_table_sheets_and_tents(client, app):
    world = published_world(app)
    factories.user("org@x.example")
    sign_in(client, "org@x.example")
    page = client.get(f"/b2b/organiser/{world.mm.id}").get_data(True)
    assert "tables.pdf" in page and "tents.pdf" in page
    for kind in ("tables", "tents"):
        response = client.get(f"/b2b/organiser/{world.mm.id}/{kind}.pdf")
        assert response.status_code == 200, kind
        assert response.data.startswith(b"%PDF-")
    assert client.get(f"/b2b/organiser/{world.mm.id + 99}/tables.pdf").status_code == 404
    assert client.get(f"/b2b/organiser/{world.mm.id}/chairs.pdf").status_code == 404


# -- scheduler runs --------------------------------------------------------------------------


def another_session(forum_id: int):
    """A second matchmaking session of the same forum."""
    mm = db.session.get(MatchmakingSession, b2b_sessions.list_matchmaking()[0].id)
    start, end = mm.slots[0].starts_at, mm.slots[-1].ends_at
    return b2b_sessions.create_matchmaking(
        b2b_sessions.MatchmakingData(
            forum_id=forum_id,
            title={"en": "Second B2B"},
            windows=[(start, end)],
            table_count=2,
            mode=MatchmakingMode.SELF_BOOKING,
        )
    )


def _accepted_pair(app):
    with app.test_request_context("/"):
        mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE)
        a = company(mm, "a@x.example", "Alpha")
        b = company(mm, "b@x.example", "Beta")
        request = b2b_requests.request_meeting(a.user, mm.id, b.id)
        b2b_requests.accept(b.user, request.id)
    return mm


def test_run_button_starts_a_job_and_lands_on_the_draft(client, app):
    app.config["JOBS_BACKEND"] = "thread"
    mm = _accepted_pair(app)
    factories.user("org@x.example")
    sign_in(client, "org@x.example")
    response = client.post(f"/b2b/organiser/{mm.id}/run", follow_redirects=True)
    assert response.status_code == 200
    assert "Draft schedule ready: 1 meetings" in response.get_data(True)
    job = db.session.scalar(db.select(BackgroundJob))
    assert job.status == JobStatus.FINISHED and job.created_by_id is not None


def test_a_long_run_gets_a_progress_page(client, app):
    app.config.update(JOBS_BACKEND="thread", JOBS_WAIT_SECONDS=0)
    mm = _accepted_pair(app)
    # A job that has not finished yet, as the page would see it mid-run.
    job = BackgroundJob(
        kind=jobs.kind_of(b2b_runs.schedule_job),
        subject=b2b_runs.subject(mm.id),
        status=JobStatus.RUNNING,
        progress=40,
        message="Searching for the best schedule",
    )
    db.session.add(job)
    db.session.commit()
    factories.user("org@x.example")
    sign_in(client, "org@x.example")
    # While it runs, pressing the button again follows the same job.
    response = client.post(f"/b2b/organiser/{mm.id}/run")
    assert response.headers["Location"].endswith(f"/b2b/organiser/{mm.id}/runs/{job.id}")
    page = client.get(f"/b2b/organiser/{mm.id}/runs/{job.id}")
    html = page.get_data(True)
    assert page.status_code == 200
    assert 'value="40"' in html and "b2b-jobs.js" in html
    assert "<script>" not in html  # no inline script (CSP)
    status = client.get(f"/b2b/organiser/{mm.id}/runs/{job.id}.json")
    assert status.json == {
        "state": "running",
        "progress": 40,
        "message": "Searching for the best schedule",
        "error": None,
        "done": False,
    }
    assert "running" in client.get(f"/b2b/organiser/{mm.id}").get_data(True).lower()
    # Another session's URL does not show this job.
    with app.test_request_context("/"):
        other = another_session(mm.forum_id)
    assert client.get(f"/b2b/organiser/{other.id}/runs/{job.id}").status_code == 404
    assert client.get(f"/b2b/organiser/{other.id}/runs/{job.id}.json").status_code == 404
    # Finished: the progress page sends the organiser to the draft.
    job.status, job.result = JobStatus.FINISHED, {"meetings": 1, "value": 1, "upper_bound": 1}
    db.session.commit()
    done = client.get(f"/b2b/organiser/{mm.id}/runs/{job.id}")
    assert done.status_code == 302


def test_companies_cannot_see_scheduler_jobs(client, app):
    mm = _accepted_pair(app)
    job = BackgroundJob(kind="x:y", subject=b2b_runs.subject(mm.id))
    db.session.add(job)
    db.session.commit()
    sign_in(client, "a@x.example")
    assert client.get(f"/b2b/organiser/{mm.id}/runs/{job.id}").status_code == 403
    assert client.get(f"/b2b/organiser/{mm.id}/runs/{job.id}.json").status_code == 403
