"""one live job per subject

Revision ID: 7c3d9e1f2a45
Revises: 5a7e0c1d2b34
Create Date: 2026-11-24 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '7c3d9e1f2a45'
down_revision = '5a7e0c1d2b34'
branch_labels = None
depends_on = None

LIVE = "status IN ('queued', 'running')"


def upgrade():
    # Before this index two simultaneous starts could leave two live jobs on one
    # subject; all but the newest are retired so the index can be built.
    op.execute(
        f"""
        UPDATE background_job
        SET status = 'failed', error = 'Superseded by a newer job on the same subject.'
        WHERE {LIVE} AND EXISTS (
            SELECT 1 FROM background_job AS newer
            WHERE newer.subject = background_job.subject
              AND newer.status IN ('queued', 'running')
              AND (newer.created_at > background_job.created_at
                   OR (newer.created_at = background_job.created_at
                       AND newer.id > background_job.id))
        )
        """
    )
    op.create_index(
        'uq_background_job_live_subject',
        'background_job',
        ['subject'],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )


def downgrade():
    op.drop_index('uq_background_job_live_subject', table_name='background_job')
