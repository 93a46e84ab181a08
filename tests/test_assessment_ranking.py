"""Ranking problems through the voting system, ties at the cut, and the priorities that
planning reads through facilitation.assessment.priority_problems."""
from __future__ import annotations

import pytest

from facilitation import assessment, voting
from facilitation import assessment_cards as cards
from facilitation import assessment_ranking as rk
from facilitation.errors import InputError, RembugError
from facilitation.participants import add_participant
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP

PROBLEMS = [("D1", "Lansia jarang dikunjungi"), ("D1", "Bansos tidak tepat sasaran"),
            ("D3", "Tawuran pemuda"), ("D4", "Sampah ke sungai"), ("D4", "Penebangan liar")]


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


@pytest.fixture
def board(db, workshop):
    ids = [cards.add_card(db, workshop, {"kind": "problem", "dimension": d, "text": text}) for d, text in PROBLEMS]
    people = [add_participant(db, workshop, {"name": f"Peserta {i}", "gender": "LP"[i % 2], "institution": "PKK"})
              for i in range(4)]
    return ids, people


def test_priorities_carry_into_planning(db, workshop, board):
    ids, people = board
    poll_id = rk.start_ranking(db, workshop, "ranking", "all", lang="en")
    poll = voting.get_poll(db, workshop, poll_id)
    assert poll["status"] == "open" and poll["source"] == "problems" and poll["title"] == "Problem ranking"
    assert [i["id"] for i in poll["items"]] == ids
    lansia, bansos, tawuran, sampah, tebang = ids
    # Borda with 5 items: 4, 3, 2, 1, 0 points by place
    voting.cast_ballot(db, workshop, poll_id, people[0], [sampah, lansia, tawuran, bansos, tebang])
    voting.cast_ballot(db, workshop, poll_id, people[1], [sampah, tawuran, lansia])
    voting.cast_ballot(db, workshop, poll_id, people[2], [lansia, sampah])
    voting.cast_ballot(db, workshop, poll_id, people[3], [tawuran, bansos])
    with pytest.raises(RembugError) as err:  # an open vote can still change
        rk.mark_priorities(db, workshop, poll_id, 2)
    assert err.value.key == "assessment.err_rank_not_closed"
    voting.close_poll(db, workshop, poll_id)
    result = rk.ranking_result(db, workshop, poll_id)
    totals = {r["problem_id"]: r["total"] for r in result["rows"]}
    assert totals == {sampah: 4 + 4 + 3, lansia: 3 + 2 + 4, tawuran: 2 + 3 + 4, bansos: 1 + 3, tebang: 0}
    assert [r["problem_id"] for r in result["rows"]][:1] == [sampah]
    assert result["tie_groups"] == ((lansia, tawuran),)

    marked = rk.mark_priorities(db, workshop, poll_id, 1)
    planned = assessment.priority_problems(db, workshop)
    assert marked == planned == [{"problem_id": sampah, "text": "Sampah ke sungai", "dimension": "D4", "rank": 1,
                                  "score": 11.0}]
    with pytest.raises(RembugError) as err:  # 2 would cut between the tied lansia and tawuran
        rk.mark_priorities(db, workshop, poll_id, 2)
    assert err.value.key == "assessment.err_tie_at_cut" and "Tawuran pemuda" in err.value.params["problems"]
    assert len(assessment.priority_problems(db, workshop)) == 1  # nothing changed by the refusal

    three = rk.mark_priorities(db, workshop, poll_id, 2, include_ties=True)
    assert [(p["problem_id"], p["rank"]) for p in three] == [(sampah, 1), (lansia, 2), (tawuran, 2)]
    assert {p["dimension"] for p in three} == {"D4", "D1", "D3"}
    # a tie rule settles it: most first places (lansia 1, tawuran 1; then second places 1 and 1; ...)
    rk.set_tie_rule(db, workshop, poll_id, ["most_first_places", "lot"])
    settled = rk.ranking_result(db, workshop, poll_id)
    assert settled["tie_groups"] == () and settled["tie_rule"] == ["most_first_places", "lot"]
    two = rk.mark_priorities(db, workshop, poll_id, 2)
    assert [p["rank"] for p in two] == [1, 2] and two[0]["problem_id"] == sampah
    assert assessment.priority_problems(db, workshop) == two
    for bad in (0, 6, "2"):
        with pytest.raises(InputError):
            rk.mark_priorities(db, workshop, poll_id, bad)


def test_a_dimension_ranking_replaces_only_its_own_priorities(db, workshop, board):
    ids, people = board
    lansia, bansos, tawuran, sampah, tebang = ids
    d4 = rk.start_ranking(db, workshop, "dots", "D4", dots=3)
    assert [i["id"] for i in voting.get_poll(db, workshop, d4)["items"]] == [sampah, tebang]
    assert voting.get_poll(db, workshop, d4)["config"]["dots"] == 3
    voting.cast_ballot(db, workshop, d4, people[0], {sampah: 2, tebang: 1})
    voting.record_hand_counts(db, workshop, d4, points={tebang: 4}, voters=2)
    voting.close_poll(db, workshop, d4)
    assert [p["problem_id"] for p in rk.mark_priorities(db, workshop, d4, 1)] == [tebang]

    d1 = rk.start_ranking(db, workshop, "pairwise", "D1", problem_ids=[lansia, bansos])
    voting.cast_ballot(db, workshop, d1, people[1], [(lansia, bansos, lansia)])
    voting.close_poll(db, workshop, d1)
    rk.mark_priorities(db, workshop, d1, 1)
    chosen = assessment.priority_problems(db, workshop)
    assert sorted((p["dimension"], p["problem_id"]) for p in chosen) == [("D1", lansia), ("D4", tebang)]
    assert [r["id"] for r in rk.list_rankings(db, workshop)] == [d1, d4]  # newest first
    rk.clear_priorities(db, workshop, d4)
    assert [p["problem_id"] for p in assessment.priority_problems(db, workshop)] == [lansia]
    with pytest.raises(RembugError):  # a priority problem cannot be merged away
        cards.merge_cards(db, workshop, bansos, [lansia])


def test_ranking_needs_problems_and_pairwise_stays_small(db, workshop):
    with pytest.raises(RembugError) as err:
        rk.start_ranking(db, workshop, "ranking", "all")
    assert err.value.key == "assessment.err_rank_few"
    for n in range(rk.PAIRWISE_MAX + 1):
        cards.add_card(db, workshop, {"kind": "problem", "dimension": "D2", "text": f"Masalah {n}"})
    with pytest.raises(RembugError) as err:
        rk.start_ranking(db, workshop, "pairwise", "D2")
    assert err.value.key == "assessment.err_pairwise_many"
    with pytest.raises(InputError):
        rk.start_ranking(db, workshop, "raffle", "D2")
    with pytest.raises(InputError):
        rk.start_ranking(db, workshop, "dots", "D9")
    other = voting.create_poll(db, workshop, "Penyegar", "single", ["A", "B"])
    with pytest.raises(RembugError):
        rk.ranking_result(db, workshop, other)


def test_repeated_and_long_texts_make_valid_poll_labels(db, workshop):
    for dim in ("D1", "D2"):
        cards.add_card(db, workshop, {"kind": "problem", "dimension": dim, "text": "Kurang dana"})
    for dim in ("D3", "D4"):  # the longest card text, twice: the suffix must still fit
        cards.add_card(db, workshop, {"kind": "problem", "dimension": dim, "text": "x" * cards.MAX_TEXT})
    poll = voting.get_poll(db, workshop, rk.start_ranking(db, workshop, "dots", "all"))
    labels = [i["label"] for i in poll["items"]]
    assert len(set(labels)) == 4 and all(len(label) <= rk.LABEL_MAX for label in labels)
    assert labels[0].startswith("Kurang dana (D1 #") and labels[3].endswith("… (D4 #%d)" % poll["items"][3]["id"])


def test_priorities_on_every_backend(any_db):
    wid = create_workshop(any_db, dict(WORKSHOP), pin="4321")
    a, b = (cards.add_card(any_db, wid, {"kind": "problem", "dimension": d, "text": text})
            for d, text in (("D2", "Pemuda pasif"), ("D3", "Tawuran")))
    poll = rk.start_ranking(any_db, wid, "dots", "all")
    voting.record_hand_counts(any_db, wid, poll, {a: 2, b: 7}, voters=3)
    voting.close_poll(any_db, wid, poll)
    rk.mark_priorities(any_db, wid, poll, 1)
    assert assessment.priority_problems(any_db, wid) == [
        {"problem_id": b, "text": "Tawuran", "dimension": "D3", "rank": 1, "score": 7.0}]
