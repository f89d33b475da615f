"""Typed SQLAlchemy models, one module per area. Importing this package registers them all."""

from forumapp.models.agreement import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    FollowUpAction,
    FollowUpStatus,
)
from forumapp.models.audit import AuditEntry
from forumapp.models.base import Base
from forumapp.models.forum import (
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
from forumapp.models.organisation import Organisation, OrganisationKind, Person
from forumapp.models.release import Release
from forumapp.models.user import User, UserRole
from forumapp.models.visit import (
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
    "AuditEntry",
    "Base",
    "DelegationVisit",
    "FollowUpAction",
    "FollowUpStatus",
    "Forum",
    "ForumDay",
    "ForumOrganiser",
    "ForumStatus",
    "ItineraryItem",
    "ItineraryKind",
    "ItineraryParticipant",
    "Organisation",
    "OrganisationKind",
    "OrganiserRole",
    "Person",
    "PressContact",
    "Release",
    "Room",
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
