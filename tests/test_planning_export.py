"""The action plan document: every row and total read back from Word, PDF and CSV, a 45-row
plan of long texts paginating cleanly, and page 1 rendered to PNG for a visual check."""
import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from exports.registry import render
from facilitation import planning
from facilitation.formatting import rupiah
from facilitation.participants import add_participant
from tests.conftest import ROOT

ARTIFACTS = ROOT / "artifacts"
SOURCES = planning.SOURCES


def squash(text: str) -> str:
    """Text without any whitespace: a PDF wraps long cells over several lines."""
    return re.sub(r"\s+", "", text)


def long_text(seed: int, length: int) -> str:
    words = ["pendampingan", "lansia", "terlantar", "kader", "Posyandu", "musyawarah", "gotong-royong",
             "warga", "dusun", "kesejahteraan", "sosial", "bersama", "setiap", "bulan"]
    out, i = [], seed
    while len(" ".join(out)) < length:
        out.append(words[i % len(words)])
        i += 3
    return f"R{seed}: " + " ".join(out)[: length - len(f"R{seed}: ")].rstrip()


# field lengths: a typical long plan, and every field at its maximum
LONG = {"activity": 90, "problem": 140, "objective": 220, "target": 80, "volume": 30, "location": 40,
        "partner": 25, "partners": 3, "indicator": 120, "params": 2}
LONGEST = {"activity": 200, "problem": 300, "objective": 500, "target": 200, "volume": 120, "location": 120,
           "partner": 80, "partners": 6, "indicator": 300, "params": 14}


def fill_plan(db, wid, rows: int, sizes: dict | None = None) -> list[dict]:
    people = [add_participant(db, wid, {"name": f"Penanggung Jawab {n}", "gender": "P", "institution": "PKK"})
              for n in range(3)]
    params = list(planning.content.parameter_ids())
    for n in range(rows):
        months = [m for m in planning.PLAN_MONTHS if (n + m) % 3 or m == 1]
        z = sizes
        planning.save_plan_row(db, wid, {
            "activity": long_text(n, z["activity"]) if z else f"Kegiatan nomor {n + 1}",
            "dimensions": [planning.dimension_ids()[n % 4]] + (["D2"] if n % 5 == 0 and n % 4 != 1 else []),
            "problem": long_text(n + 100, z["problem"]) if z else f"Masalah {n + 1}",
            "objective": long_text(n + 200, z["objective"]) if z else f"Tujuan {n + 1}",
            "target_group": long_text(n + 300, z["target"]) if z else "Lansia",
            "beneficiaries": 10 + n, "volume": long_text(n + 400, z["volume"]) if z else "",
            "location": long_text(n + 500, z["location"]) if z else "Dusun Kaler",
            "months": months, "pic": people[n % 3] if n % 7 else None,
            "partners": ([long_text(n + k, z["partner"]) for k in range(z["partners"])] if z
                         else ["Puskesmas", "Dinas Sosial"]),
            "indicator_params": params[n % 12: n % 12 + z["params"]] if z else ["P1.1"],
            "indicator": long_text(n + 600, z["indicator"]) if z else "",
            "budget": [{"budget_item": f"Pos {n + 1}.{k + 1}", "budget_source": SOURCES[(n + k) % 3],
                        "budget_amount": 25_000 * (n + 1) + 1_000 * k, "source_detail": "APBDes" if k == 2 else ""}
                       for k in range(3 if n % 4 else 1)],
        })
    return planning.list_plan_rows(db, wid)


@pytest.fixture
def small_plan(db, workshop):
    planning.save_focus(db, workshop, {"focus_question": "Apa yang kita lakukan dalam 6 bulan?"})
    planning.set_left_out(db, workshop, "D4", "Sudah ditangani kelompok tani hutan")
    return fill_plan(db, workshop, 3)


@pytest.fixture
def long_plan(db, workshop):
    return fill_plan(db, workshop, 45, LONG)


def plan_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "No" and len(t.columns) == 17)


def test_docx_reads_back_every_row_total_and_signature(db, workshop, small_plan):
    doc = Document(io.BytesIO(render(db, workshop, "action-plan", "docx")))
    section = doc.sections[0]
    assert section.page_width > section.page_height  # A4 landscape
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "KELOMPOK KERJA KETAHANAN SOSIAL MASYARAKAT (POKJA TANSOSMAS)" in text
    assert "DESA SUKAMAJU KECAMATAN CIBEBER" in text and "RENCANA AKSI 6 (ENAM) BULAN" in text
    assert "Periode Juni 2026 s.d. November 2026" in text  # month 1 follows the workshop in May
    table = plan_table(doc)
    body = table.rows[2:]
    assert len(body) == len(small_plan)
    for tr, r in zip(body, small_plan):
        cells = [c.text for c in tr.cells]
        assert cells[0] == str(r["no"]) and cells[1] == r["activity"] and cells[3] == r["problem_text"]
        assert cells[4] == r["objective"] and cells[6] == r["location"]
        assert cells[2] == ", ".join(r["dimensions"])
        assert [m for m in planning.PLAN_MONTHS if cells[6 + m] == "■"] == r["months"]
        assert cells[13] == (f"{r['pic_name']}\n(PKK)" if r["pic_name"] else "")
        assert cells[14] == "Puskesmas; Dinas Sosial"
        assert cells[15].endswith(f"Jumlah: {r['total']:,}".replace(",", "."))
    # the two header rows repeat on every page; no row splits across pages
    for tr in table.rows[:2]:
        assert tr._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(tr._tr.trPr.find(qn("w:cantSplit")) is not None for tr in table.rows)
    cells = {c.text for t in doc.tables for tr in t.rows for c in tr.cells}
    totals = planning.budget_totals(small_plan)
    for source in (*SOURCES, "total"):
        assert rupiah(totals[source]) in cells
    lines = [b for r in small_plan for b in r["budget"]]
    for b in lines:
        assert f"{b['amount']:,}".replace(",", ".") in cells and b["item"] in cells
    assert "Rp 0" in cells  # nothing recorded as available yet
    assert "\nPendamping I," in cells and "Citra" in cells and "Dodi" in cells
    assert "Pokja Tansosmas\nKetua," in cells and "Pokja Tansosmas\nSekretaris," in cells
    assert "Mengetahui,\nKepala Desa Sukamaju" in cells and "H. Endang" in cells
    assert "(" + "." * 36 + ")" in cells  # Ketua and Sekretaris: not elected here, signed by hand
    assert any("D4 · Kearifan lokal: Sudah ditangani kelompok tani hutan" in p.text for p in doc.paragraphs)


def test_pdf_reads_back_every_row_and_total(db, workshop, small_plan):
    reader = PdfReader(io.BytesIO(render(db, workshop, "action-plan", "pdf")))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    text = "\n".join(p.extract_text() for p in reader.pages)
    flat = squash(text)
    for r in small_plan:
        for value in (r["activity"], r["problem_text"], r["objective"], r["location"], r["pic_name"] or ""):
            assert squash(value) in flat
    totals = planning.budget_totals(small_plan)
    for source in (*SOURCES, "total"):
        assert squash(rupiah(totals[source])) in flat
    assert text.count("■") == sum(len(r["months"]) for r in small_plan)
    assert "Mengetahui," in text and "H. Endang" in text and "Citra" in text
    assert squash("Terbilang:") in flat
    fonts = {str(f.get("/BaseFont")) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert all("DejaVu" in f for f in fonts), fonts  # embedded font, no Helvetica fallback


def test_csv_has_one_line_per_row_with_integer_amounts(db, workshop, small_plan):
    data = render(db, workshop, "action-plan", "csv")
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = lines[0], lines[1:]
    assert header[:3] == ["No", "Kegiatan", "Dimensi"] and header[-3] == "Jumlah (Rp)"
    assert len(body) == len(small_plan)
    for line, r in zip(body, small_plan):
        by_source = [str(sum(b["amount"] for b in r["budget"] if b["source"] == s)) for s in SOURCES]
        assert line[1] == r["activity"] and line[-6:-3] == by_source and line[-3] == str(r["total"])
        assert [m for m in planning.PLAN_MONTHS if line[8 + m] == "X"] == r["months"]


def test_english_export_speaks_english(db, workshop, small_plan):
    doc = Document(io.BytesIO(render(db, workshop, "action-plan", "docx", lang="en")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "SIX-MONTH ACTION PLAN" in text and "Period June 2026 to November 2026" in text
    assert plan_table(doc).rows[0].cells[1].text == "Activity"


@pytest.mark.parametrize("sizes", [LONG, LONGEST], ids=["45-long-rows", "15-longest-rows"])
def test_a_long_plan_paginates_cleanly(db, workshop, sizes):
    long_plan = fill_plan(db, workshop, 45 if sizes is LONG else 15, sizes)
    pdf = render(db, workshop, "action-plan", "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    # each page's text up to the budget details, which name the activities again
    pages = [squash(p.extract_text()).split(squash("Rincian Anggaran"))[0] for p in reader.pages]
    assert len(pages) > 5
    plan_pages = [i for i, p in enumerate(pages) if squash("Waktu (bulan ke-)") in p]
    # the plan first (on page 1, or page 2 when its first row is taller than what page 1 has left
    # under the heading), then the budget details and the signatures
    assert plan_pages == list(range(plan_pages[0], plan_pages[0] + len(plan_pages)))
    assert plan_pages[0] == (0 if sizes is LONG else plan_pages[0]) and plan_pages[0] <= 1
    # every row stands whole on one page (rows never split), in order
    where = []
    for r in long_plan:
        found = [i for i in plan_pages if squash(r["activity"]) in pages[i]]
        assert len(found) == 1, (r["no"], found)
        for value in (r["problem_text"], r["objective"], r["indicator"], r["partners"][-1]):
            assert squash(value) in pages[found[0]]
        where.append(found[0])
    assert where == sorted(where)
    assert set(where) == set(plan_pages)  # the header repeats on pages with rows, never alone
    totals = planning.budget_totals(long_plan)
    closing = squash(reader.pages[-1].extract_text())  # the totals stand with the signatures
    for source in (*SOURCES, "total"):
        assert squash(rupiah(totals[source])) in closing
    assert "Mengetahui" in closing
    assert "Halaman" in reader.pages[-1].extract_text()
    # and the same plan in Word: every row, every amount
    doc = Document(io.BytesIO(render(db, workshop, "action-plan", "docx")))
    table = plan_table(doc)
    assert [tr.cells[1].text for tr in table.rows[2:]] == [r["activity"] for r in long_plan]
    assert [tr.cells[4].text for tr in table.rows[2:]] == [r["objective"] for r in long_plan]
    cells = {c.text for t in doc.tables for tr in t.rows for c in tr.cells}
    for source in (*SOURCES, "total"):
        assert rupiah(totals[source]) in cells


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) not installed")
def test_first_page_renders_to_png_for_a_visual_check(db, workshop, long_plan):
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "action_plan.pdf"
    pdf.write_bytes(render(db, workshop, "action-plan", "pdf"))
    prefix = ARTIFACTS / "action_plan_page1"
    subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf), str(prefix)],
                   check=True, timeout=60)
    png = Path(f"{prefix}.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > height  # landscape
    assert len(data) > 20_000  # a page with a table on it, not a blank one
