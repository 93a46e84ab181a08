"""The Pokja Tansosmas board election: offices, nominations, secret rounds, ties, the board.

Rules (DOMAIN.md §7.2, §7.3):
- Offices are elected one after another in their order (the `sequential` rule, on by
  default): an office opens only when every office before it is decided, and a person
  elected to one office is no longer a candidate for later ones. With the rule off, offices
  may be elected in any order and one person may hold more than one office.
- Voters are the participants marked present (hadir) on the election day (`day`, default 4),
  checked when they vote. Each votes once per round: the store refuses a second vote.
- Candidates are the nominees who consented (on their own phone, or verbally as recorded by
  the facilitator), or, for an office with open candidacy, every present participant.
- A ballot names one candidate or is blank. Counts are revealed only once the round is closed;
  while it is open only the turnout is known. The most votes win (at least one vote); a tie
  for the top is resolved by a runoff among the tied (default), by agreement (musyawarah,
  the facilitator records who), or by drawing lots with a recorded seed, and the minutes
  say which.
"""
from __future__ import annotations

import random
import secrets

from pydantic import Field, field_validator
from sqlalchemy.exc import IntegrityError

from facilitation.errors import NotFound, RembugError
from facilitation.i18n import t
from facilitation.models import WORKSHOP_DAYS, _Input
from facilitation.store import Database
from facilitation.store import election as q
from facilitation.store import workshops as wq
from facilitation.validation import reject, validate

DEFAULT_OFFICES = ("ketua", "wakil_ketua", "sekretaris", "bendahara", "seksi_d1", "seksi_d2", "seksi_d3",
                   "seksi_d4")
CONSENTS = ("pending", "phone", "verbal", "declined")
TIE_METHODS = ("runoff", "agreement", "lot")
STATUSES = ("waiting", "open", "tie", "elected")


# ---------------------------------------------------------------- input models

class SettingsIn(_Input):
    day: int = 4
    sequential: bool = True
    phone_nominations: bool = False
    witness1_id: int | None = None
    witness2_id: int | None = None
    number: str = Field(default="", max_length=80)

    @field_validator("day")
    @classmethod
    def _day(cls, v):
        if v not in WORKSHOP_DAYS:
            raise reject("err.choice")
        return v


class OfficeIn(_Input):
    name: str = Field(min_length=1, max_length=120)


def _count(v):
    """A ballot count: a whole number >= 0 (paper is counted, never estimated)."""
    if isinstance(v, bool) or (isinstance(v, float) and not v.is_integer()):
        raise reject("err.not_integer")
    return v


class PaperIn(_Input):
    counts: dict[int, int] = Field(default_factory=dict)
    blank: int = Field(default=0, ge=0)

    @field_validator("counts", mode="before")
    @classmethod
    def _counts(cls, v):
        if isinstance(v, dict):
            for n in v.values():
                _count(n)
                if isinstance(n, (int, float)) and n < 0:
                    raise reject("err.min", limit=0)
        return v

    @field_validator("blank", mode="before")
    @classmethod
    def _blank(cls, v):
        return _count(v)


# ---------------------------------------------------------------- settings and offices

def setup(db: Database, workshop_id: str, lang: str = "id") -> dict:
    """The election's settings; the first call also creates the default offices."""
    with db.tx() as conn:
        if wq.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        if q.insert_settings_if_missing(conn, workshop_id):
            for position, key in enumerate(DEFAULT_OFFICES, start=1):
                q.insert_office(conn, workshop_id, t(f"election.office_{key}", lang), position)
        return q.get_settings(conn, workshop_id)


def get_settings(db: Database, workshop_id: str, lang: str = "id", create: bool = True) -> dict:
    """The settings; set up with the default offices (named in `lang`) on the first visit.
    With create=False (a document, a read) an election never set up reads as the defaults."""
    with db.read() as conn:
        s = q.get_settings(conn, workshop_id)
    if s is not None:
        return s
    if create:
        return setup(db, workshop_id, lang)
    return {"workshop_id": workshop_id, **SettingsIn().model_dump(), "sequential": 1, "phone_nominations": 0}


def update_settings(db: Database, workshop_id: str, data: dict) -> None:
    """Change the rules, witnesses or number; settings left out of `data` stay as they are."""
    current = get_settings(db, workshop_id)
    s = validate(SettingsIn, {**{k: current[k] for k in SettingsIn.model_fields}, **data})
    values = s.model_dump()
    values["sequential"] = int(s.sequential)
    values["phone_nominations"] = int(s.phone_nominations)
    with db.tx() as conn:
        current = q.get_settings(conn, workshop_id)
        known = {pid for pid, _, _ in wq.participant_keys(conn, workshop_id)}
        for w in (s.witness1_id, s.witness2_id):
            if w is not None and w not in known:
                raise NotFound("err.participant_not_found", id=w)
        if s.witness1_id is not None and s.witness1_id == s.witness2_id:
            raise RembugError("election.err_witness_same")
        changes_rules = current["day"] != s.day or bool(current["sequential"]) != s.sequential
        if changes_rules and q.list_rounds(conn, workshop_id):
            raise RembugError("election.err_rules_locked")
        q.update_settings(conn, workshop_id, values)


def list_offices(db: Database, workshop_id: str) -> list[dict]:
    with db.read() as conn:
        return q.list_offices(conn, workshop_id)


def add_office(db: Database, workshop_id: str, name: str) -> int:
    office = validate(OfficeIn, {"name": name})
    setup(db, workshop_id)
    with db.tx() as conn:
        return q.insert_office(conn, workshop_id, office.name)


def rename_office(db: Database, workshop_id: str, office_id: int, name: str) -> None:
    office = validate(OfficeIn, {"name": name})
    with db.tx() as conn:
        if not q.update_office(conn, workshop_id, office_id, {"name": office.name}):
            raise NotFound("election.err_office_not_found", id=office_id)


def delete_office(db: Database, workshop_id: str, office_id: int) -> None:
    with db.tx() as conn:
        _office(conn, workshop_id, office_id)
        if q.list_rounds(conn, workshop_id, office_id):
            raise RembugError("election.err_office_has_rounds")
        q.delete_office(conn, workshop_id, office_id)


def move_office(db: Database, workshop_id: str, office_id: int, step: int) -> None:
    """Swap an office with its neighbour (step -1: up, +1: down), before either is voted on."""
    with db.tx() as conn:
        offices = q.list_offices(conn, workshop_id)
        index = next((i for i, o in enumerate(offices) if o["id"] == office_id), None)
        if index is None:
            raise NotFound("election.err_office_not_found", id=office_id)
        other = index + (1 if step > 0 else -1)
        if not 0 <= other < len(offices):
            return
        a, b = offices[index], offices[other]
        if q.list_rounds(conn, workshop_id, a["id"]) or q.list_rounds(conn, workshop_id, b["id"]):
            raise RembugError("election.err_office_has_rounds")
        # positions may repeat after deletions: give both distinct places in the new order
        pa, pb = (a["position"], b["position"]) if a["position"] != b["position"] else (index + 1, other + 1)
        q.update_office(conn, workshop_id, a["id"], {"position": pb})
        q.update_office(conn, workshop_id, b["id"], {"position": pa})


def set_open_candidacy(db: Database, workshop_id: str, office_id: int, allowed: bool) -> None:
    with db.tx() as conn:
        if not q.update_office(conn, workshop_id, office_id, {"open_candidacy": int(bool(allowed))}):
            raise NotFound("election.err_office_not_found", id=office_id)


def _office(conn, workshop_id: str, office_id: int) -> dict:
    office = q.get_office(conn, workshop_id, office_id)
    if office is None:
        raise NotFound("election.err_office_not_found", id=office_id)
    return office


# ---------------------------------------------------------------- nominations

def nominate(db: Database, workshop_id: str, office_id: int, participant_id: int, *,
             by: int | None = None, verbal_consent: bool = False) -> int:
    """Nominate a participant. `by` is the nominating participant (None: the facilitator).

    Consent: a self-nomination from one's own phone is consent; the facilitator may record
    verbal consent at once; otherwise the nominee confirms on their phone."""
    if by is not None and verbal_consent:
        raise RembugError("election.err_verbal_facilitator_only")
    with db.tx() as conn:
        office = _office(conn, workshop_id, office_id)
        known = {pid for pid, _, _ in wq.participant_keys(conn, workshop_id)}
        if participant_id not in known or (by is not None and by not in known):
            raise NotFound("err.participant_not_found", id=participant_id)
        settings = q.get_settings(conn, workshop_id)
        if by is not None and not settings["phone_nominations"]:
            raise RembugError("election.err_nominations_closed")
        if _status_of(conn, workshop_id, office) != "waiting":
            raise RembugError("election.err_office_started", office=office["name"])
        if settings["sequential"] and participant_id in _elected_ids(conn, workshop_id):
            raise RembugError("election.err_already_elected")
        existing = q.find_nomination(conn, office_id, participant_id)
        consent = "phone" if by is not None and by == participant_id else ("verbal" if verbal_consent else "pending")
        if existing:
            if existing["consent"] in ("phone", "verbal") or consent == "pending":
                raise RembugError("election.err_already_nominated")
            q.set_consent(conn, existing["id"], consent)
            return existing["id"]
        return q.insert_nomination(conn, {"workshop_id": workshop_id, "office_id": office_id,
                                          "participant_id": participant_id, "nominated_by": by,
                                          "consent": consent})


def respond_nomination(db: Database, workshop_id: str, nomination_id: int, participant_id: int,
                       accept: bool) -> None:
    """The nominee answers on their own phone; nobody else can answer for them here."""
    with db.tx() as conn:
        nomination = q.get_nomination(conn, workshop_id, nomination_id)
        if nomination is None or nomination["participant_id"] != participant_id:
            raise NotFound("election.err_nomination_not_found", id=nomination_id)
        _refuse_if_started(conn, workshop_id, nomination["office_id"])
        q.set_consent(conn, nomination_id, "phone" if accept else "declined")


def record_verbal_consent(db: Database, workshop_id: str, nomination_id: int) -> None:
    """The facilitator heard the nominee agree, aloud, in the hall."""
    with db.tx() as conn:
        nomination = q.get_nomination(conn, workshop_id, nomination_id)
        if nomination is None:
            raise NotFound("election.err_nomination_not_found", id=nomination_id)
        _refuse_if_started(conn, workshop_id, nomination["office_id"])
        q.set_consent(conn, nomination_id, "verbal")


def withdraw_nomination(db: Database, workshop_id: str, nomination_id: int) -> None:
    with db.tx() as conn:
        nomination = q.get_nomination(conn, workshop_id, nomination_id)
        if nomination is None:
            raise NotFound("election.err_nomination_not_found", id=nomination_id)
        _refuse_if_started(conn, workshop_id, nomination["office_id"])
        q.delete_nomination(conn, workshop_id, nomination_id)


def _refuse_if_started(conn, workshop_id: str, office_id: int) -> None:
    if q.list_rounds(conn, workshop_id, office_id):
        raise RembugError("election.err_office_started", office=_office(conn, workshop_id, office_id)["name"])


def list_nominations(db: Database, workshop_id: str, office_id: int | None = None) -> list[dict]:
    with db.read() as conn:
        return q.list_nominations(conn, workshop_id, office_id=office_id)


def pending_for(db: Database, workshop_id: str, participant_id: int) -> list[dict]:
    """Nominations waiting for this participant's answer, with the office's name."""
    with db.read() as conn:
        offices = {o["id"]: o for o in q.list_offices(conn, workshop_id)}
        started = {r["office_id"] for r in q.list_rounds(conn, workshop_id)}
        rows = q.list_nominations(conn, workshop_id, participant_id=participant_id)
    return [{**n, "office": offices[n["office_id"]]["name"]} for n in rows
            if n["consent"] == "pending" and n["office_id"] not in started]


def nominations_open_offices(db: Database, workshop_id: str) -> list[dict]:
    """Offices participants may nominate for from their phones right now (none when closed)."""
    with db.read() as conn:
        settings = q.get_settings(conn, workshop_id)
        if not settings or not settings["phone_nominations"]:
            return []
        started = {r["office_id"] for r in q.list_rounds(conn, workshop_id)}
        return [o for o in q.list_offices(conn, workshop_id) if o["id"] not in started and not o["open_candidacy"]]


# ---------------------------------------------------------------- who votes, who stands

def eligible_ids(db: Database, workshop_id: str) -> list[int]:
    with db.read() as conn:
        return _eligible(conn, workshop_id)


def _eligible(conn, workshop_id: str) -> list[int]:
    settings = q.get_settings(conn, workshop_id)
    day = settings["day"] if settings else 4
    return sorted(wq.present_ids(conn, workshop_id, day))


def _elected_ids(conn, workshop_id: str) -> set[int]:
    return {o["participant_id"] for o in q.list_outcomes(conn, workshop_id)}


def _candidates_now(conn, workshop_id: str, office: dict) -> list[int]:
    settings = q.get_settings(conn, workshop_id)
    if office["open_candidacy"]:
        pool = set(_eligible(conn, workshop_id))
    else:
        pool = set(q.consenting_nominees(conn, office["id"]))
    if settings["sequential"]:
        pool -= _elected_ids(conn, workshop_id)
    return sorted(pool)


def candidates_for(db: Database, workshop_id: str, office_id: int) -> list[dict]:
    """Who would be on the ballot if the office's round opened now."""
    with db.read() as conn:
        office = _office(conn, workshop_id, office_id)
        return _people(conn, workshop_id, _candidates_now(conn, workshop_id, office))


def _people(conn, workshop_id: str, ids) -> list[dict]:
    by_id = {p["id"]: p for p in wq.list_participants(conn, workshop_id)}
    out = [by_id[i] for i in ids if i in by_id]
    return sorted(out, key=lambda p: (p["name"].casefold(), p["id"]))


# ---------------------------------------------------------------- rounds

def _status_of(conn, workshop_id: str, office: dict) -> str:
    if any(o["office_id"] == office["id"] for o in q.list_outcomes(conn, workshop_id)):
        return "elected"
    rounds = q.list_rounds(conn, workshop_id, office["id"])
    if not rounds:
        return "waiting"
    return "open" if rounds[-1]["status"] == "open" else "tie"


def open_round(db: Database, workshop_id: str, office_id: int) -> int:
    """Open the first round of an office. A runoff is opened by `resolve_tie`."""
    with db.tx() as conn:
        office = _office(conn, workshop_id, office_id)
        settings = q.get_settings(conn, workshop_id)
        if q.open_round_row(conn, workshop_id):
            raise RembugError("election.err_round_already_open")
        if _status_of(conn, workshop_id, office) != "waiting":
            raise RembugError("election.err_office_started", office=office["name"])
        if settings["sequential"]:
            for earlier in q.list_offices(conn, workshop_id):
                if earlier["id"] == office_id:
                    break
                if _status_of(conn, workshop_id, earlier) != "elected":
                    raise RembugError("election.err_previous_open", office=earlier["name"])
        if not _eligible(conn, workshop_id):
            raise RembugError("election.err_no_voters", day=settings["day"])
        candidates = _candidates_now(conn, workshop_id, office)
        if not candidates:
            raise RembugError("election.err_no_candidates", office=office["name"])
        try:
            return q.insert_round(conn, workshop_id, office_id, 1, "regular", candidates)
        except IntegrityError:
            raise RembugError("election.err_round_already_open") from None


def open_round_now(db: Database, workshop_id: str) -> dict | None:
    """The round open for voting, with its office and candidates (names only), or None."""
    with db.read() as conn:
        r = q.open_round_row(conn, workshop_id)
        if r is None:
            return None
        office = q.get_office(conn, workshop_id, r["office_id"])
        return {**r, "office": office["name"],
                "candidates": _people(conn, workshop_id, q.round_candidate_ids(conn, r["id"]))}


def latest_round(db: Database, workshop_id: str) -> dict | None:
    """What the projector shows: the open round, else the round closed last (with its office)."""
    with db.read() as conn:
        rounds = q.list_rounds(conn, workshop_id)
        if not rounds:
            return None
        open_ = [r for r in rounds if r["status"] == "open"]
        # closed_at has whole seconds on SQLite: the id breaks a tie within one second
        r = open_[0] if open_ else max(rounds, key=lambda r: (r["closed_at"], r["id"]))
        office = q.get_office(conn, workshop_id, r["office_id"])
        return {**r, "office": office["name"]}


def _open_round(conn, workshop_id: str, round_id: int) -> dict:
    r = q.get_round(conn, workshop_id, round_id)
    if r is None:
        raise NotFound("election.err_round_not_found", id=round_id)
    if r["status"] != "open":
        raise RembugError("election.err_round_closed")
    return r


def cast_vote(db: Database, workshop_id: str, round_id: int, participant_id: int,
              candidate_id: int | None) -> None:
    """One secret ballot from a phone: `candidate_id` None is a blank ballot.

    The voted mark and the ballot are written in one transaction; a second vote by the same
    participant is refused by the store's unique constraint even if two taps race."""
    try:
        with db.tx() as conn:
            _open_round(conn, workshop_id, round_id)
            if participant_id not in _eligible(conn, workshop_id):
                raise RembugError("election.err_not_eligible")
            if q.has_voted(conn, round_id, participant_id):
                raise RembugError("election.err_already_voted")
            if candidate_id is not None and candidate_id not in q.round_candidate_ids(conn, round_id):
                raise RembugError("election.err_not_candidate")
            if q.count_ballots(conn, round_id) >= len(_eligible(conn, workshop_id)):
                raise RembugError("election.err_ballots_full")
            q.record_vote(conn, workshop_id, round_id, participant_id, candidate_id)
    except IntegrityError:
        raise RembugError("election.err_already_voted") from None


def has_voted(db: Database, workshop_id: str, round_id: int, participant_id: int) -> bool:
    with db.read() as conn:
        return q.has_voted(conn, round_id, participant_id)


def turnout(db: Database, workshop_id: str, round_id: int) -> dict:
    """How many have voted so far (phones, paper) of how many may: safe to show live."""
    with db.read() as conn:
        r = q.get_round(conn, workshop_id, round_id)
        if r is None:
            raise NotFound("election.err_round_not_found", id=round_id)
        phone = q.count_voted(conn, round_id)
        paper = q.count_ballots(conn, round_id, "paper")
        eligible = r["eligible"] if r["status"] == "closed" else len(_eligible(conn, workshop_id))
    return {"phone": phone, "paper": paper, "voted": phone + paper, "eligible": eligible}


def record_paper_count(db: Database, workshop_id: str, round_id: int, counts: dict, blank: int = 0) -> None:
    """Paper ballots counted in the hall: votes per candidate and blanks. Replaces an earlier
    paper count of the round. Paper voters are those present who did not vote by phone, so
    the paper ballots may not outnumber them."""
    paper = validate(PaperIn, {"counts": counts, "blank": blank})
    with db.tx() as conn:
        _open_round(conn, workshop_id, round_id)
        allowed = set(q.round_candidate_ids(conn, round_id))
        unknown = [cid for cid in paper.counts if cid not in allowed]
        if unknown:
            raise RembugError("election.err_not_candidate")
        total = sum(paper.counts.values()) + paper.blank
        room = len(_eligible(conn, workshop_id)) - q.count_voted(conn, round_id)
        if total > room:
            raise RembugError("election.err_paper_too_many", total=total, room=max(room, 0))
        q.replace_paper_ballots(conn, workshop_id, round_id, {**paper.counts, None: paper.blank})


def cancel_round(db: Database, workshop_id: str, round_id: int) -> None:
    """Withdraw a round opened by mistake: only while nobody has voted in it."""
    with db.tx() as conn:
        _open_round(conn, workshop_id, round_id)
        if q.count_ballots(conn, round_id) or q.count_voted(conn, round_id):
            raise RembugError("election.err_round_has_votes")
        q.delete_round(conn, round_id)


def close_round(db: Database, workshop_id: str, round_id: int) -> dict:
    """Close the ballot and count it. A clear winner is elected at once; a tie waits for
    `resolve_tie`."""
    with db.tx() as conn:
        r = _open_round(conn, workshop_id, round_id)
        q.shuffle_ballots(conn, round_id)
        q.close_round_row(conn, round_id, len(_eligible(conn, workshop_id)))
        result = _result(conn, workshop_id, q.get_round(conn, workshop_id, round_id))
        if result["winner"] is not None:
            q.insert_outcome(conn, {"workshop_id": workshop_id, "office_id": r["office_id"],
                                    "participant_id": result["winner"], "round_id": round_id,
                                    "method": "votes" if r["kind"] == "regular" else "runoff"})
        return result


def round_result(db: Database, workshop_id: str, round_id: int) -> dict:
    """Votes per candidate, blanks and turnout of a closed round; refused while it is open."""
    with db.read() as conn:
        r = q.get_round(conn, workshop_id, round_id)
        if r is None:
            raise NotFound("election.err_round_not_found", id=round_id)
        if r["status"] != "closed":
            raise RembugError("election.err_round_still_open")
        return _result(conn, workshop_id, r)


def _result(conn, workshop_id: str, r: dict, people: dict | None = None) -> dict:
    counts = q.ballot_counts(conn, r["id"])
    candidate_ids = q.round_candidate_ids(conn, r["id"])
    if people is None:
        people = {p["id"]: p for p in wq.list_participants(conn, workshop_id)}
    rows = []
    for cid in candidate_ids:
        p = people.get(cid, {})
        rows.append({"participant_id": cid, "name": p.get("name", "?"), "institution": p.get("institution", ""),
                     "votes": counts.get(cid, 0)})
    rows.sort(key=lambda c: (-c["votes"], c["name"].casefold(), c["participant_id"]))
    top = rows[0]["votes"] if rows else 0
    leaders = [c["participant_id"] for c in rows if c["votes"] == top]
    decided = top > 0 and len(leaders) == 1
    return {
        "round_id": r["id"], "office_id": r["office_id"], "number": r["number"], "kind": r["kind"],
        "status": r["status"], "eligible": r["eligible"],
        "candidates": rows,
        "blank": counts.get(None, 0),
        "ballots": sum(counts.values()),
        "phone_voters": q.count_voted(conn, r["id"]),
        "paper_ballots": q.count_ballots(conn, r["id"], "paper"),
        "winner": leaders[0] if decided else None,
        # no winner: every candidate sharing the top count (all of them when nobody got a vote)
        "tied": [] if decided else sorted(leaders),
        "no_votes": top == 0,
    }


def resolve_tie(db: Database, workshop_id: str, office_id: int, method: str, *, chosen: int | None = None,
                seed: str | None = None) -> dict:
    """Settle a tie left by the office's last round.

    runoff     open a new round among the tied candidates (returns {"round_id"})
    agreement  the group agreed (musyawarah) on `chosen`, one of the tied
    lot        draw lots: random.Random(seed).choice(sorted tied ids); a fresh seed is
               made when none is given, and it is recorded so the draw can be checked."""
    if method not in TIE_METHODS:
        raise RembugError("election.err_tie_method")
    with db.tx() as conn:
        office = _office(conn, workshop_id, office_id)
        if _status_of(conn, workshop_id, office) != "tie":
            raise RembugError("election.err_no_tie")
        last = q.list_rounds(conn, workshop_id, office_id)[-1]
        tied = _result(conn, workshop_id, last)["tied"]
        if method == "runoff":
            if q.open_round_row(conn, workshop_id):
                raise RembugError("election.err_round_already_open")
            round_id = q.insert_round(conn, workshop_id, office_id, last["number"] + 1, "runoff", tied)
            return {"method": method, "round_id": round_id}
        if method == "agreement":
            if chosen not in tied:
                raise RembugError("election.err_not_tied")
            winner, seed = chosen, None
        else:
            seed = str(seed) if seed not in (None, "") else str(secrets.randbelow(900_000) + 100_000)
            winner = draw_lot(tied, seed)
        q.insert_outcome(conn, {"workshop_id": workshop_id, "office_id": office_id, "participant_id": winner,
                                "round_id": last["id"], "method": method, "seed": seed})
        return {"method": method, "winner": winner, "seed": seed}


def draw_lot(tied: list[int], seed: str) -> int:
    """The drawing of lots, reproducible from its recorded seed."""
    return random.Random(str(seed)).choice(sorted(tied))


def reset_office(db: Database, workshop_id: str, office_id: int) -> None:
    """Undo an office's rounds and result (a mistake in the hall), while no later office has
    started: its ballots are discarded and the office can be voted on again."""
    with db.tx() as conn:
        office = _office(conn, workshop_id, office_id)
        offices = q.list_offices(conn, workshop_id)
        later = offices[[o["id"] for o in offices].index(office_id) + 1:]
        if q.get_settings(conn, workshop_id)["sequential"] and any(q.list_rounds(conn, workshop_id, o["id"])
                                                                    for o in later):
            raise RembugError("election.err_later_started", office=office["name"])
        q.delete_outcome(conn, office_id)
        q.delete_rounds_of_office(conn, office_id)


# ---------------------------------------------------------------- overview

def overview(db: Database, workshop_id: str) -> list[dict]:
    """Every office in order with its status, its closed rounds' results and its outcome."""
    with db.read() as conn:
        outcomes = {o["office_id"]: o for o in q.list_outcomes(conn, workshop_id)}
        people = {p["id"]: p for p in wq.list_participants(conn, workshop_id)}
        out = []
        for office in q.list_offices(conn, workshop_id):
            rounds = q.list_rounds(conn, workshop_id, office["id"])
            outcome = outcomes.get(office["id"])
            if outcome:
                outcome = {**outcome, "name": people.get(outcome["participant_id"], {}).get("name", "?")}
            out.append({
                **office,
                "status": _status_of(conn, workshop_id, office),
                "rounds": [_result(conn, workshop_id, r, people) if r["status"] == "closed"
                           else {**r, "candidates": None} for r in rounds],
                "outcome": outcome,
            })
        return out


def board(db: Database, workshop_id: str) -> list[dict]:
    """The elected board in office order: office, person, and how they were chosen."""
    with db.read() as conn:
        outcomes = {o["office_id"]: o for o in q.list_outcomes(conn, workshop_id)}
        people = {p["id"]: p for p in wq.list_participants(conn, workshop_id)}
        out = []
        for office in q.list_offices(conn, workshop_id):
            o = outcomes.get(office["id"])
            if o and o["participant_id"] in people:
                p = people[o["participant_id"]]
                out.append({"office_id": office["id"], "office": office["name"], "participant_id": p["id"],
                            "name": p["name"], "institution": p["institution"], "gender": p["gender"],
                            "dusun": p["dusun"], "method": o["method"], "seed": o["seed"]})
        return out


def holder(db: Database, workshop_id: str, office_key: str) -> dict | None:
    """The person elected to a default office such as 'ketua' or 'bendahara', matched by the
    office's name in either language; None when not (yet) elected."""
    names = {t(f"election.office_{office_key}", lang).casefold() for lang in ("id", "en")}
    return next((b for b in board(db, workshop_id) if b["office"].casefold() in names), None)
