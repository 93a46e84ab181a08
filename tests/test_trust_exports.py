"""Hostile text in every document: Word and PDF build without error, keep the text (tags shown
as text, right-to-left script and emoji kept), drop what Word cannot hold and say so; the
longest values the store can hold still lay out; no CSV cell can start a spreadsheet formula."""
from __future__ import annotations

import csv
import importlib
import io
import sqlite3

import docx
import pypdf
import pytest

from exports.registry import available_documents, formats, module_name, render
from exports.text import illegal_count
from facilitation.i18n import t
from facilitation.store import Database
from tests.trust_helpers import TEXT_COLUMNS, make_hostile, trust_demo_store  # noqa: F401 (a fixture)

DOCUMENTS = available_documents()
RISKY = ("=", "+", "-", "@", "\t", "\r")


def docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [cell.text for table in d.tables for row in table.rows for cell in row.cells]
    for section in d.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def hostile_db(trust_demo_store, tmp_path_factory):
    plain, wid = trust_demo_store
    db = Database(f"sqlite:///{make_hostile(plain, tmp_path_factory.mktemp('exports') / 'hostile.sqlite3')}")
    yield db, wid
    db.dispose()


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_document_keeps_hostile_text_as_text_and_notes_what_it_dropped(hostile_db, doc):
    db, wid = hostile_db
    dropped = illegal_count(importlib.import_module(module_name(doc)).collect(db, wid, lang="id"))
    for fmt in formats(doc):
        out = render(db, wid, doc, fmt, "id")
        if fmt == "csv":
            continue  # below
        text = docx_text(out) if fmt == "docx" else pdf_text(out)
        note = t("docs.common.dropped_chars", "id", count=dropped)
        if dropped:
            # (a PDF's extracted text wraps long lines anywhere: compare without white space)
            assert "".join(note.split()) in "".join(text.split()), (doc, fmt)
        else:
            assert "".join(note.split()[:2]) not in "".join(text.split())
        if fmt == "docx":
            assert not any(ch in text for ch in "\x00\x07\x1b\ufffe"), doc
            if doc != "name-cards":
                # the markup stays literal text, with the script around it
                assert "<b>zqb</b>" in text and "**zqbold**" in text, doc
                assert "مرحبا" in text and "🙂" in text, doc
        else:
            assert "zqbold" in text, (doc, fmt)


def test_documents_with_nothing_to_drop_carry_no_note(trust_demo_store):
    plain, wid = trust_demo_store
    db = Database(f"sqlite:///{plain}")
    try:
        out = render(db, wid, "participants", "docx", "en")
        assert "control characters" not in docx_text(out)
    finally:
        db.dispose()


def _fill(src, dst, value_for) -> Database:
    """A copy of `src` with every free-text value replaced by value_for(column length)."""
    dst.write_bytes(src.read_bytes())
    con = sqlite3.connect(dst)
    for table, columns in TEXT_COLUMNS.items():
        lengths = {name: decl for _, name, decl, *_ in con.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            decl = lengths[column]
            limit = int(decl.split("(")[1].rstrip(")")) if "(" in decl else None
            con.execute(f"UPDATE {table} SET {column} = ? WHERE {column} <> ''", (value_for(limit),))
    con.commit()
    con.close()
    return Database(f"sqlite:///{dst}")


def _words(n: int) -> str:
    return ("kata " * (n // 5 + 1))[:n].strip()


def test_longest_values_lay_out_in_every_pdf(trust_demo_store, tmp_path):
    """Every text at its longest: a column's own limit, 4000 characters (the longest note any
    form takes) where the column has none. A table row taller than a page used to stop reportlab."""
    plain, wid = trust_demo_store
    db = _fill(plain, tmp_path / "long.sqlite3", lambda limit: _words(limit or 4000))
    try:
        for doc in DOCUMENTS:
            assert pdf_text(render(db, wid, doc, "pdf", "id")), doc
    finally:
        db.dispose()


@pytest.mark.parametrize(("table", "column", "doc"), [
    ("monitoring_visits", "problems", "monitoring"),
    ("planning_sessions", "focus_question", "action-plan"),
    ("assessment_cards", "text", "assessment"),
])
def test_a_100000_character_note_exports(trust_demo_store, tmp_path, table, column, doc):
    """Only a restored backup can hold that much (every form has a limit); it still exports."""
    plain, wid = trust_demo_store
    path = tmp_path / "huge.sqlite3"
    path.write_bytes(plain.read_bytes())
    huge = _words(100_000)
    con = sqlite3.connect(path)
    con.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT min(rowid) FROM {table})", (huge,))
    con.commit()
    con.close()
    db = Database(f"sqlite:///{path}")
    try:
        assert docx_text(render(db, wid, doc, "docx", "id")).count("kata") >= 19_000
        assert len(pypdf.PdfReader(io.BytesIO(render(db, wid, doc, "pdf", "id"))).pages) > 5
    finally:
        db.dispose()


@pytest.mark.parametrize("start", ["=HYPERLINK(\"http://evil.test\",\"klik\")", "+1+1", "-1-1", "@SUM(A1)",
                                   "\t=1+1", "\r=1+1"])
def test_no_csv_cell_starts_a_formula(trust_demo_store, tmp_path, start):
    plain, wid = trust_demo_store
    db = Database(f"sqlite:///{make_hostile(plain, tmp_path / 'formula.sqlite3', payload=start, short=start)}")
    try:
        for doc in DOCUMENTS:
            if "csv" not in formats(doc):
                continue
            rows = list(csv.reader(io.StringIO(render(db, wid, doc, "csv", "id").decode("utf-8-sig"))))
            cells = [c for row in rows for c in row]
            assert not [c for c in cells if c.startswith(RISKY)], doc
            guarded = [c for c in cells if c.startswith("'" + start[:1])]
            assert guarded, f"{doc}: the formula text is missing"
    finally:
        db.dispose()
