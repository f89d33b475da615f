"""``forumapp outbox``: see what mail waits or failed, and deliver what is due now.

``deliver`` is what an operator (or a cron job, where no worker runs) calls; it exits 0
whether or not the mail server took everything: what it could not deliver stays in the
outbox with its error and is tried again later.
"""

from __future__ import annotations

import click

from forumapp.core import outbox, outbox_delivery
from forumapp.core.database import require_database
from forumapp.core.outbox_model import OutboxStatus
from forumapp.core.unit_of_work import command_transaction


@click.group("outbox", help="Outgoing mail: list it, deliver what is due.")
def outbox_cli() -> None:
    pass


def _when(value) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S}Z" if value else "-"


@outbox_cli.command("list")
@click.option("--failed", is_flag=True, help="Only the messages that gave up.")
@click.option("--limit", default=200, show_default=True, help="At most this many, newest first.")
@command_transaction
def list_command(failed: bool, limit: int) -> None:
    """One line per message: id, status, tries, created, next try, recipients, subject, error."""

    require_database()
    rows = outbox.messages(OutboxStatus.FAILED if failed else None, limit=limit)
    for m in rows:
        line = (
            f"{m.id}\t{m.status.value}\t{m.attempts}\t{_when(m.created_at)}\t"
            f"{_when(m.next_attempt_at if m.status == OutboxStatus.PENDING else None)}\t"
            f"{m.recipients}\t{m.subject}"
        )
        if m.last_error:
            line += f"\t{m.last_error.splitlines()[0]}"
        click.echo(line)
    counts = outbox.counts()
    click.echo(
        ", ".join(f"{n} {status.value}" for status, n in counts.items()),
        err=True,
    )


@outbox_cli.command("deliver")
@command_transaction
def deliver_command() -> None:
    """Deliver every message that is due now (retries whose time has come included)."""

    require_database()
    total = outbox_delivery.DeliveryRound()
    while True:
        outcome = outbox_delivery.deliver_due()
        total.sent += outcome.sent
        total.retrying += outcome.retrying
        total.failed += outcome.failed
        if outcome.sent + outcome.retrying + outcome.failed == 0:
            break
        if outcome.retrying:
            break  # the server is refusing: don't hammer it within one command
    total.next_due = outbox_delivery.next_due()
    summary = f"{total.sent} sent, {total.retrying} to retry, {total.failed} failed"
    if total.next_due:
        summary += f"; next retry due {_when(total.next_due)}"
    click.echo(summary)


@outbox_cli.command("resend")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all-failed", is_flag=True, help="Every failed message.")
@command_transaction
def resend_command(ids: tuple[int, ...], all_failed: bool) -> None:
    """Put failed messages back in line (they keep their Message-ID)."""

    require_database()
    if not ids and not all_failed:
        raise click.UsageError("name message ids, or pass --all-failed")
    count = outbox.resend(None if all_failed else ids)
    click.echo(f"{count} message(s) queued again")
