"""People and organisations: the address book every forum and visit draws on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, or_
from sqlalchemy.orm import selectinload

from forumapp.accounts.models import User
from forumapp.core.checks import Dependent, check_email, codes, localized, require_text
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language
from forumapp.core.unit_of_work import saved
from forumapp.people.models import Organisation, OrganisationKind, Person
from forumapp.programme.models import ForumOrganiser, SessionRole
from forumapp.visits.agreement_model import AgreementParty, FollowUpAction
from forumapp.visits.models import DelegationVisit, ItineraryParticipant, VisitHost, VisitMember


@dataclass
class PersonData:
    name_hangul: str | None = None
    name_latin: str | None = None
    name_native: str | None = None
    title: dict[str, str] | None = None
    organisation_id: int | None = None
    email: str | None = None
    phone: str | None = None
    bio: dict[str, str] | None = None
    languages: str | list[str] | None = None


@dataclass
class OrganisationData:
    kind: OrganisationKind | str
    name: dict[str, str]
    country: str
    short_name: str | None = None
    region: dict[str, str] | None = None
    sectors: str | list[str] | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


# -- people --------------------------------------------------------------------------


def list_people() -> list[Person]:
    return list(
        db.session.scalars(
            db.select(Person)
            .options(selectinload(Person.organisation))
            .order_by(func.coalesce(Person.name_latin, Person.name_hangul, Person.name_native))
        )
    )


def get_person(person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None:
        raise NotFound(_("No such person."))
    return person


def person_email_taken(email: str, except_id: int | None = None) -> bool:
    query = db.select(Person.id).where(func.lower(Person.email) == email.lower())
    if except_id is not None:
        query = query.where(Person.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


def check_person(
    data: PersonData, except_id: int | None = None, stored: Person | None = None
) -> dict[str, Any]:
    """The clean column values for ``data``, or a ServiceError beside the wrong field.

    Texts in languages ``data`` does not mention are kept from ``stored`` (the person
    being edited). Shared with the bulk import, which checks every row before writing
    any and merges the stored texts itself.
    """
    names = {
        "name_hangul": _clean(data.name_hangul),
        "name_latin": _clean(data.name_latin),
        "name_native": _clean(data.name_native),
    }
    if not any(names.values()):
        raise ServiceError(_("Give the name in at least one script."), field="name_latin")
    email = check_email(data.email)
    if email and person_email_taken(email, except_id):
        raise ServiceError(_("Another person already uses this e-mail."), field="email")
    if (
        data.organisation_id is not None
        and db.session.get(Organisation, data.organisation_id) is None
    ):
        raise ServiceError(_("No such organisation."), field="organisation_id")
    return {
        **names,
        "title": localized(data.title, stored.title if stored else None),
        "organisation_id": data.organisation_id,
        "email": email,
        "phone": _clean(data.phone),
        "bio": localized(data.bio, stored.bio if stored else None),
        "languages": codes(data.languages),
    }


def create_person(data: PersonData) -> Person:
    person = Person(**check_person(data))
    db.session.add(person)
    saved()
    return person


def update_person(person_id: int, data: PersonData) -> Person:
    person = get_person(person_id)
    for name, value in check_person(data, person.id, stored=person).items():
        setattr(person, name, value)
    saved()
    return person


def person_form_data(person: Person) -> dict[str, Any]:
    return {
        "name_hangul": person.name_hangul,
        "name_latin": person.name_latin,
        "name_native": person.name_native,
        "title": dict(person.title),
        "organisation_id": person.organisation_id,
        "email": person.email,
        "phone": person.phone,
        "bio": dict(person.bio),
        "languages": ", ".join(person.languages),
    }


_PERSON_LINKS = (
    # (model, column, what it is, what happens on delete)
    (SessionRole, SessionRole.person_id, "roles"),
    (VisitMember, VisitMember.person_id, "members"),
    (VisitHost, VisitHost.person_id, "hosts"),
    (ItineraryParticipant, ItineraryParticipant.person_id, "participants"),
)


def person_dependents(person_id: int) -> list[Dependent]:
    get_person(person_id)
    found = []
    roles = db.session.scalars(
        db.select(SessionRole)
        .where(SessionRole.person_id == person_id)
        .options(selectinload(SessionRole.session))
    ).all()
    if roles:
        found.append(
            Dependent(
                _("Roles in sessions"),
                [f"{pick_language(r.session.title)} ({r.role.value})" for r in roles],
                _("removed from those sessions"),
            )
        )
    for model, label in (
        (VisitMember, _("Delegation memberships")),
        (VisitHost, _("Host duties in visits")),
    ):
        rows = db.session.scalars(
            db.select(model).where(model.person_id == person_id).options(selectinload(model.visit))
        ).all()
        if rows:
            found.append(
                Dependent(label, [pick_language(r.visit.title) for r in rows], _("removed"))
            )
    items = db.session.scalars(
        db.select(ItineraryParticipant)
        .where(ItineraryParticipant.person_id == person_id)
        .options(selectinload(ItineraryParticipant.item))
    ).all()
    if items:
        found.append(
            Dependent(
                _("Itinerary items"),
                [pick_language(p.item.title) for p in items],
                _("removed from the participants"),
            )
        )
    heads = db.session.scalars(
        db.select(DelegationVisit).where(DelegationVisit.head_of_delegation_id == person_id)
    ).all()
    if heads:
        found.append(
            Dependent(
                _("Heads a delegation"),
                [pick_language(v.title) for v in heads],
                _("kept, without a head of delegation"),
            )
        )
    owned = db.session.scalars(
        db.select(FollowUpAction).where(
            or_(
                FollowUpAction.host_owner_id == person_id,
                FollowUpAction.partner_owner_id == person_id,
            )
        )
    ).all()
    if owned:
        found.append(
            Dependent(
                _("Owns follow-up actions"),
                [pick_language(f.title) for f in owned],
                _("kept, without this owner"),
            )
        )
    signed = db.session.scalars(
        db.select(AgreementParty)
        .where(AgreementParty.signatory_id == person_id)
        .options(selectinload(AgreementParty.agreement))
    ).all()
    if signed:
        found.append(
            Dependent(
                _("Signatory of agreements"),
                [pick_language(p.agreement.title) for p in signed],
                _("kept, without this signatory"),
            )
        )
    return found


def delete_person(person_id: int) -> None:
    """Delete a person and their roles and memberships (the confirm page listed them)."""
    person = get_person(person_id)
    for model, column, _label in _PERSON_LINKS:
        for row in db.session.scalars(db.select(model).where(column == person_id)):
            db.session.delete(row)
    db.session.flush()
    db.session.delete(person)
    saved()


# -- organisations -----------------------------------------------------------------


def list_organisations() -> list[Organisation]:
    return list(db.session.scalars(db.select(Organisation).order_by(Organisation.id)))


def get_organisation(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("No such organisation."))
    return organisation


def check_organisation(
    data: OrganisationData, stored: Organisation | None = None
) -> dict[str, Any]:
    """The clean column values for ``data``; texts in languages it does not mention are
    kept from ``stored`` (the organisation being edited)."""
    try:
        kind = OrganisationKind(data.kind)
    except ValueError as exc:
        raise ServiceError(_("Pick a kind of organisation."), field="kind") from exc
    name = require_text(data.name, stored.name if stored else None, "name")
    country = (data.country or "").strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise ServiceError(_("Use a two-letter country code, e.g. KR."), field="country")
    return {
        "kind": kind,
        "name": name,
        "country": country,
        "short_name": _clean(data.short_name),
        "region": localized(data.region, stored.region if stored else None),
        "sectors": codes(data.sectors),
        "website": _clean(data.website),
        "email": check_email(data.email),
        "phone": _clean(data.phone),
        "notes": _clean(data.notes),
    }


def create_organisation(data: OrganisationData) -> Organisation:
    organisation = Organisation(**check_organisation(data))
    db.session.add(organisation)
    saved()
    return organisation


def update_organisation(organisation_id: int, data: OrganisationData) -> Organisation:
    organisation = get_organisation(organisation_id)
    for name, value in check_organisation(data, stored=organisation).items():
        setattr(organisation, name, value)
    saved()
    return organisation


def organisation_form_data(organisation: Organisation) -> dict[str, Any]:
    return {
        "kind": organisation.kind.value,
        "name": dict(organisation.name),
        "country": organisation.country,
        "short_name": organisation.short_name,
        "region": dict(organisation.region),
        "sectors": ", ".join(organisation.sectors),
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "notes": organisation.notes,
    }


def organisation_dependents(organisation_id: int) -> list[Dependent]:
    get_organisation(organisation_id)
    found = []
    people = db.session.scalars(db.select(Person).where(Person.organisation_id == organisation_id))
    names = [p.display_name("en") for p in people]
    if names:
        found.append(Dependent(_("People"), names, _("kept, without an organisation")))
    users = db.session.scalars(db.select(User).where(User.organisation_id == organisation_id))
    emails = [u.email for u in users]
    if emails:
        found.append(Dependent(_("Accounts"), emails, _("kept, without an organisation")))
    parties = db.session.scalars(
        db.select(AgreementParty)
        .where(AgreementParty.organisation_id == organisation_id)
        .options(selectinload(AgreementParty.agreement))
    ).all()
    if parties:
        found.append(
            Dependent(
                _("Party to agreements"),
                [pick_language(p.agreement.title) for p in parties],
                _("removed from the parties"),
            )
        )
    organisers = db.session.scalars(
        db.select(ForumOrganiser)
        .where(ForumOrganiser.organisation_id == organisation_id)
        .options(selectinload(ForumOrganiser.forum))
    ).all()
    if organisers:
        found.append(
            Dependent(
                _("Organises forums"),
                [pick_language(o.forum.title) for o in organisers],
                _("removed from the organisers"),
            )
        )
    visits = db.session.scalars(
        db.select(DelegationVisit).where(
            or_(
                DelegationVisit.visiting_organisation_id == organisation_id,
                DelegationVisit.host_organisation_id == organisation_id,
            )
        )
    ).all()
    if visits:
        found.append(
            Dependent(
                _("Delegation visits"),
                [pick_language(v.title) for v in visits],
                _("kept, without this organisation"),
            )
        )
    return found


def delete_organisation(organisation_id: int) -> None:
    organisation = get_organisation(organisation_id)
    for model in (AgreementParty, ForumOrganiser):
        for row in db.session.scalars(
            db.select(model).where(model.organisation_id == organisation_id)
        ):
            db.session.delete(row)
    db.session.flush()
    db.session.delete(organisation)
    saved()
