"""Shared metadata and the core tables: workshops, participants, attendance.

Each feature area defines its tables in its own module of this package on the same
`metadata`; `FEATURE_MODULES` lists them so the schema is complete before create_all.
"""
from __future__ import annotations

import importlib

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData()

# feature modules that add tables to `metadata` (append yours)
FEATURE_MODULES: list[str] = [
    "facilitation.store.workshops",
    "facilitation.store.voting",
    "facilitation.store.assessment",
    "facilitation.store.agenda",
    "facilitation.store.contract",
    "facilitation.store.planning",
    "facilitation.store.election",
    "facilitation.store.pledges",
    "facilitation.store.progress",
    "facilitation.store.monitoring",
    "facilitation.store.joins",
]


def load_all_tables() -> None:
    for name in FEATURE_MODULES:
        importlib.import_module(name)


def created_at() -> Column:
    return Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now())


def updated_at() -> Column:
    return Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now(),
                  onupdate=func.now())


def workshop_fk(unique: bool = False) -> Column:
    """The workshop_id every feature table carries, so backups and deletion treat all tables alike."""
    return Column("workshop_id", String(12), ForeignKey("workshops.id", ondelete="CASCADE"),
                  nullable=False, index=True, unique=unique)


workshops = Table(
    "workshops",
    metadata,
    Column("id", String(12), primary_key=True),
    Column("village", String(120), nullable=False),
    Column("village_kind", String(12), nullable=False, server_default="desa"),
    Column("kecamatan", String(120), nullable=False),
    Column("kabupaten", String(120), nullable=False),
    Column("provinsi", String(120), nullable=False),
    Column("year", Integer, nullable=False),
    Column("day1", Date, nullable=False),
    Column("day2", Date, nullable=False),
    Column("day3", Date, nullable=False),
    Column("day4", Date, nullable=False),
    Column("venue", String(200), nullable=False),
    Column("facilitator_central", String(120), nullable=False),
    Column("facilitator_regional", String(120), nullable=False),
    Column("pendamping1", String(120), nullable=False),
    Column("pendamping2", String(120), nullable=False),
    Column("kepala_desa", String(120), nullable=False, server_default=""),
    Column("pin_hash", String(200), nullable=False),
    Column("join_code", String(12), nullable=False, unique=True),
    created_at(),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workshop_id", String(12), ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("gender", String(1), nullable=False),
    Column("age", Integer, nullable=True),
    Column("institution", String(120), nullable=False),
    Column("position", String(120), nullable=False, server_default=""),
    Column("dusun", String(120), nullable=False, server_default=""),
    Column("phone", String(40), nullable=False, server_default=""),
    Column("token", String(64), nullable=False, unique=True),
    Column("token_revoked", Integer, nullable=False, server_default="0"),
    created_at(),
    CheckConstraint("gender in ('L','P')", name="ck_participant_gender"),
)

attendance = Table(
    "attendance",
    metadata,
    Column("workshop_id", String(12), ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Integer, primary_key=True),
    Column("status", String(8), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()),
    CheckConstraint("day between 1 and 4", name="ck_attendance_day"),
    CheckConstraint("status in ('hadir','izin','sakit','alpa')", name="ck_attendance_status"),
)

__all__ = ["metadata", "workshops", "participants", "attendance", "Text", "UniqueConstraint"]
