"""Profiles, the directory, requests and self-booking, as a company would use them."""

from __future__ import annotations

import pytest

from forumapp.b2b import booking as b2b_booking
from forumapp.b2b import limits
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b.models import (
    B2BInterpreter,
    B2BMeeting,
    MatchmakingMode,
    MeetingStatus,
    RequestPreference,
    RequestStatus,
)
from forumapp.b2b.web.forms import ProfileForm
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from tests import factories
from tests.b2b_factories import company, matchmaking, outbox_messages

pytestmark = pytest.mark.usefixtures("outbox_in_tmp", "in_request")


def test_slots_fill_the_window_with_breaks(app):
    mm = matchmaking()
    local = [s.starts_at.strftime("%H:%M") for s in mm.slots]
    assert local == ["12:00", "12:25", "12:50", "13:15", "13:40"]  # UTC; Almaty is +5
    assert [t.name for t in mm.tables] == ["1", "2", "3"]


def test_profile_belongs_to_the_users_own_organisation(app):
    user = factories.company_user("rep@a.example", "Alpha")
    profile = b2b_profiles.save_profile(
        user, b2b_profiles.ProfileData(country="kz", languages=["RU", "kk", "ru"], offers="beef")
    )
    assert profile.organisation_id == user.organisation_id
    assert profile.country == "KZ"
    assert profile.languages == ["ru", "kk"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"country": "Korea", "languages": ["ko"]}, "country"),
        ({"country": "KR", "languages": []}, "languages"),
        ({"country": "KR", "languages": ["korean"]}, "languages"),
        ({"country": "KR", "languages": ["ko"], "sectors": ["mining"]}, "sectors"),
        ({"country": "KR", "languages": ["ko"], "contact_email": "nope"}, "contact_email"),
    ],
)
def test_bad_profile_input_is_refused_beside_its_field(app, data, field):
    user = factories.company_user()
    with pytest.raises(ServiceError) as caught:
        b2b_profiles.save_profile(user, b2b_profiles.ProfileData(**data))
    assert caught.value.field == field


def test_directory_filters(app):
    mm = matchmaking()
    company(mm, "a@x.example", "Jeonju Kimchi", "KR", ["ko"], ["agri_food"], offers="kimchi")
    company(mm, "b@x.example", "Almaty Build", "KZ", ["ru", "kk"], ["construction"], needs="cement")
    company(mm, "c@x.example", "Seoul Soft", "KR", ["ko", "en"], ["ict"], offers="ERP software")

    def names(**kw):
        found = b2b_profiles.directory(mm.id, b2b_profiles.DirectoryFilter(**kw))
        return [b2b_profiles.display_name(p) for p in found]

    assert names() == ["Jeonju Kimchi", "Seoul Soft", "Almaty Build"]
    assert names(sector="construction") == ["Almaty Build"]
    assert names(country="kr") == ["Jeonju Kimchi", "Seoul Soft"]
    assert names(language="en") == ["Seoul Soft"]
    assert names(keyword="CEMENT") == ["Almaty Build"]
    assert names(keyword="software", country="KZ") == []


def test_request_accept_and_notice_by_mail(app):
    mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE)
    a = company(mm, "a@x.example", "Alpha")
    b = company(mm, "b@x.example", "Beta")
    request = b2b_requests.request_meeting(
        a.user, mm.id, b.id, "Hello", RequestPreference.MUST_MEET
    )
    assert request.status == RequestStatus.REQUESTED
    with pytest.raises(ServiceError):
        b2b_requests.request_meeting(b.user, mm.id, a.id)  # one open request per pair
    with pytest.raises(ServiceError):
        b2b_requests.accept(a.user, request.id)  # only the company asked answers
    b2b_requests.accept(b.user, request.id)
    assert request.status == RequestStatus.ACCEPTED
    mails = outbox_messages(app)
    assert len(mails) == 2
    assert any("To: b@x.example" in m and "Alpha asks to meet you" in m for m in mails)
    assert any("To: a@x.example" in m and "accepted" in m for m in mails)


def test_other_companies_requests_are_not_found(app):
    mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE)
    a = company(mm, "a@x.example", "Alpha")
    b = company(mm, "b@x.example", "Beta")
    c = company(mm, "c@x.example", "Gamma")
    request = b2b_requests.request_meeting(a.user, mm.id, b.id)
    for action in (b2b_requests.accept, b2b_requests.decline, b2b_requests.cancel_request):
        with pytest.raises(NotFound):
            action(c.user, request.id)
    assert b2b_requests.my_requests(c.user, mm.id).incoming == []


def test_company_outside_the_session_cannot_request(app):
    mm = matchmaking()
    a = company(mm, "a@x.example", "Alpha")
    outsider = factories.company_user("o@x.example", "Outsider")
    with pytest.raises(NotFound):
        b2b_requests.request_meeting(outsider, mm.id, a.id)


def test_self_booking_picks_a_free_table_and_cancelling_frees_it(app):
    mm = matchmaking(tables=1)
    a = company(mm, "a@x.example", "Alpha")
    b = company(mm, "b@x.example", "Beta")
    c = company(mm, "c@x.example", "Gamma")
    d = company(mm, "d@x.example", "Delta")
    first_slot = mm.slots[0].id
    assert len(b2b_booking.free_slots(a.user, mm.id, b.id)) == 5
    meeting = b2b_booking.book(a.user, mm.id, b.id, first_slot)
    assert meeting.table_id == mm.tables[0].id
    assert meeting.request.status == RequestStatus.ACCEPTED
    # The only table is taken in that slot, so C and D cannot meet then.
    assert first_slot not in [s.id for s, _ in b2b_booking.free_slots(c.user, mm.id, d.id)]
    with pytest.raises(b2b_booking.SlotTaken):
        b2b_booking.book(c.user, mm.id, d.id, first_slot)
    with pytest.raises(ServiceError):
        b2b_booking.book(b.user, mm.id, a.id, mm.slots[1].id)  # already meeting
    b2b_requests.cancel_meeting(b.user, meeting.id)
    assert meeting.status == MeetingStatus.CANCELLED
    assert any("Beta cancelled your meeting" in m for m in outbox_messages(app))
    assert b2b_booking.book(c.user, mm.id, d.id, first_slot).table_id == mm.tables[0].id


def test_self_booking_needs_an_interpreter_without_a_shared_language(app):
    mm = matchmaking()
    a = company(mm, "a@x.example", "Alpha", languages=["ko"])
    b = company(mm, "b@x.example", "Beta", "KZ", languages=["ru"])
    assert b2b_booking.free_slots(a.user, mm.id, b.id) == []
    interpreter = b2b_sessions.add_interpreter(mm.id, "Pak", ["ko", "ru"])
    meeting = b2b_booking.book(a.user, mm.id, b.id, mm.slots[2].id)
    assert meeting.interpreter_id == interpreter.id
    assert db.session.get(B2BInterpreter, interpreter.id) is not None


def test_fixed_table_and_meeting_cap(app):
    mm = matchmaking(cap=1)
    visitor = company(mm, "v@x.example", "Visitor", "KZ", ["ko", "ru"])
    a = company(mm, "a@x.example", "Alpha")
    b = company(mm, "b@x.example", "Beta")
    b2b_sessions.fix_table(mm.tables[2].id, visitor.id)
    meeting = b2b_booking.book(a.user, mm.id, visitor.id, mm.slots[0].id)
    assert meeting.table_id == mm.tables[2].id
    with pytest.raises(ServiceError):
        b2b_booking.book(b.user, mm.id, visitor.id, mm.slots[1].id)  # visitor at its cap


def test_booking_is_refused_when_the_organiser_schedules(app):
    mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE)
    a = company(mm, "a@x.example", "Alpha")
    b = company(mm, "b@x.example", "Beta")
    with pytest.raises(ServiceError):
        b2b_booking.book(a.user, mm.id, b.id, mm.slots[0].id)
    assert db.session.scalar(db.select(db.func.count(B2BMeeting.id))) == 0


def test_profile_text_limits_are_the_same_in_form_api_and_operation(app, client):
    """One number per field (b2b/limits.py): the operation refuses what the form and the API
    refuse, beside the field, and takes what they take."""
    mm = matchmaking()
    a = company(mm, "a@x.example", "Alpha")
    longest = "x" * limits.PROFILE_TEXT_MAX
    data = b2b_profiles.ProfileData(country="KR", languages=["ko"], offers=longest)
    assert b2b_profiles.save_profile(a.user, data).offers == longest
    with pytest.raises(ServiceError) as refused:
        b2b_profiles.save_profile(
            a.user, b2b_profiles.ProfileData(country="KR", languages=["ko"], needs=longest + "y")
        )
    assert refused.value.field == "needs"
    with app.test_request_context("/"):
        form_limits = {
            name: next(v.max for v in getattr(ProfileForm(), name).validators if hasattr(v, "max"))
            for name in limits.PROFILE_TEXT_LIMITS
        }
    published = client.get("/api/v1/openapi.json").get_json()
    fields = published["components"]["schemas"]["ProfileInput"]["properties"]

    def most(schema: dict) -> int:
        return schema.get("maxLength") or next(
            part["maxLength"] for part in schema["anyOf"] if "maxLength" in part
        )

    api_limits = {name: most(fields[name]) for name in limits.PROFILE_TEXT_LIMITS}
    assert form_limits == api_limits == limits.PROFILE_TEXT_LIMITS
