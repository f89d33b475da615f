"""Venues and rooms."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.core.localized import pick_language
from forumapp.core.web.admin_support import confirm_delete, run, submit, values
from forumapp.core.web.forms import ConfirmForm
from forumapp.core.web.routes import Routes
from forumapp.programme import venues as venue_service
from forumapp.programme.web.admin.forum_forms import RoomForm, VenueForm

routes = Routes()


@routes.route("/venues/")
@organiser_required
def venues():
    return render_template(
        "admin/venues.html", venues=venue_service.list_venues(), page_title=_("Venues")
    )


@routes.route("/venues/new", methods=["GET", "POST"])
@organiser_required
def new_venue():
    form = VenueForm()
    if submit(form, lambda: venue_service.create_venue(values(form, venue_service.VenueData))):
        flash(_("Venue created."), "success")
        return redirect(url_for("admin.venues"))
    return render_template(
        "admin/form.html", form=form, page_title=_("New venue"), cancel_url=url_for("admin.venues")
    )


@routes.route("/venues/<int:venue_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_venue(venue_id: int):
    venue = run(lambda: venue_service.get_venue(venue_id))
    form = VenueForm(
        data={
            "name": dict(venue.name),
            "city": venue.city,
            "country": venue.country,
            "timezone": venue.timezone,
            "address": dict(venue.address),
            "website": venue.website,
        }
    )
    if submit(
        form, lambda: venue_service.update_venue(venue_id, values(form, venue_service.VenueData))
    ):
        flash(_("Venue saved."), "success")
        return redirect(url_for("admin.venues"))
    return render_template(
        "admin/form.html", form=form, page_title=_("Edit venue"), cancel_url=url_for("admin.venues")
    )


@routes.route("/venues/<int:venue_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_venue(venue_id: int):
    venue = run(lambda: venue_service.get_venue(venue_id))
    form = ConfirmForm()
    if submit(form, lambda: venue_service.delete_venue(venue_id) or True):
        flash(_("Venue deleted."), "success")
        return redirect(url_for("admin.venues"))
    return confirm_delete(
        pick_language(venue.name),
        venue_service.venue_dependents(venue_id),
        form,
        url_for("admin.venues"),
    )


@routes.route("/venues/<int:venue_id>/rooms/new", methods=["GET", "POST"])
@organiser_required
def new_room(venue_id: int):
    venue = run(lambda: venue_service.get_venue(venue_id))
    form = RoomForm()
    if submit(form, lambda: venue_service.add_room(venue_id, values(form, venue_service.RoomData))):
        flash(_("Room added."), "success")
        return redirect(url_for("admin.venues"))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Add a room to %(venue)s", venue=pick_language(venue.name)),
        cancel_url=url_for("admin.venues"),
    )


@routes.route("/rooms/<int:room_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_room(room_id: int):
    room = run(lambda: venue_service.get_room(room_id))
    form = RoomForm(
        data={
            "name": dict(room.name),
            "capacity": room.capacity,
            "floor": room.floor,
            "position": room.position,
        }
    )
    if submit(
        form, lambda: venue_service.update_room(room_id, values(form, venue_service.RoomData))
    ):
        flash(_("Room saved."), "success")
        return redirect(url_for("admin.venues"))
    return render_template(
        "admin/form.html", form=form, page_title=_("Edit room"), cancel_url=url_for("admin.venues")
    )


@routes.route("/rooms/<int:room_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_room(room_id: int):
    room = run(lambda: venue_service.get_room(room_id))
    form = ConfirmForm()
    if submit(form, lambda: venue_service.delete_room(room_id)):
        flash(_("Room deleted."), "success")
        return redirect(url_for("admin.venues"))
    return confirm_delete(
        pick_language(room.name),
        venue_service.room_dependents(room_id),
        form,
        url_for("admin.venues"),
    )
