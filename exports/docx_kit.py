"""Word building blocks (python-docx) shared by every document.

Where python-docx has no API (a repeating header row, rows that must not split, a letterhead
rule, page-number fields) the Open XML is written here, in the element order the schema asks
for, so Word opens the file without a repair prompt. Every text goes through
`exports.text.clean` first: Word cannot hold XML-illegal characters.
"""
from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from exports.blocks import BLANK_NAME, Cell, Signer, cell_text
from exports.text import clean, pending_note

A4_CM = (21.0, 29.7)
DEFAULT_FONT = "Arial"  # present on every office PC that opens .docx
DEFAULT_SIZE = 11
LANG_TAGS = {"id": "id-ID", "en": "en-GB"}
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
HEADER_FILL = "D9D9D9"


# ---------------------------------------------------------------- document and page

def new_document(*, landscape: bool = False, lang: str = "id", title: str = "",
                 margins_cm: tuple[float, float, float, float] = (2.0, 1.5, 2.0, 2.0),
                 font: str = DEFAULT_FONT, size: float = DEFAULT_SIZE) -> Document:
    """An empty A4 document. `margins_cm` is (top, right, bottom, left); the wider left
    margin leaves room for the binder's holes."""
    doc = Document()
    section = doc.sections[0]
    set_orientation(section, landscape)
    top, right, bottom, left = margins_cm
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    section.header_distance = section.footer_distance = Cm(1.0)
    _default_font(doc, font, size, LANG_TAGS.get(lang, LANG_TAGS["id"]))
    props = doc.core_properties
    props.title = clean(title)
    props.author = "Rembug"
    props.language = LANG_TAGS.get(lang, LANG_TAGS["id"])
    return doc


def set_orientation(section, landscape: bool) -> None:
    """A4 in either orientation: Word needs the flag and the swapped page size both."""
    short, long_ = Cm(A4_CM[0]), Cm(A4_CM[1])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)


def text_width_cm(doc) -> float:
    section = doc.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _default_font(doc, font: str, size: float, lang_tag: str) -> None:
    style = doc.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), lang_tag)
    lang.set(qn("w:bidi"), "ar-SA")
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0


def page_numbers(doc, template: str, size: float = 8) -> None:
    """A centred footer such as 'Halaman {page} dari {pages}', with live Word fields."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in re.split(r"(\{page\}|\{pages\})", clean(template)):
        if piece == "{page}":
            _field(p, "PAGE", size)
        elif piece == "{pages}":
            _field(p, "NUMPAGES", size)
        elif piece:
            p.add_run(piece).font.size = Pt(size)


def _field(paragraph, instruction: str, size: float) -> None:
    def run_with(child):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(begin)
    run_with(instr)
    run_with(separate)
    paragraph.add_run("1").font.size = Pt(size)  # shown until Word updates the field
    run_with(end)


def to_bytes(doc) -> bytes:
    note = pending_note()
    if note:  # characters the file cannot hold were dropped: say so at the end
        paragraph(doc, note, italic=True, size=8, space_before=8)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- text

def paragraph(doc_or_cell, text="", *, bold: bool = False, italic: bool = False,
              underline: bool = False, size: float | None = None, align: str | None = None,
              space_before: float | None = None, space_after: float | None = None,
              keep_with_next: bool = False, paragraph=None):
    """Add a paragraph (or fill `paragraph`) with cleaned text; newlines become line breaks."""
    p = paragraph if paragraph is not None else doc_or_cell.add_paragraph()
    text = clean(text)
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        if size:
            run.font.size = Pt(size)
    if align:
        p.alignment = _ALIGN[align]
    fmt = p.paragraph_format
    if space_before is not None:
        fmt.space_before = Pt(space_before)
    if space_after is not None:
        fmt.space_after = Pt(space_after)
    if keep_with_next:
        fmt.keep_with_next = True
    return p


def title(doc, text: str, subtitle: str | list[str] | None = None, size: float = 14) -> None:
    """A centred bold title, then centred subtitle lines."""
    paragraph(doc, text, bold=True, size=size, align="center", keep_with_next=True)
    subs = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    for line in subs:
        paragraph(doc, line, bold=True, size=size - 2, align="center", keep_with_next=True)
    paragraph(doc, "", space_after=4)


def kop(doc, lines: list[str]) -> None:
    """Letterhead: the first line large, every line but the address (the last of three or
    more) bold, all centred, closed by the thick-thin rule Indonesian letterheads use."""
    lines = [line for line in lines if line]
    for i, line in enumerate(lines):
        is_address = len(lines) >= 3 and i == len(lines) - 1
        p = paragraph(doc, line, bold=not is_address, size=14 if i == 0 else (10 if is_address else 12),
                      align="center", keep_with_next=True)
    if lines:
        _bottom_rule(p)
    paragraph(doc, "", space_after=6)


def _bottom_rule(p) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "thickThinSmallGap")
    bottom.set(qn("w:sz"), "18")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    # pBdr sits early in pPr's sequence: before shd, tabs, spacing, ind, jc ...
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    )


def info_table(doc, pairs: list[tuple[str, str]], label_cm: float = 3.5, size: float | None = None):
    """'Label : value' lines aligned on the colon, as document headers list them."""
    width = text_width_cm(doc)
    t = doc.add_table(rows=0, cols=3)
    _no_borders(t)
    _fixed_layout(t, [label_cm, 0.4, width - label_cm - 0.4])
    for label, value in pairs:
        cells = t.add_row().cells
        for cell, text, w in zip(cells, (label, ":", value), (label_cm, 0.4, width - label_cm - 0.4)):
            cell.width = Cm(w)
            paragraph(cell, text, size=size, paragraph=cell.paragraphs[0])
    paragraph(doc, "", space_after=4)
    return t


def image(doc, png: bytes, width_cm: float, align: str = "center"):
    """A PNG (a chart from another document, a QR code) scaled to `width_cm`."""
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    p = doc.paragraphs[-1]
    p.alignment = _ALIGN[align]
    return p


# ---------------------------------------------------------------- tables

def table(doc, headers: list[str], rows: list[list], widths: list[float], *,
          repeat_header: bool = True, aligns: list[str] | None = None, size: float = 9,
          row_height_cm: float | None = None, header_fill: str = HEADER_FILL,
          keep_last_rows: int = 0):
    """A gridded table. `widths` in cm; `aligns` per column ('left'/'center'/'right');
    a row value may be a `Cell` to override alignment or weight. Rows never split across
    pages, and the header row repeats on every page (w:tblHeader). `keep_last_rows` keeps
    that many last rows on the page of what follows (give the next paragraphs
    keep_with_next too), so signatures never stand on a page of their own."""
    if len(widths) != len(headers):
        raise ValueError("one width per column")
    aligns = aligns or ["left"] * len(headers)
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_layout(t, widths)
    head = t.rows[0]
    for cell, text, w in zip(head.cells, headers, widths):
        _fill_cell(cell, text, w, "center", True, size)
        _shade(cell, header_fill)
    _row_props(head, header=repeat_header)
    for values in rows:
        if len(values) != len(headers):
            raise ValueError("every row needs one value per column")
        row = t.add_row()
        for cell, value, w, align in zip(row.cells, values, widths, aligns):
            if isinstance(value, Cell):
                _fill_cell(cell, value.text, w, value.align or align, value.bold, size)
            else:
                _fill_cell(cell, cell_text(value), w, align, False, size)
        _row_props(row, height_cm=row_height_cm)
    if keep_last_rows:
        for row in t.rows[max(1, len(t.rows) - keep_last_rows):]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
    return t


def _fill_cell(cell, text: str, width_cm: float, align: str, bold: bool, size: float) -> None:
    cell.width = Cm(width_cm)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph(cell, text, bold=bold, size=size, align=align, paragraph=cell.paragraphs[0])


def _fixed_layout(t, widths: list[float]) -> None:
    """Word honours the given column widths only with a fixed layout and a matching grid."""
    t.autofit = False
    tblpr = t._tbl.tblPr
    layout = tblpr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tblpr.insert_element_before(layout, "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                    "w:tblDescription", "w:tblPrChange")
    layout.set(qn("w:type"), "fixed")
    for col, w in zip(t.columns, widths):
        col.width = Cm(w)


def _row_props(row, *, header: bool = False, height_cm: float | None = None) -> None:
    """cantSplit, trHeight, tblHeader: written in the order CT_TrPr requires."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:trHeight", "w:tblHeader"):
        for old in trpr.findall(qn(tag)):
            trpr.remove(old)
    elements = [OxmlElement("w:cantSplit")]
    if height_cm:
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(int(height_cm * 567)))  # twips
        height.set(qn("w:hRule"), "atLeast")
        elements.append(height)
    if header:
        elements.append(OxmlElement("w:tblHeader"))
    # these three precede tblCellSpacing, jc, hidden, ins, del, trPrChange
    anchor = next((c for c in trpr if c.tag in {qn(x) for x in ("w:tblCellSpacing", "w:jc", "w:hidden",
                                                               "w:ins", "w:del", "w:trPrChange")}), None)
    for el in elements:
        if anchor is None:
            trpr.append(el)
        else:
            anchor.addprevious(el)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.insert_element_before(shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                               "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
                               "w:cellMerge", "w:tcPrChange")


def _no_borders(t) -> None:
    tblpr = t._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                "w:tblCaption", "w:tblDescription", "w:tblPrChange")


# ---------------------------------------------------------------- signatures

def signature_blocks(doc, place_date: str | None = None, left=None, right=None, *,
                     sign_space_cm: float = 2.0, size: float | None = None):
    """Two signature blocks side by side in a borderless table kept on one page.

    `left`/`right` are `Signer`s or lists of lines whose last item is the NAME, e.g.
    left=["Mengetahui,", "Kepala Desa Sukamaju", "H. Ahmad"], right=["Fasilitator,", "Budi"].
    `place_date` ('Sukamaju, 12 Mei 2025') heads the right block. The shorter heading is
    padded at the top so both names sit on the same line."""
    left, right = Signer.of(left), Signer.of(right)
    heads = [list(left.lines) if left else [], list(right.lines) if right else []]
    if place_date:
        heads[1].insert(0, place_date)
    depth = max(len(h) for h in heads)
    heads = [[""] * (depth - len(h)) + h for h in heads]
    width = text_width_cm(doc) / 2

    paragraph(doc, "", space_after=6, keep_with_next=True)
    t = doc.add_table(rows=3, cols=2)
    _no_borders(t)
    _fixed_layout(t, [width, width])
    for col, signer in enumerate((left, right)):
        head, space, name = (t.rows[r].cells[col] for r in range(3))
        for cell in (head, space, name):
            cell.width = Cm(width)
        for i, line in enumerate(heads[col]):
            paragraph(head, line, size=size, align="center", keep_with_next=True,
                      paragraph=head.paragraphs[0] if i == 0 else None)
        paragraph(space, "", keep_with_next=True, paragraph=space.paragraphs[0])
        if signer is None:
            paragraph(name, "", paragraph=name.paragraphs[0])
            continue
        if signer.name:
            paragraph(name, signer.name, bold=True, underline=True, size=size, align="center",
                      keep_with_next=bool(signer.after), paragraph=name.paragraphs[0])
        else:
            paragraph(name, BLANK_NAME, size=size, align="center", paragraph=name.paragraphs[0])
        for line in signer.after:
            paragraph(name, line, size=size, align="center")
    for i, row in enumerate(t.rows):
        _row_props(row, height_cm=sign_space_cm if i == 1 else None)
    return t
