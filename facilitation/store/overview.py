"""Queries across every workshop of the store, for the district's overview of many villages.

Each is one statement over all workshops (no query per village), so the overview stays quick
on a district PostgreSQL server holding dozens of villages.
"""
from __future__ import annotations

from sqlalchemy import and_, func, literal, select
from sqlalchemy.engine import Connection

from facilitation.store.assessment import assessment_scores
from facilitation.store.monitoring import monitoring_visits, terminations
from facilitation.store.planning import plan_rows
from facilitation.store.progress import progress_entries
from facilitation.store.schema import attendance, workshops


def _exists(table, *conditions):
    return select(literal(1)).where(table.c.workshop_id == workshops.c.id, *conditions).exists()


def workshops_with_signals(conn: Connection) -> list[dict]:
    """Every workshop with the facts its stage is read from (booleans)."""
    q = select(
        workshops.c.id, workshops.c.village, workshops.c.village_kind, workshops.c.kecamatan,
        workshops.c.kabupaten, workshops.c.provinsi, workshops.c.year, workshops.c.day1, workshops.c.day4,
        _exists(attendance).label("has_attendance"),
        _exists(assessment_scores, assessment_scores.c.phase == "baseline").label("has_baseline"),
        _exists(plan_rows).label("has_plan"),
        _exists(progress_entries).label("has_progress"),
        _exists(monitoring_visits, monitoring_visits.c.kind == "monitoring").label("has_monitoring"),
        _exists(monitoring_visits, monitoring_visits.c.kind == "evaluasi").label("has_evaluation"),
        _exists(assessment_scores, assessment_scores.c.phase == "endline").label("has_endline"),
        _exists(terminations, terminations.c.handover_date.is_not(None)).label("handed_over"),
    ).order_by(workshops.c.provinsi, workshops.c.kabupaten, workshops.c.village, workshops.c.year)
    out = []
    for r in conn.execute(q).mappings():
        row = dict(r)
        for k in ("has_attendance", "has_baseline", "has_plan", "has_progress", "has_monitoring",
                  "has_evaluation", "has_endline", "handed_over"):
            row[k] = bool(row[k])
        out.append(row)
    return out


def confirmed_scores(conn: Connection, phases: tuple[str, ...]) -> list[tuple[str, str, str, int]]:
    """(workshop id, phase, parameter id, score_x2) of every confirmed score in `phases`."""
    q = (select(assessment_scores.c.workshop_id, assessment_scores.c.phase, assessment_scores.c.parameter_id,
                assessment_scores.c.score_x2)
         .where(assessment_scores.c.confirmed == 1, assessment_scores.c.phase.in_(phases))
         .order_by(assessment_scores.c.workshop_id, assessment_scores.c.phase, assessment_scores.c.parameter_id))
    return [tuple(r) for r in conn.execute(q)]


def latest_row_status(conn: Connection) -> list[dict]:
    """Every plan row of every workshop with the status and percent of its latest progress
    entry (None when it has none)."""
    ranked = select(
        progress_entries.c.row_id, progress_entries.c.status, progress_entries.c.percent,
        func.row_number().over(partition_by=progress_entries.c.row_id,
                               order_by=(progress_entries.c.entry_date.desc(), progress_entries.c.id.desc()))
        .label("rn"),
    ).subquery()
    q = (select(plan_rows.c.workshop_id, plan_rows.c.id.label("row_id"), ranked.c.status, ranked.c.percent)
         .select_from(plan_rows.outerjoin(ranked, and_(ranked.c.row_id == plan_rows.c.id, ranked.c.rn == 1)))
         .order_by(plan_rows.c.workshop_id, plan_rows.c.id))
    return [dict(r) for r in conn.execute(q).mappings()]


def workshop_identity(conn: Connection) -> list[dict]:
    """(id, village, kabupaten, year) of every workshop: for telling duplicates apart."""
    q = select(workshops.c.id, workshops.c.village, workshops.c.kabupaten, workshops.c.year)
    return [dict(r) for r in conn.execute(q).mappings()]
