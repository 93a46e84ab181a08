"""The pledge recap and the Surat Pernyataan Komitmen, read back from Word, PDF and CSV."""
import csv
import datetime as dt
import io
import re

import docx
import pypdf
import pytest

from exports import registry
from facilitation import pledges
from facilitation.participants import list_participants
from facilitation.store import Database
from tests.election_helpers import workshop_with_people

DUE = dt.date(2026, 5, 21)


@pytest.fixture(scope="module")
def recap(tmp_path_factory):
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('pledges')}/rembug.sqlite3")
    wid, (a, b, c, d) = workshop_with_people(db, 4)
    pledges.add_pledge(db, wid, a, {"kind": "money", "value": 250_000, "due_date": DUE})
    pledges.add_pledge(db, wid, b, {"kind": "goods", "description": "Kursi plastik", "quantity": 10, "unit": "buah",
                                    "value": 350_000, "due_date": DUE})
    pledges.add_pledge(db, wid, c, {"kind": "labour", "description": "Tukang bangunan", "quantity": 3,
                                    "unit": "hari", "value": 300_000, "due_date": DUE})
    pledges.add_pledge(db, wid, c, {"kind": "money", "value": 6_000_000, "due_date": DUE})
    pledges.set_phone_open(db, wid, True)
    pledges.add_pledge(db, wid, d, {"kind": "money", "value": 999_000, "due_date": DUE}, from_phone=True)
    pledges.add_fund(db, wid, {"kind": "stimulan", "source": "Kemensos RI", "amount": 2_500_000,
                               "received_on": DUE, "account_ref": "BRI 0123-01-000456-30-1"})
    pledges.add_fund(db, wid, {"kind": "other", "source": "APBDes", "amount": 500_000})
    people = {p["id"]: p["name"] for p in list_participants(db, wid)}
    yield db, wid, people, (a, b, c, d)
    db.dispose()


def docx_parts(data: bytes):
    document = docx.Document(io.BytesIO(data))
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    text = "\n".join([p.text for p in document.paragraphs] + ["\n".join(" | ".join(r) for r in t) for t in tables])
    return re.sub(r"\s+", " ", text), tables


def test_recap_lists_confirmed_pledges_and_the_starting_capital(recap):
    db, wid, people, (a, b, c, d) = recap
    text, tables = docx_parts(registry.render(db, wid, "pledges", "docx"))
    assert "REKAPITULASI KOMITMEN SWADAYA DAN MODAL AWAL" in text
    [listing] = [t for t in tables if t[0][:7] == ["No", "Nama", "Unsur", "Bentuk", "Uraian", "Nilai (Rp)",
                                                  "Waktu serah"]]
    assert listing[0][7] == "TTD"
    body = listing[1:-1]
    assert [(r[1], r[3], r[5]) for r in body] == [(people[a], "Uang", "250.000"), (people[b], "Barang", "350.000"),
                                                   (people[c], "Tenaga", "300.000"), (people[c], "Uang", "6.000.000")]
    assert body[1][4] == "Kursi plastik, 10 buah" and body[0][6] == "21 Mei 2026"
    assert listing[-1][1] == "Jumlah swadaya peserta" and listing[-1][5] == "6.900.000"
    assert people[d] not in text  # a phone pledge not yet confirmed is not on the list
    [capital] = [t for t in tables if t[0] == ["Sumber", "Keterangan", "Nilai (Rp)"]]
    assert capital[2][0] == "Dana stimulan" and "BRI 0123-01-000456-30-1" in capital[2][1]
    assert capital[-1][0] == "JUMLAH MODAL AWAL" and capital[-1][2] == "9.900.000"
    assert "sembilan juta sembilan ratus ribu rupiah" in capital[-1][1]


def test_one_signable_statement_per_participant(recap):
    db, wid, people, (a, b, c, d) = recap
    text, _ = docx_parts(registry.render(db, wid, "pledges", "docx"))
    assert text.count("SURAT PERNYATAAN KOMITMEN") == 3
    assert text.count("Yang menyatakan,") == 3
    assert "uang sebesar Rp 250.000 (dua ratus lima puluh ribu rupiah)" in text
    assert "barang: Kursi plastik, sebanyak 10 buah, perkiraan nilai Rp 350.000" in text
    assert "paling lambat 21 Mei 2026" in text
    assert "tanpa paksaan dari pihak mana pun" in text
    assert text.count("(meterai Rp10.000)") == 1  # only c's statement is above Rp 5 juta


def test_pdf_has_the_recap_then_a_page_per_statement(recap):
    db, wid, people, (a, b, c, d) = recap
    reader = pypdf.PdfReader(io.BytesIO(registry.render(db, wid, "pledges", "pdf")))
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    assert "REKAPITULASI KOMITMEN SWADAYA" in pages[0] and "9.900.000" in " ".join(pages[:-3])
    statements = pages[-3:]
    for page, pid in zip(statements, (a, b, c)):
        assert "SURAT PERNYATAAN KOMITMEN" in page and people[pid] in page and "Yang menyatakan" in page
    assert "enam juta rupiah" in statements[2]


def test_csv_values_are_whole_rupiah(recap):
    db, wid, _, _ = recap
    rows = list(csv.reader(io.StringIO(registry.render(db, wid, "pledges", "csv").decode("utf-8-sig"))))
    assert rows[0][:8] == ["No", "Nama", "Unsur", "Bentuk", "Uraian", "Jumlah", "Satuan", "Nilai (Rp)"]
    assert sum(int(r[7]) for r in rows[1:]) == pledges.available_funds(db, wid)["swadaya"] == 6_900_000

