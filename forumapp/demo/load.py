"""Load the demo data set: one forum, one delegation visit, one organiser account.

Idempotent: each data set is keyed by its slug and skipped when present, so a
second run changes nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from forumapp.accounts import operations as accounts
from forumapp.accounts.models import User, UserRole
from forumapp.core.extensions import db
from forumapp.core.unit_of_work import saved
from forumapp.demo import b2b as demo_b2b
from forumapp.demo import forum as demo_forum
from forumapp.demo import visit as demo_visit
from forumapp.programme import releases
from forumapp.programme.models import Forum
from forumapp.visits.models import DelegationVisit

DEMO_ORGANISER_EMAIL = "organiser@example.org"


@dataclass
class DemoReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    organiser_password: str | None = None  # set only when the account was created now
    company_password: str | None = None  # the two demo company accounts, when created now


def load_demo(organiser_password: str | None = None) -> DemoReport:
    report = DemoReport()
    forum_exists = db.session.scalar(db.select(Forum.id).where(Forum.slug == demo_forum.SLUG))
    if forum_exists:
        report.skipped.append(f"forum {demo_forum.SLUG}")
    else:
        forum = demo_forum.load()
        db.session.flush()
        report.loaded.append(f"forum {demo_forum.SLUG}")

    visit_exists = db.session.scalar(
        db.select(DelegationVisit.id).where(DelegationVisit.slug == demo_visit.SLUG)
    )
    if visit_exists:
        report.skipped.append(f"visit {demo_visit.SLUG}")
    else:
        demo_visit.load()
        report.loaded.append(f"visit {demo_visit.SLUG}")
    saved()
    if not forum_exists:
        releases.publish(forum.id, "Programme as announced (press release of 5 Dec 2023)")
    b2b_report = demo_b2b.load(organiser_password)
    report.company_password = getattr(b2b_report, "company_password", None)

    if accounts.email_taken(DEMO_ORGANISER_EMAIL):
        report.skipped.append(f"user {DEMO_ORGANISER_EMAIL}")
    else:
        password = organiser_password or secrets.token_urlsafe(12)
        accounts.create_user(
            DEMO_ORGANISER_EMAIL, password, UserRole.ORGANISER, display_name="Demo organiser"
        )
        report.loaded.append(f"user {DEMO_ORGANISER_EMAIL}")
        report.organiser_password = password
    return report


def demo_user() -> User | None:
    return db.session.scalar(db.select(User).where(User.email == DEMO_ORGANISER_EMAIL))
