"""Tables and queries of the action plan's progress: dated entries per plan row and the money
spent per source in each entry.

An entry is the state of one plan row on its date (status, percent done, beneficiaries
reached so far) plus what was spent since the previous entry, per source of funds.
"""
from __future__ import annotations

from sqlalchemy import (
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

from facilitation.store.planning import plan_rows
from facilitation.store.schema import created_at, metadata, workshop_fk


progress_entries = Table(
    "progress_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("row_id", Integer, ForeignKey("plan_rows.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("entry_date", Date, nullable=False),
    Column("status", String(10), nullable=False),
    Column("percent", Integer, nullable=False),
    Column("beneficiaries", Integer, nullable=True),  # reached so far; None = not counted
    Column("obstacles", Text, nullable=False, server_default=""),
    Column("follow_up", Text, nullable=False, server_default=""),
    Column("reported_by", String(120), nullable=False, server_default=""),
    created_at(),
    CheckConstraint("status in ('belum','berjalan','selesai','batal')", name="ck_progress_status"),
    CheckConstraint("percent between 0 and 100", name="ck_progress_percent"),
    CheckConstraint("beneficiaries is null or beneficiaries >= 0", name="ck_progress_beneficiaries"),
)

progress_spending = Table(
    "progress_spending",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("entry_id", Integer, ForeignKey("progress_entries.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("source", String(10), nullable=False),
    Column("amount", BigInteger, nullable=False),  # whole rupiah
    UniqueConstraint("entry_id", "source", name="uq_progress_spending_source"),
    CheckConstraint("source in ('stimulan','swadaya','lainnya')", name="ck_progress_spending_source"),
    CheckConstraint("amount > 0", name="ck_progress_spending_amount"),
)


def plan_row_exists(conn: Connection, workshop_id: str, row_id: int) -> bool:
    q = select(plan_rows.c.id).where(plan_rows.c.id == row_id, plan_rows.c.workshop_id == workshop_id)
    return conn.execute(q).first() is not None


def insert_entry(conn: Connection, row: dict) -> int:
    return conn.execute(progress_entries.insert().values(**row)).inserted_primary_key[0]


def update_entry(conn: Connection, workshop_id: str, entry_id: int, values: dict) -> int:
    res = conn.execute(update(progress_entries).where(progress_entries.c.id == entry_id,
                                                      progress_entries.c.workshop_id == workshop_id)
                       .values(**values))
    return res.rowcount


def delete_entry(conn: Connection, workshop_id: str, entry_id: int) -> int:
    # spending rows first, so this does not rely on SQLite's foreign-key pragma
    conn.execute(delete(progress_spending).where(progress_spending.c.entry_id == entry_id,
                                                 progress_spending.c.workshop_id == workshop_id))
    res = conn.execute(delete(progress_entries).where(progress_entries.c.id == entry_id,
                                                      progress_entries.c.workshop_id == workshop_id))
    return res.rowcount


def get_entry(conn: Connection, workshop_id: str, entry_id: int) -> dict | None:
    row = conn.execute(select(progress_entries).where(progress_entries.c.id == entry_id,
                                                      progress_entries.c.workshop_id == workshop_id)
                       ).mappings().first()
    return dict(row) if row else None


def replace_spending(conn: Connection, workshop_id: str, entry_id: int, amounts: dict[str, int]) -> None:
    conn.execute(delete(progress_spending).where(progress_spending.c.entry_id == entry_id,
                                                 progress_spending.c.workshop_id == workshop_id))
    rows = [{"workshop_id": workshop_id, "entry_id": entry_id, "source": s, "amount": a}
            for s, a in amounts.items() if a]
    if rows:
        conn.execute(progress_spending.insert(), rows)


def list_entries(conn: Connection, workshop_id: str, row_id: int | None = None) -> list[dict]:
    """Entries oldest first (by date, then as recorded), without their spending."""
    q = select(progress_entries).where(progress_entries.c.workshop_id == workshop_id)
    if row_id is not None:
        q = q.where(progress_entries.c.row_id == row_id)
    q = q.order_by(progress_entries.c.entry_date, progress_entries.c.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def spending_by_entry(conn: Connection, workshop_id: str) -> dict[int, dict[str, int]]:
    q = select(progress_spending.c.entry_id, progress_spending.c.source, progress_spending.c.amount).where(
        progress_spending.c.workshop_id == workshop_id)
    out: dict[int, dict[str, int]] = {}
    for entry_id, source, amount in conn.execute(q):
        out.setdefault(entry_id, {})[source] = int(amount)
    return out


def count_entries(conn: Connection, workshop_id: str) -> int:
    q = select(func.count()).select_from(progress_entries).where(progress_entries.c.workshop_id == workshop_id)
    return conn.execute(q).scalar_one()
