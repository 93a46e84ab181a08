"""Tables and queries of the MPA assessment: parameter scores per phase, problem/potential
cards, card collection from phones, the institutions (Venn) map and the priority problems.

Scores are stored as `score_x2` (twice the 1–5 score, so half-steps stay whole numbers).
Rating and ranking polls are ordinary polls of the voting store, found by their `source`.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection

from facilitation.store.schema import created_at, metadata, updated_at, workshop_fk
from facilitation.store.upsert import upsert


assessment_scores = Table(
    "assessment_scores",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("phase", String(12), nullable=False),
    Column("parameter_id", String(8), nullable=False),
    Column("score_x2", Integer, nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("evidence", Text, nullable=False, server_default=""),
    Column("method", String(16), nullable=False),
    Column("no_incident", Integer, nullable=False, server_default="0"),
    Column("confirmed", Integer, nullable=False, server_default="0"),
    # the rating poll whose result pre-filled this score, if any
    Column("poll_id", Integer, ForeignKey("polls.id", ondelete="SET NULL"), nullable=True),
    created_at(),
    updated_at(),
    UniqueConstraint("workshop_id", "phase", "parameter_id", name="uq_assessment_score"),
    CheckConstraint("score_x2 between 2 and 10", name="ck_assessment_score_range"),
)

assessment_cards = Table(
    "assessment_cards",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("kind", String(10), nullable=False),
    Column("dimension", String(4), nullable=False),
    Column("text", Text, nullable=False),
    Column("potential_type", String(20), nullable=True),
    Column("affected", JSON, nullable=False),
    Column("level", String(12), nullable=False),
    Column("source", String(12), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    Column("merged_into", Integer, ForeignKey("assessment_cards.id", ondelete="SET NULL"), nullable=True),
    created_at(),
    CheckConstraint("kind in ('problem','potential')", name="ck_assessment_card_kind"),
)

# one row per workshop: is the facilitator collecting cards from phones right now?
assessment_collection = Table(
    "assessment_collection",
    metadata,
    Column("workshop_id", String(12), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("is_open", Integer, nullable=False, server_default="0"),
    Column("dimension", String(4), nullable=True),
    updated_at(),
)

institutions = Table(
    "assessment_institutions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("name", String(120), nullable=False),
    Column("type", String(12), nullable=False),
    Column("importance", Integer, nullable=False),
    Column("distance", Integer, nullable=False),
    Column("valence", String(1), nullable=False),
    Column("trust", Text, nullable=False, server_default=""),
    Column("networks", Text, nullable=False, server_default=""),
    Column("norms", Text, nullable=False, server_default=""),
    Column("members", Text, nullable=False, server_default=""),
    created_at(),
    CheckConstraint("importance between 1 and 3", name="ck_institution_importance"),
    CheckConstraint("distance between 0 and 3", name="ck_institution_distance"),
    CheckConstraint("valence in ('+','-')", name="ck_institution_valence"),
)

institution_links = Table(
    "assessment_institution_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("a_id", Integer, ForeignKey("assessment_institutions.id", ondelete="CASCADE"), nullable=False),
    Column("b_id", Integer, ForeignKey("assessment_institutions.id", ondelete="CASCADE"), nullable=False),
    Column("degree", String(8), nullable=False),
    UniqueConstraint("a_id", "b_id", name="uq_institution_link"),
    CheckConstraint("a_id < b_id", name="ck_institution_link_order"),
    CheckConstraint("degree in ('touch','overlap')", name="ck_institution_link_degree"),
)

# the problems the facilitator marked as priorities from a ranking poll (read by planning)
assessment_priorities = Table(
    "assessment_priorities",
    metadata,
    workshop_fk(),
    Column("problem_id", Integer, ForeignKey("assessment_cards.id", ondelete="CASCADE"), primary_key=True),
    Column("poll_id", Integer, ForeignKey("polls.id", ondelete="CASCADE"), nullable=False),
    Column("rank", Integer, nullable=False),
    Column("score", Float, nullable=False),
    created_at(),
)


# ---------------------------------------------------------------- scores

def upsert_score(conn: Connection, row: dict) -> None:
    update_cols = ["score_x2", "reason", "evidence", "method", "no_incident", "confirmed", "poll_id", "updated_at"]
    upsert(conn, assessment_scores, {**row, "updated_at": func.now()},
           keys=["workshop_id", "phase", "parameter_id"], update=update_cols)


def list_scores(conn: Connection, workshop_id: str, phase: str) -> list[dict]:
    q = select(assessment_scores).where(assessment_scores.c.workshop_id == workshop_id,
                                        assessment_scores.c.phase == phase)
    return [dict(r) for r in conn.execute(q).mappings()]


def delete_score(conn: Connection, workshop_id: str, phase: str, parameter_id: str) -> int:
    res = conn.execute(assessment_scores.delete().where(
        assessment_scores.c.workshop_id == workshop_id, assessment_scores.c.phase == phase,
        assessment_scores.c.parameter_id == parameter_id))
    return res.rowcount


# ---------------------------------------------------------------- cards

def insert_card(conn: Connection, row: dict) -> int:
    return conn.execute(assessment_cards.insert().values(**row)).inserted_primary_key[0]


def list_cards(conn: Connection, workshop_id: str) -> list[dict]:
    q = select(assessment_cards).where(assessment_cards.c.workshop_id == workshop_id).order_by(
        assessment_cards.c.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def get_card(conn: Connection, workshop_id: str, card_id: int) -> dict | None:
    q = select(assessment_cards).where(assessment_cards.c.workshop_id == workshop_id,
                                       assessment_cards.c.id == card_id)
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def update_card(conn: Connection, workshop_id: str, card_id: int, row: dict) -> int:
    res = conn.execute(update(assessment_cards).where(
        assessment_cards.c.workshop_id == workshop_id, assessment_cards.c.id == card_id).values(**row))
    return res.rowcount


def delete_card(conn: Connection, workshop_id: str, card_id: int) -> int:
    res = conn.execute(assessment_cards.delete().where(
        assessment_cards.c.workshop_id == workshop_id, assessment_cards.c.id == card_id))
    return res.rowcount


def repoint_merged(conn: Connection, workshop_id: str, old_target: int, new_target: int) -> None:
    """Cards merged into `old_target` follow it when it is merged itself (no chains)."""
    conn.execute(update(assessment_cards).where(
        assessment_cards.c.workshop_id == workshop_id,
        assessment_cards.c.merged_into == old_target).values(merged_into=new_target))


def set_collection(conn: Connection, workshop_id: str, is_open: bool, dimension: str | None) -> None:
    upsert(conn, assessment_collection,
           {"workshop_id": workshop_id, "is_open": int(is_open), "dimension": dimension, "updated_at": func.now()},
           keys=["workshop_id"], update=["is_open", "dimension", "updated_at"])


def get_collection(conn: Connection, workshop_id: str) -> dict:
    q = select(assessment_collection.c.is_open, assessment_collection.c.dimension).where(
        assessment_collection.c.workshop_id == workshop_id)
    row = conn.execute(q).first()
    return {"is_open": bool(row[0]), "dimension": row[1]} if row else {"is_open": False, "dimension": None}


def count_cards_by(conn: Connection, workshop_id: str, participant_id: int) -> int:
    q = select(func.count()).select_from(assessment_cards).where(
        assessment_cards.c.workshop_id == workshop_id, assessment_cards.c.participant_id == participant_id)
    return conn.execute(q).scalar_one()


# ---------------------------------------------------------------- institutions

def insert_institution(conn: Connection, row: dict) -> int:
    return conn.execute(institutions.insert().values(**row)).inserted_primary_key[0]


def update_institution(conn: Connection, workshop_id: str, inst_id: int, row: dict) -> int:
    res = conn.execute(update(institutions).where(
        institutions.c.workshop_id == workshop_id, institutions.c.id == inst_id).values(**row))
    return res.rowcount


def delete_institution(conn: Connection, workshop_id: str, inst_id: int) -> int:
    res = conn.execute(institutions.delete().where(
        institutions.c.workshop_id == workshop_id, institutions.c.id == inst_id))
    return res.rowcount


def list_institutions(conn: Connection, workshop_id: str) -> list[dict]:
    q = select(institutions).where(institutions.c.workshop_id == workshop_id).order_by(institutions.c.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def upsert_link(conn: Connection, workshop_id: str, a_id: int, b_id: int, degree: str) -> None:
    upsert(conn, institution_links, {"workshop_id": workshop_id, "a_id": a_id, "b_id": b_id, "degree": degree},
           keys=["a_id", "b_id"], update=["degree"])


def delete_link(conn: Connection, workshop_id: str, a_id: int, b_id: int) -> int:
    res = conn.execute(institution_links.delete().where(
        institution_links.c.workshop_id == workshop_id, institution_links.c.a_id == a_id,
        institution_links.c.b_id == b_id))
    return res.rowcount


def list_links(conn: Connection, workshop_id: str) -> list[dict]:
    q = select(institution_links.c.a_id, institution_links.c.b_id, institution_links.c.degree).where(
        institution_links.c.workshop_id == workshop_id).order_by(institution_links.c.a_id, institution_links.c.b_id)
    return [dict(r) for r in conn.execute(q).mappings()]


# ---------------------------------------------------------------- rankings and priorities

def replace_priorities(conn: Connection, workshop_id: str, problem_ids_to_clear: list[int],
                       rows: list[dict]) -> None:
    """Drop the priorities of the problems a ranking covered, then store its new ones."""
    if problem_ids_to_clear:
        conn.execute(assessment_priorities.delete().where(
            assessment_priorities.c.workshop_id == workshop_id,
            assessment_priorities.c.problem_id.in_(problem_ids_to_clear)))
    if rows:
        conn.execute(assessment_priorities.insert(), [{**r, "workshop_id": workshop_id} for r in rows])


def list_priorities(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(assessment_priorities.c.problem_id, assessment_priorities.c.poll_id,
                assessment_priorities.c.rank, assessment_priorities.c.score,
                assessment_cards.c.text, assessment_cards.c.dimension)
         .join(assessment_cards, assessment_cards.c.id == assessment_priorities.c.problem_id)
         .where(assessment_priorities.c.workshop_id == workshop_id)
         .order_by(assessment_priorities.c.rank, assessment_cards.c.dimension, assessment_priorities.c.problem_id))
    return [dict(r) for r in conn.execute(q).mappings()]
