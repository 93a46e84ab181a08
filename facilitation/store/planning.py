"""Tables and queries of Day 3's planning: the ToP consensus workshop (focus question, idea
cards, clusters, resolution), ToP action planning (activities and their key actions) and the
six-month action plan (rows, budget lines, dimensions deliberately left out).

Lists (dimensions, months, partners, parameter ids) are JSON columns: they are read and
written whole, never queried inside.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
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


# one row per workshop: the consensus workshop's context and resolution
planning_sessions = Table(
    "planning_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("focus_question", Text, nullable=False, server_default=""),
    Column("intended_product", Text, nullable=False, server_default=""),
    Column("collecting", Integer, nullable=False, server_default="0"),  # phones may send ideas
    Column("resolution_note", Text, nullable=False, server_default=""),
    updated_at(),
    UniqueConstraint("workshop_id", name="uq_planning_session"),
)

planning_clusters = Table(
    "planning_clusters",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("name", String(120), nullable=False, server_default=""),
    Column("dimension", String(4), nullable=True),
    Column("position", Integer, nullable=False),
    created_at(),
)

planning_ideas = Table(
    "planning_ideas",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("text", String(200), nullable=False),
    # the text folded for comparison: the same idea sent twice (a double tap) is one card
    Column("text_key", String(200), nullable=False),
    Column("source", String(12), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    Column("cluster_id", Integer, ForeignKey("planning_clusters.id", ondelete="SET NULL"), nullable=True),
    created_at(),
    UniqueConstraint("workshop_id", "text_key", name="uq_planning_idea_text"),
    CheckConstraint("source in ('facilitator','phone')", name="ck_planning_idea_source"),
)

planning_activities = Table(
    "planning_activities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("cluster_id", Integer, ForeignKey("planning_clusters.id", ondelete="SET NULL"), nullable=True),
    Column("title", String(200), nullable=False),
    Column("dimension", String(4), nullable=True),
    Column("chosen", Integer, nullable=False, server_default="0"),
    Column("position", Integer, nullable=False),
    Column("victory", Text, nullable=False, server_default=""),
    Column("strengths", Text, nullable=False, server_default=""),
    Column("weaknesses", Text, nullable=False, server_default=""),
    Column("benefits", Text, nullable=False, server_default=""),
    Column("dangers", Text, nullable=False, server_default=""),
    Column("commitment", Text, nullable=False, server_default=""),
    Column("due_date", Date, nullable=True),
    Column("linked_params", JSON, nullable=False),
    Column("risks", Text, nullable=False, server_default=""),
    updated_at(),
    # a cluster becomes at most one candidate activity
    UniqueConstraint("cluster_id", name="uq_planning_activity_cluster"),
)

planning_key_actions = Table(
    "planning_key_actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("activity_id", Integer, ForeignKey("planning_activities.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("position", Integer, nullable=False),
    Column("text", String(200), nullable=False),
    Column("month_start", Integer, nullable=False),
    Column("month_end", Integer, nullable=False),
    Column("who", String(200), nullable=False, server_default=""),
    CheckConstraint("month_start between 1 and 6 and month_end between month_start and 6",
                    name="ck_planning_action_months"),
)

plan_rows = Table(
    "plan_rows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("position", Integer, nullable=False),
    Column("activity", String(200), nullable=False),
    Column("activity_id", Integer, ForeignKey("planning_activities.id", ondelete="SET NULL"), nullable=True),
    Column("dimensions", JSON, nullable=False),
    Column("problem_id", Integer, nullable=True),  # the assessment's problem, when chosen from its list
    Column("problem_text", Text, nullable=False),
    Column("objective", Text, nullable=False),
    Column("target_group", String(200), nullable=False),
    Column("beneficiaries", Integer, nullable=True),
    Column("volume", String(120), nullable=False, server_default=""),
    Column("location", String(120), nullable=False),
    Column("months", JSON, nullable=False),
    Column("pic_participant_id", Integer, ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    Column("partners", JSON, nullable=False),
    Column("indicator_params", JSON, nullable=False),
    Column("indicator", Text, nullable=False, server_default=""),
    created_at(),
    updated_at(),
)

plan_budget_lines = Table(
    "plan_budget_lines",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("row_id", Integer, ForeignKey("plan_rows.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("item", String(150), nullable=False),
    Column("source", String(10), nullable=False),
    Column("amount", BigInteger, nullable=False),  # whole rupiah
    Column("detail", String(120), nullable=False, server_default=""),
    CheckConstraint("source in ('stimulan','swadaya','lainnya')", name="ck_plan_budget_source"),
    CheckConstraint("amount >= 0", name="ck_plan_budget_amount"),
)

plan_exclusions = Table(
    "plan_exclusions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("dimension", String(4), nullable=False),
    Column("reason", Text, nullable=False),
    UniqueConstraint("workshop_id", "dimension", name="uq_plan_exclusion"),
)


def _rows(conn: Connection, query) -> list[dict]:
    return [dict(r) for r in conn.execute(query).mappings()]


# ---------------------------------------------------------------- consensus workshop

def get_session(conn: Connection, workshop_id: str) -> dict | None:
    row = conn.execute(select(planning_sessions).where(planning_sessions.c.workshop_id == workshop_id)
                       ).mappings().first()
    return dict(row) if row else None


def save_session(conn: Connection, workshop_id: str, values: dict) -> None:
    """Insert or update the workshop's session row with `values` (only those columns)."""
    upsert(conn, planning_sessions, {"workshop_id": workshop_id, **values}, keys=["workshop_id"],
           update=list(values))


def idea_key_exists(conn: Connection, workshop_id: str, text_key: str) -> bool:
    q = select(planning_ideas.c.id).where(planning_ideas.c.workshop_id == workshop_id,
                                          planning_ideas.c.text_key == text_key)
    return conn.execute(q).first() is not None


def insert_idea(conn: Connection, row: dict) -> int | None:
    """The new card's id, or None when the same text is already on the board. The unique
    key makes two phones sending the same text at once one card, not an error."""
    if idea_key_exists(conn, row["workshop_id"], row["text_key"]):
        return None
    upsert(conn, planning_ideas, row, keys=["workshop_id", "text_key"], update=[])
    q = select(planning_ideas.c.id).where(planning_ideas.c.workshop_id == row["workshop_id"],
                                          planning_ideas.c.text_key == row["text_key"])
    return conn.execute(q).scalar_one()


def list_ideas(conn: Connection, workshop_id: str) -> list[dict]:
    q = (
        select(planning_ideas, participants.c.name.label("participant_name"))
        .select_from(planning_ideas.outerjoin(participants, participants.c.id == planning_ideas.c.participant_id))
        .where(planning_ideas.c.workshop_id == workshop_id)
        .order_by(planning_ideas.c.id)
    )
    return _rows(conn, q)


def ideas_of_participant(conn: Connection, workshop_id: str, participant_id: int) -> list[dict]:
    q = select(planning_ideas.c.id, planning_ideas.c.text).where(
        planning_ideas.c.workshop_id == workshop_id, planning_ideas.c.participant_id == participant_id
    ).order_by(planning_ideas.c.id)
    return _rows(conn, q)


def set_idea_cluster(conn: Connection, workshop_id: str, idea_id: int, cluster_id: int | None) -> int:
    res = conn.execute(update(planning_ideas)
                       .where(planning_ideas.c.id == idea_id, planning_ideas.c.workshop_id == workshop_id)
                       .values(cluster_id=cluster_id))
    return res.rowcount


def update_idea_text(conn: Connection, workshop_id: str, idea_id: int, text: str, text_key: str) -> int:
    res = conn.execute(update(planning_ideas)
                       .where(planning_ideas.c.id == idea_id, planning_ideas.c.workshop_id == workshop_id)
                       .values(text=text, text_key=text_key))
    return res.rowcount


def delete_idea(conn: Connection, workshop_id: str, idea_id: int) -> int:
    res = conn.execute(delete(planning_ideas).where(planning_ideas.c.id == idea_id,
                                                    planning_ideas.c.workshop_id == workshop_id))
    return res.rowcount


def list_clusters(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(planning_clusters).where(planning_clusters.c.workshop_id == workshop_id)
         .order_by(planning_clusters.c.position, planning_clusters.c.id))
    return _rows(conn, q)


def get_cluster(conn: Connection, workshop_id: str, cluster_id: int) -> dict | None:
    row = conn.execute(select(planning_clusters).where(planning_clusters.c.id == cluster_id,
                                                       planning_clusters.c.workshop_id == workshop_id)
                       ).mappings().first()
    return dict(row) if row else None


def next_position(conn: Connection, table: Table, workshop_id: str) -> int:
    q = select(func.coalesce(func.max(table.c.position), 0)).where(table.c.workshop_id == workshop_id)
    return conn.execute(q).scalar_one() + 1


def insert_cluster(conn: Connection, row: dict) -> int:
    return conn.execute(planning_clusters.insert().values(**row)).inserted_primary_key[0]


def update_cluster(conn: Connection, workshop_id: str, cluster_id: int, values: dict) -> int:
    res = conn.execute(update(planning_clusters)
                       .where(planning_clusters.c.id == cluster_id, planning_clusters.c.workshop_id == workshop_id)
                       .values(**values))
    return res.rowcount


def delete_cluster(conn: Connection, workshop_id: str, cluster_id: int) -> int:
    # cards go back to the unsorted pile explicitly, so this does not rely on SQLite's FK pragma
    conn.execute(update(planning_ideas).where(planning_ideas.c.cluster_id == cluster_id,
                                              planning_ideas.c.workshop_id == workshop_id).values(cluster_id=None))
    conn.execute(update(planning_activities).where(planning_activities.c.cluster_id == cluster_id,
                                                   planning_activities.c.workshop_id == workshop_id)
                 .values(cluster_id=None))
    res = conn.execute(delete(planning_clusters).where(planning_clusters.c.id == cluster_id,
                                                       planning_clusters.c.workshop_id == workshop_id))
    return res.rowcount


# ---------------------------------------------------------------- action planning

def list_activities(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(planning_activities).where(planning_activities.c.workshop_id == workshop_id)
         .order_by(planning_activities.c.position, planning_activities.c.id))
    return _rows(conn, q)


def get_activity(conn: Connection, workshop_id: str, activity_id: int) -> dict | None:
    row = conn.execute(select(planning_activities).where(planning_activities.c.id == activity_id,
                                                         planning_activities.c.workshop_id == workshop_id)
                       ).mappings().first()
    return dict(row) if row else None


def activity_cluster_ids(conn: Connection, workshop_id: str) -> set[int]:
    q = select(planning_activities.c.cluster_id).where(planning_activities.c.workshop_id == workshop_id,
                                                       planning_activities.c.cluster_id.is_not(None))
    return {r[0] for r in conn.execute(q)}


def insert_activity(conn: Connection, row: dict) -> int:
    return conn.execute(planning_activities.insert().values(**row)).inserted_primary_key[0]


def update_activity(conn: Connection, workshop_id: str, activity_id: int, values: dict) -> int:
    res = conn.execute(update(planning_activities)
                       .where(planning_activities.c.id == activity_id,
                              planning_activities.c.workshop_id == workshop_id)
                       .values(**values))
    return res.rowcount


def delete_activity(conn: Connection, workshop_id: str, activity_id: int) -> int:
    conn.execute(delete(planning_key_actions).where(planning_key_actions.c.activity_id == activity_id,
                                                    planning_key_actions.c.workshop_id == workshop_id))
    conn.execute(update(plan_rows).where(plan_rows.c.activity_id == activity_id,
                                         plan_rows.c.workshop_id == workshop_id).values(activity_id=None))
    res = conn.execute(delete(planning_activities).where(planning_activities.c.id == activity_id,
                                                         planning_activities.c.workshop_id == workshop_id))
    return res.rowcount


def list_key_actions(conn: Connection, workshop_id: str, activity_id: int | None = None) -> list[dict]:
    q = select(planning_key_actions).where(planning_key_actions.c.workshop_id == workshop_id)
    if activity_id is not None:
        q = q.where(planning_key_actions.c.activity_id == activity_id)
    return _rows(conn, q.order_by(planning_key_actions.c.activity_id, planning_key_actions.c.position))


def replace_key_actions(conn: Connection, workshop_id: str, activity_id: int, rows: list[dict]) -> None:
    conn.execute(delete(planning_key_actions).where(planning_key_actions.c.activity_id == activity_id,
                                                    planning_key_actions.c.workshop_id == workshop_id))
    if rows:
        conn.execute(planning_key_actions.insert(),
                     [{**r, "workshop_id": workshop_id, "activity_id": activity_id, "position": i}
                      for i, r in enumerate(rows, start=1)])


# ---------------------------------------------------------------- the action plan

def list_plan_rows(conn: Connection, workshop_id: str) -> list[dict]:
    q = (
        select(plan_rows, participants.c.name.label("pic_name"),
               participants.c.institution.label("pic_institution"))
        .select_from(plan_rows.outerjoin(participants, participants.c.id == plan_rows.c.pic_participant_id))
        .where(plan_rows.c.workshop_id == workshop_id)
        .order_by(plan_rows.c.position, plan_rows.c.id)
    )
    return _rows(conn, q)


def get_plan_row(conn: Connection, workshop_id: str, row_id: int) -> dict | None:
    row = conn.execute(select(plan_rows).where(plan_rows.c.id == row_id, plan_rows.c.workshop_id == workshop_id)
                       ).mappings().first()
    return dict(row) if row else None


def insert_plan_row(conn: Connection, row: dict) -> int:
    return conn.execute(plan_rows.insert().values(**row)).inserted_primary_key[0]


def update_plan_row(conn: Connection, workshop_id: str, row_id: int, values: dict) -> int:
    res = conn.execute(update(plan_rows).where(plan_rows.c.id == row_id, plan_rows.c.workshop_id == workshop_id)
                       .values(**values))
    return res.rowcount


def delete_plan_row(conn: Connection, workshop_id: str, row_id: int) -> int:
    conn.execute(delete(plan_budget_lines).where(plan_budget_lines.c.row_id == row_id,
                                                 plan_budget_lines.c.workshop_id == workshop_id))
    res = conn.execute(delete(plan_rows).where(plan_rows.c.id == row_id, plan_rows.c.workshop_id == workshop_id))
    return res.rowcount


def swap_positions(conn: Connection, workshop_id: str, a: dict, b: dict) -> None:
    for row, position in ((a, b["position"]), (b, a["position"])):
        conn.execute(update(plan_rows).where(plan_rows.c.id == row["id"], plan_rows.c.workshop_id == workshop_id)
                     .values(position=position))


def list_budget_lines(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(plan_budget_lines).where(plan_budget_lines.c.workshop_id == workshop_id)
         .order_by(plan_budget_lines.c.row_id, plan_budget_lines.c.position))
    return _rows(conn, q)


def replace_budget_lines(conn: Connection, workshop_id: str, row_id: int, lines: list[dict]) -> None:
    conn.execute(delete(plan_budget_lines).where(plan_budget_lines.c.row_id == row_id,
                                                 plan_budget_lines.c.workshop_id == workshop_id))
    if lines:
        conn.execute(plan_budget_lines.insert(),
                     [{**line, "workshop_id": workshop_id, "row_id": row_id, "position": i}
                      for i, line in enumerate(lines, start=1)])


def list_exclusions(conn: Connection, workshop_id: str) -> dict[str, str]:
    q = select(plan_exclusions.c.dimension, plan_exclusions.c.reason).where(
        plan_exclusions.c.workshop_id == workshop_id).order_by(plan_exclusions.c.dimension)
    return {d: r for d, r in conn.execute(q)}


def set_exclusion(conn: Connection, workshop_id: str, dimension: str, reason: str) -> None:
    upsert(conn, plan_exclusions, {"workshop_id": workshop_id, "dimension": dimension, "reason": reason},
           keys=["workshop_id", "dimension"], update=["reason"])


def delete_exclusion(conn: Connection, workshop_id: str, dimension: str) -> int:
    res = conn.execute(delete(plan_exclusions).where(plan_exclusions.c.workshop_id == workshop_id,
                                                     plan_exclusions.c.dimension == dimension))
    return res.rowcount


def participant_ids(conn: Connection, workshop_id: str) -> set[int]:
    q = select(participants.c.id).where(participants.c.workshop_id == workshop_id)
    return {r[0] for r in conn.execute(q)}
