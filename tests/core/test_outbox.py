"""The outbox with a real SMTP server on loopback (aiosmtpd) that refuses, goes away and
comes back: the change is saved, nobody sees a 500, and each mail arrives exactly once."""

from __future__ import annotations

import email
import email.policy
import socket
import time

import pytest
from aiosmtpd.controller import Controller

from forumapp.b2b import booking as b2b_booking
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MatchmakingMode, MatchmakingStatus, MeetingRequest, MeetingStatus
from forumapp.core import outbox
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.outbox_delivery import backoff, deliver_due
from forumapp.core.outbox_model import OutboxMessage, OutboxStatus
from forumapp.core.unit_of_work import transaction
from tests import factories
from tests.b2b_factories import company, matchmaking

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")


class Mailbox:
    """An SMTP server's behaviour: take mail, refuse it for now (451) or for good (550)."""

    def __init__(self) -> None:
        self.mode = "accept"
        self.received: list[email.message.EmailMessage] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse":
            return "451 4.3.0 Mailbox busy, try again later"
        if self.mode == "reject":
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.received]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(app):
    server = SmtpServer()
    server.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_TIMEOUT=5)
    yield server
    outbox.wait_idle(app, 10)
    server.stop()


@pytest.fixture
def world(app):
    with app.test_request_context("/"):
        mm = matchmaking(mode=MatchmakingMode.SELF_BOOKING)
        a = company(mm, "a@x.example", "Alpha")
        b = company(mm, "b@x.example", "Beta", "KZ", ["ru", "ko"])
    return mm, a, b


def login(client, address: str) -> None:
    response = client.post("/login", data={"email": address, "password": factories.PASSWORD})
    assert response.status_code == 302


def rows() -> list[OutboxMessage]:
    db.session.rollback()  # see what other connections committed
    return list(db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)))


def wait_for(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_a_refused_mail_is_kept_and_arrives_once_when_the_server_takes_it(app, client, smtp, world):
    """The deliverer thread of the web process retries with backoff on its own."""
    mm, _a, b = world
    app.config.update(
        OUTBOX_DELIVERY="thread", OUTBOX_RETRY_SECONDS=0.2, OUTBOX_RETRY_MAX_SECONDS=0.4
    )
    smtp.mailbox.mode = "refuse"
    login(client, "a@x.example")
    response = client.post(
        f"/b2b/{mm.id}/request/{b.id}", data={"preference": "meet", "message": "Hello"}
    )
    assert response.status_code == 302  # the change is saved; the refusal is not the user's
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(MeetingRequest.id))) == 1
    wait_for(lambda: any(r.attempts >= 2 for r in rows()))
    [row] = rows()
    assert row.status in (OutboxStatus.PENDING, OutboxStatus.SENDING)
    assert "451" in row.last_error
    assert smtp.mailbox.received == []

    smtp.mailbox.mode = "accept"
    wait_for(lambda: rows()[0].status == OutboxStatus.SENT)
    assert outbox.wait_idle(app, 10)
    [received] = smtp.mailbox.received
    assert received["Message-ID"] == row.message_id
    assert received["To"] == "b@x.example"
    assert "Alpha asks to meet you" in received["Subject"]
    assert "Hello" in received.get_content()


def test_server_down_while_booking_and_cancelling_is_not_a_500(app, client, smtp, world):
    mm, _a, b = world
    smtp.stop()
    login(client, "a@x.example")
    booked = client.post(f"/b2b/{mm.id}/book/{b.id}", data={"slot": mm.slots[0].id})
    assert booked.status_code == 302
    meeting_id = db.session.scalar(db.select(db.func.max(b2b_booking.B2BMeeting.id)))
    cancelled = client.post(f"/b2b/meetings/{meeting_id}/cancel")
    assert cancelled.status_code == 302
    db.session.rollback()
    assert db.session.get(b2b_booking.B2BMeeting, meeting_id).status == MeetingStatus.CANCELLED

    first = deliver_due()
    # Connection refused: all three wait (to Beta: booked, cancelled; to Alpha: the
    # calendar update of its own cancellation).
    assert (first.sent, first.retrying) == (0, 3)
    assert all("Connection refused" in r.last_error or "Errno" in r.last_error for r in rows())
    assert first.next_due is not None
    assert len(outbox.retrying()) == 3  # what the organisers' page lists as being retried

    smtp.start()
    assert deliver_due().sent == 0  # not due yet: the backoff is honoured
    db.session.execute(db.update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()
    assert deliver_due().sent == 3
    assert deliver_due().sent == 0  # nothing twice
    subjects = sorted(m["Subject"] for m in smtp.mailbox.received)
    assert subjects[0].startswith("Alpha booked a meeting with you")
    assert subjects[1].startswith("Alpha cancelled your meeting")
    assert subjects[2] == "You cancelled your meeting with Beta"
    assert len(set(smtp.mailbox.ids())) == 3


def ask(app, mm, asker, asked, message: str = "Hi") -> None:
    """Company ``asker`` asks ``asked`` to meet, as one request (one transaction)."""
    with app.test_request_context("/"), transaction():
        b2b_requests.request_meeting(asker.user, mm.id, asked.id, message)


def test_a_rolled_back_change_sends_no_mail(app, smtp, world):
    mm, a, b = world
    ask(app, mm, a, b)  # committed: one mail
    with app.test_request_context("/"), pytest.raises(RuntimeError), transaction():
        outbox.enqueue_mail(["c@x.example"], "Never", "This change fails after its mail.")
        raise RuntimeError("the request fails after queueing its mail")
    assert len(rows()) == 1
    deliver_due()
    assert [m["To"] for m in smtp.mailbox.received] == ["b@x.example"]


def test_permanent_refusal_fails_at_once_and_an_organiser_resends_it(app, client, smtp, world):
    mm, a, b = world
    smtp.mailbox.mode = "reject"
    ask(app, mm, a, b)
    outcome = deliver_due()
    assert (outcome.failed, outcome.next_due) == (1, None)
    [row] = rows()
    assert row.status == OutboxStatus.FAILED and "550" in row.last_error

    factories.user("org@x.example")
    login(client, "org@x.example")
    dashboard = client.get("/admin/").get_data(True)
    assert "1 mail could not be delivered" in dashboard
    page = client.get("/admin/outbox/").get_data(True)
    assert "Alpha asks to meet you" in page and "550" in page

    smtp.mailbox.mode = "accept"
    resent = client.post(f"/admin/outbox/{row.id}/resend")
    assert resent.status_code == 302
    [row] = rows()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)
    assert deliver_due().sent == 1
    assert smtp.mailbox.ids() == [row.message_id]  # the same mail, not a new one
    assert "No failed mail" in client.get("/admin/outbox/").get_data(True)


def test_companies_cannot_see_the_outbox(client, world):
    login(client, "a@x.example")
    assert client.get("/admin/outbox/").status_code == 403
    assert client.post("/admin/outbox/resend-failed").status_code == 403


def test_gives_up_after_the_last_attempt(app, smtp, world):
    mm, a, b = world
    app.config.update(OUTBOX_MAX_ATTEMPTS=3, OUTBOX_RETRY_SECONDS=0, OUTBOX_RETRY_MAX_SECONDS=0)
    smtp.mailbox.mode = "refuse"
    ask(app, mm, a, b)
    outcomes = [deliver_due() for _ in range(4)]
    assert [(o.retrying, o.failed) for o in outcomes] == [(1, 0), (1, 0), (0, 1), (0, 0)]
    [row] = rows()
    assert row.status == OutboxStatus.FAILED and row.attempts == 3


def test_backoff_starts_within_30_seconds_and_doubles_to_an_hour(app):
    delays = [backoff(n).total_seconds() for n in range(1, 12)]
    assert delays[0] <= 30
    assert delays[:4] == [15, 30, 60, 120]
    assert delays[-1] == 3600


def test_a_line_break_in_a_title_makes_a_one_line_subject(app, smtp):
    """Publishing agendas of a B2B session titled with CR LF used to fail with a 500."""
    with app.test_request_context("/"):
        mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE, tables=2)
        a = company(mm, "a@x.example", "Alpha", languages=["ko"])
        b = company(mm, "b@x.example", "Beta", languages=["ko"])
        request = b2b_requests.request_meeting(a.user, mm.id, b.id, "")
        b2b_requests.accept(b.user, request.id)
        mm.title = {"en": "Agro\r\nForum\u2028Day"}
        db.session.commit()
        b2b_schedule.run_scheduler(mm.id, time_limit=2)
        assert b2b_schedule.publish(mm.id) == 2
    assert b2b_sessions.get_matchmaking(mm.id).status == MatchmakingStatus.PUBLISHED
    assert deliver_due().sent == 4  # two requests' mails, two agendas
    agendas = [m for m in smtp.mailbox.received if "agenda" in m["Subject"]]
    assert [m["Subject"] for m in agendas] == ["Your B2B agenda: Agro Forum Day"] * 2
    assert all(m.get_filename() is None for m in agendas)  # the .ics is an attachment
    assert all(any(p.get_filename() for p in m.walk()) for m in agendas)


def test_without_a_mail_server_mail_is_written_to_the_outbox_folder(app, world, tmp_path):
    mm, a, b = world
    ask(app, mm, a, b)
    assert deliver_due().sent == 1
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert message["Message-ID"] == rows()[0].message_id
    # Delivered again (a lease ran out after a crash): the same file, not a second one.
    db.session.execute(db.update(OutboxMessage).values(status=OutboxStatus.PENDING))
    db.session.commit()
    deliver_due()
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1


def test_outbox_commands(app, runner, smtp, world):
    mm, a, b = world
    smtp.mailbox.mode = "reject"
    ask(app, mm, a, b)
    result = runner.invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    assert "0 sent, 0 to retry, 1 failed" in result.output
    listed = runner.invoke(args=["outbox", "list", "--failed"])
    assert listed.exit_code == 0
    assert "failed" in listed.output and "b@x.example" in listed.output and "550" in listed.output
    smtp.mailbox.mode = "accept"
    assert runner.invoke(args=["outbox", "resend", "--all-failed"]).exit_code == 0
    result = runner.invoke(args=["outbox", "deliver"])
    assert "1 sent" in result.output
    assert len(smtp.mailbox.received) == 1


@pytest.fixture
def rq_delivery(app, rq_queue):
    app.config.update(OUTBOX_DELIVERY="rq")
    return rq_queue


def test_with_redis_the_worker_delivers(app, client, runner, smtp, world, rq_delivery):
    mm, _a, b = world
    login(client, "a@x.example")
    response = client.post(f"/b2b/{mm.id}/request/{b.id}", data={"preference": "meet"})
    assert response.status_code == 302
    assert rq_delivery.count >= 1  # the first request's sweep, and the wake after the commit
    assert smtp.mailbox.received == []
    result = runner.invoke(args=["worker", "--burst", "--queue", rq_delivery.name])
    assert result.exit_code == 0, result.output
    assert [m["To"] for m in smtp.mailbox.received] == ["b@x.example"]
    assert rows()[0].status == OutboxStatus.SENT


def test_with_redis_down_the_web_process_delivers(app, client, smtp, world, monkeypatch):
    mm, _a, b = world
    app.config.update(OUTBOX_DELIVERY="rq", REDIS_URL="redis://127.0.0.1:1/0")  # nobody there
    login(client, "a@x.example")
    response = client.post(f"/b2b/{mm.id}/request/{b.id}", data={"preference": "meet"})
    assert response.status_code == 302
    wait_for(lambda: len(smtp.mailbox.received) == 1)
    assert outbox.wait_idle(app, 10)
    assert rows()[0].status == OutboxStatus.SENT
    # For a while the process stops asking the absent Redis (a commit would otherwise
    # wait for its connect timeout each time): the next mail goes from the thread.
    asked_redis = []
    monkeypatch.setattr(outbox, "_enqueue_rq_round", lambda *args: asked_redis.append(args))
    with app.test_request_context("/"), transaction():
        outbox.enqueue_mail(["c@x.example"], "The next mail", "Redis is still away.")
    wait_for(lambda: len(smtp.mailbox.received) == 2)
    assert asked_redis == []


def test_a_command_waits_for_the_mail_it_queued(app, runner, smtp, world):
    """Without Redis a command's mail goes from its own process: it is delivered before
    the command ends, not lost with the process."""
    mm, a, b = world
    smtp.mailbox.mode = "reject"
    ask(app, mm, a, b)
    assert deliver_due().failed == 1
    smtp.mailbox.mode = "accept"
    app.config.update(OUTBOX_DELIVERY="thread")
    result = runner.invoke(args=["outbox", "resend", "--all-failed"])
    assert result.exit_code == 0, result.output
    assert [m["To"] for m in smtp.mailbox.received] == ["b@x.example"]
    assert rows()[0].status == OutboxStatus.SENT
