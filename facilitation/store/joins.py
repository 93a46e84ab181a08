"""Which participants have taken their personal link through the workshop's join code.

The join code is on the projector for the whole hall to see; a name picked there hands out
that person's link once. After that the page refuses the name: someone else picking it would
otherwise get the link too (and vote as that person), and a phone reported lost could simply
be joined again. The facilitator gives a new link by hand instead (Peserta page).
"""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, Table, select
from sqlalchemy.engine import Connection

from facilitation.store.schema import created_at, metadata, workshop_fk
from facilitation.store.upsert import upsert

participant_joins = Table(
    "participant_joins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False,
           unique=True),
    created_at(),
)


def claim(conn: Connection, workshop_id: str, participant_id: int) -> bool:
    """Record that the participant took their link; False when someone already had."""
    result = upsert(conn, participant_joins, {"workshop_id": workshop_id, "participant_id": participant_id},
                    keys=["participant_id"], update=[])
    return result.rowcount == 1


def joined_ids(conn: Connection, workshop_id: str) -> set[int]:
    q = select(participant_joins.c.participant_id).where(participant_joins.c.workshop_id == workshop_id)
    return {r[0] for r in conn.execute(q)}
