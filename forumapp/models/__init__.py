"""The model registry: importing it registers every feature's tables (composition roots only).

Features import their own models module (``forumapp.b2b.models``...), never this one; the app
factory imports it so migrations and ``forumapp db check`` see every table. ``base`` re-exports
``forumapp.core.models`` for the migrations, which import it by that name.
"""

from forumapp.accounts.models import User, UserRole
from forumapp.accounts.token_model import ApiToken
from forumapp.b2b.models import (
    B2BInterpreter,
    B2BMeeting,
    B2BParticipant,
    B2BSlot,
    B2BTable,
    BusinessProfile,
    InterpreterUnavailability,
    MatchmakingMode,
    MatchmakingSession,
    MatchmakingStatus,
    MeetingOutcome,
    MeetingRequest,
    MeetingSeat,
    MeetingStatus,
    ParticipantUnavailability,
    RequestPreference,
    RequestStatus,
    Sector,
)
from forumapp.core.audit_model import AuditEntry
from forumapp.core.job_model import BackgroundJob, JobStatus
from forumapp.core.models import Base
from forumapp.core.outbox_model import OutboxMessage, OutboxStatus
from forumapp.people.models import Organisation, OrganisationKind, Person
from forumapp.programme.models import (
    Forum,
    ForumDay,
    ForumOrganiser,
    ForumStatus,
    OrganiserRole,
    Room,
    Session,
    SessionKind,
    SessionRole,
    SessionRoleKind,
    Venue,
)
from forumapp.programme.release_model import Release
from forumapp.visits.agreement_model import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    FollowUpAction,
    FollowUpStatus,
)
from forumapp.visits.models import (
    DelegationVisit,
    ItineraryItem,
    ItineraryKind,
    ItineraryParticipant,
    PressContact,
    VisitHost,
    VisitMember,
    VisitStatus,
)

__all__ = [
    "Agreement",
    "AgreementKind",
    "AgreementParty",
    "AgreementStatus",
    "ApiToken",
    "AuditEntry",
    "B2BInterpreter",
    "B2BMeeting",
    "B2BParticipant",
    "B2BSlot",
    "B2BTable",
    "BackgroundJob",
    "Base",
    "BusinessProfile",
    "DelegationVisit",
    "FollowUpAction",
    "FollowUpStatus",
    "Forum",
    "ForumDay",
    "ForumOrganiser",
    "ForumStatus",
    "InterpreterUnavailability",
    "ItineraryItem",
    "ItineraryKind",
    "ItineraryParticipant",
    "JobStatus",
    "MatchmakingMode",
    "MatchmakingSession",
    "MatchmakingStatus",
    "MeetingOutcome",
    "MeetingRequest",
    "MeetingSeat",
    "MeetingStatus",
    "Organisation",
    "OrganisationKind",
    "OrganiserRole",
    "OutboxMessage",
    "OutboxStatus",
    "ParticipantUnavailability",
    "Person",
    "PressContact",
    "Release",
    "RequestPreference",
    "RequestStatus",
    "Room",
    "Sector",
    "Session",
    "SessionKind",
    "SessionRole",
    "SessionRoleKind",
    "User",
    "UserRole",
    "Venue",
    "VisitHost",
    "VisitMember",
    "VisitStatus",
]
