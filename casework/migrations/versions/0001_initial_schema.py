"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-30 04:14:04.839741
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("target", sa.String(length=100), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"], unique=False)
    op.create_index(op.f("ix_audit_event_target"), "audit_event", ["target"], unique=False)

    op.create_table(
        "beneficiary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("sex", sa.String(length=2), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("town", sa.String(length=30), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=11), nullable=True),
        sa.Column("benefit_group", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beneficiary")),
        sa.UniqueConstraint("year", "id_number", name=op.f("uq_beneficiary_year_id_number")),
    )
    op.create_index(op.f("ix_beneficiary_id_number"), "beneficiary", ["id_number"], unique=False)

    op.create_table(
        "processed_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processed_message")),
        sa.UniqueConstraint(
            "channel", "message_id", name=op.f("uq_processed_message_channel_message_id")
        ),
    )
    op.create_index(
        op.f("ix_processed_message_created_at"), "processed_message", ["created_at"], unique=False
    )

    op.create_table(
        "reference_counter",
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "year", name=op.f("pk_reference_counter")),
    )
    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("api_token_hash", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_user_username")),
    )
    op.create_table(
        "certification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("beneficiary_id", sa.Integer(), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=True),
        sa.Column("actor_relation", sa.String(length=20), nullable=False),
        sa.Column("hukou_place", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=11), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=50), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_certification_beneficiary_id_beneficiary"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certification")),
    )
    op.create_index(op.f("ix_certification_status"), "certification", ["status"], unique=False)
    op.create_index(
        "ix_certification_year_id_number", "certification", ["year", "id_number"], unique=False
    )

    op.create_table(
        "handoff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("person_name", sa.String(length=50), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("town", sa.String(length=30), nullable=True),
        sa.Column("phone", sa.String(length=11), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("certification_id", sa.Integer(), nullable=True),
        sa.Column("assigned_to", sa.String(length=50), nullable=True),
        sa.Column("scheduled_for", sa.Date(), nullable=True),
        sa.Column("slot", sa.String(length=10), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["certification_id"],
            ["certification.id"],
            name=op.f("fk_handoff_certification_id_certification"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff")),
        sa.UniqueConstraint("reference", name=op.f("uq_handoff_reference")),
    )
    op.create_index(op.f("ix_handoff_id_number"), "handoff", ["id_number"], unique=False)
    op.create_index(op.f("ix_handoff_kind"), "handoff", ["kind"], unique=False)
    op.create_index(op.f("ix_handoff_status"), "handoff", ["status"], unique=False)

    op.create_table(
        "scam_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("risk", sa.String(length=10), nullable=False),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=100), nullable=True),
        sa.Column("redacted_text", sa.Text(), nullable=False),
        sa.Column("phrases", sa.JSON(), nullable=False),
        sa.Column("money_lost", sa.Boolean(), nullable=True),
        sa.Column("handoff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["handoff_id"], ["handoff.id"], name=op.f("fk_scam_report_handoff_id_handoff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scam_report")),
        sa.UniqueConstraint("reference", name=op.f("uq_scam_report_reference")),
    )


def downgrade() -> None:
    op.drop_table("scam_report")
    op.drop_index(op.f("ix_handoff_status"), table_name="handoff")
    op.drop_index(op.f("ix_handoff_kind"), table_name="handoff")
    op.drop_index(op.f("ix_handoff_id_number"), table_name="handoff")

    op.drop_table("handoff")
    op.drop_index("ix_certification_year_id_number", table_name="certification")
    op.drop_index(op.f("ix_certification_status"), table_name="certification")

    op.drop_table("certification")
    op.drop_table("staff_user")
    op.drop_table("reference_counter")
    op.drop_index(op.f("ix_processed_message_created_at"), table_name="processed_message")

    op.drop_table("processed_message")
    op.drop_index(op.f("ix_beneficiary_id_number"), table_name="beneficiary")

    op.drop_table("beneficiary")
    op.drop_index(op.f("ix_audit_event_target"), table_name="audit_event")
    op.drop_index(op.f("ix_audit_event_at"), table_name="audit_event")

    op.drop_table("audit_event")
