"""The application factory: configuration, extensions, blueprints and CLI, in one place.

A composition root: it may import every feature. ``forumapp.create_app`` loads this
module lazily, so the plain-Python parts (rules, PDF) load without Flask.
"""

from __future__ import annotations

import os

from flask import Flask

import forumapp.models  # noqa: F401  (the model registry: every table, for migrations and db check)
from forumapp import cli
from forumapp.accounts.web import tokens as account_tokens
from forumapp.accounts.web import views as sign_in
from forumapp.api import views as api_views
from forumapp.b2b.web import documents as b2b_documents
from forumapp.b2b.web import organiser as b2b_organiser
from forumapp.b2b.web import organiser_outcomes as b2b_outcomes
from forumapp.b2b.web import organiser_runs as b2b_runs
from forumapp.b2b.web import views as b2b_pages
from forumapp.core import error_pages, i18n, outbox
from forumapp.core.config import load_config
from forumapp.core.extensions import configure_sqlite, csrf, db, limiter, login_manager, migrate
from forumapp.core.paths import resource_dir
from forumapp.core.unit_of_work import TransactionalFlask
from forumapp.core.web import filters, headers
from forumapp.core.web.admin_blueprint import admin_blueprint
from forumapp.core.web.pdf_documents import documents_blueprint
from forumapp.core.web.public_blueprint import public_blueprint
from forumapp.core.web.routes import blueprint
from forumapp.dashboard import outbox as outbox_pages
from forumapp.dashboard import views as dashboard
from forumapp.people.web import imports as people_imports
from forumapp.people.web import views as people_pages
from forumapp.programme import audit as programme_audit
from forumapp.programme.web import documents as programme_documents
from forumapp.programme.web.admin import forums, programme, sessions, venues
from forumapp.programme.web.public import feeds, my_schedule
from forumapp.programme.web.public import views as programme_pages
from forumapp.visits import audit as visit_audit
from forumapp.visits.web import agreements, visits
from forumapp.visits.web import documents as visit_documents
from forumapp.visits.web import public as visit_pages


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

    register_blueprints(app)
    api_views.init_app(app)  # /api/v1 (CSRF-exempt: bearer tokens only)

    cli.register_commands(app)
    return app


def register_blueprints(app: Flask) -> None:
    """Each blueprint with the route tables of the page modules it carries (URL prefix,
    blueprint name and view name make the endpoint: ``admin.forum``, ``public.session``)."""
    app.register_blueprint(
        public_blueprint(
            programme_pages.routes, feeds.routes, my_schedule.routes, visit_pages.routes
        )
    )
    app.register_blueprint(
        blueprint("auth", sign_in.__name__, sign_in.routes, account_tokens.routes)
    )
    app.register_blueprint(
        admin_blueprint(
            dashboard.routes,
            outbox_pages.routes,
            people_pages.routes,
            people_imports.routes,
            forums.routes,
            programme.routes,
            sessions.routes,
            venues.routes,
            agreements.routes,
            visits.routes,
        ),
        url_prefix="/admin",
    )
    app.register_blueprint(
        blueprint(
            "b2b",
            b2b_pages.__name__,
            b2b_pages.routes,
            b2b_documents.routes,
            b2b_organiser.routes,
            b2b_outcomes.routes,
            b2b_runs.routes,
        ),
        url_prefix="/b2b",
    )
    app.register_blueprint(documents_blueprint(programme_documents.routes, visit_documents.routes))
