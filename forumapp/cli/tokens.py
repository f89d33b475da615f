"""``forumapp tokens``: personal API tokens for /api/v1."""

from __future__ import annotations

import click

from forumapp.accounts import tokens as api_tokens
from forumapp.core.database import require_database
from forumapp.core.errors import ServiceError
from forumapp.core.unit_of_work import command_transaction


@click.group("tokens", help="Personal API tokens (Authorization: Bearer ...).")
def tokens() -> None:
    pass


@tokens.command("create")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, e.g. 'CI sync'.")
@command_transaction
def create_command(email: str, name: str) -> None:
    """Create a token for the account EMAIL and print its secret (shown only now)."""

    require_database()
    try:
        created = api_tokens.create_token(email, name)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Created token {created.token.id} ({created.token.name}) for {email}.", err=True)
    click.echo("Copy the secret now; it is not stored and cannot be shown again:", err=True)
    click.echo(created.secret)


@tokens.command("revoke")
@click.argument("token_id", type=int)
@command_transaction
def revoke_command(token_id: int) -> None:
    """Revoke the token TOKEN_ID; requests with it get 401 from now on."""

    require_database()
    try:
        token = api_tokens.revoke_token(token_id)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Revoked token {token.id} ({token.name}).")


@tokens.command("list")
@command_transaction
def list_command() -> None:
    """List every token: id, owner, name, created, last used, revoked."""

    require_database()
    for token in api_tokens.all_tokens():
        used = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "never"
        state = "revoked" if token.revoked else "live"
        click.echo(
            f"{token.id}\t{token.user.email}\t{token.name}\t"
            f"{token.created_at.isoformat(timespec='seconds')}\t{used}\t{state}"
        )
