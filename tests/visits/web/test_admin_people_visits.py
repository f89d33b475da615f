"""Back office: people, organisations, visits, agreements and follow-ups."""

from __future__ import annotations

from forumapp.core.extensions import db
from forumapp.people.models import Organisation, Person
from forumapp.programme.models import SessionRole, SessionRoleKind
from forumapp.visits.agreement_model import Agreement, FollowUpAction
from forumapp.visits.models import DelegationVisit, VisitMember
from tests import factories
from tests.pages import error_beside


def test_person_e_mail_already_used_is_refused_beside_the_field(organiser):
    assert (
        organiser.post(
            "/admin/people/new", data={"name_latin": "Dana Ospan", "email": "dana@example.kz"}
        ).status_code
        == 302
    )
    response = organiser.post(
        "/admin/people/new", data={"name_latin": "Other Dana", "email": "DANA@example.kz"}
    )
    html = response.get_data(as_text=True)
    assert "already uses this e-mail" in error_beside(html, "email")
    assert 'value="Other Dana"' in html
    response = organiser.post("/admin/people/new", data={"email": "x@example.kz"})
    assert "at least one script" in error_beside(response.get_data(as_text=True), "name_latin")
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 1


def test_deleting_a_person_with_roles_says_so_then_removes_the_roles(organiser):
    forum = factories.forum()
    talk = factories.session(forum, title="Keynote on hydrogen")
    person = factories.person(latin="Aigerim Bekova")
    db.session.add(SessionRole(session=talk, person=person, role=SessionRoleKind.KEYNOTE))
    db.session.commit()
    html = organiser.get(f"/admin/people/{person.id}/delete").get_data(as_text=True)
    assert "Roles in sessions" in html and "Keynote on hydrogen" in html
    assert organiser.post(f"/admin/people/{person.id}/delete").status_code == 302
    assert db.session.scalar(db.select(db.func.count(SessionRole.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 0


def test_organisation_form_and_delete(organiser):
    response = organiser.post(
        "/admin/organisations/new",
        data={"name-en": "Gyeonggi", "kind": "government", "country": "K1"},
    )
    assert "two-letter country code" in error_beside(response.get_data(as_text=True), "country")
    organiser.post(
        "/admin/organisations/new",
        data={"name-en": "Gyeonggi", "kind": "government", "country": "kr"},
    )
    org = db.session.scalar(db.select(Organisation))
    assert org.country == "KR"
    assert organiser.post(f"/admin/organisations/{org.id}/delete").status_code == 302
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0


VISIT = {
    "title-en": "Tashkent Region delegation",
    "slug": "tashkent-2030",
    "visiting_country": "UZ",
    "timezone": "Asia/Seoul",
    "arrives_at": "2030-09-01T09:00",
    "departs_at": "2030-09-03T18:00",
    "status": "planned",
}


def test_visit_with_members_in_protocol_order_itinerary_and_press(organiser):
    response = organiser.post("/admin/visits/new", data=VISIT | {"departs_at": "2030-08-30T09:00"})
    assert "cannot be before arrival" in error_beside(response.get_data(as_text=True), "departs_at")
    response = organiser.post("/admin/visits/new", data=VISIT | {"timezone": "Seoul"})
    assert "Unknown time zone" in error_beside(response.get_data(as_text=True), "timezone")
    assert organiser.post("/admin/visits/new", data=VISIT).status_code == 302
    visit = db.session.scalar(db.select(DelegationVisit))
    assert visit.arrives_at.hour == 0  # 09:00 in Seoul is 00:00 UTC

    governor, deputy = factories.person(latin="Governor"), factories.person(latin="Deputy")
    for person in (deputy, governor):
        assert (
            organiser.post(
                f"/admin/visits/{visit.id}/members", data={"member-person_id": str(person.id)}
            ).status_code
            == 302
        )
    response = organiser.post(
        f"/admin/visits/{visit.id}/members", data={"member-person_id": str(governor.id)}
    )
    assert "already listed" in error_beside(response.get_data(as_text=True), "member-person_id")
    member = db.session.scalar(db.select(VisitMember).where(VisitMember.person_id == governor.id))
    organiser.post(f"/admin/visits/members/{member.id}/move/up")
    db.session.expire_all()
    assert [m.person_id for m in db.session.get(DelegationVisit, visit.id).members] == [
        governor.id,
        deputy.id,
    ]

    item = {"title-en": "Courtesy call", "kind": "courtesy_call", "day": "2030-09-01"}
    response = organiser.post(
        f"/admin/visits/{visit.id}/itinerary/new", data=item | {"starts": "11:00", "ends": "10:00"}
    )
    assert "must end after it starts" in error_beside(response.get_data(as_text=True), "ends")
    response = organiser.post(
        f"/admin/visits/{visit.id}/itinerary/new",
        data=item | {"starts": "10:00", "ends": "11:00", "participant_ids": [str(governor.id)]},
    )
    assert response.status_code == 302
    response = organiser.post(
        f"/admin/visits/{visit.id}/press",
        data={"press-officer": "Park Ji-won", "press-phone": "031"},
    )
    assert response.status_code == 302
    html = organiser.get(f"/admin/visits/{visit.id}/").get_data(as_text=True)
    assert "Courtesy call" in html and "Park Ji-won" in html

    html = organiser.get(f"/admin/visits/{visit.id}/delete").get_data(as_text=True)
    assert "Delegation members" in html and "Itinerary items" in html
    assert organiser.post(f"/admin/visits/{visit.id}/delete").status_code == 302
    assert db.session.scalar(db.select(db.func.count(DelegationVisit.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 2  # people are kept


def test_agreement_signed_needs_a_date_and_takes_parties_and_follow_ups(organiser):
    data = {"title-en": "MOU on agriculture", "kind": "mou", "status": "signed"}
    response = organiser.post("/admin/agreements/new", data=data)
    assert "needs its signing date" in error_beside(response.get_data(as_text=True), "signed_on")
    assert (
        organiser.post("/admin/agreements/new", data=data | {"signed_on": "2030-09-02"}).status_code
        == 302
    )
    agreement = db.session.scalar(db.select(Agreement))
    org = factories.organisation("Gyeonggi Province")
    assert (
        organiser.post(
            f"/admin/agreements/{agreement.id}/parties", data={"party-organisation_id": str(org.id)}
        ).status_code
        == 302
    )
    response = organiser.post(
        "/admin/follow-ups/new",
        data={
            "title-en": "Designate contacts",
            "status": "open",
            "agreement_id": str(agreement.id),
            "due_on": "2030-10-01",
        },
    )
    assert response.status_code == 302
    html = organiser.get(f"/admin/agreements/{agreement.id}/").get_data(as_text=True)
    assert "Gyeonggi Province" in html and "Designate contacts" in html
    html = organiser.get(f"/admin/agreements/{agreement.id}/delete").get_data(as_text=True)
    assert "Parties" in html and "Follow-up actions" in html
    organiser.post(f"/admin/agreements/{agreement.id}/delete")
    assert db.session.scalar(db.select(db.func.count(FollowUpAction.id))) == 1  # kept
