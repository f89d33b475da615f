"""E-mail messages and how they leave: built once, then handed to SMTP or written as .eml.

Nothing here sends mail inside a request: operations put a message in the outbox
(``forumapp.core.outbox``) in the same transaction as the change it reports, and the
outbox's deliverer calls :class:`Transport` after the commit, retrying until it goes.

A message is built once, with its Message-ID, and stored as bytes: a retry sends the
very same bytes, so a recipient whose server took a message twice (at-least-once
delivery) sees one Message-ID and can drop the copy.

Settings: MAIL_SERVER, MAIL_PORT (25), MAIL_USE_TLS (STARTTLS, false), MAIL_USERNAME,
MAIL_PASSWORD, MAIL_DEFAULT_SENDER ("forumapp@localhost"), MAIL_TIMEOUT (seconds, 30),
MAIL_OUTBOX (folder for .eml files when no MAIL_SERVER is set; ``instance/outbox``).
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

DEFAULT_SENDER = "forumapp@localhost"
DEFAULT_TIMEOUT = 30.0
MESSAGE_ID_DOMAIN = "forumapp"

# Every character Python's str.splitlines() breaks on: any of them in a header value
# would either be refused by the email package or start a new header line.
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


def header_text(value: str) -> str:
    """A header value on one line: line breaks become spaces, runs of spaces one.

    A B2B session titled "Agro\\r\\nForum" gives the subject "Agro Forum", not a
    refused message (or, with a laxer library, an injected header)."""
    return " ".join(_LINE_BREAKS.sub(" ", value).split())


def clean_recipients(addresses: Iterable[str | None]) -> list[str]:
    """Distinct, non-empty, one-line addresses in a stable order."""
    return sorted({header_text(a) for a in addresses if a and header_text(a)})


def sender(config: Mapping[str, Any]) -> str:
    return header_text(config.get("MAIL_DEFAULT_SENDER") or DEFAULT_SENDER)


def build_message(
    sender_address: str,
    to: Iterable[str],
    subject: str,
    body: str,
    attachments: Iterable[Attachment] = (),
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = header_text(sender_address)
    message["To"] = ", ".join(clean_recipients(to))
    message["Subject"] = header_text(subject)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
    message.set_content(body)
    for attachment in attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=header_text(attachment.filename),
        )
    return message


class Transport:
    """Where delivered mail goes: an SMTP server when MAIL_SERVER is set, else .eml files.

    Used as a context manager so that one delivery round opens one SMTP connection
    for all its messages (and none at all when nothing is due)."""

    def __init__(self, config: Mapping[str, Any], outbox_folder: Path) -> None:
        self.config = config
        self.outbox_folder = outbox_folder
        self._smtp: smtplib.SMTP | None = None

    @property
    def uses_smtp(self) -> bool:
        return bool(self.config.get("MAIL_SERVER"))

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            config = self.config
            smtp = smtplib.SMTP(
                config["MAIL_SERVER"],
                int(config.get("MAIL_PORT") or 25),
                timeout=float(config.get("MAIL_TIMEOUT") or DEFAULT_TIMEOUT),
            )
            try:
                if config.get("MAIL_USE_TLS"):
                    smtp.starttls()
                if config.get("MAIL_USERNAME"):
                    smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            except BaseException:
                smtp.close()
                raise
            self._smtp = smtp
        return self._smtp

    def send(self, sender_address: str, recipients: list[str], raw: bytes, name: str) -> None:
        """Hand one stored message on; raises (OSError, smtplib.SMTPException) on failure.

        ``name`` names the .eml file; the same message delivered twice overwrites its
        file rather than leaving two."""
        if not self.uses_smtp:
            self.outbox_folder.mkdir(parents=True, exist_ok=True)
            path = self.outbox_folder / f"{name}.eml"
            partial = path.with_suffix(".eml.part")
            partial.write_bytes(raw)
            partial.replace(path)  # a reader never sees half a message
            return
        try:
            refused = self._connection().sendmail(sender_address, recipients, raw)
        except (smtplib.SMTPException, OSError):
            # The connection may be unusable now; the next message opens a new one.
            self.close()
            raise
        if refused:
            # Some recipients were taken: resending to all would duplicate theirs, so
            # the refusal is reported and the message counts as delivered.
            raise PartiallyRefused(refused)


class PartiallyRefused(Exception):
    """The server took the message for some recipients and refused the others."""

    def __init__(self, refused: Mapping[str, tuple[int, bytes]]) -> None:
        self.refused = dict(refused)
        detail = "; ".join(
            f"{address}: {code} {reply.decode(errors='replace')}"
            for address, (code, reply) in sorted(self.refused.items())
        )
        super().__init__(f"refused for {detail}")
