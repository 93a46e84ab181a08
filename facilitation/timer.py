"""Countdown timers for the projector, kept in the store so every tab shows the same time.

A running timer stores its deadline on the wall clock; a paused one stores what was left.
Any browser (a reload, the projector's second tab) computes the remaining time from the
deadline, so nothing depends on one browser's session. Every function takes `now` (epoch
seconds) so tests can drive the clock.

A workshop may hold several timers under different keys: the Today page uses "today", each
ice breaker card its own ("icebreaker:<id>").
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

from facilitation.errors import FieldError, InputError
from facilitation.store import Database
from facilitation.store import agenda as q

ADD_SECONDS = 5 * 60
MAX_SECONDS = 6 * 60 * 60
ACTIONS = ("start", "pause", "add", "reset", "load")


def wall_clock() -> float:
    return time.time()


@dataclass(frozen=True)
class Timer:
    key: str
    label: str          # what it times: an agenda item id or an ice breaker id
    total_s: int        # the length it was set to (reset goes back to it)
    remaining_ms: int   # what is left while paused
    deadline_ms: int | None = None  # epoch ms while running
    running: bool = False
    stored: bool = False  # False: a default shown before anyone touched the timer

    def left_ms(self, now: float) -> int:
        """Milliseconds left; negative once the time is over."""
        if self.running and self.deadline_ms is not None:
            return self.deadline_ms - int(now * 1000)
        return self.remaining_ms

    def remaining_s(self, now: float) -> int:
        """Whole seconds left, rounded up (a timer shows 00:01 until the last second is gone)."""
        return max(0, math.ceil(self.left_ms(now) / 1000))

    def overtime_s(self, now: float) -> int:
        return max(0, -self.left_ms(now) // 1000)

    def finished(self, now: float) -> bool:
        return self.left_ms(now) <= 0

    def fraction_left(self, now: float) -> float:
        return min(1.0, max(0.0, self.left_ms(now) / (self.total_s * 1000))) if self.total_s else 0.0


def fresh(key: str, label: str, total_s: int) -> Timer:
    return Timer(key=key, label=label, total_s=total_s, remaining_ms=total_s * 1000)


# ---------------------------------------------------------------- transitions (pure)

def start(t: Timer, now: float) -> Timer:
    if t.running:
        return t
    left = t.remaining_ms if t.remaining_ms > 0 else t.total_s * 1000  # a finished timer starts over
    return replace(t, running=True, deadline_ms=int(now * 1000) + left, remaining_ms=left)


def pause(t: Timer, now: float) -> Timer:
    if not t.running:
        return t
    return replace(t, running=False, deadline_ms=None, remaining_ms=max(0, t.left_ms(now)))


def add(t: Timer, now: float, seconds: int = ADD_SECONDS) -> Timer:
    """More time: a timer already over restarts its count from zero, not from the overrun."""
    if t.running:
        base = max(t.deadline_ms, int(now * 1000))
        return replace(t, deadline_ms=base + seconds * 1000)
    return replace(t, remaining_ms=max(0, t.remaining_ms) + seconds * 1000)


def reset(t: Timer) -> Timer:
    return replace(t, running=False, deadline_ms=None, remaining_ms=t.total_s * 1000)


def load(t: Timer, label: str, total_s: int) -> Timer:
    """Point the timer at something else (the next session), stopped at its full length."""
    return replace(fresh(t.key, label, total_s), stored=t.stored)


# ---------------------------------------------------------------- stored timers

def _check(total_s) -> int:
    if isinstance(total_s, bool) or not isinstance(total_s, int) or not 1 <= total_s <= MAX_SECONDS:
        raise InputError([FieldError("duration_min", "err.max", {"limit": MAX_SECONDS // 60})])
    return total_s


def _from_row(row: dict) -> Timer:
    return Timer(key=row["timer_key"], label=row["label"], total_s=row["total_s"],
                 remaining_ms=row["remaining_ms"], deadline_ms=row["deadline_ms"],
                 running=bool(row["running"]), stored=True)


def get_timer(db: Database, workshop_id: str, key: str, label: str = "", total_s: int = 0) -> Timer:
    """The stored timer `key`, or (untouched so far) one set to `label` and `total_s`."""
    with db.read() as conn:
        row = q.get_timer(conn, workshop_id, key)
    return _from_row(row) if row else fresh(key, label, total_s)


def act(db: Database, workshop_id: str, key: str, action: str, *, label: str = "", total_s: int = 0,
        now: float | None = None) -> Timer:
    """Apply start / pause / add / reset / load to the stored timer in one transaction.

    `label` and `total_s` set up a timer nobody has touched yet, and are the target of
    `load`."""
    if action not in ACTIONS:
        raise InputError([FieldError("action", "err.choice")])
    now = wall_clock() if now is None else now
    with db.tx() as conn:
        row = q.get_timer(conn, workshop_id, key)
        if row is None:
            t = fresh(key, label, _check(total_s))
        else:
            t = _from_row(row)
        if action == "start":
            t = start(t, now)
        elif action == "pause":
            t = pause(t, now)
        elif action == "add":
            t = add(t, now)
        elif action == "reset":
            t = reset(t)
        else:
            t = load(t, label, _check(total_s))
        q.save_timer(conn, workshop_id, key, {"label": t.label, "total_s": t.total_s,
                                              "remaining_ms": t.remaining_ms, "deadline_ms": t.deadline_ms,
                                              "running": int(t.running)})
    return replace(t, stored=True)


def mmss(seconds: int) -> str:
    """'25:00'; an hour or more as '1:05:00'."""
    h, rest = divmod(max(0, int(seconds)), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"
