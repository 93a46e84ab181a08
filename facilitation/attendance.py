"""Attendance per day (hadir / izin / sakit / alpa) and the day's counts."""
from __future__ import annotations

from collections import Counter, defaultdict

from facilitation.errors import FieldError, InputError
from facilitation.models import ATTENDANCE_STATUSES, WORKSHOP_DAYS
from facilitation.store import Database
from facilitation.store import workshops as q


def record_attendance(db: Database, workshop_id: str, day: int, statuses: dict[int, str]) -> None:
    if day not in WORKSHOP_DAYS:
        raise InputError([FieldError("day", "err.choice")])
    bad = [pid for pid, s in statuses.items() if s not in ATTENDANCE_STATUSES]
    if bad:
        raise InputError([FieldError("status", "err.choice")])
    with db.tx() as conn:
        known = {p for p, _, _ in q.participant_keys(conn, workshop_id)}
        unknown = [pid for pid in statuses if pid not in known]
        if unknown:
            raise InputError([FieldError("participant", "err.invalid")])
        q.set_attendance(conn, workshop_id, day, statuses)


def attendance_matrix(db: Database, workshop_id: str) -> dict[int, dict[int, str]]:
    """participant id -> {day: status}."""
    out: dict[int, dict[int, str]] = defaultdict(dict)
    with db.read() as conn:
        for r in q.attendance_for(conn, workshop_id):
            out[r["participant_id"]][r["day"]] = r["status"]
    return dict(out)


def present_ids(db: Database, workshop_id: str, day: int) -> list[int]:
    with db.read() as conn:
        return q.present_ids(conn, workshop_id, day)


def day_summary(participants: list[dict], matrix: dict[int, dict[int, str]], day: int) -> dict:
    """Counts for one day: per status, and of those present per gender and per institution."""
    status = Counter()
    gender = Counter()
    institution = Counter()
    for p in participants:
        s = matrix.get(p["id"], {}).get(day)
        status[s or "unrecorded"] += 1
        if s == "hadir":
            gender[p["gender"]] += 1
            institution[p["institution"]] += 1
    return {
        "status": {s: status.get(s, 0) for s in (*ATTENDANCE_STATUSES, "unrecorded")},
        "gender": {g: gender.get(g, 0) for g in ("L", "P")},
        "institution": dict(sorted(institution.items(), key=lambda kv: (-kv[1], kv[0]))),
        "present": status.get("hadir", 0),
        "total": len(participants),
    }
