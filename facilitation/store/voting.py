"""Tables and queries for live polls: polls, ballots, who voted, hand counts.

One ballot per participant per poll is a UNIQUE constraint on `poll_ballots`; writes go
through `upsert_ballot`, so a double tap or a retried request replaces instead of adding.
Secret polls store their ballots with `participant_id` NULL (NULLs never collide under
UNIQUE) and record *that* someone voted in `poll_voters`, which has neither an id nor a
time, so nothing in the store pairs a voter with a ballot. (Open polls need no such row:
their ballots name their voters.)

The queries a phone or the projector runs on every rerun are built once, with bind
parameters, at import: building a SQLAlchemy statement costs more than running it on SQLite.
"""
from __future__ import annotations

import json

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    func,
    select,
    union,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from facilitation.store.schema import created_at, metadata, participants, workshop_fk
from facilitation.store.upsert import upsert

POLL_STATUSES = ("draft", "open", "closed")


polls = Table(
    "polls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("title", String(200), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("items", Text, nullable=False),  # JSON [{"id": int|str, "label": str}, ...]
    Column("config", Text, nullable=False, server_default="{}"),  # JSON, voting_tally keys
    Column("source", String(40), nullable=False, server_default="manual"),
    Column("source_ref", String(80), nullable=False, server_default=""),
    Column("status", String(8), nullable=False, server_default="draft"),
    Column("revealed", Integer, nullable=False, server_default="0"),
    Column("secret", Integer, nullable=False, server_default="0"),
    Column("tie_rule", Text, nullable=False, server_default='["none"]'),  # JSON rule chain
    Column("tie_seed", String(40), nullable=True),  # recorded when the chain draws lots
    Column("tie_rule_at", DateTime(timezone=True), nullable=True),
    created_at(),
    Column("opened_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    CheckConstraint("status in ('draft','open','closed')", name="ck_poll_status"),
    CheckConstraint("kind in ('single','multiple','dots','ranking','pairwise','matrix')", name="ck_poll_kind"),
)

poll_ballots = Table(
    "poll_ballots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("poll_id", Integer, ForeignKey("polls.id", ondelete="CASCADE"), nullable=False, index=True),
    # NULL for secret polls (see poll_voters)
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=True),
    Column("payload", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("poll_id", "participant_id", name="uq_poll_ballot_voter"),
)

# Who voted. No autoincrement id and no time on purpose: either would let a reader line the
# rows up with the ballots of a secret poll. Without rowid on SQLite, rows sit in key order.
# The key columns come first: SQLite 3.40's quick_check misreads NOT NULL columns placed
# before the key of a WITHOUT ROWID table (and the start-up store check runs quick_check).
poll_voters = Table(
    "poll_voters",
    metadata,
    Column("poll_id", Integer, ForeignKey("polls.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    workshop_fk(),
    PrimaryKeyConstraint("poll_id", "participant_id", name="pk_poll_voters"),
    sqlite_with_rowid=False,
)

poll_hand_counts = Table(
    "poll_hand_counts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    workshop_fk(),
    Column("poll_id", Integer, ForeignKey("polls.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("payload", Text, nullable=False),  # JSON {"points": {...}, "ballots": [...], "voters": n}
    Column("entered_by", String(120), nullable=False, server_default=""),
    Column("entered_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _poll_row(row) -> dict:
    out = dict(row)
    out["items"] = json.loads(out["items"])
    out["config"] = json.loads(out["config"])
    out["tie_rule"] = json.loads(out["tie_rule"])
    out["revealed"] = bool(out["revealed"])
    out["secret"] = bool(out["secret"])
    return out


# ---------------------------------------------------------------- prebuilt statements

_POLL = select(polls).where(polls.c.id == bindparam("poll_id"), polls.c.workshop_id == bindparam("wid"))
# FOR SHARE on PostgreSQL (a closing UPDATE waits for ballots in flight); SQLite renders nothing
_POLL_LOCKED = _POLL.with_for_update(read=True)
_WITH_MY_BALLOT = (
    select(polls, poll_ballots.c.payload.label("my_payload"), poll_voters.c.participant_id.label("my_vote"))
    .select_from(
        polls.outerjoin(poll_ballots, and_(poll_ballots.c.poll_id == polls.c.id,
                                           poll_ballots.c.participant_id == bindparam("pid")))
        .outerjoin(poll_voters, and_(poll_voters.c.poll_id == polls.c.id,
                                     poll_voters.c.participant_id == bindparam("pid")))
    )
    .where(polls.c.workshop_id == bindparam("wid"))
)
_OPEN_WITH_MY_BALLOT = _WITH_MY_BALLOT.where(polls.c.status == "open").order_by(
    polls.c.opened_at.desc(), polls.c.id.desc())
_OPEN_IDS = select(polls.c.id).where(polls.c.workshop_id == bindparam("wid"), polls.c.status == "open").order_by(polls.c.id)
_PAYLOADS = select(poll_ballots.c.payload).where(poll_ballots.c.poll_id == bindparam("poll_id")).order_by(poll_ballots.c.id)
# who voted: the voter of every open ballot, and the poll_voters rows of secret polls
_VOTER_IDS = union(
    select(poll_ballots.c.participant_id).where(poll_ballots.c.poll_id == bindparam("poll_id"),
                                                poll_ballots.c.participant_id.is_not(None)),
    select(poll_voters.c.participant_id).where(poll_voters.c.poll_id == bindparam("poll_id")),
)
_HAND = select(poll_hand_counts).where(poll_hand_counts.c.poll_id == bindparam("poll_id"))
_BALLOT_OF = select(poll_ballots.c.payload).where(poll_ballots.c.poll_id == bindparam("poll_id"),
                                                  poll_ballots.c.participant_id == bindparam("pid"))
_PARTICIPANT_IN = select(participants.c.id).where(participants.c.id == bindparam("pid"),
                                                  participants.c.workshop_id == bindparam("wid"))
_PARTICIPANT_BY_TOKEN = select(participants.c.id).where(participants.c.token == bindparam("token"),
                                                        participants.c.token_revoked == 0)
_INSERT_BALLOT = poll_ballots.insert()
_INSERT_VOTER = poll_voters.insert()
_UPSERTS: dict[str, object] = {}


def _ballot_upsert(conn: Connection):
    """INSERT … ON CONFLICT (poll_id, participant_id) DO UPDATE, built once per dialect."""
    stmt = _UPSERTS.get(conn.dialect.name)
    if stmt is None:
        ins = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(poll_ballots)
        stmt = ins.on_conflict_do_update(index_elements=["poll_id", "participant_id"],
                                         set_={"payload": ins.excluded.payload, "updated_at": ins.excluded.updated_at})
        _UPSERTS[conn.dialect.name] = stmt
    return stmt


# ---------------------------------------------------------------- polls

def insert_poll(conn: Connection, row: dict) -> int:
    values = {**row, "items": dumps(row["items"]), "config": dumps(row.get("config") or {})}
    return conn.execute(polls.insert().values(**values)).inserted_primary_key[0]


def get_poll(conn: Connection, workshop_id: str, poll_id: int, for_update: bool = False) -> dict | None:
    stmt = _POLL_LOCKED if for_update else _POLL
    row = conn.execute(stmt, {"poll_id": poll_id, "wid": workshop_id}).mappings().first()
    return _poll_row(row) if row else None


def list_polls(conn: Connection, workshop_id: str, source: str | None = None,
               status: str | None = None) -> list[dict]:
    q = select(polls).where(polls.c.workshop_id == workshop_id)
    if source is not None:
        q = q.where(polls.c.source == source)
    if status is not None:
        q = q.where(polls.c.status == status)
    return [_poll_row(r) for r in conn.execute(q.order_by(polls.c.id)).mappings()]


def update_poll(conn: Connection, workshop_id: str, poll_id: int, values: dict,
                expect_status: tuple[str, ...] | None = None) -> int:
    """Change a poll; with `expect_status` only while it is in one of those states."""
    values = dict(values)
    if "tie_rule" in values:
        values["tie_rule"] = dumps(values["tie_rule"])
    q = update(polls).where(polls.c.id == poll_id, polls.c.workshop_id == workshop_id)
    if expect_status:
        q = q.where(polls.c.status.in_(expect_status))
    return conn.execute(q.values(**values)).rowcount


def delete_poll(conn: Connection, workshop_id: str, poll_id: int, only_status: str = "draft") -> int:
    q = polls.delete().where(polls.c.id == poll_id, polls.c.workshop_id == workshop_id,
                             polls.c.status == only_status)
    return conn.execute(q).rowcount


def _with_my_ballot(rows) -> list[dict]:
    out = []
    for r in rows:
        row = dict(r)
        payload, voted = row.pop("my_payload"), row.pop("my_vote")
        poll = _poll_row(row)
        poll["my_ballot"] = json.loads(payload) if payload is not None else None
        poll["voted"] = voted is not None or payload is not None
        out.append(poll)
    return out


def open_polls_with_ballot(conn: Connection, workshop_id: str, participant_id: int | None) -> list[dict]:
    """The open polls, newest first, each with this participant's ballot payload (or None) and
    whether they voted. One query: the phone page runs it on every rerun."""
    return _with_my_ballot(conn.execute(_OPEN_WITH_MY_BALLOT, {"wid": workshop_id, "pid": participant_id}).mappings())


def open_poll_ids(conn: Connection, workshop_id: str) -> list[int]:
    return [r[0] for r in conn.execute(_OPEN_IDS, {"wid": workshop_id})]


# ---------------------------------------------------------------- ballots

def participant_in_workshop(conn: Connection, workshop_id: str, participant_id: int) -> bool:
    return conn.execute(_PARTICIPANT_IN, {"pid": participant_id, "wid": workshop_id}).first() is not None


def participant_id_for_token(conn: Connection, token: str) -> int | None:
    row = conn.execute(_PARTICIPANT_BY_TOKEN, {"token": token}).first()
    return row[0] if row else None


def insert_ballot(conn: Connection, row: dict) -> int:
    """A plain insert: a second ballot of the same voter in the same poll raises IntegrityError."""
    values = {**row, "payload": dumps(row["payload"])}
    return conn.execute(_INSERT_BALLOT, values).inserted_primary_key[0]


def upsert_ballot(conn: Connection, row: dict) -> None:
    """Insert or replace the voter's ballot (ON CONFLICT (poll_id, participant_id) DO UPDATE)."""
    conn.execute(_ballot_upsert(conn), {**row, "payload": dumps(row["payload"])})


def insert_voter(conn: Connection, workshop_id: str, poll_id: int, participant_id: int) -> None:
    """Record that a participant voted; raises IntegrityError if they already did."""
    conn.execute(_INSERT_VOTER, {"workshop_id": workshop_id, "poll_id": poll_id, "participant_id": participant_id})


def ballot_of(conn: Connection, poll_id: int, participant_id: int) -> object | None:
    row = conn.execute(_BALLOT_OF, {"poll_id": poll_id, "pid": participant_id}).first()
    return json.loads(row[0]) if row else None


def ballot_payloads(conn: Connection, poll_id: int) -> list:
    """Every phone ballot's payload, in id order (the tally does not depend on the order)."""
    return [json.loads(r[0]) for r in conn.execute(_PAYLOADS, {"poll_id": poll_id})]


def ballot_rows(conn: Connection, poll_id: int) -> list[dict]:
    q = select(poll_ballots).where(poll_ballots.c.poll_id == poll_id).order_by(poll_ballots.c.id)
    return [dict(r, payload=json.loads(r["payload"])) for r in conn.execute(q).mappings()]


def voter_ids(conn: Connection, poll_id: int) -> list[int]:
    return [r[0] for r in conn.execute(_VOTER_IDS, {"poll_id": poll_id})]


def count_ballots(conn: Connection, workshop_id: str, poll_id: int | None = None) -> int:
    q = select(func.count()).select_from(poll_ballots).where(poll_ballots.c.workshop_id == workshop_id)
    if poll_id is not None:
        q = q.where(poll_ballots.c.poll_id == poll_id)
    return conn.execute(q).scalar_one()


def ballot_counts(conn: Connection, workshop_id: str) -> dict[int, int]:
    q = (select(poll_ballots.c.poll_id, func.count()).where(poll_ballots.c.workshop_id == workshop_id)
         .group_by(poll_ballots.c.poll_id))
    return {pid: n for pid, n in conn.execute(q)}


# ---------------------------------------------------------------- hand counts

def set_hand_counts(conn: Connection, row: dict) -> None:
    values = {**row, "payload": dumps(row["payload"])}
    upsert(conn, poll_hand_counts, values, keys=["poll_id"], update=["payload", "entered_by", "entered_at"])


def get_hand_counts(conn: Connection, poll_id: int) -> dict | None:
    row = conn.execute(_HAND, {"poll_id": poll_id}).mappings().first()
    return dict(row, payload=json.loads(row["payload"])) if row else None


def delete_hand_counts(conn: Connection, poll_id: int) -> int:
    return conn.execute(poll_hand_counts.delete().where(poll_hand_counts.c.poll_id == poll_id)).rowcount
