"""People and organisations."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.core.localized import pick_language
from forumapp.core.web.admin_support import confirm_delete, run, submit, values
from forumapp.core.web.forms import ConfirmForm
from forumapp.core.web.routes import Routes
from forumapp.people import operations as people_service
from forumapp.people.choices import organisation_choices
from forumapp.people.web.forms import OrganisationForm, PersonForm

routes = Routes()


@routes.route("/people/")
@organiser_required
def people():
    return render_template(
        "admin/people.html", people=people_service.list_people(), page_title=_("People")
    )


@routes.route("/people/new", methods=["GET", "POST"])
@organiser_required
def new_person():
    form = PersonForm()
    form.organisation_id.choices = organisation_choices()
    if submit(form, lambda: people_service.create_person(values(form, people_service.PersonData))):
        flash(_("Person added."), "success")
        return redirect(url_for("admin.people"))
    return render_template(
        "admin/form.html", form=form, page_title=_("New person"), cancel_url=url_for("admin.people")
    )


@routes.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_person(person_id: int):
    person = run(lambda: people_service.get_person(person_id))
    form = PersonForm(data=people_service.person_form_data(person))
    form.organisation_id.choices = organisation_choices()
    if submit(
        form,
        lambda: people_service.update_person(person_id, values(form, people_service.PersonData)),
    ):
        flash(_("Person saved."), "success")
        return redirect(url_for("admin.people"))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Edit %(name)s", name=person.display_name("en")),
        cancel_url=url_for("admin.people"),
    )


@routes.route("/people/<int:person_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_person(person_id: int):
    person = run(lambda: people_service.get_person(person_id))
    form = ConfirmForm()
    if submit(form, lambda: people_service.delete_person(person_id) or True):
        flash(_("Person deleted."), "success")
        return redirect(url_for("admin.people"))
    return confirm_delete(
        person.display_name("en"),
        people_service.person_dependents(person_id),
        form,
        url_for("admin.people"),
    )


@routes.route("/organisations/")
@organiser_required
def organisations():
    return render_template(
        "admin/organisations.html",
        organisations=people_service.list_organisations(),
        page_title=_("Organisations"),
    )


@routes.route("/organisations/new", methods=["GET", "POST"])
@organiser_required
def new_organisation():
    form = OrganisationForm()
    if submit(
        form,
        lambda: people_service.create_organisation(values(form, people_service.OrganisationData)),
    ):
        flash(_("Organisation added."), "success")
        return redirect(url_for("admin.organisations"))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("New organisation"),
        cancel_url=url_for("admin.organisations"),
    )


@routes.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_organisation(organisation_id: int):
    organisation = run(lambda: people_service.get_organisation(organisation_id))
    form = OrganisationForm(data=people_service.organisation_form_data(organisation))
    if submit(
        form,
        lambda: people_service.update_organisation(
            organisation_id, values(form, people_service.OrganisationData)
        ),
    ):
        flash(_("Organisation saved."), "success")
        return redirect(url_for("admin.organisations"))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Edit %(name)s", name=pick_language(organisation.name)),
        cancel_url=url_for("admin.organisations"),
    )


@routes.route("/organisations/<int:organisation_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_organisation(organisation_id: int):
    organisation = run(lambda: people_service.get_organisation(organisation_id))
    form = ConfirmForm()
    if submit(form, lambda: people_service.delete_organisation(organisation_id) or True):
        flash(_("Organisation deleted."), "success")
        return redirect(url_for("admin.organisations"))
    return confirm_delete(
        pick_language(organisation.name),
        people_service.organisation_dependents(organisation_id),
        form,
        url_for("admin.organisations"),
    )
