"""Two real browsers on one real server: the facilitator's projector and a participant's phone.

The phone joins with the workshop code, lands on its personal link, votes, and the projector
(refreshing on its own) shows the vote within a few seconds."""
import re
import time

from facilitation import voting
from facilitation.participants import add_participant, list_participants
from facilitation.store import Database
from facilitation.workshops import create_workshop, get_workshop
from tests.conftest import WORKSHOP, wait_ready


def phone_ballots(page) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Suara lewat HP")
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_phone_vote_appears_on_the_projector(server, browser):
    db = Database(f"sqlite:///{server.db_path}")
    wid = create_workshop(db, dict(WORKSHOP), pin="2468")
    add_participant(db, wid, {"name": "Siti Aminah", "gender": "P", "institution": "PKK"})
    add_participant(db, wid, {"name": "Budi Santoso", "gender": "L", "institution": "Karang Taruna"})
    siti = next(p for p in list_participants(db, wid) if p["name"] == "Siti Aminah")
    poll_id = voting.create_poll(db, wid, "Penyegar malam", "single", ["Angin Bertiup", "Kapal Tenggelam"])
    voting.open_poll(db, wid, poll_id)
    voting.reveal(db, wid, poll_id)
    code = get_workshop(db, wid)["join_code"]

    projector_ctx, phone_ctx = browser.new_context(), browser.new_context(viewport={"width": 360, "height": 740})
    try:
        projector = projector_ctx.new_page()
        projector.goto(server.url)
        wait_ready(projector)
        projector.locator("[data-testid='stForm']").first.get_by_label("PIN fasilitator").fill("2468")
        projector.get_by_role("button", name="Masuk").click()
        projector.get_by_text("Lokakarya aktif: Desa Sukamaju").wait_for(timeout=20_000)
        projector.get_by_role("link", name="Layar Proyektor").click()
        wait_ready(projector)
        projector.get_by_text("Penyegar malam").first.wait_for(timeout=20_000)
        assert phone_ballots(projector) == "0"

        phone = phone_ctx.new_page()
        phone.goto(f"{server.url}/?join={code}")
        wait_ready(phone)
        phone.get_by_text("Bergabung ke lokakarya").wait_for(timeout=20_000)
        phone.locator("[data-testid='stSelectbox']").click()
        phone.get_by_role("option", name=re.compile("Siti Aminah")).click()
        phone.get_by_role("button", name="Ya, ini saya").click()
        phone.get_by_text("Selamat datang, Siti Aminah!").wait_for(timeout=20_000)
        assert f"p={siti['token']}" in phone.url and "join=" not in phone.url

        phone.get_by_role("button", name="Kapal Tenggelam").click()
        phone.get_by_text("Suara Anda tersimpan.").wait_for(timeout=20_000)
        voted_at = time.monotonic()
        assert voting.my_ballot(db, wid, poll_id, siti["id"]) == 2

        # nobody touches the projector: its fragment refreshes itself
        deadline = voted_at + 8
        while phone_ballots(projector) != "1":
            assert time.monotonic() < deadline, "the projector did not show the vote"
            projector.wait_for_timeout(100)
        assert time.monotonic() - voted_at < 5
        projector.get_by_text("1 dari 2 peserta terdaftar sudah memilih lewat HP", exact=False).wait_for(timeout=5_000)
        assert projector.locator("[data-testid='stVegaLiteChart']").count() == 1
    finally:
        projector_ctx.close()
        phone_ctx.close()
        db.dispose()
