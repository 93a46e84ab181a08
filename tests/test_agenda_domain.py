"""The workshop's adapted programme, the run of show, and the stored countdown timer."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitation import agenda, timer
from facilitation.content import CONTENT_DIR, clear_cache, load_agenda
from facilitation.errors import InputError, NotFound, RembugError
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One store for the module: every test works in its own workshop, which isolates it."""
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('agenda')}/agenda.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def wid(store) -> str:
    return create_workshop(store, dict(WORKSHOP), pin="4321")


def starts(plan) -> list[tuple[str, str]]:
    return [(i.id, agenda.clock(i.start_min, "en")) for i in plan.items]


def assert_no_overlap(plans) -> None:
    for plan in plans:
        for a, b in zip(plan.items, plan.items[1:]):
            assert b.start_min >= a.end_min, f"day {plan.day}: {b.id} starts before {a.id} ends"
        if plan.items:
            assert plan.items[0].start_min >= plan.start_min


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- default programme

def test_default_programme_reproduces_the_shipped_times(store, wid):
    shipped = load_agenda()
    plans = agenda.programme(store, wid)
    assert [p.day for p in plans] == [1, 2, 3, 4]
    for plan, day in zip(plans, shipped.days):
        assert starts(plan) == [(s.id, s.start) for s in day.sessions]
        assert agenda.clock(plan.end_min, "en") == day.end
    assert not agenda.is_adapted(store, wid)


def test_shorten_moves_the_rest_of_the_day_and_keeps_later_days(store, wid):
    before = agenda.programme(store, wid)
    agenda.set_duration(store, wid, "d1-konsep-ketahanan-sosial", 45)
    after = agenda.programme(store, wid)
    d1 = dict(starts(after[0]))
    assert d1["d1-konsep-ketahanan-sosial"] == "11:00"
    assert d1["d1-isoma-siang"] == "11:45"  # 15 minutes earlier than shipped
    assert agenda.clock(after[0].end_min, "en") == "21:15"
    assert starts(after[1]) == starts(before[1])
    item = after[0].item("d1-konsep-ketahanan-sosial")
    assert item.changes == ("duration",) and item.shipped_duration == 60
    assert agenda.is_adapted(store, wid)
    assert_no_overlap(after)


def test_lengthen_and_midnight_limit(store, wid):
    agenda.set_duration(store, wid, "d1-refleksi", 150)  # 21:00 + 150 min = 23:30
    assert agenda.clock(agenda.day_plan(store, wid, 1).end_min, "en") == "23:30"
    with pytest.raises(RembugError) as err:
        agenda.set_duration(store, wid, "d1-refleksi", 181)
    assert err.value.key == "agenda.err_past_midnight"
    assert err.value.message("en") == "Day 1 would end at 24:01, after midnight. Shorten or move a session."
    # the refused change was not stored
    assert agenda.day_plan(store, wid, 1).item("d1-refleksi").duration_min == 150


@pytest.mark.parametrize("minutes", [0, 4, 601, "abc", None])
def test_bad_durations_are_refused_with_translated_field_errors(store, wid, minutes):
    with pytest.raises(InputError) as err:
        agenda.set_duration(store, wid, "d1-pembukaan", minutes)
    assert err.value.messages("en")[0].startswith("Duration (minutes): ")
    assert not agenda.is_adapted(store, wid)


def test_move_within_a_day_reorders_and_recomputes(store, wid):
    agenda.move_item(store, wid, "d1-pembukaan", 1, 0)
    d1 = agenda.day_plan(store, wid, 1)
    assert starts(d1)[:3] == [("d1-pembukaan", "08:30"), ("d1-registrasi", "09:00"), ("d1-perkenalan", "09:30")]
    agenda.shift_item(store, wid, "d1-registrasi", -1)
    assert [i.id for i in agenda.day_plan(store, wid, 1).items][:2] == ["d1-registrasi", "d1-pembukaan"]
    agenda.shift_item(store, wid, "d1-registrasi", -1)  # already first: nothing happens
    assert agenda.day_plan(store, wid, 1).items[0].id == "d1-registrasi"


def test_move_to_another_day(store, wid):
    agenda.move_item(store, wid, "d1-diagram-venn", 2, 1)
    plans = agenda.programme(store, wid)
    assert "d1-diagram-venn" not in [i.id for i in plans[0].items]
    moved = plans[1].items[1]
    assert moved.id == "d1-diagram-venn" and moved.day == 2 and moved.changes == ("moved",)
    assert agenda.clock(moved.start_min, "en") == "08:50"
    assert agenda.clock(plans[0].item("d1-refleksi").start_min, "en") == "19:30"
    assert_no_overlap(plans)


def test_add_custom_session_then_edit_and_remove(store, wid):
    new_id = agenda.add_session(store, wid, 3, {"session_title": "Kunjungan ke lumbung desa", "duration_min": 30,
                                                  "methods": ["fgd", "fgd"], "session_notes": "Bawa kamera"},
                                position=0)
    d3 = agenda.day_plan(store, wid, 3)
    first = d3.items[0]
    assert (first.id, first.custom, first.title("en"), first.method, first.notes) == (
        new_id, True, "Kunjungan ke lumbung desa", ("fgd",), "Bawa kamera")
    assert agenda.clock(d3.item("d3-kilas-balik").start_min, "en") == "09:00"
    agenda.update_custom_session(store, wid, new_id, {"session_title": "Ke lumbung", "duration_min": 20})
    assert agenda.day_plan(store, wid, 3).items[0].title("id") == "Ke lumbung"
    with pytest.raises(RembugError):
        agenda.update_custom_session(store, wid, "d3-kilas-balik", {"session_title": "x", "duration_min": 20})
    agenda.remove_item(store, wid, new_id)
    assert starts(agenda.day_plan(store, wid, 3)) == [(s.id, s.start) for s in load_agenda().day(3).sessions]


def test_custom_session_input_is_checked(store, wid):
    with pytest.raises(InputError) as err:
        agenda.add_session(store, wid, 1, {"session_title": "  ", "duration_min": 2, "methods": ["magic"]})
    assert sorted(e.field for e in err.value.errors) == ["duration_min", "methods", "session_title"]
    with pytest.raises(InputError):
        agenda.add_session(store, wid, 5, {"session_title": "X", "duration_min": 10})
    assert not agenda.is_adapted(store, wid)


def test_unknown_item_is_refused(store, wid):
    with pytest.raises(NotFound) as err:
        agenda.remove_item(store, wid, "no-such-session")
    assert err.value.message("id") == "Sesi no-such-session tidak ada dalam agenda lokakarya ini."


def test_day_start_accepts_dot_and_colon(store, wid):
    agenda.set_day_start(store, wid, 2, "9.00")
    d2 = agenda.day_plan(store, wid, 2)
    assert agenda.clock(d2.start_min, "id") == "09.00"
    assert agenda.clock(d2.items[0].start_min, "en") == "09:00"
    with pytest.raises(InputError) as err:
        agenda.set_day_start(store, wid, 2, "25.00")
    assert err.value.messages("id") == ["Jam mulai hari ini: tulis jam sebagai JJ.MM, misalnya 08.30"]


def test_adaptations_are_per_workshop_and_reset_restores_the_default(store, wid):
    other = create_workshop(store, {**WORKSHOP, "village": "Cibodas"}, pin="4321")
    agenda.set_duration(store, wid, "d2-transek", 90)
    agenda.remove_item(store, wid, "d2-pesan-berantai")
    assert starts(agenda.day_plan(store, other, 2)) == [(s.id, s.start) for s in load_agenda().day(2).sessions]
    agenda.mark_done(store, wid, "d2-transek", "ok")
    agenda.reset_programme(store, wid)
    assert not agenda.is_adapted(store, wid)
    assert starts(agenda.day_plan(store, wid, 2)) == [(s.id, s.start) for s in load_agenda().day(2).sessions]
    assert agenda.progress(store, wid)["d2-transek"]["done"]  # ticks survive a reset


def test_shipped_files_are_never_written(store, wid):
    files = sorted(CONTENT_DIR.glob("*.yaml"))
    before = {p.name: digest(p) for p in files}
    agenda.set_duration(store, wid, "d1-pembukaan", 45)
    agenda.move_item(store, wid, "d4-penutupan", 1, 0)
    agenda.add_session(store, wid, 2, {"session_title": "Ekstra", "duration_min": 15})
    agenda.remove_item(store, wid, "d3-simulasi-paparan")
    assert {p.name: digest(p) for p in files} == before
    clear_cache()
    assert agenda.default_snapshot()["days"]["1"]["items"][1] == {"id": "d1-pembukaan", "duration_min": 30,
                                                                  "gap_min": 0}


OPS = st.lists(st.tuples(st.sampled_from(["duration", "move", "add", "remove", "start"]),
                         st.integers(0, 200), st.integers(1, 4), st.integers(5, 240)), max_size=12)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_no_overlaps_after_any_sequence_of_changes(store, wid, ops):
    agenda.reset_programme(store, wid)
    for op, pick, day, minutes in ops:
        items = [i for p in agenda.programme(store, wid) for i in p.items]
        item = items[pick % len(items)] if items else None
        try:
            if op == "duration" and item:
                agenda.set_duration(store, wid, item.id, minutes)
            elif op == "move" and item:
                agenda.move_item(store, wid, item.id, day, pick % 20)
            elif op == "add":
                agenda.add_session(store, wid, day, {"session_title": "X", "duration_min": minutes}, position=pick % 20)
            elif op == "remove" and item:
                agenda.remove_item(store, wid, item.id)
            elif op == "start":
                agenda.set_day_start(store, wid, day, agenda.clock(6 * 60 + minutes, "en"))
        except RembugError as exc:
            assert exc.key == "agenda.err_past_midnight"
        plans = agenda.programme(store, wid)
        assert_no_overlap(plans)
        assert all(p.end_min <= agenda.DAY_END_LIMIT for p in plans)


# ---------------------------------------------------------------- done, notes and the run of show

def test_ticks_and_notes_are_stored(store, wid):
    agenda.mark_done(store, wid, "d1-registrasi", "28 hadir")
    first = agenda.progress(store, wid)["d1-registrasi"]
    assert first["done"] and first["note"] == "28 hadir" and first["done_at"] is not None
    agenda.record_progress(store, wid, {"d1-registrasi": (True, "30 hadir"), "d1-pembukaan": (False, "belum")})
    rows = agenda.progress(store, wid)
    assert rows["d1-registrasi"]["note"] == "30 hadir"
    assert rows["d1-registrasi"]["done_at"] == first["done_at"]  # the first tick's time is kept
    assert rows["d1-pembukaan"] == {"done": False, "note": "belum", "done_at": None}
    with pytest.raises(InputError):
        agenda.mark_done(store, wid, "d1-registrasi", "x" * 1001)
    with pytest.raises(NotFound):
        agenda.mark_done(store, wid, "d9-nothing")


def test_run_of_show_by_clock(store, wid):
    d1 = agenda.day_plan(store, wid, 1)
    early = agenda.run_of_show(d1, {}, 8 * 60)
    assert early.current is None and early.before_start and early.next.id == "d1-registrasi"
    show = agenda.run_of_show(d1, {}, 10 * 60 + 20)
    assert show.by_clock and show.current.id == "d1-rehat-pagi" and show.next.id == "d1-kontrak-belajar"
    assert agenda.run_of_show(d1, {}, 21 * 60 + 29).current.id == "d1-refleksi"
    late = agenda.run_of_show(d1, {}, 22 * 60)
    assert late.current is None and late.next is None and late.day_over
    d4 = agenda.day_plan(store, wid, 4)
    gap = agenda.run_of_show(d4, {}, 17 * 60 + 10)  # the shipped day 4 leaves 17:00-17:45 free
    assert gap.current is None and gap.next.id == "d4-isoma-malam" and not gap.day_over


def test_run_of_show_by_progress_skips_breaks_and_counts_sessions(store, wid):
    d1 = agenda.day_plan(store, wid, 1)
    for sid in ("d1-registrasi", "d1-pembukaan", "d1-perkenalan", "d1-harapan"):
        agenda.mark_done(store, wid, sid)
    show = agenda.run_of_show(d1, agenda.progress(store, wid))
    assert not show.by_clock
    assert show.current.id == "d1-kontrak-belajar"
    assert (show.done, show.total) == (4, len(d1.sessions)) and show.total == 12
    assert show.fraction == pytest.approx(4 / 12)


def test_workshop_day_and_first_open_day(store, wid):
    from facilitation.workshops import get_workshop

    ws = get_workshop(store, wid)
    assert agenda.workshop_day(ws, dt.date(2026, 5, 6)) == 3
    assert agenda.workshop_day(ws, dt.date(2026, 5, 8)) is None
    plans = agenda.programme(store, wid)
    assert agenda.first_open_day(plans, {}) == 1
    agenda.record_progress(store, wid, {s.id: (True, "") for s in plans[0].sessions})
    assert agenda.first_open_day(plans, agenda.progress(store, wid)) == 2


# ---------------------------------------------------------------- timer

T0 = 1_780_000_000.0  # any wall-clock second


def test_timer_start_pause_add_reset_with_an_injected_clock(store, wid):
    untouched = timer.get_timer(store, wid, "today", "d1-harapan", 25 * 60)
    assert not untouched.stored and untouched.remaining_s(T0) == 1500 and not untouched.running

    t = timer.act(store, wid, "today", "start", label="d1-harapan", total_s=1500, now=T0)
    assert t.running and t.deadline_ms == int((T0 + 1500) * 1000)
    # another tab, 61.5 s later, reads the same remaining time from the store
    assert timer.get_timer(store, wid, "today").remaining_s(T0 + 61.5) == 1439

    t = timer.act(store, wid, "today", "pause", now=T0 + 100)
    assert not t.running and t.remaining_ms == 1_400_000
    assert timer.get_timer(store, wid, "today").remaining_s(T0 + 5000) == 1400  # paused: the clock is ignored

    t = timer.act(store, wid, "today", "add", now=T0 + 200)
    assert t.remaining_ms == 1_700_000 and t.total_s == 1500

    timer.act(store, wid, "today", "start", now=T0 + 300)
    t = timer.act(store, wid, "today", "add", now=T0 + 400)
    assert t.remaining_s(T0 + 400) == 1700 - 100 + 300

    t = timer.act(store, wid, "today", "reset", now=T0 + 500)
    assert not t.running and t.remaining_s(T0 + 999) == 1500


def test_timer_runs_out_and_extra_time_counts_from_now(store, wid):
    timer.act(store, wid, "today", "start", label="x", total_s=60, now=T0)
    t = timer.get_timer(store, wid, "today")
    assert t.remaining_s(T0 + 59.2) == 1 and not t.finished(T0 + 59.2)
    assert t.finished(T0 + 60) and t.remaining_s(T0 + 90) == 0 and t.overtime_s(T0 + 90) == 30
    t = timer.act(store, wid, "today", "add", now=T0 + 90)
    assert t.remaining_s(T0 + 90) == 300  # not 270: the overrun is forgiven
    t = timer.act(store, wid, "today", "pause", now=T0 + 500)
    assert t.remaining_ms == 0
    t = timer.act(store, wid, "today", "start", now=T0 + 600)
    assert t.remaining_s(T0 + 600) == 60  # a finished timer starts over


def test_timers_are_independent_and_load_points_at_the_next_item(store, wid):
    timer.act(store, wid, "today", "start", label="d1-harapan", total_s=1500, now=T0)
    timer.act(store, wid, "icebreaker:kenalan-berantai", "start", label="kenalan-berantai", total_s=1200, now=T0)
    timer.act(store, wid, "icebreaker:kenalan-berantai", "pause", now=T0 + 10)
    assert timer.get_timer(store, wid, "today").running
    t = timer.act(store, wid, "today", "load", label="d1-kontrak-belajar", total_s=1800, now=T0 + 20)
    assert (t.label, t.total_s, t.running, t.remaining_ms) == ("d1-kontrak-belajar", 1800, False, 1_800_000)
    assert timer.get_timer(store, wid, "icebreaker:kenalan-berantai").remaining_ms == 1_190_000


def test_timer_refuses_bad_input(store, wid):
    with pytest.raises(InputError):
        timer.act(store, wid, "today", "start", label="x", total_s=0, now=T0)
    with pytest.raises(InputError):
        timer.act(store, wid, "today", "explode", label="x", total_s=60, now=T0)
    assert not timer.get_timer(store, wid, "today").stored
    assert timer.mmss(3725) == "1:02:05" and timer.mmss(65) == "01:05"


def test_timer_state_on_every_backend(any_db):
    wid = create_workshop(any_db, dict(WORKSHOP), pin="4321")
    timer.act(any_db, wid, "today", "start", label="a", total_s=600, now=T0)
    timer.act(any_db, wid, "today", "start", label="a", total_s=600, now=T0 + 5)  # double tap: still one timer
    t = timer.get_timer(any_db, wid, "today")
    assert t.running and t.remaining_s(T0 + 100) == 500
    agenda.set_duration(any_db, wid, "d1-pembukaan", 40)
    agenda.mark_done(any_db, wid, "d1-pembukaan", "selesai")
    assert agenda.day_plan(any_db, wid, 1).item("d1-pembukaan").duration_min == 40
    assert agenda.progress(any_db, wid)["d1-pembukaan"]["note"] == "selesai"
