"""api tokens

Revision ID: 5a7e0c1d2b34
Revises: eea20f3e97f7
Create Date: 2026-11-23 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import forumapp.models.base  # noqa: F401  (custom column types)

# revision identifiers, used by Alembic.
revision = '5a7e0c1d2b34'
down_revision = 'eea20f3e97f7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', forumapp.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', forumapp.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', forumapp.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_api_token_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_user_id'))

    op.drop_table('api_token')
