"""Outgoing e-mail: SMTP when ``MAIL_SERVER`` is set, otherwise .eml files in an outbox folder.

Without a mail server (development, demos, tests) nothing is lost: every message
lands in ``instance/outbox/`` (or ``MAIL_OUTBOX``) and opens in any mail client.

Settings: MAIL_SERVER, MAIL_PORT (25), MAIL_USE_TLS (STARTTLS, false), MAIL_USERNAME,
MAIL_PASSWORD, MAIL_DEFAULT_SENDER ("forumapp@localhost"), MAIL_OUTBOX.
"""

from __future__ import annotations

import smtplib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app

DEFAULT_SENDER = "forumapp@localhost"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


def outbox_dir() -> Path:
    configured = current_app.config.get("MAIL_OUTBOX")
    return Path(configured) if configured else Path(current_app.instance_path) / "outbox"


def build_message(
    to: Iterable[str], subject: str, body: str, attachments: Iterable[Attachment] = ()
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config.get("MAIL_DEFAULT_SENDER") or DEFAULT_SENDER
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="forumapp")
    message.set_content(body)
    for attachment in attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return message


def send(
    to: Iterable[str], subject: str, body: str, attachments: Iterable[Attachment] = ()
) -> Path | None:
    """Send one message; returns the .eml path when it went to the outbox, None via SMTP
    or when there is nobody to send it to."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    message = build_message(recipients, subject, body, attachments)
    config = current_app.config
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25)) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            smtp.send_message(message)
        return None
    folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(message.as_bytes())
    return path
