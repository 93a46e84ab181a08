"""Demo: the hall chose tonight's energiser by phone, plus a few hands counted on paper.

One closed, revealed single-choice poll with ballots from most of the participants present
on its day and a hand count for those without a phone, all through facilitation.voting."""
from __future__ import annotations

import random

from facilitation import voting
from facilitation.attendance import present_ids
from facilitation.store import Database
from facilitation.workshops import get_workshop

ENERGISERS = ["Tebak Kearifan Lokal", "Angin Bertiup", "Kapal Tenggelam", "Tepuk Tansosmas"]
LIKING = [5, 3, 2, 1]  # how the hall leans, for a believable spread


def fill(db: Database, workshop_id: str, rng: random.Random) -> None:
    poll_id = voting.create_poll(db, workshop_id, "Penyegar untuk sesi malam", "single", ENERGISERS,
                                 source="icebreakers")
    voting.open_poll(db, workshop_id, poll_id)
    present = present_ids(db, workshop_id, voting.result(db, workshop_id, poll_id).day)
    rng.shuffle(present)
    without_phone = max(2, len(present) // 10)
    ids = [i + 1 for i in range(len(ENERGISERS))]
    for pid in present[without_phone:]:
        voting.cast_ballot(db, workshop_id, poll_id, pid, rng.choices(ids, weights=LIKING)[0])
    hand: dict[int, int] = {}
    for _ in range(without_phone):
        choice = rng.choices(ids, weights=LIKING)[0]
        hand[choice] = hand.get(choice, 0) + 1
    voting.record_hand_counts(db, workshop_id, poll_id, points=hand, voters=without_phone,
                              entered_by=get_workshop(db, workshop_id)["facilitator_central"])
    voting.close_poll(db, workshop_id, poll_id)
    voting.reveal(db, workshop_id, poll_id)
