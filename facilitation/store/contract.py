"""Tables and queries for the learning contract (kontrak belajar).

`contracts` holds one row per workshop: the agreed schedule, rules and sanctions as JSON
(NULL = not yet agreed, the defaults apply), the participants' representative and whether
phones may send expectations now. Daily roles and the expectations/concerns are rows.
"""
from __future__ import annotations

import json

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.engine import Connection

from facilitation.store.schema import metadata, participants, workshop_fk
from facilitation.store.upsert import upsert


contracts = Table(
    "contracts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(unique=True),
    Column("schedule", Text, nullable=True),
    Column("rules", Text, nullable=True),
    Column("sanctions", Text, nullable=True),
    Column("representative_id", Integer, ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    Column("collecting", Integer, nullable=False, server_default="0"),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()),
)

contract_roles = Table(
    "contract_roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("day", Integer, nullable=False),
    Column("role", String(20), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("workshop_id", "day", "role", name="uq_contract_role"),
)

contract_voices = Table(
    "contract_voices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("kind", String(12), nullable=False),
    Column("text", String(300), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    Column("source", String(12), nullable=False),
    Column("weight", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # a double tap on a phone sends the same text twice: store it once
    UniqueConstraint("workshop_id", "participant_id", "kind", "text", name="uq_contract_voice"),
)

_JSON_FIELDS = ("schedule", "rules", "sanctions")


# ---------------------------------------------------------------- the contract row

def get_contract(conn: Connection, workshop_id: str) -> dict | None:
    row = conn.execute(select(contracts).where(contracts.c.workshop_id == workshop_id)).mappings().first()
    if row is None:
        return None
    out = dict(row)
    for f in _JSON_FIELDS:
        out[f] = json.loads(out[f]) if out[f] is not None else None
    out["collecting"] = bool(out["collecting"])
    return out


def update_contract(conn: Connection, workshop_id: str, **values) -> None:
    """Set some fields of the workshop's contract row, creating the row when needed."""
    row = {k: (json.dumps(v, ensure_ascii=False) if k in _JSON_FIELDS and v is not None else v)
           for k, v in values.items()}
    if "collecting" in row:
        row["collecting"] = int(bool(row["collecting"]))
    upsert(conn, contracts, {"workshop_id": workshop_id, **row}, keys=["workshop_id"], update=list(row))


# ---------------------------------------------------------------- daily roles

def roles(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(contract_roles.c.day, contract_roles.c.role, contract_roles.c.participant_id,
                participants.c.name, participants.c.institution)
         .join(participants, participants.c.id == contract_roles.c.participant_id)
         .where(contract_roles.c.workshop_id == workshop_id)
         .order_by(contract_roles.c.day, contract_roles.c.role))
    return [dict(r) for r in conn.execute(q).mappings()]


def set_role(conn: Connection, workshop_id: str, day: int, role: str, participant_id: int | None) -> None:
    if participant_id is None:
        conn.execute(contract_roles.delete().where(
            contract_roles.c.workshop_id == workshop_id, contract_roles.c.day == day, contract_roles.c.role == role))
        return
    upsert(conn, contract_roles, {"workshop_id": workshop_id, "day": day, "role": role,
                                  "participant_id": participant_id},
           keys=["workshop_id", "day", "role"], update=["participant_id"])


# ---------------------------------------------------------------- expectations and concerns

def voices(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(contract_voices.c.id, contract_voices.c.kind, contract_voices.c.text, contract_voices.c.source,
                contract_voices.c.weight, contract_voices.c.participant_id, contract_voices.c.created_at,
                participants.c.name.label("participant_name"))
         .outerjoin(participants, participants.c.id == contract_voices.c.participant_id)
         .where(contract_voices.c.workshop_id == workshop_id)
         .order_by(contract_voices.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def get_voices(conn: Connection, workshop_id: str, ids: list[int]) -> list[dict]:
    q = select(contract_voices).where(contract_voices.c.workshop_id == workshop_id,
                                      contract_voices.c.id.in_(ids)).order_by(contract_voices.c.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def insert_voice(conn: Connection, workshop_id: str, row: dict) -> int | None:
    """The new row's id, or None when the same person already sent the same text."""
    res = upsert(conn, contract_voices, {"workshop_id": workshop_id, **row},
                 keys=["workshop_id", "participant_id", "kind", "text"], update=[])
    # SQLite reports a conflict as rowcount 0; PostgreSQL returns no primary key
    key = res.inserted_primary_key
    return key[0] if res.rowcount and key and key[0] is not None else None


def count_voices_by(conn: Connection, workshop_id: str, participant_id: int, kind: str) -> int:
    q = select(func.count()).select_from(contract_voices).where(
        contract_voices.c.workshop_id == workshop_id, contract_voices.c.participant_id == participant_id,
        contract_voices.c.kind == kind)
    return conn.execute(q).scalar_one()


def delete_voices(conn: Connection, workshop_id: str, ids: list[int]) -> int:
    res = conn.execute(contract_voices.delete().where(contract_voices.c.workshop_id == workshop_id,
                                                      contract_voices.c.id.in_(ids)))
    return res.rowcount
