"""What the audit log records of visits: delegation visits and agreements."""

from __future__ import annotations

from forumapp.core import audit
from forumapp.visits.agreement_model import Agreement
from forumapp.visits.models import DelegationVisit


def register() -> None:
    audit.track(DelegationVisit, "visit")
    audit.track(Agreement, "agreement")
