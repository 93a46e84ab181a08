"""Joining and name cards: the LAN address and links, the join lookup, the name-card PDF
read back, and the demo's energiser poll."""
import io
import random

import pypdf
import pytest

from exports.registry import formats, render
from facilitation import joining, voting
from facilitation.demo import core as demo_core
from facilitation.demo import voting as demo_voting
from facilitation.errors import RembugError
from facilitation.participants import (
    add_participant,
    list_participants,
    revoke_and_reissue_token,
)
from facilitation.workshops import create_workshop, get_workshop
from tests.conftest import WORKSHOP


def test_links_use_the_lan_address_or_the_override(monkeypatch):
    monkeypatch.delenv("REMBUG_PUBLIC_URL", raising=False)
    for address in joining.lan_addresses():
        assert not address.startswith("127.") and joining._usable(address)
    assert joining.base_url(8600, "192.168.1.20") == "http://192.168.1.20:8600"
    assert joining.join_url("ABC234", "http://192.168.1.20:8501") == "http://192.168.1.20:8501/?join=ABC234"
    monkeypatch.setenv("REMBUG_PUBLIC_URL", "http://rembug.lan:8501/")
    assert joining.base_url(8501) == "http://rembug.lan:8501"
    assert joining.qr_png("http://x/?p=1").startswith(b"\x89PNG")
    assert joining.qr_svg("http://x/?p=1").lstrip().startswith("<svg")


def test_join_lookup_and_token(db):
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    pid = add_participant(db, wid, {"name": "Siti Aminah", "gender": "P", "institution": "PKK"})
    code = get_workshop(db, wid)["join_code"]
    found = joining.join_lookup(db, f" {code.lower()[:3]} {code.lower()[3:]} ")  # typed loosely
    assert found["workshop"]["id"] == wid and "pin_hash" not in found["workshop"]
    assert found["participants"] == [{"id": pid, "name": "Siti Aminah", "institution": "PKK"}]
    token = joining.token_for(db, code, pid)
    assert token == list_participants(db, wid)[0]["token"]
    assert joining.join_lookup(db, "NOPE99") is None and joining.join_lookup(db, "") is None
    other = create_workshop(db, {**WORKSHOP, "village": "Lain"}, pin="9999")
    assert joining.token_for(db, get_workshop(db, other)["join_code"], pid) is None  # not that workshop's person


def test_name_cards_pdf_eight_a_page_with_personal_links(db, monkeypatch):
    monkeypatch.setenv("REMBUG_PUBLIC_URL", "http://192.168.1.20:8501")
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    for n in range(10):
        add_participant(db, wid, {"name": f"Peserta {n:02d}", "gender": "LP"[n % 2], "institution": f"Pranata {n % 3}"})
    gone = list_participants(db, wid)[9]
    revoke_and_reissue_token(db, wid, gone["id"])  # the new link is printed, not the old one
    people = list_participants(db, wid)
    assert formats("name-cards") == ["pdf"]
    pdf = pypdf.PdfReader(io.BytesIO(render(db, wid, "name-cards", "pdf")))
    assert len(pdf.pages) == 2
    assert [len(page.images) for page in pdf.pages] == [8, 2]  # one QR code per card
    text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    for p in people:
        assert p["name"] in text and f"http://192.168.1.20:8501/?p={p['token']}" in text
    assert gone["token"] not in text
    assert "Pranata 2" in text and "Desa Sukamaju" in text
    one = pypdf.PdfReader(io.BytesIO(render(db, wid, "name-cards", "pdf", participant_id=people[3]["id"])))
    assert len(one.pages[0].images) == 1 and people[3]["name"] in one.pages[0].extract_text()


def test_demo_fills_a_closed_revealed_energiser_poll(db):
    rng = random.Random(5)
    wid = demo_core.create(db, rng)
    demo_core.fill(db, wid, rng)
    demo_voting.fill(db, wid, rng)
    [poll] = voting.list_polls(db, wid)
    assert poll["status"] == "closed" and poll["revealed"] and poll["kind"] == "single"
    res = voting.result(db, wid, poll["id"])
    assert res.present >= 20 and res.voted_present == res.voted >= res.present - max(2, res.present // 10)
    assert res.hand_voters == res.present - res.voted
    assert sum(r["hand"] for r in res.rows()) == res.hand_voters
    with pytest.raises(RembugError, match="live.err_poll_closed"):
        voting.cast_ballot(db, wid, poll["id"], list_participants(db, wid)[0]["id"], 1)
