"""Background jobs: what was started, how far it got and what came of it.

The row is the single source of truth for the progress page whether the job runs in
a thread of the web process or in an RQ worker on another machine: the runner writes
progress and the result here, pages only read it. The id doubles as the RQ job id.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from forumapp.core.models import Base, TimestampMixin, UTCDateTime, enum_column, json_type


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"


def new_job_id() -> str:
    return uuid.uuid4().hex


# A job is live while queued or running; at most one live job per subject.
LIVE = "status IN ('queued', 'running')"


class BackgroundJob(TimestampMixin, Base):
    __tablename__ = "background_job"
    __table_args__ = (
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_percent"),
        # Two organisers pressing "run" at the same instant: the database, not a
        # check-then-insert, makes sure only one job starts (see services.jobs.start).
        Index(
            "uq_background_job_live_subject",
            "subject",
            unique=True,
            sqlite_where=text(LIVE),
            postgresql_where=text(LIVE),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_job_id)
    kind: Mapped[str] = mapped_column(String(60))  # a name registered in services.jobs
    # What the job works on ("matchmaking:5"): one active job per subject.
    subject: Mapped[str] = mapped_column(String(80), index=True)
    params: Mapped[dict[str, Any]] = mapped_column(json_type(), default=dict)
    status: Mapped[JobStatus] = mapped_column(enum_column(JobStatus), default=JobStatus.QUEUED)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent
    message: Mapped[str] = mapped_column(String(200), default="")
    result: Mapped[dict[str, Any] | None] = mapped_column(json_type())
    error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Written with every progress report; a running job whose heartbeat is old
    # died with its process (a restarted web server, a killed worker).
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def done(self) -> bool:
        return self.status in (JobStatus.FINISHED, JobStatus.FAILED)
