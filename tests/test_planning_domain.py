"""Planning: whole-plan checks (pure), integer-rupiah arithmetic, the consensus workshop,
ToP action planning and plan rows stored whole, on SQLite and PostgreSQL."""
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from facilitation import planning, voting
from facilitation.errors import InputError, NotFound, RembugError
from facilitation.participants import add_participant, list_participants
from facilitation.store import planning as q
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP

DIMS = ("D1", "D2", "D3", "D4")
FUNDS = {"stimulan": 2_500_000, "swadaya": 1_000_000, "lainnya": 500_000, "total": 4_000_000}


def row(dims=("D1",), pic=1, budget=()):
    return {"dimensions": list(dims), "pic_participant_id": pic,
            "budget": [{"source": s, "amount": a} for s, a in budget]}


def checks(report):
    return {c.key: c for c in report.checks}


# ---------------------------------------------------------------- validate_plan (pure)

def test_complete_plan_within_funds_passes_every_check():
    rows = [row(["D1"], 1, [("stimulan", 1_500_000)]), row(["D2", "D3"], 2, [("swadaya", 1_000_000)]),
            row(["D4"], 3, [("stimulan", 1_000_000), ("lainnya", 500_000)])]
    report = planning.validate_plan(rows, FUNDS, {})
    assert report.ok, [planning.describe_check(c) for c in report.failed]
    assert report.planned == {"stimulan": 2_500_000, "swadaya": 1_000_000, "lainnya": 500_000, "total": 4_000_000}
    assert checks(report)["dimension.D2"].params["rows"] == "2"


def test_each_source_is_checked_on_its_own_even_when_the_total_fits():
    rows = [row(["D1", "D2", "D3", "D4"], 1, [("swadaya", 1_000_001)])]
    report = planning.validate_plan(rows, FUNDS, {})
    by_key = checks(report)
    assert not by_key["budget.swadaya"].ok
    assert by_key["budget.swadaya"].params["over"] == 1
    assert by_key["budget.total"].ok and by_key["budget.stimulan"].ok
    assert [c.key for c in report.failed] == ["budget.swadaya"]
    assert "Rp 1" in planning.describe_check(by_key["budget.swadaya"], "id")


def test_total_over_available_fails():
    funds = {"stimulan": 100, "swadaya": 100, "lainnya": 0}
    report = planning.validate_plan([row(DIMS, 1, [("stimulan", 100), ("swadaya", 100), ("lainnya", 1)])], funds, {})
    assert {c.key for c in report.failed} == {"budget.lainnya", "budget.total"}


def test_dimension_left_out_needs_a_reason():
    rows = [row(["D1", "D2", "D3"], 1)]
    assert [c.key for c in planning.validate_plan(rows, FUNDS, {}).failed] == ["dimension.D4"]
    assert [c.key for c in planning.validate_plan(rows, FUNDS, {"D4": "   "}).failed] == ["dimension.D4"]
    report = planning.validate_plan(rows, FUNDS, {"D4": "Sudah ditangani program desa"})
    assert report.ok
    assert checks(report)["dimension.D4"].message == "planning.check_dim_left_out"
    text = planning.describe_check(checks(report)["dimension.D4"], "en")
    assert text.startswith("D4 · Local wisdom") and "Sudah ditangani program desa" in text


def test_every_row_needs_a_person_in_charge():
    rows = [row(["D1", "D2"], 5), row(["D3"], None), row(["D4"], 0)]
    report = planning.validate_plan(rows, FUNDS, {})
    assert [c.key for c in report.failed] == ["pic"]
    assert checks(report)["pic"].params == {"rows": "2, 3", "count": 2}
    assert planning.describe_check(checks(report)["pic"], "id") == "Kegiatan no. 2, 3 belum memiliki penanggung jawab."


def test_empty_plan_fails_rows_and_every_dimension():
    report = planning.validate_plan([], FUNDS, {})
    assert {c.key for c in report.failed} == {"rows", "dimension.D1", "dimension.D2", "dimension.D3", "dimension.D4"}


def test_validate_plan_takes_its_dimensions_as_an_argument():
    report = planning.validate_plan([row(["A"], 1)], FUNDS, {}, dimensions=("A", "B"))
    assert [c.key for c in report.failed] == ["dimension.B"]


# ---------------------------------------------------------------- budget arithmetic

@pytest.mark.parametrize("bad", [1_500_000.0, 0.5, Decimal("1000"), "1000", True, None])
def test_a_non_integer_amount_is_refused_not_rounded(bad):
    with pytest.raises(RembugError) as err:
        planning.budget_totals([row(budget=[("stimulan", bad)])])
    assert err.value.key == "planning.err_amount_integer"


def test_a_float_in_the_funds_is_refused_too():
    with pytest.raises(RembugError):
        planning.validate_plan([], {"stimulan": 2_500_000.0, "swadaya": 0, "lainnya": 0}, {})


def test_parse_rupiah_reads_indonesian_thousands_only():
    assert planning.parse_rupiah("1.500.000") == 1_500_000
    assert planning.parse_rupiah("Rp 2.500.000") == 2_500_000
    assert planning.parse_rupiah("750000") == 750_000
    for bad in ("1.5", "1,5", "1.50.000", "12.3456", "satu juta", 1.0):
        with pytest.raises(RembugError):
            planning.parse_rupiah(bad)


@given(st.lists(st.tuples(st.sampled_from(planning.SOURCES), st.integers(0, 10**13)), max_size=40))
def test_totals_are_exact_integer_sums(lines):
    totals = planning.budget_totals([row(budget=lines[:20]), row(budget=lines[20:])])
    for source in planning.SOURCES:
        assert totals[source] == sum(a for s, a in lines if s == source)
        assert type(totals[source]) is int
    assert totals["total"] == sum(a for _, a in lines)


# ---------------------------------------------------------------- consensus workshop

@pytest.fixture
def wid(any_db):
    return create_workshop(any_db, dict(WORKSHOP), pin="4321")


@pytest.fixture
def people(any_db, wid):
    for name, inst in (("Siti Aminah", "PKK"), ("Rizky Pratama", "Karang Taruna"), ("Ujang Sopandi", "Tokoh adat")):
        add_participant(any_db, wid, {"name": name, "gender": "L", "institution": inst})
    return list_participants(any_db, wid)


def test_focus_question_defaults_until_the_group_saves_its_own(any_db, wid):
    info = planning.consensus(any_db, wid, "en")
    assert info["focus_question"].startswith("What can we do in the next six months")
    assert not info["focus_saved"]
    planning.save_focus(any_db, wid, {"focus_question": "Apa yang kita lakukan bersama?", "intended_product": "Daftar"})
    info = planning.consensus(any_db, wid, "en")
    assert info["focus_question"] == "Apa yang kita lakukan bersama?" and info["focus_saved"]
    with pytest.raises(InputError):
        planning.save_focus(any_db, wid, {"focus_question": "?"})


def test_phones_send_ideas_only_while_collection_is_open(any_db, wid, people):
    me = people[0]
    with pytest.raises(RembugError) as err:
        planning.add_idea(any_db, wid, "Ronda malam", participant=me)
    assert err.value.key == "planning.err_collection_closed"
    planning.set_collecting(any_db, wid, True)
    first = planning.add_idea(any_db, wid, "Ronda malam", participant=me)
    again = planning.add_idea(any_db, wid, "  ronda   MALAM. ", participant=people[1])  # a double tap, or a twin
    assert not first["duplicate"] and again == {"id": None, "duplicate": True}
    planning.add_idea(any_db, wid, "Bank sampah")  # the facilitator types one
    ideas = planning.list_ideas(any_db, wid)
    assert [(i["text"], i["source"], i["participant_name"]) for i in ideas] == [
        ("Ronda malam", "phone", "Siti Aminah"), ("Bank sampah", "facilitator", None)]
    assert planning.my_ideas(any_db, wid, me["id"]) == ["Ronda malam"]
    other = create_workshop(any_db, dict(WORKSHOP), pin="4321")
    with pytest.raises(RembugError):
        planning.add_idea(any_db, other, "Bukan di sini", participant=me)


def test_a_phone_cannot_flood_the_board(any_db, wid, people):
    planning.set_collecting(any_db, wid, True)
    for n in range(planning.MAX_IDEAS_PER_PHONE):
        planning.add_idea(any_db, wid, f"Gagasan nomor {n}", participant=people[0])
    with pytest.raises(RembugError) as err:
        planning.add_idea(any_db, wid, "Satu lagi", participant=people[0])
    assert err.value.key == "planning.err_too_many_ideas"


def test_clusters_take_cards_and_become_candidate_activities(any_db, wid):
    ids = [planning.add_idea(any_db, wid, text)["id"] for text in ("Kunjungan lansia", "Posyandu lansia", "Ronda")]
    first, second, third = (planning.add_cluster(any_db, wid) for _ in range(3))
    planning.move_idea(any_db, wid, ids[0], first)
    planning.move_idea(any_db, wid, ids[1], first)
    planning.move_idea(any_db, wid, ids[2], second)
    planning.update_cluster(any_db, wid, first, {"cluster_name": "Peduli lansia", "dimension": "D1"})
    state = planning.board(any_db, wid)
    assert [len(c["ideas"]) for c in state["clusters"]] == [2, 1, 0] and state["unsorted"] == []
    result = planning.resolve(any_db, wid, "Disepakati dalam pleno")
    assert result == {"created": 1, "unnamed": 1}  # the empty third column is no activity
    planning.update_cluster(any_db, wid, second, {"cluster_name": "Aman bersama", "dimension": "D3"})
    assert planning.resolve(any_db, wid, "Disepakati")["created"] == 1  # resolving again adds only the new one
    acts = planning.list_activities(any_db, wid)
    assert [(a["title"], a["dimension"]) for a in acts] == [("Peduli lansia", "D1"), ("Aman bersama", "D3")]
    assert planning.consensus(any_db, wid)["resolution_note"] == "Disepakati"
    planning.delete_cluster(any_db, wid, first)  # its cards go back to the pile, its activity stays
    state = planning.board(any_db, wid)
    assert sorted(i["id"] for i in state["unsorted"]) == ids[:2]
    assert len(planning.list_activities(any_db, wid)) == 2
    with pytest.raises(NotFound):
        planning.move_idea(any_db, wid, ids[2], third + 100)
    with pytest.raises(InputError):
        planning.update_cluster(any_db, wid, second, {"cluster_name": "X", "dimension": "D9"})


def test_resolve_without_clusters_is_refused(any_db, wid):
    planning.add_idea(any_db, wid, "Ronda malam")
    with pytest.raises(RembugError) as err:
        planning.resolve(any_db, wid, "")
    assert err.value.key == "planning.err_no_clusters"


def test_a_workshop_cannot_touch_another_workshops_cards(any_db, wid):
    idea = planning.add_idea(any_db, wid, "Ronda malam")["id"]
    other = create_workshop(any_db, dict(WORKSHOP), pin="4321")
    cluster = planning.add_cluster(any_db, other)
    with pytest.raises(NotFound):
        planning.move_idea(any_db, other, idea, cluster)
    with pytest.raises(NotFound):
        planning.delete_idea(any_db, other, idea)
    assert planning.list_ideas(any_db, wid)[0]["cluster_id"] is None


# ---------------------------------------------------------------- ToP action planning

def test_action_planning_stores_each_step_and_key_actions_whole(any_db, wid):
    act = planning.add_activity(any_db, wid, "Bank sampah dusun", "D4")
    planning.save_activity(any_db, wid, act, {
        "activity_title": "Bank sampah dusun", "dimension": "D4", "victory": "Sungai bersih",
        "strengths": "Karang Taruna", "weaknesses": "Belum ada tempat", "benefits": "BUMDes membeli",
        "dangers": "Kebiasaan lama", "commitment": "3 bank sampah buka mingguan", "commitment_due": "2026-09-30",
        "linked_params": ["P4.4", "P4.2", "P4.4"], "risks": "Harga sampah turun",
    })
    with pytest.raises(InputError) as err:  # line 2 ends before it starts: nothing is replaced
        planning.save_key_actions(any_db, wid, act, [
            {"action_text": "Sosialisasi", "month_start": 1, "month_end": 1},
            {"action_text": "Bangun tempat", "month_start": 3, "month_end": 2},
            {"action_text": "", "month_start": 1, "month_end": 1},
        ])
    assert [(e.row, e.key) for e in err.value.errors] == [(2, "planning.err_month_order")]
    planning.save_key_actions(any_db, wid, act, [
        {"action_text": "Sosialisasi", "month_start": 1, "month_end": 1, "action_who": "Kadus"},
        {"action_text": "", "month_start": 1, "month_end": 1},
        {"action_text": "Bank sampah buka", "month_start": 3, "month_end": 6},
    ])
    a = planning.get_activity(any_db, wid, act)
    assert a["linked_params"] == ["P4.4", "P4.2"] and str(a["due_date"]) == "2026-09-30"
    assert [(k["text"], k["month_start"], k["month_end"]) for k in a["actions"]] == [
        ("Sosialisasi", 1, 1), ("Bank sampah buka", 3, 6)]
    draft = planning.row_draft_from_activity(a)
    assert draft["months"] == [1, 3, 4, 5, 6] and draft["dimensions"] == ["D4"]
    assert draft["objective"] == "3 bank sampah buka mingguan" and draft["activity_id"] == act


# ---------------------------------------------------------------- plan rows

def plan_data(pic=None, **over):
    data = {
        "activity": "Kunjungan lansia", "dimensions": ["D1"], "problem": "Lansia terlantar",
        "objective": "25 lansia dikunjungi 2 kali sebulan", "target_group": "Lansia", "beneficiaries": 25,
        "location": "Dusun Kaler", "months": [1, 2, 3], "pic": pic, "partners": ["Puskesmas", " puskesmas ", "PKK"],
        "indicator_params": ["P1.2"], "indicator": "Buku kunjungan",
        "budget": [
            {"budget_item": "Paket sembako", "budget_source": "stimulan", "budget_amount": 600_000},
            {"budget_item": "", "budget_source": "stimulan", "budget_amount": 0},  # an empty slot
            {"budget_item": "Transport kader", "budget_source": "swadaya", "budget_amount": "300.000",
             "source_detail": "Iuran PKK"},
        ],
    }
    data.update(over)
    return data


def test_a_plan_row_is_stored_with_its_budget_lines(any_db, wid, people):
    row_id = planning.save_plan_row(any_db, wid, plan_data(pic=people[0]["id"]))
    [stored] = planning.list_plan_rows(any_db, wid)
    assert stored["id"] == row_id and stored["no"] == 1 and stored["pic_name"] == "Siti Aminah"
    assert stored["partners"] == ["Puskesmas", "PKK"] and stored["months"] == [1, 2, 3]
    assert [(b["item"], b["source"], b["amount"]) for b in stored["budget"]] == [
        ("Paket sembako", "stimulan", 600_000), ("Transport kader", "swadaya", 300_000)]
    assert stored["total"] == 900_000
    # editing replaces the row and its lines
    planning.save_plan_row(any_db, wid, plan_data(pic=people[1]["id"], budget=[
        {"budget_item": "Sembako", "budget_source": "lainnya", "budget_amount": 100_000, "source_detail": "APBDes"}]),
        row_id=row_id)
    [stored] = planning.list_plan_rows(any_db, wid)
    assert stored["pic_name"] == "Rizky Pratama" and [b["amount"] for b in stored["budget"]] == [100_000]


def test_a_bad_row_lists_every_problem_and_stores_nothing(any_db, wid):
    data = plan_data(dimensions=[], months=[0, 7], objective="", budget=[
        {"budget_item": "Konsumsi", "budget_source": "stimulan", "budget_amount": 150_000.0},
        {"budget_item": "Sewa", "budget_source": "hibah", "budget_amount": 10},
    ])
    with pytest.raises(InputError) as err:
        planning.save_plan_row(any_db, wid, data)
    found = {(e.field, e.row, e.key) for e in err.value.errors}
    assert found == {("dimensions", None, "planning.err_choose_one"), ("months", None, "planning.err_months"),
                     ("objective", None, "err.required"), ("budget_amount", 1, "planning.err_amount_integer"),
                     ("budget_source", 2, "planning.err_source")}
    assert "Baris 1, Jumlah (Rp): jumlah harus rupiah bulat tanpa desimal (tertulis: 150000.0)" in err.value.messages("id")
    assert planning.list_plan_rows(any_db, wid) == []


def test_saving_a_row_never_half_writes(any_db, wid, monkeypatch):
    """The row is inserted before its lines; a failure while writing the lines rolls the row back."""
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(q, "replace_budget_lines", broken)
    with pytest.raises(RuntimeError):
        planning.save_plan_row(any_db, wid, plan_data())
    monkeypatch.undo()
    assert planning.list_plan_rows(any_db, wid) == []
    row_id = planning.save_plan_row(any_db, wid, plan_data())
    monkeypatch.setattr(q, "replace_budget_lines", broken)
    with pytest.raises(RuntimeError):  # an edit that fails keeps the old row and lines
        planning.save_plan_row(any_db, wid, plan_data(activity="Diubah", budget=[]), row_id=row_id)
    monkeypatch.undo()
    [stored] = planning.list_plan_rows(any_db, wid)
    assert stored["activity"] == "Kunjungan lansia" and stored["total"] == 900_000


def test_person_in_charge_must_be_a_participant_of_this_workshop(any_db, wid, people):
    other = create_workshop(any_db, dict(WORKSHOP), pin="4321")
    stranger = add_participant(any_db, other, {"name": "Orang lain", "gender": "P", "institution": "PKK"})
    with pytest.raises(InputError) as err:
        planning.save_plan_row(any_db, wid, plan_data(pic=stranger))
    assert [(e.field, e.key) for e in err.value.errors] == [("pic", "planning.err_pic_unknown")]
    assert planning.list_plan_rows(any_db, wid) == []


def test_deleting_the_person_in_charge_shows_in_the_checklist(any_db, wid, people):
    from facilitation.participants import delete_participant

    planning.save_plan_row(any_db, wid, plan_data(pic=people[2]["id"]))
    assert planning.plan_report(any_db, wid).failed[-1].key != "pic"
    delete_participant(any_db, wid, people[2]["id"])
    [stored] = planning.list_plan_rows(any_db, wid)
    assert stored["pic_participant_id"] is None
    assert "pic" in {c.key for c in planning.plan_report(any_db, wid).failed}


def test_rows_keep_their_order_and_move(any_db, wid):
    ids = [planning.save_plan_row(any_db, wid, plan_data(activity=f"Kegiatan {n}")) for n in range(3)]
    planning.move_plan_row(any_db, wid, ids[2], -1)
    planning.move_plan_row(any_db, wid, ids[0], -1)  # already first: stays
    assert [r["activity"] for r in planning.list_plan_rows(any_db, wid)] == ["Kegiatan 0", "Kegiatan 2", "Kegiatan 1"]
    planning.delete_plan_row(any_db, wid, ids[2])
    assert [r["no"] for r in planning.list_plan_rows(any_db, wid)] == [1, 2]
    with pytest.raises(NotFound):
        planning.delete_plan_row(any_db, wid, ids[2])


def test_dimensions_left_out_are_stored_with_their_reason(any_db, wid):
    with pytest.raises(InputError):
        planning.set_left_out(any_db, wid, "D3", "tdk")
    with pytest.raises(InputError):
        planning.set_left_out(any_db, wid, "D9", "Alasan yang cukup panjang")
    planning.set_left_out(any_db, wid, "D3", "Tidak ada konflik; sudah ada forum adat")
    planning.set_left_out(any_db, wid, "D3", "Sudah ditangani forum adat")
    assert planning.dimensions_left_out(any_db, wid) == {"D3": "Sudah ditangani forum adat"}
    planning.clear_left_out(any_db, wid, "D3")
    assert planning.dimensions_left_out(any_db, wid) == {}


# ---------------------------------------------------------------- the other steps' results

def test_problem_chosen_from_the_assessments_priorities(db, workshop):
    from facilitation import assessment_cards, assessment_ranking

    cards = [assessment_cards.add_card(db, workshop, {"kind": "problem", "dimension": d, "text": text})
             for d, text in (("D1", "Lansia terlantar"), ("D3", "Sengketa air sawah"), ("D4", "Sampah di sungai"))]
    poll = assessment_ranking.start_ranking(db, workshop, "dots", "all")
    voting.record_hand_counts(db, workshop, poll, {cards[0]: 9, cards[1]: 5, cards[2]: 1})
    voting.close_poll(db, workshop, poll)
    assessment_ranking.mark_priorities(db, workshop, poll, 2)
    priorities = planning.priority_problems(db, workshop)
    assert [(p["text"], p["dimension"], p["rank"]) for p in priorities] == [
        ("Lansia terlantar", "D1", 1), ("Sengketa air sawah", "D3", 2)]
    row_id = planning.save_plan_row(db, workshop, plan_data(problem_id=cards[1], problem=""))
    [stored] = planning.list_plan_rows(db, workshop)
    assert stored["id"] == row_id and stored["problem_id"] == cards[1] and stored["problem_text"] == "Sengketa air sawah"
    with pytest.raises(InputError) as err:  # ranked but not a priority
        planning.save_plan_row(db, workshop, plan_data(problem_id=cards[2]))
    assert [e.key for e in err.value.errors] == ["planning.err_problem_unknown"]


def test_checks_use_the_funds_the_pledges_step_recorded(db, workshop):
    from facilitation import pledges

    pid = add_participant(db, workshop, {"name": "Siti", "gender": "P", "institution": "PKK"})
    planning.save_plan_row(db, workshop, plan_data(pic=pid, dimensions=list(DIMS)))
    by_key = checks(planning.plan_report(db, workshop))
    assert not by_key["budget.stimulan"].ok  # nothing recorded yet: Rp 0 available
    pledges.add_fund(db, workshop, {"kind": "stimulan", "source": "Kemensos", "amount": 2_500_000,
                                    "received_on": "2026-05-20", "account_ref": "BRI 123"})
    pledges.add_pledge(db, workshop, pid, {"kind": "money", "value": 300_000, "due_date": "2026-06-01"})
    funds = planning.available_funds(db, workshop)
    assert funds["stimulan"] == 2_500_000 and funds["swadaya"] == 300_000
    report = planning.plan_report(db, workshop)
    assert report.ok, [planning.describe_check(c) for c in report.failed]
    assert report.available["total"] == funds["total"]


def test_share_of_demo_budget_is_exact():
    from facilitation.demo.planning import _budgets

    share = _budgets({"stimulan": 1_250_000, "swadaya": 10**9, "lainnya": 0, "total": 10**9})
    assert share["stimulan"] == Fraction(1, 2) and share["swadaya"] == 1 and share["lainnya"] == 0


def test_the_demo_day_is_complete_and_within_the_funds(db):
    import random

    from facilitation.demo import core, planning as demo_planning, pledges as demo_pledges

    rng = random.Random(2026)
    wid = core.create(db, rng)
    core.fill(db, wid, rng)
    demo_pledges.fill(db, wid, rng)
    demo_planning.fill(db, wid, rng)
    ideas = planning.list_ideas(db, wid)
    assert len(ideas) == 30 and 10 <= sum(i["source"] == "phone" for i in ideas) <= 20
    state = planning.board(db, wid)
    assert state["unsorted"] == [] and len(state["clusters"]) == 6
    assert all(c["name"] and c["dimension"] for c in state["clusters"])
    chosen = [a for a in planning.list_activities(db, wid) if a["chosen"]]
    assert len(chosen) == 4 and all(a["victory"] and a["commitment"] and a["actions"] for a in chosen)
    rows = planning.list_plan_rows(db, wid)
    assert len(rows) == 8
    report = planning.plan_report(db, wid)
    assert report.ok, [planning.describe_check(c) for c in report.failed]
    assert 0 < report.planned["total"] <= report.available["total"]
