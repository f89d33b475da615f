"""Delivering the outbox: claim what is due, hand it to the transport, record the outcome.

A round (:func:`deliver_due`) takes the due rows in order, claims each with a lease in a
short transaction of its own, talks to the mail server with no transaction open, and
writes the result: sent, pending again after a backoff, or failed. Who runs rounds, and
when, is :mod:`forumapp.core.outbox`'s business; the settings are described there.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import and_, func, or_, update

from forumapp.core import mail
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.outbox_model import OutboxMessage, OutboxStatus

log = logging.getLogger("forumapp.core.outbox")  # one logger for the whole outbox

DEFAULTS = {
    "OUTBOX_RETRY_SECONDS": 15.0,
    "OUTBOX_RETRY_MAX_SECONDS": 3600.0,
    "OUTBOX_MAX_ATTEMPTS": 12,
    "OUTBOX_LEASE_SECONDS": 300.0,
    "OUTBOX_BATCH": 50,
}
MAX_ERROR = 1000


def _setting(name: str, app: Flask | None = None) -> float:
    config = (app or current_app).config
    value = config.get(name)
    return float(DEFAULTS[name] if value is None else value)


def delivery_mode(app: Flask | None = None) -> str:
    config = (app or current_app).config
    return config.get("OUTBOX_DELIVERY") or ("rq" if config.get("REDIS_URL") else "thread")


def outbox_folder(app: Flask | None = None) -> Path:
    app = app or current_app
    configured = app.config.get("MAIL_OUTBOX")
    return Path(configured) if configured else Path(app.instance_path) / "outbox"


@dataclass
class DeliveryRound:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    next_due: datetime | None = None  # the earliest pending retry left, if any


def backoff(attempts: int, app: Flask | None = None) -> timedelta:
    """Wait before attempt ``attempts + 1``: 15 s, 30 s, 60 s, ... at most an hour."""
    base = _setting("OUTBOX_RETRY_SECONDS", app)
    cap = _setting("OUTBOX_RETRY_MAX_SECONDS", app)
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def _due_condition(now: datetime):
    return or_(
        and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now),
        and_(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.lease_until < now),
    )


def _claim(message_id: int, now: datetime) -> bool:
    """Take the row for this deliverer; False when another one has it (or it is done)."""
    lease = now + timedelta(seconds=_setting("OUTBOX_LEASE_SECONDS"))
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, _due_condition(now))
        .values(
            status=OutboxStatus.SENDING,
            lease_until=lease,
            attempts=OutboxMessage.attempts + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _finish(message_id: int, **values) -> None:
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(lease_until=None, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def is_permanent(exc: Exception) -> bool:
    """A refusal that a retry cannot change (5xx for the message or every recipient)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


def _describe(exc: Exception) -> str:
    text = f"{exc.__class__.__name__}: {exc}".strip()
    return text[:MAX_ERROR]


def deliver_due(limit: int | None = None) -> DeliveryRound:
    """Deliver what is due now (the deliverers and ``forumapp outbox deliver`` call this)."""
    now = utcnow()
    batch = int(limit or _setting("OUTBOX_BATCH"))
    due = list(
        db.session.scalars(
            db.select(OutboxMessage.id)
            .where(_due_condition(now))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(batch)
        )
    )
    db.session.commit()  # end the read; each claim below is its own short transaction
    outcome = DeliveryRound()
    max_attempts = int(_setting("OUTBOX_MAX_ATTEMPTS"))
    with mail.Transport(current_app.config, outbox_folder()) as transport:
        for message_id in due:
            if not _claim(message_id, now):
                continue
            row = db.session.get(OutboxMessage, message_id)
            sender, recipients, raw, attempts = (
                row.sender,
                row.recipient_list,
                row.raw,
                row.attempts,
            )
            name = f"{row.created_at:%Y%m%dT%H%M%S}-{row.id:06d}"
            db.session.commit()  # hold no transaction while talking to the mail server
            try:
                transport.send(sender, recipients, raw, name)
            except mail.PartiallyRefused as exc:
                outcome.sent += 1
                _finish(message_id, status=OutboxStatus.SENT, sent_at=utcnow(), last_error=str(exc))
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("outbox: message %s not delivered: %s", message_id, exc)
                if attempts >= max_attempts or is_permanent(exc):
                    outcome.failed += 1
                    _finish(message_id, status=OutboxStatus.FAILED, last_error=_describe(exc))
                else:
                    outcome.retrying += 1
                    _finish(
                        message_id,
                        status=OutboxStatus.PENDING,
                        last_error=_describe(exc),
                        next_attempt_at=utcnow() + backoff(attempts),
                    )
            else:
                outcome.sent += 1
                _finish(message_id, status=OutboxStatus.SENT, sent_at=utcnow(), last_error=None)
    outcome.next_due = next_due()
    return outcome


def next_due() -> datetime | None:
    """When the next pending (or leased) message falls due; None when nothing waits."""
    pending = db.session.scalar(
        db.select(func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.status == OutboxStatus.PENDING
        )
    )
    leased = db.session.scalar(
        db.select(func.min(OutboxMessage.lease_until)).where(
            OutboxMessage.status == OutboxStatus.SENDING
        )
    )
    db.session.commit()
    times = [t for t in (pending, leased) if t is not None]
    return min(times) if times else None
