"""Rekap komitmen swadaya and modal awal, then a Surat Pernyataan Komitmen per participant
(DOMAIN.md §7.5).

Only confirmed pledges appear. The recap lists every pledge with a place to sign on receipt
and ends with the starting capital: pledges + dana stimulan + other sources. Each statement
names the contribution (money with its amount in words), the date by which it is handed to
the Bendahara, and is signed by the participant.
"""
from __future__ import annotations

import csv
import io

from docx.shared import Cm
from reportlab.platypus import PageBreak, Spacer

from exports import docx_kit, pdf_kit
from exports.blocks import Cell
from exports.docs.participants import csv_safe
from facilitation import election, pledges
from facilitation.formatting import format_date, number_words
from facilitation.i18n import t
from facilitation.workshops import get_workshop

RECAP_WIDTHS = [0.8, 3.4, 2.2, 1.5, 3.6, 2.2, 2.1, 1.7]
RECAP_ALIGNS = ["center", "left", "left", "left", "left", "right", "left", "center"]
CAPITAL_WIDTHS = [5.0, 8.5, 4.0]
STATEMENT_LABEL_CM = 4.0
SIGN_ROW_CM = 0.8
METERAI_ABOVE = 5_000_000  # UU 10/2020: a statement of more than Rp 5 juta carries a meterai
CHECKED = "☒"
BLANK_LINE = "." * 30


def amount(n: int) -> str:
    """'2.500.000': the rupiah sign stands in the column heading."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("rupiah amounts are ints")
    return f"{n:,}".replace(",", ".")


def collect(db, workshop_id: str, lang: str = "id") -> dict:
    ws = get_workshop(db, workshop_id)
    confirmed = pledges.list_pledges(db, workshop_id, confirmed=True)
    funds = pledges.list_funds(db, workshop_id)
    totals = pledges.available_funds(db, workshop_id)

    def label(key, **params):
        return t(f"docs.pledges.{key}", lang, **params)

    def common(key, **params):
        return t(f"docs.common.{key}", lang, **params)

    def words(n: int) -> str:
        return label("in_words", words=number_words(n, lang))

    def describe(p: dict) -> str:
        if p["kind"] == "money":
            return label("cash")
        return f"{p['description']}, {p['quantity']} {p['unit']}"

    def due(p: dict) -> str:
        return format_date(p["due_date"], lang, weekday=False)

    kelurahan = ws.get("village_kind") == "kelurahan"
    place = f"{common('kelurahan' if kelurahan else 'desa')} {ws['village']}"
    rows, csv_rows = [], []
    for no, p in enumerate(confirmed, start=1):
        kind = label(f"kind_{p['kind']}")
        rows.append([str(no), p["name"], p["institution"], kind, describe(p), amount(p["value"]), due(p),
                     Cell(f"{no}. {'.' * 10}", align="left" if no % 2 else "right")])
        csv_rows.append([no, p["name"], p["institution"], kind, p["description"] if p["kind"] != "money" else "",
                         p["quantity"] or "", p["unit"], p["value"], p["due_date"].isoformat(),
                         label(f"source_{p['source']}")])
    rows.append(["", Cell(label("total_swadaya"), bold=True), "", "", "", Cell(amount(totals["swadaya"]), bold=True),
                 "", ""])

    capital = [[label("part_swadaya"), label("swadaya_detail", n=len({p["participant_id"] for p in confirmed})),
                amount(totals["swadaya"])]]
    for f in funds:
        details = [f["source"]]
        if f["received_on"]:
            details.append(label("received_on", date=format_date(f["received_on"], lang, weekday=False)))
        if f["account_ref"]:
            details.append(label("account", ref=f["account_ref"]))
        if f["note"]:
            details.append(f["note"])
        capital.append([label(f"part_{f['kind']}"), "; ".join(d for d in details if d), amount(f["amount"])])
    capital.append([Cell(label("total_capital"), bold=True), Cell(words(totals["total"])),
                    Cell(amount(totals["total"]), bold=True)])

    ketua = election.holder(db, workshop_id, "ketua")
    bendahara = election.holder(db, workshop_id, "bendahara")
    by_person: dict[int, list[dict]] = {}
    for p in confirmed:
        by_person.setdefault(p["participant_id"], []).append(p)
    statements = []
    for pid, items in by_person.items():
        first = items[0]
        lines = []
        for p in items:
            if p["kind"] == "money":
                lines.append(label("line_money", box=CHECKED, amount=amount(p["value"]), words=words(p["value"]),
                                   due=due(p)))
            else:
                lines.append(label(f"line_{p['kind']}", box=CHECKED, description=p["description"],
                                   quantity=p["quantity"], unit=p["unit"], amount=amount(p["value"]),
                                   words=words(p["value"]), due=due(p)))
        total = sum(p["value"] for p in items)
        heading = [label("declarant")]
        if total > METERAI_ABOVE:
            heading.append(label("meterai"))
        statements.append({
            "name": first["name"],
            "identity": [
                (label("name"), first["name"]),
                (label("age"), label("age_value", age=first["age"]) if first["age"] else BLANK_LINE),
                (label("gender"), label(f"gender_{first['gender']}")),
                (label("occupation"), BLANK_LINE),
                (label("institution"), first["institution"] + (f" ({first['position']})" if first["position"] else "")),
                (label("address"), ", ".join(x for x in (first["dusun"], place) if x)),
            ],
            "lines": lines,
            "sign": ([common("acknowledged"), label("ketua_sign"), ketua["name"] if ketua else ""],
                     [*heading, first["name"]]),
            "witness": [label("pendamping_sign"), ws["pendamping1"]],
        })

    sign_date = f"{ws['village']}, {format_date(ws['day4'], lang, weekday=False)}"
    return {
        "lang": lang,
        "doc_title": label("doc_title", place=f"{ws['village']} ({ws['year']})"),
        "kop": [label("kop_1"), f"{place} {common('kecamatan')} {ws['kecamatan']}".upper(),
                f"{ws['kabupaten']} {common('provinsi')} {ws['provinsi']}".upper(), ws["venue"]],
        "title": label("title"),
        "subtitle": place.upper(),
        "intro": label("intro", place=place),
        "headers": [label(f"col_{c}") for c in ("no", "name", "institution", "kind", "description", "value",
                                                 "due", "signature")],
        "rows": rows,
        "empty": label("none") if not confirmed else "",
        "capital_heading": label("capital_heading"),
        "capital_headers": [label("col_part"), label("col_details"), label("col_value")],
        "capital": capital,
        "place_date": sign_date,
        "recap_sign": ([common("acknowledged"), label("ketua_sign"), ketua["name"] if ketua else ""],
                       [label("bendahara_sign"), bendahara["name"] if bendahara else ""]),
        "statement_title": label("statement_title"),
        "statement_intro": label("statement_intro"),
        "statement_body": label("statement_body", place=place),
        "statement_close": label("statement_close"),
        "statements": statements,
        "csv_headers": [label(f"csv_{c}") for c in ("no", "name", "institution", "kind", "description", "quantity",
                                                     "unit", "value", "due", "source")],
        "csv_rows": csv_rows,
        "page_label": common("page_of"),
    }


# ---------------------------------------------------------------- Word

def to_docx(data: dict) -> bytes:
    doc = docx_kit.new_document(lang=data["lang"], title=data["doc_title"])
    docx_kit.page_numbers(doc, data["page_label"])
    docx_kit.kop(doc, data["kop"])
    docx_kit.title(doc, data["title"], data["subtitle"])
    docx_kit.paragraph(doc, data["intro"], align="justify", space_after=6)
    docx_kit.table(doc, data["headers"], data["rows"], RECAP_WIDTHS, aligns=RECAP_ALIGNS, size=8.5,
                   row_height_cm=SIGN_ROW_CM)
    if data["empty"]:
        docx_kit.paragraph(doc, data["empty"], italic=True, size=9, space_before=2)
    docx_kit.paragraph(doc, data["capital_heading"], bold=True, space_before=10, space_after=4, keep_with_next=True)
    docx_kit.table(doc, data["capital_headers"], data["capital"], CAPITAL_WIDTHS, aligns=["left", "left", "right"],
                   keep_last_rows=1)
    docx_kit.signature_blocks(doc, data["place_date"], left=data["recap_sign"][0], right=data["recap_sign"][1])
    for s in data["statements"]:
        doc.add_page_break()
        docx_kit.title(doc, data["statement_title"])
        docx_kit.paragraph(doc, data["statement_intro"], space_after=4)
        docx_kit.info_table(doc, s["identity"], label_cm=STATEMENT_LABEL_CM)
        docx_kit.paragraph(doc, data["statement_body"], align="justify", space_after=4)
        for line in s["lines"]:
            p = docx_kit.paragraph(doc, line, align="justify", space_after=3)
            p.paragraph_format.left_indent = Cm(0.6)
        docx_kit.paragraph(doc, data["statement_close"], align="justify", space_before=6, keep_with_next=True)
        docx_kit.signature_blocks(doc, data["place_date"], left=s["sign"][0], right=s["sign"][1])
        docx_kit.signature_blocks(doc, None, left=s["witness"], right=None)
    return docx_kit.to_bytes(doc)


# ---------------------------------------------------------------- PDF

def to_pdf(data: dict) -> bytes:
    story = [
        *pdf_kit.kop(data["kop"]),
        *pdf_kit.title(data["title"], data["subtitle"]),
        pdf_kit.para(data["intro"], "body", align="justify"),
        Spacer(1, 4),
        pdf_kit.table(data["headers"], data["rows"], RECAP_WIDTHS, aligns=RECAP_ALIGNS, size=8,
                      row_height_cm=SIGN_ROW_CM),
    ]
    if data["empty"]:
        story.append(pdf_kit.para(data["empty"], "small"))
    story += [
        pdf_kit.para(data["capital_heading"], "heading"),
        pdf_kit.table(data["capital_headers"], data["capital"], CAPITAL_WIDTHS, aligns=["left", "left", "right"],
                      tail=[pdf_kit.signature_table(data["place_date"], left=data["recap_sign"][0],
                                                    right=data["recap_sign"][1])],
                      keep_rows_with_tail=1),
    ]
    for s in data["statements"]:
        story += [
            PageBreak(),
            *pdf_kit.title(data["statement_title"]),
            pdf_kit.para(data["statement_intro"], "body"),
            pdf_kit.info_table(s["identity"], label_cm=STATEMENT_LABEL_CM),
            Spacer(1, 6),
            pdf_kit.para(data["statement_body"], "body", align="justify"),
            *(pdf_kit.para(line, "body", align="justify", leftIndent=16) for line in s["lines"]),
            Spacer(1, 4),
            pdf_kit.para(data["statement_close"], "body", align="justify"),
            pdf_kit.signature_blocks(data["place_date"], left=s["sign"][0], right=s["sign"][1]),
            pdf_kit.signature_blocks(None, left=s["witness"], right=None),
        ]
    return pdf_kit.build(story, title=data["doc_title"], lang=data["lang"], page_label=data["page_label"])


def to_csv(data: dict) -> bytes:
    """One row per confirmed pledge, the value as a plain whole number for spreadsheets."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_safe(h) for h in data["csv_headers"]])
    for row in data["csv_rows"]:
        writer.writerow([v if isinstance(v, int) else csv_safe(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")
