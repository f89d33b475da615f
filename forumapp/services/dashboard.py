"""What an organiser sees first: upcoming forums and visits, follow-ups due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import selectinload

from forumapp.extensions import db
from forumapp.models import DelegationVisit, FollowUpAction, FollowUpStatus, Forum


@dataclass
class OrganiserDashboard:
    today: date
    forums: list[Forum]
    visits: list[DelegationVisit]
    follow_ups: list[FollowUpAction]


def organiser_dashboard(today: date | None = None) -> OrganiserDashboard:
    today = today or date.today()
    forums = db.session.scalars(
        db.select(Forum).options(selectinload(Forum.venue)).order_by(Forum.start_date.desc())
    )
    visits = db.session.scalars(
        db.select(DelegationVisit)
        .options(selectinload(DelegationVisit.head_of_delegation))
        .order_by(DelegationVisit.arrives_at.desc())
    )
    follow_ups = db.session.scalars(
        db.select(FollowUpAction)
        .where(FollowUpAction.status.in_([FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS]))
        .options(
            selectinload(FollowUpAction.host_owner),
            selectinload(FollowUpAction.visit),
            selectinload(FollowUpAction.forum),
        )
        .order_by(FollowUpAction.due_on)
    )
    return OrganiserDashboard(today, list(forums), list(visits), list(follow_ups))
