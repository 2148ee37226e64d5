"""employers' relations: contact persons, contacts, partnerships, company visits, internships; unpublished vacancies

Revision ID: 0004_employers12
Revises: 0004_pipeline12
Create Date: 2026-12-02 03:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004_employers12"
down_revision: str | Sequence[str] | None = "0004_pipeline12"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sqlmodel.sql.sqltypes.AutoString
MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        # Every vacancy so far was published: the hidden job market starts with this revision.
        batch_op.add_column(sa.Column("published", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column("source_contact_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_vacancies_published"), ["published"], unique=False)

    op.create_table(
        "employer_contact_persons",
        sa.Column("contact_person_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        # name, role, phone and e-mail as one JSON object, sealed with placement's key ring and bound to the row's id
        sa.Column("sealed_details", sa.Text(), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("created_by", S(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.employer_id"],
        ),
        sa.PrimaryKeyConstraint("contact_person_id"),
    )
    op.create_index(op.f("ix_employer_contact_persons_employer_id"), "employer_contact_persons", ["employer_id"])

    op.create_table(
        "employer_contacts",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", S(length=50), nullable=False),
        sa.Column("contact_on", sa.Date(), nullable=False),
        sa.Column("kind", S(length=20), nullable=False),
        sa.Column("note", S(length=2000), nullable=False),
        sa.Column("staff_id", S(length=100), nullable=False),
        sa.Column("contact_person_id", sa.Uuid(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", MOMENT, nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            ["employer_contact_persons.contact_person_id"],
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.employer_id"],
        ),
        sa.PrimaryKeyConstraint("contact_id"),
    )
    op.create_index(op.f("ix_employer_contacts_employer_id"), "employer_contacts", ["employer_id"])
    op.create_index(op.f("ix_employer_contacts_office_id"), "employer_contacts", ["office_id"])
    op.create_index(op.f("ix_employer_contacts_follow_up_on"), "employer_contacts", ["follow_up_on"])

    op.create_table(
        "employer_partnerships",
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("program_id", S(length=50), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("updated_at", MOMENT, nullable=False),
        sa.Column("updated_by", S(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.employer_id"],
        ),
        sa.PrimaryKeyConstraint("partnership_id"),
        sa.UniqueConstraint("employer_id", "program_id", name="uq_employer_partnerships_programme"),
    )
    op.create_index(op.f("ix_employer_partnerships_employer_id"), "employer_partnerships", ["employer_id"])

    op.create_table(
        "company_visits",
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", S(length=50), nullable=False),
        sa.Column("program_id", S(length=50), nullable=False),
        sa.Column("visit_on", sa.Date(), nullable=False),
        sa.Column("scheduled_at", MOMENT, nullable=False),
        sa.Column("scheduled_by", S(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.employer_id"],
        ),
        sa.PrimaryKeyConstraint("visit_id"),
    )
    op.create_index(op.f("ix_company_visits_employer_id"), "company_visits", ["employer_id"])
    op.create_index(op.f("ix_company_visits_office_id"), "company_visits", ["office_id"])

    op.create_table(
        "company_visit_guests",
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("attendance", S(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["company_visits.visit_id"],
        ),
        sa.PrimaryKeyConstraint("visit_id", "client_id"),
    )
    op.create_index(op.f("ix_company_visit_guests_client_id"), "company_visit_guests", ["client_id"])

    op.create_table(
        "internships",
        sa.Column("internship_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("employer_id", sa.Uuid(), nullable=False),
        sa.Column("office_id", S(length=50), nullable=False),
        sa.Column("program_id", S(length=50), nullable=False),
        sa.Column("kind", S(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("outcome", S(length=20), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("arranged_at", MOMENT, nullable=False),
        sa.Column("arranged_by", S(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.employer_id"],
        ),
        sa.PrimaryKeyConstraint("internship_id"),
    )
    op.create_index(op.f("ix_internships_client_id"), "internships", ["client_id"])
    op.create_index(op.f("ix_internships_employer_id"), "internships", ["employer_id"])
    op.create_index(op.f("ix_internships_office_id"), "internships", ["office_id"])


def downgrade() -> None:
    for table in (
        "internships",
        "company_visit_guests",
        "company_visits",
        "employer_partnerships",
        "employer_contacts",
        "employer_contact_persons",
    ):
        op.drop_table(table)
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancies_published"))
        batch_op.drop_column("source_contact_id")
        batch_op.drop_column("published")
