"""The assessment pages under AppTest: from listing problems (typed and from a phone) to a
ranked priority list; a baseline score with its half-step rule; the institutions map."""
from __future__ import annotations

from facilitation import assessment, voting
from facilitation import assessment_cards as cards
from facilitation import assessment_institutions as venn
from facilitation import assessment_ranking as rk
from facilitation.participants import add_participant, list_participants
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP


def texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title,
                               *at.header, *at.subheader, *at.caption)]
    return "\n".join(str(p) for p in parts)


def submit(at, label):
    [button] = [b for b in at.form_submit_button if b.label == label]
    return button.click().run()


def test_from_listing_problems_to_a_ranked_priority_list(apptest):
    db = apptest.db
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    people = [add_participant(db, wid, {"name": f"Peserta {i}", "gender": "LP"[i % 2], "institution": "PKK"})
              for i in range(3)]

    # the facilitator types two problems and opens card collection for phones
    at = apptest("pages/problems.py", workshop=wid)
    for dim, text in (("D1", "Lansia jarang dikunjungi kader"), ("D4", "Sampah dibuang ke sungai")):
        at.selectbox(key="pr_add_dim").set_value(dim)
        at.text_area(key="pr_add_text").input(text)
        submit(at, "Tambah kartu")
        assert not at.exception
    at.button(key="pr_open").click().run()
    assert cards.collection_state(db, wid)["is_open"]

    # a participant sends a third problem from the phone page
    token = next(p["token"] for p in list_participants(db, wid) if p["id"] == people[0])
    phone = apptest(token=token)
    phone.selectbox(key="ph_dim").set_value("D3")
    phone.text_area(key="ph_text").input("Tawuran pemuda antarkampung")
    submit(phone, "Kirim kartu")
    assert not phone.exception and "Kartu terkirim" in texts(phone)
    board = cards.list_cards(db, wid, kind="problem")
    assert [(c["dimension"], c["source"]) for c in board] == [("D1", "facilitator"), ("D4", "facilitator"),
                                                              ("D3", "phone")]
    at.run()
    assert "Tawuran pemuda antarkampung" in texts(at).replace("\\", "")

    # ranking: create and open a Borda vote over all problems, the phones vote, the facilitator closes it
    at.switch_page("pages/ranking.py").run()
    at.radio(key="rk_method_all").set_value("ranking")
    submit(at, "Buat dan buka pemungutan suara")
    assert not at.exception, at.exception
    [poll] = rk.list_rankings(db, wid)
    assert poll["kind"] == "ranking" and poll["status"] == "open"
    lansia, sampah, tawuran = (c["id"] for c in board)
    voting.cast_ballot(db, wid, poll["id"], people[0], [tawuran, sampah, lansia])
    voting.cast_ballot(db, wid, poll["id"], people[1], [sampah, tawuran])
    voting.cast_ballot(db, wid, poll["id"], people[2], [sampah, lansia])
    at.run()
    at.button(key=f"rk_close_{poll['id']}").click().run()
    assert voting.get_poll(db, wid, poll["id"])["status"] == "closed"

    # the top two become the priorities planning reads
    at.number_input(key=f"rk_top_{poll['id']}").set_value(2)
    submit(at, "Tandai sebagai prioritas")
    assert not at.exception
    priorities = assessment.priority_problems(db, wid)
    assert [(p["text"], p["dimension"], p["rank"]) for p in priorities] == [
        ("Sampah dibuang ke sungai", "D4", 1), ("Tawuran pemuda antarkampung", "D3", 2)]
    shown = texts(at).replace("\\", "")
    assert "2 masalah ditandai sebagai prioritas" in shown
    assert "Sampah dibuang ke sungai" in shown and "Masalah prioritas (dibawa ke rencana aksi)" in shown


def test_baseline_half_step_needs_a_reason_then_counts(apptest):
    db = apptest.db
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    at = apptest("pages/baseline.py", workshop=wid, lang="en")
    assert not at.exception and "Scoring ladder" in texts(at)
    at.selectbox(key="bl_param").set_value("P1.2").run()
    at.select_slider(key="bl_score_P1.2").set_value(2.5)
    at.text_area(key="bl_evidence_P1.2").input("About 40% of vulnerable households reach the services")
    submit(at, "Save & confirm the score")
    assert "Reason: required for a half-step score" in texts(at)
    assert assessment.list_scores(db, wid) == {}
    at.text_area(key="bl_reason_P1.2").input("Dusun Kidul is far from the health centre")
    submit(at, "Save & confirm the score")
    assert "Score P1.2 = 2.5 confirmed." in texts(at)
    row = assessment.list_scores(db, wid)["P1.2"]
    assert row["score"] == 2.5 and row["confirmed"] and row["evidence"].startswith("About 40%")
    assert assessment.assessment_index(db, wid).dimension("D1").value_100 == 37.5
    at.toggle(key="bl_projector").set_value(True).run()
    assert not at.exception and "13 parameters are not scored yet" in texts(at)


def test_institutions_page_adds_and_draws(apptest):
    db = apptest.db
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    venn.add_institution(db, wid, {"name": "PKK", "type": "formal", "importance": 3, "distance": 0})
    at = apptest("pages/institutions.py", workshop=wid)
    at.selectbox(key="in_pick").set_value("posyandu").run()
    at.radio(key="in_add_posyandu_imp").set_value(3)
    at.radio(key="in_add_posyandu_dist").set_value(2)
    submit(at, "Tambah pranata")
    assert not at.exception
    items = venn.list_institutions(db, wid)
    assert [(i["name"], i["important_but_distant"]) for i in items] == [("PKK", False), ("Posyandu (balita)", True)]
    assert "Posyandu (balita): penting tetapi jauh dari warga" in texts(at)
    assert len(at.get("vega_lite_chart")) == 1  # the Venn diagram
