"""Many villages on one server: every workshop of the store, its stage, and comparisons
(baseline vs endline per dimension, plan completion, starting capital) for the district's
Dinas Sosial or Badiklit Kessos.

The stage follows the model's stages (DOMAIN.md §0) and is read from the data, not typed:
- terminasi:   the hand-over to the local offices is recorded;
- evaluasi:    a month-5 evaluation visit or endline scores exist;
- monitoring:  the plan is being carried out (progress entries) or a month-3 visit took place;
- pelaksanaan: the workshop has begun (its first day has come, or attendance, baseline scores
               or a plan are recorded);
- persiapan:   none of these yet.
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

from facilitation import assessment
from facilitation.content import load_dimensions
from facilitation.store import Database
from facilitation.store import overview as q

STAGES = ("persiapan", "pelaksanaan", "monitoring", "evaluasi", "terminasi")


def stage_of(signals: dict, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    if signals["handed_over"]:
        return "terminasi"
    if signals["has_evaluation"] or signals["has_endline"]:
        return "evaluasi"
    if signals["has_monitoring"] or signals["has_progress"]:
        return "monitoring"
    started = signals["day1"] <= today if signals.get("day1") else False
    if started or signals["has_attendance"] or signals["has_baseline"] or signals["has_plan"]:
        return "pelaksanaan"
    return "persiapan"


def _completion(rows: list[dict]) -> tuple[Fraction | None, int, int]:
    """(mean percent of rows not dropped, rows, rows done) of one plan."""
    live = [r for r in rows if r["status"] != "batal"]
    done = sum(1 for r in rows if r["status"] == "selesai")
    if not live:
        return None, len(rows), done
    return Fraction(sum(int(r["percent"] or 0) for r in live), len(live)), len(rows), done


def villages(db: Database, today: dt.date | None = None) -> list[dict]:
    """One dict per workshop: identity, `stage`, the baseline and endline index overall and per
    dimension (0–100, None when not scored) with `delta`, plan `completion` (percent), `rows`,
    `rows_done`, and the starting capital (`capital`, `stimulan`, `swadaya`, `lainnya`)."""
    from facilitation.pledges import available_funds

    table = load_dimensions()
    with db.read() as conn:
        signals = q.workshops_with_signals(conn)
        scores = q.confirmed_scores(conn, ("baseline", "endline"))
        rows = q.latest_row_status(conn)
    by_ws: dict[tuple[str, str], dict[str, Fraction]] = {}
    for wid, phase, pid, x2 in scores:
        by_ws.setdefault((wid, phase), {})[pid] = Fraction(x2, 2)
    plan_by_ws: dict[str, list[dict]] = {}
    for r in rows:
        plan_by_ws.setdefault(r["workshop_id"], []).append({**r, "status": r["status"] or "belum",
                                                            "percent": r["percent"] or 0})
    out = []
    for s in signals:
        wid = s["id"]
        base = assessment.compute_index(table, by_ws.get((wid, "baseline"), {}), "baseline")
        end = assessment.compute_index(table, by_ws.get((wid, "endline"), {}), "endline")
        completion, n_rows, n_done = _completion(plan_by_ws.get(wid, []))
        funds = available_funds(db, wid)
        dims = {}
        for d in table.dimensions:
            b, e = base.dimension(d.id).value, end.dimension(d.id).value
            dims[d.id] = {"baseline": b, "endline": e, "delta": None if b is None or e is None else e - b}
        b, e = base.overall.value, end.overall.value
        out.append({
            **{k: s[k] for k in ("id", "village", "village_kind", "kecamatan", "kabupaten", "provinsi", "year")},
            "stage": stage_of(s, today),
            "baseline": b, "endline": e, "delta": None if b is None or e is None else e - b,
            "dimensions": dims,
            "completion": completion, "rows": n_rows, "rows_done": n_done,
            "capital": funds["total"], "stimulan": funds["stimulan"], "swadaya": funds["swadaya"],
            "lainnya": funds["lainnya"],
        })
    return out


def stage_counts(rows: list[dict]) -> dict[str, int]:
    return {stage: sum(1 for r in rows if r["stage"] == stage) for stage in STAGES}


def dimension_means(rows: list[dict]) -> list[dict]:
    """Per dimension, the mean baseline and endline index over the villages that have both
    (so the two bars compare the same villages), with Δ and how many villages count."""
    out = []
    for d in load_dimensions().dimensions:
        pairs = [(r["dimensions"][d.id]["baseline"], r["dimensions"][d.id]["endline"]) for r in rows
                 if r["dimensions"][d.id]["delta"] is not None]
        if pairs:
            b = sum((p[0] for p in pairs), Fraction(0)) / len(pairs)
            e = sum((p[1] for p in pairs), Fraction(0)) / len(pairs)
            out.append({"dimension": d.id, "baseline": b, "endline": e, "delta": e - b, "villages": len(pairs)})
        else:
            out.append({"dimension": d.id, "baseline": None, "endline": None, "delta": None, "villages": 0})
    return out
