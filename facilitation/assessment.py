"""MPA self-assessment on the four dimensions: parameter scores, indices and bands.

One code path for every phase (DOMAIN.md §1.2): 'baseline' on workshop day 2, an optional
'midline' at the month-3 monitoring, 'endline' at the month-5 evaluation; pass `phase`.

- A group score is 1–5 in half-steps; a half-step needs a reason. value_100 = (score-1)*25.
- Only scores the facilitator confirmed count. Criterion and dimension indices are the mean
  of their scored parameters; the overall Indeks Ketahanan Sosial is the mean of the scored
  dimension indices (equal weights). Missing parameters are reported, never counted as 0.
- Bands come from content/modules/dimensions.yaml (rendah < 40 ≤ sedang < 70 ≤ tinggi).
- Participants can rate a parameter from phones: `open_rating_poll` creates a single-choice
  poll over the levels 1–5 in the voting system (source 'assessment'); a show of hands is
  recorded per level as the poll's hand count; `rating_summary` gives the distribution
  (phones, hands, both), mean and median; the median pre-fills the score to confirm.

Problems/potentials, the institutions map and the ranking live in assessment_cards,
assessment_institutions and assessment_ranking; `priority_problems` (below) is what
planning reads.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from pydantic import Field

from facilitation import voting
from facilitation.assessment_ranking import priority_list
from facilitation.content import DimensionTable, load_dimensions
from facilitation.errors import FieldError, InputError, NotFound
from facilitation.models import _Input
from facilitation.store import Database
from facilitation.store import assessment as q
from facilitation.store import workshops as wq
from facilitation.validation import validate

PHASES = ("baseline", "midline", "endline")
METHODS = ("ladder", "pocket_vote", "consensus", "phone_poll", "hands")
LEVELS = (1, 2, 3, 4, 5)
SCORES = tuple(Fraction(x, 2) for x in range(2, 11))  # 1, 1.5, ..., 5
RATING_SOURCE = "assessment"  # voting `source` of rating polls; source_ref is "<phase>:<parameter id>"
CONFLICT_DIMENSION = "D3"  # 'no incident' applies to conflict parameters only (DOMAIN.md §1.3)


class ScoreIn(_Input):
    score: float = Field(ge=1, le=5)
    reason: str = Field(default="", max_length=1000)
    evidence: str = Field(default="", max_length=4000)
    method: Literal[METHODS] = "ladder"
    no_incident: bool = False
    confirmed: bool = True
    poll_id: int | None = None


def value_100(score) -> Fraction:
    """A 1–5 score on the 0–100 index: 1 → 0, 3.5 → 62.5, 5 → 100."""
    return (Fraction(score) - 1) * 25


def _as_score(value) -> Fraction:
    return Fraction(value).limit_denominator(2) if isinstance(value, float) else Fraction(value)


def _check_phase(phase: str) -> None:
    if phase not in PHASES:
        raise InputError([FieldError("phase", "err.choice")])


def _parameter(table: DimensionTable, parameter_id: str):
    try:
        return table.parameter(parameter_id)
    except KeyError:
        raise NotFound("assessment.err_unknown_parameter", id=parameter_id) from None


# ---------------------------------------------------------------- index (pure)

@dataclass(frozen=True)
class IndexPart:
    """A criterion, a dimension or the whole index: its 0–100 value (None when nothing
    is scored), band id, and which parameters were scored or are missing."""

    id: str
    value: Fraction | None
    band: str | None
    scored: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def value_100(self) -> float | None:
        return None if self.value is None else float(self.value)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class AssessmentIndex:
    phase: str
    scores: Mapping  # parameter id -> confirmed score (Fraction)
    criteria: tuple[IndexPart, ...]
    dimensions: tuple[IndexPart, ...]
    overall: IndexPart

    def dimension(self, dimension_id: str) -> IndexPart:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def criterion(self, criterion_id: str) -> IndexPart:
        return next(c for c in self.criteria if c.id == criterion_id)


def _mean(values) -> Fraction | None:
    values = list(values)
    return sum(values, Fraction(0)) / len(values) if values else None


def _part(table: DimensionTable, part_id: str, parameter_ids, scores: Mapping) -> IndexPart:
    scored = tuple(p for p in parameter_ids if p in scores)
    missing = tuple(p for p in parameter_ids if p not in scores)
    value = _mean(value_100(scores[p]) for p in scored)
    band = None if value is None else table.band_for(float(value)).id
    return IndexPart(part_id, value, band, scored, missing)


def compute_index(table: DimensionTable, scores: Mapping, phase: str = "baseline") -> AssessmentIndex:
    """The index from {parameter id: score 1..5}; unknown parameter ids are ignored."""
    known = {p.id for p in table.parameters}
    scores = {pid: _as_score(s) for pid, s in scores.items() if pid in known and s is not None}
    criteria, dimensions = [], []
    for dim in table.dimensions:
        for crit in dim.criteria:
            criteria.append(_part(table, crit.id, [p.id for p in crit.parameters], scores))
        dimensions.append(_part(table, dim.id, [p.id for p in dim.parameters], scores))
    dim_values = [d.value for d in dimensions if d.value is not None]
    overall_value = _mean(dim_values)
    all_ids = [p.id for p in table.parameters]
    overall = IndexPart(
        "overall", overall_value,
        None if overall_value is None else table.band_for(float(overall_value)).id,
        tuple(p for p in all_ids if p in scores), tuple(p for p in all_ids if p not in scores),
    )
    return AssessmentIndex(phase, scores, tuple(criteria), tuple(dimensions), overall)


# ---------------------------------------------------------------- scores

def save_score(db: Database, workshop_id: str, parameter_id: str, data: dict, phase: str = "baseline") -> None:
    """Record (or replace) the group's score of one parameter in `phase`."""
    _check_phase(phase)
    table = load_dimensions()
    param = _parameter(table, parameter_id)
    s = validate(ScoreIn, data)
    score = _as_score(s.score)
    errors = []
    if score not in SCORES or Fraction(s.score) != score:
        errors.append(FieldError("score", "assessment.err_score_step"))
    elif score.denominator == 2 and not s.reason:
        errors.append(FieldError("reason", "assessment.err_half_step_reason"))
    if s.no_incident and param.dimension_id != CONFLICT_DIMENSION:
        errors.append(FieldError("no_incident", "assessment.err_no_incident_d3"))
    if errors:
        raise InputError(errors)
    with db.tx() as conn:
        if wq.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        q.upsert_score(conn, {
            "workshop_id": workshop_id, "phase": phase, "parameter_id": parameter_id,
            "score_x2": int(score * 2), "reason": s.reason, "evidence": s.evidence, "method": s.method,
            "no_incident": int(s.no_incident), "confirmed": int(s.confirmed), "poll_id": s.poll_id,
        })


def clear_score(db: Database, workshop_id: str, parameter_id: str, phase: str = "baseline") -> None:
    _check_phase(phase)
    with db.tx() as conn:
        q.delete_score(conn, workshop_id, phase, parameter_id)


def list_scores(db: Database, workshop_id: str, phase: str = "baseline") -> dict[str, dict]:
    """parameter id -> the stored score row, with `score` (1–5) and `value_100` as numbers."""
    _check_phase(phase)
    with db.read() as conn:
        rows = q.list_scores(conn, workshop_id, phase)
    out = {}
    for r in rows:
        score = Fraction(r["score_x2"], 2)
        out[r["parameter_id"]] = {
            **r, "score": float(score), "value_100": float(value_100(score)),
            "confirmed": bool(r["confirmed"]), "no_incident": bool(r["no_incident"]),
        }
    return out


def assessment_index(db: Database, workshop_id: str, phase: str = "baseline") -> AssessmentIndex:
    confirmed = {pid: Fraction(r["score_x2"], 2)
                 for pid, r in list_scores(db, workshop_id, phase).items() if r["confirmed"]}
    return compute_index(load_dimensions(), confirmed, phase)


def chart_rows(index: AssessmentIndex, lang: str = "id") -> dict[str, list[dict]]:
    """Plain rows for charts and tables: one per dimension and one per parameter."""
    table = load_dimensions()
    dims, params = [], []
    for dim in table.dimensions:
        part = index.dimension(dim.id)
        dims.append({
            "id": dim.id, "label": f"{dim.id} {dim.short.get(lang)}", "name": dim.name.get(lang),
            "value": part.value_100, "band": part.band, "scored": len(part.scored),
            "total": len(part.scored) + len(part.missing),
        })
        for p in dim.parameters:
            score = index.scores.get(p.id)
            params.append({
                "id": p.id, "dimension": dim.id, "label": f"{p.id} {p.short.get(lang)}",
                "score": None if score is None else float(score),
                "value": None if score is None else float(value_100(score)),
                "band": None if score is None else table.band_for(float(value_100(score))).id,
            })
    return {"dimensions": dims, "parameters": params}


def band_labels(lang: str = "id") -> dict[str, str]:
    return {b.id: b.label.get(lang) for b in load_dimensions().bands}


# ---------------------------------------------------------------- rating from phones

@dataclass(frozen=True)
class RatingSummary:
    poll_id: int
    parameter_id: str
    status: str  # the poll's: draft, open, closed
    phone: Mapping  # level -> count from phones
    hand: Mapping  # level -> count by show of hands
    total: Mapping  # level -> count
    n: int
    mean: Fraction | None
    median: Fraction | None

    @property
    def suggested(self) -> Fraction | None:
        """What pre-fills the group score: the median (a whole or half step)."""
        return self.median


def rating_stats(distribution: Mapping) -> tuple[int, Fraction | None, Fraction | None]:
    """(count, mean, median) of {level: count}; the median of an even count is the mean of
    the two middle answers, so it always falls on a whole or half step."""
    answers = sorted(level for level, count in distribution.items() for _ in range(int(count)))
    n = len(answers)
    if not n:
        return 0, None, None
    mean = Fraction(sum(answers), n)
    mid = n // 2
    median = Fraction(answers[mid]) if n % 2 else Fraction(answers[mid - 1] + answers[mid], 2)
    return n, mean, median


def _level_items(param, lang: str) -> list[dict]:
    return [{"id": level, "label": f"{level}. {param.rubric[level].get(lang)}"} for level in LEVELS]


def open_rating_poll(db: Database, workshop_id: str, parameter_id: str, phase: str = "baseline",
                     lang: str = "id") -> int:
    """Create and open a phone poll 'which step of the ladder fits?' for one parameter.

    A single-choice poll over the levels 1–5 (labels carry the rubric text); it appears on
    the phones through the voting system. Returns the poll id."""
    _check_phase(phase)
    param = _parameter(load_dimensions(), parameter_id)
    poll_id = voting.create_poll(db, workshop_id, f"{param.id} {param.short.get(lang)}", "single",
                                 _level_items(param, lang), source=RATING_SOURCE,
                                 source_ref=f"{phase}:{parameter_id}")
    voting.open_poll(db, workshop_id, poll_id)
    return poll_id


def rating_polls(db: Database, workshop_id: str, phase: str = "baseline") -> dict[str, dict]:
    """parameter id -> its latest rating poll (the voting system's poll dict) in `phase`."""
    _check_phase(phase)
    out = {}
    for poll in voting.list_polls(db, workshop_id, source=RATING_SOURCE):  # oldest first
        poll_phase, _, parameter_id = poll["source_ref"].partition(":")
        if poll_phase == phase:
            out[parameter_id] = poll
    return out


def _rating_poll(db: Database, workshop_id: str, poll_id: int) -> tuple[dict, str]:
    poll = voting.get_poll(db, workshop_id, poll_id)
    if poll["source"] != RATING_SOURCE:
        raise NotFound("assessment.err_rating_poll", id=poll_id)
    return poll, poll["source_ref"].partition(":")[2]


def record_rating_hands(db: Database, workshop_id: str, poll_id: int, counts: Mapping,
                        entered_by: str = "") -> None:
    """Show of hands: how many raised a hand at each level; added to the phones' answers."""
    _rating_poll(db, workshop_id, poll_id)
    points = {}
    for level, count in counts.items():
        if str(level) not in {str(x) for x in LEVELS}:
            raise InputError([FieldError("hand_count", "err.choice")])
        points[int(level)] = count
    voting.record_hand_counts(db, workshop_id, poll_id, points, voters=sum(
        c for c in points.values() if isinstance(c, int) and c > 0), entered_by=entered_by)


def close_rating_poll(db: Database, workshop_id: str, poll_id: int) -> None:
    _rating_poll(db, workshop_id, poll_id)
    voting.close_poll(db, workshop_id, poll_id)


def rating_summary(db: Database, workshop_id: str, poll_id: int) -> RatingSummary:
    """The distribution of levels (phones, hands, both), its mean and median."""
    poll, parameter_id = _rating_poll(db, workshop_id, poll_id)
    res = voting.result(db, workshop_id, poll_id)
    phone = {lvl: 0 for lvl in LEVELS}
    hand, total = dict(phone), dict(phone)
    for item in res.tally.items:
        level = int(item.item_id)
        phone[level], hand[level], total[level] = int(item.phone), int(item.hand), int(item.total)
    n, mean, median = rating_stats(total)
    return RatingSummary(poll_id, parameter_id, poll["status"], phone, hand, total, n, mean, median)


# ---------------------------------------------------------------- for planning

def priority_problems(db: Database, workshop_id: str) -> list[dict]:
    """The priority problems marked after ranking, for planning: dicts with problem_id,
    text, dimension, rank and score (the ranking's tally figure), best first."""
    return priority_list(db, workshop_id)
