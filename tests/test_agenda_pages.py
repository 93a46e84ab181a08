"""The Today, Agenda, Ice breaker and Learning contract pages under AppTest, the Today timer's stored
state, and the phone section for expectations and concerns."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from facilitation import agenda, contract, icebreakers, timer
from facilitation.content import load_agenda
from facilitation.participants import add_participant
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP, open_app
from ui import nav

DAY1_10_40 = dt.datetime(2026, 5, 4, 10, 40)  # day 1 of the test workshop, during the learning contract
NOT_A_WORKSHOP_DAY = dt.datetime(2026, 6, 1, 9, 0)


def texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title,
                               *at.header, *at.subheader, *at.caption, *at.text)]
    return "\n".join(str(p) for p in parts)


def digits(at) -> list[str]:
    """The countdown's big digits on the page."""
    return re.findall(r">(\d{2}:\d{2})</div>", "\n".join(m.value for m in at.markdown))


@pytest.fixture
def clock_at(monkeypatch):
    def set_clock(moment: dt.datetime) -> None:
        monkeypatch.setattr(agenda, "local_now", lambda: moment)
    return set_clock


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Like conftest's `app`, but one store for the module (creating the schema takes a
    second on a synced disk); every test works in its own workshop."""
    import streamlit as st

    path = tmp_path_factory.mktemp("agenda-pages") / "app.sqlite3"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REMBUG_DB", str(path))
        mp.delenv("DATABASE_URL", raising=False)
        st.cache_resource.clear()
        store = Database(f"sqlite:///{path}")

        def make(page=None, workshop=None, token=None, lang="id", run=True):
            return open_app(page=page, workshop=workshop, token=token, lang=lang, run=run)

        make.db = store
        yield make
        st.cache_resource.clear()
        store.dispose()


@pytest.fixture
def wid(app) -> str:
    return create_workshop(app.db, dict(WORKSHOP), pin="4321")


def _people_workshop(db) -> tuple[str, list[int]]:
    workshop_id = create_workshop(db, dict(WORKSHOP), pin="4321")
    people = [("Siti Aminah", "P", "PKK"), ("Rizky Pratama", "L", "Karang Taruna"), ("Ujang Sopandi", "L", "Tokoh adat")]
    return workshop_id, [add_participant(db, workshop_id, {"name": n, "gender": g, "institution": i})
                         for n, g, i in people]


def test_day1_pages_come_first_in_the_day1_section():
    urls = [s.url for s in nav.FACILITATOR["nav.day1"]]
    assert urls[:4] == ["today", "agenda", "icebreakers", "contract"]
    sections = list(nav.FACILITATOR)
    assert sections.index("nav.preparation") < sections.index("nav.day1") < sections.index("nav.day2")


def test_today_follows_the_clock_on_a_workshop_day(app, wid, clock_at):
    clock_at(DAY1_10_40)
    at = app("pages/today.py", workshop=wid)
    assert not at.exception
    assert at.segmented_control(key="today_day").value == 1
    shown = texts(at)
    assert "Mengikuti jam (10.40)." in shown
    # what the shipped agenda has on at 10:40 on day 1, and after it
    day1 = load_agenda().day(1).sessions
    now = next(i for i, s in enumerate(day1) if s.start_min <= 10 * 60 + 40 < s.end_min)
    current, following = day1[now], day1[now + 1]
    assert f"### {current.title.id}" in shown
    assert f"{current.start.replace(':', '.')}–{current.end.replace(':', '.')} · {current.title.id}" in shown
    assert f"{following.start.replace(':', '.')}–{following.end.replace(':', '.')} · {following.title.id}" in shown
    lunch = next(s for s in day1 if s.kind == "break" and s.start_min >= 12 * 60)
    assert f"{lunch.start.replace(':', '.')}–{lunch.end.replace(':', '.')} · {lunch.title.id}" in shown
    assert digits(at) == [f"{current.duration_min:02d}:00"]
    if current.page:  # the page that records the session's result, when it exists
        assert len(at.page_link) == 1


def test_today_without_the_clock_ticks_sessions_done_with_a_note(app, wid, clock_at):
    clock_at(NOT_A_WORKSHOP_DAY)
    at = app("pages/today.py", workshop=wid, lang="en")
    assert "Following progress: the first session not yet done." in texts(at)
    assert "### Registration and attendance list" in texts(at)
    assert at.progress[0].value == 0
    at.text_area(key="done_note_d1-registrasi").input("28 present, 2 late")
    at.form_submit_button[0].click().run()
    assert not at.exception
    record = agenda.progress(app.db, wid)["d1-registrasi"]
    assert record["done"] and record["note"] == "28 present, 2 late"
    shown = texts(at)
    assert "\"Registration and attendance list\" marked done." in shown
    assert "### Opening" in shown  # the next session is current now
    assert any("1 of 12 sessions done" in str(p.proto.text) for p in at.progress)


def test_today_run_of_show_table_saves_ticks(app, wid, clock_at):
    clock_at(NOT_A_WORKSHOP_DAY)
    at = app("pages/today.py", workshop=wid)
    at.session_state["today_editor_1"] = {
        "edited_rows": {0: {"Selesai": True}, 1: {"Selesai": True, "Catatan": "Kepala Desa hadir"}},
        "added_rows": [], "deleted_rows": []}
    at.button(key="today_save_1").click().run()
    assert not at.exception
    rows = agenda.progress(app.db, wid)
    assert rows["d1-registrasi"]["done"] and rows["d1-pembukaan"]["note"] == "Kepala Desa hadir"
    assert "Tersimpan (2 sesi diperbarui)." in texts(at)
    assert "### Ice breaker: perkenalan" in texts(at)


def test_today_timer_buttons_store_the_state(app, wid, clock_at):
    clock_at(DAY1_10_40)
    at = app("pages/today.py", workshop=wid)
    assert not timer.get_timer(app.db, wid, "today").stored
    at.button(key="today_start").click().run()
    t = timer.get_timer(app.db, wid, "today")
    assert t.running and t.label == "d1-kontrak-belajar" and t.total_s == 30 * 60
    assert digits(at)[0] in ("30:00", "29:59")
    assert at.button(key="today_start").disabled and not at.button(key="today_pause").disabled

    # a reload (a new session, as the projector's tab) sees the same running timer
    second = app("pages/today.py", workshop=wid)
    assert second.button(key="today_start").disabled
    assert "Berjalan" in texts(second)

    at.button(key="today_pause").click().run()
    paused = timer.get_timer(app.db, wid, "today")
    assert not paused.running and 1795_000 <= paused.remaining_ms <= 1800_000
    at.button(key="today_add").click().run()
    assert timer.get_timer(app.db, wid, "today").remaining_ms == paused.remaining_ms + 300_000
    assert digits(at)[0] in ("34:59", "35:00")
    at.button(key="today_reset").click().run()
    assert timer.get_timer(app.db, wid, "today").remaining_ms == 1_800_000
    assert "Berhenti sementara" in texts(at)


def test_today_offers_to_point_the_timer_at_the_next_session(app, wid, clock_at):
    timer.act(app.db, wid, "today", "start", label="d1-harapan", total_s=25 * 60)
    clock_at(DAY1_10_40)
    at = app("pages/today.py", workshop=wid)
    assert "Waktu untuk: Harapan dan kekhawatiran" in texts(at)
    at.button(key="today_load").click().run()
    t = timer.get_timer(app.db, wid, "today")
    assert (t.label, t.total_s, t.running) == ("d1-kontrak-belajar", 1800, False)


def test_today_projector_view(app, wid, clock_at):
    clock_at(DAY1_10_40)
    at = app("pages/today.py", workshop=wid)
    at.toggle(key="today_projector").set_value(True).run()
    html = "\n".join(m.value for m in at.markdown)
    assert "font-size:4rem" in html and ">Kontrak belajar</div>" in html
    assert "font-size:clamp(6rem, 19vw, 16rem)" in html
    assert "Berikutnya pukul 11.00: Ketahanan sosial" in html
    assert not at.data_editor  # only the projector layout


def test_agenda_page_shows_the_four_days_with_guides(app, wid):
    at = app("pages/agenda.py", workshop=wid, lang="en")
    assert not at.exception
    assert [t.label for t in at.tabs] == [f"Day {d.day}: {d.title.en}" for d in load_agenda().days]
    labels = [e.label for e in at.expander]
    assert "08:30–09:00 · Registration and attendance list (30 min)" in labels
    assert any(label.startswith(":material/coffee: 12:00–13:00") for label in labels)
    shown = texts(at)
    assert "**Objective:**" in shown and "**Facilitator's steps:**" in shown
    session = next(s for _, s in load_agenda().items() if getattr(s, "icebreakers", ()))
    names = ", ".join(icebreakers.get(i).name.en for i in session.icebreakers)
    assert f"**Suitable ice breakers:** {names}" in shown
    links = [p.value for p in at.page_link]
    assert "Record it on the Learning contract page" in links
    assert "Record it on the Attendance page" in links


def test_agenda_page_adapts_and_resets(app, wid):
    at = app("pages/agenda.py", workshop=wid)
    at.toggle(key="agenda_edit").set_value(True).run()
    at.selectbox(key="pick_1").set_value("d1-pembukaan").run()
    at.number_input(key="dur_1_d1-pembukaan").set_value(45).run()
    at.button(key="save_dur_1_d1-pembukaan").click().run()
    assert not at.exception
    assert "Durasi \"Pembukaan\" menjadi 45 menit; sesi berikutnya ikut bergeser." in texts(at)
    d1 = agenda.day_plan(app.db, wid, 1)
    assert agenda.clock(d1.item("d1-perkenalan").start_min) == "09.45"
    assert "Agenda ini sudah disesuaikan" in texts(at)
    assert any("disesuaikan (semula 30 menit)" in c.value for c in at.caption)

    at.segmented_control(key="adapt_day").set_value(3).run()
    at.text_input(key="add_3_title").input("Kunjungan ke lumbung")
    at.number_input(key="add_3_duration").set_value(20)
    at.selectbox(key="add_pos_3").set_value(0)
    [submit] = [b for b in at.form_submit_button if b.form_id == "add_3"]
    submit.click().run()
    assert not at.exception
    d3 = agenda.day_plan(app.db, wid, 3)
    assert d3.items[0].title("id") == "Kunjungan ke lumbung" and d3.items[0].custom

    at.segmented_control(key="adapt_day").set_value(2).run()
    at.selectbox(key="pick_2").set_value("d2-pesan-berantai").run()
    at.selectbox(key="to_day_2_d2-pesan-berantai").set_value(4).run()
    at.selectbox(key="to_pos_2_d2-pesan-berantai").set_value(0).run()
    at.button(key="move_2_d2-pesan-berantai").click().run()
    assert agenda.day_plan(app.db, wid, 4).items[0].id == "d2-pesan-berantai"

    at.text_input(key="start_2").input("25.00")
    at.button(key="save_start_2").click().run()
    assert "Jam mulai hari ini: tulis jam sebagai JJ.MM, misalnya 08.30" in texts(at)

    at.checkbox(key="reset_sure").check().run()
    at.button(key="agenda_reset").click().run()
    assert not agenda.is_adapted(app.db, wid)
    assert "Agenda kembali seperti bawaan." in texts(at)


def test_agenda_page_removes_only_after_confirmation(app, wid):
    at = app("pages/agenda.py", workshop=wid)
    at.toggle(key="agenda_edit").set_value(True).run()
    at.selectbox(key="pick_1").set_value("d1-refleksi").run()
    assert at.button(key="remove_1_d1-refleksi").disabled
    at.checkbox(key="sure_1_d1-refleksi").check().run()
    at.button(key="remove_1_d1-refleksi").click().run()
    assert "d1-refleksi" not in [i.id for i in agenda.day_plan(app.db, wid, 1).items]


def test_icebreaker_library_filters_and_projects_with_its_own_timer(app, wid):
    at = app("pages/icebreakers.py", workshop=wid)
    assert not at.exception
    total = len(icebreakers.library())
    assert total >= 15
    assert f"{total} dari {total} permainan" in texts(at)
    at.selectbox(key="ib_limit").set_value(5).run()
    short = icebreakers.filter_icebreakers(icebreakers.library(), 5)
    assert f"{len(short)} dari {total} permainan" in texts(at)
    assert all(ib.duration_min <= 5 for ib in short) and short
    at.selectbox(key="ib_limit").set_value(None).run()
    at.multiselect(key="ib_purpose").select("conflict").run()
    at.multiselect(key="ib_kind").select("role_play").run()
    chosen = icebreakers.filter_icebreakers(icebreakers.library(), None, ["conflict"], ["role_play"])
    assert [b.key for b in at.button if b.key and b.key.startswith("project_")] == [f"project_{ib.id}" for ib in chosen]

    ib = chosen[0]
    at.button(key=f"project_{ib.id}").click().run()
    card = "\n".join(m.value for m in at.markdown)
    assert f">{ib.name.id}</div>" in card and f"<li>{ib.steps.id[0]}" in card.replace("&#x27;", "'")
    assert digits(at) == [f"{ib.duration_min:02d}:00"]
    key = icebreakers.timer_key(ib.id)
    at.button(key=f"{key}_start").click().run()
    assert timer.get_timer(app.db, wid, key).running
    assert not timer.get_timer(app.db, wid, "today").stored  # the Today timer is another one
    at.button(key="ib_back").click().run()
    assert "ib_projected" not in at.session_state


def test_icebreaker_filter_unit():
    items = icebreakers.library()
    assert icebreakers.filter_icebreakers(items) == sorted(items, key=lambda ib: (ib.duration_min, ib.id))
    big_group = icebreakers.filter_icebreakers(items, group=60)
    assert big_group and all(ib.group_size.max >= 60 for ib in big_group)
    assert icebreakers.filter_icebreakers(items, max_minutes=1) == []


# ---------------------------------------------------------------- learning contract page and phones

def test_contract_page_records_rules_roles_and_voices(app):
    wid, (siti, rizky, ujang) = _people_workshop(app.db)
    at = app("pages/contract.py", workshop=wid)
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Jadwal harian", "Tata tertib & sanksi", "Petugas harian",
                                         "Harapan & kekhawatiran", "Dokumen"]
    assert "Ini usulan dari agenda." in texts(at)

    # house rules: edit one row, add one, empty another (data editor state as the browser sends it)
    at.session_state["edit_rules"] = {"edited_rows": {1: {"Aturan": "HP dimatikan"}, 4: {"Aturan": ""}},
                                      "added_rows": [{"Aturan": "Tidak membawa senjata tajam"}], "deleted_rows": []}
    at.button(key="save_rules").click().run()
    assert not at.exception
    rules = contract.get_contract(app.db, wid, "id")["rules"]
    assert rules[1] == "HP dimatikan" and rules[-1] == "Tidak membawa senjata tajam" and len(rules) == 5
    assert "Tata tertib tersimpan." in texts(at)

    # the schedule: a break outside the day is refused with its row named
    at.session_state["sched_breaks"] = {"edited_rows": {0: {"Mulai": "07.00"}}, "added_rows": [],
                                        "deleted_rows": []}
    at.button(key="save_schedule").click().run()
    assert "Baris 1, Mulai: istirahat harus berada dalam jam kegiatan hari 1" in texts(at)
    assert contract.get_contract(app.db, wid, "id")["defaults"]["schedule"]

    # daily roles and the representative
    at.selectbox(key="role_1_reviewer").set_value(siti)
    at.selectbox(key="role_2_timekeeper").set_value(ujang)
    at.selectbox(key="representative").set_value(rizky)
    [submit] = [b for b in at.form_submit_button if b.form_id == "roles"]
    submit.click().run()
    c = contract.get_contract(app.db, wid, "id")
    assert c["roles"][1]["reviewer"]["id"] == siti and c["roles"][2]["timekeeper"]["id"] == ujang
    assert c["representative"]["id"] == rizky

    # expectations typed by the facilitator, collection opened for phones
    at.radio(key="voice_kind").set_value("concern")
    at.text_area(key="voice_text").input("Takut tidak ada tindak lanjut")
    [submit] = [b for b in at.form_submit_button if b.form_id == "add_voice"]
    submit.click().run()
    at.toggle(key="collect_toggle").set_value(True).run()
    assert contract.is_collecting(app.db, wid)
    assert "Pengiriman dari HP dibuka." in texts(at)
    assert contract.list_voices(app.db, wid)["concern"][0]["text"] == "Takut tidak ada tindak lanjut"
    assert "Kekhawatiran (1)" in texts(at)


def test_contract_page_merges_deletes_and_exports(app):
    wid, (siti, rizky, _) = _people_workshop(app.db)
    contract.set_collecting(app.db, wid, True)
    contract.send_from_phone(app.db, wid, siti, "expectation", "Desa rukun")
    contract.send_from_phone(app.db, wid, rizky, "expectation", "Warga guyub")
    extra = contract.add_voice(app.db, wid, "expectation", "Salah ketik")
    at = app("pages/contract.py", workshop=wid)
    assert "Harapan (3)" in texts(at)
    [shown] = [d.value for d in at.dataframe if "Isi" in d.value.columns]
    assert shown["Isi"].tolist() == ["Desa rukun", "Warga guyub", "Salah ketik"]
    assert shown["Dari"].tolist() == ["Siti Aminah", "Rizky Pratama", "Fasilitator"]
    ids = [v["id"] for v in contract.list_voices(app.db, wid)["expectation"]]
    at.multiselect(key="voices_picked").select(ids[0]).select(ids[1]).run()
    at.text_input(key="merged_text").input("Desa rukun dan guyub")
    at.button(key="merge_voices").click().run()
    voices = contract.list_voices(app.db, wid)["expectation"]
    assert [(v["text"], v["weight"]) for v in voices] == [("Salah ketik", 1), ("Desa rukun dan guyub", 2)]
    at.multiselect(key="voices_picked").select(extra).run()
    at.button(key="delete_voices").click().run()
    assert [v["text"] for v in contract.list_voices(app.db, wid)["expectation"]] == ["Desa rukun dan guyub"]

    at.button(key="contract_prepare_docx").click().run()
    assert not at.exception
    [download] = at.get("download_button")
    assert download.proto.label == "Unduh"


def test_phone_section_while_collection_is_open(app):
    from facilitation.participants import list_participants

    wid, (siti, _, _) = _people_workshop(app.db)
    token = next(p["token"] for p in list_participants(app.db, wid) if p["id"] == siti)
    at = app(token=token)
    assert "Harapan dan kekhawatiran Anda" not in texts(at)
    contract.set_collecting(app.db, wid, True)
    at = app(token=token)
    assert "Harapan dan kekhawatiran Anda" in texts(at)
    at.segmented_control(key="phone_voice_kind").set_value("expectation")
    at.text_area(key="phone_voice_text").input("Lansia ada yang menjenguk")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert "Terkirim. Terima kasih!" in texts(at)
    mine = contract.my_voices(app.db, wid, siti)
    assert [(v["kind"], v["text"], v["source"]) for v in mine] == [("expectation", "Lansia ada yang menjenguk",
                                                                   "phone")]
    assert "Harapan: Lansia ada yang menjenguk" in texts(at)
    contract.set_collecting(app.db, wid, False)
    at.text_area(key="phone_voice_text").input("Satu lagi")
    at.form_submit_button[0].click().run()
    assert "Harapan dan kekhawatiran Anda" not in texts(at)  # closed: the section is gone
    assert len(contract.my_voices(app.db, wid, siti)) == 1
