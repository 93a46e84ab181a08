"""Poll tallies: hand-worked examples per kind, ballot validation, and hypothesis properties."""
from __future__ import annotations

import re
from fractions import Fraction
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.errors import InputError
from facilitation.i18n import t
from facilitation.voting_tally import (
    KINDS,
    RULES_BY_KIND,
    Hand,
    tally,
    tally_dots,
    tally_matrix,
    tally_multiple,
    tally_pairwise,
    tally_ranking,
    tally_single,
    validate_ballot,
    validate_config,
)

ROOT = Path(__file__).resolve().parent.parent
FAST = settings(max_examples=100, deadline=None)


def totals(result):
    return {r.item_id: r.total for r in result.items}


def ranks(result):
    return {r.item_id: r.rank for r in result.items}


def error_keys(exc_info):
    return [e.key for e in exc_info.value.errors]


def pairs_from_order(order):
    """The pairwise ballot a voter with this full ranking would fill in."""
    position = {item: p for p, item in enumerate(order)}
    return [(a, b, a if position[a] < position[b] else b) for a, b in combinations(sorted(order), 2)]


# --------------------------------------------------------------------------- single / multiple


def test_single_choice_counts_phone_and_hand_apart_and_together():
    config = {"items": ["a", "b", "c"]}
    result = tally_single(config, ["a", "a", "b"], Hand(points={"b": 2, "c": 1}, voters=3))
    assert [(r.item_id, r.phone, r.hand, r.total, r.rank, r.tied) for r in result.items] == [
        ("b", 1, 2, 3, 1, False),
        ("a", 2, 0, 2, 2, False),
        ("c", 0, 1, 1, 3, False),
    ]
    assert (result.phone_ballots, result.hand_ballots, result.ballots) == (3, 3, 6)
    assert result.tie_groups == () and result.tie_rule == ("none",)


def test_single_choice_tie_is_shown_not_broken():
    result = tally_single({"items": ["a", "b", "c"]}, ["b", "a"])
    assert ranks(result) == {"a": 1, "b": 1, "c": 3}
    assert [r.tied for r in result.items] == [True, True, False]
    assert result.tie_groups == (("a", "b"),)
    assert result.tie_breaks == ()


def test_single_choice_rejects_unknown_item_and_lists():
    with pytest.raises(InputError) as exc:
        validate_ballot("single", {"items": [1, 2]}, 3)
    assert error_keys(exc) == ["voting.err_unknown_item"]
    assert exc.value.errors[0].params == {"item": 3}
    with pytest.raises(InputError) as exc:
        validate_ballot("single", {"items": [1, 2]}, [1])
    assert error_keys(exc) == ["voting.err_ballot_type"]


def test_multiple_choice_with_limit():
    config = {"items": ["a", "b", "c"], "max_choices": 2}
    result = tally_multiple(config, [["a", "b"], {"b", "c"}, ("b",)])
    assert totals(result) == {"b": 3, "a": 1, "c": 1}
    assert ranks(result) == {"b": 1, "a": 2, "c": 2}
    with pytest.raises(InputError) as exc:
        validate_ballot("multiple", config, ["a", "b", "c"])
    assert error_keys(exc) == ["voting.err_too_many_choices"]
    with pytest.raises(InputError) as exc:
        validate_ballot("multiple", config, ["a", "a"])
    assert error_keys(exc) == ["voting.err_duplicate_item"]
    with pytest.raises(InputError) as exc:
        validate_ballot("multiple", config, [])
    assert error_keys(exc) == ["voting.err_empty_ballot"]
    with pytest.raises(InputError) as exc:
        validate_ballot("multiple", config, "ab")  # a string is not a list of items
    assert error_keys(exc) == ["voting.err_ballot_type"]


# --------------------------------------------------------------------------- dots


def test_dot_voting_with_stickers_counted_by_hand():
    config = {"items": ["a", "b", "c"], "dots": 3, "max_per_item": 2}
    phone = [{"a": 2, "b": 1}, {"b": 2}, {"c": 1, "a": 0}]
    result = tally_dots(config, phone, {"c": 4})  # a bare mapping is Hand(points=...)
    assert [(r.item_id, r.phone, r.hand, r.total) for r in result.items] == [
        ("c", 1, 4, 5),
        ("b", 3, 0, 3),
        ("a", 2, 0, 2),
    ]
    assert result.hand_ballots == 0


@pytest.mark.parametrize(
    "ballot, keys",
    [
        ({"a": 3}, ["voting.err_too_many_dots_item"]),
        ({"a": 2, "b": 2}, ["voting.err_too_many_dots"]),
        ({"a": 0}, ["voting.err_empty_ballot"]),
        ({"z": 1}, ["voting.err_unknown_item"]),
        ({"a": -1, "b": 1}, ["voting.err_dot_count"]),
        ({"a": True}, ["voting.err_dot_count"]),
        (["a", "b"], ["voting.err_ballot_type"]),
    ],
)
def test_dot_ballot_rules(ballot, keys):
    config = {"items": ["a", "b", "c"], "dots": 3, "max_per_item": 2}
    with pytest.raises(InputError) as exc:
        validate_ballot("dots", config, ballot)
    assert error_keys(exc) == keys


def test_dots_default_to_cumulative():
    validate_ballot("dots", {"items": ["a", "b"], "dots": 4}, {"a": 4})
    with pytest.raises(InputError) as exc:
        validate_ballot("dots", {"items": ["a", "b"], "dots": 4, "max_per_item": 1}, {"a": 2})
    assert error_keys(exc) == ["voting.err_too_many_dots_item"]


# --------------------------------------------------------------------------- ranking


def test_borda_with_partial_rankings_and_rank_table():
    config = {"items": ["a", "b", "c", "d"]}
    # n = 4: 1st gets 3, 2nd 2, 3rd 1, 4th 0; unranked 0
    phone = [["a", "b", "c", "d"], ["b", "c"], ["a", "c"]]
    result = tally_ranking(config, phone)
    assert totals(result) == {"a": 6, "b": 5, "c": 5, "d": 0}
    assert ranks(result) == {"a": 1, "b": 2, "c": 2, "d": 4}
    assert result.tie_groups == (("b", "c"),)
    assert result.rank_table == {
        "a": (2, 0, 0, 0),
        "b": (1, 1, 0, 0),
        "c": (0, 2, 1, 0),
        "d": (0, 0, 0, 1),
    }
    broken = tally_ranking(config, phone, tie_rule="most_first_places")
    assert [r.item_id for r in broken.items] == ["a", "b", "c", "d"]
    assert ranks(broken) == {"a": 1, "b": 2, "c": 3, "d": 4}
    assert broken.tie_groups == ()
    assert len(broken.tie_breaks) == 1
    assert broken.tie_breaks[0].rule == "most_first_places"
    assert broken.tie_breaks[0].group == ("b", "c")
    assert broken.tie_breaks[0].order == (("b",), ("c",))


def test_ranking_all_but_one_item_equals_the_full_ranking():
    config = {"items": ["a", "b", "c", "d"]}
    assert totals(tally_ranking(config, [["c", "a", "d"]])) == totals(tally_ranking(config, [["c", "a", "d", "b"]]))


def test_ranking_hand_points_and_paper_ballots():
    config = {"items": ["a", "b", "c"]}
    result = tally_ranking(config, [["a", "b", "c"]], Hand(points={"c": 4}, ballots=[["b", "a"]]))
    assert [(r.item_id, r.phone, r.hand, r.total) for r in result.items] == [
        ("c", 0, 4, 4),
        ("a", 2, 1, 3),
        ("b", 1, 2, 3),
    ]
    # paper ballots enter the rank table, aggregated points cannot
    assert result.rank_table == {"a": (1, 1, 0), "b": (1, 1, 0), "c": (0, 0, 1)}
    assert result.hand_ballots == 1


@pytest.mark.parametrize(
    "ballot, keys",
    [
        (["a", "a"], ["voting.err_duplicate_item"]),
        (["a", "x"], ["voting.err_unknown_item"]),
        ([], ["voting.err_empty_ballot"]),
        (["a"], ["voting.err_too_few_ranked"]),
        ({"a": 1}, ["voting.err_ballot_type"]),
    ],
)
def test_ranking_ballot_rules(ballot, keys):
    with pytest.raises(InputError) as exc:
        validate_ballot("ranking", {"items": ["a", "b", "c"], "min_ranked": 2}, ballot)
    assert error_keys(exc) == keys


# --------------------------------------------------------------------------- pairwise

# A>B, A>C, D>A, B>C, B>D, C>D: wins A 2, B 2, C 1, D 1
PAIRS = {("A", "B"): "A", ("A", "C"): "A", ("A", "D"): "D", ("B", "C"): "B", ("B", "D"): "B", ("C", "D"): "C"}
ABCD = {"items": ["A", "B", "C", "D"]}


def test_pairwise_wins_and_win_matrix():
    result = tally_pairwise(ABCD, [PAIRS])
    assert totals(result) == {"A": 2, "B": 2, "C": 1, "D": 1}
    assert result.tie_groups == (("A", "B"), ("C", "D"))
    assert result.win_matrix["A"] == {"B": 1, "C": 1, "D": 0}
    assert result.win_matrix["D"] == {"A": 1, "B": 0, "C": 0}


def test_pairwise_list_and_dict_ballots_agree():
    as_list = [[a, b, w] for (a, b), w in PAIRS.items()]
    assert tally_pairwise(ABCD, [as_list]) == tally_pairwise(ABCD, [PAIRS])


def test_pairwise_head_to_head_vs_opponent_wins():
    h2h = tally_pairwise(ABCD, [PAIRS], tie_rule="head_to_head")
    assert [r.item_id for r in h2h.items] == ["A", "B", "C", "D"]  # A beat B, C beat D
    # opponent wins: A beat B(2)+C(1)=3 > B beat C(1)+D(1)=2; D beat A(2)=2 > C beat D(1)=1
    ow = tally_pairwise(ABCD, [PAIRS], tie_rule="opponent_wins")
    assert [r.item_id for r in ow.items] == ["A", "B", "D", "C"]
    assert ow.tie_breaks[1].values == {"C": 1, "D": 2}
    assert ranks(ow) == {"A": 1, "B": 2, "D": 3, "C": 4}


def test_pairwise_cycle_stays_tied_until_lots_are_drawn():
    config = {"items": ["A", "B", "C"]}
    cycle = [("A", "B", "A"), ("B", "C", "B"), ("A", "C", "C")]
    tied = tally_pairwise(config, [cycle], tie_rule=["head_to_head", "opponent_wins"])
    assert tied.tie_groups == (("A", "B", "C"),) and tied.tie_breaks == ()
    drawn = tally_pairwise(config, [cycle], tie_rule=["head_to_head", "opponent_wins", "lot"], seed=2024)
    again = tally_pairwise(config, [cycle], tie_rule=["head_to_head", "opponent_wins", "lot"], seed=2024)
    assert drawn == again
    assert drawn.seed == 2024 and drawn.tie_rule == ("head_to_head", "opponent_wins", "lot")
    assert drawn.tie_groups == ()
    (lot,) = drawn.tie_breaks
    assert lot.rule == "lot" and lot.group == ("A", "B", "C")
    assert [r.item_id for r in drawn.items] == [g[0] for g in lot.order]
    assert sorted(lot.values.values()) == [1, 2, 3]
    seeds = {tuple(r.item_id for r in tally_pairwise(config, [cycle], tie_rule="lot", seed=s).items) for s in range(30)}
    assert len(seeds) > 1  # the seed really drives the draw


def test_head_to_head_reapplies_inside_a_smaller_group():
    # A, B, C, D tie on 3 wins. Among themselves (PAIRS) A and B won 2, C and D 1;
    # then head to head again: A beat B, C beat D. E and F only even out the totals.
    config = {"items": ["A", "B", "C", "D", "E", "F"]}
    extra = {("A", "E"): "A", ("B", "E"): "B", ("C", "E"): "C", ("D", "E"): "D", ("E", "F"): "E",
             ("A", "F"): "F", ("B", "F"): "F", ("C", "F"): "C", ("D", "F"): "D"}
    result = tally_pairwise(config, [{**PAIRS, **extra}], tie_rule="head_to_head")
    assert totals(result) == {"A": 3, "B": 3, "C": 3, "D": 3, "F": 2, "E": 1}
    assert [r.item_id for r in result.items] == ["A", "B", "C", "D", "F", "E"]
    assert [(tb.group, tb.values) for tb in result.tie_breaks] == [
        (("A", "B", "C", "D"), {"A": 2, "B": 2, "C": 1, "D": 1}),
        (("A", "B"), {"A": 1, "B": 0}),
        (("C", "D"), {"C": 1, "D": 0}),
    ]


def test_pairwise_sama_penting_gives_half_points_when_allowed():
    config = {"items": ["A", "B", "C"], "allow_ties": True}
    ballot = [("A", "B", None), ("A", "C", "A"), ("B", "C", "B")]
    result = tally_pairwise(config, [ballot], Hand(points={"C": Fraction(3, 2)}))
    assert totals(result) == {"A": Fraction(3, 2), "B": Fraction(3, 2), "C": Fraction(3, 2)}
    assert result.win_matrix["A"]["B"] == Fraction(1, 2)
    assert result.rows()[0]["total"] == 1.5
    with pytest.raises(InputError) as exc:
        validate_ballot("pairwise", {"items": ["A", "B", "C"]}, ballot)
    assert error_keys(exc) == ["voting.err_pair_tie"]


@pytest.mark.parametrize(
    "ballot, keys",
    [
        ([("A", "B", "A"), ("A", "C", "A")], ["voting.err_missing_pair"]),
        ([("A", "B", "A"), ("B", "A", "B"), ("A", "C", "A"), ("B", "C", "B")], ["voting.err_duplicate_pair"]),
        ([("A", "B", "C"), ("A", "C", "A"), ("B", "C", "B")], ["voting.err_pair_winner"]),
        ([("A", "X", "A"), ("A", "B", "A"), ("A", "C", "A"), ("B", "C", "B")], ["voting.err_unknown_item"]),
        ([("A", "A", "A"), ("A", "B", "A"), ("A", "C", "A"), ("B", "C", "B")], ["voting.err_pair_same"]),
        ([], ["voting.err_empty_ballot"]),
        (["A", "B", "C"], ["voting.err_ballot_type"]),
    ],
)
def test_pairwise_ballot_rules(ballot, keys):
    with pytest.raises(InputError) as exc:
        validate_ballot("pairwise", {"items": ["A", "B", "C"]}, ballot)
    assert error_keys(exc) == keys


def test_missing_pairs_are_each_named():
    with pytest.raises(InputError) as exc:
        validate_ballot("pairwise", {"items": ["A", "B", "C"]}, [("A", "B", "B")])
    assert [e.params for e in exc.value.errors] == [{"a": "A", "b": "C"}, {"a": "B", "b": "C"}]


# --------------------------------------------------------------------------- matrix

MATRIX = {"items": ["x", "y"], "criteria": ["murah", "dekat"], "weights": {"murah": 2}}


def sheet(x_murah, x_dekat, y_murah, y_dekat):
    return {"x": {"murah": x_murah, "dekat": x_dekat}, "y": {"murah": y_murah, "dekat": y_dekat}}


def test_matrix_weighted_sum_of_means_over_phone_paper_and_both():
    phone = [sheet(5, 1, 3, 4), sheet(3, 2, 4, 4)]
    paper = [sheet(5, 5, 1, 1)]
    result = tally_matrix(MATRIX, phone, Hand(ballots=paper))
    by_item = {r.item_id: r for r in result.items}
    # phone means: x murah 4, dekat 3/2 -> 2*4 + 3/2; y 7/2, 4 -> 7 + 4
    assert by_item["x"].phone == Fraction(19, 2) and by_item["y"].phone == 11
    # paper alone: x 2*5 + 5; y 2*1 + 1
    assert by_item["x"].hand == 15 and by_item["y"].hand == 3
    # pooled means over the three sheets: x 13/3, 8/3; y 8/3, 3
    assert result.criterion_means == {
        "x": {"murah": Fraction(13, 3), "dekat": Fraction(8, 3)},
        "y": {"murah": Fraction(8, 3), "dekat": 3},
    }
    assert by_item["x"].total == Fraction(34, 3) and by_item["y"].total == Fraction(25, 3)
    assert [r.item_id for r in result.items] == ["x", "y"]
    assert (result.phone_ballots, result.hand_ballots) == (2, 1)


def test_matrix_tie_broken_by_heaviest_criterion():
    phone = [sheet(4, 2, 3, 4)]  # x: 2*4 + 2 = 10, y: 2*3 + 4 = 10
    tied = tally_matrix(MATRIX, phone)
    assert tied.tie_groups == (("x", "y"),)
    broken = tally_matrix(MATRIX, phone, tie_rule="highest_weight_criterion")
    assert [r.item_id for r in broken.items] == ["x", "y"] and broken.tie_groups == ()
    # with dekat the heaviest, y wins the tie
    heavy_dekat = dict(MATRIX, weights={"murah": 1, "dekat": 3})
    phone = [sheet(5, 2, 2, 3)]  # x: 5 + 6 = 11, y: 2 + 9 = 11
    broken = tally_matrix(heavy_dekat, phone, tie_rule="highest_weight_criterion")
    assert [r.item_id for r in broken.items] == ["y", "x"]


@pytest.mark.parametrize(
    "ballot, keys",
    [
        (sheet(6, 1, 1, 1), ["voting.err_score_range"]),
        (sheet(0, 1, 1, 1), ["voting.err_score_range"]),
        (sheet(2.5, 1, 1, 1), ["voting.err_score_range"]),
        ({"x": {"murah": 1, "dekat": 1}}, ["voting.err_missing_score", "voting.err_missing_score"]),
        ({**sheet(1, 1, 1, 1), "z": {"murah": 1}}, ["voting.err_unknown_item"]),
        ({"x": {"murah": 1, "dekat": 1, "aman": 3}, "y": {"murah": 1, "dekat": 1}}, ["voting.err_unknown_criterion"]),
        ([1, 2], ["voting.err_ballot_type"]),
    ],
)
def test_matrix_ballot_rules(ballot, keys):
    with pytest.raises(InputError) as exc:
        validate_ballot("matrix", MATRIX, ballot)
    assert error_keys(exc) == keys


def test_matrix_takes_paper_sheets_not_aggregated_points():
    with pytest.raises(InputError) as exc:
        tally_matrix(MATRIX, [], Hand(points={"x": 3}))
    assert error_keys(exc) == ["voting.err_hand_matrix"]


def test_matrix_without_ballots_is_all_zero_and_tied():
    result = tally_matrix(MATRIX, [])
    assert totals(result) == {"x": 0, "y": 0} and result.tie_groups == (("x", "y"),)


# --------------------------------------------------------------------------- errors and rules


def test_tally_names_the_bad_ballots_by_position():
    with pytest.raises(InputError) as exc:
        tally_single({"items": ["a", "b"]}, ["a", "z", "b"], Hand(ballots=["q"], points={"c": 1, "a": -1}))
    got = [(e.field, e.key, e.row) for e in exc.value.errors]
    assert got == [
        ("ballot", "voting.err_unknown_item", 2),
        ("hand_count", "voting.err_unknown_item", None),
        ("hand_count", "voting.err_hand_count", None),
        ("paper_ballot", "voting.err_unknown_item", 1),
    ]


def test_hand_counts_must_be_whole_for_counts():
    with pytest.raises(InputError) as exc:
        tally_dots({"items": ["a", "b"], "dots": 2}, [], {"a": Fraction(1, 2)})
    assert error_keys(exc) == ["voting.err_hand_count"]
    with pytest.raises(InputError):
        tally_pairwise({"items": ["a", "b"]}, [], {"a": 0.5})  # halves only with "sama penting"
    assert tally_pairwise({"items": ["a", "b"], "allow_ties": True}, [], {"a": 0.5}).item("a").total == Fraction(1, 2)


@pytest.mark.parametrize(
    "kind, rule",
    [("single", "head_to_head"), ("ranking", "opponent_wins"), ("pairwise", "most_first_places"),
     ("dots", "highest_weight_criterion"), ("matrix", "coin"), ("single", ["none", "lot"])],
)
def test_tie_rule_must_fit_the_kind(kind, rule):
    config = {"items": ["a", "b"], "dots": 1, "criteria": ["c"]}
    with pytest.raises(InputError) as exc:
        tally(kind, config, [], tie_rule=rule, seed=1)
    assert "voting.err_tie_rule" in error_keys(exc)


def test_lots_need_a_seed():
    with pytest.raises(InputError) as exc:
        tally_single({"items": ["a", "b"]}, ["a", "b"], tie_rule="lot")
    assert error_keys(exc) == ["voting.err_lot_seed"]
    assert tally_single({"items": ["a", "b"]}, ["a", "b"]).seed is None


@pytest.mark.parametrize(
    "kind, config, keys",
    [
        ("single", {"items": ["a"]}, ["voting.err_items_few"]),
        ("single", {"items": ["a", "a"]}, ["voting.err_id_duplicate", "voting.err_items_few"]),
        ("single", {"items": "ab"}, ["voting.err_items_few"]),
        ("single", {"items": ["a", None]}, ["voting.err_id_type", "voting.err_items_few"]),
        ("multiple", {"items": ["a", "b"], "max_choices": 3}, ["voting.err_max_choices"]),
        ("dots", {"items": ["a", "b"]}, ["voting.err_dots"]),
        ("dots", {"items": ["a", "b"], "dots": 3, "max_per_item": 4}, ["voting.err_max_per_item"]),
        ("ranking", {"items": ["a", "b"], "min_ranked": 0}, ["voting.err_min_ranked"]),
        ("pairwise", {"items": ["a", "b"], "allow_ties": "no"}, ["voting.err_allow_ties"]),
        ("matrix", {"items": ["a", "b"], "criteria": []}, ["voting.err_criteria_few"]),
        ("matrix", {"items": ["a", "b"], "criteria": ["c"], "weights": {"c": -1}}, ["voting.err_weight"]),
        ("matrix", {"items": ["a", "b"], "criteria": ["c"], "weights": {"c": 0}}, ["voting.err_weights_zero"]),
        ("matrix", {"items": ["a", "b"], "criteria": ["c"], "weights": {"d": 1}}, ["voting.err_unknown_criterion"]),
        ("matrix", {"items": ["a", "b"], "criteria": ["c"], "min_score": 5, "max_score": 5}, ["voting.err_score_scale"]),
        ("vote", {"items": ["a", "b"]}, ["voting.err_kind"]),
    ],
)
def test_config_rules(kind, config, keys):
    with pytest.raises(InputError) as exc:
        validate_config(kind, config)
    assert error_keys(exc) == keys


def test_catalogs_hold_every_key_the_module_raises():
    source = (ROOT / "facilitation" / "voting_tally.py").read_text(encoding="utf-8")
    used = set(re.findall(r'"(voting\.[a-z_]+)"', source))
    assert used  # the pattern really finds the keys
    id_keys = yaml.safe_load((ROOT / "content/i18n/id/voting.yaml").read_text(encoding="utf-8"))
    en_keys = yaml.safe_load((ROOT / "content/i18n/en/voting.yaml").read_text(encoding="utf-8"))
    assert set(id_keys) == set(en_keys)
    assert all(key.startswith("voting.") for key in id_keys)
    assert used <= set(id_keys)


def test_errors_translate_with_their_params():
    with pytest.raises(InputError) as exc:
        validate_ballot("pairwise", {"items": ["A", "B", "C"]}, [("A", "B", "B")])
    message = t(exc.value.errors[0].key, "id", **exc.value.errors[0].params)
    assert message == "Pasangan A – C belum dibandingkan."
    assert t(exc.value.errors[0].key, "en", **exc.value.errors[0].params) == "The pair A – C has not been compared."


# --------------------------------------------------------------------------- properties

ITEM_NAMES = ["a", "b", "c", "d", "e", "f"]


@st.composite
def polls(draw, kind):
    """(config, phone ballots, Hand) for a kind, every ballot valid."""
    n = draw(st.integers(2, 6))
    items = ITEM_NAMES[:n]
    config: dict = {"items": items}
    if kind == "multiple":
        config["max_choices"] = draw(st.none() | st.integers(1, n))
    elif kind == "dots":
        config["dots"] = draw(st.integers(1, 5))
        config["max_per_item"] = draw(st.integers(1, config["dots"]))
    elif kind == "ranking":
        config["min_ranked"] = draw(st.integers(1, n))
    elif kind == "pairwise":
        config["allow_ties"] = draw(st.booleans())
    elif kind == "matrix":
        config["criteria"] = ["k1", "k2", "k3"][: draw(st.integers(1, 3))]
        weights = draw(st.lists(st.integers(0, 3), min_size=len(config["criteria"]), max_size=len(config["criteria"])))
        if any(weights):
            config["weights"] = dict(zip(config["criteria"], weights))
    ballot = ballots(kind, config)
    phone = draw(st.lists(ballot, max_size=8))
    paper = draw(st.lists(ballot, max_size=3))
    points = {}
    if kind != "matrix":
        step = Fraction(1, 2) if config.get("allow_ties") else 1
        points = draw(st.dictionaries(st.sampled_from(items), st.integers(0, 9).map(lambda v: v * step)))
    return config, phone, Hand(points=points, ballots=paper, voters=draw(st.integers(0, 3)))


def ballots(kind, config):
    items = config["items"]
    if kind == "single":
        return st.sampled_from(items)
    if kind == "multiple":
        return st.lists(st.sampled_from(items), min_size=1, max_size=config["max_choices"] or len(items), unique=True)
    if kind == "dots":
        return dot_ballots(items, config["dots"], config["max_per_item"])
    if kind == "ranking":
        return st.permutations(items).flatmap(
            lambda order: st.integers(config["min_ranked"], len(items)).map(lambda k: list(order[:k]))
        )
    if kind == "pairwise":
        def compare(pair):
            return st.sampled_from([pair[0], pair[1]] + ([None] if config["allow_ties"] else [])).map(
                lambda winner: (pair[0], pair[1], winner)
            )
        return st.tuples(*[compare(p) for p in combinations(items, 2)]).map(list)
    score = st.integers(1, 5)
    return st.fixed_dictionaries(
        {item: st.fixed_dictionaries({c: score for c in config["criteria"]}) for item in items}
    )


@st.composite
def dot_ballots(draw, items, dots, max_per_item):
    left, ballot = dots, {}
    for item in draw(st.permutations(items)):
        ballot[item] = draw(st.integers(0, min(max_per_item, left)))
        left -= ballot[item]
    if left == dots:  # spend at least one dot
        ballot[items[0]] = 1
    return ballot


def spent(kind, config, ballot):
    """Points a ballot spends, computed independently of the module."""
    n = len(config["items"])
    return {
        "single": lambda: 1,
        "multiple": lambda: len(ballot),
        "dots": lambda: sum(ballot.values()),
        "ranking": lambda: sum(n - p for p in range(1, len(ballot) + 1)),
        "pairwise": lambda: n * (n - 1) // 2,
    }[kind]()


def any_poll():
    return st.sampled_from(KINDS).flatmap(lambda kind: st.tuples(st.just(kind), polls(kind)))


ADDITIVE = [k for k in KINDS if k != "matrix"]


@FAST
@given(st.sampled_from(ADDITIVE).flatmap(lambda kind: st.tuples(st.just(kind), polls(kind))))
def test_totals_preserved(case):
    kind, (config, phone, hand) = case
    result = tally(kind, config, phone, hand)
    assert sum(r.phone for r in result.items) == sum(spent(kind, config, b) for b in phone)
    assert sum(r.hand for r in result.items) == sum(spent(kind, config, b) for b in hand.ballots) + sum(
        hand.points.values()
    )
    assert result.phone_ballots == len(phone) and result.hand_ballots == len(hand.ballots) + hand.voters


@FAST
@given(polls("matrix"))
def test_matrix_means_preserve_score_sums(case):
    config, phone, hand = case
    result = tally_matrix(config, phone, hand)
    sheets = phone + list(hand.ballots)
    for item in config["items"]:
        for criterion in config["criteria"]:
            assert result.criterion_means[item][criterion] * len(sheets) == sum(s[item][criterion] for s in sheets)


@FAST
@given(any_poll(), st.randoms(use_true_random=False), st.integers(0, 10**6), st.data())
def test_permuting_ballots_changes_nothing(case, rnd, seed, data):
    kind, (config, phone, hand) = case
    rule = data.draw(st.sampled_from(RULES_BY_KIND[kind]))
    chain = [rule] if rule in ("none", "lot") else [rule, "lot"]
    shuffled_phone, shuffled_paper = list(phone), list(hand.ballots)
    rnd.shuffle(shuffled_phone)
    rnd.shuffle(shuffled_paper)
    shuffled_hand = Hand(points=dict(reversed(list(hand.points.items()))), ballots=shuffled_paper, voters=hand.voters)
    first = tally(kind, config, phone, hand, tie_rule=chain, seed=seed)
    again = tally(kind, config, shuffled_phone, shuffled_hand, tie_rule=chain, seed=seed)
    assert first == again


@FAST
@given(any_poll())
def test_hand_counts_add_to_phone_counts_exactly(case):
    kind, (config, phone, hand) = case
    combined = tally(kind, config, phone, hand)
    phone_only = tally(kind, config, phone)
    paper_only = tally(kind, config, list(hand.ballots), Hand(points=hand.points))
    for r in combined.items:
        assert r.phone == phone_only.item(r.item_id).total
        assert r.hand == paper_only.item(r.item_id).total
        if kind == "matrix":  # means pool over sheets: weight each source by its count
            n_phone, n_paper = len(phone), len(hand.ballots)
            assert r.total * (n_phone + n_paper) == r.phone * n_phone + r.hand * n_paper
        else:
            assert r.total == r.phone + r.hand
    # where a ballot came from never changes the combined figures
    moved = tally(kind, config, phone + list(hand.ballots), Hand(points=hand.points))
    assert totals(moved) == totals(combined)


@FAST
@given(st.permutations(ITEM_NAMES).flatmap(lambda order: st.tuples(
    st.integers(2, 6).map(lambda n: list(order[:n])), st.integers(1, 6))))
def test_borda_and_pairwise_agree_on_a_unanimous_ranking(case):
    order, voters = case
    config = {"items": sorted(order)}
    borda = tally_ranking(config, [order] * voters)
    pra = tally_pairwise(config, [pairs_from_order(order)] * voters)
    assert [r.item_id for r in borda.items] == order == [r.item_id for r in pra.items]
    assert [r.rank for r in borda.items] == list(range(1, len(order) + 1)) == [r.rank for r in pra.items]
    assert borda.tie_groups == () == pra.tie_groups
    assert [r.total for r in borda.items] == [r.total for r in pra.items]


@FAST
@given(st.integers(2, 6).flatmap(lambda n: st.lists(st.permutations(ITEM_NAMES[:n]), max_size=8)))
def test_borda_points_equal_pairwise_wins_for_full_rankings(orders):
    if not orders:
        return
    config = {"items": sorted(orders[0])}
    borda = tally_ranking(config, [list(o) for o in orders])
    pra = tally_pairwise(config, [pairs_from_order(o) for o in orders])
    assert totals(borda) == totals(pra)


def swap(kind, ballot, a, b):
    """The same ballot with items a and b trading places."""
    s = {a: b, b: a}
    sw = lambda x: s.get(x, x)  # noqa: E731
    if kind == "single":
        return sw(ballot)
    if kind in ("multiple", "ranking"):
        return [sw(x) for x in ballot]
    if kind in ("dots", "matrix"):
        return {sw(x): v for x, v in ballot.items()}
    return [(sw(x), sw(y), None if w is None else sw(w)) for x, y, w in ballot]


@FAST
@given(any_poll(), st.data())
def test_mirrored_ballots_produce_a_tie(case, data):
    kind, (config, phone, _) = case
    a, b = data.draw(st.permutations(config["items"]))[:2]
    mirrored = phone + [swap(kind, ballot, a, b) for ballot in phone]
    result = tally(kind, config, mirrored)
    assert result.item(a).total == result.item(b).total
    assert result.item(a).rank == result.item(b).rank
    assert any({a, b} <= set(group) for group in result.tie_groups)
    assert result.item(a).tied and result.item(b).tied


@FAST
@given(any_poll(), st.data(), st.integers(0, 99))
def test_ranks_follow_totals_and_rules_only_reorder_ties(case, data, seed):
    kind, (config, phone, hand) = case
    plain = tally(kind, config, phone, hand)
    for r in plain.items:  # without a rule: tied exactly when another item has the same total
        same = [o for o in plain.items if o.total == r.total]
        assert r.tied == (len(same) > 1)
        assert r.rank == 1 + sum(1 for o in plain.items if o.total > r.total)
    rule = data.draw(st.sampled_from(RULES_BY_KIND[kind]))
    broken = tally(kind, config, phone, hand, tie_rule=[rule] if rule in ("none", "lot") else [rule, "lot"], seed=seed)
    assert totals(broken) == totals(plain)
    for x in broken.items:
        for y in broken.items:
            if x.total > y.total:
                assert x.rank < y.rank
    if rule != "none":  # a chain ending in lots leaves no tie
        assert broken.tie_groups == () and not any(r.tied for r in broken.items)
        assert sorted(r.rank for r in broken.items) == list(range(1, len(config["items"]) + 1))
    for tie_break in broken.tie_breaks:  # each split keeps every item of its group
        assert sorted(i for part in tie_break.order for i in part) == sorted(tie_break.group)
