"""Day 3: from priority problems to a six-month action plan (DOMAIN.md §3, §7.4).

Three steps, each stored as it happens:
- the ToP consensus workshop: a focus question, ideas one per card (from the facilitator or
  from phones while collection is open), clusters named by the group and mapped to a dimension,
  and a resolution that turns the named clusters into candidate activities;
- ToP action planning per chosen activity: victory, current reality, a measurable commitment,
  key actions placed on months 1–6;
- the action plan: one row per activity with its problem, objective, beneficiaries, schedule,
  person in charge, partners, budget lines per source and indicator.

The money arithmetic and the whole-plan check `validate_plan` are pure functions in
`facilitation.plan_budget`, re-exported here.
"""
from __future__ import annotations

import datetime as dt
import numbers
import unicodedata

from pydantic import Field, ValidationError, ValidationInfo, field_validator

from facilitation import content
from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.formatting import MONTHS as MONTH_NAMES, rupiah
from facilitation.i18n import t
from facilitation.models import _Input, _clean
from facilitation.plan_budget import (  # noqa: F401  (re-exported: planning is the one entry point)
    SOURCES,
    Check,
    PlanReport,
    as_rupiah,
    budget_totals,
    parse_rupiah,
    row_total,
    validate_plan,
)
from facilitation.store import Database
from facilitation.store import planning as q
from facilitation.store import workshops as wq
from facilitation.validation import field_errors, reject

PLAN_MONTHS = (1, 2, 3, 4, 5, 6)
MAX_IDEAS_PER_PHONE = 15
MAX_BUDGET_LINES = 20
MAX_AMOUNT = 10**12  # a village plan never reaches a trillion rupiah; a typo might
# mitra kerja usually named in a village plan; the facilitator may type others
PARTNER_SUGGESTIONS = (
    "Pemerintah Desa", "BPD", "Puskesmas", "Posyandu", "Dinas Sosial", "Kecamatan", "PKK",
    "Karang Taruna", "TKSK", "Pekerja Sosial Masyarakat (PSM)", "Babinsa", "Bhabinkamtibmas",
    "Sekolah", "KUA", "BUMDes", "Dunia usaha", "Perguruan tinggi", "Dinas Lingkungan Hidup",
)


# ---------------------------------------------------------------- dimensions and months

def dimension_ids() -> tuple[str, ...]:
    return tuple(d.id for d in content.load_dimensions().dimensions)


def dimension_label(dimension_id: str, lang: str = "id", short: bool = True) -> str:
    """'D1 · Perlindungan sosial' (short) or the full name of Tabel 1."""
    dim = content.load_dimensions().dimension(dimension_id)
    return f"{dim.id} · {dim.short.get(lang)}" if short else dim.name.get(lang)


def parameter_label(parameter_id: str, lang: str = "id") -> str:
    return f"{parameter_id} · {content.load_dimensions().parameter(parameter_id).short.get(lang)}"


def plan_start(workshop: dict) -> dt.date:
    """Month 1 of the plan: the month after the workshop (month 0 sets up the Pokja)."""
    last = workshop["day4"]
    last = dt.date.fromisoformat(last) if isinstance(last, str) else last
    return dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)


def month_names(workshop: dict, lang: str = "id") -> list[str]:
    """The calendar months of plan months 1–6: ['April 2026', 'Mei 2026', ...]."""
    start = plan_start(workshop)
    out = []
    for i in range(len(PLAN_MONTHS)):
        index = start.month - 1 + i
        year, month = start.year + index // 12, index % 12 + 1
        out.append(f"{MONTH_NAMES[lang if lang in MONTH_NAMES else 'id'][month - 1]} {year}")
    return out


def month_runs(months) -> list[tuple[int, int]]:
    """[1, 2, 4, 5, 6] -> [(1, 2), (4, 6)]: the bars of a Gantt row."""
    runs: list[tuple[int, int]] = []
    for m in sorted(set(months)):
        if runs and runs[-1][1] == m - 1:
            runs[-1] = (runs[-1][0], m)
        else:
            runs.append((m, m))
    return runs


# ---------------------------------------------------------------- other steps' results
# imported where used: monitoring and reporting import this module in turn

def priority_problems(db: Database, workshop_id: str) -> list[dict]:
    """The assessment's priority problems (problem_id, text, dimension, rank, score), best first."""
    from facilitation.assessment import priority_problems as ranked

    return list(ranked(db, workshop_id))


def available_funds(db: Database, workshop_id: str) -> dict[str, int]:
    """What the plan may spend: dana stimulan, swadaya (pledges) and other sources, from the
    pledges step, in whole rupiah; zero for every source while nothing is recorded."""
    from facilitation.pledges import available_funds as recorded

    funds = recorded(db, workshop_id)
    out = {s: as_rupiah(funds.get(s, 0)) for s in SOURCES}
    out["total"] = sum(out.values())
    return out


def elected_board(db: Database, workshop_id: str) -> dict[str, str]:
    """Names of the elected Ketua and Sekretaris ({'ketua': ..., 'sekretaris': ...}) once the
    election has chosen them; a missing name stays a blank line to sign by hand."""
    from facilitation.election import holder

    out = {}
    for office in ("ketua", "sekretaris"):
        person = holder(db, workshop_id, office)
        if person and person.get("name"):
            out[office] = person["name"]
    return out


def describe_check(check: Check, lang: str = "id") -> str:
    """The checklist line in `lang`: money as 'Rp 1.500.000', sources and dimensions named."""
    params = dict(check.params)
    for name in ("planned", "available", "over"):
        if name in params:
            params[name] = rupiah(params[name])
    if "source" in params:
        params["source"] = source_label(params["source"], lang)
    if "dimension" in params:
        params["dimension"] = dimension_label(params["dimension"], lang)
    return t(check.message, lang, **params)


def source_label(source: str, lang: str = "id") -> str:
    return t(f"planning.source_{source}", lang)


# ---------------------------------------------------------------- input models

def _fold(text: str) -> str:
    """Case- and space-insensitive form of a text, for spotting the same idea twice."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split()).strip(" .,;:!?-")


def _clean_list(values) -> list:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [_clean(v) for v in values]


def _check_dimension(value):
    if value in (None, ""):
        return None
    if value not in dimension_ids():
        raise reject("planning.err_dimension", dimension=str(value))
    return value


def _check_params(values):
    known = set(content.parameter_ids())
    out = []
    for v in _clean_list(values):
        if v not in known:
            raise reject("planning.err_parameter", parameter=str(v))
        if v not in out:
            out.append(v)
    return out


class FocusIn(_Input):
    focus_question: str = Field(min_length=5, max_length=300)
    intended_product: str = Field(default="", max_length=300)


class IdeaIn(_Input):
    idea_text: str = Field(min_length=2, max_length=200)

    @field_validator("idea_text")
    @classmethod
    def _one_line(cls, v: str) -> str:
        return " ".join(v.split())  # a card holds one idea on one line


class ClusterIn(_Input):
    cluster_name: str = Field(default="", max_length=120)
    dimension: str | None = None

    @field_validator("dimension", mode="before")
    @classmethod
    def _dimension(cls, v):
        return _check_dimension(v)


class ResolutionIn(_Input):
    resolution_note: str = Field(default="", max_length=2000)


class ActivityIn(_Input):
    activity_title: str = Field(min_length=2, max_length=200)
    dimension: str | None = None
    victory: str = Field(default="", max_length=1000)
    strengths: str = Field(default="", max_length=1000)
    weaknesses: str = Field(default="", max_length=1000)
    benefits: str = Field(default="", max_length=1000)
    dangers: str = Field(default="", max_length=1000)
    commitment: str = Field(default="", max_length=500)
    commitment_due: dt.date | None = None
    linked_params: list[str] = Field(default_factory=list)
    risks: str = Field(default="", max_length=1000)

    @field_validator("dimension", mode="before")
    @classmethod
    def _dimension(cls, v):
        return _check_dimension(v)

    @field_validator("linked_params", mode="before")
    @classmethod
    def _params(cls, v):
        return _check_params(v)


class KeyActionIn(_Input):
    action_text: str = Field(min_length=2, max_length=200)
    month_start: int = Field(ge=1, le=6)
    month_end: int = Field(ge=1, le=6)
    action_who: str = Field(default="", max_length=200)

    @field_validator("month_end")
    @classmethod
    def _not_before_start(cls, v: int, info: ValidationInfo) -> int:
        start = info.data.get("month_start")
        if start is not None and v < start:
            raise reject("planning.err_month_order")
        return v


class BudgetLineIn(_Input):
    budget_item: str = Field(min_length=2, max_length=150)
    budget_source: str
    budget_amount: int = Field(ge=1, le=MAX_AMOUNT)
    source_detail: str = Field(default="", max_length=120)

    @field_validator("budget_source", mode="before")
    @classmethod
    def _source(cls, v):
        if v not in SOURCES:
            raise reject("planning.err_source", source=str(v))
        return v

    @field_validator("budget_amount", mode="before")
    @classmethod
    def _whole_rupiah(cls, v):
        if v is None or (isinstance(v, str) and not v.strip()):
            raise reject("err.required")
        try:
            return parse_rupiah(v)
        except RembugError:
            raise reject("planning.err_amount_integer", value=str(v)) from None


class PlanRowIn(_Input):
    activity: str = Field(min_length=2, max_length=200)
    activity_id: int | None = None
    dimensions: list[str] = Field(min_length=1)
    problem_id: int | None = None
    problem: str = Field(default="", max_length=300)
    objective: str = Field(min_length=2, max_length=500)
    target_group: str = Field(min_length=2, max_length=200)
    beneficiaries: int | None = Field(default=None, ge=0, le=1_000_000)
    volume: str = Field(default="", max_length=120)
    location: str = Field(min_length=2, max_length=120)
    months: list[int] = Field(min_length=1)
    pic: int | None = None
    partners: list[str] = Field(default_factory=list, max_length=6)
    indicator_params: list[str] = Field(default_factory=list)
    indicator: str = Field(default="", max_length=300)

    @field_validator("dimensions", mode="before")
    @classmethod
    def _dims(cls, v):
        out = []
        for d in _clean_list(v):
            _check_dimension(d)
            if d and d not in out:
                out.append(d)
        return sorted(out)

    @field_validator("months", mode="before")
    @classmethod
    def _months(cls, v):
        out = set()
        for m in v or ():
            if isinstance(m, bool) or not isinstance(m, numbers.Integral) or m not in PLAN_MONTHS:
                raise reject("planning.err_months")
            out.add(int(m))
        return sorted(out)

    @field_validator("partners", mode="before")
    @classmethod
    def _partners(cls, v):
        out = []
        for p in _clean_list(v):
            p = " ".join(str(p).split())
            if len(p) > 80:
                raise reject("err.too_long", limit=80)
            if p and p.casefold() not in {x.casefold() for x in out}:
                out.append(p)
        return out

    @field_validator("indicator_params", mode="before")
    @classmethod
    def _params(cls, v):
        return _check_params(v)

    @field_validator("beneficiaries", "pic", "problem_id", "activity_id", mode="before")
    @classmethod
    def _blank_is_none(cls, v):
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, float):
            if v != v:  # NaN from an empty table cell
                return None
            raise reject("err.not_integer")
        return v


def _field_errors(exc: ValidationError, row: int | None) -> list[FieldError]:
    """As validation.field_errors, keeping this module's own reasons (planning.err_*) and
    saying 'choose at least one' for an empty choice list."""
    found = field_errors(exc, row=row)
    for error, raw in zip(found, exc.errors()):
        kind = raw["type"]
        if kind.startswith("planning."):
            error.key = kind
            error.params = {k: v for k, v in (raw.get("ctx") or {}).items() if isinstance(v, (int, str))}
        elif kind == "too_short" and isinstance(raw.get("input"), list):
            error.key, error.params = "planning.err_choose_one", {}
        elif kind == "too_long" and isinstance(raw.get("input"), list):
            error.key, error.params = "planning.err_too_many", {"limit": (raw.get("ctx") or {}).get("max_length", "")}
    return found


def _validate(model, data: dict, row: int | None = None, errors: list[FieldError] | None = None):
    """The model, or its complaints appended to `errors` (with `row` for list items)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found = _field_errors(exc, row)
        if errors is None:
            raise InputError(found) from None
        errors.extend(found)
        return None


# ---------------------------------------------------------------- consensus workshop

def _require_workshop(conn, workshop_id: str) -> None:
    if wq.get_workshop(conn, workshop_id) is None:
        raise NotFound("err.workshop_not_found", id=workshop_id)


def consensus(db: Database, workshop_id: str, lang: str = "id") -> dict:
    """The consensus workshop's context: focus question (the default proposal of DOMAIN.md
    §3.1 until the group words its own), intended product, whether phones may send ideas,
    and the resolution note."""
    with db.read() as conn:
        row = q.get_session(conn, workshop_id) or {}
    return {
        "focus_question": row.get("focus_question") or t("planning.focus_default", lang),
        "focus_saved": bool(row.get("focus_question")),
        "intended_product": row.get("intended_product") or "",
        "collecting": bool(row.get("collecting")),
        "resolution_note": row.get("resolution_note") or "",
    }


def save_focus(db: Database, workshop_id: str, data: dict) -> None:
    focus = _validate(FocusIn, data)
    with db.tx() as conn:
        _require_workshop(conn, workshop_id)
        q.save_session(conn, workshop_id, focus.model_dump())


def set_collecting(db: Database, workshop_id: str, open_: bool) -> None:
    """Open or close idea collection on the participants' phones."""
    with db.tx() as conn:
        _require_workshop(conn, workshop_id)
        q.save_session(conn, workshop_id, {"collecting": 1 if open_ else 0})


def add_idea(db: Database, workshop_id: str, text: str, participant: dict | None = None) -> dict:
    """Put one idea on a card. From a phone (`participant` given) only while collection is
    open. Returns {'id', 'duplicate'}: the same text twice (a double tap) stays one card."""
    idea = _validate(IdeaIn, {"idea_text": text})
    with db.tx() as conn:
        _require_workshop(conn, workshop_id)
        row = {"workshop_id": workshop_id, "text": idea.idea_text, "text_key": _fold(idea.idea_text)[:200],
               "source": "facilitator", "participant_id": None}
        if participant is not None:
            if participant.get("workshop_id") != workshop_id:
                raise RembugError("planning.err_not_participant")
            if not (q.get_session(conn, workshop_id) or {}).get("collecting"):
                raise RembugError("planning.err_collection_closed")
            if len(q.ideas_of_participant(conn, workshop_id, participant["id"])) >= MAX_IDEAS_PER_PHONE:
                raise RembugError("planning.err_too_many_ideas", limit=MAX_IDEAS_PER_PHONE)
            row.update(source="phone", participant_id=participant["id"])
        new_id = q.insert_idea(conn, row)
    return {"id": new_id, "duplicate": new_id is None}


def edit_idea(db: Database, workshop_id: str, idea_id: int, text: str) -> None:
    idea = _validate(IdeaIn, {"idea_text": text})
    with db.tx() as conn:
        key = _fold(idea.idea_text)[:200]
        same = [i for i in q.list_ideas(conn, workshop_id) if i["text_key"] == key and i["id"] != idea_id]
        if same:
            raise RembugError("planning.err_idea_duplicate")
        if not q.update_idea_text(conn, workshop_id, idea_id, idea.idea_text, key):
            raise NotFound("planning.err_idea_not_found", id=idea_id)


def delete_idea(db: Database, workshop_id: str, idea_id: int) -> None:
    with db.tx() as conn:
        if not q.delete_idea(conn, workshop_id, idea_id):
            raise NotFound("planning.err_idea_not_found", id=idea_id)


def list_ideas(db: Database, workshop_id: str) -> list[dict]:
    with db.read() as conn:
        return q.list_ideas(conn, workshop_id)


def my_ideas(db: Database, workshop_id: str, participant_id: int) -> list[str]:
    with db.read() as conn:
        return [i["text"] for i in q.ideas_of_participant(conn, workshop_id, participant_id)]


def add_cluster(db: Database, workshop_id: str, data: dict | None = None) -> int:
    cluster = _validate(ClusterIn, data or {})
    with db.tx() as conn:
        _require_workshop(conn, workshop_id)
        return q.insert_cluster(conn, {
            "workshop_id": workshop_id, "name": cluster.cluster_name, "dimension": cluster.dimension,
            "position": q.next_position(conn, q.planning_clusters, workshop_id),
        })


def update_cluster(db: Database, workshop_id: str, cluster_id: int, data: dict) -> None:
    """Name a cluster (a short phrase for the cards' common thread) and map it to a dimension."""
    cluster = _validate(ClusterIn, data)
    with db.tx() as conn:
        if not q.update_cluster(conn, workshop_id, cluster_id,
                                {"name": cluster.cluster_name, "dimension": cluster.dimension}):
            raise NotFound("planning.err_cluster_not_found", id=cluster_id)


def delete_cluster(db: Database, workshop_id: str, cluster_id: int) -> None:
    """Remove a column; its cards go back to the unsorted pile."""
    with db.tx() as conn:
        if not q.delete_cluster(conn, workshop_id, cluster_id):
            raise NotFound("planning.err_cluster_not_found", id=cluster_id)


def move_idea(db: Database, workshop_id: str, idea_id: int, cluster_id: int | None) -> None:
    """Put a card in a cluster's column, or back on the unsorted pile (None)."""
    with db.tx() as conn:
        if cluster_id is not None and q.get_cluster(conn, workshop_id, cluster_id) is None:
            raise NotFound("planning.err_cluster_not_found", id=cluster_id)
        if not q.set_idea_cluster(conn, workshop_id, idea_id, cluster_id):
            raise NotFound("planning.err_idea_not_found", id=idea_id)


def board(db: Database, workshop_id: str) -> dict:
    """The projector board: clusters in order, each with its cards, and the unsorted pile."""
    with db.read() as conn:
        clusters = q.list_clusters(conn, workshop_id)
        ideas = q.list_ideas(conn, workshop_id)
    by_cluster: dict[int, list[dict]] = {c["id"]: [] for c in clusters}
    unsorted = []
    for idea in ideas:
        by_cluster.get(idea["cluster_id"], unsorted).append(idea)
    return {"clusters": [{**c, "ideas": by_cluster[c["id"]]} for c in clusters], "unsorted": unsorted}


def resolve(db: Database, workshop_id: str, note: str) -> dict:
    """Confirm the consensus: store the resolution note and make every named cluster with
    cards a candidate activity (once). Returns {'created', 'unnamed'} counts."""
    resolution = _validate(ResolutionIn, {"resolution_note": note})
    with db.tx() as conn:
        _require_workshop(conn, workshop_id)
        clusters = q.list_clusters(conn, workshop_id)
        if not clusters:
            raise RembugError("planning.err_no_clusters")
        counts: dict[int, int] = {}
        for idea in q.list_ideas(conn, workshop_id):
            if idea["cluster_id"]:
                counts[idea["cluster_id"]] = counts.get(idea["cluster_id"], 0) + 1
        done = q.activity_cluster_ids(conn, workshop_id)
        created = unnamed = 0
        for c in clusters:
            if not counts.get(c["id"]) or c["id"] in done:
                continue
            if not c["name"]:
                unnamed += 1
                continue
            q.insert_activity(conn, _activity_row(workshop_id, c["name"], c["dimension"], cluster_id=c["id"],
                                                  position=q.next_position(conn, q.planning_activities, workshop_id)))
            created += 1
        q.save_session(conn, workshop_id, resolution.model_dump())
    return {"created": created, "unnamed": unnamed}


# ---------------------------------------------------------------- ToP action planning

def _activity_row(workshop_id: str, title: str, dimension: str | None, *, cluster_id=None, position: int) -> dict:
    return {"workshop_id": workshop_id, "cluster_id": cluster_id, "title": title, "dimension": dimension,
            "chosen": 0, "position": position, "linked_params": []}


def add_activity(db: Database, workshop_id: str, title: str, dimension: str | None = None) -> int:
    """A candidate activity typed directly (not from a cluster)."""
    act = _validate(ActivityIn, {"activity_title": title, "dimension": dimension})
    with db.tx() as conn:
        _require_workshop(conn, workshop_id)
        return q.insert_activity(conn, _activity_row(
            workshop_id, act.activity_title, act.dimension,
            position=q.next_position(conn, q.planning_activities, workshop_id)))


def list_activities(db: Database, workshop_id: str) -> list[dict]:
    """Candidate activities in order, each with its key actions."""
    with db.read() as conn:
        acts = q.list_activities(conn, workshop_id)
        actions = q.list_key_actions(conn, workshop_id)
    by_act: dict[int, list[dict]] = {}
    for a in actions:
        by_act.setdefault(a["activity_id"], []).append(a)
    return [{**a, "chosen": bool(a["chosen"]), "actions": by_act.get(a["id"], [])} for a in acts]


def get_activity(db: Database, workshop_id: str, activity_id: int) -> dict:
    for a in list_activities(db, workshop_id):
        if a["id"] == activity_id:
            return a
    raise NotFound("planning.err_activity_not_found", id=activity_id)


def set_chosen(db: Database, workshop_id: str, activity_id: int, chosen: bool) -> None:
    with db.tx() as conn:
        if not q.update_activity(conn, workshop_id, activity_id, {"chosen": 1 if chosen else 0}):
            raise NotFound("planning.err_activity_not_found", id=activity_id)


def save_activity(db: Database, workshop_id: str, activity_id: int, data: dict) -> None:
    """Store the ToP action planning of one activity: victory, current reality (strengths,
    weaknesses, benefits, dangers), the measurable commitment by a date, and risks."""
    act = _validate(ActivityIn, data)
    values = act.model_dump()
    values["title"] = values.pop("activity_title")
    values["due_date"] = values.pop("commitment_due")
    with db.tx() as conn:
        if not q.update_activity(conn, workshop_id, activity_id, values):
            raise NotFound("planning.err_activity_not_found", id=activity_id)


def save_key_actions(db: Database, workshop_id: str, activity_id: int, actions: list[dict]) -> None:
    """Replace the activity's key actions (text, months on the calendar, who) all at once.
    Blank lines are skipped; one bad line refuses the whole list, with its line number."""
    errors: list[FieldError] = []
    rows = []
    for no, data in enumerate(actions, start=1):
        if not str(data.get("action_text") or "").strip():
            continue
        item = _validate(KeyActionIn, data, row=no, errors=errors)
        if item is not None:
            rows.append({"text": item.action_text, "month_start": item.month_start,
                         "month_end": item.month_end, "who": item.action_who})
    if errors:
        raise InputError(errors)
    with db.tx() as conn:
        if q.get_activity(conn, workshop_id, activity_id) is None:
            raise NotFound("planning.err_activity_not_found", id=activity_id)
        q.replace_key_actions(conn, workshop_id, activity_id, rows)


def delete_activity(db: Database, workshop_id: str, activity_id: int) -> None:
    with db.tx() as conn:
        if not q.delete_activity(conn, workshop_id, activity_id):
            raise NotFound("planning.err_activity_not_found", id=activity_id)


def row_draft_from_activity(activity: dict) -> dict:
    """A plan row pre-filled from the activity's ToP action planning: its title and
    dimension, the commitment as the objective, the key actions' months, linked parameters."""
    months = sorted({m for a in activity.get("actions", ()) for m in range(a["month_start"], a["month_end"] + 1)})
    return {
        "activity": activity["title"], "activity_id": activity["id"],
        "dimensions": [activity["dimension"]] if activity.get("dimension") else [],
        "objective": activity.get("commitment") or "", "months": months,
        "indicator_params": list(activity.get("linked_params") or []),
    }


# ---------------------------------------------------------------- the action plan

def _row_values(row: PlanRowIn, problem_text: str) -> dict:
    return {
        "activity": row.activity, "activity_id": row.activity_id, "dimensions": row.dimensions,
        "problem_id": row.problem_id, "problem_text": problem_text, "objective": row.objective,
        "target_group": row.target_group, "beneficiaries": row.beneficiaries, "volume": row.volume,
        "location": row.location, "months": row.months, "pic_participant_id": row.pic,
        "partners": row.partners, "indicator_params": row.indicator_params, "indicator": row.indicator,
    }


def save_plan_row(db: Database, workshop_id: str, data: dict, row_id: int | None = None) -> int:
    """Add (row_id None) or replace one row of the plan with its budget lines, all in one
    transaction: a row is stored whole with its lines, or not at all. `data['budget']` is a
    list of {'budget_item', 'budget_source', 'budget_amount', 'source_detail'}; lines left entirely
    blank are skipped. Every problem of the row and of its lines is reported at once."""
    errors: list[FieldError] = []
    row = _validate(PlanRowIn, {k: v for k, v in data.items() if k != "budget"}, errors=errors)
    lines = []
    raw_lines = list(data.get("budget") or [])
    for no, line in enumerate(raw_lines, start=1):
        if not str(line.get("budget_item") or "").strip() and line.get("budget_amount") in (None, "", 0):
            continue
        item = _validate(BudgetLineIn, line, row=no, errors=errors)
        if item is not None:
            lines.append({"item": item.budget_item, "source": item.budget_source, "amount": item.budget_amount,
                          "detail": item.source_detail})
    if len(lines) > MAX_BUDGET_LINES:
        errors.append(FieldError("budget_item", "planning.err_too_many_lines", {"limit": MAX_BUDGET_LINES}))
    problem_text = row.problem if row else ""
    if row is not None:
        if row.problem_id is not None:
            chosen = {p["problem_id"]: p for p in priority_problems(db, workshop_id)}
            if row.problem_id not in chosen:
                errors.append(FieldError("problem", "planning.err_problem_unknown"))
            else:
                problem_text = chosen[row.problem_id]["text"]
        elif len(problem_text) < 2:
            errors.append(FieldError("problem", "err.required"))
    elif data.get("problem_id") in (None, "") and len(str(data.get("problem") or "").strip()) < 2:
        errors.append(FieldError("problem", "err.required"))  # reported with the row's other faults
    if errors:
        raise InputError(errors)
    values = _row_values(row, problem_text)
    with db.tx() as conn:
        _require_workshop(conn, workshop_id)
        if row.pic is not None and row.pic not in q.participant_ids(conn, workshop_id):
            raise InputError([FieldError("pic", "planning.err_pic_unknown")])
        if row.activity_id is not None and q.get_activity(conn, workshop_id, row.activity_id) is None:
            raise InputError([FieldError("activity", "planning.err_activity_not_found", {"id": row.activity_id})])
        if row_id is None:
            values["position"] = q.next_position(conn, q.plan_rows, workshop_id)
            values["workshop_id"] = workshop_id
            row_id = q.insert_plan_row(conn, values)
        elif not q.update_plan_row(conn, workshop_id, row_id, values):
            raise NotFound("planning.err_row_not_found", id=row_id)
        q.replace_budget_lines(conn, workshop_id, row_id, lines)
    return row_id


def delete_plan_row(db: Database, workshop_id: str, row_id: int) -> None:
    with db.tx() as conn:
        if not q.delete_plan_row(conn, workshop_id, row_id):
            raise NotFound("planning.err_row_not_found", id=row_id)


def move_plan_row(db: Database, workshop_id: str, row_id: int, step: int) -> None:
    """Move a row one place up (step -1) or down (+1) in the plan's order."""
    with db.tx() as conn:
        rows = q.list_plan_rows(conn, workshop_id)
        index = next((i for i, r in enumerate(rows) if r["id"] == row_id), None)
        if index is None:
            raise NotFound("planning.err_row_not_found", id=row_id)
        other = index + (1 if step > 0 else -1)
        if 0 <= other < len(rows):
            q.swap_positions(conn, workshop_id, rows[index], rows[other])


def list_plan_rows(db: Database, workshop_id: str) -> list[dict]:
    """The plan in order; each row with `no` (1, 2, ...), its `budget` lines, `total` and the
    person in charge's name (`pic_name`, None when nobody is)."""
    with db.read() as conn:
        rows = q.list_plan_rows(conn, workshop_id)
        lines = q.list_budget_lines(conn, workshop_id)
    by_row: dict[int, list[dict]] = {}
    for line in lines:
        by_row.setdefault(line["row_id"], []).append(line)
    out = []
    for no, r in enumerate(rows, start=1):
        row = {**r, "no": no, "budget": by_row.get(r["id"], [])}
        out.append({**row, "total": row_total(row)})
    return out


def set_left_out(db: Database, workshop_id: str, dimension: str, reason: str) -> None:
    """Leave a dimension out of the plan on purpose, with the group's reason."""
    errors: list[FieldError] = []
    if dimension not in dimension_ids():
        errors.append(FieldError("dimension", "planning.err_dimension", {"dimension": str(dimension)}))
    reason = _clean(reason or "")
    if len(reason) < 5:
        errors.append(FieldError("reason", "planning.err_reason_short", {"min": 5}))
    elif len(reason) > 500:
        errors.append(FieldError("reason", "err.too_long", {"limit": 500}))
    if errors:
        raise InputError(errors)
    with db.tx() as conn:
        _require_workshop(conn, workshop_id)
        q.set_exclusion(conn, workshop_id, dimension, reason)


def clear_left_out(db: Database, workshop_id: str, dimension: str) -> None:
    with db.tx() as conn:
        q.delete_exclusion(conn, workshop_id, dimension)


def dimensions_left_out(db: Database, workshop_id: str) -> dict[str, str]:
    with db.read() as conn:
        return q.list_exclusions(conn, workshop_id)


def plan_report(db: Database, workshop_id: str) -> PlanReport:
    """The whole-plan checklist for the stored plan and the money available now."""
    return validate_plan(list_plan_rows(db, workshop_id), available_funds(db, workshop_id),
                         dimensions_left_out(db, workshop_id))
