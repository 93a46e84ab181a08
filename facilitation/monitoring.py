"""Month-3 monitoring and month-5 evaluation (DOMAIN.md §0 M&E, §1.2 timing).

Central and regional facilitators visit the Pokja and hold an FGD: a *monitoring* visit in
month 3 and an *evaluasi* visit in month 5. Each visit records its date, who came
(facilitators, pendamping, Pokja members, others), the FGD's findings per dimension, the
problems met, the help needed and the recommendations.

At the evaluation the 14 parameters are scored again with the baseline's rubric, through the
same code: `facilitation.assessment.save_score(..., phase="endline")` (an optional midline at
the monitoring visit uses phase="midline"). `comparison` then sets baseline against endline
per parameter, criterion and dimension, and for the Indeks Ketahanan Sosial, with
Δ = endline − baseline: the model's measure of success.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from pydantic import Field, field_validator

from facilitation import assessment
from facilitation.content import DimensionTable, load_dimensions
from facilitation.errors import FieldError, InputError, NotFound
from facilitation.models import _Input, _clean
from facilitation.store import Database
from facilitation.store import monitoring as q
from facilitation.store import workshops as wq
from facilitation.validation import reject, validate

KINDS = ("monitoring", "evaluasi")
# the phase each visit may score with the assessment's rubric
PHASE_OF_KIND = {"monitoring": "midline", "evaluasi": "endline"}
TARGET_MONTH = {"monitoring": 3, "evaluasi": 5}
MAX_TEXT = 4000


class VisitIn(_Input):
    visit_date: dt.date
    kind: Literal["monitoring", "evaluasi"]
    facilitators: str = Field(default="", max_length=500)
    pendamping: str = Field(default="", max_length=500)
    others: str = Field(default="", max_length=500)
    member_ids: list[int] = Field(default_factory=list)
    findings: dict[str, str] = Field(default_factory=dict)
    problems: str = Field(default="", max_length=MAX_TEXT)
    help_needed: str = Field(default="", max_length=MAX_TEXT)
    recommendations: str = Field(default="", max_length=MAX_TEXT)

    @field_validator("findings", mode="before")
    @classmethod
    def _findings(cls, v):
        dims = {d.id for d in load_dimensions().dimensions}
        out = {}
        for key, text in (v or {}).items():
            if key not in dims:
                raise reject("err.choice")
            text = _clean(text or "")
            if len(text) > MAX_TEXT:
                raise reject("err.too_long", limit=MAX_TEXT)
            if text:
                out[key] = text
        return out

    @field_validator("member_ids", mode="before")
    @classmethod
    def _members(cls, v):
        return sorted({int(x) for x in (v or [])})


def visit_defaults(workshop: dict, kind: str = "monitoring") -> dict:
    """A new visit's form: the workshop's facilitators and pendamping, dated in the target month."""
    from facilitation import planning

    start = planning.plan_start(workshop)
    month = TARGET_MONTH.get(kind, 3)
    index = start.month - 1 + month - 1
    when = dt.date(start.year + index // 12, index % 12 + 1, 15)
    return {
        "visit_date": when, "kind": kind,
        "facilitators": "; ".join(x for x in (workshop.get("facilitator_central"),
                                              workshop.get("facilitator_regional")) if x),
        "pendamping": "; ".join(x for x in (workshop.get("pendamping1"), workshop.get("pendamping2")) if x),
        "others": "", "member_ids": [], "findings": {}, "problems": "", "help_needed": "", "recommendations": "",
    }


def save_visit(db: Database, workshop_id: str, data: dict, visit_id: int | None = None) -> int:
    """Add (visit_id None) or replace a visit with the Pokja members present, in one transaction."""
    v = validate(VisitIn, data)
    values = {k: getattr(v, k) for k in ("visit_date", "kind", "facilitators", "pendamping", "others",
                                         "findings", "problems", "help_needed", "recommendations")}
    with db.tx() as conn:
        ws = wq.get_workshop(conn, workshop_id)
        if ws is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        if v.visit_date < ws["day4"]:
            raise InputError([FieldError("visit_date", "monitoring.err_date_before_workshop")])
        known = {pid for pid, _, _ in wq.participant_keys(conn, workshop_id)}
        if set(v.member_ids) - known:
            raise InputError([FieldError("member_ids", "monitoring.err_member_unknown")])
        if visit_id is None:
            visit_id = q.insert_visit(conn, {**values, "workshop_id": workshop_id})
        elif not q.update_visit(conn, workshop_id, visit_id, values):
            raise NotFound("monitoring.err_visit_not_found", id=visit_id)
        q.replace_members(conn, workshop_id, visit_id, v.member_ids)
    return visit_id


def delete_visit(db: Database, workshop_id: str, visit_id: int) -> None:
    with db.tx() as conn:
        if not q.delete_visit(conn, workshop_id, visit_id):
            raise NotFound("monitoring.err_visit_not_found", id=visit_id)


def list_visits(db: Database, workshop_id: str, kind: str | None = None) -> list[dict]:
    """Visits by date, each with `members` (id, name, institution) and `member_ids`."""
    with db.read() as conn:
        visits = q.list_visits(conn, workshop_id)
        members = q.members_by_visit(conn, workshop_id)
    out = []
    for v in visits:
        if kind is not None and v["kind"] != kind:
            continue
        people = members.get(v["id"], [])
        out.append({**v, "findings": dict(v["findings"] or {}), "members": people,
                    "member_ids": [p["id"] for p in people]})
    return out


# ---------------------------------------------------------------- baseline vs endline (pure)

@dataclass(frozen=True)
class Change:
    """One line of the comparison: a parameter, criterion, dimension or the overall index."""

    id: str
    level: str  # parameter, criterion, dimension, overall
    dimension: str | None
    label: str
    baseline: Fraction | None  # 0–100
    endline: Fraction | None
    midline: Fraction | None = None

    @property
    def delta(self) -> Fraction | None:
        if self.baseline is None or self.endline is None:
            return None
        return self.endline - self.baseline

    def as_row(self) -> dict:
        def num(x):
            return None if x is None else float(x)

        return {"id": self.id, "level": self.level, "dimension": self.dimension, "label": self.label,
                "baseline": num(self.baseline), "midline": num(self.midline), "endline": num(self.endline),
                "delta": num(self.delta)}


@dataclass(frozen=True)
class Comparison:
    parameters: tuple[Change, ...]
    criteria: tuple[Change, ...]
    dimensions: tuple[Change, ...]
    overall: Change
    has_midline: bool

    def counts(self) -> dict[str, int]:
        """How many parameters improved, stayed, declined, or cannot be compared yet."""
        out = {"improved": 0, "unchanged": 0, "declined": 0, "missing": 0}
        for p in self.parameters:
            d = p.delta
            key = "missing" if d is None else "improved" if d > 0 else "declined" if d < 0 else "unchanged"
            out[key] += 1
        return out

    @property
    def complete(self) -> bool:
        return all(p.delta is not None for p in self.parameters)


def compare(table: DimensionTable, baseline: assessment.AssessmentIndex, endline: assessment.AssessmentIndex,
            lang: str = "id", midline: assessment.AssessmentIndex | None = None) -> Comparison:
    """Baseline against endline (and midline when given) at every level of Tabel 1."""
    def score_value(index, pid):
        if index is None:
            return None
        s = index.scores.get(pid)
        return None if s is None else assessment.value_100(s)

    def part(index, getter, part_id):
        return None if index is None else getter(index, part_id).value

    params, crits, dims = [], [], []
    for dim in table.dimensions:
        for crit in dim.criteria:
            for p in crit.parameters:
                params.append(Change(p.id, "parameter", dim.id, f"{p.id} {p.short.get(lang)}",
                                     score_value(baseline, p.id), score_value(endline, p.id),
                                     score_value(midline, p.id)))
            crits.append(Change(crit.id, "criterion", dim.id, f"{crit.id} {crit.text.get(lang)}",
                                part(baseline, assessment.AssessmentIndex.criterion, crit.id),
                                part(endline, assessment.AssessmentIndex.criterion, crit.id),
                                part(midline, assessment.AssessmentIndex.criterion, crit.id)))
        dims.append(Change(dim.id, "dimension", dim.id, f"{dim.id} {dim.short.get(lang)}",
                           part(baseline, assessment.AssessmentIndex.dimension, dim.id),
                           part(endline, assessment.AssessmentIndex.dimension, dim.id),
                           part(midline, assessment.AssessmentIndex.dimension, dim.id)))
    overall = Change("overall", "overall", None, "overall", baseline.overall.value, endline.overall.value,
                     None if midline is None else midline.overall.value)
    has_mid = midline is not None and bool(midline.scores)
    return Comparison(tuple(params), tuple(crits), tuple(dims), overall, has_mid)


def comparison(db: Database, workshop_id: str, lang: str = "id") -> Comparison:
    """The stored baseline, midline and endline (confirmed scores only) compared."""
    table = load_dimensions()
    base = assessment.assessment_index(db, workshop_id, "baseline")
    end = assessment.assessment_index(db, workshop_id, "endline")
    mid = assessment.assessment_index(db, workshop_id, "midline")
    return compare(table, base, end, lang, mid if mid.scores else None)
