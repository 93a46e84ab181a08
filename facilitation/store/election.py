"""Tables and queries of the Pokja board election.

Secrecy lives in the schema: `election_voted` records *that* a participant voted in a round,
`election_ballots` records *what* a ballot says, and the two share no column beyond
workshop_id and round_id. A ballot has no participant, no timestamp, and a random id (on
SQLite the id is the rowid, so even the storage order is random); when a round closes its
ballots are rewritten in shuffled order, so neither ids nor the natural row order follow the
order in which people voted. Both rows of one vote are written in one transaction.
"""
from __future__ import annotations

import secrets

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from facilitation.store.schema import metadata, participants, workshop_fk


election_settings = Table(
    "election_settings",
    metadata,
    Column("workshop_id", String(12), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("day", Integer, nullable=False, server_default="4"),  # whose attendance makes a voter
    Column("sequential", Integer, nullable=False, server_default="1"),
    Column("phone_nominations", Integer, nullable=False, server_default="0"),
    Column("witness1_id", Integer, ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    Column("witness2_id", Integer, ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    Column("number", String(80), nullable=False, server_default=""),  # Nomor of the Berita Acara
    CheckConstraint("day between 1 and 4", name="ck_election_day"),
)

election_offices = Table(
    "election_offices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("position", Integer, nullable=False),
    Column("name", String(120), nullable=False),
    Column("open_candidacy", Integer, nullable=False, server_default="0"),
)

election_nominations = Table(
    "election_nominations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("office_id", Integer, ForeignKey("election_offices.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    # NULL: nominated by the facilitator
    Column("nominated_by", Integer, ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    Column("consent", String(8), nullable=False, server_default="pending"),
    UniqueConstraint("office_id", "participant_id", name="uq_election_nomination"),
    CheckConstraint("consent in ('pending','phone','verbal','declined')", name="ck_election_consent"),
)

election_rounds = Table(
    "election_rounds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("office_id", Integer, ForeignKey("election_offices.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("status", String(8), nullable=False, server_default="open"),
    Column("eligible", Integer, nullable=True),  # voters present when the round closed
    Column("opened_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("office_id", "number", name="uq_election_round_number"),
    CheckConstraint("kind in ('regular','runoff')", name="ck_election_round_kind"),
    CheckConstraint("status in ('open','closed')", name="ck_election_round_status"),
)
# one open ballot per workshop at a time: phones and projector always know which one
Index("uq_election_one_open_round", election_rounds.c.workshop_id, unique=True,
      sqlite_where=election_rounds.c.status == "open", postgresql_where=election_rounds.c.status == "open")

election_round_candidates = Table(
    "election_round_candidates",
    metadata,
    workshop_fk(),
    Column("round_id", Integer, ForeignKey("election_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("round_id", "participant_id", name="pk_election_round_candidates"),
)

election_voted = Table(
    "election_voted",
    metadata,
    workshop_fk(),
    Column("round_id", Integer, ForeignKey("election_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("round_id", "participant_id", name="uq_election_voted_once"),
)

# BIGINT on PostgreSQL; on SQLite an INTEGER PRIMARY KEY is the rowid itself (random too)
BallotId = BigInteger().with_variant(Integer(), "sqlite")

election_ballots = Table(
    "election_ballots",
    metadata,
    Column("id", BallotId, primary_key=True, autoincrement=False),
    workshop_fk(),
    Column("round_id", Integer, ForeignKey("election_rounds.id", ondelete="CASCADE"), nullable=False, index=True),
    # NULL is a blank ballot; no foreign key, so a ballot never blocks deleting a participant
    Column("candidate_id", Integer, nullable=True),
    Column("source", String(5), nullable=False),
    CheckConstraint("source in ('phone','paper')", name="ck_election_ballot_source"),
)

election_outcomes = Table(
    "election_outcomes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("office_id", Integer, ForeignKey("election_offices.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("round_id", Integer, ForeignKey("election_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("method", String(10), nullable=False),
    Column("seed", String(40), nullable=True),  # drawing lots: anyone can redo the draw
    Column("decided_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("office_id", name="uq_election_outcome_office"),
    CheckConstraint("method in ('votes','runoff','agreement','lot')", name="ck_election_outcome_method"),
)


def _random_id() -> int:
    return secrets.randbits(62) + 1


# ---------------------------------------------------------------- settings and offices

def insert_settings_if_missing(conn: Connection, workshop_id: str) -> bool:
    """True when this call created the settings (the first visit of the election). RETURNING,
    not rowcount: psycopg reports -1 for an INSERT … ON CONFLICT DO NOTHING."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = (dialect.insert(election_settings).values(workshop_id=workshop_id)
            .on_conflict_do_nothing(index_elements=["workshop_id"])
            .returning(election_settings.c.workshop_id))
    return conn.execute(stmt).first() is not None


def get_settings(conn: Connection, workshop_id: str) -> dict | None:
    q = select(election_settings).where(election_settings.c.workshop_id == workshop_id)
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def update_settings(conn: Connection, workshop_id: str, values: dict) -> None:
    conn.execute(update(election_settings).where(election_settings.c.workshop_id == workshop_id).values(**values))


def list_offices(conn: Connection, workshop_id: str) -> list[dict]:
    q = (select(election_offices).where(election_offices.c.workshop_id == workshop_id)
         .order_by(election_offices.c.position, election_offices.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def get_office(conn: Connection, workshop_id: str, office_id: int) -> dict | None:
    q = select(election_offices).where(election_offices.c.id == office_id,
                                       election_offices.c.workshop_id == workshop_id)
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def insert_office(conn: Connection, workshop_id: str, name: str, position: int | None = None) -> int:
    if position is None:
        top = conn.execute(select(func.max(election_offices.c.position))
                           .where(election_offices.c.workshop_id == workshop_id)).scalar()
        position = (top or 0) + 1
    row = {"workshop_id": workshop_id, "name": name, "position": position}
    return conn.execute(election_offices.insert().values(**row)).inserted_primary_key[0]


def update_office(conn: Connection, workshop_id: str, office_id: int, values: dict) -> int:
    res = conn.execute(update(election_offices).where(
        election_offices.c.id == office_id, election_offices.c.workshop_id == workshop_id).values(**values))
    return res.rowcount


def delete_office(conn: Connection, workshop_id: str, office_id: int) -> int:
    res = conn.execute(delete(election_offices).where(
        election_offices.c.id == office_id, election_offices.c.workshop_id == workshop_id))
    return res.rowcount


# ---------------------------------------------------------------- nominations

def insert_nomination(conn: Connection, row: dict) -> int:
    return conn.execute(election_nominations.insert().values(**row)).inserted_primary_key[0]


def get_nomination(conn: Connection, workshop_id: str, nomination_id: int) -> dict | None:
    q = select(election_nominations).where(election_nominations.c.id == nomination_id,
                                           election_nominations.c.workshop_id == workshop_id)
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def find_nomination(conn: Connection, office_id: int, participant_id: int) -> dict | None:
    q = select(election_nominations).where(election_nominations.c.office_id == office_id,
                                           election_nominations.c.participant_id == participant_id)
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def set_consent(conn: Connection, nomination_id: int, consent: str) -> None:
    conn.execute(update(election_nominations).where(election_nominations.c.id == nomination_id)
                 .values(consent=consent))


def delete_nomination(conn: Connection, workshop_id: str, nomination_id: int) -> int:
    res = conn.execute(delete(election_nominations).where(
        election_nominations.c.id == nomination_id, election_nominations.c.workshop_id == workshop_id))
    return res.rowcount


def list_nominations(conn: Connection, workshop_id: str, office_id: int | None = None,
                     participant_id: int | None = None) -> list[dict]:
    n, p = election_nominations, participants
    q = (select(n, p.c.name, p.c.institution)
         .join(p, p.c.id == n.c.participant_id)
         .where(n.c.workshop_id == workshop_id)
         .order_by(n.c.office_id, p.c.name, n.c.id))
    if office_id is not None:
        q = q.where(n.c.office_id == office_id)
    if participant_id is not None:
        q = q.where(n.c.participant_id == participant_id)
    return [dict(r) for r in conn.execute(q).mappings()]


def consenting_nominees(conn: Connection, office_id: int) -> list[int]:
    q = select(election_nominations.c.participant_id).where(
        election_nominations.c.office_id == office_id,
        election_nominations.c.consent.in_(("phone", "verbal")))
    return [r[0] for r in conn.execute(q)]


# ---------------------------------------------------------------- rounds

def list_rounds(conn: Connection, workshop_id: str, office_id: int | None = None) -> list[dict]:
    q = select(election_rounds).where(election_rounds.c.workshop_id == workshop_id)
    if office_id is not None:
        q = q.where(election_rounds.c.office_id == office_id)
    q = q.order_by(election_rounds.c.office_id, election_rounds.c.number)
    return [dict(r) for r in conn.execute(q).mappings()]


def get_round(conn: Connection, workshop_id: str, round_id: int) -> dict | None:
    q = select(election_rounds).where(election_rounds.c.id == round_id, election_rounds.c.workshop_id == workshop_id)
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def open_round_row(conn: Connection, workshop_id: str) -> dict | None:
    q = select(election_rounds).where(election_rounds.c.workshop_id == workshop_id,
                                      election_rounds.c.status == "open")
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def insert_round(conn: Connection, workshop_id: str, office_id: int, number: int, kind: str,
                 candidate_ids: list[int]) -> int:
    round_id = conn.execute(election_rounds.insert().values(
        workshop_id=workshop_id, office_id=office_id, number=number, kind=kind, status="open",
    )).inserted_primary_key[0]
    conn.execute(election_round_candidates.insert(), [
        {"workshop_id": workshop_id, "round_id": round_id, "participant_id": pid} for pid in candidate_ids
    ])
    return round_id


def close_round_row(conn: Connection, round_id: int, eligible: int) -> int:
    res = conn.execute(update(election_rounds)
                       .where(election_rounds.c.id == round_id, election_rounds.c.status == "open")
                       .values(status="closed", eligible=eligible, closed_at=func.now()))
    return res.rowcount


def delete_round(conn: Connection, round_id: int) -> None:
    conn.execute(delete(election_rounds).where(election_rounds.c.id == round_id))


def delete_rounds_of_office(conn: Connection, office_id: int) -> None:
    conn.execute(delete(election_rounds).where(election_rounds.c.office_id == office_id))


def round_candidate_ids(conn: Connection, round_id: int) -> list[int]:
    q = select(election_round_candidates.c.participant_id).where(election_round_candidates.c.round_id == round_id)
    return sorted(r[0] for r in conn.execute(q))


# ---------------------------------------------------------------- voting

def has_voted(conn: Connection, round_id: int, participant_id: int) -> bool:
    q = select(election_voted.c.participant_id).where(election_voted.c.round_id == round_id,
                                                      election_voted.c.participant_id == participant_id)
    return conn.execute(q).first() is not None


def record_vote(conn: Connection, workshop_id: str, round_id: int, participant_id: int,
                candidate_id: int | None) -> None:
    """The voted mark and the ballot, in the caller's transaction. The unique constraint on
    (round_id, participant_id) refuses a second vote; the ballot then rolls back with it."""
    conn.execute(election_voted.insert().values(workshop_id=workshop_id, round_id=round_id,
                                                participant_id=participant_id))
    conn.execute(election_ballots.insert().values(id=_random_id(), workshop_id=workshop_id, round_id=round_id,
                                                 candidate_id=candidate_id, source="phone"))


def count_voted(conn: Connection, round_id: int) -> int:
    q = select(func.count()).select_from(election_voted).where(election_voted.c.round_id == round_id)
    return conn.execute(q).scalar_one()


def count_ballots(conn: Connection, round_id: int, source: str | None = None) -> int:
    q = select(func.count()).select_from(election_ballots).where(election_ballots.c.round_id == round_id)
    if source:
        q = q.where(election_ballots.c.source == source)
    return conn.execute(q).scalar_one()


def replace_paper_ballots(conn: Connection, workshop_id: str, round_id: int, counts: dict[int | None, int]) -> None:
    """Paper ballots as counted into Rembug: one row per ballot, like phone ballots."""
    conn.execute(delete(election_ballots).where(election_ballots.c.round_id == round_id,
                                                election_ballots.c.source == "paper"))
    rows = [
        {"id": _random_id(), "workshop_id": workshop_id, "round_id": round_id, "candidate_id": cid, "source": "paper"}
        for cid, n in counts.items() for _ in range(n)
    ]
    if rows:
        conn.execute(election_ballots.insert(), rows)


def shuffle_ballots(conn: Connection, round_id: int) -> None:
    """Rewrite a round's ballots in random order with new random ids."""
    rows = [dict(r) for r in conn.execute(
        select(election_ballots.c.workshop_id, election_ballots.c.candidate_id, election_ballots.c.source)
        .where(election_ballots.c.round_id == round_id)).mappings()]
    secrets.SystemRandom().shuffle(rows)
    conn.execute(delete(election_ballots).where(election_ballots.c.round_id == round_id))
    if rows:
        conn.execute(election_ballots.insert(), [{**r, "id": _random_id(), "round_id": round_id} for r in rows])


def ballot_counts(conn: Connection, round_id: int) -> dict[int | None, int]:
    """Ballots per candidate (None: blank), phone and paper together, aggregated by the
    database. Not split by source: with few paper voters, known in the hall, a split per
    candidate would tell how they voted."""
    b = election_ballots
    q = select(b.c.candidate_id, func.count()).where(b.c.round_id == round_id).group_by(b.c.candidate_id)
    return {cid: int(n) for cid, n in conn.execute(q)}


# ---------------------------------------------------------------- outcomes

def insert_outcome(conn: Connection, row: dict) -> None:
    conn.execute(election_outcomes.insert().values(**row))


def delete_outcome(conn: Connection, office_id: int) -> None:
    conn.execute(delete(election_outcomes).where(election_outcomes.c.office_id == office_id))


def list_outcomes(conn: Connection, workshop_id: str) -> list[dict]:
    q = select(election_outcomes).where(election_outcomes.c.workshop_id == workshop_id)
    return [dict(r) for r in conn.execute(q).mappings()]
