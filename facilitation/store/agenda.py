"""Tables and queries for the workshop's own programme: the adapted agenda, what was done, timers.

The shipped curriculum (content/modules/agenda.yaml) is never written: a workshop that adapts
its programme stores a JSON snapshot of its version here, one row per workshop.
"""
from __future__ import annotations

import json

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.engine import Connection

from facilitation.store.schema import metadata, workshop_fk
from facilitation.store.upsert import upsert


agenda_plans = Table(
    "agenda_plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(unique=True),
    Column("snapshot", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()),
)

agenda_progress = Table(
    "agenda_progress",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("item_id", String(60), nullable=False),
    Column("done", Integer, nullable=False, server_default="0"),
    Column("note", Text, nullable=False, server_default=""),
    Column("done_at", DateTime(timezone=True), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()),
    # one row per item: a second tick updates it instead of adding another
    UniqueConstraint("workshop_id", "item_id", name="uq_agenda_progress_item"),
)

agenda_timers = Table(
    "agenda_timers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("timer_key", String(80), nullable=False),
    Column("label", String(200), nullable=False, server_default=""),
    Column("total_s", Integer, nullable=False),
    Column("remaining_ms", BigInteger, nullable=False),
    # wall-clock deadline in epoch milliseconds while running: every browser computes the same
    # remaining time from it, so a reload or a second tab shows the same countdown
    Column("deadline_ms", BigInteger, nullable=True),
    Column("running", Integer, nullable=False, server_default="0"),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()),
    UniqueConstraint("workshop_id", "timer_key", name="uq_agenda_timer_key"),
)


# ---------------------------------------------------------------- adapted programme

def get_plan(conn: Connection, workshop_id: str) -> dict | None:
    row = conn.execute(select(agenda_plans.c.snapshot).where(agenda_plans.c.workshop_id == workshop_id)).first()
    return json.loads(row[0]) if row else None


def save_plan(conn: Connection, workshop_id: str, snapshot: dict) -> None:
    upsert(conn, agenda_plans, {"workshop_id": workshop_id, "snapshot": json.dumps(snapshot, ensure_ascii=False)},
           keys=["workshop_id"], update=["snapshot"])


def delete_plan(conn: Connection, workshop_id: str) -> None:
    conn.execute(agenda_plans.delete().where(agenda_plans.c.workshop_id == workshop_id))


# ---------------------------------------------------------------- progress

def progress(conn: Connection, workshop_id: str) -> dict[str, dict]:
    q = select(agenda_progress.c.item_id, agenda_progress.c.done, agenda_progress.c.note,
               agenda_progress.c.done_at).where(agenda_progress.c.workshop_id == workshop_id)
    return {r["item_id"]: {"done": bool(r["done"]), "note": r["note"], "done_at": r["done_at"]}
            for r in conn.execute(q).mappings()}


def set_progress(conn: Connection, workshop_id: str, rows: list[dict]) -> None:
    """rows: {item_id, done, note, done_at}."""
    if rows:
        upsert(conn, agenda_progress, [{"workshop_id": workshop_id, **r} for r in rows],
               keys=["workshop_id", "item_id"], update=["done", "note", "done_at"])


# ---------------------------------------------------------------- timers

def get_timer(conn: Connection, workshop_id: str, key: str) -> dict | None:
    q = select(agenda_timers).where(agenda_timers.c.workshop_id == workshop_id, agenda_timers.c.timer_key == key)
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def save_timer(conn: Connection, workshop_id: str, key: str, values: dict) -> None:
    fields = ["label", "total_s", "remaining_ms", "deadline_ms", "running"]
    upsert(conn, agenda_timers, {"workshop_id": workshop_id, "timer_key": key, **{f: values[f] for f in fields}},
           keys=["workshop_id", "timer_key"], update=fields)
