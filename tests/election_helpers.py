"""Small scenarios for the election and pledge tests: a workshop with people present on day 4."""
from __future__ import annotations

from facilitation import election
from facilitation.attendance import record_attendance
from facilitation.participants import add_participant, list_participants
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP


def workshop_with_people(db, n: int = 6, present: int | None = None, pin: str = "4321") -> tuple[str, list[int]]:
    """A workshop with `n` participants, the first `present` of them (all by default) present on day 4."""
    wid = create_workshop(db, dict(WORKSHOP), pin=pin)
    for i in range(n):
        add_participant(db, wid, {"name": f"Peserta {i + 1:02d}", "gender": "LP"[i % 2], "age": 30 + i,
                                  "institution": ("PKK", "Karang Taruna", "Posyandu")[i % 3],
                                  "dusun": f"Dusun {i % 3 + 1}"})
    ids = [p["id"] for p in list_participants(db, wid)]
    present = n if present is None else present
    record_attendance(db, wid, 4, {pid: "hadir" if i < present else "izin" for i, pid in enumerate(ids)})
    election.setup(db, wid)
    return wid, ids


def office_id(db, wid: str, position: int) -> int:
    return election.list_offices(db, wid)[position - 1]["id"]


def run_round(db, wid: str, round_id: int, votes: list[tuple[int, int | None]]) -> dict:
    """Cast (voter, candidate-or-None) ballots in this order, then close and count the round."""
    for voter, candidate in votes:
        election.cast_vote(db, wid, round_id, voter, candidate)
    return election.close_round(db, wid, round_id)


def day4_demo(db) -> str:
    """The demo village with only the steps day 4 needs: people and attendance, the election,
    the pledges (the full demo adds every other step and takes longer)."""
    import random

    from facilitation.demo import core
    from facilitation.demo import election as demo_election
    from facilitation.demo import pledges as demo_pledges

    rng = random.Random(2026)
    wid = core.create(db, rng)
    for step in (core, demo_election, demo_pledges):
        step.fill(db, wid, rng)
    return wid
