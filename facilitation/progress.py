"""The six months after the workshop: progress of each action-plan row (DOMAIN.md §0, §7.6).

For each row of the plan the Pokja or the pendamping records dated progress entries. An
entry says where the activity stands on its date: status, percent done and beneficiaries
reached *so far*, plus the money spent *since the previous entry*, per source of funds. So:

- a row's status, percent and beneficiaries are those of its latest entry (by date, then as
  recorded); a row without entries has not started (0 %);
- a row's spending is the sum over its entries; the plan's spending per source is the sum
  over its rows, compared with the budget lines of the plan;
- plan completion is the mean percent of the rows that were not dropped ('batal');
- a plan month (1–6, month 1 being the month after the workshop) counts as a month with
  activity for a row when an entry dated in it says 'berjalan' or 'selesai' or spends money;
  an entry before month 1 counts for month 1 (the Pokja started early), one after month 6
  keeps its month (7, 8, …) so lateness stays visible.

Money is whole rupiah (int); a float is refused, never rounded.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from pydantic import Field, field_validator

from facilitation import planning
from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.models import _Input
from facilitation.store import Database
from facilitation.store import progress as q
from facilitation.store import workshops as wq
from facilitation.validation import reject, validate

STATUSES = ("belum", "berjalan", "selesai", "batal")
ACTIVE_STATUSES = ("berjalan", "selesai")
SOURCES = planning.SOURCES  # stimulan, swadaya, lainnya
PLAN_MONTHS = planning.PLAN_MONTHS
MAX_TEXT = 2000


def _money(v):
    if v is None or (isinstance(v, str) and not v.strip()):
        return 0
    if isinstance(v, float):
        if v != v:  # NaN from an empty table cell
            return 0
        raise reject("err.rupiah")
    try:
        return planning.parse_rupiah(v)
    except RembugError:
        raise reject("err.rupiah") from None


class EntryIn(_Input):
    row_id: int
    entry_date: dt.date
    status: Literal["belum", "berjalan", "selesai", "batal"]
    percent: int = Field(ge=0, le=100)
    beneficiaries: int | None = Field(default=None, ge=0, le=1_000_000)
    spent_stimulan: int = Field(default=0, ge=0, le=planning.MAX_AMOUNT)
    spent_swadaya: int = Field(default=0, ge=0, le=planning.MAX_AMOUNT)
    spent_lainnya: int = Field(default=0, ge=0, le=planning.MAX_AMOUNT)
    obstacles: str = Field(default="", max_length=MAX_TEXT)
    follow_up: str = Field(default="", max_length=MAX_TEXT)
    reported_by: str = Field(default="", max_length=120)

    @field_validator("spent_stimulan", "spent_swadaya", "spent_lainnya", mode="before")
    @classmethod
    def _whole_rupiah(cls, v):
        return _money(v)

    @field_validator("beneficiaries", mode="before")
    @classmethod
    def _blank_is_none(cls, v):
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, float):
            if v != v:
                return None
            if not v.is_integer():
                raise reject("err.not_integer")
            return int(v)
        return v

    def spent(self) -> dict[str, int]:
        return {s: getattr(self, f"spent_{s}") for s in SOURCES}


# ---------------------------------------------------------------- months

def plan_month(workshop: dict, when: dt.date) -> int:
    """The plan month of a date: 1 for the month after the workshop (or earlier), 2, 3, …"""
    start = planning.plan_start(workshop)
    when = dt.date.fromisoformat(when) if isinstance(when, str) else when
    return max(1, (when.year - start.year) * 12 + when.month - start.month + 1)


def current_month(workshop: dict, today: dt.date | None = None) -> int:
    """The plan month we are in today; 0 before month 1 begins."""
    today = today or dt.date.today()
    start = planning.plan_start(workshop)
    return max(0, (today.year - start.year) * 12 + today.month - start.month + 1)


# ---------------------------------------------------------------- arithmetic (pure)

@dataclass(frozen=True)
class RowProgress:
    row_id: int
    no: int
    activity: str
    dimensions: tuple[str, ...]
    planned_months: tuple[int, ...]
    active_months: tuple[int, ...]
    status: str
    percent: int
    beneficiaries: int | None  # reached so far (latest entry that counted them)
    beneficiaries_planned: int | None
    budget: dict  # source -> planned rupiah
    spent: dict  # source -> spent rupiah
    entries: int
    last_date: dt.date | None
    obstacles: str
    follow_up: str
    behind: bool  # planned to start in a month already over, and not started

    @property
    def budget_total(self) -> int:
        return sum(self.budget.values())

    @property
    def spent_total(self) -> int:
        return sum(self.spent.values())

    @property
    def over_budget(self) -> tuple[str, ...]:
        return tuple(s for s in SOURCES if self.spent[s] > self.budget[s])

    @property
    def off_plan_months(self) -> tuple[int, ...]:
        """Months with activity that the plan did not schedule."""
        return tuple(m for m in self.active_months if m not in self.planned_months)


@dataclass(frozen=True)
class PlanProgress:
    rows: tuple[RowProgress, ...]
    completion: Fraction | None  # mean percent of the rows not dropped; None without such rows
    status_counts: dict
    by_dimension: tuple[dict, ...]
    by_month: tuple[dict, ...]
    money: dict  # source and 'total' -> {'budget', 'spent', 'left'}
    current_month: int = 0
    months: tuple[int, ...] = field(default=PLAN_MONTHS)

    @property
    def completion_percent(self) -> float | None:
        return None if self.completion is None else float(self.completion)


def _mean(values) -> Fraction | None:
    values = list(values)
    return Fraction(sum(values), len(values)) if values else None


def summarise(plan_rows: list[dict], entries: list[dict], month_of, current: int = 0) -> PlanProgress:
    """The progress of a plan.

    `plan_rows`: rows as `planning.list_plan_rows` gives them (id, no, activity, dimensions,
    months, beneficiaries, budget lines with source and amount). `entries`: progress entries
    (row_id, entry_date, status, percent, beneficiaries, spent {source: amount}, obstacles,
    follow_up), in any order. `month_of(date)` gives an entry's plan month; `current` is the
    plan month of today (0 before the plan starts)."""
    by_row: dict[int, list[dict]] = {}
    for e in sorted(entries, key=lambda e: (e["entry_date"], e.get("id") or 0)):
        by_row.setdefault(e["row_id"], []).append(e)
    rows = []
    for r in plan_rows:
        mine = by_row.get(r["id"], [])
        latest = mine[-1] if mine else None
        counted = [e["beneficiaries"] for e in mine if e.get("beneficiaries") is not None]
        budget = {s: 0 for s in SOURCES}
        for line in r.get("budget", ()):
            budget[line["source"]] += planning.as_rupiah(line["amount"])
        spent = {s: 0 for s in SOURCES}
        active = set()
        for e in mine:
            money = {s: planning.as_rupiah(e.get("spent", {}).get(s, 0)) for s in SOURCES}
            for s in SOURCES:
                spent[s] += money[s]
            if e["status"] in ACTIVE_STATUSES or any(money.values()):
                active.add(month_of(e["entry_date"]))
        planned = tuple(sorted(int(m) for m in r.get("months") or ()))
        status = latest["status"] if latest else "belum"
        rows.append(RowProgress(
            row_id=r["id"], no=r.get("no", len(rows) + 1), activity=r["activity"],
            dimensions=tuple(r.get("dimensions") or ()), planned_months=planned,
            active_months=tuple(sorted(active)), status=status,
            percent=int(latest["percent"]) if latest else 0,
            beneficiaries=counted[-1] if counted else None, beneficiaries_planned=r.get("beneficiaries"),
            budget=budget, spent=spent, entries=len(mine),
            last_date=latest["entry_date"] if latest else None,
            obstacles=latest.get("obstacles", "") if latest else "",
            follow_up=latest.get("follow_up", "") if latest else "",
            behind=status == "belum" and bool(planned) and current > planned[0],
        ))
    live = [r for r in rows if r.status != "batal"]
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUSES}
    dims = []
    for d in planning.dimension_ids():
        tagged = [r for r in live if d in r.dimensions]
        dims.append({"dimension": d, "rows": len(tagged), "completion": _mean(r.percent for r in tagged)})
    months_seen = sorted({*PLAN_MONTHS, *(m for r in rows for m in r.active_months)})
    by_month = []
    for m in months_seen:
        planned = [r for r in rows if m in r.planned_months]
        active = [r for r in rows if m in r.active_months]
        by_month.append({"month": m, "planned": len(planned), "active": len(active),
                         "planned_and_active": sum(1 for r in planned if m in r.active_months)})
    money = {}
    for s in (*SOURCES, "total"):
        budget = sum(r.budget_total if s == "total" else r.budget[s] for r in rows)
        spent = sum(r.spent_total if s == "total" else r.spent[s] for r in rows)
        money[s] = {"budget": budget, "spent": spent, "left": budget - spent}
    return PlanProgress(tuple(rows), _mean(r.percent for r in live), counts, tuple(dims), tuple(by_month),
                        money, current, tuple(months_seen))


# ---------------------------------------------------------------- the store

def _entry_values(e: EntryIn) -> dict:
    return {"row_id": e.row_id, "entry_date": e.entry_date, "status": e.status, "percent": e.percent,
            "beneficiaries": e.beneficiaries, "obstacles": e.obstacles, "follow_up": e.follow_up,
            "reported_by": e.reported_by}


def _entry(data: dict) -> EntryIn:
    """The checked entry; a status and a percent that contradict each other would make the
    dashboard lie, so they are refused together with the field to fix."""
    e = validate(EntryIn, data)
    if e.status == "belum" and e.percent != 0:
        raise InputError([FieldError("percent", "monitoring.err_not_started_percent")])
    if e.status == "selesai" and e.percent != 100:
        raise InputError([FieldError("percent", "monitoring.err_done_percent")])
    return e


def _check(conn, workshop_id: str, e: EntryIn) -> None:
    ws = wq.get_workshop(conn, workshop_id)
    if ws is None:
        raise NotFound("err.workshop_not_found", id=workshop_id)
    if not q.plan_row_exists(conn, workshop_id, e.row_id):
        raise NotFound("monitoring.err_row_not_found", id=e.row_id)
    if e.entry_date < ws["day4"]:
        raise InputError([FieldError("entry_date", "monitoring.err_date_before_workshop")])


def add_entry(db: Database, workshop_id: str, data: dict) -> int:
    """Record one progress entry of a plan row, with its spending, in one transaction."""
    e = _entry(data)
    with db.tx() as conn:
        _check(conn, workshop_id, e)
        entry_id = q.insert_entry(conn, {**_entry_values(e), "workshop_id": workshop_id})
        q.replace_spending(conn, workshop_id, entry_id, e.spent())
    return entry_id


def update_entry(db: Database, workshop_id: str, entry_id: int, data: dict) -> None:
    e = _entry(data)
    with db.tx() as conn:
        _check(conn, workshop_id, e)
        if not q.update_entry(conn, workshop_id, entry_id, _entry_values(e)):
            raise NotFound("monitoring.err_entry_not_found", id=entry_id)
        q.replace_spending(conn, workshop_id, entry_id, e.spent())


def delete_entry(db: Database, workshop_id: str, entry_id: int) -> None:
    with db.tx() as conn:
        if not q.delete_entry(conn, workshop_id, entry_id):
            raise NotFound("monitoring.err_entry_not_found", id=entry_id)


def list_entries(db: Database, workshop_id: str, row_id: int | None = None) -> list[dict]:
    """Entries oldest first, each with `spent` {source: rupiah}, `spent_total` and plan `month`."""
    with db.read() as conn:
        ws = wq.get_workshop(conn, workshop_id)
        rows = q.list_entries(conn, workshop_id, row_id)
        spending = q.spending_by_entry(conn, workshop_id)
    if ws is None:
        raise NotFound("err.workshop_not_found", id=workshop_id)
    out = []
    for r in rows:
        spent = {s: spending.get(r["id"], {}).get(s, 0) for s in SOURCES}
        out.append({**r, "spent": spent, "spent_total": sum(spent.values()), "month": plan_month(ws, r["entry_date"])})
    return out


def plan_progress(db: Database, workshop_id: str, today: dt.date | None = None) -> PlanProgress:
    """The stored plan's progress (see `summarise`)."""
    from facilitation.workshops import get_workshop

    ws = get_workshop(db, workshop_id)
    rows = planning.list_plan_rows(db, workshop_id)
    entries = list_entries(db, workshop_id)
    return summarise(rows, entries, lambda d: plan_month(ws, d), current_month(ws, today))


def status_label(status: str, lang: str = "id") -> str:
    from facilitation.i18n import t

    return t(f"monitoring.status_{status}", lang)
