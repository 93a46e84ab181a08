"""Ranking the listed problems and marking the priorities that planning carries forward.

The facilitator picks the problems (all, or one dimension's) and a method: dot voting,
ranking (Borda) or pairwise ranking (DOMAIN.md §4.1, §4.3). That creates a poll in the
voting system (source 'problems', source_ref 'all' or the dimension id) whose items are the
problem cards; participants vote from phones, hand counts can be added, and the voting
system tallies it, ties and the chosen tie rule included. Once the poll is closed the
facilitator marks the top N as priorities; a cut through a tie is refused unless the tied
problems are all taken (or a tie rule separates them first).
"""
from __future__ import annotations

from facilitation import voting
from facilitation.assessment_cards import DIMENSIONS, list_cards
from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.i18n import t
from facilitation.store import Database
from facilitation.store import assessment as q

SOURCE = "problems"
METHODS = ("dots", "ranking", "pairwise")
SCOPES = ("all", *DIMENSIONS)
LABEL_MAX = 200  # voting.create_poll's limit for an item label
PAIRWISE_MAX = 8  # 28 comparisons per person; PRA practice uses 5–7 items


def rankable_problems(db: Database, workshop_id: str, scope: str = "all") -> list[dict]:
    """The problem cards on the board (duplicates merged away) in `scope`."""
    if scope not in SCOPES:
        raise InputError([FieldError("dimension", "err.choice")])
    return list_cards(db, workshop_id, kind="problem", dimension=None if scope == "all" else scope)


def _labels(cards: list[dict]) -> list[dict]:
    """Poll items; labels must be distinct and fit the voting system's 200 characters, so a
    repeated text gets its dimension and card number."""
    seen: dict[str, int] = {}
    for c in cards:
        seen[c["text"].casefold()] = seen.get(c["text"].casefold(), 0) + 1
    items = []
    for c in cards:
        suffix = "" if seen[c["text"].casefold()] == 1 else f" ({c['dimension']} #{c['id']})"
        room = LABEL_MAX - len(suffix)
        text = c["text"] if len(c["text"]) <= room else c["text"][: room - 1].rstrip() + "…"
        items.append({"id": c["id"], "label": text + suffix})
    return items


def start_ranking(db: Database, workshop_id: str, method: str, scope: str = "all",
                  problem_ids: list[int] | None = None, lang: str = "id", dots: int | None = None,
                  open_now: bool = True) -> int:
    """Create (and open) the ranking poll; returns its id."""
    if method not in METHODS:
        raise InputError([FieldError("method", "err.choice")])
    cards = rankable_problems(db, workshop_id, scope)
    if problem_ids is not None:
        wanted = set(problem_ids)
        unknown = wanted - {c["id"] for c in cards}
        if unknown:
            raise NotFound("assessment.err_card_not_found", id=", ".join(map(str, sorted(unknown))))
        cards = [c for c in cards if c["id"] in wanted]
    if len(cards) < 2:
        raise RembugError("assessment.err_rank_few")
    if method == "pairwise" and len(cards) > PAIRWISE_MAX:
        raise RembugError("assessment.err_pairwise_many", max=PAIRWISE_MAX, count=len(cards))
    config = {"dots": dots} if method == "dots" and dots else None
    title = (t("assessment.ranking_title_all", lang) if scope == "all"
             else t("assessment.ranking_title_dimension", lang, dimension=scope))
    poll_id = voting.create_poll(db, workshop_id, title, method, _labels(cards), config,
                                 source=SOURCE, source_ref=scope)
    if open_now:
        voting.open_poll(db, workshop_id, poll_id)
    return poll_id


def list_rankings(db: Database, workshop_id: str) -> list[dict]:
    """The ranking polls, newest first."""
    return list(reversed(voting.list_polls(db, workshop_id, source=SOURCE)))


def _ranking_poll(db: Database, workshop_id: str, poll_id: int) -> dict:
    poll = voting.get_poll(db, workshop_id, poll_id)
    if poll["source"] != SOURCE:
        raise NotFound("assessment.err_ranking_not_found", id=poll_id)
    return poll


def set_tie_rule(db: Database, workshop_id: str, poll_id: int, rule) -> dict:
    _ranking_poll(db, workshop_id, poll_id)
    return voting.set_tie_rule(db, workshop_id, poll_id, rule)


def ranking_result(db: Database, workshop_id: str, poll_id: int) -> dict:
    """The priority order: one row per problem with rank, tie flag and the tally figures
    (phone, hand, total), plus the tie groups and the tie rule as the voting system applied it
    and the voting system's own `result` (a voting.PollResult)."""
    poll = _ranking_poll(db, workshop_id, poll_id)
    res = voting.result(db, workshop_id, poll_id)
    with db.read() as conn:
        cards = {c["id"]: c for c in q.list_cards(conn, workshop_id)}
        marked = {p["problem_id"]: p for p in q.list_priorities(conn, workshop_id) if p["poll_id"] == poll_id}
    rows = []
    for item in res.tally.items:
        card = cards.get(item.item_id)
        rows.append({
            "problem_id": item.item_id,
            "text": card["text"] if card else res.labels.get(item.item_id, str(item.item_id)),
            "dimension": card["dimension"] if card else "",
            "rank": item.rank, "tied": item.tied,
            "phone": float(item.phone), "hand": float(item.hand), "total": float(item.total),
            "priority": item.item_id in marked,
        })
    return {
        "poll": poll, "rows": rows, "tie_groups": res.tally.tie_groups, "tie_rule": list(res.tally.tie_rule),
        "seed": res.tally.seed, "tie_breaks": res.tally.tie_breaks, "voted": res.voted, "present": res.present,
        "hand_voters": res.hand_voters, "ballots": res.tally.ballots, "result": res,
    }


def mark_priorities(db: Database, workshop_id: str, poll_id: int, top_n: int, include_ties: bool = False) -> list[dict]:
    """Mark the top `top_n` problems of a closed ranking as priorities (replacing earlier
    marks of the same problems). A tie across the cut is refused unless `include_ties`,
    which takes every problem tied at the cut."""
    result = ranking_result(db, workshop_id, poll_id)
    if result["poll"]["status"] != "closed":
        raise RembugError("assessment.err_rank_not_closed")
    rows = result["rows"]
    if not isinstance(top_n, int) or isinstance(top_n, bool) or top_n < 1:
        raise InputError([FieldError("top_n", "err.min", {"limit": 1})])
    if top_n > len(rows):
        raise InputError([FieldError("top_n", "err.max", {"limit": len(rows)})])
    chosen = [r for r in rows if r["rank"] <= top_n and r["dimension"]]  # deleted cards drop out
    if len(chosen) > top_n and not include_ties:
        tied = [r["text"] for r in chosen if r["rank"] == chosen[-1]["rank"]]
        raise RembugError("assessment.err_tie_at_cut", n=top_n, problems="; ".join(tied))
    with db.tx() as conn:
        q.replace_priorities(conn, workshop_id, [r["problem_id"] for r in rows], [
            {"problem_id": r["problem_id"], "poll_id": poll_id, "rank": r["rank"], "score": r["total"]}
            for r in chosen
        ])
    return priority_list(db, workshop_id)


def clear_priorities(db: Database, workshop_id: str, poll_id: int) -> None:
    """Unmark the priorities that came from this ranking."""
    poll = _ranking_poll(db, workshop_id, poll_id)
    with db.tx() as conn:
        q.replace_priorities(conn, workshop_id, [i["id"] for i in poll["items"]], [])


def priority_list(db: Database, workshop_id: str) -> list[dict]:
    """[{problem_id, text, dimension, rank, score}] best rank first (then by dimension)."""
    with db.read() as conn:
        rows = q.list_priorities(conn, workshop_id)
    return [{"problem_id": r["problem_id"], "text": r["text"], "dimension": r["dimension"], "rank": r["rank"],
             "score": r["score"]} for r in rows]
