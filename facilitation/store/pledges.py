"""Tables and queries of the commitment pledges (swadaya) and the Pokja's other funds.

Money is whole rupiah in BIGINT columns and is summed by the database; PostgreSQL returns
SUM(bigint) as NUMERIC, so every sum is turned back into an int here.
"""
from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection

from facilitation.store.schema import metadata, participants, workshop_fk
from facilitation.store.upsert import upsert


pledges = Table(
    "pledges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("kind", String(8), nullable=False),
    Column("description", String(200), nullable=False, server_default=""),
    Column("quantity", Integer, nullable=True),
    Column("unit", String(40), nullable=False, server_default=""),
    Column("value", BigInteger, nullable=False),  # rupiah: the amount, or the estimated value
    Column("due_date", Date, nullable=False),
    Column("source", String(12), nullable=False, server_default="facilitator"),
    Column("confirmed", Integer, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("kind in ('money','goods','labour')", name="ck_pledge_kind"),
    CheckConstraint("source in ('facilitator','phone')", name="ck_pledge_source"),
    CheckConstraint("value >= 0", name="ck_pledge_value"),
)

pledge_funds = Table(
    "pledge_funds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("kind", String(10), nullable=False),
    Column("source", String(120), nullable=False, server_default=""),
    Column("amount", BigInteger, nullable=False),
    Column("received_on", Date, nullable=True),
    Column("account_ref", String(120), nullable=False, server_default=""),
    Column("note", String(200), nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("kind in ('stimulan','other')", name="ck_pledge_fund_kind"),
    CheckConstraint("amount > 0", name="ck_pledge_fund_amount"),
)

pledge_settings = Table(
    "pledge_settings",
    metadata,
    Column("workshop_id", String(12), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("phone_open", Integer, nullable=False, server_default="0"),
)


# ---------------------------------------------------------------- pledges

def insert_pledge(conn: Connection, row: dict) -> int:
    return conn.execute(pledges.insert().values(**row)).inserted_primary_key[0]


def get_pledge(conn: Connection, workshop_id: str, pledge_id: int) -> dict | None:
    row = conn.execute(select(pledges).where(pledges.c.id == pledge_id, pledges.c.workshop_id == workshop_id)
                       ).mappings().first()
    return dict(row) if row else None


def update_pledge(conn: Connection, workshop_id: str, pledge_id: int, values: dict) -> int:
    res = conn.execute(update(pledges).where(pledges.c.id == pledge_id, pledges.c.workshop_id == workshop_id)
                       .values(**values))
    return res.rowcount


def delete_pledge(conn: Connection, workshop_id: str, pledge_id: int) -> int:
    res = conn.execute(delete(pledges).where(pledges.c.id == pledge_id, pledges.c.workshop_id == workshop_id))
    return res.rowcount


def list_pledges(conn: Connection, workshop_id: str, participant_id: int | None = None,
                 confirmed: bool | None = None) -> list[dict]:
    p = participants
    q = (select(pledges, p.c.name, p.c.institution, p.c.gender, p.c.age, p.c.position, p.c.dusun)
         .join(p, p.c.id == pledges.c.participant_id)
         .where(pledges.c.workshop_id == workshop_id)
         .order_by(p.c.name, p.c.id, pledges.c.id))
    if participant_id is not None:
        q = q.where(pledges.c.participant_id == participant_id)
    if confirmed is not None:
        q = q.where(pledges.c.confirmed == int(confirmed))
    return [dict(r) for r in conn.execute(q).mappings()]


def confirmed_totals_by_kind(conn: Connection, workshop_id: str) -> dict[str, dict[str, int]]:
    """kind -> {"value": rupiah, "count": pledges} over confirmed pledges."""
    q = (select(pledges.c.kind, func.coalesce(func.sum(pledges.c.value), 0), func.count())
         .where(pledges.c.workshop_id == workshop_id, pledges.c.confirmed == 1)
         .group_by(pledges.c.kind))
    return {kind: {"value": int(total), "count": int(n)} for kind, total, n in conn.execute(q)}


def count_pledgers(conn: Connection, workshop_id: str) -> int:
    q = (select(func.count(func.distinct(pledges.c.participant_id)))
         .where(pledges.c.workshop_id == workshop_id, pledges.c.confirmed == 1))
    return int(conn.execute(q).scalar_one())


def count_pending(conn: Connection, workshop_id: str) -> int:
    q = select(func.count()).select_from(pledges).where(pledges.c.workshop_id == workshop_id,
                                                        pledges.c.confirmed == 0)
    return int(conn.execute(q).scalar_one())


# ---------------------------------------------------------------- funds

def insert_fund(conn: Connection, row: dict) -> int:
    return conn.execute(pledge_funds.insert().values(**row)).inserted_primary_key[0]


def delete_fund(conn: Connection, workshop_id: str, fund_id: int) -> int:
    res = conn.execute(delete(pledge_funds).where(pledge_funds.c.id == fund_id,
                                                  pledge_funds.c.workshop_id == workshop_id))
    return res.rowcount


def list_funds(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(pledge_funds).where(pledge_funds.c.workshop_id == workshop_id)
         .order_by(pledge_funds.c.kind.desc(), pledge_funds.c.received_on, pledge_funds.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def fund_totals(conn: Connection, workshop_id: str) -> dict[str, int]:
    q = (select(pledge_funds.c.kind, func.coalesce(func.sum(pledge_funds.c.amount), 0))
         .where(pledge_funds.c.workshop_id == workshop_id).group_by(pledge_funds.c.kind))
    return {kind: int(total) for kind, total in conn.execute(q)}


# ---------------------------------------------------------------- settings

def phone_open(conn: Connection, workshop_id: str) -> bool:
    value = conn.execute(select(pledge_settings.c.phone_open)
                         .where(pledge_settings.c.workshop_id == workshop_id)).scalar()
    return bool(value)


def set_phone_open(conn: Connection, workshop_id: str, is_open: bool) -> None:
    upsert(conn, pledge_settings, {"workshop_id": workshop_id, "phone_open": int(is_open)},
           keys=["workshop_id"], update=["phone_open"])
