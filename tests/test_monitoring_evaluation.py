"""Monitoring and evaluation visits, baseline against endline, terminasi, refleksi and the
next cycle."""
import datetime as dt
from fractions import Fraction

import pytest

from facilitation import assessment, monitoring, planning, terminasi
from facilitation.content import load_dimensions
from facilitation.errors import InputError, RembugError
from facilitation.participants import add_participant
from facilitation.workshops import create_workshop, get_workshop, list_workshops
from tests.conftest import WORKSHOP


@pytest.fixture
def wid(db):
    return create_workshop(db, dict(WORKSHOP), pin="4321")


# ---------------------------------------------------------------- baseline vs endline (pure)

def test_compare_gives_delta_per_parameter_criterion_dimension_and_overall():
    table = load_dimensions()
    ids = [p.id for p in table.parameters]
    base = {pid: Fraction(2) for pid in ids}  # 25 everywhere
    end = {pid: Fraction(3) for pid in ids}  # 50 everywhere ...
    end["P1.1"], end["P1.2"] = Fraction(5), Fraction(7, 2)  # ... but 100 and 62.5 here
    end["P4.4"] = Fraction(1)  # and 0 here
    comp = monitoring.compare(table, assessment.compute_index(table, base), assessment.compute_index(table, end))
    params = {p.id: p for p in comp.parameters}
    assert params["P1.1"].delta == 75 and params["P1.2"].delta == Fraction(75, 2)
    assert params["P4.4"].delta == -25 and params["P2.1"].delta == 25
    crit = {c.id: c for c in comp.criteria}
    assert crit["K1.1"].baseline == 25 and crit["K1.1"].endline == 100
    assert crit["K4"].endline == Fraction(50 * 3 + 0, 4)
    dims = {d.id: d for d in comp.dimensions}
    assert dims["D1"].endline == Fraction(100 + Fraction(125, 2) + 50 + 50, 4)
    assert dims["D1"].delta == dims["D1"].endline - 25
    assert comp.overall.delta == sum(d.endline for d in comp.dimensions) / 4 - 25
    assert comp.counts() == {"improved": 13, "unchanged": 0, "declined": 1, "missing": 0}
    assert comp.complete


def test_compare_reports_parameters_it_cannot_compare():
    table = load_dimensions()
    base = {"P1.1": 3, "P2.1": 2}
    end = {"P1.1": 4, "P3.1": 5}
    comp = monitoring.compare(table, assessment.compute_index(table, base), assessment.compute_index(table, end))
    assert comp.counts() == {"improved": 1, "unchanged": 0, "declined": 0, "missing": 13}
    d2 = next(d for d in comp.dimensions if d.id == "D2")
    assert d2.baseline == 25 and d2.endline is None and d2.delta is None
    assert not comp.complete


def test_endline_uses_the_assessment_domain_with_its_rules(db, wid):
    assessment.save_score(db, wid, "P1.1", {"score": 2}, phase="baseline")
    assessment.save_score(db, wid, "P1.1", {"score": 3.5, "reason": "sebagian dusun sudah"}, phase="endline")
    with pytest.raises(InputError):  # a half step without a reason, as at the baseline
        assessment.save_score(db, wid, "P1.2", {"score": 2.5}, phase="endline")
    assessment.save_score(db, wid, "P1.3", {"score": 4, "confirmed": False}, phase="endline")  # a draft
    comp = monitoring.comparison(db, wid)
    params = {p.id: p for p in comp.parameters}
    assert params["P1.1"].as_row()["delta"] == 37.5
    assert params["P1.3"].endline is None  # drafts do not count
    assert not comp.has_midline
    assessment.save_score(db, wid, "P1.1", {"score": 3}, phase="midline")
    comp = monitoring.comparison(db, wid)
    assert comp.has_midline and {p.id: p for p in comp.parameters}["P1.1"].midline == 50


# ---------------------------------------------------------------- visits

def test_visits_are_saved_with_members_and_findings(db, wid):
    ws = get_workshop(db, wid)
    a = add_participant(db, wid, {"name": "Siti", "gender": "P", "institution": "PKK"})
    b = add_participant(db, wid, {"name": "Budi", "gender": "L", "institution": "Karang Taruna"})
    defaults = monitoring.visit_defaults(ws, "monitoring")
    assert defaults["visit_date"] == dt.date(2026, 8, 15)  # month 3 of a plan starting June 2026
    assert defaults["facilitators"] == "Dra. Ani; Budi" and defaults["pendamping"] == "Citra; Dodi"
    vid = monitoring.save_visit(db, wid, {**defaults, "member_ids": [b, a, a],
                                          "findings": {"D1": "Posyandu lansia rutin", "D3": "  "},
                                          "problems": "Dana terlambat", "recommendations": "Tagih komitmen"})
    [v] = monitoring.list_visits(db, wid)
    assert v["id"] == vid and [m["name"] for m in v["members"]] == ["Budi", "Siti"]  # by name
    assert v["member_ids"] == [b, a]
    assert v["findings"] == {"D1": "Posyandu lansia rutin"}  # blank findings are not kept
    monitoring.save_visit(db, wid, {**defaults, "kind": "evaluasi", "visit_date": dt.date(2026, 10, 20),
                                    "member_ids": [a]}, vid)
    [v] = monitoring.list_visits(db, wid)
    assert v["kind"] == "evaluasi" and v["member_ids"] == [a] and v["findings"] == {}
    monitoring.delete_visit(db, wid, vid)
    assert monitoring.list_visits(db, wid) == []


@pytest.mark.parametrize("change, field", [
    ({"kind": "kunjungan"}, "kind"),
    ({"findings": {"D9": "?"}}, "findings"),
    ({"member_ids": [987654]}, "member_ids"),
    ({"visit_date": dt.date(2026, 5, 1)}, "visit_date"),
])
def test_bad_visits_are_refused(db, wid, change, field):
    data = {**monitoring.visit_defaults(get_workshop(db, wid)), **change}
    with pytest.raises(InputError) as exc:
        monitoring.save_visit(db, wid, data)
    assert field in [e.field for e in exc.value.errors]
    assert monitoring.list_visits(db, wid) == []


# ---------------------------------------------------------------- terminasi, refleksi, next cycle

def test_handover_and_reflection(db, wid):
    assert terminasi.get(db, wid)["handed_over"] is False
    terminasi.save_reflection(db, wid, {"worked": "Forum rutin", "not_worked": "Mediasi batal",
                                        "next_plans": "Bank sampah\n\n  bank  sampah \nKas sosial darurat\n"})
    terminasi.save_handover(db, wid, {"handover_date": dt.date(2026, 11, 28), "handover_office": "Dinas Sosial"})
    r = terminasi.get(db, wid)
    assert r["handed_over"] and r["handover_office"] == "Dinas Sosial"
    assert r["next_plans"] == ["Bank sampah", "Kas sosial darurat"]  # one per line, repeats once
    assert r["worked"] == "Forum rutin"  # the hand-over did not wipe the reflection
    terminasi.clear_handover(db, wid)
    assert terminasi.get(db, wid)["handed_over"] is False and terminasi.get(db, wid)["worked"] == "Forum rutin"
    with pytest.raises(InputError):
        terminasi.save_handover(db, wid, {"handover_date": dt.date(2026, 11, 28), "handover_office": ""})


def test_next_cycle_is_a_new_workshop_with_the_next_plans_as_ideas(db, wid):
    terminasi.save_reflection(db, wid, {"next_plans": ["Bank sampah di Dusun Kidul", "Pelatihan mediasi konflik"]})
    ws = get_workshop(db, wid)
    days = {f"day{i}": ws[f"day{i}"].replace(year=2027) for i in (1, 2, 3, 4)}
    assert terminasi.next_cycle_defaults(ws)["day1"] == days["day1"]
    new_id = terminasi.start_next_cycle(db, wid, {"year": 2027, **days}, pin="8642")
    new = get_workshop(db, new_id)
    assert (new["village"], new["kabupaten"], new["year"], new["day1"]) == ("Sukamaju", "Kabupaten Cianjur", 2027,
                                                                            days["day1"])
    assert new["pendamping1"] == ws["pendamping1"] and new["join_code"] != ws["join_code"]
    assert [i["text"] for i in planning.list_ideas(db, new_id)] == ["Bank sampah di Dusun Kidul",
                                                                   "Pelatihan mediasi konflik"]
    assert terminasi.get(db, wid)["next_workshop"]["id"] == new_id
    with pytest.raises(RembugError):  # a second click does not make a second cycle
        terminasi.start_next_cycle(db, wid, {"year": 2027, **days}, pin="8642")
    assert len(list_workshops(db)) == 2


def test_next_cycle_refused_whole(db, wid, monkeypatch):
    ws = get_workshop(db, wid)
    with pytest.raises(InputError):  # must start after this workshop
        terminasi.start_next_cycle(db, wid, {f"day{i}": ws[f"day{i}"] for i in (1, 2, 3, 4)}, pin="8642")
    terminasi.save_reflection(db, wid, {"next_plans": ["Bank sampah"]})
    days = {f"day{i}": ws[f"day{i}"].replace(year=2027) for i in (1, 2, 3, 4)}

    def broken(*args, **kwargs):
        raise RembugError("planning.err_collection_closed")

    monkeypatch.setattr(planning, "add_idea", broken)
    with pytest.raises(RembugError):
        terminasi.start_next_cycle(db, wid, days, pin="8642")
    # the workshop made before the failure was deleted again, and nothing points at it
    assert [w["id"] for w in list_workshops(db)] == [wid]
    assert terminasi.get(db, wid)["next_workshop_id"] is None
