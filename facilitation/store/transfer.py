"""Generic row I/O over every table of a workshop, for backups, restores and deletion.

A workshop's tables are the tables of the shared metadata with a `workshop_id` column (every
feature table has one, DESIGN.md); `workshop_tables()` lists them in dependency order
(`metadata.sorted_tables`: a table comes after the tables its foreign keys point at).
"""
from __future__ import annotations

from sqlalchemy import Table, and_, delete, select, update
from sqlalchemy.engine import Connection

from facilitation.store.schema import load_all_tables, metadata, workshops


def workshop_tables() -> list[Table]:
    load_all_tables()
    return [t for t in metadata.sorted_tables if t is not workshops and "workshop_id" in t.c]


def all_tables() -> dict[str, Table]:
    load_all_tables()
    return dict(metadata.tables)


def read_workshop(conn: Connection, workshop_id: str) -> dict | None:
    row = conn.execute(select(workshops).where(workshops.c.id == workshop_id)).mappings().first()
    return dict(row) if row else None


def _order(table: Table) -> list:
    cols = list(table.primary_key.columns) or list(table.c)
    return cols


def read_rows(conn: Connection, table: Table, workshop_id: str) -> list[dict]:
    q = select(table).where(table.c.workshop_id == workshop_id).order_by(*_order(table))
    return [dict(r) for r in conn.execute(q).mappings()]


def delete_workshop(conn: Connection, workshop_id: str) -> int:
    """Delete the workshop and every row of it, dependents first (no reliance on cascades).
    Returns how many workshop rows were deleted (0 or 1)."""
    for table in reversed(workshop_tables()):
        conn.execute(delete(table).where(table.c.workshop_id == workshop_id))
    return conn.execute(delete(workshops).where(workshops.c.id == workshop_id)).rowcount


def insert_workshop_row(conn: Connection, values: dict) -> None:
    conn.execute(workshops.insert().values(**values))


def join_code_owner(conn: Connection, code: str) -> str | None:
    return conn.execute(select(workshops.c.id).where(workshops.c.join_code == code)).scalar()


def insert_row(conn: Connection, table: Table, values: dict):
    """Insert one row; returns its primary key as a tuple (the new id for autoincrement tables)."""
    # parameters apart from the statement: one compiled INSERT per table, reused row after row
    return tuple(conn.execute(table.insert(), values).inserted_primary_key)


def insert_rows(conn: Connection, table: Table, rows: list[dict]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def update_row(conn: Connection, table: Table, key: dict, values: dict) -> int:
    cond = and_(*(table.c[k] == v for k, v in key.items()))
    return conn.execute(update(table).where(cond).values(**values)).rowcount
