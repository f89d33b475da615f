"""Bulk import and export of people and organisations: upload, preview, confirm."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forumapp.accounts.permissions import organiser_required
from forumapp.core.errors import ServiceError
from forumapp.core.unit_of_work import discard
from forumapp.core.web.forms import ConfirmForm
from forumapp.core.web.routes import Routes
from forumapp.people import importer as people_import
from forumapp.people.table import TableKind, header
from forumapp.people.web import upload_stash
from forumapp.people.web.import_forms import ImportUploadForm

routes = Routes()


DEFAULT_IMPORT_MAX_BYTES = 2 * 1024 * 1024
# How many rows a preview lists; a longer file is summed up in the counts.
PREVIEW_ROWS_SHOWN = 500
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _list_url(kind: str) -> str:
    return url_for("admin.people" if kind == TableKind.PEOPLE else "admin.organisations")


@routes.route("/imports/", methods=["GET", "POST"])
@organiser_required
def imports():
    form = ImportUploadForm(kind=request.args.get("kind", "people"))
    if form.validate_on_submit():
        limit = current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_IMPORT_MAX_BYTES)
        data = form.file.data.read(limit + 1)
        if len(data) > limit:
            form.file.errors.append(
                _("The file is larger than %(size)s MB.", size=round(limit / 1024 / 1024, 1))
            )
        else:
            token = upload_stash.stash(
                form.kind.data, form.file.data.filename or "", data, current_user.id
            )
            return redirect(url_for("admin.import_preview", token=token))
    return render_template(
        "admin/imports.html",
        form=form,
        columns={kind.value: header(kind) for kind in TableKind},
        page_title=_("Import and export"),
    )


def _upload_or_404(token: str) -> upload_stash.StashedUpload:
    upload = upload_stash.load(token, current_user.id)
    if upload is None:
        abort(404)
    return upload


def _render_preview(upload, preview, form):
    # Rows that would change or have a problem; unchanged ones are only counted.
    shown = [r for r in preview.rows if r.errors or r.action != people_import.Action.UNCHANGED]
    shown = shown[:PREVIEW_ROWS_SHOWN]
    return render_template(
        "admin/imports_preview.html",
        upload=upload,
        preview=preview,
        shown_rows=shown,
        hidden_rows=len(preview.rows) - len(shown),
        form=form,
        page_title=_("Check the import"),
    )


@routes.route("/imports/<token>")
@organiser_required
def import_preview(token: str):
    upload = _upload_or_404(token)
    preview = people_import.preview_import(upload.kind, upload.data, upload.filename)
    return _render_preview(upload, preview, ConfirmForm())


@routes.route("/imports/<token>/apply", methods=["POST"])
@organiser_required
def import_apply(token: str):
    upload = _upload_or_404(token)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        preview = people_import.apply_import(upload.kind, upload.data, upload.filename)
    except people_import.ImportRefused as refused:
        discard()
        # The address book changed since the preview (an e-mail taken meanwhile, say).
        flash(_("Nothing was imported: the file has problems now."), "error")
        return _render_preview(upload, refused.preview, form)
    except ServiceError as error:
        discard()
        flash(error.message, "error")
        return redirect(url_for("admin.import_preview", token=token))
    upload_stash.discard(token)
    flash(
        _(
            "Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.",
            created=preview.count("create"),
            updated=preview.count("update"),
            unchanged=preview.count("unchanged"),
        ),
        "success",
    )
    return redirect(_list_url(upload.kind))


@routes.route("/exports/<kind>.<fmt>")
@organiser_required
def export_people(kind: str, fmt: str):
    if kind not in {k.value for k in TableKind} or fmt not in EXPORT_TYPES:
        abort(404)
    data = people_import.export_table(kind, fmt)
    response = current_app.response_class(data, mimetype=EXPORT_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{kind}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response
