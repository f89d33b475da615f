"""Agreements (MOUs, letters of intent), their parties, and the follow-ups they promise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.core.checks import Dependent, localized, require_text
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language
from forumapp.core.unit_of_work import saved
from forumapp.people.models import Organisation, Person
from forumapp.programme.models import Forum
from forumapp.visits.agreement_model import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    FollowUpAction,
    FollowUpStatus,
)
from forumapp.visits.models import DelegationVisit


@dataclass
class AgreementData:
    kind: AgreementKind | str
    title: dict[str, str]
    status: AgreementStatus | str = AgreementStatus.PLANNED
    summary: dict[str, str] | None = None
    signed_on: date | None = None
    expires_on: date | None = None
    visit_id: int | None = None
    forum_id: int | None = None


@dataclass
class FollowUpData:
    title: dict[str, str]
    status: FollowUpStatus | str = FollowUpStatus.OPEN
    details: str | None = None
    visit_id: int | None = None
    forum_id: int | None = None
    agreement_id: int | None = None
    host_owner_id: int | None = None
    partner_owner_id: int | None = None
    host_owner_note: str | None = None
    partner_owner_note: str | None = None
    due_on: date | None = None
    done_on: date | None = None


def _check_ref(model, ref_id: int | None, field_name: str) -> None:
    if ref_id is not None and db.session.get(model, ref_id) is None:
        raise ServiceError(_("Not found; pick again."), field=field_name)


def list_agreements() -> list[Agreement]:
    return list(
        db.session.scalars(
            db.select(Agreement)
            .options(
                selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
                selectinload(Agreement.visit),
                selectinload(Agreement.forum),
            )
            .order_by(Agreement.signed_on.desc(), Agreement.id.desc())
        )
    )


def get_agreement(agreement_id: int) -> Agreement:
    agreement = db.session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(_("No such agreement."))
    return agreement


def _apply(agreement: Agreement, data: AgreementData) -> None:
    try:
        kind = AgreementKind(data.kind)
        status = AgreementStatus(data.status)
    except ValueError as exc:
        raise ServiceError(_("Pick a kind and a status."), field="kind") from exc
    title = require_text(data.title, agreement.title, "title")
    if status is AgreementStatus.SIGNED and data.signed_on is None:
        raise ServiceError(_("A signed agreement needs its signing date."), field="signed_on")
    if data.signed_on and data.expires_on and data.expires_on < data.signed_on:
        raise ServiceError(_("It cannot expire before it is signed."), field="expires_on")
    _check_ref(DelegationVisit, data.visit_id, "visit_id")
    _check_ref(Forum, data.forum_id, "forum_id")
    agreement.kind, agreement.status, agreement.title = kind, status, title
    agreement.summary = localized(data.summary, agreement.summary)
    agreement.signed_on, agreement.expires_on = data.signed_on, data.expires_on
    agreement.visit_id, agreement.forum_id = data.visit_id, data.forum_id


def create_agreement(data: AgreementData) -> Agreement:
    agreement = Agreement()
    _apply(agreement, data)
    db.session.add(agreement)
    saved()
    return agreement


def update_agreement(agreement_id: int, data: AgreementData) -> Agreement:
    agreement = get_agreement(agreement_id)
    _apply(agreement, data)
    saved()
    return agreement


def agreement_form_data(agreement: Agreement) -> dict[str, Any]:
    return {
        "kind": agreement.kind.value,
        "status": agreement.status.value,
        "title": dict(agreement.title),
        "summary": dict(agreement.summary),
        "signed_on": agreement.signed_on,
        "expires_on": agreement.expires_on,
        "visit_id": agreement.visit_id,
        "forum_id": agreement.forum_id,
    }


def agreement_dependents(agreement_id: int) -> list[Dependent]:
    agreement = get_agreement(agreement_id)
    found = []
    if agreement.parties:
        found.append(
            Dependent(
                _("Parties"),
                [pick_language(p.organisation.name) for p in agreement.parties],
                _("removed from the agreement (the organisations are kept)"),
            )
        )
    if agreement.follow_ups:
        found.append(
            Dependent(
                _("Follow-up actions"),
                [pick_language(f.title) for f in agreement.follow_ups],
                _("kept, no longer linked to this agreement"),
            )
        )
    return found


def delete_agreement(agreement_id: int) -> None:
    agreement = get_agreement(agreement_id)
    db.session.delete(agreement)
    saved()


def add_party(agreement_id: int, organisation_id: int | None, signatory_id: int | None) -> None:
    agreement = get_agreement(agreement_id)
    if organisation_id is None or db.session.get(Organisation, organisation_id) is None:
        raise ServiceError(_("Pick an organisation."), field="organisation_id")
    if any(p.organisation_id == organisation_id for p in agreement.parties):
        raise ServiceError(_("This organisation is already a party."), field="organisation_id")
    _check_ref(Person, signatory_id, "signatory_id")
    agreement.parties.append(
        AgreementParty(
            organisation_id=organisation_id,
            signatory_id=signatory_id,
            position=len(agreement.parties) + 1,
        )
    )
    saved()


def remove_party(party_id: int) -> int:
    party = db.session.get(AgreementParty, party_id)
    if party is None:
        raise NotFound(_("Not found."))
    agreement_id = party.agreement_id
    db.session.delete(party)
    saved()
    return agreement_id


# -- follow-up actions -----------------------------------------------------------------


def list_follow_ups() -> list[FollowUpAction]:
    return list(
        db.session.scalars(
            db.select(FollowUpAction)
            .options(
                selectinload(FollowUpAction.host_owner),
                selectinload(FollowUpAction.visit),
                selectinload(FollowUpAction.forum),
            )
            .order_by(FollowUpAction.due_on, FollowUpAction.id)
        )
    )


def get_follow_up(follow_up_id: int) -> FollowUpAction:
    action = db.session.get(FollowUpAction, follow_up_id)
    if action is None:
        raise NotFound(_("No such follow-up action."))
    return action


def _apply_follow_up(action: FollowUpAction, data: FollowUpData) -> None:
    action.title = require_text(data.title, action.title, "title")
    try:
        status = FollowUpStatus(data.status)
    except ValueError as exc:
        raise ServiceError(_("Pick a status."), field="status") from exc
    _check_ref(DelegationVisit, data.visit_id, "visit_id")
    _check_ref(Forum, data.forum_id, "forum_id")
    _check_ref(Agreement, data.agreement_id, "agreement_id")
    _check_ref(Person, data.host_owner_id, "host_owner_id")
    _check_ref(Person, data.partner_owner_id, "partner_owner_id")
    if data.done_on and status is not FollowUpStatus.DONE:
        raise ServiceError(_("Only a finished action has a done date."), field="done_on")
    action.status = status
    action.details = (data.details or "").strip() or None
    action.visit_id, action.forum_id, action.agreement_id = (
        data.visit_id,
        data.forum_id,
        data.agreement_id,
    )
    action.host_owner_id, action.partner_owner_id = data.host_owner_id, data.partner_owner_id
    action.host_owner_note = (data.host_owner_note or "").strip() or None
    action.partner_owner_note = (data.partner_owner_note or "").strip() or None
    action.due_on = data.due_on
    # Marking an action done records when, unless the organiser says otherwise.
    action.done_on = data.done_on or (date.today() if status is FollowUpStatus.DONE else None)


def create_follow_up(data: FollowUpData) -> FollowUpAction:
    action = FollowUpAction()
    _apply_follow_up(action, data)
    db.session.add(action)
    saved()
    return action


def update_follow_up(follow_up_id: int, data: FollowUpData) -> FollowUpAction:
    action = get_follow_up(follow_up_id)
    _apply_follow_up(action, data)
    saved()
    return action


def follow_up_form_data(action: FollowUpAction) -> dict[str, Any]:
    return {
        "title": dict(action.title),
        "status": action.status.value,
        "details": action.details,
        "visit_id": action.visit_id,
        "forum_id": action.forum_id,
        "agreement_id": action.agreement_id,
        "host_owner_id": action.host_owner_id,
        "partner_owner_id": action.partner_owner_id,
        "host_owner_note": action.host_owner_note,
        "partner_owner_note": action.partner_owner_note,
        "due_on": action.due_on,
        "done_on": action.done_on,
    }


def delete_follow_up(follow_up_id: int) -> None:
    db.session.delete(get_follow_up(follow_up_id))
    saved()


def follow_ups_and_agreements(owner: str, owner_id: int, agreements_fate: str) -> list[Dependent]:
    """The follow-up actions (deleted with it) and agreements (kept, unlinked) of a forum
    or visit: ``owner`` is "forum" or "visit"."""
    found = []
    follow_ups = db.session.scalars(
        db.select(FollowUpAction).where(getattr(FollowUpAction, f"{owner}_id") == owner_id)
    ).all()
    if follow_ups:
        found.append(
            Dependent(
                _("Follow-up actions"), [pick_language(f.title) for f in follow_ups], _("deleted")
            )
        )
    agreements = db.session.scalars(
        db.select(Agreement).where(getattr(Agreement, f"{owner}_id") == owner_id)
    ).all()
    if agreements:
        found.append(
            Dependent(
                _("Agreements"), [pick_language(a.title) for a in agreements], agreements_fate
            )
        )
    return found
