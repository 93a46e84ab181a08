"""The learning contract (kontrak belajar) the group agrees on day 1.

It holds the daily schedule (default: each day of the workshop's programme, 08.30–21.30 with
its ISOMA breaks), house rules and light-hearted sanctions (defaults from the catalog in the
facilitator's language until the group changes them), the daily roles (reviewer, timekeeper,
energiser leader) and the participants' expectations (harapan) and concerns (kekhawatiran),
typed by the facilitator or sent from phones while collection is open.
"""
from __future__ import annotations

from pydantic import Field

from facilitation import agenda
from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.i18n import t
from facilitation.models import WORKSHOP_DAYS, _Input
from facilitation.store import Database
from facilitation.store import contract as q
from facilitation.store import workshops as wq
from facilitation.validation import validate

ROLES = ("reviewer", "timekeeper", "energiser")
VOICE_KINDS = ("expectation", "concern")
SOURCES = ("facilitator", "phone", "merged")
DEFAULT_RULES = 5
DEFAULT_SANCTIONS = 4
MAX_ITEMS = 20
ITEM_MAX = 200
VOICE_MAX = 300
PHONE_LIMIT = 5  # entries of each kind one participant may send


# ---------------------------------------------------------------- defaults

def default_rules(lang: str) -> list[str]:
    return [t(f"agenda.contract_rule_{i}", lang) for i in range(1, DEFAULT_RULES + 1)]


def default_sanctions(lang: str) -> list[str]:
    return [t(f"agenda.contract_sanction_{i}", lang) for i in range(1, DEFAULT_SANCTIONS + 1)]


def default_schedule(plans: list[agenda.DayPlan], lang: str) -> list[dict]:
    """Each day's start and end in the workshop's programme, with its breaks."""
    out = []
    for plan in plans:
        out.append({
            "day": plan.day,
            "start": agenda.clock(plan.start_min, "en"),
            "end": agenda.clock(plan.end_min, "en"),
            "breaks": [{"label": b.title(lang), "start": agenda.clock(b.start_min, "en"),
                        "end": agenda.clock(b.end_min, "en")} for b in plan.breaks if not b.optional],
        })
    return out


# ---------------------------------------------------------------- reading

def get_contract(db: Database, workshop_id: str, lang: str = "id") -> dict:
    """Everything the contract page and document show; defaults where nothing was agreed yet."""
    with db.read() as conn:
        row = q.get_contract(conn, workshop_id) or {}
        role_rows = q.roles(conn, workshop_id)
        voice_rows = q.voices(conn, workshop_id)
        people = {p["id"]: p for p in wq.list_participants(conn, workshop_id)}
    roles = {d: {r: None for r in ROLES} for d in WORKSHOP_DAYS}
    for r in role_rows:
        if r["day"] in roles and r["role"] in roles[r["day"]]:
            roles[r["day"]][r["role"]] = {"id": r["participant_id"], "name": r["name"],
                                          "institution": r["institution"]}
    voices = {k: [v for v in voice_rows if v["kind"] == k] for k in VOICE_KINDS}
    schedule = row.get("schedule")
    rules = row.get("rules")
    sanctions = row.get("sanctions")
    return {
        "schedule": schedule if schedule is not None else default_schedule(agenda.programme(db, workshop_id), lang),
        "rules": rules if rules is not None else default_rules(lang),
        "sanctions": sanctions if sanctions is not None else default_sanctions(lang),
        "defaults": {"schedule": schedule is None, "rules": rules is None, "sanctions": sanctions is None},
        "roles": roles,
        "voices": voices,
        "representative": people.get(row.get("representative_id")),
        "collecting": bool(row.get("collecting")),
    }


def is_collecting(db: Database, workshop_id: str) -> bool:
    with db.read() as conn:
        row = q.get_contract(conn, workshop_id)
    return bool(row and row["collecting"])


# ---------------------------------------------------------------- schedule

def _minutes(value, field: str, row: int, errors: list) -> int | None:
    try:
        return agenda.parse_time(value)
    except ValueError:
        errors.append(FieldError(field, "agenda.err_time_format", row=row))
        return None


def save_schedule(db: Database, workshop_id: str, days: list[dict], breaks: list[dict]) -> None:
    """days: [{day, start, end}] for the four days; breaks: [{day, label, start, end}].

    Every time is HH.MM or HH:MM, a day starts before it ends, each break lies inside its day
    and breaks of one day do not overlap. All problems are reported at once, by table row."""
    errors: list[FieldError] = []
    spans: dict[int, tuple[int, int]] = {}
    seen_days = set()
    for n, d in enumerate(days, start=1):
        day = d.get("day")
        if day not in WORKSHOP_DAYS or day in seen_days:
            errors.append(FieldError("day", "err.choice", row=n))
            continue
        seen_days.add(day)
        start = _minutes(d.get("start"), "time_start", n, errors)
        end = _minutes(d.get("end"), "time_end", n, errors)
        if start is not None and end is not None:
            if end <= start:
                errors.append(FieldError("time_end", "agenda.err_end_before_start", row=n))
            else:
                spans[day] = (start, end)
    if seen_days != set(WORKSHOP_DAYS) and not errors:
        errors.append(FieldError("day", "agenda.err_all_days"))
    by_day: dict[int, list[tuple[int, int, str, int]]] = {d: [] for d in WORKSHOP_DAYS}
    for n, b in enumerate(breaks, start=1):
        label = str(b.get("label") or "").strip()
        if not label:
            errors.append(FieldError("break_label", "err.required", row=n))
        elif len(label) > ITEM_MAX:
            errors.append(FieldError("break_label", "err.too_long", {"limit": ITEM_MAX}, row=n))
        day = b.get("day")
        if day not in WORKSHOP_DAYS:
            errors.append(FieldError("day", "err.choice", row=n))
            continue
        start = _minutes(b.get("start"), "time_start", n, errors)
        end = _minutes(b.get("end"), "time_end", n, errors)
        if start is None or end is None:
            continue
        if end <= start:
            errors.append(FieldError("time_end", "agenda.err_end_before_start", row=n))
            continue
        if day in spans and not (spans[day][0] <= start and end <= spans[day][1]):
            errors.append(FieldError("time_start", "agenda.err_break_outside", {"day": day}, row=n))
            continue
        by_day[day].append((start, end, label, n))
    for day, items in by_day.items():
        items.sort()
        for (s1, e1, _, _), (s2, _, _, n2) in zip(items, items[1:]):
            if s2 < e1:
                errors.append(FieldError("time_start", "agenda.err_break_overlap", row=n2))
    if errors:
        raise InputError(errors)
    schedule = [{
        "day": day,
        "start": agenda.clock(spans[day][0], "en"),
        "end": agenda.clock(spans[day][1], "en"),
        "breaks": [{"label": label, "start": agenda.clock(s, "en"), "end": agenda.clock(e, "en")}
                   for s, e, label, _ in by_day[day]],
    } for day in WORKSHOP_DAYS]
    with db.tx() as conn:
        q.update_contract(conn, workshop_id, schedule=schedule)


# ---------------------------------------------------------------- rules and sanctions

def _clean_list(items: list, field: str, required: bool) -> list[str]:
    out, errors = [], []
    for n, raw in enumerate(items, start=1):
        text = "" if raw is None or (isinstance(raw, float) and raw != raw) else str(raw)
        # tabs and line breaks become spaces; other control characters cannot go into Word
        text = "".join(ch for ch in " ".join(text.split()) if ord(ch) >= 32)
        if not text:
            continue  # an emptied row removes the item
        if len(text) > ITEM_MAX:
            errors.append(FieldError(field, "err.too_long", {"limit": ITEM_MAX}, row=n))
        out.append(text)
    if len(out) > MAX_ITEMS:
        errors.append(FieldError(field, "err.max", {"limit": MAX_ITEMS}))
    if required and not out and not errors:
        errors.append(FieldError(field, "err.required"))
    if errors:
        raise InputError(errors)
    return out


def save_rules(db: Database, workshop_id: str, rules: list[str]) -> None:
    cleaned = _clean_list(rules, "rule_text", required=True)
    with db.tx() as conn:
        q.update_contract(conn, workshop_id, rules=cleaned)


def save_sanctions(db: Database, workshop_id: str, sanctions: list[str]) -> None:
    cleaned = _clean_list(sanctions, "sanction_text", required=False)
    with db.tx() as conn:
        q.update_contract(conn, workshop_id, sanctions=cleaned)


def restore_defaults(db: Database, workshop_id: str, part: str) -> None:
    """Forget what was agreed for `part` (schedule, rules or sanctions): the defaults apply again."""
    if part not in ("schedule", "rules", "sanctions"):
        raise InputError([FieldError("part", "err.choice")])
    with db.tx() as conn:
        q.update_contract(conn, workshop_id, **{part: None})


# ---------------------------------------------------------------- people

def _check_participant(conn, workshop_id: str, participant_id: int | None) -> None:
    if participant_id is not None and wq.get_participant(conn, workshop_id, participant_id) is None:
        raise NotFound("err.participant_not_found", id=participant_id)


def save_roles(db: Database, workshop_id: str, assignments: dict[tuple[int, str], int | None]) -> None:
    """{(day, role): participant id or None}; None clears the role."""
    for day, role in assignments:
        if day not in WORKSHOP_DAYS or role not in ROLES:
            raise InputError([FieldError("daily_role", "err.choice")])
    with db.tx() as conn:
        for (day, role), pid in assignments.items():
            _check_participant(conn, workshop_id, pid)
            q.set_role(conn, workshop_id, day, role, pid)


def set_representative(db: Database, workshop_id: str, participant_id: int | None) -> None:
    with db.tx() as conn:
        _check_participant(conn, workshop_id, participant_id)
        q.update_contract(conn, workshop_id, representative_id=participant_id)


# ---------------------------------------------------------------- expectations and concerns

class VoiceIn(_Input):
    kind: str
    voice_text: str = Field(min_length=1, max_length=VOICE_MAX)


def _voice(kind: str, text: str) -> VoiceIn:
    v = validate(VoiceIn, {"kind": kind, "voice_text": text})
    if v.kind not in VOICE_KINDS:
        raise InputError([FieldError("kind", "err.choice")])
    return v


def set_collecting(db: Database, workshop_id: str, open_: bool) -> None:
    with db.tx() as conn:
        q.update_contract(conn, workshop_id, collecting=open_)


def add_voice(db: Database, workshop_id: str, kind: str, text: str) -> int:
    """An expectation or concern the facilitator types (from cards or from what was said)."""
    v = _voice(kind, text)
    with db.tx() as conn:
        return q.insert_voice(conn, workshop_id, {"kind": v.kind, "text": v.voice_text, "participant_id": None,
                                                  "source": "facilitator", "weight": 1})


def send_from_phone(db: Database, workshop_id: str, participant_id: int, kind: str, text: str) -> bool:
    """A participant's own entry; True when stored, False when it was a repeat of the same text."""
    v = _voice(kind, text)
    with db.tx() as conn:
        if not (q.get_contract(conn, workshop_id) or {}).get("collecting"):
            raise RembugError("agenda.err_collection_closed")
        _check_participant(conn, workshop_id, participant_id)
        if q.count_voices_by(conn, workshop_id, participant_id, v.kind) >= PHONE_LIMIT:
            raise RembugError("agenda.err_phone_limit", limit=PHONE_LIMIT)
        new_id = q.insert_voice(conn, workshop_id, {"kind": v.kind, "text": v.voice_text,
                                                    "participant_id": participant_id, "source": "phone",
                                                    "weight": 1})
    return new_id is not None


def list_voices(db: Database, workshop_id: str) -> dict[str, list[dict]]:
    """{'expectation': [...], 'concern': [...]} in the order they arrived."""
    with db.read() as conn:
        rows = q.voices(conn, workshop_id)
    return {k: [v for v in rows if v["kind"] == k] for k in VOICE_KINDS}


def my_voices(db: Database, workshop_id: str, participant_id: int) -> list[dict]:
    with db.read() as conn:
        return [v for v in q.voices(conn, workshop_id) if v["participant_id"] == participant_id]


def delete_voices(db: Database, workshop_id: str, ids: list[int]) -> int:
    with db.tx() as conn:
        return q.delete_voices(conn, workshop_id, [int(i) for i in ids])


def merge_voices(db: Database, workshop_id: str, ids: list[int], text: str) -> int:
    """Several entries that say the same thing become one, counted as often as it was said."""
    ids = sorted({int(i) for i in ids})
    if len(ids) < 2:
        raise RembugError("agenda.err_merge_two")
    with db.tx() as conn:
        rows = q.get_voices(conn, workshop_id, ids)
        if len(rows) != len(ids):
            raise NotFound("agenda.err_voice_unknown")
        kinds = {r["kind"] for r in rows}
        if len(kinds) != 1:
            raise RembugError("agenda.err_merge_kinds")
        v = _voice(kinds.pop(), text)
        q.delete_voices(conn, workshop_id, ids)
        return q.insert_voice(conn, workshop_id, {"kind": v.kind, "text": v.voice_text, "participant_id": None,
                                                  "source": "merged", "weight": sum(r["weight"] for r in rows)})
