"""The Pokja election's rules and its secrecy, on the domain and the store."""
import threading

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from facilitation import election
from facilitation.attendance import record_attendance
from facilitation.errors import InputError, RembugError
from facilitation.store import election as store
from tests.election_helpers import office_id, run_round, workshop_with_people


def refused(key):
    return pytest.raises(RembugError, match=key.replace(".", r"\."))


def test_default_offices_follow_the_four_dimensions(db):
    wid, _ = workshop_with_people(db, 2)
    names = [o["name"] for o in election.list_offices(db, wid)]
    assert names == ["Ketua", "Wakil Ketua", "Sekretaris", "Bendahara", "Seksi Perlindungan Sosial",
                     "Seksi Partisipasi & Organisasi Sosial", "Seksi Pengendalian Konflik",
                     "Seksi Kearifan Lokal & SDA"]
    # set up once: a second visit does not add the offices again
    election.setup(db, wid)
    assert len(election.list_offices(db, wid)) == 8


def test_offices_can_be_edited_and_reordered_until_voted_on(db):
    wid, ids = workshop_with_people(db, 3)
    extra = election.add_office(db, wid, "Seksi Humas")
    election.rename_office(db, wid, extra, "Seksi Hubungan Masyarakat")
    election.move_office(db, wid, extra, -1)
    names = [o["name"] for o in election.list_offices(db, wid)]
    assert names[-2:] == ["Seksi Hubungan Masyarakat", "Seksi Kearifan Lokal & SDA"]
    with pytest.raises(InputError):
        election.add_office(db, wid, "   ")
    ketua = office_id(db, wid, 1)
    election.set_open_candidacy(db, wid, ketua, True)
    election.open_round(db, wid, ketua)
    with refused("election.err_office_has_rounds"):
        election.delete_office(db, wid, ketua)
    with refused("election.err_office_has_rounds"):
        election.move_office(db, wid, office_id(db, wid, 2), -1)
    election.delete_office(db, wid, extra)
    assert len(election.list_offices(db, wid)) == 8


def test_sequential_offices_exclude_the_elected(db):
    wid, (a, b, c, d) = workshop_with_people(db, 4)
    ketua, wakil = office_id(db, wid, 1), office_id(db, wid, 2)
    for pid in (a, b):
        election.nominate(db, wid, ketua, pid, verbal_consent=True)
    election.nominate(db, wid, wakil, a, verbal_consent=True)  # nominated for both before Ketua is decided
    election.nominate(db, wid, wakil, c, verbal_consent=True)
    with refused("election.err_previous_open"):
        election.open_round(db, wid, wakil)
    result = run_round(db, wid, election.open_round(db, wid, ketua), [(a, a), (b, a), (c, b), (d, None)])
    assert result["winner"] == a
    # a is Ketua now: off the Wakil ballot, and cannot be nominated for a later office
    assert [p["id"] for p in election.candidates_for(db, wid, wakil)] == [c]
    with refused("election.err_already_elected"):
        election.nominate(db, wid, office_id(db, wid, 3), a, verbal_consent=True)
    election.set_open_candidacy(db, wid, office_id(db, wid, 3), True)
    assert a not in [p["id"] for p in election.candidates_for(db, wid, office_id(db, wid, 3))]
    round_id = election.open_round(db, wid, wakil)
    with refused("election.err_not_candidate"):
        election.cast_vote(db, wid, round_id, b, a)


def test_without_the_order_rule_offices_go_in_any_order_and_people_may_hold_two(db):
    wid, (a, b, c) = workshop_with_people(db, 3)
    election.update_settings(db, wid, {"day": 4, "sequential": False})
    bendahara, ketua = office_id(db, wid, 4), office_id(db, wid, 1)
    for office in (bendahara, ketua):
        election.set_open_candidacy(db, wid, office, True)
    assert run_round(db, wid, election.open_round(db, wid, bendahara), [(a, b), (b, b), (c, a)])["winner"] == b
    assert run_round(db, wid, election.open_round(db, wid, ketua), [(a, b), (b, b), (c, c)])["winner"] == b
    assert [x["office"] for x in election.board(db, wid)] == ["Ketua", "Bendahara"]
    with refused("election.err_rules_locked"):
        election.update_settings(db, wid, {"day": 4, "sequential": True})


def test_blank_ballots_are_counted_but_elect_no_one(db):
    wid, (a, b, c, d, e) = workshop_with_people(db, 5)
    ketua = office_id(db, wid, 1)
    election.nominate(db, wid, ketua, a, verbal_consent=True)
    election.nominate(db, wid, ketua, b, verbal_consent=True)
    votes = [(a, None), (b, None), (c, None), (d, b), (e, None)]
    result = run_round(db, wid, election.open_round(db, wid, ketua), votes)
    assert result["blank"] == 4 and result["ballots"] == 5
    assert [(x["participant_id"], x["votes"]) for x in result["candidates"]] == [(b, 1), (a, 0)]
    assert result["winner"] == b  # most valid votes wins, however many blanks


def test_nobody_voted_for_is_a_tie_among_all(db):
    wid, (a, b, c) = workshop_with_people(db, 3)
    ketua = office_id(db, wid, 1)
    for pid in (a, b):
        election.nominate(db, wid, ketua, pid, verbal_consent=True)
    result = run_round(db, wid, election.open_round(db, wid, ketua), [(a, None), (b, None)])
    assert result["winner"] is None and result["no_votes"] and result["tied"] == sorted([a, b])
    assert election.overview(db, wid)[0]["status"] == "tie"


def test_a_tie_goes_to_a_runoff_among_the_tied(db):
    wid, (a, b, c, d, e) = workshop_with_people(db, 5)
    ketua = office_id(db, wid, 1)
    for pid in (a, b, c):
        election.nominate(db, wid, ketua, pid, verbal_consent=True)
    first = run_round(db, wid, election.open_round(db, wid, ketua), [(a, a), (b, b), (c, c), (d, a), (e, b)])
    assert first["winner"] is None and first["tied"] == sorted([a, b])
    with refused("election.err_office_started"):  # the tie waits for a decision, not a new first round
        election.open_round(db, wid, ketua)
    runoff = election.resolve_tie(db, wid, ketua, "runoff")["round_id"]
    assert [c_["id"] for c_ in election.open_round_now(db, wid)["candidates"]] == sorted([a, b])
    with refused("election.err_not_candidate"):
        election.cast_vote(db, wid, runoff, d, c)
    second = run_round(db, wid, runoff, [(a, b), (b, b), (c, a), (d, b), (e, None)])
    assert second["winner"] == b and second["kind"] == "runoff" and second["number"] == 2
    [office] = [o for o in election.overview(db, wid) if o["id"] == ketua]
    assert office["status"] == "elected" and office["outcome"]["method"] == "runoff"
    assert [r["number"] for r in office["rounds"]] == [1, 2]


def test_a_tie_settled_by_agreement_records_who_was_agreed(db):
    wid, (a, b, c, d) = workshop_with_people(db, 4)
    ketua = office_id(db, wid, 1)
    for pid in (a, b):
        election.nominate(db, wid, ketua, pid, verbal_consent=True)
    run_round(db, wid, election.open_round(db, wid, ketua), [(a, a), (b, b), (c, None), (d, None)])
    with refused("election.err_not_tied"):
        election.resolve_tie(db, wid, ketua, "agreement", chosen=c)
    election.resolve_tie(db, wid, ketua, "agreement", chosen=b)
    [member] = election.board(db, wid)
    assert (member["participant_id"], member["method"], member["seed"]) == (b, "agreement", None)
    with refused("election.err_no_tie"):
        election.resolve_tie(db, wid, ketua, "lot")


def test_drawing_lots_is_reproducible_from_the_recorded_seed(db):
    wid, (a, b, c, d) = workshop_with_people(db, 4)
    ketua = office_id(db, wid, 1)
    for pid in (a, b, c):
        election.nominate(db, wid, ketua, pid, verbal_consent=True)
    run_round(db, wid, election.open_round(db, wid, ketua), [(a, a), (b, b), (c, c), (d, None)])
    outcome = election.resolve_tie(db, wid, ketua, "lot")
    assert outcome["seed"] and outcome["winner"] in (a, b, c)
    assert election.draw_lot([c, a, b], outcome["seed"]) == outcome["winner"]
    assert election.board(db, wid)[0]["seed"] == outcome["seed"]
    # different seeds draw different people across the group (the draw is not fixed)
    assert {election.draw_lot([a, b, c], str(s)) for s in range(30)} == {a, b, c}


def test_only_participants_present_on_the_election_day_vote(db):
    wid, (a, b, c) = workshop_with_people(db, 3, present=2)
    ketua = office_id(db, wid, 1)
    election.set_open_candidacy(db, wid, ketua, True)
    assert election.eligible_ids(db, wid) == sorted([a, b])
    round_id = election.open_round(db, wid, ketua)
    with refused("election.err_not_eligible"):
        election.cast_vote(db, wid, round_id, c, a)
    record_attendance(db, wid, 4, {c: "hadir"})  # arrived late, marked present: may vote now
    election.cast_vote(db, wid, round_id, c, a)
    assert election.turnout(db, wid, round_id) == {"phone": 1, "paper": 0, "voted": 1, "eligible": 3}


def test_counts_stay_hidden_until_the_round_closes(db):
    wid, (a, b, c) = workshop_with_people(db, 3)
    ketua = office_id(db, wid, 1)
    election.set_open_candidacy(db, wid, ketua, True)
    round_id = election.open_round(db, wid, ketua)
    election.cast_vote(db, wid, round_id, a, b)
    with refused("election.err_round_still_open"):
        election.round_result(db, wid, round_id)
    assert election.overview(db, wid)[0]["rounds"][0]["candidates"] is None
    assert election.latest_round(db, wid)["status"] == "open"
    election.close_round(db, wid, round_id)
    assert election.round_result(db, wid, round_id)["winner"] == b
    with refused("election.err_round_closed"):
        election.cast_vote(db, wid, round_id, b, b)


def test_paper_ballots_are_checked_against_those_who_did_not_vote_by_phone(db):
    wid, (a, b, c, d, e) = workshop_with_people(db, 5)
    ketua = office_id(db, wid, 1)
    for pid in (a, b):
        election.nominate(db, wid, ketua, pid, verbal_consent=True)
    round_id = election.open_round(db, wid, ketua)
    election.cast_vote(db, wid, round_id, a, a)
    election.cast_vote(db, wid, round_id, b, b)
    with refused("election.err_paper_too_many"):
        election.record_paper_count(db, wid, round_id, {a: 2, b: 1}, blank=1)
    with pytest.raises(InputError):
        election.record_paper_count(db, wid, round_id, {a: -1}, blank=0)
    with pytest.raises(InputError):
        election.record_paper_count(db, wid, round_id, {a: 1.5}, blank=0)
    with refused("election.err_not_candidate"):
        election.record_paper_count(db, wid, round_id, {c: 1}, blank=0)
    election.record_paper_count(db, wid, round_id, {a: 1, b: 1}, blank=0)
    election.record_paper_count(db, wid, round_id, {a: 2}, blank=1)  # a recount replaces the first
    assert election.turnout(db, wid, round_id)["voted"] == 5
    with refused("election.err_ballots_full"):  # every present voter is counted: no phone vote fits
        election.cast_vote(db, wid, round_id, c, a)
    result = election.close_round(db, wid, round_id)
    assert [(x["participant_id"], x["votes"]) for x in result["candidates"]] == [(a, 3), (b, 1)]
    assert (result["blank"], result["ballots"], result["phone_voters"], result["paper_ballots"]) == (1, 5, 2, 3)
    # votes are not split by phone and paper: the few paper voters are known in the hall
    assert not {"phone", "paper"} & set(result["candidates"][0])


def test_nominations_need_the_nominees_consent(db):
    wid, (a, b, c) = workshop_with_people(db, 3)
    ketua = office_id(db, wid, 1)
    with refused("election.err_nominations_closed"):
        election.nominate(db, wid, ketua, b, by=a)
    election.update_settings(db, wid, {"day": 4, "phone_nominations": True})
    from_phone = election.nominate(db, wid, ketua, b, by=a)
    by_facilitator = election.nominate(db, wid, ketua, c)
    self_nominated = election.nominate(db, wid, ketua, a, by=a)
    assert [p["id"] for p in election.candidates_for(db, wid, ketua)] == [a]  # only the self-nomination consents
    assert [n["office"] for n in election.pending_for(db, wid, b)] == ["Ketua"]
    with pytest.raises(RembugError):  # nobody answers for someone else
        election.respond_nomination(db, wid, from_phone, c, True)
    election.respond_nomination(db, wid, from_phone, b, True)
    election.respond_nomination(db, wid, by_facilitator, c, False)
    assert [p["id"] for p in election.candidates_for(db, wid, ketua)] == sorted([a, b])
    election.record_verbal_consent(db, wid, by_facilitator)  # c changed their mind, aloud in the hall
    assert len(election.candidates_for(db, wid, ketua)) == 3
    with refused("election.err_already_nominated"):
        election.nominate(db, wid, ketua, c, verbal_consent=True)
    assert self_nominated
    election.open_round(db, wid, ketua)
    with refused("election.err_office_started"):
        election.withdraw_nomination(db, wid, from_phone)


def test_cancel_only_an_empty_round_and_reset_an_office(db):
    wid, (a, b, c) = workshop_with_people(db, 3)
    ketua, wakil = office_id(db, wid, 1), office_id(db, wid, 2)
    for office in (ketua, wakil):
        election.set_open_candidacy(db, wid, office, True)
    election.cancel_round(db, wid, election.open_round(db, wid, ketua))
    round_id = election.open_round(db, wid, ketua)
    election.cast_vote(db, wid, round_id, a, a)
    with refused("election.err_round_has_votes"):
        election.cancel_round(db, wid, round_id)
    run_round(db, wid, round_id, [(b, a)])
    election.open_round(db, wid, wakil)
    with refused("election.err_later_started"):
        election.reset_office(db, wid, ketua)
    election.reset_office(db, wid, wakil)
    election.reset_office(db, wid, ketua)
    assert election.board(db, wid) == [] and [o["status"] for o in election.overview(db, wid)][:2] == ["waiting"] * 2


def test_one_open_round_at_a_time(db):
    wid, (a, b) = workshop_with_people(db, 2)
    election.update_settings(db, wid, {"day": 4, "sequential": False})
    for n in (1, 2):
        election.set_open_candidacy(db, wid, office_id(db, wid, n), True)
    election.open_round(db, wid, office_id(db, wid, 1))
    with refused("election.err_round_already_open"):
        election.open_round(db, wid, office_id(db, wid, 2))


# ---------------------------------------------------------------- one vote each

def test_a_second_vote_is_refused_by_the_stores_constraint(any_db):
    db = any_db
    wid, (a, b) = workshop_with_people(db, 2)
    ketua = office_id(db, wid, 1)
    election.set_open_candidacy(db, wid, ketua, True)
    round_id = election.open_round(db, wid, ketua)
    with db.tx() as conn:
        store.record_vote(conn, wid, round_id, a, b)
    # straight to the store, past every check of the domain: the unique constraint refuses
    with pytest.raises(IntegrityError):
        with db.tx() as conn:
            store.record_vote(conn, wid, round_id, a, a)
    with refused("election.err_already_voted"):
        election.cast_vote(db, wid, round_id, a, a)
    with db.read() as conn:
        assert store.count_ballots(conn, round_id) == 1 and store.count_voted(conn, round_id) == 1


def test_racing_double_taps_count_once(tmp_path):
    from facilitation.store import Database

    db = Database(f"sqlite:///{tmp_path}/race.sqlite3")
    wid, (a, b) = workshop_with_people(db, 2)
    ketua = office_id(db, wid, 1)
    election.set_open_candidacy(db, wid, ketua, True)
    round_id = election.open_round(db, wid, ketua)
    outcomes, start = [], threading.Barrier(8)

    def tap():
        start.wait()
        try:
            election.cast_vote(db, wid, round_id, a, b)
            outcomes.append("ok")
        except RembugError as exc:
            outcomes.append(exc.key)

    threads = [threading.Thread(target=tap) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["election.err_already_voted"] * 7 + ["ok"]
    with db.read() as conn:
        assert store.count_ballots(conn, round_id) == 1
    db.dispose()


# ---------------------------------------------------------------- secrecy

def test_the_schema_cannot_join_a_ballot_to_a_voter(any_db):
    insp = inspect(any_db.engine)
    ballots = {c["name"]: c for c in insp.get_columns("election_ballots")}
    voted = {c["name"] for c in insp.get_columns("election_voted")}
    # nothing names a person on a ballot, and the only shared columns are the round's own
    assert set(ballots) == {"id", "workshop_id", "round_id", "candidate_id", "source"}
    assert set(ballots) & voted == {"workshop_id", "round_id"}
    assert not any("participant" in name or "voter" in name for name in ballots)
    # no timestamp that could be lined up with the moment someone voted
    assert not any(str(c["type"]).upper().startswith(("DATE", "TIME")) for c in ballots.values())
    assert not any(str(c.get("default") or "").lower().startswith(("current", "now")) for c in ballots.values())
    # ballots point at no voter: the only foreign keys are to the workshop and the round
    referred = {fk["referred_table"] for fk in insp.get_foreign_keys("election_ballots")}
    assert referred == {"workshops", "election_rounds"}
    assert "election_ballots" not in {fk["referred_table"] for fk in insp.get_foreign_keys("election_voted")}


def test_ballot_ids_and_row_order_do_not_follow_the_order_of_voting(any_db):
    db = any_db
    wid, ids = workshop_with_people(db, 30)
    ketua = office_id(db, wid, 1)
    for pid in ids[:2]:
        election.nominate(db, wid, ketua, pid, verbal_consent=True)
    round_id = election.open_round(db, wid, ketua)
    # voters 1-10 choose A, 11-20 choose B, 21-30 leave it blank, in this order
    plan = [ids[0]] * 10 + [ids[1]] * 10 + [None] * 10
    for voter, choice in zip(ids, plan):
        election.cast_vote(db, wid, round_id, voter, choice)
    ballots = store.election_ballots
    with db.read() as conn:
        by_id = [r[0] for r in conn.execute(select(ballots.c.candidate_id).where(ballots.c.round_id == round_id)
                                            .order_by(ballots.c.id))]
    assert sorted(by_id, key=str) == sorted(plan, key=str)
    assert by_id != plan and by_id != plan[::-1]  # chance of a match by luck: 10!³/30! ≈ 2e-14
    election.close_round(db, wid, round_id)
    with db.read() as conn:
        natural = [r[0] for r in conn.execute(text(
            "select candidate_id from election_ballots where round_id = :r"), {"r": round_id})]
        ids_after = [r[0] for r in conn.execute(select(ballots.c.id).where(ballots.c.round_id == round_id))]
    assert natural != plan and natural != plan[::-1]
    assert sorted(natural, key=str) == sorted(plan, key=str)
    steps = {b - a for a, b in zip(sorted(ids_after), sorted(ids_after)[1:])}
    assert steps != {1}  # random ids, not a counter that would tell the order


def test_settings_left_out_stay_as_they_are(db):
    wid, (a, b) = workshop_with_people(db, 2)
    election.update_settings(db, wid, {"number": "09/BA/2026", "witness1_id": a, "witness2_id": b})
    election.update_settings(db, wid, {"phone_nominations": True})
    s = election.get_settings(db, wid)
    assert (s["number"], s["witness1_id"], s["witness2_id"], s["phone_nominations"], s["day"]) == \
        ("09/BA/2026", a, b, 1, 4)
    with refused("election.err_witness_same"):
        election.update_settings(db, wid, {"witness2_id": a})
    with pytest.raises(InputError):
        election.update_settings(db, wid, {"day": 5})
