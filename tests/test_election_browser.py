"""A real server and browser: three phones elect a Ketua; the projector shows only the turnout
while the vote is open, and the result once the facilitator closes it."""
from facilitation import election
from facilitation.attendance import record_attendance
from facilitation.participants import add_participant, list_participants
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP, wait_ready

PEOPLE = [("Siti Aminah", "P", "PKK"), ("Asep Saepudin", "L", "RT/RW"), ("Rina Marlina", "P", "Majelis taklim")]


def prepare(path) -> tuple[str, dict[str, str]]:
    """Workshop, three people present on day 4, two consenting candidates for Ketua:
    the workshop id and each name's phone token."""
    db = Database(f"sqlite:///{path}")
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    for name, gender, institution in PEOPLE:
        add_participant(db, wid, {"name": name, "gender": gender, "institution": institution})
    people = list_participants(db, wid)
    record_attendance(db, wid, 4, {p["id"]: "hadir" for p in people})
    election.setup(db, wid)
    ketua = election.list_offices(db, wid)[0]["id"]
    for p in people[:2]:
        election.nominate(db, wid, ketua, p["id"], verbal_consent=True)
    tokens = {p["name"]: p["token"] for p in people}
    db.dispose()
    return wid, tokens


def open_election_page(browser, url):
    """A facilitator's browser, logged in with the PIN, on the election page."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    wait_ready(page)
    page.get_by_label("PIN fasilitator", exact=True).first.fill("4321")  # the login tab comes first
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Lokakarya aktif").wait_for(timeout=20_000)
    page.get_by_role("link", name="Pemilihan Pengurus Pokja").click()
    page.get_by_text("Pemilihan pengurus Pokja Tansosmas").first.wait_for(timeout=20_000)
    wait_ready(page)
    return context, page


def vote(browser, url, token, choice):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{url}/?p={token}")
    wait_ready(page)
    page.get_by_text("Pilih Ketua").wait_for(timeout=20_000)
    page.locator("[data-testid='stRadio'] label").filter(has_text=choice).click()
    page.get_by_role("button", name="Kirim suara").click()
    page.get_by_text("Suara Anda sudah masuk").wait_for(timeout=20_000)
    return context


def test_three_phones_elect_a_ketua_on_the_projector(server, browser):
    wid, tokens = prepare(server.db_path)
    contexts = []
    try:
        facilitator, desk = open_election_page(browser, server.url)
        contexts.append(facilitator)
        desk.get_by_role("tab", name="Pemungutan suara").click()
        desk.get_by_role("button", name="Buka pemungutan suara: Ketua").click()
        desk.get_by_text("Pemungutan suara dibuka").wait_for(timeout=20_000)

        projector_context, projector = open_election_page(browser, server.url)
        contexts.append(projector_context)
        projector.get_by_text("Tampilan proyektor").click()
        projector.get_by_text("Suara bersifat rahasia").wait_for(timeout=20_000)

        for voter, choice in zip(PEOPLE, ("Asep Saepudin", "Asep Saepudin", "Siti Aminah")):
            contexts.append(vote(browser, server.url, tokens[voter[0]], choice))

        # the projector refreshes itself: all three ballots are in, and still no count is shown
        projector.get_by_text("3 / 3").wait_for(timeout=20_000)
        assert projector.get_by_text("terpilih sebagai").count() == 0
        assert projector.locator("[data-testid='stMetricLabel']").filter(has_text="Suara kosong").count() == 0

        desk.get_by_role("button", name="Tutup pemungutan suara dan hitung").click()
        desk.get_by_text("Pemungutan suara ditutup dan dihitung.").wait_for(timeout=20_000)
        projector.get_by_text("Asep Saepudin terpilih sebagai Ketua").wait_for(timeout=20_000)
        # the counts arrive with the result: Asep 2, Siti 1, no blank ballot
        blank = projector.locator("[data-testid='stMetric']").filter(has_text="Suara kosong")
        blank.wait_for(timeout=20_000)
        assert blank.locator("[data-testid='stMetricValue']").inner_text().strip() == "0"
        db = Database(f"sqlite:///{server.db_path}")
        result = election.round_result(db, wid, election.latest_round(db, wid)["id"])
        db.dispose()
        assert [(c["name"], c["votes"]) for c in result["candidates"]] == [("Asep Saepudin", 2), ("Siti Aminah", 1)]
    finally:
        for context in contexts:
            context.close()
