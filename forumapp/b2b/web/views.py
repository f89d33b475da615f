"""Company representatives: profile, directory, requests, self-booking, agenda.

A company only ever sees and changes its own rows: the services take the user and
answer "not found" for anything of another company.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forumapp.b2b import agenda as b2b_agenda
from forumapp.b2b import booking as b2b_booking
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MatchmakingMode, RequestPreference
from forumapp.b2b.web.forms import (
    SECTOR_LABELS,
    ActionForm,
    BookForm,
    ProfileForm,
    RequestForm,
)
from forumapp.b2b.web.support import act, company_required, run, submit
from forumapp.core.errors import ServiceError
from forumapp.core.web.routes import Routes

routes = Routes()


@routes.app_context_processor
def b2b_labels():
    return {"sector_labels": {s.value: label for s, label in SECTOR_LABELS.items()}}


@routes.route("/")
@company_required
def index():
    return render_template(
        "b2b/index.html",
        sessions=b2b_sessions.sessions_for(current_user),
        profile=b2b_sessions.profile_of(current_user),
        form=ActionForm(),
    )


@routes.route("/profile", methods=["GET", "POST"])
@company_required
def profile():
    existing = run(lambda: b2b_profiles.profile_for_edit(current_user))
    form = ProfileForm(obj=existing)
    # The form edits languages as "ko, ru" text, but obj hands it the stored list
    # (and keeps it when a POST omits the field).
    if isinstance(form.languages.data, list):
        form.languages.data = ", ".join(form.languages.data)

    def save():
        data = b2b_profiles.ProfileData(
            country=form.country.data,
            languages=(form.languages.data or "").split(","),
            sectors=form.sectors.data or [],
            offers=form.offers.data,
            needs=form.needs.data,
            products=form.products.data,
            contact_name=form.contact_name.data,
            contact_email=form.contact_email.data,
            contact_phone=form.contact_phone.data,
        )
        return b2b_profiles.save_profile(current_user, data)

    if submit(form, save):
        return redirect(url_for("b2b.index", saved=1))
    return render_template("b2b/profile.html", form=form)


@routes.route("/<int:matchmaking_id>/join", methods=["POST"])
@company_required
def join(matchmaking_id: int):
    act(
        ActionForm(),
        lambda: b2b_sessions.join(current_user, matchmaking_id),
        _("Your company takes part in this B2B session."),
    )
    return redirect(url_for("b2b.index"))


@routes.route("/<int:matchmaking_id>/participants")
@company_required
def participants(matchmaking_id: int):
    me = run(lambda: b2b_sessions.require_participant(current_user, matchmaking_id))
    wanted = b2b_profiles.DirectoryFilter(
        sector=request.args.get("sector") or None,
        country=request.args.get("country") or None,
        language=request.args.get("language") or None,
        keyword=request.args.get("q") or None,
    )
    countries, languages = b2b_profiles.countries_and_languages(matchmaking_id)
    return render_template(
        "b2b/participants.html",
        matchmaking=me.matchmaking,
        me=me,
        found=b2b_profiles.directory(matchmaking_id, wanted),
        wanted=wanted,
        countries=countries,
        languages=languages,
        self_booking=me.matchmaking.mode == MatchmakingMode.SELF_BOOKING,
        name=b2b_profiles.display_name,
    )


@routes.route("/<int:matchmaking_id>/request/<int:participant_id>", methods=["GET", "POST"])
@company_required
def new_request(matchmaking_id: int, participant_id: int):
    me = run(lambda: b2b_sessions.require_participant(current_user, matchmaking_id))
    other = run(lambda: b2b_booking.counterpart(matchmaking_id, participant_id))
    form = RequestForm()
    sent = submit(
        form,
        lambda: b2b_requests.request_meeting(
            current_user,
            matchmaking_id,
            participant_id,
            form.message.data,
            RequestPreference(form.preference.data),
        ),
    )
    if sent:
        return redirect(url_for("b2b.my_requests", matchmaking_id=matchmaking_id, sent=1))
    return render_template(
        "b2b/request.html",
        matchmaking=me.matchmaking,
        other=other,
        name=b2b_profiles.display_name,
        form=form,
    )


@routes.route("/<int:matchmaking_id>/requests")
@company_required
def my_requests(matchmaking_id: int):
    me = run(lambda: b2b_sessions.require_participant(current_user, matchmaking_id))
    return render_template(
        "b2b/requests.html",
        matchmaking=me.matchmaking,
        me=me,
        requests=b2b_requests.my_requests(current_user, matchmaking_id),
        name=b2b_profiles.display_name,
        form=ActionForm(),
    )


def _request_action(request_id: int, action, done: str):
    act(ActionForm(), lambda: action(current_user, request_id), done)
    matchmaking_id = run(lambda: b2b_requests.request_session(current_user, request_id))
    return redirect(url_for("b2b.my_requests", matchmaking_id=matchmaking_id))


@routes.route("/requests/<int:request_id>/accept", methods=["POST"])
@company_required
def accept(request_id: int):
    return _request_action(request_id, b2b_requests.accept, _("Request accepted."))


@routes.route("/requests/<int:request_id>/decline", methods=["POST"])
@company_required
def decline(request_id: int):
    return _request_action(request_id, b2b_requests.decline, _("Request declined."))


@routes.route("/requests/<int:request_id>/cancel", methods=["POST"])
@company_required
def cancel_request(request_id: int):
    return _request_action(request_id, b2b_requests.cancel_request, _("Request cancelled."))


@routes.route("/<int:matchmaking_id>/book/<int:participant_id>", methods=["GET", "POST"])
@company_required
def book(matchmaking_id: int, participant_id: int):
    me = run(lambda: b2b_sessions.require_participant(current_user, matchmaking_id))
    other = run(lambda: b2b_booking.counterpart(matchmaking_id, participant_id))
    form = BookForm()
    status = 200
    if form.validate_on_submit():
        try:
            slot_id = int(form.slot.data)
        except ValueError:
            slot_id = -1
        try:
            run(lambda: b2b_booking.book(current_user, matchmaking_id, participant_id, slot_id))
        except b2b_booking.SlotTaken as taken:
            form.slot.errors = [taken.message]
            status = 409
        except ServiceError as refused:
            form.slot.errors = [refused.message]
            status = 422
        else:
            return redirect(url_for("b2b.agenda", matchmaking_id=matchmaking_id, booked=1))
    try:
        free = b2b_booking.free_slots(current_user, matchmaking_id, participant_id)
        refusal = None
    except ServiceError as refused:
        free, refusal = [], refused.message
    page = render_template(
        "b2b/book.html",
        matchmaking=me.matchmaking,
        other=other,
        name=b2b_profiles.display_name,
        free=free,
        refusal=refusal,
        form=form,
    )
    return page, status


@routes.route("/<int:matchmaking_id>/agenda")
@company_required
def agenda(matchmaking_id: int):
    me, meetings, visible = run(lambda: b2b_schedule.agenda(current_user, matchmaking_id))
    token = b2b_agenda.existing_feed_token(me)
    return render_template(
        "b2b/agenda.html",
        matchmaking=me.matchmaking,
        me=me,
        feed_url=url_for("b2b.agenda_feed", token=token, _external=True) if token else None,
        meetings=meetings,
        visible=visible,
        name=b2b_profiles.display_name,
        form=ActionForm(),
    )


@routes.route("/meetings/<int:meeting_id>/cancel", methods=["POST"])
@company_required
def cancel_meeting(meeting_id: int):
    meeting = run(lambda: b2b_requests.own_meeting(current_user, meeting_id))
    matchmaking_id = meeting.matchmaking_id
    act(
        ActionForm(),
        lambda: b2b_requests.cancel_meeting(current_user, meeting_id),
        _("Meeting cancelled; the other company has been told."),
    )
    return redirect(url_for("b2b.agenda", matchmaking_id=matchmaking_id))
