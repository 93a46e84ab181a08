"""Tables and queries after the workshop: the month-3 monitoring and month-5 evaluation visits
(who came, the FGD's findings per dimension, problems, help needed, recommendations), the
Pokja members present at each, and the terminasi/refleksi record (one row per workshop).
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection

from facilitation.store.schema import created_at, metadata, participants, updated_at, workshop_fk
from facilitation.store.upsert import upsert


monitoring_visits = Table(
    "monitoring_visits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("visit_date", Date, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("facilitators", Text, nullable=False, server_default=""),
    Column("pendamping", Text, nullable=False, server_default=""),
    Column("others", Text, nullable=False, server_default=""),  # e.g. Dinas Sosial, Kepala Desa
    Column("findings", JSON, nullable=False),  # {dimension id: the FGD's finding}
    Column("problems", Text, nullable=False, server_default=""),
    Column("help_needed", Text, nullable=False, server_default=""),
    Column("recommendations", Text, nullable=False, server_default=""),
    created_at(),
    updated_at(),
    CheckConstraint("kind in ('monitoring','evaluasi')", name="ck_monitoring_visit_kind"),
)

monitoring_visit_members = Table(
    "monitoring_visit_members",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("visit_id", Integer, ForeignKey("monitoring_visits.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("visit_id", "participant_id", name="uq_monitoring_visit_member"),
)

terminations = Table(
    "terminations",
    metadata,
    Column("workshop_id", String(12), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("handover_date", Date, nullable=True),
    Column("handover_office", String(200), nullable=False, server_default=""),
    Column("handover_note", Text, nullable=False, server_default=""),
    Column("worked", Text, nullable=False, server_default=""),
    Column("not_worked", Text, nullable=False, server_default=""),
    Column("next_plans", JSON, nullable=False),  # [text, ...]: the Pokja's ideas for the next cycle
    # the workshop started from this reflection; another workshop's id, so no foreign key:
    # it moves between stores on its own and a backup keeps the id as it is
    Column("next_workshop_id", String(12), nullable=True),
    updated_at(),
)


# ---------------------------------------------------------------- visits

def insert_visit(conn: Connection, row: dict) -> int:
    return conn.execute(monitoring_visits.insert().values(**row)).inserted_primary_key[0]


def update_visit(conn: Connection, workshop_id: str, visit_id: int, values: dict) -> int:
    res = conn.execute(update(monitoring_visits).where(monitoring_visits.c.id == visit_id,
                                                       monitoring_visits.c.workshop_id == workshop_id)
                       .values(**values))
    return res.rowcount


def delete_visit(conn: Connection, workshop_id: str, visit_id: int) -> int:
    conn.execute(delete(monitoring_visit_members).where(monitoring_visit_members.c.visit_id == visit_id,
                                                        monitoring_visit_members.c.workshop_id == workshop_id))
    res = conn.execute(delete(monitoring_visits).where(monitoring_visits.c.id == visit_id,
                                                       monitoring_visits.c.workshop_id == workshop_id))
    return res.rowcount


def list_visits(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(monitoring_visits).where(monitoring_visits.c.workshop_id == workshop_id)
         .order_by(monitoring_visits.c.visit_date, monitoring_visits.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def replace_members(conn: Connection, workshop_id: str, visit_id: int, participant_ids: list[int]) -> None:
    conn.execute(delete(monitoring_visit_members).where(monitoring_visit_members.c.visit_id == visit_id,
                                                        monitoring_visit_members.c.workshop_id == workshop_id))
    if participant_ids:
        conn.execute(monitoring_visit_members.insert(),
                     [{"workshop_id": workshop_id, "visit_id": visit_id, "participant_id": pid}
                      for pid in participant_ids])


def members_by_visit(conn: Connection, workshop_id: str) -> dict[int, list[dict]]:
    q = (select(monitoring_visit_members.c.visit_id, participants.c.id, participants.c.name,
                participants.c.institution)
         .join(participants, participants.c.id == monitoring_visit_members.c.participant_id)
         .where(monitoring_visit_members.c.workshop_id == workshop_id)
         .order_by(monitoring_visit_members.c.visit_id, participants.c.name))
    out: dict[int, list[dict]] = {}
    for visit_id, pid, name, institution in conn.execute(q):
        out.setdefault(visit_id, []).append({"id": pid, "name": name, "institution": institution})
    return out


# ---------------------------------------------------------------- terminasi and refleksi

def get_termination(conn: Connection, workshop_id: str) -> dict | None:
    row = conn.execute(select(terminations).where(terminations.c.workshop_id == workshop_id)).mappings().first()
    return dict(row) if row else None


def save_termination(conn: Connection, workshop_id: str, values: dict) -> None:
    """Insert or update the workshop's row with `values` (only those columns change)."""
    row = {"next_plans": [], **values, "workshop_id": workshop_id, "updated_at": func.now()}
    upsert(conn, terminations, row, keys=["workshop_id"], update=[*values, "updated_at"])
