"""Workshops, participants and attendance on every backend."""
import pytest
from sqlalchemy import text

from facilitation import attendance, participants, workshops
from facilitation.errors import InputError, NotFound, RembugError
from tests.conftest import WORKSHOP


def test_create_workshop_hashes_pin_and_lists(any_db):
    wid = workshops.create_workshop(any_db, dict(WORKSHOP), pin="4321")
    with any_db.read() as c:
        stored = c.execute(text("select pin_hash, join_code from workshops where id = :i"), {"i": wid}).one()
    assert "4321" not in stored[0] and stored[0].startswith("scrypt$")
    assert len(stored[1]) == 6
    assert workshops.check_pin(any_db, wid, "4321")
    assert not workshops.check_pin(any_db, wid, "0000")
    listed = workshops.list_workshops(any_db)
    assert [(w["id"], w["village"], w["year"]) for w in listed] == [(wid, "Sukamaju", 2026)]
    assert "pin_hash" not in workshops.get_workshop(any_db, wid)


def test_several_workshops_in_one_store(any_db):
    a = workshops.create_workshop(any_db, dict(WORKSHOP), pin="1111")
    b = workshops.create_workshop(any_db, {**WORKSHOP, "village": "Mekarjaya"}, pin="2222")
    assert a != b
    assert {w["village"] for w in workshops.list_workshops(any_db)} == {"Sukamaju", "Mekarjaya"}
    participants.add_participant(any_db, a, {"name": "Ani", "gender": "P", "institution": "PKK"})
    assert participants.list_participants(any_db, b) == []


def test_workshop_validation_lists_every_bad_field(any_db):
    bad = {**WORKSHOP, "village": "", "year": 1890, "day3": "2026-05-01"}
    with pytest.raises(InputError) as exc:
        workshops.create_workshop(any_db, bad, pin="12")
    fields = {e.field for e in exc.value.errors}
    assert {"village", "year"} <= fields
    msgs = exc.value.messages("id")
    assert any("Desa/Kelurahan" in m and "wajib" in m for m in msgs)
    assert workshops.list_workshops(any_db) == []


def test_days_must_be_in_order(any_db):
    with pytest.raises(InputError) as exc:
        workshops.create_workshop(any_db, {**WORKSHOP, "day2": "2026-05-04"}, pin="1234")
    assert exc.value.errors[0].key == "err.days_order"


def test_participant_validation_and_duplicates(any_db):
    wid = workshops.create_workshop(any_db, dict(WORKSHOP), pin="1234")
    pid = participants.add_participant(any_db, wid, {"name": " Siti  Aminah ", "gender": "perempuan", "age": "48",
                                                     "institution": "PKK", "phone": "0812-3456"})
    p = participants.list_participants(any_db, wid)[0]
    assert (p["id"], p["name"], p["gender"], p["age"]) == (pid, "Siti  Aminah", "P", 48)
    with pytest.raises(RembugError) as exc:
        participants.add_participant(any_db, wid, {"name": "siti aminah", "gender": "P", "institution": "pkk"})
    assert exc.value.key == "err.duplicate_participant"
    participants.add_participant(any_db, wid, {"name": "siti aminah", "gender": "P", "institution": "pkk"},
                                 allow_duplicate=True)
    with pytest.raises(InputError) as exc:
        participants.add_participant(any_db, wid, {"name": "X", "gender": "Z", "institution": "", "phone": "abc"})
    assert {e.field for e in exc.value.errors} == {"gender", "institution", "phone"}
    assert len(participants.list_participants(any_db, wid)) == 2


def test_tokens_are_random_and_revocable(any_db):
    wid = workshops.create_workshop(any_db, dict(WORKSHOP), pin="1234")
    ids = [participants.add_participant(any_db, wid, {"name": f"P{i}", "gender": "L", "institution": "RT"})
           for i in range(5)]
    people = participants.list_participants(any_db, wid)
    tokens = {p["token"] for p in people}
    assert len(tokens) == 5 and all(len(t) >= 32 for t in tokens)
    old = people[0]["token"]
    assert participants.participant_for_token(any_db, old)["id"] == ids[0]
    new = participants.revoke_and_reissue_token(any_db, wid, ids[0])
    assert participants.participant_for_token(any_db, old) is None
    assert participants.participant_for_token(any_db, new)["id"] == ids[0]


def test_attendance_counts_by_gender_and_institution(any_db):
    wid = workshops.create_workshop(any_db, dict(WORKSHOP), pin="1234")
    a = participants.add_participant(any_db, wid, {"name": "A", "gender": "L", "institution": "RT"})
    b = participants.add_participant(any_db, wid, {"name": "B", "gender": "P", "institution": "PKK"})
    c = participants.add_participant(any_db, wid, {"name": "C", "gender": "P", "institution": "PKK"})
    attendance.record_attendance(any_db, wid, 1, {a: "hadir", b: "hadir", c: "sakit"})
    attendance.record_attendance(any_db, wid, 1, {c: "hadir"})  # corrected later the same day
    attendance.record_attendance(any_db, wid, 2, {a: "izin"})
    people = participants.list_participants(any_db, wid)
    matrix = attendance.attendance_matrix(any_db, wid)
    s1 = attendance.day_summary(people, matrix, 1)
    assert s1["status"]["hadir"] == 3 and s1["gender"] == {"L": 1, "P": 2}
    assert s1["institution"] == {"PKK": 2, "RT": 1}
    s2 = attendance.day_summary(people, matrix, 2)
    assert s2["status"] == {"hadir": 0, "izin": 1, "sakit": 0, "alpa": 0, "unrecorded": 2}
    assert sorted(attendance.present_ids(any_db, wid, 1)) == sorted([a, b, c])
    with pytest.raises(InputError):
        attendance.record_attendance(any_db, wid, 5, {a: "hadir"})
    with pytest.raises(InputError):
        attendance.record_attendance(any_db, wid, 1, {a: "bolos"})


def test_unknown_workshop(any_db):
    with pytest.raises(NotFound):
        workshops.get_workshop(any_db, "nope")


def test_sqlite_store_is_wal(db):
    with db.read() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_demo_workshop_is_realistic(db, demo):
    people = participants.list_participants(db, demo)
    assert len(people) == 30
    assert len({p["institution"] for p in people}) >= 8
    matrix = attendance.attendance_matrix(db, demo)
    assert all(len(matrix[p["id"]]) == 4 for p in people)
