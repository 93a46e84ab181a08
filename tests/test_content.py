"""The curriculum files: the shipped ones are complete and consistent, broken ones are refused."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from facilitation import content
from facilitation.content import (
    CONTENT_DIR,
    PAGE_IDS,
    Break,
    ContentError,
    Localized,
    Session,
    load_agenda,
    load_dimensions,
    load_icebreakers,
    load_institutions,
    localized,
    parameter_ids,
    parameters_by_dimension,
)

FILES = ("agenda.yaml", "icebreakers.yaml", "dimensions.yaml", "institutions.yaml")
# libyaml when present keeps the many read-edit-write round trips below fast
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
EXPECTED_PARAMETERS = ("P1.1", "P1.2", "P1.3", "P1.4", "P2.1", "P2.2", "P2.3", "P3.1", "P3.2",
                       "P3.3", "P4.1", "P4.2", "P4.3", "P4.4")


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


# --- the shipped files -----------------------------------------------------------------------

def test_agenda_has_four_days_in_order_with_titles_in_both_languages():
    agenda = load_agenda()
    assert [d.day for d in agenda.days] == [1, 2, 3, 4]
    for day in agenda.days:
        assert day.title.id.strip() and day.title.en.strip()
        assert day.start == "08:30"
        assert day.end == "21:30"


def test_raw_agenda_times_do_not_overlap_and_every_item_has_a_duration():
    # Read the file directly, so this check does not rest on the loader's own time arithmetic.
    raw = yaml.safe_load((CONTENT_DIR / "agenda.yaml").read_text(encoding="utf-8"))
    for day in raw["days"]:
        previous_end = None
        for item in day["sessions"]:
            assert isinstance(item["duration_min"], int) and item["duration_min"] > 0, item["id"]
            start = _minutes(item["start"])
            if previous_end is not None:
                assert start >= previous_end, f"{item['id']} overlaps the item before it"
            previous_end = start + item["duration_min"]
            assert previous_end <= _minutes("21:30"), item["id"]


def test_session_end_times_are_start_plus_duration():
    agenda = load_agenda()
    first = agenda.day(1).sessions[0]
    assert (first.start, first.duration_min, first.end) == ("08:30", 30, "09:00")
    isoma = agenda.item("d1-isoma-malam")
    assert isinstance(isoma, Break)
    assert isoma.end == "19:30"
    assert content.end_time("23:30", 30) == "24:00"


def test_every_session_is_a_complete_guide_and_points_at_a_known_page():
    agenda = load_agenda()
    ids = [item.id for _, item in agenda.items()]
    assert len(ids) == len(set(ids))
    for _, item in agenda.items():
        if isinstance(item, Session):
            assert 3 <= len(item.steps.id) == len(item.steps.en) <= 7, item.id
            assert len(item.materials.id) == len(item.materials.en) >= 1, item.id
            assert item.page is None or item.page in PAGE_IDS, item.id
            for text in (item.title, item.objective, item.produces):
                assert text.id.strip() and text.en.strip(), item.id
        else:
            assert item.break_kind in content.BREAK_KINDS


def test_agenda_follows_the_programme_of_the_four_days():
    agenda = load_agenda()
    pages = {d.day: {s.page for s in d.work_sessions} for d in agenda.days}
    assert {"attendance", "icebreakers", "contract", "institutions"} <= pages[1]
    assert {"problems", "baseline", "ranking"} <= pages[2]
    assert {"ranking", "ideas", "action-planning", "action-plan"} <= pages[3]
    assert {"election", "pledges", "action-plan", "monitoring"} <= pages[4]
    # the baseline is scored on day 2, the Pokja elected before the pledges on day 4
    assert [d.day for d, _ in agenda.sessions_for_page("baseline")] == [2]
    day4 = [s.page for s in agenda.day(4).work_sessions]
    assert day4.index("election") < day4.index("pledges") < day4.index("monitoring")
    for day in agenda.days:
        assert any(isinstance(s, Break) and s.break_kind == "isoma" for s in day.sessions)


def test_agenda_icebreaker_suggestions_exist():
    known = {ib.id for ib in load_icebreakers()}
    suggested = {ref for _, s in load_agenda().items() if isinstance(s, Session) for ref in s.icebreakers}
    assert suggested and suggested <= known


def test_icebreakers_are_plenty_and_bilingual():
    items = load_icebreakers()
    assert len(items) >= 18
    assert {ib.kind for ib in items} == set(content.ICEBREAKER_KINDS)
    for ib in items:
        assert ib.name.id.strip() and ib.name.en.strip()
        assert len(ib.steps.id) == len(ib.steps.en) >= 2
        assert ib.group_size.min <= ib.group_size.max
        assert set(ib.purpose) <= set(content.PURPOSES)
    # each dimension has at least one activity leading into it
    assert {d for ib in items for d in ib.dimensions} == {"D1", "D2", "D3", "D4"}


def test_four_dimensions_and_fourteen_parameters_with_five_level_rubrics():
    table = load_dimensions()
    assert [d.id for d in table.dimensions] == ["D1", "D2", "D3", "D4"]
    assert parameter_ids() == EXPECTED_PARAMETERS
    by_dim = parameters_by_dimension()
    assert {k: len(v) for k, v in by_dim.items()} == {"D1": 4, "D2": 3, "D3": 3, "D4": 4}
    for param in table.parameters:
        assert param.dimension_id == "D" + param.id[1]
        assert sorted(param.rubric) == [1, 2, 3, 4, 5]
        for level in param.rubric.values():
            assert level.id.strip() and level.en.strip()
        levels = [param.level(n).id for n in range(1, 6)]
        assert len(set(levels)) == 5, f"{param.id} repeats a rubric level"
        assert param.evidence.id.strip() and param.evidence.en.strip()
    assert [p.id for p in table.parameters if p.trend] == ["P1.4", "P4.1"]


def test_dimension_texts_follow_tabel_1():
    table = load_dimensions()
    assert table.parameter("P2.3").text.id == "Terpeliharanya relasi sosial"
    assert table.parameter("P3.3").text.id == "Dapat mencegah dampaknya"
    assert table.dimension("D3").name.id == "Tingkat pengendalian terhadap konflik sosial atau tindak kekerasan"
    assert [c.id for c in table.dimension("D1").criteria] == ["K1.1", "K1.2", "K1.3", "K1.4"]


@pytest.mark.parametrize("value,band", [(0, "rendah"), (39.99, "rendah"), (40, "sedang"),
                                        (69.9, "sedang"), (70, "tinggi"), (100, "tinggi")])
def test_score_bands(value, band):
    table = load_dimensions()
    assert table.band_for(value).id == band
    assert table.band_for(value).label.en in {"Low", "Medium", "High"}


def test_institutions_cover_the_common_pranata():
    items = load_institutions()
    ids = {i.id for i in items}
    assert {"pkk", "karang-taruna", "posyandu", "tokoh-agama", "tokoh-adat", "tokoh-masyarakat",
            "kelompok-seni", "rt-rw", "banjar", "dusun", "p2wkss", "majelis-taklim", "remaja-masjid",
            "kelompok-tani", "subak", "lpm", "bpd", "pemerintah-desa", "kader-kesehatan"} <= ids
    assert len(ids) == len(items)
    assert {i.type for i in items} == set(content.INSTITUTION_TYPES)


def test_localized_texts():
    text = Localized(id="Rehat", en="Break")
    assert text.get("id") == "Rehat"
    assert text.get("en") == "Break"
    assert text.get("jv") == "Rehat"  # unknown languages fall back to Indonesian
    assert localized(text, "en") == "Break"
    assert localized(None, "en") is None
    steps = load_agenda().item("d1-registrasi").steps
    assert localized(steps, "en") == steps.en


def test_loaders_are_cached():
    assert load_agenda() is load_agenda()
    assert load_dimensions(CONTENT_DIR) is load_dimensions()


# --- broken copies ---------------------------------------------------------------------------

def _copy(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    return tmp_path


def _edit(directory: Path, name: str, change) -> Path:
    path = directory / name
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    change(data)
    path.write_text(yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return directory


def _refused(load, directory: Path, file: str, *fragments: str) -> ContentError:
    with pytest.raises(ContentError) as info:
        load(directory)
    message = str(info.value)
    assert file in message
    for fragment in fragments:
        assert fragment in message, message
    return info.value


def test_a_clean_copy_loads(tmp_path):
    directory = _copy(tmp_path)
    assert len(load_agenda(directory).days) == 4
    assert len(load_dimensions(directory).parameters) == 14


def test_missing_duration_names_file_and_field(tmp_path):
    directory = _edit(_copy(tmp_path), "agenda.yaml", lambda d: d["days"][1]["sessions"][3].pop("duration_min"))
    err = _refused(load_agenda, directory, "agenda.yaml", "days[1].sessions[3].duration_min", "required")
    assert err.file.endswith("agenda.yaml")


def test_overlapping_sessions_are_refused(tmp_path):
    def overlap(data):
        data["days"][0]["sessions"][1]["start"] = "08:45"  # registration runs 08:30-09:00

    directory = _edit(_copy(tmp_path), "agenda.yaml", overlap)
    _refused(load_agenda, directory, "agenda.yaml", "days[0].sessions[1].start", "overlap")


def test_sessions_out_of_time_order_are_refused(tmp_path):
    def swap(data):
        sessions = data["days"][2]["sessions"]
        sessions[0], sessions[1] = sessions[1], sessions[0]

    directory = _edit(_copy(tmp_path), "agenda.yaml", swap)
    _refused(load_agenda, directory, "agenda.yaml", "days[2].sessions[1].start", "out of time order")


def test_unknown_page_is_refused(tmp_path):
    directory = _edit(_copy(tmp_path), "agenda.yaml",
                      lambda d: d["days"][2]["sessions"][2].update(page="papan-skor"))
    _refused(load_agenda, directory, "agenda.yaml", "days[2].sessions[2].page", "papan-skor")


def test_missing_english_text_is_refused(tmp_path):
    directory = _edit(_copy(tmp_path), "agenda.yaml",
                      lambda d: d["days"][0]["sessions"][0]["objective"].pop("en"))
    _refused(load_agenda, directory, "agenda.yaml", "days[0].sessions[0].objective.en")


def test_blank_english_text_is_refused_in_icebreakers(tmp_path):
    directory = _edit(_copy(tmp_path), "icebreakers.yaml",
                      lambda d: d["icebreakers"][4]["name"].update(en="   "))
    _refused(load_icebreakers, directory, "icebreakers.yaml", "icebreakers[4].name.en")


def test_step_lists_must_match_between_languages(tmp_path):
    directory = _edit(_copy(tmp_path), "agenda.yaml",
                      lambda d: d["days"][3]["sessions"][4]["steps"]["en"].pop())
    _refused(load_agenda, directory, "agenda.yaml", "days[3].sessions[4].steps", "same number")


def test_unknown_icebreaker_reference_is_refused(tmp_path):
    directory = _edit(_copy(tmp_path), "agenda.yaml",
                      lambda d: d["days"][0]["sessions"][2].update(icebreakers=["tari-payung"]))
    _refused(load_agenda, directory, "agenda.yaml", "days[0].sessions[2].icebreakers[0]", "tari-payung")


def test_broken_icebreakers_file_is_named_when_loading_the_agenda(tmp_path):
    directory = _edit(_copy(tmp_path), "icebreakers.yaml",
                      lambda d: d["icebreakers"][0].update(kind="lomba"))
    _refused(load_agenda, directory, "icebreakers.yaml", "icebreakers[0].kind")


def test_misspelt_key_is_refused(tmp_path):
    def typo(data):
        session = data["days"][0]["sessions"][0]
        session["duraton_min"] = session.pop("duration_min")

    directory = _edit(_copy(tmp_path), "agenda.yaml", typo)
    _refused(load_agenda, directory, "agenda.yaml", "days[0].sessions[0].duraton_min",
             "days[0].sessions[0].duration_min")


def test_rubric_must_have_exactly_five_levels(tmp_path):
    directory = _edit(_copy(tmp_path), "dimensions.yaml",
                      lambda d: d["dimensions"][1]["criteria"][0]["parameters"][2]["rubric"].pop(5))
    _refused(load_dimensions, directory, "dimensions.yaml",
             "dimensions[1].criteria[0].parameters[2].rubric", "1, 2, 3, 4")


def test_rubric_level_needs_english(tmp_path):
    directory = _edit(_copy(tmp_path), "dimensions.yaml",
                      lambda d: d["dimensions"][0]["criteria"][0]["parameters"][0]["rubric"][3].pop("en"))
    _refused(load_dimensions, directory, "dimensions.yaml",
             "dimensions[0].criteria[0].parameters[0].rubric[3].en")


def test_fourteen_parameters_are_required(tmp_path):
    directory = _edit(_copy(tmp_path), "dimensions.yaml",
                      lambda d: d["dimensions"][3]["criteria"][0]["parameters"].pop())
    _refused(load_dimensions, directory, "dimensions.yaml", "expected 14 parameters, found 13")


def test_institution_type_must_be_known(tmp_path):
    directory = _edit(_copy(tmp_path), "institutions.yaml",
                      lambda d: d["institutions"][0].update(type="swasta"))
    _refused(load_institutions, directory, "institutions.yaml", "institutions[0].type")


def test_duplicate_ids_are_refused(tmp_path):
    def duplicate(data):
        data["institutions"][1]["id"] = data["institutions"][0]["id"]

    directory = _edit(_copy(tmp_path), "institutions.yaml", duplicate)
    _refused(load_institutions, directory, "institutions.yaml", "institutions[1].id", "used twice")


def test_yaml_syntax_error_names_the_line(tmp_path):
    directory = _copy(tmp_path)
    (directory / "institutions.yaml").write_text("institutions:\n  - id: pkk\n    label: [unclosed\n",
                                                  encoding="utf-8")
    _refused(load_institutions, directory, "institutions.yaml", "line ")


def test_duplicate_yaml_key_is_refused(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "agenda.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("        duration_min: 30\n", "        duration_min: 30\n        duration_min: 45\n", 1),
                    encoding="utf-8")
    _refused(load_agenda, directory, "agenda.yaml", "duplicate key 'duration_min'")


def test_unquoted_clock_time_is_read_as_a_time(tmp_path):
    # YAML 1.1 would read an unquoted 10:30 as the number 630; editors forget the quotes.
    directory = _copy(tmp_path)
    path = directory / "agenda.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'start: "10:30"' in text
    path.write_text(text.replace('start: "10:30"', "start: 10:30"), encoding="utf-8")
    assert load_agenda(directory).item("d1-kontrak-belajar").start == "10:30"


def test_missing_file_is_named(tmp_path):
    directory = _copy(tmp_path)
    (directory / "dimensions.yaml").unlink()
    _refused(load_dimensions, directory, "dimensions.yaml", "file not found")
