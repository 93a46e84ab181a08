"""Live participation pages under AppTest: polls from the facilitator page, voting from a
participant's phone link, joining by code, and the projector's hidden/revealed results."""
from facilitation import voting
from facilitation.participants import add_participant, list_participants
from facilitation.workshops import create_workshop, get_workshop
from tests.conftest import WORKSHOP


def texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.title,
                               *at.header, *at.subheader, *at.caption)]
    return "\n".join(str(p) for p in parts)


def hall(db, n=3):
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    for i, name in enumerate(["Siti Aminah", "Budi Santoso", "Ani Rahma"][:n]):
        add_participant(db, wid, {"name": name, "gender": "PLP"[i], "institution": "PKK"})
    return wid, list_participants(db, wid)


def submit(at, label):
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def test_facilitator_creates_opens_and_closes_a_poll(apptest):
    wid, _ = hall(apptest.db)
    at = apptest("pages/live.py", workshop=wid)
    assert not at.exception
    assert get_workshop(apptest.db, wid)["join_code"] in texts(at)  # the join code is on screen
    at.text_input(key="new_title").input("Penyegar malam")
    at.text_area(key="new_items").input("Angin Bertiup\n\nKapal Tenggelam\nTepuk Tansosmas\n")
    at.checkbox(key="new_open_now").uncheck()
    submit(at, "Buat pemungutan suara")
    assert not at.exception
    [poll] = voting.list_polls(apptest.db, wid)
    assert poll["title"] == "Penyegar malam" and poll["status"] == "draft"
    assert [i["label"] for i in poll["items"]] == ["Angin Bertiup", "Kapal Tenggelam", "Tepuk Tansosmas"]
    assert 'Pemungutan suara "Penyegar malam" dibuat.' in texts(at)

    at.button(key=f"open_{poll['id']}").click().run()
    assert voting.get_poll(apptest.db, wid, poll["id"])["status"] == "open"
    at.button(key=f"close_{poll['id']}").click().run()
    assert voting.get_poll(apptest.db, wid, poll["id"])["status"] == "closed"
    assert not at.exception


def test_new_poll_with_a_bad_list_shows_translated_errors(apptest):
    wid, _ = hall(apptest.db)
    at = apptest("pages/live.py", workshop=wid)
    at.selectbox(key="new_kind").select("dots").run()
    at.text_input(key="new_title").input("Dots")
    at.text_area(key="new_items").input("Only one")
    at.number_input(key="new_dots").set_value(2)
    at.number_input(key="new_max_per_item").set_value(5)
    submit(at, "Buat pemungutan suara")
    assert "Pilihan: Perlu paling sedikit 2 pilihan." in texts(at)
    at.text_area(key="new_items").input("Air\nJalan")
    submit(at, "Buat pemungutan suara")
    assert "Stiker per pilihan harus antara 1 dan 2." in texts(at)
    assert voting.list_polls(apptest.db, wid) == []


def test_hand_counts_entered_on_the_live_page(apptest):
    wid, people = hall(apptest.db)
    poll_id = voting.create_poll(apptest.db, wid, "Air", "single", ["Sumur", "PDAM"])
    voting.open_poll(apptest.db, wid, poll_id)
    voting.cast_ballot(apptest.db, wid, poll_id, people[0]["id"], 1)
    at = apptest("pages/live.py", workshop=wid)
    at.number_input(key=f"hand_{poll_id}_2").set_value(4)
    at.number_input(key=f"hand_{poll_id}_voters").set_value(4)
    submit(at, "Simpan hitungan manual")
    assert "Hitungan manual tersimpan." in texts(at)
    res = voting.result(apptest.db, wid, poll_id)
    assert [(r["label"], r["phone"], r["hand"], r["total"]) for r in res.rows()] == [("PDAM", 0, 4, 4),
                                                                                      ("Sumur", 1, 0, 1)]


def test_phone_casts_and_changes_a_ballot(apptest):
    wid, people = hall(apptest.db)
    poll_id = voting.create_poll(apptest.db, wid, "Penyegar", "single", ["Angin Bertiup", "Kapal Tenggelam"])
    voting.open_poll(apptest.db, wid, poll_id)
    me = people[1]
    at = apptest(token=me["token"])
    assert not at.exception
    assert "Penyegar" in texts(at)
    at.button(key=f"v{poll_id}_2").click().run()
    assert [s.value for s in at.success] == ["Suara Anda tersimpan."]
    assert voting.my_ballot(apptest.db, wid, poll_id, me["id"]) == 2
    at.button(key=f"v{poll_id}_1").click().run()
    assert voting.my_ballot(apptest.db, wid, poll_id, me["id"]) == 1
    assert [at.button(key=f"v{poll_id}_{i}").proto.type for i in (1, 2)] == ["primary", "secondary"]
    # a returning phone (a new session) sees its stored ballot without voting again
    again = apptest(token=me["token"])
    assert "Pilihan Anda yang tersimpan: Angin Bertiup" in texts(again)
    assert again.button(key=f"v{poll_id}_1").proto.type == "primary"


def test_phone_dot_voting_with_steppers(apptest):
    wid, people = hall(apptest.db)
    poll_id = voting.create_poll(apptest.db, wid, "Masalah", "dots", ["Air", "Jalan", "Sampah"],
                                 {"dots": 3, "max_per_item": 2})
    voting.open_poll(apptest.db, wid, poll_id)
    at = apptest(token=people[0]["token"], lang="en")
    send = at.button(key=f"send_{poll_id}")
    assert send.disabled  # nothing placed yet
    for key in (f"d{poll_id}_1_plus", f"d{poll_id}_1_plus", f"d{poll_id}_3_plus"):
        at.button(key=key).click().run()
    assert at.button(key=f"d{poll_id}_1_plus").disabled  # two is the most on one option
    assert at.button(key=f"d{poll_id}_2_plus").disabled  # all three dots are placed
    at.button(key=f"send_{poll_id}").click().run()
    assert "Your vote is saved." in [s.value for s in at.success]
    assert voting.my_ballot(apptest.db, wid, poll_id, people[0]["id"]) == {1: 2, 3: 1}


def test_phone_pairwise_and_closed_poll(apptest):
    wid, people = hall(apptest.db)
    poll_id = voting.create_poll(apptest.db, wid, "Prioritas", "pairwise", ["Air", "Jalan", "Sampah"])
    voting.open_poll(apptest.db, wid, poll_id)
    at = apptest(token=people[0]["token"])
    for a, b, winner in [(1, 2, 2), (1, 3, 1), (2, 3, 2)]:
        at.button(key=f"p{poll_id}_{a}_{b}_{winner}").click().run()
    at.button(key=f"send_{poll_id}").click().run()
    assert voting.my_ballot(apptest.db, wid, poll_id, people[0]["id"]) == [(1, 2, 2), (1, 3, 1), (2, 3, 2)]
    voting.close_poll(apptest.db, wid, poll_id)
    at.button(key="phone_refresh").click().run()
    assert f"p{poll_id}_1_2_1" not in [b.key for b in at.button]
    assert "Tunggu arahan fasilitator" in texts(at)


def test_join_by_code_leads_to_the_personal_link(apptest):
    wid, people = hall(apptest.db)
    code = get_workshop(apptest.db, wid)["join_code"]
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["join"] = code.lower()
    at.run()
    assert not at.exception
    person = next(p for p in people if p["name"] == "Budi Santoso")
    at.selectbox(key="join_person").select(person["id"]).run()
    at.button(key="join_confirm").click().run()
    # the phone's address is now its personal link; the browser test follows it to the vote
    assert at.query_params.get("p") in (person["token"], [person["token"]])
    assert "join" not in at.query_params

    wrong = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    wrong.query_params["join"] = "ZZZZZZ"
    wrong.run()
    assert "Kode ZZZZZZ tidak dikenal" in texts(wrong)


def test_projector_hides_until_revealed_and_records_the_tie_rule(apptest):
    wid, people = hall(apptest.db)
    poll_id = voting.create_poll(apptest.db, wid, "Penyegar", "single", ["Angin Bertiup", "Kapal Tenggelam"])
    voting.open_poll(apptest.db, wid, poll_id)
    voting.cast_ballot(apptest.db, wid, poll_id, people[0]["id"], 1)
    voting.cast_ballot(apptest.db, wid, poll_id, people[1]["id"], 2)
    at = apptest("pages/projector.py", workshop=wid)
    assert not at.exception
    assert [m.value for m in at.metric] == ["2 / 3", "2", "0"]
    assert "Hasil disembunyikan sampai fasilitator menampilkannya." in texts(at)
    assert "| =1 |" not in texts(at)
    at.button(key="projector_reveal").click().run()
    assert voting.get_poll(apptest.db, wid, poll_id)["revealed"] is True
    assert "Seri: Angin Bertiup, Kapal Tenggelam" in texts(at)
    assert "| =1 | Angin Bertiup | 1 | 0 | **1** |" in texts(at)
    assert "| =1 | Kapal Tenggelam | 1 | 0 | **1** |" in texts(at)
    at.selectbox(key=f"tie_rule_{poll_id}").select(("lot",)).run()
    assert voting.get_poll(apptest.db, wid, poll_id)["tie_rule"] == ["lot"]
    assert "angka undian tercatat" in texts(at)
    assert "| =1 |" not in texts(at) and "| 2 |" in texts(at)


def test_a_revoked_link_cannot_vote_from_a_page_left_open(apptest):
    from facilitation.participants import revoke_and_reissue_token

    wid, people = hall(apptest.db)
    poll_id = voting.create_poll(apptest.db, wid, "Penyegar", "single", ["Angin Bertiup", "Kapal Tenggelam"])
    voting.open_poll(apptest.db, wid, poll_id)
    at = apptest(token=people[0]["token"])
    revoke_and_reissue_token(apptest.db, wid, people[0]["id"])  # the phone was lost meanwhile
    at.button(key=f"v{poll_id}_1").click().run()
    assert voting.my_ballot(apptest.db, wid, poll_id, people[0]["id"]) is None
    assert "Tautan peserta ini tidak berlaku lagi" in texts(at)
