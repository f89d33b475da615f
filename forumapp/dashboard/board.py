"""What an organiser sees first: upcoming forums and visits, open clashes, follow-ups due.

A fixed number of queries whatever the size of the programme (a test holds us to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import selectinload

from forumapp.core.extensions import db
from forumapp.programme.clashes import ClashReport, clash_report
from forumapp.programme.models import Forum
from forumapp.visits.agreement_model import FollowUpAction, FollowUpStatus
from forumapp.visits.models import DelegationVisit

# Follow-ups due within this many days are shown next to the overdue ones.
DUE_SOON = timedelta(days=30)


@dataclass
class OrganiserDashboard:
    today: date
    forums: list[Forum]
    visits: list[DelegationVisit]
    follow_ups: list[FollowUpAction]
    clashes: ClashReport


def organiser_dashboard(today: date | None = None) -> OrganiserDashboard:
    today = today or date.today()
    start_of_today = datetime.combine(today, time(0), tzinfo=UTC)
    forums = db.session.scalars(
        db.select(Forum)
        .where(Forum.end_date >= today)
        .options(selectinload(Forum.venue))
        .order_by(Forum.start_date)
    )
    visits = db.session.scalars(
        db.select(DelegationVisit)
        .where(DelegationVisit.departs_at >= start_of_today)
        .options(selectinload(DelegationVisit.head_of_delegation))
        .order_by(DelegationVisit.arrives_at)
    )
    follow_ups = db.session.scalars(
        db.select(FollowUpAction)
        .where(
            FollowUpAction.status.in_([FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS]),
            FollowUpAction.due_on <= today + DUE_SOON,
        )
        .options(
            selectinload(FollowUpAction.host_owner),
            selectinload(FollowUpAction.visit),
            selectinload(FollowUpAction.forum),
        )
        .order_by(FollowUpAction.due_on)
    )
    # Only clashes still worth fixing: items that have not ended yet.
    return OrganiserDashboard(
        today, list(forums), list(visits), list(follow_ups), clash_report(since=start_of_today)
    )
