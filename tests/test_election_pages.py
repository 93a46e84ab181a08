"""The election and pledge pages and their phone sections under AppTest."""
import datetime as dt

import pytest

from facilitation import election, pledges
from facilitation.participants import list_participants
from tests.election_helpers import office_id, run_round, workshop_with_people


def texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title,
                               *at.header, *at.subheader, *at.caption)]
    return "\n".join(str(p) for p in parts)


def submit(at, label):
    [button] = [b for b in at.form_submit_button if b.label == label]
    return button.click().run()


def ballots(at) -> list:
    return [r for r in at.radio if (r.key or "").startswith("el_choice_")]


def setup(apptest, n=4, present=None):
    wid, ids = workshop_with_people(apptest.db, n, present=present)
    tokens = {p["id"]: p["token"] for p in list_participants(apptest.db, wid)}
    return wid, ids, tokens


def test_an_office_from_nomination_to_projected_result(apptest):
    wid, (a, b, c, d), tokens = setup(apptest)
    names = {p["id"]: p["name"] for p in list_participants(apptest.db, wid)}
    at = apptest("pages/election.py", workshop=wid)
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Jabatan & aturan", "Pencalonan", "Pemungutan suara", "Hasil"]
    for pid in (a, b):
        at.selectbox(key="el_nom_office").set_value(office_id(apptest.db, wid, 1))
        [nominee] = [s for s in at.selectbox if s.label == "Calon"]
        nominee.set_value(pid)
        submit(at, "Usulkan calon")
        assert f"{names[pid]} dicalonkan." in texts(at)
    at.button(key="el_open_round").click().run()
    assert "Pemungutan suara dibuka" in texts(at)
    round_id = election.open_round_now(apptest.db, wid)["id"]

    phone = apptest(token=tokens[c])
    assert "Pilih Ketua" in texts(phone)
    assert phone.radio(key=f"el_choice_{round_id}").options == [names[a], names[b], "Tidak memilih (suara kosong)"]
    phone.radio(key=f"el_choice_{round_id}").set_value(str(b))
    phone.button(key=f"el_submit_{round_id}").click().run()
    assert "Suara Anda sudah masuk" in texts(phone)
    assert f"el_choice_{round_id}" not in phone.session_state  # the phone forgets the choice at once
    phone.run()
    assert "Anda sudah memilih" in texts(phone) and not ballots(phone)
    election.cast_vote(apptest.db, wid, round_id, a, a)
    election.cast_vote(apptest.db, wid, round_id, b, b)

    projector = apptest("pages/election.py", workshop=wid)
    projector.toggle(key="el_projector").set_value(True).run()
    assert not projector.exception
    assert [m.value for m in projector.metric] == ["3 / 4"]  # turnout only, while the vote is open
    assert "Suara bersifat rahasia" in texts(projector) and not projector.dataframe
    assert f"terpilih sebagai" not in texts(projector)

    at.run()
    at.button(key="el_close").click().run()
    assert "Pemungutan suara ditutup dan dihitung." in texts(at)
    projector.run()
    assert f"{names[b]} terpilih sebagai Ketua" in texts(projector)
    assert [m.value for m in projector.metric] == ["3 / 4", "0"]
    assert projector.dataframe[0].value.iloc[:, 1].tolist() == [names[b]]  # the board so far


def test_phone_nomination_waits_for_the_nominees_consent(apptest):
    wid, (a, b, c, d), tokens = setup(apptest)
    election.update_settings(apptest.db, wid, {"day": 4, "phone_nominations": True})
    ketua = office_id(apptest.db, wid, 1)
    phone = apptest(token=tokens[a])
    phone.selectbox(key="el_ph_office").set_value(ketua)
    phone.selectbox(key="el_ph_nominee").set_value(b)
    phone.button(key="el_ph_nominate").click().run()
    assert "Usulan Anda dicatat." in texts(phone)
    assert election.candidates_for(apptest.db, wid, ketua) == []  # not before b agrees

    nominee = apptest(token=tokens[b])
    assert "Anda diusulkan sebagai calon Ketua" in texts(nominee)
    [nomination] = election.pending_for(apptest.db, wid, b)
    nominee.button(key=f"el_yes_{nomination['id']}").click().run()
    assert "kesediaan Anda dicatat" in texts(nominee)
    assert [p["id"] for p in election.candidates_for(apptest.db, wid, ketua)] == [b]

    at = apptest("pages/election.py", workshop=wid)
    at.selectbox(key="el_nom_office").set_value(ketua).run()
    assert "bersedia (lewat HP)" in texts(at)


def test_a_participant_not_present_cannot_vote(apptest):
    wid, (a, b, c), tokens = setup(apptest, n=3, present=2)
    ketua = office_id(apptest.db, wid, 1)
    election.set_open_candidacy(apptest.db, wid, ketua, True)
    election.open_round(apptest.db, wid, ketua)
    phone = apptest(token=tokens[c])
    assert "belum tercatat hadir" in texts(phone) and not ballots(phone)


def test_tie_settled_by_lot_on_the_page(apptest):
    wid, (a, b, c, d), _ = setup(apptest)
    ketua = office_id(apptest.db, wid, 1)
    for pid in (a, b):
        election.nominate(apptest.db, wid, ketua, pid, verbal_consent=True)
    round_id = election.open_round(apptest.db, wid, ketua)
    run_round(apptest.db, wid, round_id, [(a, a), (b, b), (c, None)])
    at = apptest("pages/election.py", workshop=wid, lang="en")
    assert "Tied: how is it decided?" in texts(at)
    at.radio(key=f"el_tie_method_{round_id}").set_value("lot").run()
    at.text_input(key=f"el_tie_seed_{round_id}").input("777").run()
    at.button(key=f"el_tie_do_{round_id}").click().run()
    assert not at.exception and "Decision recorded." in texts(at)
    [member] = election.board(apptest.db, wid)
    assert (member["method"], member["seed"], member["participant_id"]) == ("lot", "777",
                                                                           election.draw_lot([a, b], "777"))
    assert "drawing lots · lot code 777" in texts(at)


def test_pledges_page_records_confirms_and_sums(apptest):
    wid, (a, b, c, d), tokens = setup(apptest)
    at = apptest("pages/pledges.py", workshop=wid)
    assert not at.exception
    at.selectbox(key="pl_who").set_value(a)
    at.radio(key="pl_kind").set_value("money").run()
    at.number_input(key="pl_value").set_value(250_000)
    submit(at, "Simpan komitmen")
    assert "dicatat" in texts(at)
    assert at.metric[0].value == "Rp 250.000"

    at.toggle(key="pl_phone_open").set_value(True).run()
    assert pledges.phone_open(apptest.db, wid)
    phone = apptest(token=tokens[b])
    phone.radio(key="pl_ph_kind").set_value("labour").run()
    phone.text_input(key="pl_ph_desc").input("Tukang bangunan")
    phone.number_input(key="pl_ph_qty").set_value(3)
    phone.text_input(key="pl_ph_unit").input("hari")
    phone.number_input(key="pl_ph_value").set_value(300_000)
    phone.button(key="pl_ph_send").click().run()
    assert "Komitmen terkirim" in texts(phone)
    assert "menunggu konfirmasi fasilitator" in texts(phone)
    assert pledges.available_funds(apptest.db, wid)["swadaya"] == 250_000  # not counted yet

    at.run()
    [pending] = pledges.list_pledges(apptest.db, wid, confirmed=False)
    at.button(key=f"pl_ok_{pending['id']}").click().run()
    assert pledges.available_funds(apptest.db, wid)["swadaya"] == 550_000
    assert [m.value for m in at.metric] == ["Rp 250.000", "Rp 0", "Rp 300.000", "2 / 4", "Rp 550.000"]
    assert [m.label for m in at.metric][3:] == ["Peserta berkomitmen", "Modal awal"]

    at.radio(key="pl_fund_kind").set_value("stimulan").run()
    at.number_input(key="pl_fund_amount").set_value(2_500_000)
    [received] = [x for x in at.date_input if x.label == "Tanggal diterima"]
    received.set_value(dt.date(2026, 5, 20))
    [account] = [x for x in at.text_input if x.label == "Rekening Pokja"]
    account.input("BRI 0123-01-000456-30-1")
    submit(at, "Simpan dana")
    assert not at.exception and "Dana dicatat." in texts(at)
    assert pledges.available_funds(apptest.db, wid) == {"stimulan": 2_500_000, "swadaya": 550_000, "lainnya": 0,
                                                        "total": 3_050_000}
    assert at.metric[-1].value == "Rp 3.050.000"


def test_a_bad_amount_shows_a_translated_error(apptest):
    wid, (a, *_), _ = setup(apptest)
    at = apptest("pages/pledges.py", workshop=wid, lang="en")
    at.radio(key="pl_kind").set_value("goods").run()
    submit(at, "Save the pledge")
    assert "Description: required" in texts(at) or "Value: required" in texts(at)
    assert pledges.list_pledges(apptest.db, wid) == []


@pytest.mark.parametrize("page", ["pages/election.py", "pages/pledges.py"])
def test_facilitator_pages_refuse_participants(apptest, page):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    at.run()
    assert "Halaman ini hanya untuk fasilitator." in texts(at)
    wid, ids, tokens = setup(apptest, n=2)
    phone = apptest(token=tokens[ids[0]])
    with pytest.raises(ValueError):
        phone.switch_page(page)


def test_open_candidacy_from_the_page_puts_everyone_present_on_the_ballot(apptest):
    wid, (a, b, c, d), _ = setup(apptest, present=3)
    ketua = office_id(apptest.db, wid, 1)
    at = apptest("pages/election.py", workshop=wid)
    at.toggle(key=f"el_open_cand_{ketua}").set_value(True).run()
    assert not at.exception
    assert [p["id"] for p in election.candidates_for(apptest.db, wid, ketua)] == [a, b, c]
    assert at.toggle(key=f"el_open_cand_{ketua}").value is True
    election.set_open_candidacy(apptest.db, wid, ketua, False)  # changed from another browser
    at.run()
    assert at.toggle(key=f"el_open_cand_{ketua}").value is False  # shown as stored, not undone
    assert election.candidates_for(apptest.db, wid, ketua) == []
