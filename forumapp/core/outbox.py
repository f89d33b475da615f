"""The outbox: mail leaves after the commit of the change it reports, and is retried until it goes.

An operation calls :func:`enqueue_mail` inside its transaction. The message is built
there (in the request's language) and stored as a row of ``outbox_message``; if the
transaction rolls back, the mail is gone with the change it would have announced. After
the commit a deliverer is woken:

- ``OUTBOX_DELIVERY = "thread"`` (the default without Redis): a thread of this process;
- ``"rq"`` (the default when ``REDIS_URL`` is set): a job on the RQ queue, worked by
  ``forumapp worker``; if Redis cannot be reached the thread takes over, so a Redis
  outage delays nothing;
- ``"manual"``: nothing is woken; ``forumapp outbox deliver`` (or a test) delivers.

Delivery claims each due row with a lease, hands the stored bytes to the transport
(SMTP, or an .eml file in ``instance/outbox/`` without ``MAIL_SERVER``) and marks it
sent. A failure leaves the row pending with the error and a next attempt after an
exponential backoff (``OUTBOX_RETRY_SECONDS`` 15, doubling, at most
``OUTBOX_RETRY_MAX_SECONDS`` 3600); after ``OUTBOX_MAX_ATTEMPTS`` (12) tries, or at once
on a permanent refusal (5xx), it is ``failed`` and shows on the organisers' outbox
page, where it can be resent. A process dying mid-send leaves a lease that runs out
(``OUTBOX_LEASE_SECONDS`` 300) and the message is sent again with the same Message-ID.
"""

from __future__ import annotations

import email.policy
import logging
import threading
import time
from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import and_, event, func, or_, update
from sqlalchemy.orm import Session

from forumapp.core import mail
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.outbox_delivery import (  # the outbox's interface for deliverers
    deliver_due,
    delivery_mode,
)
from forumapp.core.outbox_model import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

# The thread sleeps at most this long between looks, so a row written by another
# process (or left by one that died) is never stranded for long.
IDLE_LOOK_SECONDS = 60.0
# After a database error the thread tries again this much later.
ERROR_PAUSE_SECONDS = 30.0
# After Redis failed, this process delivers by itself this long before asking Redis again.
RQ_RETRY_SECONDS = 30.0
_SESSION_KEY = "forumapp.outbox.app"
_EXTENSION = "forumapp.outbox"


# -- writing -------------------------------------------------------------------------------


def enqueue_mail(
    to: Iterable[str | None],
    subject: str,
    body: str,
    attachments: Iterable[mail.Attachment] = (),
    *,
    topic: str = "",
) -> OutboxMessage | None:
    """Add a mail to the current transaction; None when there is nobody to send it to."""
    recipients = mail.clean_recipients(to)
    if not recipients:
        return None
    sender = mail.sender(current_app.config)
    message = mail.build_message(sender, recipients, subject, body, attachments)
    row = OutboxMessage(
        message_id=message["Message-ID"],
        sender=sender,
        recipients=", ".join(recipients),
        subject=message["Subject"][:500],
        # CRLF line ends, as SMTP carries them: smtplib sends bytes as they are, and a
        # server reads bare LFs as one overlong line.
        raw=message.as_bytes(policy=email.policy.SMTP),
        topic=topic[:60],
        status=OutboxStatus.PENDING,
        next_attempt_at=utcnow(),
    )
    db.session.add(row)
    # Remember, on the session, whom to wake once this transaction commits.
    db.session.info[_SESSION_KEY] = current_app._get_current_object()
    return row


def _after_commit(session: Session) -> None:
    app = session.info.pop(_SESSION_KEY, None)
    if app is not None:
        wake(app)


def _after_rollback(session: Session) -> None:
    session.info.pop(_SESSION_KEY, None)


# -- waking a deliverer --------------------------------------------------------------------


class ThreadDeliverer:
    """One delivery thread per app and process, alive while there is something to deliver."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        with self._lock:
            self._wake.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="outbox-deliverer", daemon=True
                )
                self._thread.start()

    def _round(self) -> datetime | None:
        try:
            with self.app.app_context():
                try:
                    return deliver_due().next_due
                finally:
                    db.session.remove()
        except Exception:
            # The database is away: nothing was lost (the rows stay), look again later.
            log.exception("outbox: delivery round failed")
            return utcnow() + timedelta(seconds=ERROR_PAUSE_SECONDS)

    def _run(self) -> None:
        while True:
            self._wake.clear()
            due = self._round()
            with self._lock:
                if due is None and not self._wake.is_set():
                    self._thread = None
                    return
            if due is not None:
                wait = (due - utcnow()).total_seconds()
                self._wake.wait(min(IDLE_LOOK_SECONDS, max(0.0, wait)))

    def join(self, timeout: float) -> bool:
        """Wait until the thread has nothing left to do; False if it is still busy."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True


def thread_deliverer(app: Flask) -> ThreadDeliverer:
    state = app.extensions.setdefault(_EXTENSION, {})
    if "thread" not in state:
        state["thread"] = ThreadDeliverer(app)
    return state["thread"]


def wake(app: Flask) -> None:
    """Start delivering now; never raises (the rows are safe in the database)."""
    mode = delivery_mode(app)
    if mode == "manual":
        return
    state = app.extensions.setdefault(_EXTENSION, {})
    if mode == "rq" and time.monotonic() >= state.get("rq_down_until", 0.0):
        try:
            _enqueue_rq_round(app)
            return
        except Exception:
            # Don't make every commit wait for Redis's connect timeout while it is away.
            state["rq_down_until"] = time.monotonic() + RQ_RETRY_SECONDS
            log.warning("outbox: RQ unavailable, delivering from this process", exc_info=True)
    thread_deliverer(app).wake()


def _rq_queue(app: Flask):
    from redis import Redis  # noqa: PLC0415  (Redis and RQ load only when REDIS_URL is set)
    from rq import Queue  # noqa: PLC0415

    connection = Redis.from_url(app.config["REDIS_URL"], socket_connect_timeout=2, socket_timeout=5)
    return Queue(app.config.get("JOBS_QUEUE") or "forumapp", connection=connection)


def _enqueue_rq_round(app: Flask, at: datetime | None = None) -> None:
    queue = _rq_queue(app)
    if at is None:
        queue.enqueue_call("forumapp.core.outbox.deliver_job", result_ttl=0)
    else:
        # One scheduled round per second at most, however many messages wait.
        queue.enqueue_at(
            at,
            "forumapp.core.outbox.deliver_job",
            job_id=f"forumapp-outbox-{int(at.timestamp())}",
            result_ttl=0,
        )


def deliver_job() -> None:
    """The RQ job: deliver what is due, and book the next round if retries wait."""
    app = current_app._get_current_object()
    outcome = deliver_due()
    if outcome.next_due is not None:
        try:
            _enqueue_rq_round(app, max(outcome.next_due, utcnow() + timedelta(seconds=1)))
        except Exception:
            log.warning("outbox: could not book the next RQ round", exc_info=True)
            thread_deliverer(app).wake()


def wait_idle(app: Flask, timeout: float = 10.0) -> bool:
    """Tests: wait until this process's delivery thread has nothing left to do."""
    return thread_deliverer(app).join(timeout)


# -- organisers and operators --------------------------------------------------------------


def messages(status: OutboxStatus | None = None, limit: int = 200) -> list[OutboxMessage]:
    query = db.select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    return list(db.session.scalars(query.limit(limit)))


def retrying(limit: int = 200) -> list[OutboxMessage]:
    """Mail that was tried and refused and waits for its next try, or is being sent now."""
    query = (
        db.select(OutboxMessage)
        .where(
            or_(
                and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.attempts > 0),
                OutboxMessage.status == OutboxStatus.SENDING,
            )
        )
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id)
    )
    return list(db.session.scalars(query.limit(limit)))


def counts() -> dict[OutboxStatus, int]:
    rows = db.session.execute(
        db.select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    found = dict.fromkeys(OutboxStatus, 0)
    found.update((status, n) for status, n in rows)
    return found


def resend(message_ids: Iterable[int] | None = None) -> int:
    """Put failed messages back in line (all of them when ``message_ids`` is None);
    returns how many. They go with their first Message-ID: the same mail, not a new one."""
    query = (
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.FAILED)
        .values(
            status=OutboxStatus.PENDING,
            attempts=0,
            next_attempt_at=utcnow(),
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if message_ids is not None:
        query = query.where(OutboxMessage.id.in_(list(message_ids)))
    count = db.session.execute(query).rowcount
    if count:
        db.session.info[_SESSION_KEY] = current_app._get_current_object()
    return count


# -- installing ----------------------------------------------------------------------------

_listening = False


def init_app(app: Flask) -> None:
    global _listening  # noqa: PLW0603 (the session factory is shared by every app)
    if not _listening:
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_rollback", _after_rollback)
        _listening = True

    @app.before_request
    def _sweep_once() -> None:
        # Mail left pending by an earlier process (a restart mid-retry) is picked up by
        # the first request this process serves.
        state = app.extensions.setdefault(_EXTENSION, {})
        if not state.get("swept"):
            state["swept"] = True
            wake(app)
