"""Baseline scoring: the index arithmetic, half-steps and their reasons, missing scores,
phases, and rating a parameter from phones and by show of hands."""
from __future__ import annotations

from fractions import Fraction

import pytest

from facilitation import assessment, voting
from facilitation.content import load_dimensions
from facilitation.errors import InputError, NotFound
from facilitation.participants import add_participant
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


@pytest.fixture
def table():
    return load_dimensions()


def test_value_100_maps_the_ladder_onto_0_to_100():
    assert [assessment.value_100(s) for s in (1, 2, 3, 4, 5)] == [0, 25, 50, 75, 100]
    assert assessment.value_100(Fraction(7, 2)) == Fraction(125, 2)  # 3.5 -> 62.5


def test_criterion_dimension_and_overall_are_means_of_what_is_scored(table):
    scores = {"P1.1": 3, "P1.2": 2.5, "P1.3": 2, "P1.4": 3,  # D1: 50, 37.5, 25, 50 -> 40.625
              "P2.1": 4, "P2.2": 2,  # D2: P2.3 missing -> (75 + 25) / 2 = 50
              "P3.1": 5, "P3.2": 5, "P3.3": 5}  # D3: 100; D4 not scored at all
    index = assessment.compute_index(table, scores)
    assert index.criterion("K1.2").value == Fraction(75, 2)
    assert index.criterion("K2").value == 50
    d1 = index.dimension("D1")
    assert d1.value == Fraction(325, 8) and d1.value_100 == 40.625 and d1.band == "sedang"
    d2 = index.dimension("D2")
    assert d2.value == 50 and d2.missing == ("P2.3",) and d2.scored == ("P2.1", "P2.2")
    assert index.dimension("D3").band == "tinggi"
    d4 = index.dimension("D4")
    assert d4.value is None and d4.band is None and d4.missing == ("P4.1", "P4.2", "P4.3", "P4.4")
    # overall: the mean of the three scored dimensions, D4 is reported missing, not counted as 0
    assert index.overall.value == (Fraction(325, 8) + 50 + 100) / 3
    assert set(index.overall.missing) == {"P2.3", "P4.1", "P4.2", "P4.3", "P4.4"}
    assert index.overall.band == "sedang"


def test_missing_scores_are_not_zero(table):
    one = assessment.compute_index(table, {"P4.1": 5})
    assert one.dimension("D4").value == 100  # not (100 + 0 + 0 + 0) / 4
    assert one.overall.value == 100
    empty = assessment.compute_index(table, {})
    assert empty.overall.value is None and len(empty.overall.missing) == 14


@pytest.mark.parametrize("score,band", [(1, "rendah"), (2.5, "rendah"), (3, "sedang"), (3.5, "sedang"),
                                        (4, "tinggi"), (5, "tinggi")])
def test_bands_of_single_scores(table, score, band):
    assert assessment.compute_index(table, {"P3.1": score}).dimension("D3").band == band


def test_save_score_and_read_back(db, workshop):
    assessment.save_score(db, workshop, "P1.2", {"score": 2.5, "reason": "Dusun Kidul jauh dari puskesmas",
                                                 "evidence": "40% RT rentan terjangkau", "method": "ladder"})
    row = assessment.list_scores(db, workshop)["P1.2"]
    assert row["score"] == 2.5 and row["value_100"] == 37.5 and row["confirmed"] is True
    assert row["reason"] == "Dusun Kidul jauh dari puskesmas" and row["evidence"] == "40% RT rentan terjangkau"
    # replacing keeps one row per parameter and phase
    assessment.save_score(db, workshop, "P1.2", {"score": 3, "method": "consensus"})
    scores = assessment.list_scores(db, workshop)
    assert list(scores) == ["P1.2"] and scores["P1.2"]["score"] == 3.0 and scores["P1.2"]["method"] == "consensus"


def test_half_step_needs_a_reason(db, workshop):
    with pytest.raises(InputError) as err:
        assessment.save_score(db, workshop, "P2.1", {"score": 3.5, "reason": "  ", "method": "ladder"})
    assert [(e.field, e.key) for e in err.value.errors] == [("reason", "assessment.err_half_step_reason")]
    assert assessment.list_scores(db, workshop) == {}
    assessment.save_score(db, workshop, "P2.1", {"score": 3, "reason": "", "method": "ladder"})  # whole: fine


def test_scores_off_the_half_step_grid_are_refused(db, workshop):
    for bad in (0.5, 2.25, 2.6, 5.5, 6, "tiga"):
        with pytest.raises(InputError):
            assessment.save_score(db, workshop, "P2.1", {"score": bad, "reason": "x", "method": "ladder"})
    assert assessment.list_scores(db, workshop) == {}


def test_unknown_parameter_method_and_no_incident_outside_d3(db, workshop):
    with pytest.raises(NotFound):
        assessment.save_score(db, workshop, "P9.9", {"score": 3})
    with pytest.raises(InputError):
        assessment.save_score(db, workshop, "P1.1", {"score": 3, "method": "guess"})
    with pytest.raises(InputError) as err:
        assessment.save_score(db, workshop, "P1.1", {"score": 3, "no_incident": True})
    assert err.value.errors[0].key == "assessment.err_no_incident_d3"
    assessment.save_score(db, workshop, "P3.1", {"score": 3, "no_incident": True})
    assert assessment.list_scores(db, workshop)["P3.1"]["no_incident"] is True


def test_drafts_do_not_count_until_confirmed(db, workshop):
    assessment.save_score(db, workshop, "P4.1", {"score": 5, "confirmed": False})
    assert assessment.assessment_index(db, workshop).dimension("D4").value is None
    assessment.save_score(db, workshop, "P4.1", {"score": 5, "confirmed": True})
    assert assessment.assessment_index(db, workshop).dimension("D4").value == 100


def test_phases_are_kept_apart(db, workshop):
    assessment.save_score(db, workshop, "P1.1", {"score": 2}, phase="baseline")
    assessment.save_score(db, workshop, "P1.1", {"score": 4}, phase="endline")
    assert assessment.assessment_index(db, workshop, "baseline").dimension("D1").value == 25
    assert assessment.assessment_index(db, workshop, "endline").dimension("D1").value == 75
    with pytest.raises(InputError):
        assessment.save_score(db, workshop, "P1.1", {"score": 3}, phase="someday")
    assessment.clear_score(db, workshop, "P1.1", phase="endline")
    assert assessment.list_scores(db, workshop, "endline") == {}
    assert assessment.list_scores(db, workshop, "baseline")["P1.1"]["score"] == 2.0


def test_scores_survive_on_every_backend(any_db):
    from facilitation.workshops import create_workshop
    from tests.conftest import WORKSHOP

    wid = create_workshop(any_db, dict(WORKSHOP), pin="4321")
    assessment.save_score(any_db, wid, "P3.2", {"score": 3.5, "reason": "dua dari tiga kejadian tertahan"})
    assert assessment.assessment_index(any_db, wid).dimension("D3").value == Fraction(125, 2)


@pytest.mark.parametrize("distribution,n,mean,median", [
    ({1: 0, 2: 0, 3: 0, 4: 0, 5: 0}, 0, None, None),
    ({3: 3}, 3, 3, 3),
    ({2: 1, 3: 2, 4: 2, 5: 1}, 6, Fraction(7, 2), Fraction(7, 2)),  # even count: midway
    ({1: 1, 4: 1, 5: 1}, 3, Fraction(10, 3), 4),
])
def test_rating_stats(distribution, n, mean, median):
    assert assessment.rating_stats(distribution) == (n, mean, median)


def _people(db, workshop, n):
    return [add_participant(db, workshop, {"name": f"Peserta {i}", "gender": "LP"[i % 2], "institution": "PKK"})
            for i in range(n)]


def test_rating_a_parameter_from_phones_and_by_hands(db, workshop):
    people = _people(db, workshop, 5)
    poll_id = assessment.open_rating_poll(db, workshop, "P2.3", lang="en")
    poll = voting.get_poll(db, workshop, poll_id)
    assert poll["status"] == "open" and poll["kind"] == "single"
    assert [i["id"] for i in poll["items"]] == [1, 2, 3, 4, 5]
    assert poll["items"][0]["label"].startswith("1. ") and poll["title"].startswith("P2.3")
    assert assessment.rating_polls(db, workshop)["P2.3"]["id"] == poll_id
    assert assessment.rating_polls(db, workshop, "endline") == {}
    for pid, level in zip(people, [3, 3, 4, 4, 2]):
        voting.cast_ballot(db, workshop, poll_id, pid, level)
    assessment.record_rating_hands(db, workshop, poll_id, {"4": 2, 5: 1})
    summary = assessment.rating_summary(db, workshop, poll_id)
    assert summary.phone == {1: 0, 2: 1, 3: 2, 4: 2, 5: 0}
    assert summary.hand == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert summary.total == {1: 0, 2: 1, 3: 2, 4: 4, 5: 1}
    assert summary.n == 8 and summary.mean == Fraction(29, 8) and summary.median == 4
    assert summary.suggested == 4 and summary.status == "open"
    assessment.close_rating_poll(db, workshop, poll_id)
    assert assessment.rating_summary(db, workshop, poll_id).status == "closed"
    with pytest.raises(InputError):
        assessment.record_rating_hands(db, workshop, poll_id, {6: 1})


def test_a_poll_that_is_not_a_rating_is_refused(db, workshop):
    other = voting.create_poll(db, workshop, "Penyegar", "single", ["A", "B"])
    with pytest.raises(NotFound):
        assessment.rating_summary(db, workshop, other)


def test_chart_rows_follow_the_table_and_mark_the_unscored(db, workshop):
    assessment.save_score(db, workshop, "P1.1", {"score": 4})
    rows = assessment.chart_rows(assessment.assessment_index(db, workshop), "en")
    assert [d["id"] for d in rows["dimensions"]] == ["D1", "D2", "D3", "D4"]
    assert rows["dimensions"][0]["value"] == 75.0 and rows["dimensions"][0]["scored"] == 1
    assert rows["dimensions"][0]["total"] == 4 and rows["dimensions"][1]["value"] is None
    assert len(rows["parameters"]) == 14 and rows["parameters"][0]["band"] == "tinggi"
    assert rows["parameters"][1]["value"] is None


# --- what the assessment needs from the dimension table (content/modules/dimensions.yaml)

def test_rubric_levels_fit_a_phone_poll_and_are_distinct_in_both_languages(table):
    for lang in ("id", "en"):
        for param in table.parameters:
            labels = [f"{level}. {param.rubric[level].get(lang)}" for level in assessment.LEVELS]
            assert all(len(label) <= 200 for label in labels), param.id  # voting's label limit
            assert len({label.casefold() for label in labels}) == 5, param.id
            assert len(param.short.get(lang)) <= 40, param.id  # chart and poll titles


def test_bands_follow_the_domain_thresholds(table):
    assert [(b.id, b.min) for b in table.bands] == [("rendah", 0), ("sedang", 40), ("tinggi", 70)]
    assert [d.id for d in assessment.compute_index(table, {}).dimensions] == ["D1", "D2", "D3", "D4"]
    assert [p.id for p in table.dimension(assessment.CONFLICT_DIMENSION).parameters] == ["P3.1", "P3.2", "P3.3"]
