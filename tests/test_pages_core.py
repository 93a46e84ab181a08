"""The foundation's pages under AppTest: login, workshop, participants, attendance, roles."""
import pytest

from facilitation import attendance, participants, workshops
from facilitation.demo import DEMO_PIN, build_demo
from tests.conftest import WORKSHOP


def texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title, *at.header, *at.caption)]
    return "\n".join(str(p) for p in parts)


def submit(at, label):
    [button] = [b for b in at.form_submit_button if b.label == label]
    return button.click().run()


def test_home_lists_workshops_and_logs_in(apptest):
    wid = workshops.create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    at = apptest()
    assert not at.exception
    assert "Sukamaju" in at.selectbox[0].options[0] or wid in at.selectbox[0].options
    at.text_input[0].input("0000")
    at.form_submit_button[0].click().run()
    assert "PIN salah" in texts(at)
    at.text_input[0].input("4321")
    at.form_submit_button[0].click().run()
    assert at.session_state["auth_workshop"] == wid
    assert "Sukamaju" in texts(at)


def test_pin_lockout_after_five_failures(apptest):
    workshops.create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    at = apptest()
    for _ in range(5):
        at.text_input[0].input("9999")
        at.form_submit_button[0].click().run()
    assert "Terlalu banyak PIN salah" in texts(at)
    at.text_input[0].input("4321")  # even the right PIN waits while locked
    at.form_submit_button[0].click().run()
    assert "auth_workshop" not in at.session_state


def test_create_workshop_from_home(apptest):
    at = apptest()
    values = {"new_village": "Sukamaju", "new_kecamatan": "Cibeber", "new_kabupaten": "Cianjur",
              "new_provinsi": "Jawa Barat", "new_venue": "Balai Desa", "new_facilitator_central": "Ani",
              "new_facilitator_regional": "Budi", "new_pendamping1": "Citra", "new_pendamping2": "Dodi",
              "new_pin": "2468"}
    for key, value in values.items():
        at.text_input(key=key).input(value)
    submit(at, "Buat lokakarya baru")
    assert not at.exception
    listed = workshops.list_workshops(apptest.db)
    assert [w["village"] for w in listed] == ["Sukamaju"]
    assert at.session_state["auth_workshop"] == listed[0]["id"]


def test_create_workshop_with_missing_fields_shows_translated_errors(apptest):
    at = apptest(lang="en")
    at.text_input(key="new_pin").input("2468")
    submit(at, "Create a new workshop")
    assert "Village (desa/kelurahan): required" in texts(at)
    assert workshops.list_workshops(apptest.db) == []


def test_load_demo_button(apptest):
    at = apptest()
    at.button(key="load_demo").click().run()
    assert f"PIN: {DEMO_PIN}" in texts(at)
    assert len(workshops.list_workshops(apptest.db)) == 1


def test_participants_page_adds_and_flags_duplicates(apptest):
    wid = workshops.create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    at = apptest("pages/participants.py", workshop=wid)
    assert not at.exception
    at.text_input(key="add_name").input("Siti Aminah")
    at.text_input(key="add_inst").input("PKK")
    at.form_submit_button[0].click().run()
    assert "Peserta Siti Aminah ditambahkan." in texts(at)
    at.text_input(key="add_name").input("siti aminah")
    at.text_input(key="add_inst").input("pkk")
    at.form_submit_button[0].click().run()
    assert "Sudah ada peserta bernama siti aminah" in texts(at)
    assert len(participants.list_participants(apptest.db, wid)) == 1


def test_participants_page_import_with_errors_lists_rows(apptest):
    wid = workshops.create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    at = apptest("pages/participants.py", workshop=wid, lang="en")
    at.file_uploader(key="import_file").upload("p.csv", b"Nama,L/P,Pranata\nSiti,P,PKK\n,X,RT\n", "text/csv").run()
    assert "Nothing was imported: 2 problems found" in texts(at)
    shown = at.dataframe[0].value.iloc[:, 0].tolist()
    assert shown == ["Line 3, Name: required", "Line 3, Gender (L/P): enter L (male) or P (female)"]
    assert participants.list_participants(apptest.db, wid) == []


def test_attendance_page_saves_and_counts(apptest):
    wid = build_demo(apptest.db)
    at = apptest("pages/attendance.py", workshop=wid)
    assert not at.exception
    at.button(key="all_present_1").click().run()
    at.button(key="att_save_1").click().run()
    assert "Kehadiran hari 1 tersimpan." in texts(at)
    assert len(attendance.present_ids(apptest.db, wid, 1)) == 30
    assert [m.value for m in at.metric][:1] == ["30"]


def test_english_switch_translates_the_page(apptest):
    wid = workshops.create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    at = apptest("pages/workshop.py", workshop=wid, lang="en")
    assert at.title[0].value == "Workshop data"
    at2 = apptest("pages/workshop.py", workshop=wid, lang="id")
    assert at2.title[0].value == "Data lokakarya"


@pytest.mark.parametrize("page", ["pages/workshop.py", "pages/participants.py", "pages/attendance.py",
                                  "pages/documents.py"])
def test_facilitator_pages_refuse_anonymous_and_participants(apptest, page):
    wid = build_demo(apptest.db)
    token = participants.list_participants(apptest.db, wid)[0]["token"]
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    # a page file run directly, with no login, stops at the role check
    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    at.run()
    assert "Halaman ini hanya untuk fasilitator." in texts(at)
    # a participant link, even in a session that once logged in, sees only participant pages
    at = apptest(workshop=wid, token=token)
    assert "Selamat datang" in texts(at)
    # the participant's navigation does not even register facilitator pages
    with pytest.raises(ValueError, match=r"Known pages: \[[^,]*phone_home\.py'\]"):
        at.switch_page(page)


def test_revoked_token_opens_nothing(apptest):
    wid = build_demo(apptest.db)
    first = participants.list_participants(apptest.db, wid)[0]
    participants.revoke_and_reissue_token(apptest.db, wid, first["id"])
    at = apptest(token=first["token"])
    assert "Tautan peserta ini tidak berlaku lagi" in texts(at)


def test_demo_button_only_offered_on_an_empty_store(apptest):
    build_demo(apptest.db)
    at = apptest()
    assert not [b for b in at.button if b.key == "load_demo"]
