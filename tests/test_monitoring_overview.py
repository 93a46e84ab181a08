"""Many villages: the stage read from the data, the cross-workshop overview query (SQLite and
PostgreSQL) against each workshop's own figures, and the demo-villages loader."""
import datetime as dt
from fractions import Fraction

import pytest

from facilitation import monitoring, overview, pledges, progress
from facilitation.demo import villages
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP

NOTHING = {"has_attendance": False, "has_baseline": False, "has_plan": False, "has_progress": False,
           "has_monitoring": False, "has_evaluation": False, "has_endline": False, "handed_over": False,
           "day1": dt.date(2030, 1, 1)}


@pytest.mark.parametrize("facts, stage", [
    ({}, "persiapan"),
    ({"day1": dt.date(2020, 1, 1)}, "pelaksanaan"),
    ({"has_baseline": True}, "pelaksanaan"),
    ({"has_plan": True, "has_progress": True}, "monitoring"),
    ({"has_monitoring": True}, "monitoring"),
    ({"has_progress": True, "has_endline": True}, "evaluasi"),
    ({"has_evaluation": True}, "evaluasi"),
    ({"has_progress": True, "handed_over": True}, "terminasi"),
])
def test_stage_is_read_from_the_data(facts, stage):
    assert overview.stage_of({**NOTHING, **facts}, today=dt.date(2026, 1, 1)) == stage


def test_dimension_means_compare_only_villages_with_both_phases():
    def village(b, e):
        return {"dimensions": {d: {"baseline": b, "endline": e, "delta": None if b is None or e is None else e - b}
                               for d in ("D1", "D2", "D3", "D4")}}

    rows = [village(Fraction(40), Fraction(60)), village(Fraction(50), Fraction(55)), village(Fraction(10), None)]
    means = overview.dimension_means(rows)
    assert means[0] == {"dimension": "D1", "baseline": 45, "endline": Fraction(115, 2), "delta": Fraction(25, 2),
                        "villages": 2}
    assert overview.dimension_means([village(None, None)])[0]["villages"] == 0


# four 2009 villages of Tabel 2, each at another stage of its cycle
SUBSET = [villages.VILLAGES[i] for i in (24, 25, 27, 28)]


def test_overview_matches_each_workshops_own_figures(any_db):
    created = villages.load(any_db, entries=SUBSET)
    assert len(created) == 4
    empty = create_workshop(any_db, {**WORKSHOP, "year": 2031, "day1": "2031-05-04", "day2": "2031-05-05",
                                     "day3": "2031-05-06", "day4": "2031-05-07"}, pin="4321")
    rows = {r["id"]: r for r in overview.villages(any_db, today=dt.date(2026, 11, 1))}
    assert set(rows) == {*created, empty}
    assert rows[empty]["stage"] == "persiapan" and rows[empty]["completion"] is None and rows[empty]["capital"] == 0
    assert sorted(rows[w]["stage"] for w in created) == ["evaluasi", "monitoring", "pelaksanaan", "terminasi"]
    for wid in created:
        r = rows[wid]
        comp = monitoring.comparison(any_db, wid)
        assert r["baseline"] == comp.overall.baseline and r["endline"] == comp.overall.endline
        assert {d: r["dimensions"][d]["delta"] for d in r["dimensions"]} == {d.id: d.delta for d in comp.dimensions}
        plan = progress.plan_progress(any_db, wid)
        assert r["completion"] == plan.completion and r["rows"] == len(plan.rows)
        assert r["rows_done"] == plan.status_counts["selesai"]
        assert r["capital"] == pledges.available_funds(any_db, wid)["total"] > 0
        assert (r["endline"] is not None) == (r["stage"] in ("evaluasi", "terminasi"))
    counts = overview.stage_counts(list(rows.values()))
    assert sum(counts.values()) == 5 and counts["persiapan"] == 1


def test_demo_villages_are_loaded_once(db):
    first = villages.load(db, entries=SUBSET[:2])
    assert villages.load(db, entries=SUBSET[:2]) == []  # already there: left alone
    rows = overview.villages(db)
    assert {(r["village"], r["kabupaten"], r["year"]) for r in rows} == {(v[3], v[1], v[4]) for v in SUBSET[:2]}
    assert len(first) == 2
    assert len(villages.VILLAGES) == 29 and len({v[0] for v in villages.VILLAGES}) == 10
