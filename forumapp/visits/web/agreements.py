"""Agreements with their parties, and follow-up actions."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.core.localized import pick_language
from forumapp.core.web.admin_support import confirm_delete, run, submit, values
from forumapp.core.web.forms import ConfirmForm
from forumapp.core.web.routes import Routes
from forumapp.people.choices import organisation_choices, person_choices
from forumapp.programme.choices import forum_choices
from forumapp.visits import agreements as agreement_service
from forumapp.visits.choices import agreement_choices, visit_choices
from forumapp.visits.web.agreement_forms import AgreementForm, FollowUpForm, PartyForm

routes = Routes()


def _agreement_form(**kwargs) -> AgreementForm:
    form = AgreementForm(**kwargs)
    form.visit_id.choices = visit_choices()
    form.forum_id.choices = forum_choices()
    return form


def _party_form() -> PartyForm:
    form = PartyForm(prefix="party")
    form.organisation_id.choices = organisation_choices()
    form.signatory_id.choices = person_choices()
    return form


@routes.route("/agreements/")
@organiser_required
def agreements():
    return render_template(
        "admin/agreements/list.html",
        agreements=agreement_service.list_agreements(),
        page_title=_("Agreements"),
    )


@routes.route("/agreements/new", methods=["GET", "POST"])
@organiser_required
def new_agreement():
    form = _agreement_form(
        data={
            "visit_id": request.args.get("visit_id", type=int),
            "forum_id": request.args.get("forum_id", type=int),
        }
    )
    agreement = submit(
        form,
        lambda: agreement_service.create_agreement(values(form, agreement_service.AgreementData)),
    )
    if agreement:
        flash(_("Agreement created. Add its parties below."), "success")
        return redirect(url_for("admin.agreement", agreement_id=agreement.id))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("New agreement"),
        cancel_url=url_for("admin.agreements"),
    )


@routes.route("/agreements/<int:agreement_id>/", methods=["GET", "POST"])
@organiser_required
def agreement(agreement_id: int):
    agreement = run(lambda: agreement_service.get_agreement(agreement_id))
    form = _agreement_form(data=agreement_service.agreement_form_data(agreement))
    if submit(
        form,
        lambda: agreement_service.update_agreement(
            agreement_id, values(form, agreement_service.AgreementData)
        ),
    ):
        flash(_("Agreement saved."), "success")
        return redirect(url_for("admin.agreement", agreement_id=agreement_id))
    agreement = run(lambda: agreement_service.get_agreement(agreement_id))
    return render_template(
        "admin/agreements/agreement.html",
        agreement=agreement,
        form=form,
        party_form=_party_form(),
        page_title=pick_language(agreement.title),
    )


@routes.route("/agreements/<int:agreement_id>/parties", methods=["POST"])
@organiser_required
def add_party(agreement_id: int):
    agreement = run(lambda: agreement_service.get_agreement(agreement_id))
    party_form = _party_form()
    if submit(
        party_form,
        lambda: (
            agreement_service.add_party(
                agreement_id, party_form.organisation_id.data, party_form.signatory_id.data
            )
            or True
        ),
    ):
        return redirect(url_for("admin.agreement", agreement_id=agreement_id) + "#parties")
    agreement = run(lambda: agreement_service.get_agreement(agreement_id))
    return render_template(
        "admin/agreements/agreement.html",
        agreement=agreement,
        form=_agreement_form(data=agreement_service.agreement_form_data(agreement), formdata=None),
        party_form=party_form,
        page_title=pick_language(agreement.title),
    )


@routes.route("/agreement-parties/<int:party_id>/remove", methods=["POST"])
@organiser_required
def remove_party(party_id: int):
    agreement_id = submit(ConfirmForm(), lambda: agreement_service.remove_party(party_id))
    if agreement_id is None:
        return redirect(request.referrer or url_for("admin.agreements"))
    return redirect(url_for("admin.agreement", agreement_id=agreement_id) + "#parties")


@routes.route("/agreements/<int:agreement_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_agreement(agreement_id: int):
    agreement = run(lambda: agreement_service.get_agreement(agreement_id))
    form = ConfirmForm()
    if submit(form, lambda: agreement_service.delete_agreement(agreement_id) or True):
        flash(_("Agreement deleted."), "success")
        return redirect(url_for("admin.agreements"))
    return confirm_delete(
        pick_language(agreement.title),
        agreement_service.agreement_dependents(agreement_id),
        form,
        url_for("admin.agreement", agreement_id=agreement_id),
    )


# -- follow-up actions -----------------------------------------------------------------


def _follow_up_form(**kwargs) -> FollowUpForm:
    form = FollowUpForm(**kwargs)
    form.host_owner_id.choices = person_choices()
    form.partner_owner_id.choices = person_choices()
    form.visit_id.choices = visit_choices()
    form.forum_id.choices = forum_choices()
    form.agreement_id.choices = agreement_choices()
    return form


@routes.route("/follow-ups/")
@organiser_required
def follow_ups():
    return render_template(
        "admin/agreements/follow_ups.html",
        follow_ups=agreement_service.list_follow_ups(),
        today=date.today(),
        page_title=_("Follow-up actions"),
    )


@routes.route("/follow-ups/new", methods=["GET", "POST"])
@organiser_required
def new_follow_up():
    form = _follow_up_form(
        data={
            "agreement_id": request.args.get("agreement_id", type=int),
            "visit_id": request.args.get("visit_id", type=int),
        }
    )
    if submit(
        form,
        lambda: agreement_service.create_follow_up(values(form, agreement_service.FollowUpData)),
    ):
        flash(_("Follow-up action added."), "success")
        return redirect(url_for("admin.follow_ups"))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("New follow-up action"),
        cancel_url=url_for("admin.follow_ups"),
    )


@routes.route("/follow-ups/<int:follow_up_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_follow_up(follow_up_id: int):
    action = run(lambda: agreement_service.get_follow_up(follow_up_id))
    form = _follow_up_form(data=agreement_service.follow_up_form_data(action))
    if submit(
        form,
        lambda: agreement_service.update_follow_up(
            follow_up_id, values(form, agreement_service.FollowUpData)
        ),
    ):
        flash(_("Follow-up action saved."), "success")
        return redirect(url_for("admin.follow_ups"))
    return render_template(
        "admin/form.html",
        form=form,
        page_title=_("Edit follow-up action"),
        cancel_url=url_for("admin.follow_ups"),
    )


@routes.route("/follow-ups/<int:follow_up_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_follow_up(follow_up_id: int):
    action = run(lambda: agreement_service.get_follow_up(follow_up_id))
    form = ConfirmForm()
    if submit(form, lambda: agreement_service.delete_follow_up(follow_up_id) or True):
        flash(_("Follow-up action deleted."), "success")
        return redirect(url_for("admin.follow_ups"))
    return confirm_delete(pick_language(action.title), [], form, url_for("admin.follow_ups"))
