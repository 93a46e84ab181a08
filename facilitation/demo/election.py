"""Demo: the day-4 election of the whole Pokja board.

Every office is voted on by the participants present on day 4, most from their phones and
two on paper. Nominations come by every route (the facilitator with verbal consent, phones
with the nominee's consent on their own phone, self-nomination, open candidacy), and the
Sekretaris vote ties and goes to a runoff. Two participants who were not elected witness.
"""
from __future__ import annotations

import random

from facilitation import election
from facilitation.participants import list_participants
from facilitation.store import Database

# office position -> (how the nominees come, preferred nominees by name)
NOMINEES = {
    1: ("verbal", ["Asep Saepudin", "Hj. Siti Aminah", "Hendra Gunawan"]),
    2: ("phone", ["Rizky Pratama", "Eti Rohayati"]),
    3: ("verbal", ["Intan Permatasari", "Yusuf Maulana", "Euis Suryani"]),
    4: ("self", ["Nani Rohaeni", "Ai Nurhayati"]),
    5: ("verbal", ["Lilis Suhartini", "Yayah Komariah"]),
    6: ("phone", ["Dede Kurniawan", "Cecep Supriatna"]),
    7: ("verbal", ["Ujang Sopandi", "K.H. Ahmad Fauzi"]),
    8: ("open", []),
}
TIE_OFFICE = 3  # the Sekretaris vote ties, and a runoff decides it
WITNESSES = ["Abah Engkos Koswara", "Popon Sopiah"]
PAPER_VOTERS = 2
NUMBER = "01/BA/POKJA-TANSOSMAS/III/2026"


def _clear_plan(rng: random.Random, candidates: list[int], n: int) -> list[int | None]:
    """n ballots with a single leader: weighted choices, redrawn until the top is unique."""
    weights = sorted((rng.uniform(0.5, 6) for _ in candidates), reverse=True)
    options = [*candidates, None]
    for _ in range(50):
        ballots = rng.choices(options, weights=[*weights, 0.4], k=n)
        counts = sorted((ballots.count(c) for c in candidates), reverse=True)
        if counts[0] > 0 and (len(counts) == 1 or counts[0] > counts[1]):
            return ballots
    return [candidates[0]] * n


def _tie_plan(rng: random.Random, candidates: list[int], n: int) -> list[int | None]:
    """n ballots where the first two candidates tie for the top, one blank among them."""
    a, b, *rest = candidates
    remaining = n - 1
    third = (remaining % 2 + 2 if remaining >= 8 else remaining % 2) if rest else 0
    k = (remaining - third) // 2
    ballots = [a] * k + [b] * k + [rest[0] if rest else None] * third + [None] * (n - 2 * k - third)
    rng.shuffle(ballots)
    return ballots


def _vote(db: Database, wid: str, round_id: int, rng: random.Random, voters: list[int],
          ballots: list[int | None]) -> None:
    """Phones first (in a random order), the last PAPER_VOTERS ballots counted on paper."""
    order = list(voters)
    rng.shuffle(order)
    paper_n = PAPER_VOTERS if len(order) > 2 * PAPER_VOTERS else 0
    phone_voters, phone_ballots = order[: len(order) - paper_n], ballots[: len(order) - paper_n]
    for voter, choice in zip(phone_voters, phone_ballots):
        election.cast_vote(db, wid, round_id, voter, choice)
    if paper_n:
        paper = ballots[len(order) - paper_n:]
        counts = {c: paper.count(c) for c in set(paper) if c is not None}
        election.record_paper_count(db, wid, round_id, counts, paper.count(None))


def fill(db: Database, workshop_id: str, rng: random.Random) -> None:
    people = list_participants(db, workshop_id)
    by_name = {p["name"]: p["id"] for p in people}
    election.setup(db, workshop_id, "id")
    election.update_settings(db, workshop_id, {"day": 4, "sequential": True, "phone_nominations": True,
                                               "number": NUMBER})
    voters = election.eligible_ids(db, workshop_id)
    if len(voters) < 6:
        return
    elected: set[int] = set()
    for office in election.list_offices(db, workshop_id):
        how, preferred = NOMINEES.get(office["position"], ("open", []))
        nominees = [by_name[n] for n in preferred if n in by_name and by_name[n] not in elected]
        if how == "open" or len(nominees) < 2:
            election.set_open_candidacy(db, workshop_id, office["id"], True)
        for pid in nominees:
            if how == "verbal":
                election.nominate(db, workshop_id, office["id"], pid, verbal_consent=True)
            elif how == "self":
                election.nominate(db, workshop_id, office["id"], pid, by=pid)
            else:  # proposed from another participant's phone; the nominee agrees on their own
                proposer = rng.choice([v for v in voters if v != pid])
                nomination = election.nominate(db, workshop_id, office["id"], pid, by=proposer)
                election.respond_nomination(db, workshop_id, nomination, pid, True)
        round_id = election.open_round(db, workshop_id, office["id"])
        candidates = [c["id"] for c in election.open_round_now(db, workshop_id)["candidates"]]
        if how != "open":
            candidates.sort(key=lambda c: nominees.index(c))
        else:
            rng.shuffle(candidates)
            candidates = candidates[:3]  # an open ballot still gathers around a few names
        tie = office["position"] == TIE_OFFICE and len(candidates) >= 2
        plan = _tie_plan(rng, candidates, len(voters)) if tie else _clear_plan(rng, candidates, len(voters))
        _vote(db, workshop_id, round_id, rng, voters, plan)
        result = election.close_round(db, workshop_id, round_id)
        if result["winner"] is None:
            runoff = election.resolve_tie(db, workshop_id, office["id"], "runoff")["round_id"]
            _vote(db, workshop_id, runoff, rng, voters, _clear_plan(rng, result["tied"], len(voters)))
            result = election.close_round(db, workshop_id, runoff)
        elected.add(result["winner"])

    present_others = [v for v in voters if v not in elected]
    witnesses = [by_name[n] for n in WITNESSES if by_name.get(n) in present_others]
    witnesses += [v for v in present_others if v not in witnesses][: 2 - len(witnesses)]
    election.update_settings(db, workshop_id, {"day": 4, "sequential": True, "phone_nominations": False,
                                               "number": NUMBER, "witness1_id": witnesses[0],
                                               "witness2_id": witnesses[1]})
