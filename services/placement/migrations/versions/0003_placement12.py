"""occupations (KldB 2010), imported BA Jobsuche vacancies, placement profiles

Revision ID: 0003_placement12
Revises: 0002
Create Date: 2026-12-01 23:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0003_placement12'
down_revision: str | Sequence[str] | None = "0003_employment_kind"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('vacancies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kldb_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True))
        batch_op.add_column(sa.Column('refnr', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True))
        batch_op.create_index(batch_op.f('ix_vacancies_kldb_code'), ['kldb_code'], unique=False)
        batch_op.add_column(sa.Column('entry_date', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_vacancies_refnr'), ['refnr'], unique=True)
        # Imported vacancies may not say their hours, start time or pay.
        batch_op.alter_column('weekly_hours', existing_type=sa.Numeric(precision=5, scale=2), nullable=True)
        batch_op.alter_column('daily_start', existing_type=sa.Time(), nullable=True)
        batch_op.alter_column('gross_monthly_pay', existing_type=sa.Numeric(precision=12, scale=2), nullable=True)

    op.create_table('placement_profiles',
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('target_occupations', sa.JSON(), nullable=False),
    sa.Column('qualifications', sa.JSON(), nullable=False),
    sa.Column('driving_licences', sa.JSON(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('residence_postcode', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('commute_mode', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('max_commute_minutes', sa.Integer(), nullable=True),
    sa.Column('apprenticeship_seeker', sa.Boolean(), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('school_year', sa.Integer(), nullable=True),
    sa.Column('expected_leaving_date', sa.Date(), nullable=True),
    sa.Column('seeking_since', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.PrimaryKeyConstraint('client_id')
    )
    with op.batch_alter_table('placement_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placement_profiles_apprenticeship_seeker'), ['apprenticeship_seeker'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('placement_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placement_profiles_apprenticeship_seeker'))
    op.drop_table('placement_profiles')
    with op.batch_alter_table('vacancies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vacancies_refnr'))
        batch_op.drop_column('entry_date')
        batch_op.drop_index(batch_op.f('ix_vacancies_kldb_code'))
        batch_op.drop_column('refnr')
        batch_op.drop_column('kldb_code')
