"""Ringkasan Asesmen: the one-page assessment summary (baseline, priority problems, key
potentials, the Venn diagram of pranata sosial).

The baseline is a table per dimension (each parameter's score, the index, the band) and a
bar chart; the pictures are drawn by exports.assessment_graphics: a reportlab Drawing in the
PDF (vector) and a PNG in Word.
"""
from __future__ import annotations

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm
from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table, TableStyle

from exports import docx_kit, pdf_kit
from exports.assessment_graphics import baseline_scene, to_drawing, to_png, venn_scene
from exports.blocks import Cell
from facilitation import assessment
from facilitation import assessment_cards as cards
from facilitation import assessment_institutions as venn
from facilitation.content import load_dimensions
from facilitation.formatting import format_date
from facilitation.i18n import t
from facilitation.workshops import get_workshop

BASELINE_WIDTHS = [5.2, 6.6, 2.6, 3.1]
BASELINE_ALIGNS = ["left", "left", "center", "center"]
PRIORITY_WIDTHS = [1.0, 10.6, 3.8, 2.1]
PRIORITY_ALIGNS = ["center", "left", "left", "center"]
MAX_POTENTIALS = 8
VENN_CM = 8.0
SIDE_CM = 17.5 - VENN_CM
MARGINS_CM = (1.2, 1.5, 1.3, 2.0)


def _number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}" if digits else f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


def collect(db, workshop_id: str, lang: str = "id", phase: str = "baseline") -> dict:
    ws = get_workshop(db, workshop_id)
    table = load_dimensions()
    index = assessment.assessment_index(db, workshop_id, phase)
    bands = assessment.band_labels(lang)

    def label(key, **params):
        return t(f"docs.assessment.{key}", lang, **params)

    def common(key, **params):
        return t(f"docs.common.{key}", lang, **params)

    def value_text(part) -> str:
        return label("not_scored") if part.value is None else _number(part.value_100, lang)

    baseline_rows, bars = [], []
    for dim in table.dimensions:
        part = index.dimension(dim.id)
        scores = " · ".join(
            f"{p.id} {_number(float(index.scores[p.id]), lang, 0) if p.id in index.scores else '–'}"
            for p in dim.parameters)
        name = f"{dim.id} {dim.short.get(lang)}"
        baseline_rows.append([name, scores, value_text(part), bands.get(part.band, "–")])
        bars.append({"label": name, "value": part.value_100, "band": part.band, "text": value_text(part)})
    overall = index.overall
    baseline_rows.append([Cell(label("overall"), bold=True), "", Cell(value_text(overall), bold=True),
                          Cell(bands.get(overall.band, "–"), bold=True)])
    bars.append({"label": label("overall"), "value": overall.value_100, "band": overall.band,
                 "text": value_text(overall)})

    dim_short = {d.id: f"{d.id} {d.short.get(lang)}" for d in table.dimensions}
    priorities = [[str(p["rank"]), p["text"], dim_short.get(p["dimension"], p["dimension"]),
                   _number(p["score"], lang, 0)] for p in assessment.priority_problems(db, workshop_id)]
    potentials = _key_potentials(cards.list_cards(db, workshop_id, kind="potential"))
    potential_lines = [
        f"{c['dimension']} · {c['text']}"
        + (f" ({label('type_' + c['potential_type'])})" if c["potential_type"] else "")
        + (f" ×{c['count']}" if c["count"] > 1 else "")
        for c in sorted(potentials, key=lambda c: (c["dimension"], -c["count"], c["id"]))
    ]
    inst = venn.institution_map(db, workshop_id)
    numbers = {i["id"]: n for n, i in enumerate(inst["institutions"], start=1)}
    institutions = [
        f"{numbers[i['id']]}. {i['name']} ({i['valence']}; "
        f"{label('importance_distance', importance=i['importance'], distance=i['distance'])})"
        for i in inst["institutions"]
    ]
    network = []
    if inst["density"] is not None:
        network.append(label("density", percent=_number(inst["density_100"], lang, 0), linked=inst["linked_pairs"],
                             possible=inst["possible_pairs"]))
    if inst["flagged"]:
        network.append(label("flagged", names=", ".join(i["name"] for i in inst["flagged"])))

    kelurahan = ws.get("village_kind") == "kelurahan"
    place = f"{ws['village']}, {common('kecamatan')} {ws['kecamatan']}, {ws['kabupaten']}, {ws['provinsi']}"
    return {
        "lang": lang,
        "doc_title": label("doc_title", place=f"{ws['village']} ({ws['year']})"),
        "title": label("title"),
        "subtitle": common("activity").upper(),
        "info": [
            (common("kelurahan" if kelurahan else "desa"), place),
            (common("day_date"), common("day_date_value", date=format_date(ws["day2"], lang), n=2)),
            (common("venue"), ws["venue"]),
        ],
        "baseline_heading": label("section_baseline"),
        "baseline_headers": [label("col_dimension"), label("col_parameters"), label("col_index"), label("col_band")],
        "baseline_rows": baseline_rows,
        "bars": bars,
        "missing": label("missing", ids=", ".join(overall.missing)) if overall.missing else "",
        "index_note": label("index_note"),
        "priorities_heading": label("section_priorities"),
        "priority_headers": [label("col_no"), label("col_problem"), label("col_dimension"), label("col_score")],
        "priorities": priorities,
        "no_priorities": label("no_priorities"),
        "potentials_heading": label("section_potentials"),
        "potentials": potential_lines,
        "no_potentials": label("no_potentials"),
        "map_heading": label("section_map"),
        "layout": inst["layout"] if inst["institutions"] else None,
        "numbers": numbers,
        "institutions": institutions,
        "network": network,
        "venn_caption": label("venn_caption"),
        "no_institutions": label("no_institutions"),
        "page_label": common("page_of"),
    }


def _key_potentials(potentials: list[dict]) -> list[dict]:
    """At most MAX_POTENTIALS: each dimension's most often named first (merged cards count),
    taken in turn across the dimensions so that every dimension is represented."""
    by_dim: dict[str, list[dict]] = {}
    for c in sorted(potentials, key=lambda c: (-c["count"], c["id"])):
        by_dim.setdefault(c["dimension"], []).append(c)
    queues = [by_dim[d] for d in sorted(by_dim)]
    chosen: list[dict] = []
    while len(chosen) < MAX_POTENTIALS and any(queues):
        for queue in queues:
            if queue and len(chosen) < MAX_POTENTIALS:
                chosen.append(queue.pop(0))
    return chosen


def _bars_scene(data: dict, width_cm: float):
    return baseline_scene(data["bars"], width=width_cm * cm, bar_height=10, size=7.5, label_width=4.6 * cm)


def _venn_scene(data: dict):
    return venn_scene(data["layout"], side=(VENN_CM - 0.2) * cm, size=7, labels=data["numbers"])


def _pairs(lines: list[str]) -> list[list[str]]:
    """Lines in two columns, filled row by row."""
    return [[lines[i], lines[i + 1] if i + 1 < len(lines) else ""] for i in range(0, len(lines), 2)]


# ---------------------------------------------------------------- Word

def _docx_heading(doc, text: str) -> None:
    docx_kit.paragraph(doc, text, bold=True, size=10.5, space_before=5, space_after=2, keep_with_next=True)


def _docx_side_by_side(doc, widths: list[float]):
    t = doc.add_table(rows=1, cols=len(widths))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, w in zip(t.rows[0].cells, widths):
        cell.width = Cm(w)
    return t.rows[0].cells


def to_docx(data: dict) -> bytes:
    doc = docx_kit.new_document(lang=data["lang"], title=data["doc_title"], margins_cm=MARGINS_CM)
    docx_kit.page_numbers(doc, data["page_label"])
    docx_kit.title(doc, data["title"], data["subtitle"], size=13)
    docx_kit.info_table(doc, data["info"], size=9)

    _docx_heading(doc, data["baseline_heading"])
    docx_kit.table(doc, data["baseline_headers"], data["baseline_rows"], BASELINE_WIDTHS, aligns=BASELINE_ALIGNS,
                   size=8.5)
    docx_kit.image(doc, to_png(_bars_scene(data, 16.0)), 16.0)
    docx_kit.paragraph(doc, " ".join(x for x in (data["missing"], data["index_note"]) if x), size=7.5, italic=True)

    _docx_heading(doc, data["priorities_heading"])
    if data["priorities"]:
        docx_kit.table(doc, data["priority_headers"], data["priorities"], PRIORITY_WIDTHS, aligns=PRIORITY_ALIGNS,
                       size=8.5)
    else:
        docx_kit.paragraph(doc, data["no_priorities"], size=9)

    _docx_heading(doc, data["potentials_heading"])
    if data["potentials"]:
        for row in _pairs(data["potentials"]):
            for cell, line in zip(_docx_side_by_side(doc, [8.75, 8.75]), row):
                docx_kit.paragraph(cell, f"• {line}" if line else "", size=8.5, paragraph=cell.paragraphs[0])
    else:
        docx_kit.paragraph(doc, data["no_potentials"], size=9)

    _docx_heading(doc, data["map_heading"])
    if data["layout"] is None:
        docx_kit.paragraph(doc, data["no_institutions"], size=9)
        return docx_kit.to_bytes(doc)
    left, right = _docx_side_by_side(doc, [VENN_CM, SIDE_CM])
    left.paragraphs[0].add_run().add_picture(io.BytesIO(to_png(_venn_scene(data))), width=Cm(VENN_CM - 0.3))
    docx_kit.paragraph(right, data["institutions"][0], size=8, paragraph=right.paragraphs[0])
    for line in data["institutions"][1:]:
        docx_kit.paragraph(right, line, size=8)
    for line in data["network"]:
        docx_kit.paragraph(right, line, size=8, space_before=4)
    docx_kit.paragraph(right, data["venn_caption"], size=7, italic=True, space_before=4)
    return docx_kit.to_bytes(doc)


# ---------------------------------------------------------------- PDF

def _pdf_heading(text: str):
    return pdf_kit.para(text, "heading", keepWithNext=1, fontSize=10.5, spaceBefore=5, spaceAfter=3)


def _bare_table(rows: list[list], widths_cm: list[float]) -> Table:
    t = Table(rows, colWidths=[w * cm for w in widths_cm], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5), ("FONTNAME", (0, 0), (-1, -1), pdf_kit.FONT)]))
    return t


def to_pdf(data: dict) -> bytes:
    small = {"fontSize": 8, "leading": 9.6}
    story = [
        *pdf_kit.title(data["title"], data["subtitle"]),
        pdf_kit.info_table(data["info"], style_name="small"),
        _pdf_heading(data["baseline_heading"]),
        pdf_kit.table(data["baseline_headers"], data["baseline_rows"], BASELINE_WIDTHS, aligns=BASELINE_ALIGNS,
                      size=8),
        Spacer(1, 3),
        to_drawing(_bars_scene(data, 17.5)),
        pdf_kit.para(" ".join(x for x in (data["missing"], data["index_note"]) if x), "small", fontSize=7, leading=8.4),
        _pdf_heading(data["priorities_heading"]),
    ]
    if data["priorities"]:
        story.append(pdf_kit.table(data["priority_headers"], data["priorities"], PRIORITY_WIDTHS,
                                   aligns=PRIORITY_ALIGNS, size=8))
    else:
        story.append(pdf_kit.para(data["no_priorities"], "small"))
    story.append(_pdf_heading(data["potentials_heading"]))
    if data["potentials"]:
        story.append(_bare_table([[pdf_kit.para(f"• {line}" if line else "", "small", **small) for line in row]
                                  for row in _pairs(data["potentials"])], [8.75, 8.75]))
    else:
        story.append(pdf_kit.para(data["no_potentials"], "small"))
    story.append(_pdf_heading(data["map_heading"]))
    if data["layout"] is None:
        story.append(pdf_kit.para(data["no_institutions"], "small"))
    else:
        right = [pdf_kit.para(line, "small", **small) for line in data["institutions"]]
        right += [pdf_kit.para(line, "small", spaceBefore=3, **small) for line in data["network"]]
        right.append(pdf_kit.para(data["venn_caption"], "small", fontSize=6.5, leading=7.8, spaceBefore=3))
        story.append(_bare_table([[to_drawing(_venn_scene(data)), right]], [VENN_CM, SIDE_CM]))
    return pdf_kit.build(story, title=data["doc_title"], lang=data["lang"], page_label=data["page_label"],
                         margins_cm=MARGINS_CM)
