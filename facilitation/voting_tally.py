"""Poll tallies as pure functions over plain data: no database, no Streamlit.

Every poll kind of the workshop (DOMAIN.md §4) is counted here; `facilitation/voting.py`
stores polls and ballots and calls in here. Counts stay integers; half points (pairwise
"sama penting") and means (matrix scoring) are `fractions.Fraction`, so reordering the
ballots never changes a result. Floats appear only in `TallyResult.rows()` for charts.

Public API
----------
    validate_config(kind, config) -> None                  raises InputError
    validate_ballot(kind, config, ballot) -> None          raises InputError (field 'ballot')
    tally(kind, config, phone, hand=None, *, tie_rule="none", seed=None) -> TallyResult
    tally_single / tally_multiple / tally_dots / tally_ranking / tally_pairwise / tally_matrix
        (config, phone, hand=None, *, tie_rule="none", seed=None): `tally` for one kind
    Hand(points={}, ballots=(), voters=0)                  hand-counted contribution
    TallyResult, ItemResult, TieBreak                      the result (frozen dataclasses)
    KINDS, TIE_RULES, RULES_BY_KIND

`config` is a mapping. Item ids and criterion ids are any hashable values except None
(ints from the database or strings); JSON turns mapping keys into strings, so convert
them back before tallying. Keys per kind (others are ignored):

    all kinds  items: sequence of >= 2 distinct item ids; the order breaks nothing, it
               only orders items within a tie group
    multiple   max_choices: int 1..len(items) or None (default None = no limit)
    dots       dots: dots per person, int >= 1 (required)
               max_per_item: int 1..dots (default = dots: cumulative; 1 = spread)
    ranking    min_ranked: how many items a ballot must rank, 1..len(items) (default 1:
               partial rankings allowed; len(items) forces a full order)
    pairwise   allow_ties: bool (default False); True allows "sama penting" (0.5 each)
    matrix     criteria: sequence of >= 1 distinct criterion ids (required)
               weights: {criterion: weight >= 0} or None (default 1 each; missing = 1;
                        at least one weight > 0)
               min_score, max_score: ints (default 1 and 5)

Ballot formats (one participant's ballot; paper ballots use the same format):

    single     an item id
    multiple   a list/tuple/set of distinct item ids (1..max_choices of them)
    dots       {item: dots}, whole numbers >= 0, each <= max_per_item, 1..dots in all
    ranking    a list of distinct item ids, best first; unlisted items are unranked
    pairwise   {(a, b): winner} or a list of (a, b, winner); every unordered pair of items
               exactly once; winner is a or b, or None for "sama penting" (allow_ties)
    matrix     {item: {criterion: score}}, every item scored on every criterion,
               whole numbers min_score..max_score

Scoring:

    single, multiple, dots   count per item (votes, choices, dots)
    ranking    Borda: the item ranked p-th (1-based) gets n - p points, n = len(items),
               so first gets n-1 and a full ranking's last gets 0. A partial ranking uses
               the same positions and unranked items get 0: ranking n-1 items is the same
               as the full ranking. `rank_table[item][p-1]` counts p-th places.
    pairwise   wins per item: 1 per pair won, 0.5 each for "sama penting".
               `win_matrix[a][b]` = ballots in which a beat b (+0.5 per tie).
    matrix     total[item] = sum over criteria c of weight[c] * mean[item][c], where
               mean[item][c] is the mean score over ballots (every ballot scores every
               cell). `criterion_means` holds the combined means; with no ballot a mean is 0.

Hand counts: `Hand.points` is an aggregated figure per item (show of hands, dot stickers,
a flipchart's Borda points or wins); `Hand.ballots` are paper ballots; `Hand.voters` is
how many people were counted by hand without a paper ballot (for turnout). Matrix scoring
takes paper score sheets only (a mean needs the sheets). Paper ballots feed the rank table
and the win matrix; aggregated points cannot. Per item the result reports `phone`, `hand`
and `total`: total = phone + hand for every kind but matrix, where total is the weighted
sum of means pooled over all sheets (phone and hand are the same over each source alone).

Ranks and ties: items are ordered by total, highest first; equal totals share a rank
(competition ranking 1, 1, 3) and are `tied`. A tie is broken only by rules passed in
`tie_rule`: one name or a sequence applied in order, each to the groups still tied:

    none                       (default) leave ties as ties
    head_to_head               pairwise: among the tied items, who won their own pair
                               (more ballots); for two items that is their pair's winner;
                               re-applied inside any smaller group it leaves
    opponent_wins              pairwise: sum over opponents j of win_matrix[i][j] * wins[j]
                               (one ballot: the wins of the opponents i beat)
    most_first_places          ranking: most 1st places, then most 2nd places, ...
    highest_weight_criterion   matrix: higher mean on the heaviest criterion, then the
                               next heaviest (equal weights: in config order)
    lot                        any kind: drawing lots with random.Random(seed); `seed`
                               (int or str) is required and recorded
Each split a rule makes is recorded in `TallyResult.tie_breaks`.
"""
from __future__ import annotations

import math
import random
from collections.abc import Hashable, Mapping, Set
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from fractions import Fraction
from itertools import combinations, groupby

from facilitation.errors import FieldError, InputError

KINDS = ("single", "multiple", "dots", "ranking", "pairwise", "matrix")
TIE_RULES = (
    "none",
    "head_to_head",
    "opponent_wins",
    "most_first_places",
    "highest_weight_criterion",
    "lot",
)
RULES_BY_KIND = {
    "single": ("none", "lot"),
    "multiple": ("none", "lot"),
    "dots": ("none", "lot"),
    "ranking": ("none", "most_first_places", "lot"),
    "pairwise": ("none", "head_to_head", "opponent_wins", "lot"),
    "matrix": ("none", "highest_weight_criterion", "lot"),
}

Number = int | Fraction


@dataclass(frozen=True)
class Hand:
    """What was counted by hand: aggregated points per item, paper ballots, or both."""

    points: Mapping = field(default_factory=dict)
    ballots: tuple = ()
    voters: int = 0


@dataclass(frozen=True)
class ItemResult:
    item_id: Hashable
    phone: Number
    hand: Number
    total: Number
    rank: int
    tied: bool


@dataclass(frozen=True)
class TieBreak:
    """One split made by a tie rule: `group` (config order) became `order`, best first.

    `values` holds what the rule compared per item (for lots, the draw position)."""

    rule: str
    group: tuple
    order: tuple
    values: Mapping


@dataclass(frozen=True)
class TallyResult:
    kind: str
    items: tuple  # ItemResult, in result order
    phone_ballots: int
    hand_ballots: int
    tie_groups: tuple  # tuples of item ids still sharing a rank
    tie_rule: tuple  # the rule chain applied, ("none",) by default
    seed: int | str | None  # recorded when the chain draws lots
    tie_breaks: tuple  # TieBreak, in the order they were made
    rank_table: Mapping | None = None  # ranking: item -> (1st places, 2nd places, ...)
    win_matrix: Mapping | None = None  # pairwise: a -> b -> times a beat b
    criterion_means: Mapping | None = None  # matrix: item -> criterion -> mean score

    @property
    def ballots(self) -> int:
        return self.phone_ballots + self.hand_ballots

    def item(self, item_id) -> ItemResult:
        for result in self.items:
            if result.item_id == item_id:
                return result
        raise KeyError(item_id)

    def rows(self) -> list[dict]:
        """Plain rows with floats, in result order, for tables and charts."""
        return [
            {
                "item_id": r.item_id,
                "phone": float(r.phone),
                "hand": float(r.hand),
                "total": float(r.total),
                "rank": r.rank,
                "tied": r.tied,
            }
            for r in self.items
        ]


# --------------------------------------------------------------------------- config


@dataclass(frozen=True)
class _Poll:
    kind: str
    items: tuple
    max_choices: int | None = None
    dots: int = 0
    max_per_item: int = 0
    min_ranked: int = 1
    allow_ties: bool = False
    criteria: tuple = ()
    weights: Mapping = field(default_factory=dict)
    min_score: int = 1
    max_score: int = 5

    @cached_property
    def item_set(self) -> frozenset:
        return frozenset(self.items)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _hashable_id(value) -> bool:
    if value is None:
        return False
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _exact(value) -> Fraction | None:
    """An exact number, or None for anything that is not a finite number (bools included)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(value) if value.is_finite() else None
    if isinstance(value, float):
        return Fraction(repr(value)) if math.isfinite(value) else None
    return None


def _norm(value) -> Number:
    value = Fraction(value)
    return value.numerator if value.denominator == 1 else value


def _distinct_ids(values, field_name, few_key, few_min, errors) -> tuple:
    """Distinct hashable ids (items or criteria), at least `few_min` of them."""
    if not isinstance(values, (list, tuple)):
        errors.append(FieldError(field_name, few_key, {"min": few_min}))
        return ()
    seen: list = []
    for value in values:
        if not _hashable_id(value):
            errors.append(FieldError(field_name, "voting.err_id_type", {"value": repr(value)}))
        elif value in seen:
            errors.append(FieldError(field_name, "voting.err_id_duplicate", {"value": value}))
        else:
            seen.append(value)
    if len(seen) < few_min:
        errors.append(FieldError(field_name, few_key, {"min": few_min}))
    return tuple(seen)


def _parse_config(kind, config) -> _Poll:
    if kind not in KINDS:
        raise InputError([FieldError("kind", "voting.err_kind", {"kind": kind})])
    if not isinstance(config, Mapping):
        raise TypeError("poll config must be a mapping")
    errors: list[FieldError] = []
    items = _distinct_ids(config.get("items"), "items", "voting.err_items_few", 2, errors)
    n = len(items)
    values: dict = {"kind": kind, "items": items}
    if kind == "multiple":
        max_choices = config.get("max_choices")
        if max_choices is not None and not (_is_int(max_choices) and 1 <= max_choices <= max(n, 1)):
            errors.append(FieldError("max_choices", "voting.err_max_choices", {"max": n}))
        values["max_choices"] = max_choices
    elif kind == "dots":
        dots = config.get("dots")
        if not (_is_int(dots) and dots >= 1):
            errors.append(FieldError("dots", "voting.err_dots"))
            dots = 1
        max_per_item = config.get("max_per_item", dots)
        if not (_is_int(max_per_item) and 1 <= max_per_item <= dots):
            errors.append(FieldError("max_per_item", "voting.err_max_per_item", {"max": dots}))
        values.update(dots=dots, max_per_item=max_per_item)
    elif kind == "ranking":
        min_ranked = config.get("min_ranked", 1)
        if not (_is_int(min_ranked) and 1 <= min_ranked <= max(n, 1)):
            errors.append(FieldError("min_ranked", "voting.err_min_ranked", {"max": n}))
        values["min_ranked"] = min_ranked
    elif kind == "pairwise":
        allow_ties = config.get("allow_ties", False)
        if not isinstance(allow_ties, bool):
            errors.append(FieldError("allow_ties", "voting.err_allow_ties"))
        values["allow_ties"] = allow_ties is True
    elif kind == "matrix":
        criteria = _distinct_ids(config.get("criteria"), "criteria", "voting.err_criteria_few", 1, errors)
        weights = {c: Fraction(1) for c in criteria}
        given = config.get("weights")
        if given is not None:
            if not isinstance(given, Mapping):
                errors.append(FieldError("weights", "voting.err_weight", {"criterion": ""}))
                given = {}
            for criterion, weight in given.items():
                exact = _exact(weight)
                if criterion not in weights:
                    errors.append(
                        FieldError("weights", "voting.err_unknown_criterion", {"criterion": criterion})
                    )
                elif exact is None or exact < 0:
                    errors.append(FieldError("weights", "voting.err_weight", {"criterion": criterion}))
                else:
                    weights[criterion] = exact
            if criteria and not any(weights.values()):
                errors.append(FieldError("weights", "voting.err_weights_zero"))
        min_score = config.get("min_score", 1)
        max_score = config.get("max_score", 5)
        if not (_is_int(min_score) and _is_int(max_score) and min_score < max_score):
            errors.append(FieldError("scale", "voting.err_score_scale"))
        values.update(criteria=criteria, weights=weights, min_score=min_score, max_score=max_score)
    if errors:
        raise InputError(errors)
    return _Poll(**values)


def validate_config(kind: str, config: Mapping) -> None:
    """Raise InputError listing every problem with a poll's settings."""
    _parse_config(kind, config)


# --------------------------------------------------------------------------- ballots


def _is_list(value) -> bool:
    return isinstance(value, (list, tuple))


def _check_single(poll: _Poll, ballot) -> list:
    if ballot is None:
        return [("voting.err_empty_ballot", {})]
    if not _hashable_id(ballot):
        return [("voting.err_ballot_type", {})]
    if ballot not in poll.item_set:
        return [("voting.err_unknown_item", {"item": ballot})]
    return []


def _check_items(poll: _Poll, chosen) -> list:
    """Unknown and duplicate items in a list of item ids."""
    problems, seen = [], []
    for item in chosen:
        if not _hashable_id(item) or item not in poll.item_set:
            problems.append(("voting.err_unknown_item", {"item": item}))
        elif item in seen:
            problems.append(("voting.err_duplicate_item", {"item": item}))
        else:
            seen.append(item)
    return problems


def _check_multiple(poll: _Poll, ballot) -> list:
    if not (_is_list(ballot) or isinstance(ballot, Set)):
        return [("voting.err_ballot_type", {})]
    if not ballot:
        return [("voting.err_empty_ballot", {})]
    problems = _check_items(poll, ballot)
    if poll.max_choices is not None and len(ballot) > poll.max_choices:
        problems.append(("voting.err_too_many_choices", {"max": poll.max_choices}))
    return problems


def _check_dots(poll: _Poll, ballot) -> list:
    if not isinstance(ballot, Mapping):
        return [("voting.err_ballot_type", {})]
    problems, spent = [], 0
    for item, dots in ballot.items():
        if not _hashable_id(item) or item not in poll.item_set:
            problems.append(("voting.err_unknown_item", {"item": item}))
        elif not (_is_int(dots) and dots >= 0):
            problems.append(("voting.err_dot_count", {"item": item}))
        elif dots > poll.max_per_item:
            problems.append(("voting.err_too_many_dots_item", {"item": item, "max": poll.max_per_item}))
        if _is_int(dots) and dots > 0:
            spent += dots
    if spent > poll.dots:
        problems.append(("voting.err_too_many_dots", {"max": poll.dots}))
    if spent == 0 and not problems:
        problems.append(("voting.err_empty_ballot", {}))
    return problems


def _check_ranking(poll: _Poll, ballot) -> list:
    if not _is_list(ballot):
        return [("voting.err_ballot_type", {})]
    if not ballot:
        return [("voting.err_empty_ballot", {})]
    problems = _check_items(poll, ballot)
    if len(ballot) < poll.min_ranked:
        problems.append(("voting.err_too_few_ranked", {"min": poll.min_ranked}))
    return problems


def _comparisons(ballot) -> list | None:
    """A pairwise ballot as a list of (a, b, winner), or None if it has neither shape."""
    if isinstance(ballot, Mapping):
        out = []
        for pair, winner in ballot.items():
            if not (_is_list(pair) and len(pair) == 2):
                return None
            out.append((pair[0], pair[1], winner))
        return out
    if _is_list(ballot) and all(_is_list(c) and len(c) == 3 for c in ballot):
        return [tuple(c) for c in ballot]
    return None


def _check_pairwise(poll: _Poll, ballot) -> list:
    comparisons = _comparisons(ballot)
    if comparisons is None:
        return [("voting.err_ballot_type", {})]
    if not comparisons:
        return [("voting.err_empty_ballot", {})]
    problems, seen = [], set()
    for a, b, winner in comparisons:
        known = [x for x in (a, b) if _hashable_id(x) and x in poll.item_set]
        for x in (a, b):
            if x not in known:
                problems.append(("voting.err_unknown_item", {"item": x}))
        if len(known) < 2:
            continue
        if a == b:
            problems.append(("voting.err_pair_same", {"item": a}))
            continue
        pair = frozenset((a, b))
        if pair in seen:
            problems.append(("voting.err_duplicate_pair", {"a": a, "b": b}))
        seen.add(pair)
        if winner is None:
            if not poll.allow_ties:
                problems.append(("voting.err_pair_tie", {"a": a, "b": b}))
        elif not _hashable_id(winner) or winner not in (a, b):
            problems.append(("voting.err_pair_winner", {"a": a, "b": b}))
    for a, b in combinations(poll.items, 2):
        if frozenset((a, b)) not in seen:
            problems.append(("voting.err_missing_pair", {"a": a, "b": b}))
    return problems


def _check_matrix(poll: _Poll, ballot) -> list:
    if not isinstance(ballot, Mapping):
        return [("voting.err_ballot_type", {})]
    if not ballot:
        return [("voting.err_empty_ballot", {})]
    problems = []
    for item, row in ballot.items():
        if not _hashable_id(item) or item not in poll.item_set:
            problems.append(("voting.err_unknown_item", {"item": item}))
        elif not isinstance(row, Mapping):
            problems.append(("voting.err_ballot_type", {}))
        else:
            for criterion in row:
                if criterion not in poll.weights:
                    problems.append(("voting.err_unknown_criterion", {"criterion": criterion}))
    for item in poll.items:
        row = ballot.get(item)
        for criterion in poll.criteria:
            score = row.get(criterion) if isinstance(row, Mapping) else None
            if score is None:
                problems.append(("voting.err_missing_score", {"item": item, "criterion": criterion}))
            elif not (_is_int(score) and poll.min_score <= score <= poll.max_score):
                problems.append(
                    (
                        "voting.err_score_range",
                        {"item": item, "criterion": criterion, "min": poll.min_score, "max": poll.max_score},
                    )
                )
    return problems


_CHECKS = {
    "single": _check_single,
    "multiple": _check_multiple,
    "dots": _check_dots,
    "ranking": _check_ranking,
    "pairwise": _check_pairwise,
    "matrix": _check_matrix,
}


def _ballot_errors(poll: _Poll, ballot, field_name: str, row: int | None) -> list[FieldError]:
    errors, seen = [], []
    for key, params in _CHECKS[poll.kind](poll, ballot):
        if (key, params) not in seen:  # one message per distinct problem
            seen.append((key, params))
            errors.append(FieldError(field_name, key, params, row))
    return errors


def validate_ballot(kind: str, config: Mapping, ballot) -> None:
    """Raise InputError (field 'ballot', keys 'voting.err_*') listing what is wrong with a ballot."""
    errors = _ballot_errors(_parse_config(kind, config), ballot, "ballot", None)
    if errors:
        raise InputError(errors)


# --------------------------------------------------------------------------- inputs


def _parse_hand(poll: _Poll, hand) -> tuple[dict, tuple, int, list[FieldError]]:
    """Hand points as exact numbers, paper ballots and hand voters, plus any problems."""
    if hand is None:
        return {}, (), 0, []
    if isinstance(hand, Mapping):
        hand = Hand(points=hand)
    if not isinstance(hand, Hand):
        raise TypeError("hand must be a Hand, a mapping of points, or None")
    if not isinstance(hand.points, Mapping):
        raise TypeError("Hand.points must be a mapping of item -> count")
    errors: list[FieldError] = []
    points: dict = {}
    if hand.points and poll.kind == "matrix":
        errors.append(FieldError("hand_count", "voting.err_hand_matrix"))
    else:
        # twice the value must be whole where "sama penting" gives half points
        scale = 2 if poll.kind == "pairwise" and poll.allow_ties else 1
        for item, value in hand.points.items():
            exact = _exact(value)
            if not _hashable_id(item) or item not in poll.item_set:
                errors.append(FieldError("hand_count", "voting.err_unknown_item", {"item": item}))
            elif exact is None or exact < 0 or (exact * scale).denominator != 1:
                errors.append(FieldError("hand_count", "voting.err_hand_count", {"item": item}))
            else:
                points[item] = _norm(exact)
    if not (_is_int(hand.voters) and hand.voters >= 0):
        errors.append(FieldError("hand_count", "voting.err_hand_voters"))
    if not _is_list(hand.ballots):
        raise TypeError("Hand.ballots must be a list or tuple of ballots")
    for row, ballot in enumerate(hand.ballots, start=1):
        errors += _ballot_errors(poll, ballot, "paper_ballot", row)
    voters = hand.voters if _is_int(hand.voters) else 0
    return points, tuple(hand.ballots), voters, errors


def _parse_tie_rule(kind: str, tie_rule, seed) -> tuple[tuple, list[FieldError]]:
    chain = (tie_rule,) if isinstance(tie_rule, str) else tuple(tie_rule)
    allowed = RULES_BY_KIND[kind]
    errors = [
        FieldError("tie_rule", "voting.err_tie_rule", {"rule": rule})
        for rule in chain
        if rule not in allowed or (rule == "none" and len(chain) > 1)
    ]
    if not chain:
        chain = ("none",)
    if "lot" in chain and (seed is None or not isinstance(seed, (int, str)) or isinstance(seed, bool)):
        errors.append(FieldError("tie_rule", "voting.err_lot_seed"))
    return chain, errors


# --------------------------------------------------------------------------- ordering


def _partition(items, key) -> list[tuple]:
    """Items grouped by equal key, highest key first; config order inside a group."""
    ordered = sorted(items, key=key, reverse=True)  # sorted() is stable even reversed
    return [tuple(group) for _, group in groupby(ordered, key=key)]


def _break(group: tuple, chain: tuple, breakers: dict, rng, log: list) -> list[tuple]:
    """Split a tie group with the first rule that separates it; recurse into the parts."""
    if len(group) < 2 or not chain:
        return [group]
    rule, rest = chain[0], chain[1:]
    if rule == "none":
        return [group]
    if rule == "lot":
        drawn = list(group)
        rng.shuffle(drawn)
        log.append(TieBreak("lot", group, tuple((i,) for i in drawn), {i: n for n, i in enumerate(drawn, 1)}))
        return [(i,) for i in drawn]
    values = breakers[rule](group)
    parts = _partition(group, values.__getitem__)
    if len(parts) == 1:
        return _break(group, rest, breakers, rng, log)
    log.append(TieBreak(rule, group, tuple(parts), {i: values[i] for i in group}))
    out: list[tuple] = []
    for part in parts:  # the same rule again: head-to-head inside a smaller group can differ
        out += _break(part, chain, breakers, rng, log)
    return out


def _result(poll, phone, hand, total, chain, seed, breakers, phone_n, hand_n, **detail) -> TallyResult:
    rng = random.Random(seed) if "lot" in chain else None
    log: list[TieBreak] = []
    groups: list[tuple] = []
    for group in _partition(poll.items, total.__getitem__):
        groups += _break(group, chain, breakers, rng, log)
    items, ahead = [], 0
    for group in groups:
        for item in group:
            figures = (_norm(phone[item]), _norm(hand[item]), _norm(total[item]))
            items.append(ItemResult(item, *figures, rank=ahead + 1, tied=len(group) > 1))
        ahead += len(group)
    return TallyResult(
        kind=poll.kind,
        items=tuple(items),
        phone_ballots=phone_n,
        hand_ballots=hand_n,
        tie_groups=tuple(g for g in groups if len(g) > 1),
        tie_rule=chain,
        seed=seed if "lot" in chain else None,
        tie_breaks=tuple(log),
        **detail,
    )


# --------------------------------------------------------------------------- tallies


def _zero(poll: _Poll) -> dict:
    return {item: 0 for item in poll.items}


def _add(into: dict, points: dict) -> dict:
    for item, value in points.items():
        into[item] += value
    return into


def _ballot_points(poll: _Poll, ballot) -> dict:
    """What one valid ballot gives each item (every kind but matrix)."""
    kind, n = poll.kind, len(poll.items)
    if kind == "single":
        return {ballot: 1}
    if kind == "multiple":
        return {item: 1 for item in ballot}
    if kind == "dots":
        return dict(ballot)
    if kind == "ranking":
        return {item: n - position for position, item in enumerate(ballot, start=1)}
    points: dict = {}
    for a, b, winner in _comparisons(ballot):
        if winner is None:
            points[a] = points.get(a, 0) + Fraction(1, 2)
            points[b] = points.get(b, 0) + Fraction(1, 2)
        else:
            points[winner] = points.get(winner, 0) + 1
    return points


def _additive(poll, phone, hand_points, paper, chain, seed, hand_voters, make_breakers=None, **detail):
    """Tally a kind whose figures are sums; `make_breakers(total)` gives its tie rules."""
    phone_points = _zero(poll)
    for ballot in phone:
        _add(phone_points, _ballot_points(poll, ballot))
    hand = _add(_zero(poll), hand_points)
    for ballot in paper:
        _add(hand, _ballot_points(poll, ballot))
    total = {item: phone_points[item] + hand[item] for item in poll.items}
    breakers = make_breakers(total) if make_breakers else {}
    hand_n = len(paper) + hand_voters
    return _result(poll, phone_points, hand, total, chain, seed, breakers, len(phone), hand_n, **detail)


def _rank_table(poll: _Poll, ballots) -> dict:
    table = {item: [0] * len(poll.items) for item in poll.items}
    for ballot in ballots:
        for position, item in enumerate(ballot):
            table[item][position] += 1
    return {item: tuple(places) for item, places in table.items()}


def _tally_ranking(poll, phone, hand_points, paper, chain, seed, hand_voters):
    table = _rank_table(poll, list(phone) + list(paper))
    breakers = lambda total: {"most_first_places": lambda group: {i: table[i] for i in group}}  # noqa: E731
    return _additive(poll, phone, hand_points, paper, chain, seed, hand_voters, breakers, rank_table=table)


def _win_matrix(poll: _Poll, ballots) -> dict:
    matrix = {a: {b: 0 for b in poll.items if b != a} for a in poll.items}
    for ballot in ballots:
        for a, b, winner in _comparisons(ballot):
            if winner is None:
                matrix[a][b] += Fraction(1, 2)
                matrix[b][a] += Fraction(1, 2)
            else:
                matrix[winner][b if winner == a else a] += 1
    return {a: {b: _norm(v) for b, v in row.items()} for a, row in matrix.items()}


def _tally_pairwise(poll, phone, hand_points, paper, chain, seed, hand_voters):
    matrix = _win_matrix(poll, list(phone) + list(paper))

    def head_to_head(group):
        def score(i, j):
            return 1 if matrix[i][j] > matrix[j][i] else Fraction(1, 2) if matrix[i][j] == matrix[j][i] else 0

        return {i: _norm(sum(score(i, j) for j in group if j != i)) for i in group}

    def breakers(total):
        def opponent_wins(group):
            return {i: _norm(sum(matrix[i][j] * total[j] for j in matrix[i])) for i in group}

        return {"head_to_head": head_to_head, "opponent_wins": opponent_wins}

    return _additive(poll, phone, hand_points, paper, chain, seed, hand_voters, breakers, win_matrix=matrix)


def _score_sums(poll: _Poll, ballots) -> dict:
    sums = {item: {c: 0 for c in poll.criteria} for item in poll.items}
    for ballot in ballots:
        for item in poll.items:
            for c in poll.criteria:
                sums[item][c] += ballot[item][c]
    return sums


def _weighted(poll: _Poll, sums: dict, count: int) -> dict:
    if not count:
        return _zero(poll)
    return {
        item: sum(poll.weights[c] * Fraction(sums[item][c], count) for c in poll.criteria)
        for item in poll.items
    }


def _tally_matrix(poll, phone, hand_points, paper, chain, seed, hand_voters):
    phone_sums, paper_sums = _score_sums(poll, phone), _score_sums(poll, paper)
    count = len(phone) + len(paper)
    all_sums = {i: {c: phone_sums[i][c] + paper_sums[i][c] for c in poll.criteria} for i in poll.items}
    means = {
        i: {c: _norm(Fraction(all_sums[i][c], count)) if count else 0 for c in poll.criteria} for i in poll.items
    }
    heaviest_first = sorted(poll.criteria, key=poll.weights.__getitem__, reverse=True)
    breakers = {
        "highest_weight_criterion": lambda group: {i: tuple(means[i][c] for c in heaviest_first) for i in group}
    }
    return _result(
        poll,
        _weighted(poll, phone_sums, len(phone)),
        _weighted(poll, paper_sums, len(paper)),
        _weighted(poll, all_sums, count),
        chain,
        seed,
        breakers,
        len(phone),
        len(paper) + hand_voters,
        criterion_means=means,
    )


def _tally_counts(poll, phone, hand_points, paper, chain, seed, hand_voters):
    return _additive(poll, phone, hand_points, paper, chain, seed, hand_voters)


_TALLIES = {
    "single": _tally_counts,
    "multiple": _tally_counts,
    "dots": _tally_counts,
    "ranking": _tally_ranking,
    "pairwise": _tally_pairwise,
    "matrix": _tally_matrix,
}


def tally(kind: str, config: Mapping, phone, hand=None, *, tie_rule="none", seed=None) -> TallyResult:
    """Count `phone` ballots plus an optional hand count; see the module docstring.

    Every ballot is validated: bad ones raise InputError with field 'ballot' (phone) or
    'paper_ballot' (hand) and `row` = the ballot's 1-based position in its list."""
    poll = _parse_config(kind, config)
    phone = list(phone)
    errors: list[FieldError] = []
    for row, ballot in enumerate(phone, start=1):
        errors += _ballot_errors(poll, ballot, "ballot", row)
    hand_points, paper, hand_voters, hand_errors = _parse_hand(poll, hand)
    chain, rule_errors = _parse_tie_rule(kind, tie_rule, seed)
    errors += hand_errors + rule_errors
    if errors:
        raise InputError(errors)
    return _TALLIES[kind](poll, phone, hand_points, paper, chain, seed, hand_voters)


def tally_single(config, phone, hand=None, *, tie_rule="none", seed=None) -> TallyResult:
    return tally("single", config, phone, hand, tie_rule=tie_rule, seed=seed)


def tally_multiple(config, phone, hand=None, *, tie_rule="none", seed=None) -> TallyResult:
    return tally("multiple", config, phone, hand, tie_rule=tie_rule, seed=seed)


def tally_dots(config, phone, hand=None, *, tie_rule="none", seed=None) -> TallyResult:
    return tally("dots", config, phone, hand, tie_rule=tie_rule, seed=seed)


def tally_ranking(config, phone, hand=None, *, tie_rule="none", seed=None) -> TallyResult:
    return tally("ranking", config, phone, hand, tie_rule=tie_rule, seed=seed)


def tally_pairwise(config, phone, hand=None, *, tie_rule="none", seed=None) -> TallyResult:
    return tally("pairwise", config, phone, hand, tie_rule=tie_rule, seed=seed)


def tally_matrix(config, phone, hand=None, *, tie_rule="none", seed=None) -> TallyResult:
    return tally("matrix", config, phone, hand, tie_rule=tie_rule, seed=seed)
