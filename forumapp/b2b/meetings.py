"""A matchmaking's active meetings, as its agendas, outcomes and schedule list them."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from forumapp.b2b.models import B2BMeeting, B2BParticipant, BusinessProfile, MeetingStatus
from forumapp.core.extensions import db


def meetings_of(matchmaking_id: int, participant_id: int | None = None) -> list[B2BMeeting]:
    """Active meetings in time order, with everything an agenda shows loaded up front."""
    query = (
        db.select(B2BMeeting)
        .where(
            B2BMeeting.matchmaking_id == matchmaking_id,
            B2BMeeting.status != MeetingStatus.CANCELLED,
        )
        .options(
            selectinload(B2BMeeting.slot),
            selectinload(B2BMeeting.table),
            selectinload(B2BMeeting.interpreter),
            *(
                selectinload(side)
                .selectinload(B2BParticipant.profile)
                .selectinload(BusinessProfile.organisation)
                for side in (B2BMeeting.participant_a, B2BMeeting.participant_b)
            ),
        )
    )
    if participant_id is not None:
        query = query.where(
            (B2BMeeting.participant_a_id == participant_id)
            | (B2BMeeting.participant_b_id == participant_id)
        )
    meetings = db.session.scalars(query).all()
    return sorted(meetings, key=lambda m: (m.slot.starts_at, m.table.position))
