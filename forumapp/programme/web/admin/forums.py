"""Forums and their days: list, create, edit, duplicate, delete."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.core.localized import pick_language
from forumapp.core.web.admin_support import confirm_delete, display, run, submit, values
from forumapp.core.web.forms import ConfirmForm, none_choice, option
from forumapp.core.web.routes import Routes
from forumapp.people.choices import organisation_choices
from forumapp.programme import clash_text
from forumapp.programme import forums as forum_service
from forumapp.programme import organisers as organiser_service
from forumapp.programme import venues as venue_service
from forumapp.programme.clashes import clash_report
from forumapp.programme.web.admin.forum_forms import (
    ORGANISER_ROLE_LABELS,
    DayForm,
    DuplicateForumForm,
    ForumForm,
    ForumOrganiserForm,
)

routes = Routes()


def _venue_choices():
    return [
        none_choice(),
        *(option(v.id, display(v.name)) for v in venue_service.list_venues()),
    ]


@routes.route("/forums/")
@organiser_required
def forums():
    return render_template(
        "admin/forums/list.html", forums=forum_service.list_forums(), page_title=_("Forums")
    )


@routes.route("/forums/new", methods=["GET", "POST"])
@organiser_required
def new_forum():
    form = ForumForm()
    form.venue_id.choices = _venue_choices()
    forum = submit(form, lambda: forum_service.create_forum(values(form, forum_service.ForumData)))
    if forum:
        flash(_("Forum created."), "success")
        return redirect(url_for("admin.forum", forum_id=forum.id))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("New forum"),
        cancel_url=url_for("admin.forums"),
    )


def _organiser_form() -> ForumOrganiserForm:
    form = ForumOrganiserForm(prefix="organiser")
    form.organisation_id.choices = organisation_choices()
    return form


def _render_forum_page(forum_id: int, organiser_form: ForumOrganiserForm):
    forum = run(lambda: forum_service.get_forum(forum_id))
    report = clash_report()
    return render_template(
        "admin/forums/forum.html",
        forum=forum,
        report=report,
        warnings=clash_text.warnings(report.for_forum(forum_id), report),
        organisers=organiser_service.list_forum_organisers(forum_id),
        organiser_role_labels=ORGANISER_ROLE_LABELS,
        organiser_form=organiser_form,
        page_title=pick_language(forum.title),
    )


@routes.route("/forums/<int:forum_id>/")
@organiser_required
def forum(forum_id: int):
    return _render_forum_page(forum_id, _organiser_form())


@routes.route("/forums/<int:forum_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_forum(forum_id: int):
    forum = run(lambda: forum_service.get_forum(forum_id))
    form = ForumForm(data=forum_service.forum_form_data(forum))
    form.venue_id.choices = _venue_choices()
    if submit(
        form, lambda: forum_service.update_forum(forum_id, values(form, forum_service.ForumData))
    ):
        flash(_("Forum saved."), "success")
        return redirect(url_for("admin.forum", forum_id=forum_id))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Edit forum"),
        cancel_url=url_for("admin.forum", forum_id=forum_id),
    )


@routes.route("/forums/<int:forum_id>/duplicate", methods=["GET", "POST"])
@organiser_required
def duplicate_forum(forum_id: int):
    source = run(lambda: forum_service.get_forum(forum_id))
    form = DuplicateForumForm(data={"slug": f"{source.slug}-copy"})
    copy = submit(
        form,
        lambda: forum_service.duplicate_forum(forum_id, form.slug.data, form.start_date.data),
    )
    if copy:
        flash(_("Copy created as a draft."), "success")
        return redirect(url_for("admin.forum", forum_id=copy.id))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Duplicate %(title)s", title=pick_language(source.title)),
        intro=_("Days, organisers, sessions and speakers are copied; releases are not."),
        submit_label=_("Duplicate"),
        cancel_url=url_for("admin.forum", forum_id=forum_id),
    )


@routes.route("/forums/<int:forum_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_forum(forum_id: int):
    forum = run(lambda: forum_service.get_forum(forum_id))
    form = ConfirmForm()
    if submit(form, lambda: forum_service.delete_forum(forum_id) or True):
        flash(_("Forum deleted."), "success")
        return redirect(url_for("admin.forums"))
    return confirm_delete(
        pick_language(forum.title),
        forum_service.forum_dependents(forum_id),
        form,
        url_for("admin.forum", forum_id=forum_id),
    )


# -- days ------------------------------------------------------------------------------


@routes.route("/forums/<int:forum_id>/days/new", methods=["GET", "POST"])
@organiser_required
def new_day(forum_id: int):
    forum = run(lambda: forum_service.get_forum(forum_id))
    form = DayForm()
    if submit(form, lambda: forum_service.add_day(forum_id, values(form, forum_service.DayData))):
        flash(_("Day added."), "success")
        return redirect(url_for("admin.forum", forum_id=forum_id))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Add a day to %(title)s", title=pick_language(forum.title)),
        cancel_url=url_for("admin.forum", forum_id=forum_id),
    )


@routes.route("/days/<int:day_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_day(day_id: int):
    day = run(lambda: forum_service.get_day(day_id))
    forum_id = day.forum_id
    form = DayForm(
        data={
            "day": day.day,
            "opens_at": day.opens_at,
            "closes_at": day.closes_at,
            "label": dict(day.label),
        }
    )
    if submit(form, lambda: forum_service.update_day(day_id, values(form, forum_service.DayData))):
        flash(_("Day saved."), "success")
        return redirect(url_for("admin.forum", forum_id=forum_id))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Edit day"),
        cancel_url=url_for("admin.forum", forum_id=forum_id),
    )


@routes.route("/days/<int:day_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_day(day_id: int):
    day = run(lambda: forum_service.get_day(day_id))
    forum_id = day.forum_id
    form = ConfirmForm()
    if submit(form, lambda: forum_service.delete_day(day_id)):
        flash(_("Day deleted."), "success")
        return redirect(url_for("admin.forum", forum_id=forum_id))
    return confirm_delete(day.day.isoformat(), [], form, url_for("admin.forum", forum_id=forum_id))


# -- co-organisers ----------------------------------------------------------------------


@routes.route("/forums/<int:forum_id>/organisers", methods=["POST"])
@organiser_required
def add_forum_organiser(forum_id: int):
    run(lambda: forum_service.get_forum(forum_id))
    form = _organiser_form()
    if submit(
        form,
        lambda: organiser_service.add_forum_organiser(
            forum_id, form.organisation_id.data, form.role.data
        ),
    ):
        flash(_("Organiser added."), "success")
        return redirect(url_for("admin.forum", forum_id=forum_id) + "#organisers")
    return _render_forum_page(forum_id, form)


@routes.route("/forum-organisers/<int:row_id>/remove", methods=["POST"])
@organiser_required
def remove_forum_organiser(row_id: int):
    forum_id = submit(ConfirmForm(), lambda: organiser_service.remove_forum_organiser(row_id))
    if forum_id is None:
        return redirect(request.referrer or url_for("admin.forums"))
    flash(_("Organiser removed."), "success")
    return redirect(url_for("admin.forum", forum_id=forum_id) + "#organisers")


@routes.route("/forum-organisers/<int:row_id>/move/<any(up, down):direction>", methods=["POST"])
@organiser_required
def move_forum_organiser(row_id: int, direction: str):
    step = -1 if direction == "up" else 1
    forum_id = submit(ConfirmForm(), lambda: organiser_service.move_forum_organiser(row_id, step))
    if forum_id is None:
        return redirect(request.referrer or url_for("admin.forums"))
    return redirect(url_for("admin.forum", forum_id=forum_id) + "#organisers")
