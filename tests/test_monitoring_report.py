"""The monitoring and evaluation report, read back from Word and PDF."""
import io

import pytest
from docx import Document
from pypdf import PdfReader

from exports.docs import monitoring as doc
from exports.registry import render
from facilitation import monitoring, progress, terminasi
from facilitation.demo import villages
from facilitation.formatting import rupiah
from facilitation.workshops import create_workshop, get_workshop
from tests.conftest import WORKSHOP


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from facilitation.store import Database

    database = Database(f"sqlite:///{tmp_path_factory.mktemp('report')}/report.sqlite3")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def village(store):
    """A finished village of Tabel 2 (plan, progress, visits, baseline and endline, hand-over)
    with a reflection and a visit that has findings and recommendations."""
    db = store
    [wid] = villages.load(db, entries=[villages.VILLAGES[8]])  # Lempur Mudik, Kerinci, Jambi (2007)
    ws = get_workshop(db, wid)
    monitoring.save_visit(db, wid, {**monitoring.visit_defaults(ws, "evaluasi"),
                                    "findings": {"D3": "Perselisihan batas sawah selesai lewat adat"},
                                    "problems": "Kas Pokja terlambat dicatat", "help_needed": "Pelatihan bendahara",
                                    "recommendations": "Bukukan kas tiap minggu"})
    terminasi.save_reflection(db, wid, {"worked": "Ronda bergilir", "next_plans": ["Kas sosial darurat"]})
    return wid


def docx_text(data: bytes) -> str:
    d = Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_report_in_word_and_pdf_says_what_the_office_needs(store, village):
    db = store
    ws = get_workshop(db, village)
    plan = progress.plan_progress(db, village)
    comp = monitoring.comparison(db, village)
    data = doc.collect(db, village, number="005/Pokja/VII/2007")
    for text in (flat(docx_text(doc.to_docx(data))), flat(pdf_text(doc.to_pdf(data)))):
        # the cover letter (DOMAIN.md §7.6)
        assert "POKJA TANSOSMAS" in text and "DESA LEMPUR MUDIK KECAMATAN GUNUNG RAYA" in text
        for piece in ("Nomor", "005/Pokja/VII/2007", "Lampiran", "Perihal", "Kepada Yth.", "Badiklit Kessos",
                      "Jakarta", "Tembusan:", "Kepala Dinas Sosial Kabupaten Kerinci",
                      "Kepala Dinas Sosial Provinsi Jambi", "3. Arsip"):
            assert piece in text, piece
        # the workshop, the plan's progress and the money
        assert "Gunung Raya" in text and ws["pendamping1"] in text
        for r in plan.rows:
            assert r.activity in text and f"{r.percent}%" in text
        assert rupiah(plan.money["total"]["spent"]) in text and rupiah(plan.money["total"]["budget"]) in text
        # baseline against endline, with Δ
        overall = comp.overall
        assert f"{float(overall.baseline):.1f}".replace(".", ",") in text
        assert f"+{float(overall.delta):.1f}".replace(".", ",") in text
        assert "Indeks Ketahanan Sosial" in text and "P4.4" in text
        # findings, recommendations, hand-over and reflection
        for piece in ("Perselisihan batas sawah selesai lewat adat", "Pelatihan bendahara", "Bukukan kas tiap minggu",
                      "Kas sosial darurat", "Ronda bergilir", "Dinas Sosial Kabupaten Kerinci"):
            assert piece in text, piece
        # signatures
        for piece in ("Ketua,", "Sekretaris,", "Pendamping I,", "Pendamping II,", "Mengetahui,",
                      "Kepala Desa Lempur Mudik", ws["pendamping2"], ws["kepala_desa"]):
            assert piece in text, piece


def test_the_chart_is_in_both_files(store, village):
    db = store
    data = doc.collect(db, village)
    word = Document(io.BytesIO(doc.to_docx(data)))
    [shape] = word.inline_shapes
    assert shape.width > 0
    png = word.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    text = pdf_text(doc.to_pdf(data))
    # the chart's own labels are drawn as vector text in the PDF
    assert "Baseline" in text and "Endline" in text and "Δ +" in text


def test_english_report_and_the_registry(store, village):
    db = store
    pdf = render(db, village, "monitoring", "pdf", lang="en")
    text = flat(pdf_text(pdf))
    assert "Monitoring" in text and "Copies to:" in text and "Social Resilience Index" in text
    assert render(db, village, "monitoring", "docx")[:2] == b"PK"


def test_a_report_before_anything_happened_still_prints(db):
    wid = create_workshop(db, dict(WORKSHOP), pin="4321")
    data = doc.collect(db, wid, date="2026-11-20")
    text = flat(docx_text(doc.to_docx(data)) + pdf_text(doc.to_pdf(data)))
    assert "Rencana Aksi belum berisi kegiatan." in text
    assert "Belum ada kunjungan monitoring atau evaluasi yang dicatat." in text
    assert "20 November 2026" in text
    assert data["letter"][0][1].startswith("....")  # a Nomor to fill in by hand
