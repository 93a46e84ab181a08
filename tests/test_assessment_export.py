"""The one-page assessment summary (export --doc assessment) read back from Word and PDF,
on the demo's Mekarsari assessment, and the pictures drawn for it."""
from __future__ import annotations

import io
import random

import pytest
from docx import Document
from pypdf import PdfReader

from exports.assessment_graphics import baseline_scene, to_drawing, to_png, venn_scene
from exports.registry import available_documents, formats, render
from facilitation import assessment
from facilitation.assessment_institutions import institution_map
from facilitation.content import load_dimensions
from facilitation.demo import assessment as demo_assessment
from facilitation.demo import core
from facilitation.store import Database


@pytest.fixture(scope="module")
def mekarsari(tmp_path_factory):
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('export')}/rembug.sqlite3")
    rng = random.Random(2026)
    wid = core.create(db, rng)
    core.fill(db, wid, rng)
    demo_assessment.fill(db, wid, rng)
    yield db, wid
    db.dispose()


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    cells(doc.tables)
    return "\n".join(parts)


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_the_document_is_registered():
    assert "assessment" in available_documents()
    assert formats("assessment") == ["docx", "pdf"]


def test_demo_assessment_is_realistic(mekarsari):
    db, wid = mekarsari
    scores = assessment.list_scores(db, wid)
    assert len(scores) == 14 and all(r["confirmed"] for r in scores.values())
    halves = [r for r in scores.values() if r["score"] % 1]
    assert len(halves) >= 3 and all(r["reason"] for r in halves)
    assert all(r["evidence"] for r in scores.values())
    assert scores[demo_assessment.PHONE_RATED]["method"] == "phone_poll"
    priorities = assessment.priority_problems(db, wid)
    assert [p["rank"] for p in priorities] == [1, 2, 3, 4, 5]
    assert set(priorities[0]) == {"problem_id", "text", "dimension", "rank", "score"}
    assert len(institution_map(db, wid)["institutions"]) == 10


def test_word_summary_holds_dimensions_priorities_potentials_and_the_map(mekarsari):
    db, wid = mekarsari
    text = docx_text(render(db, wid, "assessment", "docx", lang="id"))
    assert "RINGKASAN ASESMEN" in text and "Mekarsari" in text
    for dim in load_dimensions().dimensions:
        assert f"{dim.id} {dim.short.id}" in text
    for p in assessment.priority_problems(db, wid):
        assert p["text"] in text
    assert "Posyandu lansia di setiap dusun" in text  # a key potential
    assert "Puskesmas Cisarua" in text and "Kepadatan jaringan pranata: 20%" in text
    index = assessment.assessment_index(db, wid)
    assert f"{index.overall.value_100:.1f}".replace(".", ",") in text
    doc = Document(io.BytesIO(render(db, wid, "assessment", "docx", lang="id")))
    assert len(doc.inline_shapes) == 2  # the baseline bars and the Venn diagram, as pictures


def test_pdf_summary_is_one_page_in_both_languages(mekarsari):
    db, wid = mekarsari
    text, pages = pdf_text(render(db, wid, "assessment", "pdf", lang="id"))
    assert pages == 1
    assert "RINGKASAN ASESMEN" in text and "Masalah prioritas" in text
    for dim in load_dimensions().dimensions:
        assert f"{dim.id} {dim.short.id}" in text
    flat = " ".join(text.split())
    for p in assessment.priority_problems(db, wid):
        assert p["text"] in flat
    english, pages = pdf_text(render(db, wid, "assessment", "pdf", lang="en"))
    assert pages == 1 and "Priority problems" in english and "D1 Social protection" in english


def test_an_empty_assessment_still_exports(db, workshop):
    text, pages = pdf_text(render(db, workshop, "assessment", "pdf"))
    assert pages == 1 and "belum dinilai" in text and "Belum ada masalah prioritas" in text
    assert "Peta pranata sosial belum dibuat" in " ".join(text.split())
    assert "Belum ada masalah prioritas" in docx_text(render(db, workshop, "assessment", "docx"))


def test_pictures_draw_offline_as_png_and_vector(mekarsari):
    db, wid = mekarsari
    layout = institution_map(db, wid)["layout"]
    png = to_png(venn_scene(layout, side=200), scale=2)
    assert png.startswith(b"\x89PNG") and len(png) > 2000
    drawing = to_drawing(baseline_scene([{"label": "D1", "value": 40.6, "band": "sedang"},
                                         {"label": "D2", "value": None, "band": None}]))
    assert drawing.width == 480 and drawing.height > 0
    from PIL import Image

    assert Image.open(io.BytesIO(png)).size == (400, 400)
