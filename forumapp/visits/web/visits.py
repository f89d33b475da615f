"""Delegation visits: members and hosts in protocol order, itinerary, press contacts."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.core.localized import pick_language
from forumapp.core.timezones import get_zone
from forumapp.core.web.admin_support import confirm_delete, run, submit, values
from forumapp.core.web.forms import ConfirmForm
from forumapp.core.web.routes import Routes
from forumapp.people.choices import organisation_choices, person_choices
from forumapp.programme import clash_text
from forumapp.programme.clashes import clash_report, itinerary_key
from forumapp.visits import visits as visit_service
from forumapp.visits.models import PressContact, VisitHost, VisitMember
from forumapp.visits.web.forms import (
    ItineraryForm,
    ListedPersonForm,
    PressContactForm,
    VisitForm,
)

routes = Routes()


LISTED = {"members": VisitMember, "hosts": VisitHost, "press": PressContact}


def _visit_form(**kwargs) -> VisitForm:
    form = VisitForm(**kwargs)
    form.visiting_organisation_id.choices = organisation_choices()
    form.host_organisation_id.choices = organisation_choices()
    form.head_of_delegation_id.choices = person_choices()
    return form


@routes.route("/visits/")
@organiser_required
def visits():
    return render_template(
        "admin/visits/list.html", visits=visit_service.list_visits(), page_title=_("Visits")
    )


@routes.route("/visits/new", methods=["GET", "POST"])
@organiser_required
def new_visit():
    form = _visit_form()
    visit = submit(form, lambda: visit_service.create_visit(values(form, visit_service.VisitData)))
    if visit:
        flash(_("Visit created."), "success")
        return redirect(url_for("admin.visit", visit_id=visit.id))
    return render_template(
        "admin/form.html", form=form, page_title=_("New visit"), cancel_url=url_for("admin.visits")
    )


def _render_visit(visit, **forms):
    report = clash_report()
    keys = {itinerary_key(item.id) for item in visit.itinerary}
    clashes = [c for c in report.clashes if keys & set(c.item_keys)]
    member_form = forms.get("member_form") or ListedPersonForm(prefix="member")
    host_form = forms.get("host_form") or ListedPersonForm(prefix="host")
    for form in (member_form, host_form):
        form.person_id.choices = person_choices()
    return render_template(
        "admin/visits/visit.html",
        visit=visit,
        member_form=member_form,
        host_form=host_form,
        press_form=forms.get("press_form") or PressContactForm(prefix="press"),
        warnings=clash_text.warnings(clashes, report),
        page_title=pick_language(visit.title),
    )


@routes.route("/visits/<int:visit_id>/")
@organiser_required
def visit(visit_id: int):
    return _render_visit(run(lambda: visit_service.get_visit(visit_id)))


@routes.route("/visits/<int:visit_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_visit(visit_id: int):
    visit = run(lambda: visit_service.get_visit(visit_id))
    form = _visit_form(data=visit_service.visit_form_data(visit))
    if submit(
        form, lambda: visit_service.update_visit(visit_id, values(form, visit_service.VisitData))
    ):
        flash(_("Visit saved."), "success")
        return redirect(url_for("admin.visit", visit_id=visit_id))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Edit visit"),
        intro=_("Times are local to the visit's time zone."),
        cancel_url=url_for("admin.visit", visit_id=visit_id),
    )


@routes.route("/visits/<int:visit_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_visit(visit_id: int):
    visit = run(lambda: visit_service.get_visit(visit_id))
    form = ConfirmForm()
    if submit(form, lambda: visit_service.delete_visit(visit_id) or True):
        flash(_("Visit deleted."), "success")
        return redirect(url_for("admin.visits"))
    return confirm_delete(
        pick_language(visit.title),
        visit_service.visit_dependents(visit_id),
        form,
        url_for("admin.visit", visit_id=visit_id),
    )


@routes.route("/visits/<int:visit_id>/<any(members, hosts):kind>", methods=["POST"])
@organiser_required
def add_listed_person(visit_id: int, kind: str):
    visit = run(lambda: visit_service.get_visit(visit_id))
    prefix = "member" if kind == "members" else "host"
    form = ListedPersonForm(prefix=prefix)
    form.person_id.choices = person_choices()
    add = visit_service.add_member if kind == "members" else visit_service.add_host
    if submit(form, lambda: add(visit_id, form.person_id.data, form.role.data) or True):
        return redirect(url_for("admin.visit", visit_id=visit_id) + f"#{kind}")
    return _render_visit(visit, **{f"{prefix}_form": form})


@routes.route("/visits/<any(members, hosts, press):kind>/<int:row_id>/remove", methods=["POST"])
@organiser_required
def remove_listed(kind: str, row_id: int):
    visit_id = submit(ConfirmForm(), lambda: visit_service.remove_listed(LISTED[kind], row_id))
    if visit_id is None:
        return redirect(request.referrer or url_for("admin.visits"))
    return redirect(url_for("admin.visit", visit_id=visit_id) + f"#{kind}")


@routes.route(
    "/visits/<any(members, hosts):kind>/<int:row_id>/move/<any(up, down):direction>",
    methods=["POST"],
)
@organiser_required
def move_listed(kind: str, row_id: int, direction: str):
    step = -1 if direction == "up" else 1
    visit_id = submit(ConfirmForm(), lambda: visit_service.move_listed(LISTED[kind], row_id, step))
    if visit_id is None:
        return redirect(request.referrer or url_for("admin.visits"))
    return redirect(url_for("admin.visit", visit_id=visit_id) + f"#{kind}")


@routes.route("/visits/<int:visit_id>/press", methods=["POST"])
@organiser_required
def add_press_contact(visit_id: int):
    visit = run(lambda: visit_service.get_visit(visit_id))
    form = PressContactForm(prefix="press")
    if submit(
        form,
        lambda: visit_service.add_press_contact(
            visit_id, values(form, visit_service.PressContactData)
        ),
    ):
        return redirect(url_for("admin.visit", visit_id=visit_id) + "#press")
    return _render_visit(visit, press_form=form)


# -- itinerary -------------------------------------------------------------------------


def _itinerary_form(**kwargs) -> ItineraryForm:
    form = ItineraryForm(**kwargs)
    form.participant_ids.choices = person_choices(empty=False)
    return form


@routes.route("/visits/<int:visit_id>/itinerary/new", methods=["GET", "POST"])
@organiser_required
def new_itinerary_item(visit_id: int):
    visit = run(lambda: visit_service.get_visit(visit_id))
    arrival_day = visit.arrives_at.astimezone(get_zone(visit.timezone)).date()
    form = _itinerary_form(data={"day": arrival_day})
    if submit(
        form,
        lambda: visit_service.add_itinerary_item(
            visit_id, values(form, visit_service.ItineraryData)
        ),
    ):
        flash(_("Itinerary item added."), "success")
        return redirect(url_for("admin.visit", visit_id=visit_id) + "#itinerary")
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("New itinerary item"),
        intro=_("Times are local to the visit (%(zone)s).", zone=visit.timezone),
        cancel_url=url_for("admin.visit", visit_id=visit_id),
    )


@routes.route("/itinerary/<int:item_id>/", methods=["GET", "POST"])
@organiser_required
def edit_itinerary_item(item_id: int):
    item = run(lambda: visit_service.get_itinerary_item(item_id))
    visit_id = item.visit_id
    form = _itinerary_form(data=visit_service.itinerary_form_data(item))
    if submit(
        form,
        lambda: visit_service.update_itinerary_item(
            item_id, values(form, visit_service.ItineraryData)
        ),
    ):
        flash(_("Itinerary item saved."), "success")
        return redirect(url_for("admin.visit", visit_id=visit_id) + "#itinerary")
    report = clash_report()
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Itinerary: %(title)s", title=pick_language(item.title)),
        warnings=clash_text.warnings(report.for_item(itinerary_key(item_id)), report),
        cancel_url=url_for("admin.visit", visit_id=visit_id),
        delete_url=url_for("admin.delete_itinerary_item", item_id=item_id),
    )


@routes.route("/itinerary/<int:item_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_itinerary_item(item_id: int):
    item = run(lambda: visit_service.get_itinerary_item(item_id))
    visit_id = item.visit_id
    form = ConfirmForm()
    if submit(form, lambda: visit_service.delete_itinerary_item(item_id)):
        flash(_("Itinerary item deleted."), "success")
        return redirect(url_for("admin.visit", visit_id=visit_id) + "#itinerary")
    return confirm_delete(
        pick_language(item.title), [], form, url_for("admin.visit", visit_id=visit_id)
    )
