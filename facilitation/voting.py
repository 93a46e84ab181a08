"""Live polls: create, open, vote, count by hand, close, reveal, and read the result.

The counting itself is `facilitation.voting_tally` (pure functions); this module keeps polls
and ballots in the store and hands the tally what it needs. Other steps (problem ranking,
baseline scoring, ideas, candidates) create their polls here from their own lists.

Public API (every function takes the `Database` and the workshop id first)
--------------------------------------------------------------------------
    create_poll(db, wid, title, kind, items, config=None, *, source="manual", source_ref="",
                secret=False) -> poll id
        kind: one of voting_tally.KINDS ("single", "multiple", "dots", "ranking",
        "pairwise", "matrix"). items: [{"id": 7, "label": "Air bersih"}, ...] (ids int or
        str, unique; labels unique, shown on phones) or plain strings (ids become 1, 2, ...).
        config: the voting_tally keys for the kind (dots, max_per_item, max_choices,
        min_ranked, allow_ties, criteria, weights, min_score, max_score); for matrix,
        criteria may be strings or {"id", "label"} dicts. Dot voting without `dots` gets
        DOMAIN.md §4.3's default clamp(ceil(n/3), 3, 5). `source` names the list the items
        came from ("problems", "ideas", ...), `source_ref` a key inside it (a dimension…).
        New polls are drafts: phones see them only once opened.
    open_poll / close_poll(db, wid, poll_id)     draft -> open -> closed (closed is final)
    reveal(db, wid, poll_id, revealed=True)      the projector shows results only when revealed
    set_tie_rule(db, wid, poll_id, rule)         a rule of voting_tally.RULES_BY_KIND[kind] (or a
                                                 chain); "lot" draws and records a seed now
    delete_poll(db, wid, poll_id)                drafts only
    cast_ballot(db, wid, poll_id, participant_id, payload) -> stored payload
        payload in voting_tally's ballot format (dict keys may be the ids' strings).
        Validated with voting_tally.validate_ballot (InputError, field 'ballot'); a poll
        that is not open refuses with RembugError('live.err_poll_closed' /
        'live.err_poll_not_open'). While the poll is open a participant may vote again: the
        new ballot replaces the old one (one row per participant and poll, by constraint).
        Secret polls keep the ballot without the voter and accept one ballot per person
        ('live.err_secret_voted' on a second try).
    record_hand_counts(db, wid, poll_id, points=None, paper_ballots=(), voters=0, entered_by="")
        What was counted by hand: points per item (dot stickers, show of hands, a
        flipchart's Borda points or wins), paper ballots (in the phone format; the only way
        for matrix scoring), and how many people were counted by hand. Replaces the poll's
        previous hand count; all empty clears it.
    hand_counts(db, wid, poll_id) -> {"points", "ballots", "voters", "entered_by", "entered_at"} | None
    result(db, wid, poll_id, tie_rule=None) -> PollResult
        .tally: voting_tally.TallyResult (items in rank order with phone, hand and total;
        tie_groups; tie_rule and seed as applied; rank_table / win_matrix / criterion_means)
        .rows(): plain rows with labels for tables and charts; .labels {item id: label};
        .voted (phone voters), .present (people present on the poll's workshop day, or all
        registered when attendance of that day is not recorded: .present_basis), .voted_present,
        .hand_voters, .day. Without `tie_rule` the poll's recorded rule applies.
    turnout(db, wid, poll_id) -> (voted_present, present, voted)
    get_poll(db, wid, poll_id) -> dict;  list_polls(db, wid, source=None, status=None) -> [dict]
        (history, oldest first, each with "ballots": the number of phone ballots)
    open_polls_for(db, wid, participant_id=None) -> [dict]
        the open polls, newest first; with a participant each carries "my_ballot" (None,
        or the ballot with ids restored) and "voted"
    open_poll_ids(db, wid) -> [int]   (cheap: for change detection)
    token_holder(db, token) -> participant id | None   (a live, unrevoked personal link)
    my_ballot(db, wid, poll_id, participant_id) -> ballot | None
    workshop_day(ws, date) -> 1..4
A poll dict has: id, workshop_id, title, kind, items, config, source, source_ref, status,
revealed, secret, tie_rule (list), tie_seed, created_at, opened_at, closed_at.
"""
from __future__ import annotations

import datetime as dt
import math
import secrets
import threading
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Literal

from pydantic import Field
from sqlalchemy.exc import IntegrityError

from facilitation import voting_tally
from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.models import _Input
from facilitation.store import Database
from facilitation.store import voting as q
from facilitation.store import workshops as wq
from facilitation.validation import validate

KINDS = voting_tally.KINDS
STATUSES = q.POLL_STATUSES
MAX_ITEMS = 60
CONFIG_KEYS = {
    "single": (),
    "multiple": ("max_choices",),
    "dots": ("dots", "max_per_item"),
    "ranking": ("min_ranked",),
    "pairwise": ("allow_ties",),
    "matrix": ("criteria", "weights", "min_score", "max_score"),
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# SQLite has one writer at a time, and a writer that finds the file locked polls it with
# sleeps of up to 100 ms. Ballots of the whole hall arrive within seconds, all in this one
# server process: queue them on a lock instead, which hands over the moment a commit ends.
_SQLITE_BALLOTS = threading.Lock()


def _ballot_writes(db: Database):
    return _SQLITE_BALLOTS if db.is_sqlite else nullcontext()


# ---------------------------------------------------------------- input

class PollIn(_Input):
    title: str = Field(min_length=1, max_length=200)
    kind: Literal["single", "multiple", "dots", "ranking", "pairwise", "matrix"]
    source: str = Field(default="manual", max_length=40)
    source_ref: str = Field(default="", max_length=80)
    secret: bool = False


def _clean_text(value) -> str:
    """One line: control characters dropped, any run of white space (tabs, line breaks) one space."""
    text = "" if value is None else str(value)
    return " ".join("".join(ch for ch in text if ord(ch) >= 32 or ch in "\t\n\r ").split())


def _items(raw) -> list[dict]:
    """[{"id", "label"}] from dicts or plain strings; ids unique, labels non-empty and distinct."""
    if not isinstance(raw, (list, tuple)):
        raise InputError([FieldError("items", "live.err_items_few", {"min": 2})])
    errors: list[FieldError] = []
    out: list[dict] = []
    seen_ids: set = set()
    seen_labels: set = set()
    for n, item in enumerate(raw, start=1):
        if isinstance(item, Mapping):
            item_id, label = item.get("id"), _clean_text(item.get("label"))
        else:
            item_id, label = n, _clean_text(item)
        if isinstance(item_id, bool) or not isinstance(item_id, (int, str)) or item_id == "":
            errors.append(FieldError("items", "live.err_item_id", {"n": n}))
            continue
        if not label or len(label) > 200:
            errors.append(FieldError("items", "live.err_item_label", {"n": n}))
            continue
        if item_id in seen_ids or str(item_id) in {str(i) for i in seen_ids}:
            errors.append(FieldError("items", "live.err_item_duplicate", {"label": label}))
            continue
        if label.casefold() in seen_labels:
            errors.append(FieldError("items", "live.err_item_duplicate", {"label": label}))
            continue
        seen_ids.add(item_id)
        seen_labels.add(label.casefold())
        out.append({"id": item_id, "label": label})
    if len(out) < 2 and not errors:
        errors.append(FieldError("items", "live.err_items_few", {"min": 2}))
    if len(out) > MAX_ITEMS:
        errors.append(FieldError("items", "live.err_items_many", {"max": MAX_ITEMS}))
    if errors:
        raise InputError(errors)
    return out


def _config(kind: str, items: list[dict], raw: Mapping | None) -> dict:
    """The kind's settings, checked by voting_tally; matrix criteria as ids plus labels."""
    raw = dict(raw or {})
    config = {k: raw[k] for k in CONFIG_KEYS[kind] if k in raw and raw[k] is not None}
    if kind == "dots" and "dots" not in config:
        config["dots"] = min(5, max(3, math.ceil(len(items) / 3)))
    if kind == "matrix":
        ids, labels = [], {}
        for c in raw.get("criteria") or []:
            if isinstance(c, Mapping):
                cid, label = str(c.get("id", "")).strip(), _clean_text(c.get("label"))
            else:
                cid = label = _clean_text(c)
            if cid:
                ids.append(cid)
                labels[cid] = label or cid
        config["criteria"] = ids
        config["criterion_labels"] = labels
        if config.get("weights"):
            config["weights"] = {str(k): v for k, v in config["weights"].items()}
    voting_tally.validate_config(kind, {**config, "items": [i["id"] for i in items]})
    return config


def tally_config(poll: dict) -> dict:
    return {**poll["config"], "items": [i["id"] for i in poll["items"]]}


# ---------------------------------------------------------------- ballots in JSON and back

def _id_lookup(poll: dict) -> dict:
    lookup = {}
    for item in poll["items"]:
        lookup[str(item["id"])] = item["id"]
        lookup[item["id"]] = item["id"]
    return lookup


def _restore(poll: dict, payload):
    """A ballot as voting_tally expects it: dict keys back to the items' own ids.

    JSON turns every mapping key into a string; lists keep ints. Unknown ids stay as they
    are so that validation names them."""
    ids = _id_lookup(poll)

    def one(value):
        try:
            return ids.get(value, value)
        except TypeError:  # unhashable: validation reports it
            return value

    kind = poll["kind"]
    if kind == "single":
        return one(payload)
    if kind in ("multiple", "ranking"):
        return [one(v) for v in payload] if isinstance(payload, (list, tuple)) else payload
    if kind == "dots":
        return {one(k): v for k, v in payload.items()} if isinstance(payload, Mapping) else payload
    if kind == "pairwise":
        if isinstance(payload, Mapping):
            payload = [(pair[0], pair[1], winner) if isinstance(pair, (list, tuple)) and len(pair) == 2
                       else (pair, None, winner) for pair, winner in payload.items()]
        if isinstance(payload, (list, tuple)):
            return [tuple(one(v) if v is not None else None for v in c) if isinstance(c, (list, tuple)) else c
                    for c in payload]
        return payload
    if kind == "matrix" and isinstance(payload, Mapping):
        return {one(k): ({str(c): s for c, s in row.items()} if isinstance(row, Mapping) else row)
                for k, row in payload.items()}
    return payload


def _to_json(poll: dict, ballot):
    """The validated ballot in a JSON-safe shape (pairwise as [a, b, winner] lists)."""
    kind = poll["kind"]
    if kind == "dots":
        return {str(k): v for k, v in ballot.items() if v}
    if kind in ("multiple", "ranking"):
        return list(ballot)
    if kind == "pairwise":
        return [list(c) for c in ballot]
    if kind == "matrix":
        return {str(k): dict(row) for k, row in ballot.items()}
    return ballot


# ---------------------------------------------------------------- polls

def create_poll(db: Database, workshop_id: str, title: str, kind: str, items, config: Mapping | None = None,
                *, source: str = "manual", source_ref: str = "", secret: bool = False) -> int:
    head = validate(PollIn, {"title": title, "kind": kind, "source": source, "source_ref": source_ref,
                             "secret": secret})
    clean_items = _items(items)
    clean_config = _config(head.kind, clean_items, config)
    with db.tx() as conn:
        if wq.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        return q.insert_poll(conn, {
            "workshop_id": workshop_id, "title": head.title, "kind": head.kind, "items": clean_items,
            "config": clean_config, "source": head.source, "source_ref": head.source_ref,
            "secret": int(head.secret), "status": "draft",
        })


def get_poll(db: Database, workshop_id: str, poll_id: int) -> dict:
    with db.read() as conn:
        poll = q.get_poll(conn, workshop_id, poll_id)
    if poll is None:
        raise NotFound("live.err_poll_not_found", id=poll_id)
    return poll


def list_polls(db: Database, workshop_id: str, source: str | None = None, status: str | None = None) -> list[dict]:
    with db.read() as conn:
        polls = q.list_polls(conn, workshop_id, source, status)
        counts = q.ballot_counts(conn, workshop_id)
    for poll in polls:
        poll["ballots"] = counts.get(poll["id"], 0)
    return polls


def _transition(db: Database, workshop_id: str, poll_id: int, values: dict, allowed: tuple, refusal: str) -> None:
    with db.tx() as conn:
        if q.update_poll(conn, workshop_id, poll_id, values, expect_status=allowed):
            return
        poll = q.get_poll(conn, workshop_id, poll_id)
    if poll is None:
        raise NotFound("live.err_poll_not_found", id=poll_id)
    raise RembugError(refusal, title=poll["title"])


def open_poll(db: Database, workshop_id: str, poll_id: int) -> None:
    _transition(db, workshop_id, poll_id, {"status": "open", "opened_at": _now()}, ("draft",),
                "live.err_cannot_open")


def close_poll(db: Database, workshop_id: str, poll_id: int) -> None:
    _transition(db, workshop_id, poll_id, {"status": "closed", "closed_at": _now()}, ("open",),
                "live.err_cannot_close")


def reveal(db: Database, workshop_id: str, poll_id: int, revealed: bool = True) -> None:
    with db.tx() as conn:
        if not q.update_poll(conn, workshop_id, poll_id, {"revealed": int(bool(revealed))}):
            raise NotFound("live.err_poll_not_found", id=poll_id)


def delete_poll(db: Database, workshop_id: str, poll_id: int) -> None:
    with db.tx() as conn:
        if q.delete_poll(conn, workshop_id, poll_id, only_status="draft"):
            return
        poll = q.get_poll(conn, workshop_id, poll_id)
    if poll is None:
        raise NotFound("live.err_poll_not_found", id=poll_id)
    raise RembugError("live.err_cannot_delete", title=poll["title"])


def _chain(rule) -> list[str]:
    return [rule] if isinstance(rule, str) else list(rule or ["none"])


def set_tie_rule(db: Database, workshop_id: str, poll_id: int, rule) -> dict:
    """Record how ties are broken; drawing lots fixes its seed now, so the draw can be redone."""
    chain = _chain(rule)
    poll = get_poll(db, workshop_id, poll_id)
    allowed = voting_tally.RULES_BY_KIND[poll["kind"]]
    if not chain or any(r not in allowed for r in chain) or ("none" in chain and len(chain) > 1):
        raise InputError([FieldError("tie_rule", "voting.err_tie_rule", {"rule": ", ".join(map(str, chain))})])
    seed = str(secrets.randbelow(10**9)) if "lot" in chain else None
    if "lot" in chain and "lot" in poll["tie_rule"] and poll["tie_seed"]:
        seed = poll["tie_seed"]  # choosing lots again must not redraw
    with db.tx() as conn:
        q.update_poll(conn, workshop_id, poll_id, {"tie_rule": chain, "tie_seed": seed, "tie_rule_at": _now()})
    return {"tie_rule": chain, "tie_seed": seed}


def open_poll_ids(db: Database, workshop_id: str) -> list[int]:
    with db.read() as conn:
        return q.open_poll_ids(conn, workshop_id)


def open_polls_for(db: Database, workshop_id: str, participant_id: int | None = None) -> list[dict]:
    with db.read() as conn:
        polls = q.open_polls_with_ballot(conn, workshop_id, participant_id)
    for poll in polls:
        if poll["my_ballot"] is not None:
            poll["my_ballot"] = _restore(poll, poll["my_ballot"])
    return polls


def token_holder(db: Database, token: str | None) -> int | None:
    """The id of the participant whose link (not revoked) carries `token`."""
    if not token or len(token) > 64:
        return None
    with db.read() as conn:
        return q.participant_id_for_token(conn, token)


# ---------------------------------------------------------------- voting

def _seed_value(seed):
    return int(seed) if isinstance(seed, str) and seed.isdigit() else seed


def cast_ballot(db: Database, workshop_id: str, poll_id: int, participant_id: int, payload):
    """Store (or replace) a participant's ballot; committed before this returns."""
    poll = get_poll(db, workshop_id, poll_id)
    _refuse_unless_open(poll)
    ballot = _restore(poll, payload)
    voting_tally.validate_ballot(poll["kind"], tally_config(poll), ballot)
    stored = _to_json(poll, ballot)
    try:
        with _ballot_writes(db), db.tx() as conn:
            if not q.participant_in_workshop(conn, workshop_id, participant_id):
                raise NotFound("err.participant_not_found", id=participant_id)
            # write first, then re-read the status inside the same transaction: on SQLite the
            # write holds the lock, on PostgreSQL FOR SHARE waits for a closing UPDATE, so a
            # ballot either lands before the close or is refused
            if poll["secret"]:
                q.insert_voter(conn, workshop_id, poll_id, participant_id)
                q.insert_ballot(conn, {"workshop_id": workshop_id, "poll_id": poll_id, "participant_id": None,
                                       "payload": stored, "updated_at": _now()})
            else:
                q.upsert_ballot(conn, {"workshop_id": workshop_id, "poll_id": poll_id,
                                       "participant_id": participant_id, "payload": stored, "updated_at": _now()})
            current = q.get_poll(conn, workshop_id, poll_id, for_update=True)
            _refuse_unless_open(current)
    except IntegrityError:
        if poll["secret"]:
            raise RembugError("live.err_secret_voted", title=poll["title"]) from None
        raise
    return ballot


def _refuse_unless_open(poll: dict | None) -> None:
    if poll is None:
        raise NotFound("live.err_poll_not_found", id="")
    if poll["status"] == "closed":
        raise RembugError("live.err_poll_closed", title=poll["title"])
    if poll["status"] != "open":
        raise RembugError("live.err_poll_not_open", title=poll["title"])


def my_ballot(db: Database, workshop_id: str, poll_id: int, participant_id: int):
    poll = get_poll(db, workshop_id, poll_id)
    with db.read() as conn:
        payload = q.ballot_of(conn, poll_id, participant_id)
    return None if payload is None else _restore(poll, payload)


def record_hand_counts(db: Database, workshop_id: str, poll_id: int, points: Mapping | None = None,
                       paper_ballots=(), voters: int = 0, entered_by: str = "") -> None:
    poll = get_poll(db, workshop_id, poll_id)
    ids = _id_lookup(poll)
    clean_points = {}
    for key, value in (points or {}).items():
        try:
            clean_points[ids.get(key, key)] = value
        except TypeError:
            clean_points[key] = value
    clean_points = {k: v for k, v in clean_points.items() if v}
    ballots = [_restore(poll, b) for b in (paper_ballots or [])]
    hand = voting_tally.Hand(points=clean_points, ballots=tuple(ballots), voters=voters)
    # the tally checks every figure and paper ballot; nothing is stored if one is wrong
    voting_tally.tally(poll["kind"], tally_config(poll), [], hand)
    with db.tx() as conn:
        if not clean_points and not ballots and not voters:
            q.delete_hand_counts(conn, poll_id)
            return
        q.set_hand_counts(conn, {
            "workshop_id": workshop_id, "poll_id": poll_id, "entered_by": _clean_text(entered_by)[:120],
            "entered_at": _now(),
            "payload": {"points": [[k, v] for k, v in clean_points.items()],
                        "ballots": [_to_json(poll, b) for b in ballots], "voters": voters},
        })


def _hand_from_row(poll: dict, row: dict | None) -> dict | None:
    if row is None:
        return None
    ids = _id_lookup(poll)
    payload = row["payload"]
    return {
        "points": {ids.get(k, k): v for k, v in payload.get("points", [])},
        "ballots": [_restore(poll, b) for b in payload.get("ballots", [])],
        "voters": payload.get("voters", 0),
        "entered_by": row["entered_by"],
        "entered_at": row["entered_at"],
    }


def hand_counts(db: Database, workshop_id: str, poll_id: int) -> dict | None:
    poll = get_poll(db, workshop_id, poll_id)
    with db.read() as conn:
        return _hand_from_row(poll, q.get_hand_counts(conn, poll_id))


# ---------------------------------------------------------------- results

def workshop_day(ws: dict, when: dt.date) -> int:
    """The workshop day on `when`; between or after the days, the latest day before it."""
    days = {d: ws[f"day{d}"] for d in (1, 2, 3, 4)}
    days = {d: (v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))) for d, v in days.items()}
    for d, date in days.items():
        if date == when:
            return d
    before = [d for d, date in days.items() if date <= when]
    return max(before) if before else 1


def _local_date(ts) -> dt.date:
    if ts is None:
        return dt.date.today()
    if ts.tzinfo is None:  # SQLite gives back naive UTC
        ts = ts.replace(tzinfo=dt.UTC)
    return ts.astimezone().date()


@dataclass(frozen=True)
class PollResult:
    poll: dict
    tally: voting_tally.TallyResult
    labels: dict
    voted: int  # phone voters
    present: int
    present_basis: str  # "attendance" (present that day) or "registered" (no attendance yet)
    voted_present: int
    hand_voters: int
    day: int
    hand: dict | None

    def rows(self) -> list[dict]:
        rows = self.tally.rows()
        for row in rows:
            row["label"] = self.labels.get(row["item_id"], str(row["item_id"]))
        return rows

    def __getattr__(self, name):  # items, tie_groups, tie_rule, seed, ... of the tally
        return getattr(self.tally, name)


def _presence(conn, workshop_id: str, poll: dict) -> tuple[int, set[int] | None, int]:
    ws = wq.get_workshop(conn, workshop_id)
    day = workshop_day(ws, _local_date(poll["opened_at"]))
    present = set(wq.present_ids(conn, workshop_id, day))
    if present:
        return day, present, len(present)
    return day, None, wq.count_participants(conn, workshop_id)


def turnout(db: Database, workshop_id: str, poll_id: int) -> tuple[int, int, int]:
    """(voted among those present, present, phone voters in all)."""
    with db.read() as conn:
        poll = q.get_poll(conn, workshop_id, poll_id)
        if poll is None:
            raise NotFound("live.err_poll_not_found", id=poll_id)
        voters = set(q.voter_ids(conn, poll_id))
        _, present, n_present = _presence(conn, workshop_id, poll)
    voted_present = len(voters & present) if present is not None else len(voters)
    return voted_present, n_present, len(voters)


def result(db: Database, workshop_id: str, poll_id: int, tie_rule=None, seed=None) -> PollResult:
    with db.read() as conn:
        poll = q.get_poll(conn, workshop_id, poll_id)
        if poll is None:
            raise NotFound("live.err_poll_not_found", id=poll_id)
        phone = [_restore(poll, p) for p in q.ballot_payloads(conn, poll_id)]
        voters = set(q.voter_ids(conn, poll_id))
        hand = _hand_from_row(poll, q.get_hand_counts(conn, poll_id))
        day, present, n_present = _presence(conn, workshop_id, poll)
    if tie_rule is None:
        chain, seed = poll["tie_rule"], poll["tie_seed"]
    else:
        chain = _chain(tie_rule)
        seed = poll["tie_seed"] if seed is None else seed
    hand_arg = None
    if hand:
        hand_arg = voting_tally.Hand(points=hand["points"], ballots=tuple(hand["ballots"]), voters=hand["voters"])
    tally = voting_tally.tally(poll["kind"], tally_config(poll), phone, hand_arg, tie_rule=tuple(chain),
                               seed=_seed_value(seed))
    return PollResult(
        poll=poll,
        tally=tally,
        labels={i["id"]: i["label"] for i in poll["items"]},
        voted=len(voters),
        present=n_present,
        present_basis="attendance" if present is not None else "registered",
        voted_present=len(voters & present) if present is not None else len(voters),
        hand_voters=(hand or {}).get("voters", 0) + len((hand or {}).get("ballots", [])),
        day=day,
        hand=hand,
    )
