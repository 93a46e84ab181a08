"""Every facilitator page refuses anonymous and participant sessions; participants see only their page."""
import pytest
from streamlit.testing.v1 import AppTest

from facilitation import participants, workshops
from tests.conftest import ROOT, WORKSHOP
from ui import nav

FACILITATOR_PAGES = [s.path for specs in nav.FACILITATOR.values() for s in specs]
DENIED = "Halaman ini hanya untuk fasilitator."


def visible_text(at) -> str:
    return "\n".join(str(e.value) for e in (*at.markdown, *at.title, *at.header, *at.subheader, *at.caption,
                                             *at.error, *at.info, *at.success, *at.warning))


def small_workshop(db) -> tuple[str, str]:
    """A workshop with one participant: enough to hold a token (the full demo is slow to build)."""
    wid = workshops.create_workshop(db, dict(WORKSHOP), pin="4321")
    participants.add_participant(db, wid, {"name": "Ani", "gender": "P", "institution": "PKK"})
    return wid, participants.list_participants(db, wid)[0]["token"]


def test_every_page_is_in_the_navigation_and_exists():
    paths = [s.path for s in nav.all_specs()]
    assert len(paths) == len(set(paths))
    for path in paths:
        assert (ROOT / path).exists(), path
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert on_disk == set(paths), "a page file is not registered in ui/nav.py (or the reverse)"


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_facilitator_page_refuses_anonymous(apptest, page):
    small_workshop(apptest.db)
    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    at.run()
    assert not at.exception
    assert DENIED in visible_text(at)
    assert not at.button and not at.download_button and not at.dataframe


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_facilitator_page_refuses_participant(apptest, page):
    wid, token = small_workshop(apptest.db)
    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    at.session_state["auth_workshop"] = wid  # even a browser that once held the PIN
    at.query_params["p"] = token
    at.run()
    assert DENIED in visible_text(at)
    assert not at.button and not at.download_button and not at.dataframe


def test_participant_navigation_registers_only_participant_pages(apptest):
    _, token = small_workshop(apptest.db)
    at = apptest(token=token)
    for page in FACILITATOR_PAGES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_anonymous_navigation_has_only_the_start_page(apptest):
    small_workshop(apptest.db)
    at = apptest()
    for page in FACILITATOR_PAGES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


# ---------------------------------------------------------------- tokens (tests/test_trust_*: the rest of issue 9)

def _bits(token: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def test_tokens_are_random_and_unrelated_to_name_or_number(db):
    """At least 128 random bits each; identical names, numbering and import order leave no trace."""
    import hashlib

    wid = workshops.create_workshop(db, dict(WORKSHOP), pin="4321")
    for n in range(150):  # the same name again and again, and a numbered series
        participants.add_participant(db, wid, {"name": "Siti" if n % 2 else f"Peserta {n}", "gender": "P",
                                               "institution": "PKK"}, allow_duplicate=True)
    participants.import_file(db, wid, "p.csv", "Nama,L/P,Pranata\n".encode() + b"".join(
        f"Warga {n},L,RT\n".encode() for n in range(50)))
    people = participants.list_participants(db, wid)
    tokens = [p["token"] for p in people]
    raw = [_bits(t) for t in tokens]
    assert len(set(tokens)) == len(tokens) == 200
    assert min(len(r) for r in raw) * 8 >= 128
    # no shared prefix or suffix (a counter or a timestamp would show as one)
    assert len({t[:3] for t in tokens}) > 150 and len({t[-3:] for t in tokens}) > 150
    # about half of all bits are set, and consecutive tokens differ in about half their bits
    ones = sum(bin(b).count("1") for r in raw for b in r) / (8 * sum(len(r) for r in raw))
    assert 0.47 < ones < 0.53
    flips = [sum(bin(x ^ y).count("1") for x, y in zip(a, b)) / (8 * len(a)) for a, b in zip(raw, raw[1:])]
    assert 0.4 < sum(flips) / len(flips) < 0.6
    # nothing derived from what a participant could know: name, id, number
    for p in people:
        known = [p["name"], str(p["id"]), p["name"] + p["institution"], f"{wid}{p['id']}"]
        for value in known:
            for algo in ("md5", "sha1", "sha256"):
                digest = hashlib.new(algo, value.encode()).digest()
                assert _bits(p["token"])[:8] not in digest
            assert value.lower() not in p["token"].lower() or len(value) < 4


def test_reissued_link_replaces_the_old_one(db):
    wid, old = small_workshop(db)
    pid = participants.participant_for_token(db, old)["id"]
    new = participants.revoke_and_reissue_token(db, wid, pid)
    assert new != old and len(_bits(new)) * 8 >= 128
    assert participants.participant_for_token(db, old) is None
    assert participants.participant_for_token(db, new)["id"] == pid


def test_facilitator_reissues_a_lost_phone_link_on_the_page(apptest):
    wid, old = small_workshop(apptest.db)
    pid = participants.participant_for_token(apptest.db, old)["id"]
    at = apptest("pages/participants.py", workshop=wid)
    at.selectbox(key="edit_choice").set_value(pid).run()
    at.button(key=f"reissue_{pid}").click().run()
    assert not at.exception
    new = participants.list_participants(apptest.db, wid)[0]["token"]
    assert new != old and participants.participant_for_token(apptest.db, old) is None
    assert "Tautan lama dicabut" in visible_text(at)
    [link] = [c.value for c in at.code]
    assert link.endswith(f"/?p={new}")  # the new link (and its QR code) to hand over at once
    assert at.get("image")
    # the old link opens nothing, the new one opens the participant's page
    assert "tidak berlaku" in visible_text(_phone(apptest, old))
    assert "Selamat datang, Ani" in visible_text(_phone(apptest, new))


def _phone(apptest, token: str):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["p"] = token
    at.session_state["lang"] = "id"
    return at.run()


def test_a_revoked_link_cannot_vote_from_a_page_that_is_still_open(apptest):
    """A lost phone with the page already open: after the reissue its tap is refused, no ballot."""
    from facilitation import voting

    wid, token = small_workshop(apptest.db)
    pid = participants.participant_for_token(apptest.db, token)["id"]
    poll = voting.create_poll(apptest.db, wid, "Penyegar", "single", ["A", "B"])
    voting.open_poll(apptest.db, wid, poll)
    at = _phone(apptest, token)
    participants.revoke_and_reissue_token(apptest.db, wid, pid)
    at.button(key=f"v{poll}_1").click().run()
    assert voting.my_ballot(apptest.db, wid, poll, pid) is None
    assert "tidak berlaku" in visible_text(at)


def test_phone_shows_only_its_own_participants_data(apptest):
    """Another participant's pledges, voices, ideas, ballot, phone number and link never reach
    this phone, nor any facilitator control."""
    import datetime as dt
    import re

    from facilitation import contract, planning, pledges, voting

    db = apptest.db
    wid, token_a = small_workshop(db)
    b = participants.add_participant(db, wid, {"name": "Budi", "gender": "L", "institution": "RT",
                                               "phone": "081299998888"})
    a = participants.participant_for_token(db, token_a)["id"]
    token_b = participants.list_participants(db, wid)[1]["token"]
    contract.set_collecting(db, wid, True)
    planning.set_collecting(db, wid, True)
    pledges.set_phone_open(db, wid, True)
    poll = voting.create_poll(db, wid, "Penyegar", "single", ["Pilihan Satu", "Pilihan Dua"])
    voting.open_poll(db, wid, poll)
    for who, mark in ((a, "milikAni"), (b, "milikBudi")):
        contract.send_from_phone(db, wid, who, "concern", f"kekhawatiran {mark}")
        planning.add_idea(db, wid, f"gagasan {mark}", participant=participants.list_participants(db, wid)[who - a])
        pledges.add_pledge(db, wid, who, {"kind": "goods", "description": f"semen {mark}", "quantity": 1,
                                          "unit": "sak", "value": 60_000, "due_date": dt.date(2026, 5, 20)},
                           from_phone=True)
    voting.cast_ballot(db, wid, poll, b, 2)
    at = _phone(apptest, token_a)
    assert not at.exception
    shown = "\n".join(str(getattr(e, "value", "")) + str(getattr(e, "label", "")) for e in at._tree)
    shown += "\n".join(str(getattr(getattr(e, "proto", None), "body", "")) for e in at._tree)
    assert "milikAni" in shown
    assert "milikBudi" not in shown and token_b not in shown and "081299998888" not in shown
    assert "Pilihan Dua" in shown and "Pilihan Dua" not in "".join(c.value for c in at.caption)  # not B's ballot
    # no facilitator control: no downloads, tables, uploads, and no widget a facilitator page draws
    assert not at.download_button and not at.dataframe and not at.get("file_uploader")
    facilitator_keys = set()
    for page in FACILITATOR_PAGES:
        facilitator_keys |= set(re.findall(r'key=f?"([a-z_]+)', (ROOT / page).read_text(encoding="utf-8")))
    phone_keys = {w.key for w in at._tree if getattr(w, "key", None)}
    shared = {k for k in phone_keys for f in facilitator_keys if k == f or (f.endswith("_") and k.startswith(f))}
    assert not shared, shared


def test_a_name_hands_out_its_link_through_the_join_code_only_once(apptest):
    """The join code is on the projector: picking someone else's name must not give their link,
    once they have joined, nor bring back a phone whose link the facilitator replaced."""
    from facilitation import joining
    from facilitation.errors import RembugError

    db = apptest.db
    wid, token = small_workshop(db)
    pid = participants.participant_for_token(db, token)["id"]
    code = workshops.get_workshop(db, wid)["join_code"]
    assert joining.token_for(db, code, pid) == token  # Ani, from her own phone
    with pytest.raises(RembugError) as taken:  # anyone else, later, picking "Ani"
        joining.token_for(db, code, pid)
    assert taken.value.key == "live.join_taken"
    new = participants.revoke_and_reissue_token(db, wid, pid)  # Ani's phone was lost
    with pytest.raises(RembugError):
        joining.token_for(db, code, pid)  # the finder cannot join as Ani again
    assert participants.participant_for_token(db, new)["id"] == pid
    assert joining.joined_ids(db, wid) == {pid}

    # on the join page: the refusal, in words, and the phone stays where it was
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["join"] = code
    at.session_state["lang"] = "id"
    at.run()
    at.selectbox(key="join_person").select(pid).run()
    at.button(key="join_confirm").click().run()
    assert not at.exception
    assert "sudah tersambung" in visible_text(at)
    assert "p" not in at.query_params
    # the facilitator sees who has joined
    page = apptest("pages/participants.py", workshop=wid)
    assert page.dataframe[0].value.iloc[0, -1] == "✓"
