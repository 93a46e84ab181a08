"""The learning contract: schedule, rules, sanctions, daily roles, expectations and concerns."""
from __future__ import annotations

import pytest

from facilitation import agenda, contract
from facilitation.errors import InputError, NotFound, RembugError
from facilitation.participants import add_participant, delete_participant
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP

PEOPLE = [("Siti Aminah", "P", "PKK"), ("Rizky Pratama", "L", "Karang Taruna"), ("Ujang Sopandi", "L", "Tokoh adat")]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('contract')}/contract.sqlite3")
    yield database
    database.dispose()


def _workshop(db) -> tuple[str, list[int]]:
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    ids = [add_participant(db, wid, {"name": n, "gender": g, "institution": i}) for n, g, i in PEOPLE]
    return wid, ids


@pytest.fixture
def ws(store):
    return _workshop(store)


def test_defaults_follow_the_language_and_the_programme(store, ws):
    wid, _ = ws
    c = contract.get_contract(store, wid, "id")
    assert c["defaults"] == {"schedule": True, "rules": True, "sanctions": True}
    assert len(c["rules"]) == 5 and c["rules"][0] == "Datang tepat waktu sesuai jadwal yang disepakati."
    assert contract.get_contract(store, wid, "en")["rules"][4] == "Smoking outside only."
    day1 = c["schedule"][0]
    assert (day1["day"], day1["start"], day1["end"]) == (1, "08:30", "21:30")
    assert [b["start"] for b in day1["breaks"]] == ["10:15", "12:00", "15:00", "17:45"]
    assert day1["breaks"][1]["label"] == "ISOMA (istirahat, sholat, makan)"
    # day 4's evening break is optional in the agenda, so it is not proposed
    assert [b["start"] for b in c["schedule"][3]["breaks"]] == ["10:15", "12:00", "15:00"]
    # an adapted agenda changes the proposal
    agenda.set_duration(store, wid, "d1-pembukaan", 45)
    assert contract.get_contract(store, wid, "id")["schedule"][0]["breaks"][0]["start"] == "10:30"


def test_schedule_is_saved_normalised_and_sorted(store, ws):
    wid, _ = ws
    days = [{"day": d, "start": "8.00", "end": "17:00" if d == 4 else "21.00"} for d in (1, 2, 3, 4)]
    breaks = [{"day": 1, "label": "ISOMA", "start": "12.00", "end": "13.00"},
              {"day": 1, "label": "Rehat", "start": "10.00", "end": "10.15"}]
    contract.save_schedule(store, wid, days, breaks)
    c = contract.get_contract(store, wid, "en")
    assert not c["defaults"]["schedule"]
    assert c["schedule"][0] == {"day": 1, "start": "08:00", "end": "21:00",
                                "breaks": [{"label": "Rehat", "start": "10:00", "end": "10:15"},
                                           {"label": "ISOMA", "start": "12:00", "end": "13:00"}]}
    assert c["schedule"][3]["end"] == "17:00" and c["schedule"][3]["breaks"] == []
    contract.restore_defaults(store, wid, "schedule")
    assert contract.get_contract(store, wid, "en")["defaults"]["schedule"]


def test_schedule_errors_are_listed_by_row(store, ws):
    wid, _ = ws
    days = [{"day": 1, "start": "08.30", "end": "07.00"}, {"day": 2, "start": "8h", "end": "21.30"},
            {"day": 3, "start": "08.30", "end": "21.30"}, {"day": 4, "start": "08.30", "end": "17.00"}]
    breaks = [{"day": 3, "label": "", "start": "12.00", "end": "13.00"},
              {"day": 3, "label": "Malam", "start": "21.00", "end": "22.00"},
              {"day": 3, "label": "ISHO", "start": "12.30", "end": "13.30"}]
    with pytest.raises(InputError) as err:
        contract.save_schedule(store, wid, days, breaks)
    assert err.value.messages("id") == [
        "Baris 1, Selesai: jam selesai harus sesudah jam mulai",
        "Baris 2, Mulai: tulis jam sebagai JJ.MM, misalnya 08.30",
        "Baris 1, Nama istirahat: wajib diisi",
        "Baris 2, Mulai: istirahat harus berada dalam jam kegiatan hari 3",
        "Baris 3, Mulai: bertumpang tindih dengan istirahat lain pada hari yang sama",
    ]
    assert contract.get_contract(store, wid, "id")["defaults"]["schedule"]
    with pytest.raises(InputError) as err:
        contract.save_schedule(store, wid, days[2:], [])
    assert err.value.errors[0].key == "agenda.err_all_days"


def test_rules_and_sanctions_add_remove_and_limits(store, ws):
    wid, _ = ws
    rules = contract.default_rules("id")
    contract.save_rules(store, wid, [rules[0], None, "  ", rules[2], " Tidak  membawa\tsenjata tajam "])
    assert contract.get_contract(store, wid, "id")["rules"] == [rules[0], rules[2], "Tidak membawa senjata tajam"]
    contract.save_sanctions(store, wid, [])
    c = contract.get_contract(store, wid, "id")
    assert c["sanctions"] == [] and not c["defaults"]["sanctions"]
    with pytest.raises(InputError) as err:
        contract.save_rules(store, wid, ["", float("nan")])
    assert err.value.messages("en") == ["Rule: required"]
    with pytest.raises(InputError) as err:
        contract.save_rules(store, wid, ["ok", "x" * 201])
    assert err.value.messages("en") == ["Line 2, Rule: too long (at most 200 characters)"]
    with pytest.raises(InputError):
        contract.save_sanctions(store, wid, [f"s{i}" for i in range(21)])


def test_daily_roles_and_representative(store, ws):
    wid, (siti, rizky, ujang) = ws
    contract.save_roles(store, wid, {(1, "reviewer"): siti, (1, "timekeeper"): rizky, (2, "energiser"): ujang})
    contract.save_roles(store, wid, {(1, "timekeeper"): ujang, (1, "reviewer"): None})
    contract.set_representative(store, wid, rizky)
    c = contract.get_contract(store, wid, "id")
    assert c["roles"][1] == {"reviewer": None, "timekeeper": {"id": ujang, "name": "Ujang Sopandi",
                                                              "institution": "Tokoh adat"}, "energiser": None}
    assert c["roles"][2]["energiser"]["name"] == "Ujang Sopandi"
    assert c["representative"]["name"] == "Rizky Pratama"
    with pytest.raises(InputError):
        contract.save_roles(store, wid, {(5, "reviewer"): siti})
    with pytest.raises(InputError):
        contract.save_roles(store, wid, {(1, "cook"): siti})
    other, (stranger, *_) = _workshop(store)
    with pytest.raises(NotFound):
        contract.save_roles(store, wid, {(1, "reviewer"): stranger})
    delete_participant(store, wid, ujang)  # a deleted participant leaves no dangling role
    assert contract.get_contract(store, wid, "id")["roles"][1]["timekeeper"] is None


def test_phones_send_only_while_collection_is_open(store, ws):
    wid, (siti, rizky, _) = ws
    with pytest.raises(RembugError) as err:
        contract.send_from_phone(store, wid, siti, "expectation", "Desa lebih rukun")
    assert err.value.key == "agenda.err_collection_closed"
    contract.set_collecting(store, wid, True)
    assert contract.is_collecting(store, wid)
    assert contract.send_from_phone(store, wid, siti, "expectation", "Desa lebih rukun")
    assert not contract.send_from_phone(store, wid, siti, "expectation", "Desa lebih rukun")  # double tap
    assert contract.send_from_phone(store, wid, rizky, "expectation", "Desa lebih rukun")  # someone else may
    for i in range(4):
        contract.send_from_phone(store, wid, siti, "concern", f"Khawatir {i}")
    contract.send_from_phone(store, wid, siti, "concern", "Khawatir 4")
    with pytest.raises(RembugError) as err:
        contract.send_from_phone(store, wid, siti, "concern", "Khawatir 5")
    assert err.value.message("en") == "You have already sent 5 entries of this kind. Thank you!"
    with pytest.raises(InputError):
        contract.send_from_phone(store, wid, siti, "wish", "x")
    with pytest.raises(InputError):
        contract.send_from_phone(store, wid, siti, "concern", "   ")
    voices = contract.list_voices(store, wid)
    assert [v["participant_name"] for v in voices["expectation"]] == ["Siti Aminah", "Rizky Pratama"]
    assert len(voices["concern"]) == 5 and {v["source"] for v in voices["concern"]} == {"phone"}
    assert len(contract.my_voices(store, wid, siti)) == 6
    contract.set_collecting(store, wid, False)
    with pytest.raises(RembugError):
        contract.send_from_phone(store, wid, rizky, "concern", "terlambat")


def test_facilitator_types_merges_and_deletes(store, ws):
    wid, (siti, _, _) = ws
    a = contract.add_voice(store, wid, "concern", "Rapat terlalu malam")
    b = contract.add_voice(store, wid, "concern", "Pulang kemalaman")
    c = contract.add_voice(store, wid, "concern", "Pulang kemalaman")  # typed twice on purpose: two cards
    e = contract.add_voice(store, wid, "expectation", "Ada kas sosial")
    with pytest.raises(RembugError):
        contract.merge_voices(store, wid, [a], "x")
    with pytest.raises(RembugError) as err:
        contract.merge_voices(store, wid, [a, e], "x")
    assert err.value.key == "agenda.err_merge_kinds"
    merged = contract.merge_voices(store, wid, [a, b, c], "Kegiatan malam terlalu larut")
    concerns = contract.list_voices(store, wid)["concern"]
    assert [(v["id"], v["text"], v["weight"], v["source"]) for v in concerns] == [
        (merged, "Kegiatan malam terlalu larut", 3, "merged")]
    with pytest.raises(NotFound):
        contract.merge_voices(store, wid, [a, merged], "again")  # a is gone
    assert contract.delete_voices(store, wid, [merged, e]) == 2
    assert contract.list_voices(store, wid) == {"expectation": [], "concern": []}


def test_contract_store_on_every_backend(any_db):
    wid, (siti, rizky, _) = _workshop(any_db)
    contract.set_collecting(any_db, wid, True)
    assert contract.send_from_phone(any_db, wid, siti, "expectation", "Guyub")
    assert not contract.send_from_phone(any_db, wid, siti, "expectation", "Guyub")
    x = contract.add_voice(any_db, wid, "expectation", "Rukun")
    merged = contract.merge_voices(any_db, wid, [x, contract.list_voices(any_db, wid)["expectation"][0]["id"]],
                                   "Guyub rukun")
    assert isinstance(merged, int)
    contract.save_roles(any_db, wid, {(3, "timekeeper"): rizky})
    contract.save_rules(any_db, wid, ["Tepat waktu"])
    c = contract.get_contract(any_db, wid, "id")
    assert c["rules"] == ["Tepat waktu"] and c["roles"][3]["timekeeper"]["id"] == rizky
    assert c["voices"]["expectation"][0]["weight"] == 2 and c["collecting"]

