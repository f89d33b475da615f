"""A signed-in user's personal API tokens: create one (its secret is shown once), see
which exist and when each was last used, revoke one. Organisers and companies alike:
a token acts with its owner's role and sees only what its owner may see."""

from __future__ import annotations

from flask import Response, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forumapp.accounts import tokens as api_tokens
from forumapp.accounts.web.forms import NewTokenForm, RevokeTokenForm
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.unit_of_work import discard
from forumapp.core.web.routes import Routes

routes = Routes()


def _page(form: NewTokenForm, secret: str | None = None) -> Response:
    # A refused form comes back with its message beside the field (200, as elsewhere).
    response = make_response(
        render_template(
            "account/tokens.html",
            form=form,
            revoke_form=RevokeTokenForm(),
            tokens=api_tokens.tokens_of(current_user),
            secret=secret,
        )
    )
    # The page may show a secret: no browser or proxy cache may keep a copy.
    response.headers["Cache-Control"] = "no-store"
    return response


@routes.route("/account/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form = NewTokenForm()
    if form.validate_on_submit():
        try:
            created = api_tokens.create_token(current_user, form.name.data)
        except ServiceError as error:
            discard()
            form.name.errors.append(error.message)
            return _page(form)
        # Shown on this response only: the database keeps a hash, nothing to show later.
        return _page(NewTokenForm(formdata=None), secret=created.secret)
    return _page(form)


@routes.route("/account/tokens/revoke", methods=["POST"])
@login_required
def revoke_token():
    form = RevokeTokenForm()
    try:
        if not form.validate_on_submit():
            raise NotFound(_("No such token."))
        token = api_tokens.revoke_token(form.token_id.data, owner=current_user)
        flash(_("Token “%(name)s” revoked.", name=token.name), "info")
    except NotFound:
        discard()
        flash(_("No such token."), "error")
    return redirect(url_for("auth.tokens"))
