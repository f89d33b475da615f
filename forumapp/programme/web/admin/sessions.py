"""Sessions with their speakers and roles; clash warnings beside the form."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.core.localized import pick_language
from forumapp.core.web.admin_support import confirm_delete, display, run, submit, values
from forumapp.core.web.forms import ConfirmForm, none_choice, option
from forumapp.core.web.routes import Routes
from forumapp.people.choices import person_choices
from forumapp.programme import clash_text
from forumapp.programme import forums as forum_service
from forumapp.programme import sessions as session_service
from forumapp.programme.clashes import clash_report
from forumapp.programme.models import Forum
from forumapp.programme.web.admin.session_forms import (
    SPEAKER_ROWS_MAX,
    NewSessionForm,
    RoleForm,
    SessionForm,
)

routes = Routes()


def room_choices(forum: Forum):
    rooms = forum.venue.rooms if forum.venue else []
    return [none_choice(_("No room")), *(option(r.id, display(r.name)) for r in rooms)]


def _prefill_from_query(forum: Forum) -> dict:
    """A click on a free cell of the grid opens the form with its day, time and room."""
    data: dict = {}
    try:
        if request.args.get("day"):
            data["day"] = date.fromisoformat(request.args["day"])
        if request.args.get("starts"):
            starts = time.fromisoformat(request.args["starts"])
            data["starts"] = starts
            data["ends"] = (datetime.combine(date.min, starts) + timedelta(hours=1)).time()
        if request.args.get("room_id", "").isdigit():
            data["room_id"] = int(request.args["room_id"])
    except ValueError:
        return {}
    if "day" not in data:
        data["day"] = forum.start_date
    return data


def _speaker_rows(form: NewSessionForm) -> list[session_service.SpeakerData]:
    return [
        session_service.SpeakerData(entry.person_id.data, entry.role.data)
        for entry in form.speakers
    ]


@routes.route("/forums/<int:forum_id>/sessions/new", methods=["GET", "POST"])
@organiser_required
def new_session(forum_id: int):
    forum = run(lambda: forum_service.get_forum(forum_id))
    form = NewSessionForm(data=_prefill_from_query(forum))
    form.room_id.choices = room_choices(forum)
    session = None
    if "more_speakers" in request.form:
        # "One more speaker row" shows again what was typed, saving nothing yet.
        if len(form.speakers) < SPEAKER_ROWS_MAX:
            form.speakers.append_entry()
    else:
        session = submit(
            form,
            lambda: session_service.create_session(
                forum_id, values(form, session_service.SessionData), _speaker_rows(form)
            ),
        )
    if session:
        if session.roles:
            flash(_("Session created with its speakers."), "success")
        else:
            flash(_("Session created. Add its speakers below."), "success")
        return redirect(url_for("admin.edit_session", session_id=session.id))
    people = person_choices()  # the service checks the people, and says which row is wrong
    for entry in form.speakers:
        entry.person_id.choices = people
    return render_template(
        "admin/sessions/new.html",
        form=form,
        page_title=_("New session in %(forum)s", forum=pick_language(forum.title)),
        intro=_("Times are local to the forum (%(zone)s).", zone=forum.timezone),
        cancel_url=url_for("admin.forum", forum_id=forum_id),
    )


def _render_session_page(session, form: SessionForm, role_form: RoleForm):
    report = clash_report()
    return render_template(
        "admin/sessions/edit.html",
        session=session,
        forum=session.forum,
        form=form,
        role_form=role_form,
        move_form=ConfirmForm(),
        warnings=clash_text.warnings(report.for_session(session.id), report),
        page_title=_("Session: %(title)s", title=pick_language(session.title)),
    )


def _role_form() -> RoleForm:
    role_form = RoleForm(prefix="role")
    role_form.person_id.choices = person_choices()
    return role_form


@routes.route("/sessions/<int:session_id>/", methods=["GET", "POST"])
@organiser_required
def edit_session(session_id: int):
    session = run(lambda: session_service.get_session(session_id))
    form = SessionForm(data=session_service.session_form_data(session))
    form.room_id.choices = room_choices(session.forum)
    if submit(
        form,
        lambda: session_service.update_session(
            session_id, values(form, session_service.SessionData)
        ),
    ):
        flash(_("Session saved."), "success")
        return redirect(url_for("admin.edit_session", session_id=session_id))
    session = run(lambda: session_service.get_session(session_id))
    return _render_session_page(session, form, _role_form())


@routes.route("/sessions/<int:session_id>/roles", methods=["POST"])
@organiser_required
def add_role(session_id: int):
    session = run(lambda: session_service.get_session(session_id))
    role_form = _role_form()
    if submit(
        role_form,
        lambda: session_service.add_role(
            session_id, role_form.person_id.data, role_form.role.data, role_form.topic.data
        ),
    ):
        flash(_("Speaker added."), "success")
        return redirect(url_for("admin.edit_session", session_id=session_id) + "#speakers")
    session = run(lambda: session_service.get_session(session_id))
    form = SessionForm(data=session_service.session_form_data(session), formdata=None)
    form.room_id.choices = room_choices(session.forum)
    return _render_session_page(session, form, role_form)


@routes.route("/session-roles/<int:role_id>/remove", methods=["POST"])
@organiser_required
def remove_role(role_id: int):
    session_id = submit(ConfirmForm(), lambda: session_service.remove_role(role_id))
    if session_id is None:
        return redirect(request.referrer or url_for("admin.forums"))
    flash(_("Speaker removed."), "success")
    return redirect(url_for("admin.edit_session", session_id=session_id) + "#speakers")


@routes.route("/session-roles/<int:role_id>/move/<any(up, down):direction>", methods=["POST"])
@organiser_required
def move_role(role_id: int, direction: str):
    step = -1 if direction == "up" else 1
    session_id = submit(ConfirmForm(), lambda: session_service.move_role(role_id, step))
    if session_id is None:
        return redirect(request.referrer or url_for("admin.forums"))
    return redirect(url_for("admin.edit_session", session_id=session_id) + "#speakers")


@routes.route("/sessions/<int:session_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_session(session_id: int):
    session = run(lambda: session_service.get_session(session_id))
    form = ConfirmForm()
    forum_id = submit(form, lambda: session_service.delete_session(session_id))
    if forum_id:
        flash(_("Session deleted."), "success")
        return redirect(url_for("admin.forum", forum_id=forum_id))
    return confirm_delete(
        pick_language(session.title),
        session_service.session_dependents(session_id),
        form,
        url_for("admin.edit_session", session_id=session_id),
    )
