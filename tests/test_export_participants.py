"""The Daftar Hadir through the document registry: Word, PDF and CSV, 30 and 300 people."""
import csv
import datetime as dt
import io
import json
import random
import re

import docx
import pypdf
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from exports import pdf_kit, registry
from exports.docs import participants as daftar_hadir
from exports.text import clean_for_xml
from facilitation.attendance import record_attendance
from facilitation.errors import InputError, NotFound, RembugError
from facilitation.participants import add_participant
from facilitation.store import Database
from facilitation.workshops import create_workshop

FIRST = ["Siti", "Ahmad", "Dewi", "Agus", "Nur", "Rina", "Joko", "Wayan", "Made", "Ketut", "Ayu", "Rudi",
         "I Gusti", "Ni Luh", "Yohanes", "Fransiska"]
LAST = ["Rahmawati", "Santoso", "Lestari", "Hidayat", "Saputra", "Wulandari", "Suryadi", "Pratama",
        "Kurniawan", "Handayani", "Sukarno", "Permata"]
INSTITUTIONS = ["PKK", "Karang Taruna", "Posyandu", "Tokoh Agama", "Tokoh Adat", "Kelompok Seni",
                "RT 03/RW 01", "BPD", "Kelompok Tani"]
WORKSHOP = {
    "village": "Sukamaju", "village_kind": "desa", "kecamatan": "Cibeber", "kabupaten": "Cianjur",
    "provinsi": "Jawa Barat", "year": 2025, "day1": dt.date(2025, 5, 12), "day2": dt.date(2025, 5, 13),
    "day3": dt.date(2025, 5, 14), "day4": dt.date(2025, 5, 15), "venue": "Balai Desa Sukamaju",
    "facilitator_central": "Dra. Endang Kusumawati, M.Si.", "facilitator_regional": "Budi Santoso",
    "pendamping1": "Rahmat Hidayat", "pendamping2": "Lilis Suryani", "kepala_desa": "H. Ahmad Sujana",
}


def make_workshop(tmp_path, count: int, extra: list[dict] = ()) -> tuple[Database, str, list[dict]]:
    db = Database(f"sqlite:///{tmp_path}/t.sqlite3")
    workshop_id = create_workshop(db, WORKSHOP, "4321")
    rng = random.Random(count)
    people = []
    for i in range(count):
        people.append({
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i + 1}",
            "gender": rng.choice("LP"),
            "age": rng.randint(17, 75),
            "institution": rng.choice(INSTITUTIONS),
            "position": rng.choice(["Ketua", "Anggota", "Sekretaris", "Bendahara", ""]),
            "dusun": f"Dusun {rng.randint(1, 5)}",
            "phone": f"08{rng.randint(10**9, 10**10 - 1)}",
        })
    people += list(extra)
    for p in people:
        p["id"] = add_participant(db, workshop_id, p)
    return db, workshop_id, people


def docx_list_table(content: bytes):
    document = docx.Document(io.BytesIO(content))
    tables = [t for t in document.tables if t.rows and t.rows[0].cells[0].text in ("No", "No.")]
    assert len(tables) == 1
    return document, tables[0]


def pdf_pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def squeeze(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- registry

def test_registry_finds_the_participant_list():
    assert set(registry.DOCUMENTS) >= {"participants", "contract", "assessment", "action-plan", "election",
                                       "pledges", "monitoring", "name-cards"}
    assert "participants" in registry.available_documents()
    assert set(registry.available_documents()) <= set(registry.DOCUMENTS)
    assert registry.formats("participants") == ["docx", "pdf", "csv"]
    assert registry.module_name("action-plan") == "exports.docs.action_plan"


def test_registry_refuses_unknown_documents_and_formats(tmp_path):
    db, workshop_id, _ = make_workshop(tmp_path, 2)
    with pytest.raises(RembugError) as err:
        registry.render(db, workshop_id, "../participants", "pdf")
    assert err.value.key == "err.doc_unknown"
    assert "participants" in err.value.params["choices"]
    missing = [d for d in registry.DOCUMENTS if d not in registry.available_documents()]
    if missing:  # a contract document whose module is not written yet
        with pytest.raises(RembugError) as err:
            registry.formats(missing[0])
        assert err.value.key == "err.doc_unknown"
    with pytest.raises(RembugError) as err:
        registry.render(db, workshop_id, "participants", "xlsx")
    assert err.value.key == "err.format_unsupported"
    assert err.value.params == {"doc": "participants", "fmt": "xlsx", "choices": "docx, pdf, csv"}
    for lang in ("id", "en"):  # the catalog text takes exactly these parameters
        assert "docx, pdf, csv" in err.value.message(lang) and "{" not in err.value.message(lang)
    with pytest.raises(NotFound):
        registry.render(db, "nosuchid", "participants", "pdf")
    with pytest.raises(InputError):
        registry.render(db, workshop_id, "participants", "pdf", day=5)


def test_filename_is_plain_ascii():
    assert registry.filename("participants", "pdf", {"village": "Sukamaju Ké Selatan", "year": 2025}) \
        == "participants-sukamaju-ke-selatan-2025.pdf"


def test_collect_returns_plain_data(tmp_path):
    db, workshop_id, people = make_workshop(tmp_path, 3)
    data = daftar_hadir.collect(db, workshop_id)
    json.dumps(data)  # nothing but strings, numbers, lists and dicts
    assert [r["name"] for r in data["rows"]] == [p["name"] for p in people]
    assert [r["no"] for r in data["rows"]] == [1, 2, 3]


# ---------------------------------------------------------------- 30 and 300 participants

@pytest.fixture(scope="module", params=[30, 300])
def workshop(request, tmp_path_factory):
    return make_workshop(tmp_path_factory.mktemp(f"ws{request.param}"), request.param)


def test_docx_has_every_name_and_a_repeating_header(workshop):
    db, workshop_id, people = workshop
    document, table = docx_list_table(registry.render(db, workshop_id, "participants", "docx"))
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["No", "Nama", "L/P", "Umur", "Unsur/Pranata", "Jabatan", "Dusun",
                                             "Tanda Tangan"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    body = table.rows[1:]
    assert len(body) == len(people)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in body)
    assert [row.cells[1].text for row in body] == [p["name"] for p in people]
    assert [row.cells[2].text for row in body] == [p["gender"] for p in people]
    # the staggered signature column: odd numbers sign left, even numbers right
    for no, row in enumerate(body, start=1):
        cell = row.cells[7].paragraphs[0]
        assert cell.text.startswith(f"{no}. ")
        expected = WD_ALIGN_PARAGRAPH.LEFT if no % 2 else WD_ALIGN_PARAGRAPH.RIGHT
        assert cell.alignment == expected
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DAFTAR HADIR" in text
    assert "BIMBINGAN SOSIAL MODEL DESA BERKETAHANAN SOSIAL" in text
    all_cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "12, 13, 14 dan 15 Mei 2025" in all_cells and "Balai Desa Sukamaju" in all_cells
    assert "Kepala Desa Sukamaju" in all_cells and "H. Ahmad Sujana" in all_cells
    assert "Sukamaju, 12 Mei 2025" in all_cells and WORKSHOP["facilitator_central"] in all_cells
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_pdf_has_every_name_and_the_header_on_every_page(workshop):
    db, workshop_id, people = workshop
    content = registry.render(db, workshop_id, "participants", "pdf")
    pages = pdf_pages(content)
    whole = " ".join(pages)
    for p in people:
        assert p["name"] in whole
    if len(people) == 300:
        assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "No Nama L/P Umur Unsur/Pranata Jabatan Dusun Tanda Tangan" in page
        assert f"Halaman {number} dari {len(pages)}" in page
    # the signatures close the last page, together with the last participants
    assert "Mengetahui," in pages[-1] and people[-1]["name"] in pages[-1]
    assert "Mengetahui," not in " ".join(pages[:-1])
    reader = pypdf.PdfReader(io.BytesIO(content))
    fonts = {f.get_object()["/BaseFont"].split("+")[-1]: f.get_object()
             for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert set(fonts) == {"DejaVuSans", "DejaVuSans-Bold"}
    for font in fonts.values():  # embedded, not referenced by name
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_csv_one_row_per_participant(workshop):
    db, workshop_id, people = workshop
    content = registry.render(db, workshop_id, "participants", "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["No", "Nama", "L/P", "Umur", "Unsur/Pranata", "Jabatan", "Dusun", "No. HP"]
    assert len(rows) == len(people) + 1
    assert [r[1] for r in rows[1:]] == [p["name"] for p in people]
    assert [r[7] for r in rows[1:]] == [p["phone"] for p in people]


# ---------------------------------------------------------------- per day, language, hostile text

def test_one_sheet_per_day_shows_attendance(tmp_path):
    db, workshop_id, people = make_workshop(tmp_path, 6)
    statuses = dict(zip([p["id"] for p in people], ["hadir", "izin", "hadir", "sakit", "alpa", "hadir"]))
    record_attendance(db, workshop_id, 2, statuses)
    _, table = docx_list_table(registry.render(db, workshop_id, "participants", "docx", day=2))
    assert table.rows[0].cells[-1].text == "Ket."
    assert [r.cells[-1].text for r in table.rows[1:]] == ["Hadir", "Izin", "Hadir", "Sakit", "Alpa", "Hadir"]
    # someone recorded absent gets no line to sign on
    assert table.rows[2].cells[7].text == "2."
    assert table.rows[3].cells[7].text.startswith("3. ...")
    pages = pdf_pages(registry.render(db, workshop_id, "participants", "pdf", day=2))
    assert "Selasa, 13 Mei 2025 (hari ke-2)" in pages[0]
    assert "Sukamaju, 13 Mei 2025" in pages[-1]
    men = sum(1 for p in people if p["gender"] == "L" and statuses[p["id"]] == "hadir")
    assert f"hadir 3 (laki-laki {men}, perempuan {3 - men})" in " ".join(pages)
    rows = list(csv.reader(io.StringIO(registry.render(db, workshop_id, "participants", "csv", day=2)
                                       .decode("utf-8-sig"))))
    assert rows[0][-1] == "Ket." and [r[-1] for r in rows[1:]] == ["Hadir", "Izin", "Hadir", "Sakit", "Alpa",
                                                                   "Hadir"]


def test_english_labels(tmp_path):
    db, workshop_id, people = make_workshop(tmp_path, 4)
    document, table = docx_list_table(registry.render(db, workshop_id, "participants", "docx", lang="en"))
    assert [c.text for c in table.rows[0].cells] == ["No.", "Name", "M/F", "Age", "Institution", "Position",
                                                    "Hamlet", "Signature"]
    assert [r.cells[2].text for r in table.rows[1:]] == [{"L": "M", "P": "F"}[p["gender"]] for p in people]
    assert "ATTENDANCE LIST" in "\n".join(p.text for p in document.paragraphs)
    pages = pdf_pages(registry.render(db, workshop_id, "participants", "pdf", lang="en"))
    assert "Page 1 of 1" in pages[0]
    assert "Monday" not in pages[0] and "12, 13, 14 and 15 May 2025" in pages[0]
    assert "Acknowledged by," in pages[0] and "Head of Sukamaju Village" in pages[0]
    assert "Halaman" not in pages[0] and "Mengetahui" not in pages[0]
    header = next(csv.reader(io.StringIO(registry.render(db, workshop_id, "participants", "csv", lang="en")
                                         .decode("utf-8-sig"))))
    assert header == ["No.", "Name", "M/F", "Age", "Institution", "Position", "Hamlet", "Phone"]


HOSTILE = [
    {"name": "Siti 😀 Nurhaliza ❤", "gender": "P", "institution": "PKK 🌾"},
    {"name": "محمد علي", "gender": "L", "institution": "Tokoh Agama"},
    {"name": "שלום כהן", "gender": "L", "institution": "Tamu"},
    {"name": "<b>Tebal</b> & <font size=40>Besar</font>", "gender": "L", "institution": "<para>"},
    {"name": "=HYPERLINK(\"http://x.example\",\"klik\")", "gender": "P", "institution": "+SUM(A1:A9)",
     "position": "-2+3", "dusun": "@cmd", "phone": "+62 812 3456"},
]


def test_emoji_rtl_and_markup_survive(tmp_path):
    db, workshop_id, people = make_workshop(tmp_path, 2, extra=[dict(p) for p in HOSTILE])
    _, table = docx_list_table(registry.render(db, workshop_id, "participants", "docx"))
    names = [r.cells[1].text for r in table.rows[1:]]
    for p in HOSTILE:
        assert p["name"] in names
    assert "PKK 🌾" in [r.cells[4].text for r in table.rows[1:]]
    whole = " ".join(pdf_pages(registry.render(db, workshop_id, "participants", "pdf")))
    # markup typed by a user is printed, not obeyed (a narrow cell may wrap it: compare without spaces)
    assert "<b>Tebal</b>&<fontsize=40>Besar</font>" in "".join(whole.split()) and "<para>" in whole
    assert "Nurhaliza" in whole and "HYPERLINK" in whole


def test_csv_is_safe_from_formula_injection(tmp_path):
    db, workshop_id, _ = make_workshop(tmp_path, 2, extra=[dict(p) for p in HOSTILE])
    rows = list(csv.reader(io.StringIO(registry.render(db, workshop_id, "participants", "csv").decode("utf-8-sig"))))
    last = rows[-1]
    assert last[1] == "'=HYPERLINK(\"http://x.example\",\"klik\")"
    assert last[4:8] == ["'+SUM(A1:A9)", "'-2+3", "'@cmd", "'+62 812 3456"]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert rows[3][1] == "Siti 😀 Nurhaliza ❤"


def test_builders_drop_characters_word_cannot_hold(tmp_path):
    db, workshop_id, _ = make_workshop(tmp_path, 2)
    data = daftar_hadir.collect(db, workshop_id)
    data["rows"][0]["name"] = "Bu\x00di\x07 \ud800San\x1ftoso\ufffe"
    data["rows"][1]["institution"] = "\x0bPKK\x08"
    data["info"][-1] = ("Tempat", "Balai\x01 Desa")
    _, table = docx_list_table(daftar_hadir.to_docx(data))
    assert table.rows[1].cells[1].text == "Budi Santoso"
    assert table.rows[2].cells[4].text == "PKK"
    whole = " ".join(pdf_pages(daftar_hadir.to_pdf(data)))
    assert "Budi Santoso" in whole and "Balai Desa" in whole
    rows = list(csv.reader(io.StringIO(daftar_hadir.to_csv(data).decode("utf-8-sig"))))
    assert rows[1][1] == "Budi Santoso"


@pytest.mark.parametrize("text, cleaned, dropped", [
    ("Budi", "Budi", 0),
    ("a\x00b\x07c", "abc", 2),
    ("tab\tnew\nline\r", "tab\tnew\nline\r", 0),
    ("\ud800x\udfff", "x", 2),
    ("\ufffe\uffff ok", " ok", 2),
    ("😀 محمد שלום", "😀 محمد שלום", 0),
    ("\x85next\x9f", "\x85next\x9f", 0),  # C1 controls are legal XML 1.0
    (None, "", 0),
    (42, "42", 0),
])
def test_clean_for_xml(text, cleaned, dropped):
    assert clean_for_xml(text) == (cleaned, dropped)


def test_pdf_kit_escapes_user_text():
    assert pdf_kit.esc("<b>&amp;</b>\nnext") == "&lt;b&gt;&amp;amp;&lt;/b&gt;<br/>next"
    content = pdf_kit.build([pdf_kit.para("<font color=red>merah</font> & <br/>"),
                             pdf_kit.signature_blocks("Desa, 1 Mei 2025", ["Mengetahui,", "<i>Kades</i>", ""],
                                                      ["Fasilitator,", "A & B"])])
    text = squeeze(pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text())
    assert "<font color=red>merah</font> & <br/>" in text
    assert "<i>Kades</i>" in text and "A & B" in text
    assert re.search(r"\(\.{10,}\)", text)  # no name yet: a dotted line to write it in


def test_kelurahan_without_a_named_head(tmp_path):
    db = Database(f"sqlite:///{tmp_path}/t.sqlite3")
    workshop_id = create_workshop(db, {**WORKSHOP, "village_kind": "kelurahan", "kepala_desa": ""}, "4321")
    add_participant(db, workshop_id, {"name": "Dewi Lestari", "gender": "P", "institution": "PKK"})
    document, table = docx_list_table(registry.render(db, workshop_id, "participants", "docx"))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Kelurahan" in cells and "Mengetahui,\nLurah Sukamaju" in cells
    assert any(re.fullmatch(r"\(\.{10,}\)", c) for c in cells)  # the head's name is written in by hand
    page = pdf_pages(registry.render(db, workshop_id, "participants", "pdf"))[0]
    assert "Lurah Sukamaju" in page and "Dewi Lestari" in page


def test_kits_landscape_letterhead_and_image():
    import segno

    from exports import docx_kit

    png = io.BytesIO()
    segno.make("https://rembug.example/?p=abc").save(png, kind="png", scale=4)
    kop = ['POKJA TANSOSMAS "GUYUB RUKUN"', "DESA SUKAMAJU KECAMATAN CIBEBER KABUPATEN CIANJUR",
           "Sekretariat: Jl. Raya Sukamaju No. 1"]

    doc = docx_kit.new_document(landscape=True, title="Uji")
    docx_kit.kop(doc, kop)
    docx_kit.image(doc, png.getvalue(), width_cm=4)
    section = doc.sections[0]
    assert section.page_width > section.page_height and round(section.page_width.cm, 1) == 29.7
    reopened = docx.Document(io.BytesIO(docx_kit.to_bytes(doc)))
    texts = [p.text for p in reopened.paragraphs]
    assert texts[:3] == kop
    rule = reopened.paragraphs[2]._p.pPr.find(qn("w:pBdr"))
    assert rule is not None and rule.find(qn("w:bottom")).get(qn("w:val")) == "thickThinSmallGap"
    assert len(reopened.inline_shapes) == 1 and round(reopened.inline_shapes[0].width.cm, 1) == 4.0

    content = pdf_kit.build([*pdf_kit.kop(kop), pdf_kit.image(png.getvalue(), 4)], landscape=True, title="Uji")
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "GUYUB RUKUN" in page.extract_text()
    assert any(x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())
