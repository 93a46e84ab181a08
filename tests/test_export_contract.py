"""The learning contract document, read back from Word and PDF."""
from __future__ import annotations

import io
import random
import re

import pytest
from docx import Document
from pypdf import PdfReader

from exports.registry import render
from facilitation import contract
from facilitation.demo import agenda as demo_agenda
from facilitation.demo import core as demo_core
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('contract-doc')}/doc.sqlite3")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def mekarsari(store) -> str:
    """The demo village with its day 1 and learning contract (only the steps this document reads)."""
    rng = random.Random(7)
    wid = demo_core.create(store, rng)
    demo_core.fill(store, wid, rng)
    demo_agenda.fill(store, wid, rng)
    return wid


def docx_text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    doc = Document(io.BytesIO(data))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return paragraphs, tables


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_docx_holds_the_whole_contract(store, mekarsari):
    c = contract.get_contract(store, mekarsari, "id")
    text, tables = docx_text(render(store, mekarsari, "contract", "docx", lang="id"))
    lines = text.splitlines()
    assert lines[:4] == ["BIMBINGAN SOSIAL MODEL DESA BERKETAHANAN SOSIAL", "DESA MEKARSARI KECAMATAN CISARUA",
                         "KABUPATEN BANDUNG BARAT, PROVINSI JAWA BARAT", "Balai Desa Mekarsari"]
    assert "KONTRAK BELAJAR" in lines
    info = {row[0]: row[2] for row in tables[0]}
    assert info["Desa"] == "Mekarsari" and info["Tanggal"] == "10, 11, 12 dan 13 Maret 2026"
    assert info["Peserta"] == "30 orang"
    schedule = tables[1]
    assert schedule[0] == ["Hari", "Tanggal", "Mulai", "Selesai", "Istirahat (ISOMA)"]
    assert schedule[1][:4] == ["Hari 1", "Selasa, 10 Maret 2026", "08.30", "21.30"]
    assert schedule[1][4].splitlines() == ["10.15–10.30 Rehat kopi", "12.00–13.00 ISOMA", "15.00–15.30 ISHO",
                                           "17.45–19.30 ISOMA malam"]
    assert schedule[4][3] == "17.00"
    for n, rule in enumerate(c["rules"], start=1):
        assert f"{n}.\t{rule}" in lines
    assert "6.\tPeserta yang berhalangan hadir memberi tahu panitia sebelumnya." in lines
    for sanction in c["sanctions"]:
        assert any(line.endswith(sanction) for line in lines)
    roles = tables[2]
    assert roles[0] == ["Hari", "Pengulas (kilas balik)", "Penjaga waktu", "Pemimpin penyegar"]
    assert roles[1][1:] == [c["roles"][1][r]["name"] for r in contract.ROLES]
    expectations, concerns = c["voices"]["expectation"], c["voices"]["concern"]
    assert len(expectations) >= 8 and len(concerns) >= 8
    for v in expectations + concerns:
        shown = v["text"] if v["weight"] == 1 else f"{v['text']} (disampaikan {v['weight']} peserta)"
        assert any(line.endswith(shown) for line in lines), shown
    assert "Kegiatan malam terlalu larut dan jalan pulang gelap bagi yang rumahnya jauh. (disampaikan 2 peserta)" \
        in text
    assert text.index("E. Harapan Peserta") < text.index("F. Kekhawatiran Peserta") < text.index("Demikian")
    signatures = tables[3]
    flat = "\n".join(cell for row in signatures for cell in row)
    assert "Wakil Peserta," in flat and "Fasilitator," in flat and "Mekarsari, 10 Maret 2026" in flat
    assert c["representative"]["name"] in flat and "Dra. Sri Wahyuni, M.Si." in flat
    tail = [line for line in lines if line][-3:]
    assert tail == ["Mengetahui,", "Kepala Desa Mekarsari", "H. Mamat Rahmat"]


def test_pdf_holds_the_whole_contract_in_english(store, mekarsari):
    c = contract.get_contract(store, mekarsari, "en")
    data = render(store, mekarsari, "contract", "pdf", lang="en")
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in ("LEARNING CONTRACT", "MEKARSARI VILLAGE, CISARUA SUB-DISTRICT", "A. Daily schedule",
                     "08:30", "21:30", "12:00–13:00 ISOMA", "B. House rules", "C. Sanctions", "D. Daily roles",
                     "E. Participants' expectations", "F. Participants' concerns", "(said by 2 participants)",
                     "Participants' representative,", "Facilitator,", "Acknowledged by,",
                     "Head of Mekarsari Village", "H. Mamat Rahmat", "Mekarsari, 10 March 2026"):
        assert expected in text, expected
    # the agreed texts stay as the group wrote them (in Indonesian)
    assert c["rules"][0] in text
    for v in c["voices"]["expectation"][:8]:
        assert v["text"][:40] in text
    assert text.index("Acknowledged by,") > text.index("Participants' representative,")


def test_a_fresh_workshop_prints_the_proposals_and_none(store):
    wid = create_workshop(store, dict(WORKSHOP), pin="4321")
    text, tables = docx_text(render(store, wid, "contract", "docx", lang="id"))
    assert "1.\tDatang tepat waktu sesuai jadwal yang disepakati." in text
    assert "5.\tMerokok hanya di luar ruangan." in text
    assert text.count("Tidak ada.") == 2  # no expectations, no concerns yet
    assert tables[1][1][4].startswith("10.15–10.30 Rehat kopi")
    assert [row[1:] for row in tables[2][1:]] == [["", "", ""]] * 4
    pdf = pdf_text(render(store, wid, "contract", "pdf", lang="id"))
    assert "KONTRAK BELAJAR" in pdf and "Tidak ada." in pdf and "H. Endang" in pdf


def test_user_text_that_word_cannot_hold_is_cleaned(store):
    wid = create_workshop(store, dict(WORKSHOP), pin="4321")
    contract.add_voice(store, wid, "expectation", "Rukun \x0b<b>selalu</b> & guyub 🙏")
    text, _ = docx_text(render(store, wid, "contract", "docx"))
    assert "<b>selalu</b> & guyub 🙏" in text
    assert "<b>selalu</b> &" in pdf_text(render(store, wid, "contract", "pdf"))


def test_command_line_export(store, mekarsari, tmp_path):
    from facilitation.__main__ import main

    out = tmp_path / "kontrak.docx"
    url = str(store.engine.url)
    assert main(["--db", url, "export", "--workshop", mekarsari, "--doc", "contract", "--format", "docx",
                 "--out", str(out)]) == 0
    assert "KONTRAK BELAJAR" in docx_text(out.read_bytes())[0]
    assert main(["--db", url, "export", "--workshop", mekarsari, "--doc", "contract", "--format", "csv",
                 "--out", str(tmp_path / "k.csv")]) != 0
    assert not (tmp_path / "k.csv").exists()
