"""Polls and ballots in the store (SQLite and PostgreSQL): one ballot per person by constraint,
changing a ballot, closed polls, hand counts, secret polls, and every kind round-tripped."""
import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError

from facilitation import voting
from facilitation.attendance import record_attendance
from facilitation.errors import InputError, NotFound, RembugError
from facilitation.participants import (
    add_participant,
    list_participants,
    revoke_and_reissue_token,
)
from facilitation.store import voting as q
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP

ITEMS = ["Air bersih", "Jalan desa", "Posyandu"]


@pytest.fixture
def hall(any_db):
    """A workshop with five participants on the store under test."""
    wid = create_workshop(any_db, dict(WORKSHOP), pin="4321")
    for n, (name, gender) in enumerate([("Siti", "P"), ("Budi", "L"), ("Ani", "P"), ("Dodi", "L"), ("Euis", "P")]):
        add_participant(any_db, wid, {"name": name, "gender": gender, "institution": f"Pranata {n}"})
    people = [p["id"] for p in list_participants(any_db, wid)]
    return any_db, wid, people


def open_poll(db, wid, kind="single", items=ITEMS, config=None, **kw) -> int:
    poll_id = voting.create_poll(db, wid, f"Uji {kind}", kind, items, config, **kw)
    voting.open_poll(db, wid, poll_id)
    return poll_id


def totals(res) -> dict:
    return {r.item_id: r.total for r in res.items}


def test_one_ballot_per_participant_per_poll_by_constraint(hall):
    db, wid, people = hall
    poll_id = open_poll(db, wid)
    voting.cast_ballot(db, wid, poll_id, people[0], 1)
    # the page is not the only guard: a second row for the same voter cannot even be inserted
    with pytest.raises(IntegrityError), db.tx() as conn:
        q.insert_ballot(conn, {"workshop_id": wid, "poll_id": poll_id, "participant_id": people[0],
                               "payload": 2, "updated_at": dt.datetime.now(dt.UTC)})
    with db.read() as conn:
        assert q.count_ballots(conn, wid, poll_id) == 1
    assert voting.my_ballot(db, wid, poll_id, people[0]) == 1


def test_a_participant_changes_their_ballot_while_open(hall):
    db, wid, people = hall
    poll_id = open_poll(db, wid)
    voting.cast_ballot(db, wid, poll_id, people[0], 1)
    voting.cast_ballot(db, wid, poll_id, people[1], 1)
    voting.cast_ballot(db, wid, poll_id, people[0], "3")  # ids may arrive as text; stored as the item's id
    assert voting.my_ballot(db, wid, poll_id, people[0]) == 3
    res = voting.result(db, wid, poll_id)
    assert totals(res) == {1: 1, 2: 0, 3: 1}
    assert res.phone_ballots == 2 and res.voted == 2
    assert res.tie_groups == ((1, 3),)  # a tie stays a tie without a rule
    [mine] = [p for p in voting.open_polls_for(db, wid, people[0]) if p["id"] == poll_id]
    assert mine["my_ballot"] == 3 and mine["voted"] is True


def test_closed_and_draft_polls_accept_nothing(hall):
    db, wid, people = hall
    draft = voting.create_poll(db, wid, "Belum dibuka", "single", ITEMS)
    with pytest.raises(RembugError) as exc:
        voting.cast_ballot(db, wid, draft, people[0], 1)
    assert exc.value.key == "live.err_poll_not_open"

    poll_id = open_poll(db, wid)
    voting.cast_ballot(db, wid, poll_id, people[0], 1)
    voting.close_poll(db, wid, poll_id)
    with pytest.raises(RembugError) as exc:
        voting.cast_ballot(db, wid, poll_id, people[0], 2)
    assert exc.value.key == "live.err_poll_closed"
    assert exc.value.message("id") == 'Pemungutan suara "Uji single" sudah ditutup; suara tidak dapat diterima lagi.'
    assert exc.value.message("en") == 'Poll "Uji single" is closed; it accepts no more votes.'
    assert voting.my_ballot(db, wid, poll_id, people[0]) == 1
    with pytest.raises(RembugError) as exc:
        voting.open_poll(db, wid, poll_id)  # closed is final
    assert exc.value.key == "live.err_cannot_open"
    with pytest.raises(RembugError):
        voting.delete_poll(db, wid, poll_id)  # history stays
    assert poll_id not in voting.open_poll_ids(db, wid)


def test_ballot_of_another_workshop_or_bad_ballot_is_refused(hall):
    db, wid, people = hall
    poll_id = open_poll(db, wid)
    other = create_workshop(db, {**WORKSHOP, "village": "Lain"}, pin="9999")
    stranger = add_participant(db, other, {"name": "Asing", "gender": "L", "institution": "X"})
    with pytest.raises(NotFound):
        voting.cast_ballot(db, wid, poll_id, stranger, 1)
    with pytest.raises(NotFound):
        voting.cast_ballot(db, other, poll_id, stranger, 1)  # the poll is not in that workshop
    with pytest.raises(InputError) as exc:
        voting.cast_ballot(db, wid, poll_id, people[0], 9)
    assert [e.key for e in exc.value.errors] == ["voting.err_unknown_item"]
    with db.read() as conn:
        assert q.count_ballots(conn, wid, poll_id) == 0


def test_hand_counts_apart_and_together(hall):
    db, wid, people = hall
    poll_id = open_poll(db, wid)
    for pid, choice in zip(people, [1, 1, 2, 3]):
        voting.cast_ballot(db, wid, poll_id, pid, choice)
    voting.record_hand_counts(db, wid, poll_id, points={"2": 3, 3: 1}, voters=4, entered_by="Fasilitator")
    res = voting.result(db, wid, poll_id)
    rows = {r["label"]: (r["phone"], r["hand"], r["total"], r["rank"], r["tied"]) for r in res.rows()}
    assert rows == {"Jalan desa": (1, 3, 4, 1, False), "Air bersih": (2, 0, 2, 2, True),
                    "Posyandu": (1, 1, 2, 2, True)}
    assert res.hand_voters == 4 and res.voted == 4
    stored = voting.hand_counts(db, wid, poll_id)
    assert stored["points"] == {2: 3, 3: 1} and stored["entered_by"] == "Fasilitator"
    # a correction replaces the earlier count; the phone ballots stay as they are
    voting.record_hand_counts(db, wid, poll_id, points={1: 1}, voters=1)
    assert totals(voting.result(db, wid, poll_id)) == {1: 3, 2: 1, 3: 1}
    with pytest.raises(InputError):
        voting.record_hand_counts(db, wid, poll_id, points={1: -2})
    voting.record_hand_counts(db, wid, poll_id)  # nothing counted by hand: cleared
    assert voting.hand_counts(db, wid, poll_id) is None
    # hand counts may be entered after the poll closed (paper is counted last)
    voting.close_poll(db, wid, poll_id)
    voting.record_hand_counts(db, wid, poll_id, points={3: 2}, voters=2)
    assert totals(voting.result(db, wid, poll_id)) == {1: 2, 2: 1, 3: 3}


def test_secret_poll_stores_no_voter_with_the_ballot(hall):
    db, wid, people = hall
    poll_id = open_poll(db, wid, secret=True)
    voting.cast_ballot(db, wid, poll_id, people[2], 2)
    voting.cast_ballot(db, wid, poll_id, people[3], 1)
    with db.read() as conn:
        rows = q.ballot_rows(conn, poll_id)
        assert sorted(q.voter_ids(conn, poll_id)) == sorted([people[2], people[3]])
    assert [r["participant_id"] for r in rows] == [None, None]
    assert sorted(r["payload"] for r in rows) == [1, 2]
    with pytest.raises(RembugError) as exc:
        voting.cast_ballot(db, wid, poll_id, people[2], 3)  # a secret ballot cannot be changed
    assert exc.value.key == "live.err_secret_voted"
    assert voting.my_ballot(db, wid, poll_id, people[2]) is None
    [mine] = voting.open_polls_for(db, wid, people[2])
    assert mine["voted"] is True and mine["my_ballot"] is None
    res = voting.result(db, wid, poll_id)
    assert totals(res) == {1: 1, 2: 1, 3: 0} and res.voted == 2


def test_every_kind_round_trips_through_the_store(hall):
    db, wid, people = hall
    items = [{"id": 10, "label": "Air"}, {"id": 20, "label": "Jalan"}, {"id": 30, "label": "Posyandu"}]
    cases = {
        "multiple": ({"max_choices": 2}, [[10, 20], ["30", 10]], {10: 2, 20: 1, 30: 1}),
        "dots": ({"dots": 3, "max_per_item": 2}, [{"10": 2, "20": 1}, {30: 2, 10: 1}], {10: 3, 20: 1, 30: 2}),
        "ranking": ({}, [[30, 10, 20], [30, 20]], {30: 4, 10: 1, 20: 1}),
        "pairwise": ({}, [[[10, 20, 10], [10, 30, 30], [20, 30, 30]], {(10, 20): 20, (10, 30): 30, (20, 30): 30}],
                     {30: 4, 10: 1, 20: 1}),
    }
    for kind, (config, ballots, expected) in cases.items():
        poll_id = open_poll(db, wid, kind, items, config)
        for pid, ballot in zip(people, ballots):
            voting.cast_ballot(db, wid, poll_id, pid, ballot)
        assert totals(voting.result(db, wid, poll_id)) == expected, kind

    poll_id = open_poll(db, wid, "matrix", items, {"criteria": ["Murah", {"id": "m", "label": "Mudah"}],
                                                   "weights": {"Murah": 2}})
    assert voting.get_poll(db, wid, poll_id)["config"]["criterion_labels"] == {"Murah": "Murah", "m": "Mudah"}
    voting.cast_ballot(db, wid, poll_id, people[0], {"10": {"Murah": 5, "m": 1}, "20": {"Murah": 1, "m": 5},
                                                     "30": {"Murah": 3, "m": 3}})
    voting.record_hand_counts(db, wid, poll_id, paper_ballots=[{10: {"Murah": 3, "m": 1}, 20: {"Murah": 1, "m": 1},
                                                                30: {"Murah": 3, "m": 3}}])
    res = voting.result(db, wid, poll_id, tie_rule="highest_weight_criterion")
    # pooled means: 10 -> Murah 4, m 1 -> 2*4+1 = 9; 20 -> 1, 3 -> 5; 30 -> 3, 3 -> 9
    assert totals(res) == {10: 9, 30: 9, 20: 5}
    assert [r.item_id for r in res.items] == [10, 30, 20]  # the heavier criterion split the tie
    assert res.tie_breaks[0].rule == "highest_weight_criterion"
    assert voting.my_ballot(db, wid, poll_id, people[0]) == {10: {"Murah": 5, "m": 1}, 20: {"Murah": 1, "m": 5},
                                                             30: {"Murah": 3, "m": 3}}


def test_tie_rule_is_recorded_with_the_poll_and_the_result(hall):
    db, wid, people = hall
    poll_id = open_poll(db, wid)
    voting.cast_ballot(db, wid, poll_id, people[0], 1)
    voting.cast_ballot(db, wid, poll_id, people[1], 2)
    assert voting.result(db, wid, poll_id).tie_groups == ((1, 2),)
    recorded = voting.set_tie_rule(db, wid, poll_id, "lot")
    assert recorded["tie_seed"] is not None
    res = voting.result(db, wid, poll_id)
    assert res.tie_rule == ("lot",) and res.tie_groups == () and str(res.seed) == recorded["tie_seed"]
    again = voting.result(db, wid, poll_id)
    assert [r.item_id for r in again.items] == [r.item_id for r in res.items]  # the draw is reproducible
    assert voting.set_tie_rule(db, wid, poll_id, "lot")["tie_seed"] == recorded["tie_seed"]  # no redraw
    with pytest.raises(InputError):
        voting.set_tie_rule(db, wid, poll_id, "head_to_head")  # a pairwise rule
    voting.set_tie_rule(db, wid, poll_id, "none")
    assert voting.result(db, wid, poll_id).tie_groups == ((1, 2),)


def test_turnout_counts_voters_among_those_present(hall):
    db, wid, people = hall
    poll_id = open_poll(db, wid)
    day = voting.result(db, wid, poll_id).day
    assert voting.turnout(db, wid, poll_id) == (0, 5, 0)  # no attendance yet: all registered
    record_attendance(db, wid, day, {people[0]: "hadir", people[1]: "hadir", people[2]: "hadir", people[3]: "izin"})
    voting.cast_ballot(db, wid, poll_id, people[0], 1)
    voting.cast_ballot(db, wid, poll_id, people[3], 2)  # voted although not recorded present
    assert voting.turnout(db, wid, poll_id) == (1, 3, 2)
    res = voting.result(db, wid, poll_id)
    assert (res.voted_present, res.present, res.present_basis) == (1, 3, "attendance")


def test_workshop_day_follows_the_calendar():
    ws = {f"day{d}": dt.date(2026, 5, 3 + d) for d in (1, 2, 3, 4)}
    assert voting.workshop_day(ws, dt.date(2026, 5, 5)) == 2
    assert voting.workshop_day(ws, dt.date(2026, 5, 1)) == 1
    assert voting.workshop_day(ws, dt.date(2026, 9, 1)) == 4


def test_create_poll_checks_its_list(hall):
    db, wid, _ = hall
    with pytest.raises(InputError) as exc:
        voting.create_poll(db, wid, "Satu saja", "single", ["Air"])
    assert [e.key for e in exc.value.errors] == ["live.err_items_few"]
    with pytest.raises(InputError) as exc:
        voting.create_poll(db, wid, "Ganda", "single", ["Air", "air ", "Jalan"])
    assert [e.key for e in exc.value.errors] == ["live.err_item_duplicate"]
    with pytest.raises(InputError) as exc:
        voting.create_poll(db, wid, "", "dots", ["Air", "Jalan"], {"dots": 2, "max_per_item": 3})
    assert {e.key for e in exc.value.errors} == {"err.required"}  # the title first; then the settings
    with pytest.raises(InputError) as exc:
        voting.create_poll(db, wid, "Titik", "dots", ["Air", "Jalan"], {"dots": 2, "max_per_item": 3})
    assert [e.key for e in exc.value.errors] == ["voting.err_max_per_item"]
    poll_id = voting.create_poll(db, wid, "Titik", "dots", [f"Pilihan {n}" for n in range(9)],
                                 source="problems", source_ref="D1")
    poll = voting.get_poll(db, wid, poll_id)
    assert poll["config"]["dots"] == 3 and poll["status"] == "draft"  # DOMAIN §4.3 default: ceil(9/3)
    assert [p["id"] for p in voting.list_polls(db, wid, source="problems")] == [poll_id]
    voting.delete_poll(db, wid, poll_id)
    assert voting.list_polls(db, wid) == []


def test_revoked_link_no_longer_identifies_a_voter(hall):
    db, wid, people = hall
    token = list_participants(db, wid)[0]["token"]
    assert voting.token_holder(db, token) == people[0]
    revoke_and_reissue_token(db, wid, people[0])
    assert voting.token_holder(db, token) is None
