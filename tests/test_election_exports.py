"""Berita Acara Pemilihan and Susunan Pengurus, read back from Word and PDF."""
import io
import re

import docx
import pypdf
import pytest

from exports import registry
from facilitation import election, pledges
from facilitation.formatting import date_in_words
from facilitation.participants import list_participants
from tests.conftest import WORKSHOP
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.election_helpers import day4_demo, office_id, run_round, workshop_with_people


@pytest.fixture(scope="module")
def minutes(tmp_path_factory):
    """Ketua by runoff, Wakil by lot, Sekretaris by votes (open candidacy), Bendahara by agreement."""
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('minutes')}/rembug.sqlite3")
    wid, (a, b, c, d, e, f) = workshop_with_people(db, 6, present=5)
    ketua, wakil, sekretaris, bendahara = (office_id(db, wid, n) for n in (1, 2, 3, 4))
    for pid in (a, b, c):
        election.nominate(db, wid, ketua, pid, verbal_consent=True)
    run_round(db, wid, election.open_round(db, wid, ketua), [(a, a), (b, b), (c, a), (d, b), (e, None)])
    runoff = election.resolve_tie(db, wid, ketua, "runoff")["round_id"]
    run_round(db, wid, runoff, [(a, a), (b, a), (c, b), (d, a), (e, None)])
    for pid in (b, c):
        election.nominate(db, wid, wakil, pid, verbal_consent=True)
    run_round(db, wid, election.open_round(db, wid, wakil), [(a, b), (b, c), (c, b), (d, c), (e, None)])
    lot = election.resolve_tie(db, wid, wakil, "lot", seed="424242")
    election.set_open_candidacy(db, wid, sekretaris, True)
    run_round(db, wid, election.open_round(db, wid, sekretaris), [(a, d), (b, d), (c, e), (d, d), (e, e)])
    loser = c if lot["winner"] == b else b
    for pid in (e, loser):
        election.nominate(db, wid, bendahara, pid, verbal_consent=True)
    run_round(db, wid, election.open_round(db, wid, bendahara), [(a, e), (b, loser), (c, None), (d, None)])
    election.resolve_tie(db, wid, bendahara, "agreement", chosen=e)
    election.update_settings(db, wid, {"day": 4, "number": "07/BA/2026", "witness1_id": e, "witness2_id": f})
    people = {p["id"]: p for p in list_participants(db, wid)}
    yield db, wid, people, {"ketua": a, "wakil": lot["winner"], "sekretaris": d, "bendahara": e,
                            "witnesses": (e, f), "runoff_loser": b}
    db.dispose()


def docx_text(data: bytes) -> tuple[str, list]:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    tables = []
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        tables.append(rows)
        parts += ["\n".join(" | ".join(r) for r in rows)]
    return "\n".join(parts), tables


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def test_minutes_in_word_say_what_happened(minutes):
    db, wid, people, who = minutes
    text, tables = docx_text(registry.render(db, wid, "election", "docx"))
    flat = re.sub(r"\s+", " ", text)
    assert "BERITA ACARA PEMILIHAN PENGURUS POKJA TANSOSMAS" in flat and "Nomor: 07/BA/2026" in flat
    assert f"Pada hari ini {date_in_words(WORKSHOP['day4'])}" in flat
    assert "Kamis tanggal tujuh bulan Mei tahun dua ribu dua puluh enam" in flat
    assert "Balai Desa Sukamaju" in flat
    assert "dihadiri oleh 5 dari 6 peserta terdaftar" in flat and "kuorum (dua pertiga peserta) terpenuhi" in flat
    assert "langsung, umum, bebas, dan rahasia (LUBER)" in flat
    assert "tidak dicalonkan lagi pada jabatan berikutnya" in flat
    ketua, wakil = people[who["ketua"]]["name"], people[who["wakil"]]["name"]
    assert f"Ditetapkan: {ketua} terpilih sebagai Ketua dengan suara terbanyak pada pemilihan ulang." in flat
    assert f"Ditetapkan: {wakil} terpilih sebagai Wakil Ketua melalui undian (kode acak 424242)." in flat
    assert "sebagai Bendahara melalui musyawarah mufakat peserta" in flat
    assert "Putaran 2: pemilihan ulang antara" in flat and "Terdapat suara sama antara" in flat
    assert flat.count("Belum ditetapkan.") == 4  # the four seksi were not elected in this scenario
    assert "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya." in flat
    for pid in who["witnesses"]:
        assert people[pid]["name"] in flat
    assert "Saksi I," in flat and "Saksi II," in flat and "Mengetahui," in flat
    assert "Kepala Desa Sukamaju" in flat and "H. Endang" in flat and "Dra. Ani" in flat
    # the Ketua's runoff: votes per candidate, blank ballots, ballots cast
    runoffs = [t for t in tables if t[0] == ["No", "Nama Calon", "Unsur/Pranata", "Suara"]]
    assert len(runoffs) == 5  # Ketua twice, Wakil, Sekretaris, Bendahara
    loser = who["runoff_loser"]
    assert runoffs[1][1] == ["1", ketua, people[who["ketua"]]["institution"], "3"]
    assert runoffs[1][2] == ["2", people[loser]["name"], people[loser]["institution"], "1"]
    blank_row = next(r for r in runoffs[1] if r[1] == "Suara kosong")
    total_row = next(r for r in runoffs[1] if r[1] == "Jumlah suara masuk")
    assert (blank_row[3], total_row[3]) == ("1", "5")


def test_board_composition_follows_the_minutes(minutes):
    db, wid, people, who = minutes
    _, tables = docx_text(registry.render(db, wid, "election", "docx"))
    [board] = [t for t in tables if t[0] == ["No", "Jabatan", "Nama", "Unsur/Pranata", "L/P", "Dusun"]]
    rows = {r[1]: r for r in board[1:]}
    a = people[who["ketua"]]
    assert rows["Ketua"] == ["1", "Ketua", a["name"], a["institution"], a["gender"], a["dusun"]]
    assert rows["Sekretaris"][2] == people[who["sekretaris"]]["name"]
    assert rows["Seksi Pengendalian Konflik"][2] == ""  # not elected yet: a blank to fill in
    assert rows["Pelindung"][2] == "H. Endang"
    assert [r[2] for r in board[1:] if r[1] == "Pendamping"] == ["Citra", "Dodi"]


def test_minutes_as_pdf(minutes):
    db, wid, people, who = minutes
    text, pages = pdf_text(registry.render(db, wid, "election", "pdf"))
    assert pages >= 2  # the board composition starts its own page
    assert "BERITA ACARA PEMILIHAN PENGURUS POKJA TANSOSMAS" in text
    assert "Kamis tanggal tujuh bulan Mei tahun dua ribu dua puluh enam" in text
    assert "dihadiri oleh 5 dari 6 peserta terdaftar" in text
    assert "melalui undian (kode acak 424242)" in text
    assert "Putaran 2: pemilihan ulang antara" in text
    assert "Demikian berita acara ini dibuat dengan sebenarnya" in text
    assert "SUSUNAN PENGURUS POKJA TANSOSMAS" in text
    for key in ("ketua", "wakil", "sekretaris", "bendahara"):
        assert people[who[key]]["name"] in text
    assert people[who["witnesses"][1]]["name"] in text


def test_documents_of_a_workshop_without_election_or_pledges(db):
    wid, _ = workshop_with_people(db, 2)
    fresh = create_workshop(db, {**WORKSHOP, "village": "Sukasari"}, pin="4321")
    for doc, fmt in (("election", "docx"), ("election", "pdf"), ("pledges", "docx"), ("pledges", "pdf"),
                     ("pledges", "csv")):
        assert registry.render(db, fresh, doc, fmt)
    assert election.list_offices(db, fresh) == []  # reading a document set nothing up
    assert "Belum ada komitmen yang dikonfirmasi." in docx_text(registry.render(db, wid, "pledges", "docx"))[0]


def test_minutes_in_english(minutes):
    db, wid, _, _ = minutes
    text, _ = pdf_text(registry.render(db, wid, "election", "pdf", lang="en"))
    assert "MINUTES OF THE POKJA TANSOSMAS BOARD ELECTION" in text
    assert "Thursday the seventh day of May in the year two thousand twenty-six" in text
    assert "by drawing lots (random code 424242)" in text


def test_demo_day4_documents_export_from_the_command_line(db, tmp_path):
    """The demo's election and pledges, through `python -m facilitation export`."""
    from facilitation.__main__ import main

    demo = day4_demo(db)
    board = election.board(db, demo)
    assert len(board) == 8 and any(b["method"] == "runoff" for b in board)
    funds, summary = pledges.available_funds(db, demo), pledges.summary(db, demo)
    assert funds["stimulan"] == 2_500_000 and funds["swadaya"] > 0
    assert summary["pledgers"] >= 15 and all(summary["counts"][k] for k in pledges.KINDS) and summary["pending"]
    out = tmp_path / "ba.docx"
    assert main(["--db", db.url, "export", "--workshop", demo, "--doc", "election", "--format", "docx",
                 "--out", str(out)]) == 0
    texts = {("election", "docx"): re.sub(r"\s+", " ", docx_text(out.read_bytes())[0]),
             ("election", "pdf"): pdf_text(registry.render(db, demo, "election", "pdf"))[0],
             ("pledges", "docx"): docx_text(registry.render(db, demo, "pledges", "docx"))[0]}
    for fmt in ("docx", "pdf"):
        assert "pemilihan ulang" in texts["election", fmt] and "Demikian berita acara" in texts["election", fmt]
        for member in board:
            assert member["name"] in texts["election", fmt]
    recap = re.sub(r"\s+", " ", texts["pledges", "docx"])
    assert "BRI Unit Cisarua" in recap and f"{funds['total']:,}".replace(",", ".") in recap
    assert recap.count("SURAT PERNYATAAN KOMITMEN") == summary["pledgers"]
