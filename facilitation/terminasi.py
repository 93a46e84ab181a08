"""Terminasi and refleksi: the last two stages of the model (DOMAIN.md §0, Stages 4 and 5).

Terminasi is the formal hand-over of the programme to the local offices (date, to which
office, a note). Refleksi is the Pokja's own look back: what worked, what did not, and what
it plans next. The next plans can start the next cycle: `start_next_cycle` creates a new
workshop for the same village (the facilitator sets its dates and PIN) and puts each plan on
its consensus board as a starting idea, through the planning step's own `add_idea`.
"""
from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from facilitation import planning
from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.models import _Input, _clean
from facilitation.store import Database
from facilitation.store import monitoring as q
from facilitation.store import transfer as tq
from facilitation.store import workshops as wq
from facilitation.validation import reject, validate

MAX_TEXT = 4000
MAX_NEXT_PLANS = 30
# the workshop fields a new cycle keeps: the same village, its people and place
CARRIED_FIELDS = ("village", "village_kind", "kecamatan", "kabupaten", "provinsi", "venue",
                  "facilitator_central", "facilitator_regional", "pendamping1", "pendamping2", "kepala_desa")


class HandoverIn(_Input):
    handover_date: dt.date
    handover_office: str = Field(min_length=2, max_length=200)
    handover_note: str = Field(default="", max_length=MAX_TEXT)


class ReflectionIn(_Input):
    worked: str = Field(default="", max_length=MAX_TEXT)
    not_worked: str = Field(default="", max_length=MAX_TEXT)
    next_plans: list[str] = Field(default_factory=list)

    @field_validator("next_plans", mode="before")
    @classmethod
    def _plans(cls, v):
        """One plan per line (a text) or a list; blank lines dropped, repeats kept once."""
        if isinstance(v, str):
            v = v.splitlines()
        out: list[str] = []
        for item in v or ():
            text = " ".join(_clean(str(item or "")).split())
            if not text:
                continue
            if len(text) < 2:
                raise reject("err.required")
            if len(text) > 200:  # a plan becomes one idea card of the next cycle
                raise reject("err.too_long", limit=200)
            if text.casefold() not in {x.casefold() for x in out}:
                out.append(text)
        return out


class NextCycleIn(_Input):
    year: int | None = Field(default=None, ge=2000, le=2100)
    day1: dt.date
    day2: dt.date
    day3: dt.date
    day4: dt.date


EMPTY = {"handover_date": None, "handover_office": "", "handover_note": "", "worked": "", "not_worked": "",
         "next_plans": [], "next_workshop_id": None}


def get(db: Database, workshop_id: str) -> dict:
    """The terminasi/refleksi record, blank when nothing is recorded yet; `handed_over` and
    `next_workshop` (the next cycle's workshop row, when it exists in this store) added."""
    with db.read() as conn:
        row = q.get_termination(conn, workshop_id)
        out = {**EMPTY, **(row or {})}
        nxt = wq.get_workshop(conn, out["next_workshop_id"]) if out["next_workshop_id"] else None
    out["next_plans"] = list(out["next_plans"] or [])
    out["handed_over"] = out["handover_date"] is not None
    if nxt:
        nxt.pop("pin_hash", None)
    out["next_workshop"] = nxt
    return out


def _require(conn, workshop_id: str) -> dict:
    ws = wq.get_workshop(conn, workshop_id)
    if ws is None:
        raise NotFound("err.workshop_not_found", id=workshop_id)
    return ws


def save_handover(db: Database, workshop_id: str, data: dict) -> None:
    h = validate(HandoverIn, data)
    with db.tx() as conn:
        ws = _require(conn, workshop_id)
        if h.handover_date < ws["day4"]:
            raise InputError([FieldError("handover_date", "monitoring.err_date_before_workshop")])
        q.save_termination(conn, workshop_id, h.model_dump())


def clear_handover(db: Database, workshop_id: str) -> None:
    """Take back a hand-over recorded by mistake (the reflection stays)."""
    with db.tx() as conn:
        _require(conn, workshop_id)
        q.save_termination(conn, workshop_id, {"handover_date": None, "handover_office": "", "handover_note": ""})


def save_reflection(db: Database, workshop_id: str, data: dict) -> None:
    r = validate(ReflectionIn, data)
    if len(r.next_plans) > MAX_NEXT_PLANS:
        raise InputError([FieldError("next_plans", "monitoring.err_too_many_plans", {"limit": MAX_NEXT_PLANS})])
    with db.tx() as conn:
        _require(conn, workshop_id)
        q.save_termination(conn, workshop_id, r.model_dump())


def next_cycle_defaults(workshop: dict) -> dict:
    """The next cycle's workshop a year later: same weekday pattern, same village data."""
    def later(d):
        d = dt.date.fromisoformat(d) if isinstance(d, str) else d
        try:
            return d.replace(year=d.year + 1)
        except ValueError:  # 29 February
            return d.replace(year=d.year + 1, day=28)

    days = {f"day{i}": later(workshop[f"day{i}"]) for i in (1, 2, 3, 4)}
    return {**{k: workshop.get(k) for k in CARRIED_FIELDS}, "year": days["day1"].year, **days}


def start_next_cycle(db: Database, workshop_id: str, data: dict, pin: str) -> str:
    """Create the next cycle's workshop for the same village, with the reflection's next plans
    as its first idea cards; returns the new workshop's id.

    Creating a workshop and adding ideas are the workshops and planning steps' own functions,
    each with its own transaction; if any of them fails, the new workshop is deleted again
    (one transaction) so no half-made cycle stays behind."""
    from facilitation.workshops import create_workshop, get_workshop

    ws = get_workshop(db, workshop_id)
    record = get(db, workshop_id)
    if record["next_workshop"] is not None:
        raise RembugError("monitoring.err_next_exists", village=record["next_workshop"]["village"],
                          year=record["next_workshop"]["year"])
    cycle = validate(NextCycleIn, data)
    if cycle.day1 <= ws["day4"]:
        raise InputError([FieldError("day1", "monitoring.err_next_before")])
    fields = {k: ws.get(k) or "" for k in CARRIED_FIELDS}
    fields.update(year=cycle.year or cycle.day1.year, day1=cycle.day1, day2=cycle.day2, day3=cycle.day3,
                  day4=cycle.day4)
    new_id = create_workshop(db, fields, pin)
    try:
        for plan in record["next_plans"]:
            planning.add_idea(db, new_id, plan)
        with db.tx() as conn:
            q.save_termination(conn, workshop_id, {"next_workshop_id": new_id})
    except BaseException:
        with db.tx() as conn:
            tq.delete_workshop(conn, new_id)
        raise
    return new_id
