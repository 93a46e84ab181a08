"""The pages after the workshop under AppTest: progress, monitoring and evaluation, terminasi
and refleksi (with the next cycle and the backup), and the many-villages overview."""
import datetime as dt
import json

import pytest

from facilitation import assessment, monitoring, progress, terminasi, transfer
from facilitation.demo import villages
from facilitation.workshops import create_workshop, list_workshops
from tests.conftest import WORKSHOP

PAGES = ["pages/progress.py", "pages/monitoring.py", "pages/terminasi.py", "pages/overview.py"]
TITLES_ID = dict(zip(PAGES, ["Kemajuan Rencana Aksi", "Monitoring dan evaluasi", "Terminasi dan refleksi",
                             "Ikhtisar desa"]))
TITLES_EN = dict(zip(PAGES, ["Action plan progress", "Monitoring and evaluation", "Hand-over and reflection",
                             "Villages overview"]))
# a 2009 village of Tabel 2 still being monitored, and a finished one of 2008
MONITORED, FINISHED = villages.VILLAGES[25], villages.VILLAGES[21]


def texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title, *at.header,
                               *at.subheader, *at.caption)]
    return "\n".join(str(p) for p in parts)


def button(at, label):
    """The last button with this label (the form for a new item comes after the edit forms)."""
    return [b for b in [*at.button, *at.form_submit_button] if b.label == label][-1]


@pytest.fixture
def monitored(apptest):
    [wid] = villages.load(apptest.db, entries=[MONITORED])
    return wid


def test_pages_open_in_both_languages(apptest, monitored):
    for page in PAGES:
        for lang in ("id", "en"):
            at = apptest(page, workshop=monitored, lang=lang)
            assert not at.exception, (page, lang, at.exception)
            assert at.title[0].value == {"id": TITLES_ID, "en": TITLES_EN}[lang][page]


def test_progress_page_records_an_entry(apptest, monitored):
    db = apptest.db
    at = apptest("pages/progress.py", workshop=monitored)
    plan = progress.plan_progress(db, monitored)
    assert f"{plan.completion_percent:.0f}%" in [m.value for m in at.metric]
    row = plan.rows[-1]
    before = len(progress.list_entries(db, monitored, row.row_id))
    at.selectbox(key="pg_add_row").set_value(row.row_id)
    at.date_input(key="pg_add_date").set_value(dt.date(2009, 12, 20))
    at.selectbox(key="pg_add_status").set_value("berjalan")
    at.number_input(key="pg_add_percent").set_value(65)
    at.number_input(key="pg_add_spent_lainnya").set_value(40_000)
    at.text_area(key="pg_add_obst").input("Hujan deras")
    button(at, "Simpan catatan").click().run()
    assert not at.exception
    assert "tersimpan" in texts(at)
    entries = progress.list_entries(db, monitored, row.row_id)
    assert len(entries) == before + 1
    [mine] = [e for e in entries if e["entry_date"] == dt.date(2009, 12, 20) and e["obstacles"] == "Hujan deras"]
    assert (mine["percent"], mine["spent"]["lainnya"], mine["status"]) == (65, 40_000, "berjalan")


def test_progress_page_shows_a_translated_refusal(apptest, monitored):
    at = apptest("pages/progress.py", workshop=monitored, lang="en")
    at.selectbox(key="pg_add_status").set_value("selesai")
    at.number_input(key="pg_add_percent").set_value(80)
    button(at, "Save entry").click().run()
    assert "A finished activity must be 100% done." in texts(at)


def test_progress_page_without_a_plan(apptest):
    wid = create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    at = apptest("pages/progress.py", workshop=wid)
    assert "Rencana aksi belum berisi kegiatan" in texts(at)


def test_monitoring_page_records_a_visit_and_an_endline_score(apptest, monitored):
    db = apptest.db
    at = apptest("pages/monitoring.py", workshop=monitored)
    assert len(monitoring.list_visits(db, monitored)) == 1  # the month-3 visit; the form proposes month 5
    assert at.radio(key="mv_add_kind").value == "evaluasi"
    at.text_area(key="mv_add_find_D2").input("Forum antar-pranata rutin")
    at.text_area(key="mv_add_rec").input("Lanjutkan forum")
    button(at, "Simpan kunjungan").click().run()
    assert not at.exception and "Kunjungan tersimpan." in texts(at)
    visits = monitoring.list_visits(db, monitored)
    assert [v["kind"] for v in visits] == ["monitoring", "evaluasi"]
    assert visits[-1]["findings"] == {"D2": "Forum antar-pranata rutin"}

    at.selectbox(key="mv_param_endline").set_value("P2.1")
    at.run()
    at.select_slider(key="mv_s_endline_P2.1").set_value(4.5)
    at.text_area(key="mv_r_endline_P2.1").input("Dua dusun sudah, satu belum")
    button(at, "Konfirmasi nilai").click().run()
    assert not at.exception
    assert assessment.list_scores(db, monitored, "endline")["P2.1"]["score"] == 4.5
    comp = monitoring.comparison(db, monitored)
    assert {p.id: p for p in comp.parameters}["P2.1"].endline == 87.5


def test_terminasi_page_hands_over_reflects_and_starts_the_next_cycle(apptest, monitored):
    db = apptest.db
    at = apptest("pages/terminasi.py", workshop=monitored)
    at.date_input(key="tm_date").set_value(dt.date(2010, 3, 30))
    at.text_input(key="tm_office").input("Dinas Sosial Kabupaten Garut")
    button(at, "Simpan serah terima").click().run()
    at.text_area(key="tm_worked").input("Kunjungan lansia rutin")
    at.text_area(key="tm_plans").input("Bank sampah\nKas sosial darurat")
    button(at, "Simpan refleksi").click().run()
    assert not at.exception
    record = terminasi.get(db, monitored)
    assert record["handed_over"] and record["next_plans"] == ["Bank sampah", "Kas sosial darurat"]

    at.text_input(key="nc_pin").input("97531")
    button(at, "Buat lokakarya siklus berikutnya").click().run()
    assert not at.exception
    assert len(list_workshops(db)) == 2
    assert "Siklus berikutnya sudah dibuat" in texts(at)

    button(at, "Siapkan berkas cadangan").click().run()
    download = at.get("download_button")
    assert download and json.loads(transfer.backup(db, monitored))["content"]["workshop"]["id"] == monitored


def test_overview_lists_villages_and_restores_a_backup_file(apptest, monitored, tmp_path):
    from facilitation.store import Database

    db = apptest.db
    # a laptop's workshop, backed up there and uploaded here
    laptop = Database(f"sqlite:///{tmp_path}/laptop.sqlite3")
    [finished] = villages.load(laptop, entries=[FINISHED])
    data = transfer.backup(laptop, finished)
    laptop.dispose()
    at = apptest("pages/overview.py", workshop=monitored)
    assert at.metric[0].value == "1"
    at.file_uploader(key="ov_upload").upload("backup.json", data, "application/json").run()
    button(at, "Pulihkan").click().run()
    assert not at.exception
    assert "dipulihkan" in texts(at)
    assert {w["id"] for w in list_workshops(db)} == {monitored, finished}
    assert at.metric[0].value == "2"
    # a damaged file: the translated one-line refusal, nothing changes
    at.file_uploader(key="ov_upload").upload("backup.json", data[:1000], "application/json").run()
    button(at, "Pulihkan").click().run()
    assert "rusak atau terpotong" in texts(at)
    assert {w["id"] for w in list_workshops(db)} == {monitored, finished}


def test_pages_refuse_anonymous_visitors():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    for page in PAGES:
        at = AppTest.from_file(str(ROOT / page), default_timeout=30)
        at.run()
        assert "Halaman ini hanya untuk fasilitator." in texts(at), page
