"""A forum's hosts, co-hosts, organisers, sponsors and partners, in the order they are
credited (on the programme, the PDF cover, the public page). One call, one commit."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.core.checks import reorder
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.unit_of_work import saved
from forumapp.people.models import Organisation
from forumapp.programme.models import Forum, ForumOrganiser, OrganiserRole


def _get_forum(forum_id: int) -> Forum:
    forum = db.session.get(Forum, forum_id)
    if forum is None:
        raise NotFound(_("No such forum."))
    return forum


def _credited_order(rows: list[ForumOrganiser]) -> list[ForumOrganiser]:
    return sorted(rows, key=lambda row: (row.position, row.id or 0))


def list_forum_organisers(forum_id: int) -> list[ForumOrganiser]:
    """The forum's organisers in credited order, with their organisations loaded."""
    return list(
        db.session.scalars(
            db.select(ForumOrganiser)
            .where(ForumOrganiser.forum_id == forum_id)
            .options(selectinload(ForumOrganiser.organisation))
            .order_by(ForumOrganiser.position, ForumOrganiser.id)
        )
    )


def add_forum_organiser(
    forum_id: int, organisation_id: int | None, role: OrganiserRole | str | None
) -> ForumOrganiser:
    """Credit an organisation in a role, after the ones already credited."""
    forum = _get_forum(forum_id)
    if organisation_id is None or db.session.get(Organisation, organisation_id) is None:
        raise ServiceError(_("Pick an organisation."), field="organisation_id")
    try:
        kind = OrganiserRole(role)
    except ValueError as exc:
        raise ServiceError(_("Pick a role."), field="role") from exc
    if any(o.organisation_id == organisation_id and o.role == kind for o in forum.organisers):
        raise ServiceError(
            _("This organisation already has this role in this forum."), field="organisation_id"
        )
    row = ForumOrganiser(
        organisation_id=organisation_id,
        role=kind,
        position=max((o.position for o in forum.organisers), default=0) + 1,
    )
    forum.organisers.append(row)
    saved()
    return row


def _get_row(row_id: int) -> ForumOrganiser:
    row = db.session.get(ForumOrganiser, row_id)
    if row is None:
        raise NotFound(_("Not found."))
    return row


def remove_forum_organiser(row_id: int) -> int:
    """Stop crediting an organisation in one role (it stays in the address book);
    returns the forum id."""
    row = _get_row(row_id)
    forum = row.forum
    forum.organisers.remove(row)
    for number, other in enumerate(_credited_order(forum.organisers), start=1):
        other.position = number
    saved()
    return forum.id


def move_forum_organiser(row_id: int, direction: int) -> int:
    """Move an organiser up (-1) or down (+1) in credited order; returns the forum id."""
    row = _get_row(row_id)
    forum = row.forum
    reorder(_credited_order(forum.organisers), row, direction, "position")
    saved()
    return forum.id
