"""The public blueprint (``forumapp.core.web.public_blueprint``) and what programme's pages
add to every public page: role and kind names, a list's links."""

from forumapp.core.web.public_blueprint import bp
from forumapp.programme.labels import kind_label, role_label

__all__ = ["bp"]


@bp.context_processor
def label_helpers() -> dict:
    from forumapp.programme.web.public.links import PageLinks

    return {"role_label": role_label, "kind_label": kind_label, "page_links": PageLinks()}
