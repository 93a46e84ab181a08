"""The planning pages under AppTest: the consensus workshop step by step, ToP action planning,
the action plan's row editor and checklist, the phone section, and the role checks."""
import re

import pytest

from facilitation import planning
from facilitation.participants import add_participant, list_participants
from facilitation.workshops import create_workshop
from tests.conftest import ROOT, WORKSHOP


def texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title,
                               *at.header, *at.subheader, *at.caption)]
    # user text reaches markdown escaped (ui.planning_widgets.md): read it as the user sees it
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def press(at, label: str):
    [button] = [b for b in at.button if b.label == label]  # form submit buttons included
    return button.click().run()


@pytest.fixture
def ws(apptest):
    wid = create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    for name, inst in (("Siti Aminah", "PKK"), ("Rizky Pratama", "Karang Taruna")):
        add_participant(apptest.db, wid, {"name": name, "gender": "P", "institution": inst})
    return wid


def test_consensus_workshop_from_focus_question_to_candidate_activities(apptest, ws):
    db = apptest.db
    at = apptest("pages/ideas.py", workshop=ws)
    assert not at.exception
    assert "Apa yang dapat kita lakukan dalam 6 bulan ke depan" in at.text_area(key="focus_question").value
    at.text_area(key="focus_question").input("Apa yang kita lakukan bersama selama enam bulan?")
    press(at, "Simpan konteks")
    assert "Pertanyaan fokus disimpan." in texts(at)
    assert planning.consensus(db, ws)["focus_question"] == "Apa yang kita lakukan bersama selama enam bulan?"

    at.segmented_control(key="ideas_step").set_value("brainstorm").run()
    at.toggle(key="collect_toggle").set_value(True).run()
    assert planning.consensus(db, ws)["collecting"]
    for idea in ("Kunjungan lansia", "Ronda malam", "Bank sampah"):
        at.text_input(key="new_idea").input(idea)
        press(at, "Tambah kartu")
    at.text_input(key="new_idea").input("ronda  malam")
    press(at, "Tambah kartu")
    assert "Gagasan yang sama sudah ada di papan." in texts(at)
    assert "3 kartu gagasan" in texts(at)
    assert "Kunjungan lansia" in texts(at)

    at.segmented_control(key="ideas_step").set_value("cluster").run()
    assert not at.exception
    press(at, "Tambah kolom")
    [cluster] = planning.board(db, ws)["clusters"]
    ideas = {i["text"]: i["id"] for i in planning.list_ideas(db, ws)}
    at.selectbox(key=f"move_{ideas['Kunjungan lansia']}_0").set_value(cluster["id"]).run()
    assert [i["text"] for i in planning.board(db, ws)["clusters"][0]["ideas"]] == ["Kunjungan lansia"]
    at.text_input(key=f"cluster_name_{cluster['id']}").input("Peduli lansia")
    at.selectbox(key=f"cluster_dim_{cluster['id']}").set_value("D1")
    press(at, "Simpan nama")
    assert "Nama kelompok disimpan." in texts(at)
    assert "1. Peduli lansia" in texts(at)
    assert planning.board(db, ws)["clusters"][0]["dimension"] == "D1"

    at.segmented_control(key="ideas_step").set_value("resolve").run()
    at.text_area(key="resolution_note").input("Disepakati bersama")
    press(at, "Simpulkan dan jadikan kegiatan kandidat")
    assert "1 kegiatan kandidat baru dibuat." in texts(at)
    assert [a["title"] for a in planning.list_activities(db, ws)] == ["Peduli lansia"]


def test_action_planning_saves_the_steps_and_carries_into_the_plan(apptest, ws):
    db = apptest.db
    act = planning.add_activity(db, ws, "Bank sampah dusun", "D4")
    at = apptest("pages/action_planning.py", workshop=ws)
    assert not at.exception
    at.text_area(key=f"ap_victory_{act}").input("Sungai bersih dari sampah rumah tangga")
    at.text_area(key=f"ap_commit_{act}").input("3 bank sampah buka setiap minggu")
    at.multiselect(key=f"ap_params_{act}").set_value(["P4.4"])
    press(at, "Simpan perencanaan kegiatan")
    assert "Perencanaan kegiatan disimpan." in texts(at)
    saved = planning.get_activity(db, ws, act)
    assert saved["victory"] == "Sungai bersih dari sampah rumah tangga" and saved["linked_params"] == ["P4.4"]

    at.text_input(key=f"ka_text_{act}_0").input("Sosialisasi aturan")
    at.selectbox(key=f"ka_start_{act}_0").set_value(2)
    at.selectbox(key=f"ka_end_{act}_0").set_value(3)
    at.text_input(key=f"ka_text_{act}_1").input("Bank sampah buka")
    at.selectbox(key=f"ka_start_{act}_1").set_value(4)
    at.selectbox(key=f"ka_end_{act}_1").set_value(1)  # ends before it starts
    press(at, "Simpan langkah kunci")
    assert "Baris 2, Bulan selesai: bulan selesai tidak boleh sebelum bulan mulai" in texts(at)
    assert planning.get_activity(db, ws, act)["actions"] == []
    at.selectbox(key=f"ka_end_{act}_1").set_value(6)
    press(at, "Simpan langkah kunci")
    assert [(a["month_start"], a["month_end"]) for a in planning.get_activity(db, ws, act)["actions"]] == [(2, 3), (4, 6)]
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # the calendar is drawn

    at.button(key="to_plan").click().run()
    draft = at.session_state["plan_draft"]
    assert draft["activity"] == "Bank sampah dusun" and draft["months"] == [2, 3, 4, 5, 6]


def test_action_plan_row_editor_saves_and_the_checklist_follows(apptest, ws):
    db = apptest.db
    siti = next(p["id"] for p in list_participants(db, ws) if p["name"] == "Siti Aminah")
    at = apptest("pages/action_plan.py", workshop=ws)
    assert not at.exception
    assert "Rencana belum berisi kegiatan." in texts(at)
    k = "row_0_0_"
    at.text_input(key=k + "activity").input("Kunjungan lansia")
    at.button_group(key=k + "dims").set_value(["D1", "D2"])
    at.text_area(key=k + "problem").input("Lansia terlantar")
    at.text_area(key=k + "objective").input("25 lansia dikunjungi dua kali sebulan")
    at.text_input(key=k + "target").input("Lansia tinggal sendiri")
    at.number_input(key=k + "beneficiaries").set_value(25)
    at.text_input(key=k + "location").input("Dusun Kaler")
    at.selectbox(key=k + "pic").set_value(siti)
    at.button_group(key=k + "months").set_value([1, 2, 3])
    at.multiselect(key=k + "partners").set_value(["Puskesmas", "Kelompok Wanita Tani"])
    at.text_input(key=k + "item_0").input("Paket sembako")
    at.number_input(key=k + "amount_0").set_value(600_000)
    at.text_input(key=k + "item_1").input("Transport kader")
    at.selectbox(key=k + "source_1").set_value("swadaya")
    at.number_input(key=k + "amount_1").set_value(150_000)
    press(at, "Simpan baris")
    assert not at.exception
    assert 'Baris "Kunjungan lansia" disimpan.' in texts(at)
    [row] = planning.list_plan_rows(db, ws)
    assert row["dimensions"] == ["D1", "D2"] and row["months"] == [1, 2, 3] and row["pic_name"] == "Siti Aminah"
    assert row["partners"] == ["Puskesmas", "Kelompok Wanita Tani"]
    assert [(b["source"], b["amount"]) for b in row["budget"]] == [("stimulan", 600_000), ("swadaya", 150_000)]
    shown = texts(at)
    assert "D1 · Perlindungan sosial: dicakup oleh kegiatan no. 1." in shown
    assert "D3 · Pengendalian konflik: belum ada kegiatan." in shown
    assert "Dana stimulan: direncanakan Rp 600.000, melebihi dana tersedia Rp 0 sebesar Rp 600.000." in shown
    assert at.dataframe[0].value.iloc[0, 1] == "Kunjungan lansia"

    # a dimension left out with its reason turns its line green
    at.text_input(key="left_out_D4").input("Sudah ditangani kelompok tani hutan")
    at.button(key="left_out_save_D4").click().run()
    assert "D4 · Kearifan lokal: sengaja tidak dicakup — Sudah ditangani kelompok tani hutan" in texts(at)


def test_a_bad_row_shows_translated_errors_and_stores_nothing(apptest, ws):
    at = apptest("pages/action_plan.py", workshop=ws, lang="en")
    k = "row_0_0_"
    at.text_input(key=k + "activity").input("Ronda")
    at.text_input(key=k + "item_0").input("Senter")
    press(at, "Save row")
    shown = texts(at)
    assert "Dimensions: choose at least one" in shown and "Schedule: choose at least one" in shown
    assert "Priority problem: required" in shown
    assert "Line 1, Amount (Rp): at least 1" in shown
    assert planning.list_plan_rows(apptest.db, ws) == []


def test_editing_an_existing_row_prefills_it(apptest, ws):
    db = apptest.db
    row_id = planning.save_plan_row(db, ws, {
        "activity": "Ronda malam", "dimensions": ["D3"], "problem": "Pencurian", "objective": "Ronda tiap malam",
        "target_group": "Warga", "location": "RW 01", "months": [1, 2],
        "budget": [{"budget_item": "Senter", "budget_source": "stimulan", "budget_amount": 250_000}]})
    at = apptest("pages/action_plan.py", workshop=ws)
    at.selectbox(key="row_choice").set_value(row_id).run()
    k = f"row_{row_id}_0_"
    assert at.text_input(key=k + "activity").value == "Ronda malam"
    assert at.number_input(key=k + "amount_0").value == 250_000
    at.text_input(key=k + "location").input("RW 01 dan RW 02")
    press(at, "Simpan baris")
    assert planning.list_plan_rows(db, ws)[0]["location"] == "RW 01 dan RW 02"
    assert planning.list_plan_rows(db, ws)[0]["total"] == 250_000


def test_phone_sends_ideas_only_while_collection_is_open(apptest, ws):
    db = apptest.db
    me = list_participants(db, ws)[0]
    at = apptest(token=me["token"])
    assert "Kirim gagasan" not in texts(at)
    planning.set_collecting(db, ws, True)
    at = apptest(token=me["token"])
    assert "Kirim gagasan" in texts(at)
    form_inputs = [w for w in at.text_input if w.label == "Gagasan Anda (satu per kiriman)"]
    form_inputs[0].input("Pentas seni remaja")
    press(at, "Kirim gagasan")
    assert "Gagasan terkirim ke papan." in texts(at)
    assert "Gagasan yang sudah Anda kirim: 1" in texts(at)
    [idea] = planning.list_ideas(db, ws)
    assert (idea["text"], idea["source"], idea["participant_id"]) == ("Pentas seni remaja", "phone", me["id"])


@pytest.mark.parametrize("page", ["pages/ideas.py", "pages/action_planning.py", "pages/action_plan.py"])
def test_planning_pages_refuse_anyone_but_the_facilitator(apptest, ws, page):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    at.run()
    assert "Halaman ini hanya untuk fasilitator." in texts(at)
    token = list_participants(apptest.db, ws)[0]["token"]
    at = apptest(workshop=ws, token=token)
    with pytest.raises(ValueError):
        at.switch_page(page)


def test_pages_open_on_the_demo_in_english(apptest):
    import random

    from facilitation.demo import core, planning as demo_planning

    rng = random.Random(7)
    wid = core.create(apptest.db, rng)
    core.fill(apptest.db, wid, rng)
    demo_planning.fill(apptest.db, wid, rng)
    for page, title in (("pages/ideas.py", "ToP consensus workshop"), ("pages/action_planning.py", "ToP action planning"),
                        ("pages/action_plan.py", "Six-month action plan")):
        at = apptest(page, workshop=wid, lang="en")
        assert not at.exception, page
        assert at.title[0].value == title
    shown = texts(at)
    assert "D4 · Local wisdom: served by activity no. 8." in shown
    assert "Every activity has a person in charge." in shown
    at = apptest("pages/ideas.py", workshop=wid, lang="en")
    at.segmented_control(key="ideas_step").set_value("cluster").run()
    assert not at.exception
    assert "1. Peduli lansia dan warga rentan" in texts(at)
