"""Problem and potential cards (typed, from phones, merged) and the Venn map of institutions."""
from __future__ import annotations

from fractions import Fraction
from math import hypot

import pytest

from facilitation import assessment_cards as cards
from facilitation import assessment_institutions as venn
from facilitation.errors import InputError, NotFound, RembugError
from facilitation.participants import add_participant, list_participants
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One store for the module: every test works in its own workshop, which also checks that
    workshops never see each other's data."""
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('store')}/rembug.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def db(store):
    return store


@pytest.fixture
def workshop(store):
    return create_workshop(store, dict(WORKSHOP), pin="4321")


def problem(text, dimension="D1", **extra):
    return {"kind": "problem", "dimension": dimension, "text": text, "level": "masyarakat", **extra}


# ---------------------------------------------------------------- cards

def test_cards_are_validated(db, workshop):
    card_id = cards.add_card(db, workshop, problem("Lansia tinggal sendiri", affected=["lansia", "lansia_terlantar"]))
    [card] = cards.list_cards(db, workshop)
    assert card["id"] == card_id and card["affected"] == ["lansia", "lansia_terlantar"] and card["count"] == 1
    assert card["potential_type"] is None and card["source"] == "facilitator"
    bad = [
        problem(""),  # empty text
        problem("x", dimension="D5"),
        problem("x", level="rt"),
        problem("x", affected=["alien"]),
        problem("x", affected="lansia"),  # a list of group ids, not one text
        {"kind": "potential", "dimension": "D1", "text": "Bidan desa"},  # a potential needs its kind of resource
        problem("x" * (cards.MAX_TEXT + 1)),
    ]
    for data in bad:
        with pytest.raises(InputError):
            cards.add_card(db, workshop, data)
    keys = []
    try:
        cards.add_card(db, workshop, {"kind": "potential", "dimension": "D1", "text": "Bidan desa"})
    except InputError as exc:
        keys = [e.key for e in exc.errors]
    assert keys == ["assessment.err_potential_type"]
    cards.add_card(db, workshop, {"kind": "potential", "dimension": "D1", "text": "Bidan desa",
                                  "potential_type": "people"})
    assert len(cards.list_cards(db, workshop)) == 2


def test_phones_send_cards_only_while_collection_is_open(db, workshop):
    pid = add_participant(db, workshop, {"name": "Euis", "gender": "P", "institution": "PKK"})
    me = next(p for p in list_participants(db, workshop) if p["id"] == pid)
    with pytest.raises(RembugError) as err:
        cards.submit_from_phone(db, workshop, me, problem("Sampah di sungai", "D4"))
    assert err.value.key == "assessment.err_collection_closed"
    cards.open_collection(db, workshop, "D4")
    assert cards.collection_state(db, workshop) == {"is_open": True, "dimension": "D4"}
    card_id = cards.submit_from_phone(db, workshop, me, problem("Sampah di sungai", "D4"))
    card = cards.get_card(db, workshop, card_id)
    assert card["source"] == "phone" and card["participant_id"] == pid
    assert cards.cards_sent_by(db, workshop, pid) == 1
    cards.close_collection(db, workshop)
    with pytest.raises(RembugError):
        cards.submit_from_phone(db, workshop, me, problem("Lagi", "D4"))
    with pytest.raises(RembugError):  # a participant of another workshop
        cards.submit_from_phone(db, workshop, {**me, "workshop_id": "other"}, problem("x"))


def test_merging_keeps_texts_and_counts(db, workshop):
    a = cards.add_card(db, workshop, problem("Sampah dibuang ke sungai", "D4", affected=["warga_umum"]))
    b = cards.add_card(db, workshop, problem("Sungai kotor karena sampah", "D4", affected=["anak"]))
    c = cards.add_card(db, workshop, problem("Buang sampah sembarangan", "D4"))
    d = cards.add_card(db, workshop, problem("Tawuran pemuda", "D3"))
    cards.merge_cards(db, workshop, b, [c])
    cards.merge_cards(db, workshop, a, [b])  # c follows b into a: no chains
    board = {x["id"]: x for x in cards.list_cards(db, workshop)}
    assert set(board) == {a, d}
    assert board[a]["count"] == 3
    assert board[a]["texts"] == ["Sampah dibuang ke sungai", "Sungai kotor karena sampah", "Buang sampah sembarangan"]
    assert board[a]["affected"] == ["warga_umum", "anak"]
    assert cards.counts_by_dimension(db, workshop)["D4"] == {"problem": 1, "potential": 0}
    with pytest.raises(RembugError):  # the kept card must be a main card
        cards.merge_cards(db, workshop, b, [d])
    pot = cards.add_card(db, workshop, {"kind": "potential", "dimension": "D4", "text": "Bank sampah",
                                        "potential_type": "institutions"})
    with pytest.raises(RembugError) as err:
        cards.merge_cards(db, workshop, a, [pot])
    assert err.value.key == "assessment.err_merge_kind"
    with pytest.raises(InputError):
        cards.merge_cards(db, workshop, a, [a])
    cards.unmerge_card(db, workshop, c)
    assert {x["id"] for x in cards.list_cards(db, workshop, kind="problem")} == {a, c, d}
    cards.delete_card(db, workshop, a)  # b was merged into a: it stands on its own again
    assert {x["id"] for x in cards.list_cards(db, workshop, kind="problem")} == {b, c, d}
    with pytest.raises(NotFound):
        cards.delete_card(db, workshop, a)


# ---------------------------------------------------------------- institutions

def inst(name, importance=2, distance=1, valence="+", kind="formal"):
    return {"name": name, "type": kind, "importance": importance, "distance": distance, "valence": valence}


def test_flags_density_and_links(db, workshop):
    ids = [venn.add_institution(db, workshop, inst("PKK", 3, 0)),
           venn.add_institution(db, workshop, inst("Puskesmas", 3, 2, kind="pemerintah")),
           venn.add_institution(db, workshop, inst("Karang Taruna", 2, 1)),
           venn.add_institution(db, workshop, inst("Tengkulak", 3, 3, "-", "usaha"))]
    venn.set_link(db, workshop, ids[0], ids[1], "touch")
    venn.set_link(db, workshop, ids[2], ids[0], "overlap")  # stored in id order
    data = venn.institution_map(db, workshop)
    assert [i["name"] for i in data["flagged"]] == ["Puskesmas", "Tengkulak"]  # importance 3, distance >= 2
    assert data["density"] == Fraction(2, 6) and data["possible_pairs"] == 6
    assert [i["name"] for i in data["isolated"]] == ["Tengkulak"]
    assert {(link["a_name"], link["b_name"], link["degree"]) for link in data["links"]} == {
        ("PKK", "Puskesmas", "touch"), ("PKK", "Karang Taruna", "overlap")}
    venn.set_link(db, workshop, ids[0], ids[2], "touch")  # re-linking changes the degree, not the count
    venn.set_link(db, workshop, ids[0], ids[1], None)  # unlink
    assert venn.list_links(db, workshop) == [{"a_id": ids[0], "b_id": ids[2], "degree": "touch"}]
    with pytest.raises(InputError):
        venn.set_link(db, workshop, ids[0], ids[0], "touch")
    with pytest.raises(NotFound):
        venn.set_link(db, workshop, ids[0], 9999, "touch")
    with pytest.raises(RembugError):
        venn.add_institution(db, workshop, inst("pkk"))  # same name, other case
    for bad in (inst("X", importance=4), inst("X", distance=-1), inst("X", valence="0"), inst("X", kind="swasta")):
        with pytest.raises(InputError):
            venn.add_institution(db, workshop, bad)
    venn.delete_institution(db, workshop, ids[2])  # its links go with it
    assert venn.list_links(db, workshop) == []
    assert venn.network_density(1, 0) is None


def test_layout_places_circles_by_closeness_and_sizes_them_by_importance():
    items = [{"id": i, "name": f"I{i}", "importance": 1 + i % 3, "distance": i % 4, "valence": "+"}
             for i in range(1, 13)]
    layout = venn.venn_layout(items, [{"a_id": 1, "b_id": 2, "degree": "touch"}, {"a_id": 1, "b_id": 99,
                                                                                   "degree": "touch"}])
    by_id = {c.id: c for c in layout.circles}
    assert len(layout.lines) == 1 and (layout.lines[0].x1, layout.lines[0].y1) == (by_id[1].x, by_id[1].y)
    reach = {d: [hypot(c.x, c.y) for c in layout.circles if c.distance == d] for d in range(4)}
    for inner in reach[0]:  # inside the community circle, whole
        assert inner + venn.RADIUS_BY_IMPORTANCE[3] <= layout.community_radius
    assert all(abs(r - layout.community_radius) < 1e-3 for r in reach[1])  # centred on its edge
    assert max(reach[1]) < min(reach[2]) < min(reach[3])
    assert {c.importance: c.r for c in layout.circles} == venn.RADIUS_BY_IMPORTANCE
    for c in layout.circles:
        assert abs(c.x) + c.r <= layout.extent and abs(c.y) + c.r <= layout.extent
    same_ring = [(a, b) for a in layout.circles for b in layout.circles if a.id < b.id and a.distance == b.distance]
    assert all(hypot(a.x - b.x, a.y - b.y) >= a.r + b.r for a, b in same_ring)  # no accidental overlaps
    assert venn.venn_layout(items, []) == venn.venn_layout(items, [])  # the same records, the same picture


def test_map_store_on_every_backend(any_db):
    from facilitation.workshops import create_workshop
    from tests.conftest import WORKSHOP

    wid = create_workshop(any_db, dict(WORKSHOP), pin="4321")
    a = venn.add_institution(any_db, wid, inst("PKK"))
    b = venn.add_institution(any_db, wid, inst("Posyandu"))
    venn.set_link(any_db, wid, b, a, "overlap")
    venn.set_link(any_db, wid, a, b, "touch")  # an upsert on the pair
    assert venn.list_links(any_db, wid) == [{"a_id": a, "b_id": b, "degree": "touch"}]
    card = cards.add_card(any_db, wid, problem("Kader kurang", "D2", affected=["perempuan"]))
    assert cards.get_card(any_db, wid, card)["affected"] == ["perempuan"]
