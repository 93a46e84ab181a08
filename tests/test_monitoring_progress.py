"""Progress of the action plan: the arithmetic (pure) and the store (validation, one transaction)."""
import datetime as dt
from fractions import Fraction

import pytest

from facilitation import planning, progress
from facilitation.errors import InputError, NotFound, RembugError
from facilitation.store import progress as store
from tests.conftest import WORKSHOP

WS = {"day4": dt.date(2026, 5, 7)}  # plan month 1 = June 2026


def month_of(d):
    return progress.plan_month(WS, d)


def row(id_, months, budget=(), dims=("D1",), beneficiaries=None, no=None):
    return {"id": id_, "no": no or id_, "activity": f"Kegiatan {id_}", "dimensions": list(dims), "months": list(months),
            "beneficiaries": beneficiaries, "budget": [{"source": s, "amount": a} for s, a in budget]}


def entry(row_id, when, status, percent, spent=None, beneficiaries=None, id_=None):
    return {"id": id_, "row_id": row_id, "entry_date": when, "status": status, "percent": percent,
            "beneficiaries": beneficiaries, "spent": spent or {}, "obstacles": "", "follow_up": ""}


def test_plan_month_counts_from_the_month_after_the_workshop():
    assert progress.plan_month(WS, dt.date(2026, 6, 1)) == 1
    assert progress.plan_month(WS, dt.date(2026, 8, 31)) == 3
    assert progress.plan_month(WS, dt.date(2026, 5, 20)) == 1  # before month 1: counts for month 1
    assert progress.plan_month(WS, dt.date(2027, 1, 3)) == 8  # after the plan: lateness stays visible
    assert progress.current_month(WS, dt.date(2026, 5, 20)) == 0


def test_latest_entry_sets_status_and_spending_adds_up():
    rows = [row(1, [1, 2, 3], budget=[("stimulan", 500_000), ("swadaya", 200_000), ("stimulan", 100_000)],
                beneficiaries=40)]
    entries = [
        entry(1, dt.date(2026, 7, 20), "berjalan", 60, {"stimulan": 250_000}, beneficiaries=25, id_=2),
        entry(1, dt.date(2026, 6, 20), "berjalan", 30, {"stimulan": 200_000, "swadaya": 50_000}, beneficiaries=10, id_=1),
        entry(1, dt.date(2026, 8, 2), "selesai", 100, {"swadaya": 175_000}, id_=3),
    ]
    plan = progress.summarise(rows, entries, month_of)
    r = plan.rows[0]
    assert (r.status, r.percent) == ("selesai", 100)
    assert r.beneficiaries == 25  # the latest entry that counted them
    assert r.budget == {"stimulan": 600_000, "swadaya": 200_000, "lainnya": 0}
    assert r.spent == {"stimulan": 450_000, "swadaya": 225_000, "lainnya": 0}
    assert r.over_budget == ("swadaya",)
    assert r.active_months == (1, 2, 3)
    assert plan.money["total"] == {"budget": 800_000, "spent": 675_000, "left": 125_000}
    assert plan.money["swadaya"]["left"] == -25_000


def test_completion_leaves_dropped_rows_out_and_counts_unstarted_as_zero():
    rows = [row(1, [1]), row(2, [2]), row(3, [3]), row(4, [1, 2], dims=("D2", "D1"))]
    entries = [entry(1, dt.date(2026, 6, 9), "selesai", 100), entry(2, dt.date(2026, 7, 9), "berjalan", 50),
               entry(4, dt.date(2026, 6, 9), "batal", 20)]
    plan = progress.summarise(rows, entries, month_of)
    assert plan.completion == Fraction(100 + 50 + 0, 3)
    assert plan.status_counts == {"belum": 1, "berjalan": 1, "selesai": 1, "batal": 1}
    by_dim = {d["dimension"]: d for d in plan.by_dimension}
    assert by_dim["D1"]["rows"] == 3 and by_dim["D1"]["completion"] == Fraction(150, 3)
    assert by_dim["D2"] == {"dimension": "D2", "rows": 0, "completion": None}  # its only row was dropped


def test_months_against_the_gantt():
    rows = [row(1, [1, 2]), row(2, [3])]
    entries = [
        entry(1, dt.date(2026, 6, 15), "berjalan", 40),
        entry(1, dt.date(2026, 7, 15), "belum", 0),  # 'not started' is no activity
        entry(2, dt.date(2026, 7, 1), "belum", 0, {"lainnya": 10_000}),  # money spent is activity
        entry(2, dt.date(2027, 1, 5), "selesai", 100),  # month 8: late
    ]
    plan = progress.summarise(rows, entries, month_of)
    assert plan.rows[0].active_months == (1,)
    assert plan.rows[1].active_months == (2, 8)
    assert plan.rows[1].off_plan_months == (2, 8)
    months = {m["month"]: m for m in plan.by_month}
    assert set(months) == {1, 2, 3, 4, 5, 6, 8}
    assert months[1] == {"month": 1, "planned": 1, "active": 1, "planned_and_active": 1}
    assert months[2] == {"month": 2, "planned": 1, "active": 1, "planned_and_active": 0}
    assert months[3]["planned"] == 1 and months[3]["active"] == 0


def test_behind_only_when_the_planned_start_has_passed():
    rows = [row(1, [2, 3]), row(2, [2, 3])]
    entries = [entry(2, dt.date(2026, 7, 1), "berjalan", 10)]
    assert [r.behind for r in progress.summarise(rows, entries, month_of, current=2).rows] == [False, False]
    assert [r.behind for r in progress.summarise(rows, entries, month_of, current=3).rows] == [True, False]


def test_a_float_amount_is_refused_not_rounded():
    rows = [row(1, [1], budget=[("stimulan", 100)])]
    with pytest.raises(RembugError):
        progress.summarise(rows, [entry(1, dt.date(2026, 6, 1), "berjalan", 5, {"stimulan": 10.5})], month_of)


# ---------------------------------------------------------------- the store

@pytest.fixture
def plan(db):
    from facilitation.workshops import create_workshop

    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    row_id = planning.save_plan_row(db, wid, {
        "activity": "Posyandu lansia", "dimensions": ["D1"], "problem": "Lansia jarang diperiksa",
        "objective": "Lansia diperiksa tiap bulan", "target_group": "Lansia", "beneficiaries": 40,
        "location": "Balai RW 02", "months": [1, 2, 3],
        "budget": [{"budget_item": "Konsumsi", "budget_source": "stimulan", "budget_amount": 300_000},
                   {"budget_item": "Alat tensi", "budget_source": "swadaya", "budget_amount": 200_000}],
    })
    return wid, row_id


def test_entries_are_stored_with_spending_per_source(db, plan):
    wid, row_id = plan
    progress.add_entry(db, wid, {"row_id": row_id, "entry_date": dt.date(2026, 6, 20), "status": "berjalan",
                                 "percent": 40, "beneficiaries": 18, "spent_stimulan": "150.000",
                                 "spent_swadaya": 0, "obstacles": "Hujan", "follow_up": "Jadwal digeser"})
    progress.add_entry(db, wid, {"row_id": row_id, "entry_date": dt.date(2026, 7, 20), "status": "selesai",
                                 "percent": 100, "beneficiaries": 41, "spent_stimulan": 150_000,
                                 "spent_swadaya": 180_000})
    entries = progress.list_entries(db, wid)
    assert [e["spent_total"] for e in entries] == [150_000, 330_000]
    assert [e["month"] for e in entries] == [1, 2]
    p = progress.plan_progress(db, wid, today=dt.date(2026, 9, 1))
    r = p.rows[0]
    assert (r.status, r.percent, r.beneficiaries, r.beneficiaries_planned) == ("selesai", 100, 41, 40)
    assert r.spent == {"stimulan": 300_000, "swadaya": 180_000, "lainnya": 0}
    assert p.money["total"] == {"budget": 500_000, "spent": 480_000, "left": 20_000}
    # zero amounts are not stored as spending rows
    with db.read() as conn:
        assert store.spending_by_entry(conn, wid)[entries[0]["id"]] == {"stimulan": 150_000}


BAD_ENTRIES = [
    ({"status": "belum", "percent": 20}, "percent"),
    ({"status": "selesai", "percent": 90}, "percent"),
    ({"percent": 101}, "percent"),
    ({"spent_stimulan": 1500.5}, "spent_stimulan"),
    ({"spent_lainnya": "1,5"}, "spent_lainnya"),
    ({"spent_swadaya": -5}, "spent_swadaya"),
    ({"status": "selesai?"}, "status"),
]


def test_bad_entries_are_refused_with_the_field_named(db, plan):
    wid, row_id = plan
    for change, field in BAD_ENTRIES:
        data = {"row_id": row_id, "entry_date": dt.date(2026, 6, 20), "status": "berjalan", "percent": 40, **change}
        with pytest.raises(InputError) as exc:
            progress.add_entry(db, wid, data)
        assert field in [e.field for e in exc.value.errors], change
    assert progress.list_entries(db, wid) == []


def test_entry_before_the_workshop_or_for_another_row_is_refused(db, plan):
    wid, row_id = plan
    with pytest.raises(InputError):
        progress.add_entry(db, wid, {"row_id": row_id, "entry_date": dt.date(2026, 5, 1), "status": "berjalan",
                                     "percent": 5})
    with pytest.raises(NotFound):
        progress.add_entry(db, wid, {"row_id": row_id + 99, "entry_date": dt.date(2026, 6, 1), "status": "berjalan",
                                     "percent": 5})
    assert progress.list_entries(db, wid) == []


def test_update_and_delete_an_entry(db, plan):
    wid, row_id = plan
    base = {"row_id": row_id, "entry_date": dt.date(2026, 6, 20), "status": "berjalan", "percent": 40,
            "spent_stimulan": 100_000}
    entry_id = progress.add_entry(db, wid, base)
    progress.update_entry(db, wid, entry_id, {**base, "percent": 55, "spent_stimulan": 0, "spent_lainnya": 70_000})
    [e] = progress.list_entries(db, wid)
    assert e["percent"] == 55 and e["spent"] == {"stimulan": 0, "swadaya": 0, "lainnya": 70_000}
    progress.delete_entry(db, wid, entry_id)
    assert progress.list_entries(db, wid) == []
    with pytest.raises(NotFound):
        progress.delete_entry(db, wid, entry_id)
