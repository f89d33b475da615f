"""outbox: mail written with the change it reports, delivered after the commit

Revision ID: 3f6b2a9c8d10
Revises: 7c3d9e1f2a45
Create Date: 2026-12-04 17:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

import forumapp.models.base  # noqa: F401  (custom column types)

# revision identifiers, used by Alembic.
revision = '3f6b2a9c8d10'
down_revision = '7c3d9e1f2a45'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.String(length=255), nullable=False),
    sa.Column('sender', sa.String(length=320), nullable=False),
    sa.Column('recipients', sa.Text(), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('topic', sa.String(length=60), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sending', 'sent', 'failed', name='outboxstatus', native_enum=False, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', forumapp.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lease_until', forumapp.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('sent_at', forumapp.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', forumapp.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', forumapp.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message')),
    sa.UniqueConstraint('message_id', name=op.f('uq_outbox_message_message_id'))
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_message_due', ['status', 'next_attempt_at'], unique=False)


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_due')

    op.drop_table('outbox_message')
