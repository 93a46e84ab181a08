"""The workshop's own programme: the shipped four-day agenda, adapted by the facilitator.

A workshop starts from content/modules/agenda.yaml. When the facilitator moves, shortens,
lengthens, adds or removes a session, the whole adapted programme is stored with the workshop
as a snapshot (store/agenda.py); the shipped file is only ever read. Start times are not
stored: each day runs from its start time item after item, so sessions can never overlap.
Free time that the shipped agenda leaves before an item (gap_min) stays with that item
until the item is moved.

This module also answers the run-of-show questions of the Today page (which session is on,
what comes next, how far the day has come) and records which sessions were done.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from typing import Callable

from pydantic import Field, field_validator

from facilitation.content import METHODS, Break, Session, format_clock, load_agenda, parse_clock
from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.models import WORKSHOP_DAYS, _Input
from facilitation.store import Database
from facilitation.store import agenda as q
from facilitation.validation import reject, validate

SNAPSHOT_VERSION = 1
DEFAULT_DAY_START = "08:30"
MIN_DURATION = 5
MAX_DURATION = 600
DAY_END_LIMIT = 24 * 60  # a day must end by midnight
NOTE_MAX = 1000
CUSTOM_PREFIX = "c-"

_TIME_TEXT = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


# ---------------------------------------------------------------- clock helpers

def parse_time(text: str) -> int:
    """'08.30', '8:30' -> 510 minutes after midnight; ValueError otherwise."""
    match = _TIME_TEXT.match(str(text or ""))
    if not match:
        raise ValueError(text)
    return parse_clock(f"{int(match.group(1)):02d}:{match.group(2)}")


def clock(minutes: int, lang: str = "id") -> str:
    """510 -> '08.30' (Indonesian writes times with a dot) or '08:30' (English)."""
    sep = ":" if lang == "en" else "."
    return f"{minutes // 60:02d}{sep}{minutes % 60:02d}"


def span(start_min: int, end_min: int, lang: str = "id") -> str:
    return f"{clock(start_min, lang)}–{clock(end_min, lang)}"


def local_now() -> dt.datetime:
    """The laptop's wall clock (the hall's local time); tests replace it."""
    return dt.datetime.now()


# ---------------------------------------------------------------- the resolved programme

@dataclass(frozen=True)
class PlanItem:
    id: str
    kind: str                      # "session" or "break"
    day: int
    position: int
    start_min: int
    duration_min: int
    base: Session | Break | None   # the shipped item; None for a session the facilitator added
    base_day: int | None = None
    custom_title: str = ""
    custom_method: tuple[str, ...] = ()
    custom_notes: str = ""

    @property
    def end_min(self) -> int:
        return self.start_min + self.duration_min

    @property
    def custom(self) -> bool:
        return self.base is None

    @property
    def is_break(self) -> bool:
        return self.kind == "break"

    @property
    def shipped_duration(self) -> int | None:
        return None if self.base is None else self.base.duration_min

    @property
    def changes(self) -> tuple[str, ...]:
        """How this item differs from the shipped agenda: 'custom', 'duration', 'moved'."""
        if self.base is None:
            return ("custom",)
        out = []
        if self.duration_min != self.base.duration_min:
            out.append("duration")
        if self.base_day != self.day:
            out.append("moved")
        return tuple(out)

    def title(self, lang: str) -> str:
        return self.custom_title if self.base is None else self.base.title.get(lang)

    def _session(self) -> Session | None:
        return self.base if isinstance(self.base, Session) else None

    def objective(self, lang: str) -> str:
        s = self._session()
        return s.objective.get(lang) if s else ""

    @property
    def method(self) -> tuple[str, ...]:
        s = self._session()
        return s.method if s else self.custom_method

    def materials(self, lang: str) -> tuple[str, ...]:
        s = self._session()
        return s.materials.get(lang) if s else ()

    def steps(self, lang: str) -> tuple[str, ...]:
        s = self._session()
        return s.steps.get(lang) if s else ()

    def produces(self, lang: str) -> str:
        s = self._session()
        return s.produces.get(lang) if s else ""

    @property
    def page(self) -> str | None:
        s = self._session()
        return s.page if s else None

    @property
    def icebreakers(self) -> tuple[str, ...]:
        s = self._session()
        return s.icebreakers if s else ()

    @property
    def break_kind(self) -> str | None:
        return self.base.break_kind if isinstance(self.base, Break) else None

    @property
    def optional(self) -> bool:
        return bool(self.base is not None and self.base.optional)

    @property
    def notes(self) -> str:
        return self.custom_notes


@dataclass(frozen=True)
class DayPlan:
    day: int
    start_min: int
    items: tuple[PlanItem, ...]
    shipped_title: object = None   # content Localized, or None for a day the content lacks

    def title(self, lang: str) -> str:
        return self.shipped_title.get(lang) if self.shipped_title is not None else ""

    @property
    def end_min(self) -> int:
        return self.items[-1].end_min if self.items else self.start_min

    @property
    def sessions(self) -> tuple[PlanItem, ...]:
        return tuple(i for i in self.items if not i.is_break)

    @property
    def breaks(self) -> tuple[PlanItem, ...]:
        return tuple(i for i in self.items if i.is_break)

    def item(self, item_id: str) -> PlanItem:
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(item_id)


# ---------------------------------------------------------------- snapshots

def default_snapshot(agenda=None) -> dict:
    """The shipped agenda as a snapshot: every item in order, its duration and free time before it."""
    agenda = agenda or load_agenda()
    days = {}
    for d in agenda.days:
        items, previous_end = [], None
        for s in d.sessions:
            gap = 0 if previous_end is None else max(0, s.start_min - previous_end)
            items.append({"id": s.id, "duration_min": s.duration_min, "gap_min": gap})
            previous_end = s.end_min
        days[str(d.day)] = {"start": d.start, "items": items}
    return {"version": SNAPSHOT_VERSION, "days": days}


def _resolve(snapshot: dict, agenda=None) -> list[DayPlan]:
    agenda = agenda or load_agenda()
    shipped = {s.id: (d.day, s) for d, s in agenda.items()}
    titles = {d.day: d.title for d in agenda.days}
    plans = []
    for day in WORKSHOP_DAYS:
        entry = snapshot["days"].get(str(day), {"start": DEFAULT_DAY_START, "items": []})
        start = parse_clock(entry["start"])
        cursor, items = start, []
        for raw in entry["items"]:
            if raw.get("custom"):
                base, base_day, kind = None, None, "session"
            elif raw["id"] in shipped:
                base_day, base = shipped[raw["id"]]
                kind = base.kind
            else:
                continue  # a session the shipped content no longer has
            cursor += int(raw.get("gap_min", 0))
            items.append(PlanItem(
                id=raw["id"], kind=kind, day=day, position=len(items), start_min=cursor,
                duration_min=int(raw["duration_min"]), base=base, base_day=base_day,
                custom_title=raw.get("title", ""), custom_method=tuple(raw.get("method", ())),
                custom_notes=raw.get("notes", ""),
            ))
            cursor += int(raw["duration_min"])
        plans.append(DayPlan(day=day, start_min=start, items=tuple(items), shipped_title=titles.get(day)))
    return plans


def _snapshot(conn, workshop_id: str) -> dict:
    return q.get_plan(conn, workshop_id) or default_snapshot()


def programme(db: Database, workshop_id: str) -> list[DayPlan]:
    """The four days of this workshop, adapted or as shipped, with start times computed."""
    with db.read() as conn:
        snapshot = _snapshot(conn, workshop_id)
    return _resolve(snapshot)


def day_plan(db: Database, workshop_id: str, day: int) -> DayPlan:
    if day not in WORKSHOP_DAYS:
        raise InputError([FieldError("day", "err.choice")])
    return programme(db, workshop_id)[day - 1]


def find_item(plans: list[DayPlan], item_id: str) -> PlanItem:
    for plan in plans:
        for item in plan.items:
            if item.id == item_id:
                return item
    raise NotFound("agenda.err_item_unknown", id=item_id)


def is_adapted(db: Database, workshop_id: str) -> bool:
    with db.read() as conn:
        return q.get_plan(conn, workshop_id) is not None


# ---------------------------------------------------------------- adapting

class DurationIn(_Input):
    duration_min: int = Field(ge=MIN_DURATION, le=MAX_DURATION)


class MoveIn(_Input):
    day: int = Field(ge=1, le=len(WORKSHOP_DAYS))
    slot: int = Field(ge=0)


class CustomSessionIn(_Input):
    session_title: str = Field(min_length=1, max_length=120)
    duration_min: int = Field(ge=MIN_DURATION, le=MAX_DURATION)
    methods: list[str] = Field(default_factory=list)
    session_notes: str = Field(default="", max_length=NOTE_MAX)

    @field_validator("methods")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        if any(m not in METHODS for m in v):
            raise reject("err.choice")
        return list(dict.fromkeys(v))


def _locate(snapshot: dict, item_id: str) -> tuple[str, int]:
    for day, entry in snapshot["days"].items():
        for i, raw in enumerate(entry["items"]):
            if raw["id"] == item_id:
                return day, i
    raise NotFound("agenda.err_item_unknown", id=item_id)


def _check_fits(snapshot: dict) -> None:
    """Every day must end by midnight; the error names the day and its new end."""
    for plan in _resolve(snapshot):
        if plan.end_min > DAY_END_LIMIT:
            raise RembugError("agenda.err_past_midnight", day=plan.day, end=clock(plan.end_min, "en"))


def _adapt(db: Database, workshop_id: str, change: Callable[[dict], object]):
    """Read the snapshot, apply `change`, check it and store it, all in one transaction."""
    with db.tx() as conn:
        snapshot = _snapshot(conn, workshop_id)
        result = change(snapshot)
        _check_fits(snapshot)
        q.save_plan(conn, workshop_id, snapshot)
    return result


def set_duration(db: Database, workshop_id: str, item_id: str, minutes) -> None:
    """Shorten or lengthen an item; everything after it in the day moves with it."""
    duration = validate(DurationIn, {"duration_min": minutes}).duration_min

    def change(snapshot):
        day, i = _locate(snapshot, item_id)
        snapshot["days"][day]["items"][i]["duration_min"] = duration

    _adapt(db, workshop_id, change)


def move_item(db: Database, workshop_id: str, item_id: str, day, position) -> None:
    """Move an item to `position` (0 = first) of `day`, which may be another day."""
    target = validate(MoveIn, {"day": day, "slot": position})

    def change(snapshot):
        from_day, i = _locate(snapshot, item_id)
        raw = snapshot["days"][from_day]["items"].pop(i)
        raw["gap_min"] = 0  # free time belonged to the old place
        dest = snapshot["days"].setdefault(str(target.day), {"start": DEFAULT_DAY_START, "items": []})["items"]
        dest.insert(min(target.slot, len(dest)), raw)

    _adapt(db, workshop_id, change)


def shift_item(db: Database, workshop_id: str, item_id: str, delta: int) -> None:
    """Move an item up (-1) or down (+1) within its day; at either end nothing changes."""
    plans = programme(db, workshop_id)
    item = find_item(plans, item_id)
    last = len(plans[item.day - 1].items) - 1
    position = min(max(item.position + delta, 0), last)
    if position != item.position:
        move_item(db, workshop_id, item_id, item.day, position)


def add_session(db: Database, workshop_id: str, day, data: dict, position: int | None = None) -> str:
    """Add the facilitator's own session (title in the UI language); returns its id."""
    target_day = validate(MoveIn, {"day": day, "slot": position or 0}).day
    s = validate(CustomSessionIn, data)
    new_id = CUSTOM_PREFIX + secrets.token_hex(4)

    def change(snapshot):
        dest = snapshot["days"].setdefault(str(target_day), {"start": DEFAULT_DAY_START, "items": []})["items"]
        raw = {"id": new_id, "custom": True, "title": s.session_title, "method": s.methods,
               "notes": s.session_notes, "duration_min": s.duration_min, "gap_min": 0}
        dest.insert(len(dest) if position is None else min(max(position, 0), len(dest)), raw)

    _adapt(db, workshop_id, change)
    return new_id


def update_custom_session(db: Database, workshop_id: str, item_id: str, data: dict) -> None:
    s = validate(CustomSessionIn, data)

    def change(snapshot):
        day, i = _locate(snapshot, item_id)
        raw = snapshot["days"][day]["items"][i]
        if not raw.get("custom"):
            raise RembugError("agenda.err_not_custom")
        raw.update(title=s.session_title, method=s.methods, notes=s.session_notes, duration_min=s.duration_min)

    _adapt(db, workshop_id, change)


def remove_item(db: Database, workshop_id: str, item_id: str) -> None:
    def change(snapshot):
        day, i = _locate(snapshot, item_id)
        snapshot["days"][day]["items"].pop(i)

    _adapt(db, workshop_id, change)


def set_day_start(db: Database, workshop_id: str, day, start: str) -> None:
    target_day = validate(MoveIn, {"day": day, "slot": 0}).day
    try:
        start = format_clock(parse_time(start))
    except ValueError:
        raise InputError([FieldError("day_start", "agenda.err_time_format")]) from None

    def change(snapshot):
        snapshot["days"].setdefault(str(target_day), {"start": DEFAULT_DAY_START, "items": []})["start"] = start

    _adapt(db, workshop_id, change)


def reset_programme(db: Database, workshop_id: str) -> None:
    """Back to the shipped agenda. What was ticked done stays recorded."""
    with db.tx() as conn:
        q.delete_plan(conn, workshop_id)


# ---------------------------------------------------------------- done and notes

class NoteIn(_Input):
    session_note: str = Field(default="", max_length=NOTE_MAX)


def progress(db: Database, workshop_id: str) -> dict[str, dict]:
    """item id -> {done, note, done_at}, for the items that have a record."""
    with db.read() as conn:
        return q.progress(conn, workshop_id)


def record_progress(db: Database, workshop_id: str, updates: dict[str, tuple[bool, str]]) -> None:
    """Tick items done (or not) with a note, several at once, in one transaction."""
    if not updates:
        return
    known = {i.id for plan in programme(db, workshop_id) for i in plan.items}
    errors, rows = [], []
    now = dt.datetime.now(dt.timezone.utc)
    for item_id, (done, note) in updates.items():
        if item_id not in known:
            raise NotFound("agenda.err_item_unknown", id=item_id)
        try:
            clean_note = validate(NoteIn, {"session_note": note or ""}).session_note
        except InputError as exc:
            errors += exc.errors
            continue
        rows.append({"item_id": item_id, "done": int(bool(done)), "note": clean_note,
                     "done_at": now if done else None})
    if errors:
        raise InputError(errors)
    with db.tx() as conn:
        before = q.progress(conn, workshop_id)
        for r in rows:  # keep the first time an item was ticked, not the last save
            old = before.get(r["item_id"])
            if r["done"] and old and old["done"] and old["done_at"] is not None:
                r["done_at"] = old["done_at"]
        q.set_progress(conn, workshop_id, rows)


def mark_done(db: Database, workshop_id: str, item_id: str, note: str = "", done: bool = True) -> None:
    record_progress(db, workshop_id, {item_id: (done, note)})


# ---------------------------------------------------------------- run of show

def workshop_day(ws: dict, date: dt.date) -> int | None:
    """Which day of the workshop `date` is, or None."""
    for d in WORKSHOP_DAYS:
        if ws[f"day{d}"] == date:
            return d
    return None


@dataclass(frozen=True)
class RunOfShow:
    current: PlanItem | None
    next: PlanItem | None
    by_clock: bool
    done: int
    total: int
    done_ids: frozenset = field(default_factory=frozenset)
    before_start: bool = False
    day_over: bool = False

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def run_of_show(plan: DayPlan, progress_rows: dict[str, dict], clock_min: int | None = None) -> RunOfShow:
    """The current item and the next one.

    With `clock_min` (today is this workshop day) the clock decides: the item running now,
    a break included. Without it, the first session not yet ticked done is current.
    """
    done_ids = frozenset(i.id for i in plan.sessions if progress_rows.get(i.id, {}).get("done"))
    counts = {"done": len(done_ids), "total": len(plan.sessions), "done_ids": done_ids}
    items = plan.items
    if clock_min is not None:
        if items and clock_min < items[0].start_min:
            return RunOfShow(current=None, next=items[0], by_clock=True, before_start=True, **counts)
        for i, item in enumerate(items):
            if item.start_min <= clock_min < item.end_min:
                return RunOfShow(current=item, next=items[i + 1] if i + 1 < len(items) else None,
                                 by_clock=True, **counts)
            if clock_min < item.start_min:  # free time before this item
                return RunOfShow(current=None, next=item, by_clock=True, **counts)
        return RunOfShow(current=None, next=None, by_clock=True, day_over=True, **counts)
    for i, item in enumerate(items):
        if not item.is_break and item.id not in done_ids:
            return RunOfShow(current=item, next=items[i + 1] if i + 1 < len(items) else None,
                             by_clock=False, **counts)
    return RunOfShow(current=None, next=None, by_clock=False, day_over=bool(items), **counts)


def first_open_day(plans: list[DayPlan], progress_rows: dict[str, dict]) -> int:
    """The first day with a session not yet done (day 4 when everything is done)."""
    for plan in plans:
        if any(not progress_rows.get(i.id, {}).get("done") for i in plan.sessions):
            return plan.day
    return WORKSHOP_DAYS[-1]
