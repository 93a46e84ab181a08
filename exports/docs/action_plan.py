"""Rencana Aksi: the six-month action plan the Pokja signs and files (DOMAIN.md §7.4).

A4 landscape: the Pokja's letterhead, the plan table (its two header rows repeat on every
page; month columns 1–6 ticked as a Gantt), the budget lines per activity, the totals per
source against what is available, the dimensions left out with their reasons, and the
signatures: Ketua and Sekretaris Pokja, the two Pendamping, and "Mengetahui" the Kepala
Desa/Lurah. Rows never split across pages; long plans simply run on, header repeated.
"""
from __future__ import annotations

import csv
import io

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, LongTable, Paragraph, Spacer, Table, TableStyle

from exports import docx_kit, pdf_kit
from exports.text import clean
from facilitation import planning
from facilitation.formatting import format_date, format_date_list, number_words, rupiah
from facilitation.i18n import t
from facilitation.workshops import get_workshop

MARGINS_CM = (1.5, 1.2, 1.5, 2.0)  # top, right, bottom, left: 26.5 cm of text width in landscape
# No, activity, dimension, problem, objective, target, location, months 1–6, PIC, partners, cost, indicator
WIDTHS = [0.7, 2.8, 1.4, 2.4, 2.8, 2.2, 1.6, *([0.5] * 6), 2.0, 2.1, 2.9, 2.6]
MONTH_COLS = range(7, 13)
ALIGNS = ["center", "left", "center", "left", "left", "left", "left", *(["center"] * 6), "left", "left", "left",
          "left"]
DETAIL_WIDTHS = [1.2, 6.5, 8.0, 3.6, 4.2, 3.0]
RECAP_WIDTHS = [7.0, 4.0, 4.0, 4.0]
SIZE = 7.5
HEAD_SIZE = 7
TICK = "■"
TICK_FILL = "A6A6A6"
CSV_RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def _amount(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# ---------------------------------------------------------------- data

def collect(db, workshop_id: str, lang: str = "id") -> dict:
    """Everything the document prints, as plain text in `lang` (numbers already formatted)."""
    ws = get_workshop(db, workshop_id)
    rows = planning.list_plan_rows(db, workshop_id)
    report = planning.plan_report(db, workshop_id)
    left_out = planning.dimensions_left_out(db, workshop_id)
    board = planning.elected_board(db, workshop_id)
    focus = planning.consensus(db, workshop_id, lang)

    def label(key, **params):
        return t(f"docs.action_plan.{key}", lang, **params)

    def common(key, **params):
        return t(f"docs.common.{key}", lang, **params)

    kelurahan = ws.get("village_kind") == "kelurahan"
    place = f"{common('kelurahan' if kelurahan else 'desa')} {ws['village']}"
    months = planning.month_names(ws, lang)
    short = {s: label(f"source_{s}") for s in planning.SOURCES}

    table_rows, details, csv_rows = [], [], []
    for r in rows:
        by_source = {s: sum(int(b["amount"]) for b in r["budget"] if b["source"] == s) for s in planning.SOURCES}
        cost = [f"{short[s]}: {_amount(by_source[s])}" for s in planning.SOURCES if by_source[s]]
        cost.append(label("row_total", amount=_amount(r["total"])) if r["budget"] else label("no_cost"))
        target = r["target_group"]
        if r["beneficiaries"] is not None:
            target += "\n" + label("beneficiaries", n=r["beneficiaries"])
        if r["volume"]:
            target += "\n" + label("volume", volume=r["volume"])
        indicator = ", ".join(r["indicator_params"])
        if r["indicator"]:
            indicator = f"{indicator}\n{r['indicator']}" if indicator else r["indicator"]
        pic = r["pic_name"] or ""
        if pic and r.get("pic_institution"):
            pic += f"\n({r['pic_institution']})"
        table_rows.append({
            "no": str(r["no"]), "activity": r["activity"], "dimensions": ", ".join(r["dimensions"]),
            "problem": r["problem_text"], "objective": r["objective"], "target": target, "location": r["location"],
            "months": list(r["months"]), "pic": pic, "partners": "; ".join(r["partners"]),
            "cost": "\n".join(cost), "indicator": indicator,
        })
        for b in r["budget"]:
            details.append([str(r["no"]), r["activity"], b["item"], planning.source_label(b["source"], lang),
                            b["detail"], _amount(int(b["amount"]))])
        csv_rows.append([
            r["no"], r["activity"], ", ".join(r["dimensions"]), r["problem_text"], r["objective"], r["target_group"],
            "" if r["beneficiaries"] is None else r["beneficiaries"], r["volume"], r["location"],
            *("X" if m in r["months"] else "" for m in planning.PLAN_MONTHS),
            r["pic_name"] or "", "; ".join(r["partners"]), *(by_source[s] for s in planning.SOURCES), r["total"],
            ", ".join(r["indicator_params"]), r["indicator"],
        ])

    recap = []
    for source in (*planning.SOURCES, "total"):
        planned, available = report.planned[source], report.available[source]
        left = available - planned
        name = planning.source_label(source, lang) if source != "total" else label("total")
        recap.append({"source": name, "planned": rupiah(planned), "available": rupiah(available),
                      "left": rupiah(left) if left >= 0 else label("over", amount=rupiah(-left)),
                      "bold": source == "total"})

    head_key = "head_kelurahan" if kelurahan else "head_desa"
    day3, day4 = ws["day3"], ws["day4"]
    return {
        "lang": lang,
        "doc_title": label("doc_title", place=f"{ws['village']} ({ws['year']})"),
        "kop": [label("kop_1"), f"{place} {common('kecamatan')} {ws['kecamatan']}".upper(),
                f"{ws['kabupaten']} {common('provinsi')} {ws['provinsi']}".upper(),
                label("secretariat", venue=ws["venue"])],
        "title": label("title"),
        "subtitle": label("period", start=months[0], end=months[-1]),
        "info": [
            (label("basis"), common("activity")),
            (label("drawn_up"), f"{format_date_list([day3, day4], lang)}, {ws['venue']}"),
            (label("focus"), focus["focus_question"]),
            (label("months"), "; ".join(label("month_is", n=i, name=m) for i, m in enumerate(months, start=1))),
        ],
        "headers": [label(f"col_{c}") for c in ("no", "activity", "dimensions", "problem", "objective", "target",
                                                "location")],
        "headers_after": [label(f"col_{c}") for c in ("pic", "partners", "cost", "indicator")],
        "schedule_header": label("col_schedule"),
        "rows": table_rows,
        "empty": label("empty") if not table_rows else "",
        "details_heading": label("details_heading"),
        "details_headers": [label(f"detail_{c}") for c in ("no", "activity", "item", "source", "detail", "amount")],
        "details": details,
        "details_total": [label("total"), _amount(report.planned["total"])],
        "recap_heading": label("recap_heading"),
        "recap_headers": [label("recap_source"), label("recap_planned"), label("recap_available"), label("recap_left")],
        "recap": recap,
        "total_words": label("total_words", words=number_words(report.planned["total"], lang)),
        "left_out_heading": label("left_out_heading") if left_out else "",
        "left_out": [f"{planning.dimension_label(d, lang)}: {reason}" for d, reason in sorted(left_out.items())],
        "closing": label("closing"),
        "place_date": f"{ws['village']}, {format_date(day4, lang, weekday=False)}",
        "signers": [
            [label("sign_pokja"), label("sign_ketua"), board.get("ketua", "")],
            [label("sign_pokja"), label("sign_sekretaris"), board.get("sekretaris", "")],
            ["", label("sign_pendamping", n="I"), ws["pendamping1"]],
            ["", label("sign_pendamping", n="II"), ws["pendamping2"]],
        ],
        "acknowledger": [common("acknowledged"), common(head_key, village=ws["village"]), ws.get("kepala_desa") or ""],
        "page_label": common("page_of"),
        "csv_headers": [
            label("col_no"), label("col_activity"), label("col_dimensions"), label("col_problem"),
            label("col_objective"), label("col_target"), label("csv_beneficiaries"), label("csv_volume"),
            label("col_location"), *(label("csv_month", n=m) for m in planning.PLAN_MONTHS), label("col_pic"),
            label("col_partners"), *(label("csv_source", source=planning.source_label(s, lang)) for s in planning.SOURCES),
            label("csv_total"), label("csv_params"), label("csv_indicator"),
        ],
        "csv_rows": csv_rows,
    }


def _cells(row: dict) -> list[str]:
    return [row["no"], row["activity"], row["dimensions"], row["problem"], row["objective"], row["target"],
            row["location"], *(TICK if m in row["months"] else "" for m in planning.PLAN_MONTHS), row["pic"],
            row["partners"], row["cost"], row["indicator"]]


# ---------------------------------------------------------------- Word

def _fixed_widths(table, widths: list[float]) -> None:
    """Word keeps the given column widths only with a fixed layout and a matching grid."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.insert_element_before(layout, "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                                "w:tblPrChange")
    for col, w in zip(table.columns, widths):
        col.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = Cm(w)


def _row_flags(row, *, header: bool = False, height_cm: float | None = None) -> None:
    """cantSplit (a row never breaks across pages), an optional minimum height, and
    tblHeader (repeat on every page), in the order CT_TrPr requires."""
    trpr = row._tr.get_or_add_trPr()
    elements = [OxmlElement("w:cantSplit")]
    if height_cm:
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(int(height_cm * 567)))
        height.set(qn("w:hRule"), "atLeast")
        elements.append(height)
    if header:
        elements.append(OxmlElement("w:tblHeader"))
    for el in elements:
        trpr.append(el)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.insert_element_before(shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                               "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                           "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _put(cell, text: str, *, align: str = "left", bold: bool = False, size: float = SIZE,
         keep_with_next: bool = False) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    docx_kit.paragraph(cell, text, bold=bold, size=size, align=align, keep_with_next=keep_with_next,
                       paragraph=cell.paragraphs[0])


def _grid(doc, headers: list[str], rows: list[list[str]], widths: list[float], aligns: list[str], *,
          bold_rows: set[int] = frozenset(), size: float = SIZE):
    """A simple gridded table with one repeating header row."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        _put(cell, text, align="center", bold=True, size=size)
        _shade(cell, docx_kit.HEADER_FILL)
    _row_flags(table.rows[0], header=True)
    for i, values in enumerate(rows):
        row = table.add_row()
        for cell, text, align in zip(row.cells, values, aligns):
            _put(cell, text, align=align, bold=i in bold_rows, size=size)
        _row_flags(row)
    _fixed_widths(table, widths)
    return table


def _docx_plan_table(doc, data: dict):
    cols = len(WIDTHS)
    table = doc.add_table(rows=2, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    top, sub = table.rows
    before, after = data["headers"], data["headers_after"]
    labels = [*before, *([""] * 6), *after]
    for i, text in enumerate(labels):
        if i in MONTH_COLS:
            continue
        cell = top.cells[i].merge(sub.cells[i])
        _put(cell, text, align="center", bold=True, size=HEAD_SIZE)
    schedule = top.cells[MONTH_COLS[0]].merge(top.cells[MONTH_COLS[-1]])
    _put(schedule, data["schedule_header"], align="center", bold=True, size=HEAD_SIZE)
    for n, i in enumerate(MONTH_COLS, start=1):
        _put(sub.cells[i], str(n), align="center", bold=True, size=HEAD_SIZE)
    for row in (top, sub):
        for cell in row.cells:
            _shade(cell, docx_kit.HEADER_FILL)
        _row_flags(row, header=True)
    for r in data["rows"]:
        row = table.add_row()
        for i, (cell, text, align) in enumerate(zip(row.cells, _cells(r), ALIGNS)):
            _put(cell, text, align=align)
            if i in MONTH_COLS and text:
                _shade(cell, TICK_FILL)
        _row_flags(row)
    _fixed_widths(table, WIDTHS)
    return table


def _docx_signatures(doc, data: dict) -> None:
    """Place and date, four signers side by side, then 'Mengetahui' centred below: one
    borderless table whose rows never split and keep with each other."""
    width = docx_kit.text_width_cm(doc)
    table = doc.add_table(rows=7, cols=4)
    _no_borders(table)
    place = table.rows[0].cells[0].merge(table.rows[0].cells[3])
    _put(place, data["place_date"], align="right", size=10, keep_with_next=True)
    for col, signer in enumerate(data["signers"]):
        *heads, name = signer
        head = table.rows[1].cells[col]
        for i, line in enumerate(heads):
            docx_kit.paragraph(head, line, size=10, align="center", keep_with_next=True,
                               paragraph=head.paragraphs[0] if i == 0 else None)
        _put(table.rows[2].cells[col], "", keep_with_next=True)
        _signed_name(table.rows[3].cells[col], name, keep_with_next=True)
    ack = [table.rows[r].cells[0].merge(table.rows[r].cells[3]) for r in (4, 5, 6)]
    *heads, name = data["acknowledger"]
    for i, line in enumerate(heads):
        docx_kit.paragraph(ack[0], line, size=10, align="center", keep_with_next=True,
                           paragraph=ack[0].paragraphs[0] if i == 0 else None)
    _put(ack[1], "", keep_with_next=True)
    _signed_name(ack[2], name)
    for i, row in enumerate(table.rows):
        _row_flags(row, height_cm=1.8 if i in (2, 5) else None)
    _fixed_widths(table, [width / 4] * 4)


def _signed_name(cell, name: str, keep_with_next: bool = False) -> None:
    if name:
        docx_kit.paragraph(cell, name, bold=True, underline=True, size=10, align="center",
                           keep_with_next=keep_with_next, paragraph=cell.paragraphs[0])
    else:
        docx_kit.paragraph(cell, docx_kit.BLANK_NAME, size=10, align="center", keep_with_next=keep_with_next,
                           paragraph=cell.paragraphs[0])


def to_docx(data: dict) -> bytes:
    doc = docx_kit.new_document(landscape=True, lang=data["lang"], title=data["doc_title"], margins_cm=MARGINS_CM,
                                size=10)
    docx_kit.page_numbers(doc, data["page_label"])
    docx_kit.kop(doc, data["kop"])
    docx_kit.title(doc, data["title"], data["subtitle"], size=13)
    docx_kit.info_table(doc, data["info"], label_cm=4.0, size=9)
    _docx_plan_table(doc, data)
    if data["empty"]:
        docx_kit.paragraph(doc, data["empty"], italic=True, size=9, space_before=4)
    if data["details"]:
        docx_kit.paragraph(doc, data["details_heading"], bold=True, size=10, space_before=10, space_after=4,
                           keep_with_next=True)
        rows = [*data["details"], ["", data["details_total"][0], "", "", "", data["details_total"][1]]]
        _grid(doc, data["details_headers"], rows, DETAIL_WIDTHS, ["center", "left", "left", "left", "left", "right"],
              bold_rows={len(rows) - 1})
    docx_kit.paragraph(doc, data["recap_heading"], bold=True, size=10, space_before=10, space_after=4,
                       keep_with_next=True)
    recap = [[r["source"], r["planned"], r["available"], r["left"]] for r in data["recap"]]
    table = _grid(doc, data["recap_headers"], recap, RECAP_WIDTHS, ["left", "right", "right", "right"],
                  bold_rows={len(recap) - 1}, size=9)
    for row in table.rows:  # the totals stay with the signatures that follow
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if data["total_words"]:
        docx_kit.paragraph(doc, data["total_words"], italic=True, size=9, space_before=2, keep_with_next=True)
    if data["left_out"]:
        docx_kit.paragraph(doc, data["left_out_heading"], bold=True, size=10, space_before=8, keep_with_next=True)
        for line in data["left_out"]:
            docx_kit.paragraph(doc, f"– {line}", size=9, keep_with_next=True)
    docx_kit.paragraph(doc, data["closing"], size=10, space_before=8, keep_with_next=True)
    _docx_signatures(doc, data)
    return docx_kit.to_bytes(doc)


# ---------------------------------------------------------------- PDF

def _pdf_style(align: str = "left", bold: bool = False, size: float = SIZE) -> ParagraphStyle:
    return pdf_kit.style("cell", fontSize=size, leading=size * 1.2, align=align, bold=bold)


def _pdf_plan_table(data: dict) -> LongTable:
    head = _pdf_style("center", True, HEAD_SIZE)
    cell_styles = {a: _pdf_style(a) for a in set(ALIGNS)}
    top = [Paragraph(pdf_kit.esc(h), head) for h in data["headers"]]
    top += [Paragraph(pdf_kit.esc(data["schedule_header"]), head)] + [""] * 5
    top += [Paragraph(pdf_kit.esc(h), head) for h in data["headers_after"]]
    sub = [""] * len(data["headers"]) + [Paragraph(str(n), head) for n in planning.PLAN_MONTHS]
    sub += [""] * len(data["headers_after"])
    body = [[Paragraph(pdf_kit.esc(text), cell_styles[align]) for text, align in zip(_cells(r), ALIGNS)]
            for r in data["rows"]]
    table = LongTable([top, sub, *body], colWidths=[w * cm for w in WIDTHS], repeatRows=2, hAlign="CENTER")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), pdf_kit.FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 1), pdf_kit.HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("SPAN", (MONTH_COLS[0], 0), (MONTH_COLS[-1], 0)),
    ]
    for i in range(len(WIDTHS)):
        if i not in MONTH_COLS:
            commands.append(("SPAN", (i, 0), (i, 1)))
    for y, r in enumerate(data["rows"], start=2):
        for m, x in zip(planning.PLAN_MONTHS, MONTH_COLS):
            if m in r["months"]:
                commands.append(("BACKGROUND", (x, y), (x, y), colors.HexColor(f"#{TICK_FILL}")))
    table.setStyle(TableStyle(commands))
    return table


def _pdf_grid(headers, rows, widths, aligns, bold_last: bool = False, size: float = SIZE,
              h_align: str = "CENTER") -> LongTable:
    head = _pdf_style("center", True, size)
    data = [[Paragraph(pdf_kit.esc(h), head) for h in headers]]
    for i, values in enumerate(rows):
        bold = bold_last and i == len(rows) - 1
        data.append([Paragraph(pdf_kit.esc(v), _pdf_style(a, bold, size)) for v, a in zip(values, aligns)])
    table = LongTable(data, colWidths=[w * cm for w in widths], repeatRows=1, hAlign=h_align)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), pdf_kit.FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), pdf_kit.HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _pdf_signatures(data: dict) -> list:
    centre = pdf_kit.style("body_center", fontSize=10, leading=13)

    def block(lines, name):
        shown = f"<u><b>{pdf_kit.esc(name)}</b></u>" if name else pdf_kit.esc(docx_kit.BLANK_NAME)
        heads = "<br/>".join(pdf_kit.esc(x) or "&nbsp;" for x in lines)
        return [Paragraph(heads, centre), Spacer(1, 1.6 * cm), Paragraph(shown, centre)]

    four = Table([[block(s[:-1], s[-1]) for s in data["signers"]]], colWidths=["25%"] * 4)
    *ack_heads, ack_name = data["acknowledger"]
    ack = Table([[block(ack_heads, ack_name)]], colWidths=["50%"], hAlign="CENTER")
    for tbl in (four, ack):
        tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), pdf_kit.FONT)]))
    return [pdf_kit.para(data["place_date"], "body", align="right", fontSize=10), Spacer(1, 4), four,
            Spacer(1, 8), ack]


def to_pdf(data: dict) -> bytes:
    story = [
        *pdf_kit.kop(data["kop"]),
        *pdf_kit.title(data["title"], data["subtitle"]),
        pdf_kit.info_table(data["info"], label_cm=4.0, style_name="small"),
        Spacer(1, 6),
        _pdf_plan_table(data),
    ]
    if data["empty"]:
        story.append(pdf_kit.para(data["empty"], "small"))
    if data["details"]:
        rows = [*data["details"], ["", data["details_total"][0], "", "", "", data["details_total"][1]]]
        story += [Spacer(1, 10), pdf_kit.para(data["details_heading"], "heading"),
                  _pdf_grid(data["details_headers"], rows, DETAIL_WIDTHS,
                            ["center", "left", "left", "left", "left", "right"], bold_last=True)]
    closing = [
        pdf_kit.para(data["recap_heading"], "heading"),
        _pdf_grid(data["recap_headers"], [[r["source"], r["planned"], r["available"], r["left"]] for r in data["recap"]],
                  RECAP_WIDTHS, ["left", "right", "right", "right"], bold_last=True, size=9, h_align="LEFT"),
    ]
    if data["total_words"]:
        closing.append(pdf_kit.para(data["total_words"], "small", spaceBefore=2))
    if data["left_out"]:
        closing.append(pdf_kit.para(data["left_out_heading"], "heading"))
        closing += [pdf_kit.para(f"– {line}", "small") for line in data["left_out"]]
    closing += [Spacer(1, 6), pdf_kit.para(data["closing"], "body", fontSize=10), *_pdf_signatures(data)]
    story += [Spacer(1, 6), KeepTogether(closing)]
    return pdf_kit.build(story, landscape=True, title=data["doc_title"], lang=data["lang"],
                         page_label=data["page_label"], margins_cm=MARGINS_CM)


# ---------------------------------------------------------------- CSV

def _csv_safe(value) -> str:
    """A spreadsheet must not read a cell as a formula."""
    text = clean(value)
    return "'" + text if text.startswith(CSV_RISKY_START) else text


def to_csv(data: dict) -> bytes:
    """One line per plan row; amounts as plain whole numbers per source (UTF-8 with BOM for Excel)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_csv_safe(h) for h in data["csv_headers"]])
    for row in data["csv_rows"]:
        writer.writerow([v if isinstance(v, int) else _csv_safe(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")
