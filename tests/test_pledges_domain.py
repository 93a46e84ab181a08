"""Pledges and the starting capital: whole rupiah only, confirmation, and the totals."""
import datetime as dt
import random

import pytest

from facilitation import pledges
from facilitation.errors import InputError, RembugError
from tests.election_helpers import workshop_with_people

DUE = dt.date(2026, 5, 14)


def money(value):
    return {"kind": "money", "value": value, "due_date": DUE}


def goods(description="Semen", quantity=2, unit="sak", value=130_000, kind="goods"):
    return {"kind": kind, "description": description, "quantity": quantity, "unit": unit, "value": value,
            "due_date": DUE}


def fields(exc_info) -> list[tuple[str, str]]:
    return [(e.field, e.key) for e in exc_info.value.errors]


@pytest.mark.parametrize("typed, expected", [
    (2_500_000, 2_500_000), ("2500000", 2_500_000), ("2.500.000", 2_500_000), ("Rp 2.500.000", 2_500_000),
    ("rp. 250.000", 250_000), (" 75000 ", 75_000), (0, 0),
])
def test_parse_rupiah_takes_whole_rupiah(typed, expected):
    value = pledges.parse_rupiah(typed)
    assert value == expected and type(value) is int


@pytest.mark.parametrize("typed", [2500.0, 2500.5, "2,5", "2.500,50", "25.00", "dua juta", True, None, "", "1.2.3"])
def test_parse_rupiah_refuses_anything_but_whole_rupiah(typed):
    with pytest.raises(ValueError):
        pledges.parse_rupiah(typed)


def test_a_float_amount_is_refused_not_rounded(db):
    wid, (a, *_) = workshop_with_people(db, 2)
    with pytest.raises(InputError) as exc:
        pledges.add_pledge(db, wid, a, money(100_000.0))
    assert fields(exc) == [("value", "err.rupiah")]
    with pytest.raises(InputError) as exc:
        pledges.add_fund(db, wid, {"kind": "other", "source": "APBDes", "amount": 99.99})
    assert fields(exc) == [("amount", "err.rupiah")]
    assert pledges.list_pledges(db, wid) == [] and pledges.list_funds(db, wid) == []


def test_each_kind_asks_for_what_it_needs(db):
    wid, (a, *_) = workshop_with_people(db, 2)
    with pytest.raises(InputError) as exc:
        pledges.add_pledge(db, wid, a, {"kind": "goods", "value": 50_000, "due_date": DUE})
    assert fields(exc) == [("description", "err.required"), ("quantity", "err.required"), ("unit", "err.required")]
    with pytest.raises(InputError) as exc:
        pledges.add_pledge(db, wid, a, money(0))
    assert fields(exc) == [("value", "pledges.err_money_zero")]
    with pytest.raises(InputError):
        pledges.add_pledge(db, wid, a, {**money(10_000), "kind": "jewels"})
    with pytest.raises(InputError):
        pledges.add_pledge(db, wid, a, {**goods(), "quantity": 1.5})
    with pytest.raises(InputError) as exc:
        pledges.add_fund(db, wid, {"kind": "stimulan", "amount": 2_500_000})
    assert fields(exc) == [("received_on", "err.required"), ("account_ref", "err.required")]
    # money keeps no quantity or unit even when a form sent them
    pid = pledges.add_pledge(db, wid, a, {**money(10_000), "quantity": 3, "unit": "lembar"})
    [stored] = pledges.list_pledges(db, wid)
    assert (stored["id"], stored["quantity"], stored["unit"]) == (pid, None, "")


def test_phone_pledges_count_only_once_confirmed(db):
    wid, (a, b, c) = workshop_with_people(db, 3)
    with pytest.raises(RembugError, match="pledges.err_phone_closed"):
        pledges.add_pledge(db, wid, a, money(100_000), from_phone=True)
    pledges.set_phone_open(db, wid, True)
    sent = pledges.add_pledge(db, wid, a, money(100_000), from_phone=True)
    pledges.add_pledge(db, wid, b, goods(value=130_000))  # recorded by the facilitator: counts at once
    assert pledges.available_funds(db, wid)["swadaya"] == 130_000
    assert pledges.summary(db, wid)["pending"] == 1
    with pytest.raises(RembugError):  # someone else cannot withdraw it
        pledges.delete_pledge(db, wid, sent, participant_id=b)
    pledges.confirm_pledge(db, wid, sent)
    assert pledges.available_funds(db, wid)["swadaya"] == 230_000
    with pytest.raises(RembugError, match="pledges.err_already_confirmed"):
        pledges.delete_pledge(db, wid, sent, participant_id=a)
    withdrawn = pledges.add_pledge(db, wid, c, money(50_000), from_phone=True)
    pledges.delete_pledge(db, wid, withdrawn, participant_id=c)
    assert [p["participant_id"] for p in pledges.list_pledges(db, wid)] == [a, b]


def test_available_funds_adds_whole_rupiah_exactly(any_db):
    db = any_db
    wid, people = workshop_with_people(db, 6)
    rng = random.Random(7)
    expected = {"stimulan": 0, "swadaya": 0, "lainnya": 0}
    # large values: more than 2**31 in total, summed by the database without losing a rupiah
    for pid in people:
        value = rng.randint(1, pledges.MAX_RUPIAH)
        kind = rng.choice(pledges.KINDS)
        data = money(value) if kind == "money" else goods(kind=kind, value=value)
        pledges.add_pledge(db, wid, pid, data)
        expected["swadaya"] += value
    pledges.add_fund(db, wid, {"kind": "stimulan", "amount": 2_500_000, "received_on": DUE,
                               "account_ref": "BRI 0123-01-000456-30-1"})
    pledges.add_fund(db, wid, {"kind": "stimulan", "amount": "1.000.001", "received_on": DUE,
                               "account_ref": "BRI 0123-01-000456-30-1"})
    pledges.add_fund(db, wid, {"kind": "other", "source": "APBDes", "amount": 333_333})
    expected.update(stimulan=3_500_001, lainnya=333_333)
    expected["total"] = expected["stimulan"] + expected["swadaya"] + expected["lainnya"]
    funds = pledges.available_funds(db, wid)
    assert funds == expected
    assert all(type(v) is int for v in funds.values())


def test_summary_splits_money_goods_and_labour(db):
    wid, (a, b, c, d) = workshop_with_people(db, 4)
    pledges.add_pledge(db, wid, a, money(250_000))
    pledges.add_pledge(db, wid, a, goods("Kursi plastik", 10, "buah", 350_000))
    pledges.add_pledge(db, wid, b, goods("Tukang bangunan", 3, "hari", 300_000, kind="labour"))
    pledges.add_pledge(db, wid, c, money(100_000))
    pledges.set_phone_open(db, wid, True)
    pledges.add_pledge(db, wid, d, money(1_000_000), from_phone=True)  # not confirmed
    s = pledges.summary(db, wid)
    assert (s["money"], s["goods"], s["labour"]) == (350_000, 350_000, 300_000)
    assert s["counts"] == {"money": 2, "goods": 1, "labour": 1}
    assert (s["pledgers"], s["registered"], s["pending"]) == (3, 4, 1)
    assert s["swadaya"] == s["total"] == 1_000_000
    assert pledges.available_funds(db, wid) == {"stimulan": 0, "swadaya": 1_000_000, "lainnya": 0,
                                                "total": 1_000_000}
