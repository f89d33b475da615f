"""The application factory: configuration, extensions, blueprints and CLI, in one place.

A composition root: it may import every feature. ``forumapp.create_app`` loads this
module lazily, so the plain-Python parts (rules, PDF) load without Flask.
"""

from __future__ import annotations

import os

from flask import Flask

import forumapp.models  # noqa: F401  (the model registry: every table, for migrations and db check)
from forumapp import cli
from forumapp.accounts.web.views import bp as auth_bp
from forumapp.api import views as api_views
from forumapp.b2b.web.views import bp as b2b_bp
from forumapp.core import error_pages, i18n, outbox
from forumapp.core.config import load_config
from forumapp.core.extensions import configure_sqlite, csrf, db, limiter, login_manager, migrate
from forumapp.core.paths import resource_dir
from forumapp.core.unit_of_work import TransactionalFlask
from forumapp.core.web import filters, headers
from forumapp.core.web.pdf_documents import bp as documents_bp
from forumapp.dashboard.views import bp as admin_bp
from forumapp.programme import audit as programme_audit
from forumapp.programme.web import documents as _programme_pdfs  # noqa: F401  (adds its routes)
from forumapp.programme.web.public.views import bp as public_bp
from forumapp.visits import audit as visit_audit
from forumapp.visits.web import documents as _visit_pdfs  # noqa: F401  (adds its routes)
from forumapp.visits.web import public as _visit_pages  # noqa: F401  (adds its routes)


def create_app(config: dict | None = None) -> Flask:
    """Application factory: configuration, extensions, blueprints, CLI.

    ``config`` overrides everything else (tests use it).
    """
    app = TransactionalFlask(
        # The package's name, as before create_app moved here: app.name and app.logger
        # stay "forumapp", and Flask finds the package folder from it.
        "forumapp",
        # Where instance/config.py, the SQLite file and the generated secret key live;
        # a checkout uses ./instance, an installed copy <prefix>/var/forumapp-instance.
        instance_path=os.environ.get("FORUMAPP_INSTANCE_PATH") or None,
        instance_relative_config=True,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    load_config(app, config)
    # What the audit log records: each feature says which of its rows it tracks.
    programme_audit.register()
    visit_audit.register()

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(resource_dir("migrations")), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    headers.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    error_pages.init_app(app)
    outbox.init_app(app)
    filters.init_app(app)

    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(b2b_bp, url_prefix="/b2b")
    app.register_blueprint(documents_bp)
    api_views.init_app(app)  # /api/v1 (CSRF-exempt: bearer tokens only)

    cli.register_commands(app)
    return app
