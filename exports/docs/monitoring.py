"""Laporan: the Pokja's and pendamping's report after monitoring and evaluation (DOMAIN.md §7.6).

A4 portrait, as an Indonesian cover letter: the Pokja's letterhead; Nomor / Lampiran / Perihal
on the left with place and date on the right; "Kepada Yth. Kepala Badiklit Kessos … di
Jakarta". The body: the workshop's data; the action plan's progress (per activity, and money
spent against the budget per source); baseline against endline per dimension and parameter,
as a table and a bar chart; the findings of the monitoring and evaluation visits; the
recommendations and next steps (terminasi and refleksi when recorded). Signed by the Ketua
and Sekretaris Pokja and the two pendamping, "Mengetahui" the Kepala Desa; tembusan to the
Dinas Sosial of the kabupaten/kota and of the province, and Arsip.

The chart is drawn once as a `Scene` of exports/assessment_graphics and rendered twice: as a
reportlab Drawing (vector) in the PDF and as a PNG (Pillow) in Word. Neither needs a chart
library or the internet (matplotlib is not installed).

Options: `number` (the letter's Nomor; dotted when blank), `date` (the letter's date; default:
the last visit's date, or today), `addressee` (the unit's current name).
"""
from __future__ import annotations

import datetime as dt

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from exports import docx_kit, pdf_kit
from exports.assessment_graphics import GRID, TEXT, Line, Rect, Scene, Text, to_drawing, to_png
from exports.blocks import BLANK_NAME, Cell
from exports.text import clean
from facilitation import monitoring, planning, progress
from facilitation.errors import FieldError, InputError
from facilitation.formatting import format_date, format_date_list, rupiah
from facilitation.i18n import t
from facilitation.participants import list_participants
from facilitation.terminasi import get as get_termination
from facilitation.workshops import get_workshop

PROGRESS_WIDTHS = [0.7, 4.0, 1.7, 1.9, 1.9, 1.8, 1.1, 1.9, 2.5]
PROGRESS_ALIGNS = ["center", "left", "center", "center", "center", "center", "right", "center", "right"]
MONEY_WIDTHS = [6.5, 3.6, 3.6, 3.6]
SCORE_WIDTHS = [9.3, 2.6, 2.6, 2.6]
BASE_COLOUR, MID_COLOUR, END_COLOUR = "#9e9e9e", "#90caf9", "#2e7d32"
CHART_WIDTH_CM = 16.5


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError([FieldError("date", "err.date")]) from None


def _num(x, digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{float(x):.{digits}f}".replace(".", ",")


def _delta(x) -> str:
    if x is None:
        return "–"
    return ("+" if x > 0 else "") + _num(x)


def _months(months) -> str:
    return ", ".join(str(m) for m in months) or "–"


# ---------------------------------------------------------------- data

def collect(db, workshop_id: str, lang: str = "id", number: str = "", date=None,
            addressee: str | None = None) -> dict:
    """Everything the report prints, as plain text in `lang`."""
    ws = get_workshop(db, workshop_id)
    plan = progress.plan_progress(db, workshop_id)
    comp = monitoring.comparison(db, workshop_id, lang)
    visits = monitoring.list_visits(db, workshop_id)
    end = get_termination(db, workshop_id)
    board = planning.elected_board(db, workshop_id)
    funds = planning.available_funds(db, workshop_id)
    people = list_participants(db, workshop_id)

    def label(key, **params):
        return t(f"docs.monitoring.{key}", lang, **params)

    def common(key, **params):
        return t(f"docs.common.{key}", lang, **params)

    # dated when the last thing it reports happened: the last visit, or the hand-over after it
    known = [v["visit_date"] for v in visits] + ([end["handover_date"]] if end["handover_date"] else [])
    letter_date = _date(date) or (max(known) if known else dt.date.today())
    kelurahan = ws.get("village_kind") == "kelurahan"
    place = f"{common('kelurahan' if kelurahan else 'desa')} {ws['village']}"
    months = planning.month_names(ws, lang)

    progress_rows = []
    for r in plan.rows:
        reached = "–" if r.beneficiaries is None else str(r.beneficiaries)
        if r.beneficiaries_planned is not None:
            reached += f" / {r.beneficiaries_planned}"
        progress_rows.append([
            str(r.no), r.activity, ", ".join(r.dimensions), _months(r.planned_months), _months(r.active_months),
            progress.status_label(r.status, lang), f"{r.percent}%", reached,
            f"{rupiah(r.spent_total)}\n/ {rupiah(r.budget_total)}",
        ])
    money_rows = []
    for s in (*planning.SOURCES, "total"):
        m = plan.money[s]
        name = planning.source_label(s, lang) if s != "total" else label("total")
        left = rupiah(m["left"]) if m["left"] >= 0 else label("over", amount=rupiah(-m["left"]))
        money_rows.append([Cell(name, bold=s == "total"), Cell(rupiah(m["budget"]), bold=s == "total"),
                           Cell(rupiah(m["spent"]), bold=s == "total"), Cell(left, bold=s == "total")])
    counts = plan.status_counts
    progress_summary = label(
        "progress_summary", rows=len(plan.rows), done=counts["selesai"], running=counts["berjalan"],
        waiting=counts["belum"], dropped=counts["batal"],
        completion=_num(plan.completion_percent, 0) if plan.completion is not None else "–",
    )

    score_rows = []
    for d in comp.dimensions:
        score_rows.append([Cell(d.label, bold=True), Cell(_num(d.baseline), bold=True),
                           Cell(_num(d.endline), bold=True), Cell(_delta(d.delta), bold=True)])
        for p in comp.parameters:
            if p.dimension == d.id:
                score_rows.append([f"   {p.label}", _num(p.baseline), _num(p.endline), _delta(p.delta)])
    o = comp.overall
    score_rows.append([Cell(label("overall"), bold=True), Cell(_num(o.baseline), bold=True),
                       Cell(_num(o.endline), bold=True), Cell(_delta(o.delta), bold=True)])
    tally = comp.counts()
    scores_summary = label("scores_summary", improved=tally["improved"], unchanged=tally["unchanged"],
                           declined=tally["declined"], missing=tally["missing"])
    chart = [{"label": d.label, "baseline": d.baseline, "midline": d.midline if comp.has_midline else None,
              "endline": d.endline} for d in comp.dimensions]
    chart.append({"label": label("overall"), "baseline": o.baseline,
                  "midline": o.midline if comp.has_midline else None, "endline": o.endline})

    dims = {d: planning.dimension_label(d, lang) for d in planning.dimension_ids()}
    visit_blocks, recommendations = [], []
    for v in visits:
        kind = label(f"kind_{v['kind']}")
        who = [(label("who_facilitators"), v["facilitators"]), (label("who_pendamping"), v["pendamping"])]
        if v["members"]:
            who.append((label("who_pokja"), ", ".join(m["name"] for m in v["members"])))
        if v["others"]:
            who.append((label("who_others"), v["others"]))
        visit_blocks.append({
            "heading": label("visit_heading", kind=kind, date=format_date(v["visit_date"], lang)),
            "who": who,
            "findings": [(dims[d], text) for d, text in sorted(v["findings"].items()) if d in dims],
            "problems": v["problems"], "help": v["help_needed"],
        })
        if v["recommendations"]:
            recommendations.append((kind, format_date(v["visit_date"], lang, weekday=False), v["recommendations"]))

    closing_parts = []
    if end["handed_over"]:
        closing_parts.append(label("handover", date=format_date(end["handover_date"], lang, weekday=False),
                                   office=end["handover_office"]))
    reflection = [(label("worked"), end["worked"]), (label("not_worked"), end["not_worked"])]
    reflection = [(k, v) for k, v in reflection if v]

    head_key = "head_kelurahan" if kelurahan else "head_desa"
    return {
        "lang": lang,
        "doc_title": label("doc_title", place=f"{ws['village']} ({ws['year']})"),
        "kop": [label("kop_1"), f"{place} {common('kecamatan')} {ws['kecamatan']}".upper(),
                f"{ws['kabupaten']} {common('provinsi')} {ws['provinsi']}".upper(),
                label("secretariat", venue=ws["venue"])],
        "letter": [(label("number"), number or "." * 30), (label("attachment"), label("attachment_value")),
                   (label("subject"), label("subject_value"))],
        "place_date": f"{ws['village']}, {format_date(letter_date, lang, weekday=False)}",
        "to": [label("to_1"), *(addressee.splitlines() if addressee else [label("to_2"), label("to_3")]),
               label("to_at"), label("to_city")],
        "opening": label("opening", place=place, date=format_date(letter_date, lang, weekday=False)),
        "h_workshop": label("h_workshop"),
        "workshop": [
            (common("kelurahan" if kelurahan else "desa"), ws["village"]),
            (common("kecamatan"), ws["kecamatan"]),
            (common("kabupaten"), ws["kabupaten"]),
            (common("provinsi"), ws["provinsi"]),
            (common("dates"), format_date_list([ws[f"day{i}"] for i in (1, 2, 3, 4)], lang)),
            (common("venue"), ws["venue"]),
            (label("facilitators"), f"{ws['facilitator_central']}; {ws['facilitator_regional']}"),
            (label("pendamping"), f"{ws['pendamping1']}; {ws['pendamping2']}"),
            (label("participants"), label("participants_value", n=len(people))),
            (label("period"), label("period_value", start=months[0], end=months[-1])),
            (label("capital"), rupiah(funds["total"])),
        ],
        "h_progress": label("h_progress"),
        "progress_headers": [label(f"col_{c}") for c in ("no", "activity", "dimensions", "planned", "active",
                                                          "status", "percent", "beneficiaries", "spent")],
        "progress_rows": progress_rows,
        "progress_empty": label("progress_empty") if not progress_rows else "",
        "progress_summary": progress_summary,
        "money_headers": [label("money_source"), label("money_budget"), label("money_spent"), label("money_left")],
        "money_rows": money_rows,
        "h_scores": label("h_scores"),
        "score_headers": [label("score_item"), label("score_baseline"), label("score_endline"), label("score_delta")],
        "score_rows": score_rows,
        "scores_summary": scores_summary,
        "scores_note": label("scores_note"),
        "chart": chart,
        "chart_legend": {"baseline": label("score_baseline"), "midline": label("score_midline"),
                         "endline": label("score_endline")},
        "h_findings": label("h_findings"),
        "visits": visit_blocks,
        "visits_empty": label("visits_empty") if not visit_blocks else "",
        "findings_label": label("findings"), "problems_label": label("problems"), "help_label": label("help"),
        "h_recommendations": label("h_recommendations"),
        "recommendations": recommendations,
        "next_plans_label": label("next_plans"),
        "next_plans": end["next_plans"],
        "handover": closing_parts,
        "reflection": reflection,
        "none": label("none"),
        "closing": label("closing"),
        "signers": [
            [label("sign_pokja"), label("sign_ketua"), board.get("ketua", "")],
            [label("sign_pokja"), label("sign_sekretaris"), board.get("sekretaris", "")],
            ["", label("sign_pendamping", n="I"), ws["pendamping1"]],
            ["", label("sign_pendamping", n="II"), ws["pendamping2"]],
        ],
        "acknowledger": [common("acknowledged"), common(head_key, village=ws["village"]), ws.get("kepala_desa") or ""],
        "cc_heading": label("cc"),
        "cc": [label("cc_kabupaten", kabupaten=ws["kabupaten"]), label("cc_provinsi", provinsi=ws["provinsi"]),
               label("cc_archive")],
        "page_label": common("page_of"),
    }


# ---------------------------------------------------------------- the chart (one scene, two renderers)

def chart_scene(rows: list[dict], legend: dict, width: float = 470, size: float = 8) -> Scene:
    """Grouped horizontal bars 0–100: per dimension (and overall) the baseline, the midline
    when there is one, and the endline, each with its value; Δ at the right end."""
    series = [k for k in ("baseline", "midline", "endline") if any(r.get(k) is not None for r in rows)] \
        or ["baseline", "endline"]
    colour = {"baseline": BASE_COLOUR, "midline": MID_COLOUR, "endline": END_COLOUR}
    bar, gap, group_gap = 9.0, 1.5, 9.0
    label_w, delta_w = 150.0, 34.0
    plot_x, plot_w = label_w + 6, width - label_w - 6 - delta_w - 20
    group_h = len(series) * (bar + gap) - gap
    top, bottom = 20.0, 18.0
    height = top + bottom + len(rows) * (group_h + group_gap)
    scene = Scene(width, height)

    def x_of(v):
        return plot_x + plot_w * float(v) / 100

    for tick in (0, 25, 50, 75, 100):
        scene.add(Line(x_of(tick), bottom - 3, x_of(tick), height - top + 4, GRID, 0.3),
                  Text(x_of(tick), bottom - 12, str(tick), size - 1, "middle", colour=GRID))
    for threshold in (40, 70):  # the band limits: rendah < 40 ≤ sedang < 70 ≤ tinggi
        scene.add(Line(x_of(threshold), bottom, x_of(threshold), height - top + 4, TEXT, 0.5, (3, 2)))
    lx = plot_x
    for key in series:  # legend along the top
        scene.add(Rect(lx, height - 12, 9, 7, colour[key]), Text(lx + 12, height - 11.5, legend[key], size - 0.5))
        lx += 16 + len(legend[key]) * (size - 0.5) * 0.55
    for n, row in enumerate(rows):
        y_top = height - top - n * (group_h + group_gap)
        text = clean(row["label"])
        if len(text) > 34:
            text = text[:33].rstrip() + "…"
        scene.add(Text(label_w, y_top - group_h / 2 - size / 3, text, size, "end", bold=n == len(rows) - 1))
        for i, key in enumerate(series):
            y = y_top - (i + 1) * (bar + gap) + gap
            value = row.get(key)
            if value is None:
                scene.add(Text(plot_x + 2, y + 1.5, "–", size - 1, colour=GRID))
                continue
            v = max(0.0, min(100.0, float(value)))
            scene.add(Rect(plot_x, y, max(plot_w * v / 100, 0.8), bar, colour[key]),
                      Text(x_of(v) + 2, y + 1.8, _num(v, 0), size - 1))
        b, e = row.get("baseline"), row.get("endline")
        if b is not None and e is not None:
            d = float(e) - float(b)
            scene.add(Text(width - 4, y_top - group_h / 2 - size / 3, "Δ " + _delta(d), size, "end", bold=True,
                           colour=END_COLOUR if d > 0 else ("#c62828" if d < 0 else TEXT)))
    return scene


# ---------------------------------------------------------------- Word

def _docx_signatures(doc, data: dict) -> None:
    """Ketua and Sekretaris, then the two pendamping, then "Mengetahui" the Kepala Desa on the
    left (DOMAIN.md §7): three rows of the kit's side-by-side blocks, each kept on one page."""
    docx_kit.paragraph(doc, data["place_date"], align="right", space_before=10, keep_with_next=True)
    signers = data["signers"]
    for left, right in ((signers[0], signers[1]), (signers[2], signers[3]), (data["acknowledger"], None)):
        docx_kit.signature_blocks(doc, None, left=left, right=right, sign_space_cm=1.6, size=10)


def to_docx(data: dict) -> bytes:
    doc = docx_kit.new_document(lang=data["lang"], title=data["doc_title"], size=11)
    docx_kit.page_numbers(doc, data["page_label"])
    docx_kit.kop(doc, data["kop"])
    docx_kit.paragraph(doc, data["place_date"], align="right")
    docx_kit.info_table(doc, data["letter"], label_cm=2.5)
    for line in data["to"]:
        docx_kit.paragraph(doc, line, underline=line == data["to"][-1])
    docx_kit.paragraph(doc, "", space_after=6)
    docx_kit.paragraph(doc, data["opening"], align="justify", space_after=6)

    docx_kit.paragraph(doc, data["h_workshop"], bold=True, space_before=6, space_after=4, keep_with_next=True)
    docx_kit.info_table(doc, data["workshop"], label_cm=4.5, size=10)

    docx_kit.paragraph(doc, data["h_progress"], bold=True, space_before=6, space_after=4, keep_with_next=True)
    if data["progress_rows"]:
        docx_kit.table(doc, data["progress_headers"], data["progress_rows"], PROGRESS_WIDTHS,
                       aligns=PROGRESS_ALIGNS, size=8)
    else:
        docx_kit.paragraph(doc, data["progress_empty"], italic=True, size=10)
    docx_kit.paragraph(doc, data["progress_summary"], size=10, space_before=4, space_after=4)
    docx_kit.table(doc, data["money_headers"], data["money_rows"], MONEY_WIDTHS,
                   aligns=["left", "right", "right", "right"], size=9)

    docx_kit.paragraph(doc, data["h_scores"], bold=True, space_before=10, space_after=4, keep_with_next=True)
    docx_kit.image(doc, to_png(chart_scene(data["chart"], data["chart_legend"])), CHART_WIDTH_CM)
    docx_kit.paragraph(doc, data["scores_summary"], size=10, space_before=4, space_after=4)
    docx_kit.table(doc, data["score_headers"], data["score_rows"], SCORE_WIDTHS,
                   aligns=["left", "center", "center", "center"], size=8.5)
    docx_kit.paragraph(doc, data["scores_note"], italic=True, size=8.5, space_before=2)

    docx_kit.paragraph(doc, data["h_findings"], bold=True, space_before=10, space_after=4, keep_with_next=True)
    if data["visits_empty"]:
        docx_kit.paragraph(doc, data["visits_empty"], italic=True, size=10)
    for v in data["visits"]:
        docx_kit.paragraph(doc, v["heading"], bold=True, size=10, space_before=4, keep_with_next=True)
        docx_kit.info_table(doc, v["who"], label_cm=4.0, size=10)
        if v["findings"]:
            docx_kit.paragraph(doc, data["findings_label"], italic=True, size=10, keep_with_next=True)
            for dim, text in v["findings"]:
                docx_kit.paragraph(doc, f"– {dim}: {text}", size=10)
        for heading, text in ((data["problems_label"], v["problems"]), (data["help_label"], v["help"])):
            if text:
                docx_kit.paragraph(doc, f"{heading}: {text}", size=10, space_before=2)

    docx_kit.paragraph(doc, data["h_recommendations"], bold=True, space_before=10, space_after=4, keep_with_next=True)
    if not (data["recommendations"] or data["next_plans"] or data["handover"] or data["reflection"]):
        docx_kit.paragraph(doc, data["none"], italic=True, size=10)
    for n, (kind, when, text) in enumerate(data["recommendations"], start=1):
        docx_kit.paragraph(doc, f"{n}. {text} ({kind}, {when})", size=10)
    for line in data["handover"]:
        docx_kit.paragraph(doc, line, size=10, space_before=4)
    for heading, text in data["reflection"]:
        docx_kit.paragraph(doc, f"{heading}: {text}", size=10, space_before=2)
    if data["next_plans"]:
        docx_kit.paragraph(doc, data["next_plans_label"], size=10, space_before=4, keep_with_next=True)
        for plan in data["next_plans"]:
            docx_kit.paragraph(doc, f"– {plan}", size=10)

    docx_kit.paragraph(doc, data["closing"], align="justify", space_before=8, keep_with_next=True)
    _docx_signatures(doc, data)
    docx_kit.paragraph(doc, data["cc_heading"], size=9, space_before=10, keep_with_next=True)
    for n, line in enumerate(data["cc"], start=1):
        docx_kit.paragraph(doc, f"{n}. {line}", size=9, keep_with_next=n < len(data["cc"]))
    return docx_kit.to_bytes(doc)


# ---------------------------------------------------------------- PDF

def _pdf_signatures(data: dict) -> list:
    centre = pdf_kit.style("body_center", fontSize=10, leading=13)

    def block(lines, name):
        shown = f"<u><b>{pdf_kit.esc(name)}</b></u>" if name else pdf_kit.esc(BLANK_NAME)
        heads = "<br/>".join(pdf_kit.esc(x) or "&nbsp;" for x in lines)
        return [Paragraph(heads, centre), Spacer(1, 1.5 * cm), Paragraph(shown, centre)]

    rows = [[block(s[:-1], s[-1]) for s in data["signers"][:2]], [block(s[:-1], s[-1]) for s in data["signers"][2:]]]
    *ack_heads, ack_name = data["acknowledger"]
    rows.append([block(ack_heads, ack_name), ""])
    table = Table(rows, colWidths=["50%", "50%"])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), pdf_kit.FONT),
                               ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    return [pdf_kit.para(data["place_date"], "body", align="right"), table]


def _lines(items: list[str], style: str = "body") -> list:
    return [pdf_kit.para(x, style) for x in items]


def to_pdf(data: dict) -> bytes:
    letter = Table([[pdf_kit.info_table(data["letter"], label_cm=2.5), ""]], colWidths=["62%", "38%"])
    letter.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story = [
        *pdf_kit.kop(data["kop"]),
        pdf_kit.para(data["place_date"], "body", align="right"),
        letter,
        Spacer(1, 6),
        *_lines(data["to"][:-1]),
        pdf_kit.markup(f"<u>{pdf_kit.esc(data['to'][-1])}</u>", "body"),
        Spacer(1, 8),
        pdf_kit.para(data["opening"], "body", align="justify"),
        pdf_kit.para(data["h_workshop"], "heading"),
        pdf_kit.info_table(data["workshop"], label_cm=4.5),
        pdf_kit.para(data["h_progress"], "heading"),
    ]
    if data["progress_rows"]:
        story.append(pdf_kit.table(data["progress_headers"], data["progress_rows"], PROGRESS_WIDTHS,
                                   aligns=PROGRESS_ALIGNS, size=7.5))
    else:
        story.append(pdf_kit.para(data["progress_empty"], "small"))
    story += [
        Spacer(1, 4), pdf_kit.para(data["progress_summary"], "body"),
        pdf_kit.table(data["money_headers"], data["money_rows"], MONEY_WIDTHS, aligns=["left", "right", "right", "right"]),
        KeepTogether([pdf_kit.para(data["h_scores"], "heading"),
                      to_drawing(chart_scene(data["chart"], data["chart_legend"]))]),
        pdf_kit.para(data["scores_summary"], "body"),
        pdf_kit.table(data["score_headers"], data["score_rows"], SCORE_WIDTHS,
                      aligns=["left", "center", "center", "center"], size=8),
        pdf_kit.para(data["scores_note"], "small"),
        pdf_kit.para(data["h_findings"], "heading"),
    ]
    if data["visits_empty"]:
        story.append(pdf_kit.para(data["visits_empty"], "small"))
    for v in data["visits"]:
        story += [pdf_kit.para(v["heading"], "body", bold=True), pdf_kit.info_table(v["who"], label_cm=4.0)]
        if v["findings"]:
            story.append(pdf_kit.para(data["findings_label"], "body", fontName=pdf_kit.FONT_ITALIC))
            story += [pdf_kit.para(f"– {dim}: {text}", "body") for dim, text in v["findings"]]
        for heading, text in ((data["problems_label"], v["problems"]), (data["help_label"], v["help"])):
            if text:
                story.append(pdf_kit.para(f"{heading}: {text}", "body"))
    story.append(pdf_kit.para(data["h_recommendations"], "heading"))
    if not (data["recommendations"] or data["next_plans"] or data["handover"] or data["reflection"]):
        story.append(pdf_kit.para(data["none"], "small"))
    story += [pdf_kit.para(f"{n}. {text} ({kind}, {when})", "body")
              for n, (kind, when, text) in enumerate(data["recommendations"], start=1)]
    story += [pdf_kit.para(line, "body") for line in data["handover"]]
    story += [pdf_kit.para(f"{heading}: {text}", "body") for heading, text in data["reflection"]]
    if data["next_plans"]:
        story.append(pdf_kit.para(data["next_plans_label"], "body"))
        story += [pdf_kit.para(f"– {plan}", "body") for plan in data["next_plans"]]
    closing = [Spacer(1, 6), pdf_kit.para(data["closing"], "body", align="justify"), *_pdf_signatures(data),
               Spacer(1, 10), pdf_kit.para(data["cc_heading"], "small"),
               *(pdf_kit.para(f"{n}. {line}", "small") for n, line in enumerate(data["cc"], start=1))]
    story.append(KeepTogether(closing))
    return pdf_kit.build(story, title=data["doc_title"], lang=data["lang"], page_label=data["page_label"])
