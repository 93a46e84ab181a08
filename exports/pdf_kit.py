"""PDF building blocks (reportlab platypus) shared by every document.

DejaVu Sans ships in exports/fonts and is registered as a family (bold and italic mapped),
so every glyph is embedded and the file prints the same on any office PC, offline.
User text never reaches reportlab's paragraph mini-markup unescaped: `esc()` cleans it of
XML-illegal characters and escapes &, < and >.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape as landscape_size
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    HRFlowable,
    Image,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from exports.blocks import BLANK_NAME, Cell, Signer, cell_text
from exports.text import clean, pending_note

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
DEFAULT_MARGINS_CM = (2.0, 1.5, 2.0, 2.0)  # top, right, bottom, left (binding side wider)
PAGE_LABEL = "Halaman {page} dari {pages}"
HEADER_FILL = colors.HexColor("#D9D9D9")
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


def register_fonts() -> str:
    """Register DejaVu Sans once, as a family so <b>/<i> and bold styles embed the right face."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                      boldItalic=FONT_BOLD_ITALIC)
    return FONT


# ---------------------------------------------------------------- text and styles

def esc(text) -> str:
    """User text as safe paragraph markup: cleaned, escaped, newlines as <br/>."""
    return escape(clean(text)).replace("\r\n", "\n").replace("\n", "<br/>")


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()

    def style(name, size, bold=False, align="left", leading=None, **kw):
        return ParagraphStyle(name, fontName=FONT_BOLD if bold else FONT, fontSize=size,
                              leading=leading or size * 1.25, alignment=_ALIGN[align], **kw)

    return {
        "title": style("title", 14, True, "center", spaceAfter=2),
        "subtitle": style("subtitle", 12, True, "center", spaceAfter=2),
        "heading": style("heading", 11, True, spaceBefore=8, spaceAfter=4),
        "body": style("body", 10.5, leading=14, spaceAfter=4),
        "body_center": style("body_center", 10.5, align="center", leading=14),
        "small": style("small", 8.5),
        "cell": style("cell", 9),
        "kop": style("kop", 12, True, "center"),
        "kop_first": style("kop_first", 14, True, "center"),
        "kop_address": style("kop_address", 9.5, align="center"),
    }


STYLES = _styles()


def style(name: str, **overrides) -> ParagraphStyle:
    base = STYLES[name]
    if not overrides:
        return base
    if "align" in overrides:
        overrides["alignment"] = _ALIGN[overrides.pop("align")]
    if overrides.pop("bold", False):
        overrides["fontName"] = FONT_BOLD
    return ParagraphStyle(f"{name}+", parent=base, **overrides)


def para(text, style_name: str = "body", **overrides) -> Paragraph:
    """A paragraph of user (or catalog) text: always escaped, never parsed as markup."""
    return Paragraph(esc(text), style(style_name, **overrides))


def markup(trusted_markup: str, style_name: str = "body", **overrides) -> Paragraph:
    """A paragraph whose markup the code wrote (build it with `esc()` around every value)."""
    return Paragraph(trusted_markup, style(style_name, **overrides))


# ---------------------------------------------------------------- page and document

def page_size(landscape: bool = False) -> tuple[float, float]:
    return landscape_size(A4) if landscape else A4


def text_width_cm(landscape: bool = False, margins_cm=DEFAULT_MARGINS_CM) -> float:
    return page_size(landscape)[0] / cm - margins_cm[1] - margins_cm[3]


def _numbered_canvas(label: str):
    """A canvas that holds every page until the end, so 'Halaman 2 dari 5' knows the 5."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_label(total)
                super().showPage()
            super().save()

        def _draw_label(self, total: int) -> None:
            text = clean(label).replace("{page}", str(self._pageNumber)).replace("{pages}", str(total))
            self.setFont(FONT, 8)
            self.drawCentredString(self._pagesize[0] / 2, 1.0 * cm, text)

    return NumberedCanvas


class RembugDocTemplate(SimpleDocTemplate):
    """A4 with page numbers; `build(story)` draws 'page of pages' on every page."""

    def __init__(self, buffer, *, page_label: str = PAGE_LABEL, **kwargs):
        super().__init__(buffer, **kwargs)
        self.page_label = page_label

    def build(self, flowables, **kwargs):
        kwargs.setdefault("canvasmaker", _numbered_canvas(self.page_label))
        super().build(flowables, **kwargs)


def document(buffer, landscape: bool = False, title: str = "", *, lang: str = "id",
             page_label: str = PAGE_LABEL, margins_cm=DEFAULT_MARGINS_CM) -> RembugDocTemplate:
    register_fonts()
    top, right, bottom, left = margins_cm
    return RembugDocTemplate(
        buffer, page_label=page_label, pagesize=page_size(landscape),
        topMargin=top * cm, rightMargin=right * cm, bottomMargin=bottom * cm, leftMargin=left * cm,
        title=clean(title), author="Rembug", creator="Rembug", lang=lang,
        initialFontName=FONT,
    )


SPLIT_ROWS_FROM = 1000  # characters in one cell: more than any form but the long notes takes
LONG_CELL = 2000  # characters; a longer paragraph in a table cell is laid out in pieces


def _pieces(p: Paragraph) -> list:
    """A very long paragraph as several, cut at spaces: reportlab re-wraps the whole rest of
    a paragraph each time it splits one across pages, which gets slow for 100,000 characters."""
    text = p.text
    if len(text) <= LONG_CELL or re.search(r"<(?!br/>)", text):
        return [p]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + LONG_CELL)
        if end < len(text):
            cut = text.rfind(" ", start + LONG_CELL // 2, end)
            end = cut if cut > start else end
            while text.rfind("&", start, end) > text.rfind(";", start, end):  # never inside &amp;
                end = text.rfind("&", start, end)
        out.append(Paragraph(text[start:end], p.style))
        start = end
    return out


def _rows_may_split(flowables) -> None:
    """A table holding a very long text may break a row across pages: one note of thousands
    of characters (a restored backup may even hold 100,000) can be taller than a page, and
    reportlab would give up. Other tables keep every row whole on one page."""
    for f in flowables:
        if isinstance(f, Table):
            long_text = False
            for row in f._cellvalues:
                for j, cell in enumerate(row):
                    cells = list(cell) if isinstance(cell, (list, tuple)) else [cell]
                    _rows_may_split(cells)
                    longest = max((len(c.text) for c in cells if isinstance(c, Paragraph)), default=0)
                    long_text = long_text or longest > SPLIT_ROWS_FROM
                    if longest > LONG_CELL:
                        row[j] = [piece for c in cells for piece in (_pieces(c) if isinstance(c, Paragraph) else [c])]
            if long_text:
                f.splitInRow = 1
        elif isinstance(f, KeepTogether):
            _rows_may_split(f._content)


def build(story: list, **document_options) -> bytes:
    """Lay out `story` on A4 pages (options as for `document`) and return the PDF bytes."""
    note = pending_note()
    if note:  # characters the file cannot hold were dropped: say so at the end
        story = [*story, Spacer(1, 8), para(note, "small", fontName=FONT_ITALIC)]
    _rows_may_split(story)
    buf = io.BytesIO()
    document(buf, **document_options).build(story)
    return buf.getvalue()


# ---------------------------------------------------------------- blocks

def kop(lines: list[str]) -> list:
    """Letterhead lines (the first large; the last, the address, small when there are three
    or more) closed by a thick and a thin rule."""
    lines = [line for line in lines if line]
    out: list = []
    for i, line in enumerate(lines):
        if i == 0:
            name = "kop_first"
        elif len(lines) >= 3 and i == len(lines) - 1:
            name = "kop_address"
        else:
            name = "kop"
        out.append(para(line, name))
    out += [
        HRFlowable(width="100%", thickness=2, color=colors.black, spaceBefore=4, spaceAfter=1),
        HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceBefore=0, spaceAfter=10),
    ]
    return out


def title(text: str, subtitle: str | list[str] | None = None) -> list:
    subs = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    return [para(text, "title"), *(para(s, "subtitle") for s in subs), Spacer(1, 8)]


def info_table(pairs: list[tuple[str, str]], label_cm: float = 3.5, style_name: str = "body") -> Table:
    """'Label : value' lines aligned on the colon."""
    st = style(style_name, spaceAfter=0)
    data = [[Paragraph(esc(k), st), Paragraph(":", st), Paragraph(esc(v), st)] for k, v in pairs]
    t = Table(data, colWidths=[label_cm * cm, 0.4 * cm, None], hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
    ]))
    return t


def table(headers: list[str], rows: list[list], col_widths: list[float], *, repeat_rows: int = 1,
          aligns: list[str] | None = None, size: float = 9,
          row_height_cm: float | None = None, tail: list | None = None,
          keep_rows_with_tail: int = 2) -> LongTable:
    """A gridded LongTable whose header row repeats on every page. `col_widths` in cm;
    cells are wrapping Paragraphs; a row value may be a `Cell` (own alignment or weight).
    `row_height_cm` is a minimum (room to sign), reached by padding.

    `tail` (flowables such as a closing sentence and `signature_table(...)`) is laid out
    under the table, borderless, and never alone: the last `keep_rows_with_tail` rows move
    to the next page with it, so no page holds signatures without the list they sign."""
    if len(col_widths) != len(headers):
        raise ValueError("one width per column")
    aligns = aligns or ["left"] * len(headers)
    cell_style = style("cell", fontSize=size, leading=size * 1.2)
    styles = {}

    def cell_para(text, align, bold):
        key = (align, bold)
        if key not in styles:
            styles[key] = ParagraphStyle(f"cell-{align}-{bold}", parent=cell_style, alignment=_ALIGN[align],
                                         fontName=FONT_BOLD if bold else FONT)
        return Paragraph(esc(text), styles[key])

    def heading(text, width_cm):
        # a heading too wide for its column ('Unsur/Pranata') wraps after its slash, not mid-word
        if "/" in text and pdfmetrics.stringWidth(text, FONT_BOLD, size) > width_cm * cm - 6:
            text = text.replace("/", "/ ")
        return cell_para(text, "center", True)

    data = [[heading(h, w) for h, w in zip(headers, col_widths)]]
    for values in rows:
        if len(values) != len(headers):
            raise ValueError("every row needs one value per column")
        data.append([
            cell_para(v.text, v.align or a, v.bold) if isinstance(v, Cell) else cell_para(cell_text(v), a, False)
            for v, a in zip(values, aligns)
        ])
    last = len(data) - 1  # the last gridded row
    if tail:
        data.append([list(tail)] + [""] * (len(headers) - 1))
    pad = 3.0
    if row_height_cm:
        pad = max(pad, (row_height_cm * cm - size * 1.2) / 2)
    t = LongTable(data, colWidths=[w * cm for w in col_widths], repeatRows=repeat_rows, hAlign="CENTER")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # string cells would otherwise pull in Helvetica
        ("GRID", (0, 0), (-1, last), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, repeat_rows - 1 if repeat_rows else 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 3),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ("TOPPADDING", (0, 1), (-1, last), pad),
        ("BOTTOMPADDING", (0, 1), (-1, last), pad),
    ]
    if tail:
        commands += [
            ("SPAN", (0, last + 1), (-1, last + 1)),
            ("VALIGN", (0, last + 1), (-1, last + 1), "TOP"),
            ("LEFTPADDING", (0, last + 1), (-1, last + 1), 0),
            ("RIGHTPADDING", (0, last + 1), (-1, last + 1), 0),
            ("TOPPADDING", (0, last + 1), (-1, last + 1), 4),
            ("BOTTOMPADDING", (0, last + 1), (-1, last + 1), 0),
            ("NOSPLIT", (0, max(repeat_rows, last + 1 - keep_rows_with_tail)), (-1, last + 1)),
        ]
    t.setStyle(TableStyle(commands))
    return t


def signature_table(place_date: str | None = None, left=None, right=None, *,
                    sign_space_cm: float = 2.0, style_name: str = "body_center") -> Table:
    """Two signature blocks side by side (see `signature_blocks`), as a bare table."""
    left, right = Signer.of(left), Signer.of(right)
    heads = [list(left.lines) if left else [], list(right.lines) if right else []]
    if place_date:
        heads[1].insert(0, place_date)
    depth = max(len(h) for h in heads)
    heads = [[""] * (depth - len(h)) + h for h in heads]

    def head(lines):
        return markup("<br/>".join(esc(line) or "&nbsp;" for line in lines) or "&nbsp;", style_name)

    def name(signer):
        if signer is None:
            return markup("&nbsp;", style_name)
        shown = f"<u><b>{esc(signer.name)}</b></u>" if signer.name else esc(BLANK_NAME)
        return markup("<br/>".join([shown, *(esc(x) for x in signer.after)]), style_name)

    data = [
        [head(heads[0]), head(heads[1])],
        ["", ""],
        [name(left), name(right)],
    ]
    t = Table(data, colWidths=["50%", "50%"], rowHeights=[None, sign_space_cm * cm, None])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def signature_blocks(place_date: str | None = None, left=None, right=None, **options) -> KeepTogether:
    """Two signature blocks side by side, kept together on one page.

    `left`/`right` are `Signer`s or lists of lines whose last item is the NAME (printed bold
    and underlined under the space to sign); `place_date` heads the right block and the
    shorter heading is padded at the top so both names sit on one line. Options:
    `sign_space_cm`, `style_name`."""
    return KeepTogether([Spacer(1, 12), signature_table(place_date, left, right, **options)])


def image(png: bytes, width_cm: float) -> Image:
    """A PNG scaled to `width_cm`, keeping its aspect ratio."""
    from reportlab.lib.utils import ImageReader

    reader = ImageReader(io.BytesIO(png))
    w, h = reader.getSize()
    return Image(io.BytesIO(png), width=width_cm * cm, height=width_cm * cm * h / w)


__all__ = [
    "register_fonts", "esc", "para", "markup", "style", "STYLES", "document", "build", "kop", "title",
    "info_table", "table", "signature_table", "signature_blocks", "image", "text_width_cm", "page_size",
]
