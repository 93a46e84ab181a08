"""Berita Acara Pemilihan Pengurus Pokja Tansosmas, then the Susunan Pengurus (DOMAIN.md §7.2, §7.3).

The minutes open with the date in words and the place, state how many of the registered
participants were present, the mechanism (LUBER, the order rule, the tie rule), then per
office every closed round (votes per candidate, blank ballots, turnout), how a tie was
settled, and who was elected; then the elected board, the closing sentence and the
signatures of the facilitator, two witnesses and the village head. The board composition
follows on its own page.
"""
from __future__ import annotations

from reportlab.platypus import KeepTogether, PageBreak, Spacer

from exports import docx_kit, pdf_kit
from exports.blocks import Cell
from facilitation import election
from facilitation.attendance import present_ids
from facilitation.formatting import date_in_words, format_date
from facilitation.i18n import t
from facilitation.participants import list_participants
from facilitation.workshops import get_workshop

ROUND_WIDTHS = [1.0, 7.0, 6.0, 2.5]
ROUND_ALIGNS = ["center", "left", "left", "center"]
BOARD_WIDTHS = [1.0, 4.6, 4.4, 3.5, 1.0, 3.0]
BOARD_ALIGNS = ["center", "left", "left", "left", "center", "left"]
MAX_LISTED = 8  # open candidacy puts everyone on the ballot: list only those with votes


def collect(db, workshop_id: str, lang: str = "id") -> dict:
    ws = get_workshop(db, workshop_id)
    settings = election.get_settings(db, workshop_id, lang, create=False)
    people = {p["id"]: p for p in list_participants(db, workshop_id)}
    day = settings["day"]
    date = ws[f"day{day}"]
    present = len(present_ids(db, workshop_id, day))
    registered = len(people)

    def label(key, **params):
        return t(f"docs.election.{key}", lang, **params)

    def common(key, **params):
        return t(f"docs.common.{key}", lang, **params)

    def name_of(pid):
        return people[pid]["name"] if pid in people else "?"

    kelurahan = ws.get("village_kind") == "kelurahan"
    place = f"{common('kelurahan' if kelurahan else 'desa')} {ws['village']}"
    offices = []
    for n, o in enumerate(election.overview(db, workshop_id), start=1):
        rounds = []
        for r in o["rounds"]:
            if r["candidates"] is None:
                continue  # a round still open has no count to report
            listed = r["candidates"]
            hidden = 0
            if len(listed) > MAX_LISTED:
                listed = [c for c in listed if c["votes"]]
                hidden = len(r["candidates"]) - len(listed)
            rows = [[str(i), c["name"], c["institution"], str(c["votes"])] for i, c in enumerate(listed, start=1)]
            if hidden:
                rows.append(["", label("others_no_votes", n=hidden), "", "0"])
            rows.append(["", Cell(label("blank"), bold=True), "", str(r["blank"])])
            rows.append(["", Cell(label("ballots_total"), bold=True), "", Cell(str(r["ballots"]), bold=True)])
            heading = label("round_heading", n=r["number"])
            if r["kind"] == "runoff":
                heading = label("runoff_heading", n=r["number"],
                                names=", ".join(c["name"] for c in r["candidates"]))
            tie = ""
            if r["tied"]:
                tied = ", ".join(name_of(i) for i in r["tied"])
                tie = label("no_votes") if r["no_votes"] else label("tie", names=tied)
            rounds.append({
                "heading": heading, "rows": rows, "tie": tie,
                "turnout": label("turnout", voted=r["ballots"], eligible=r["eligible"] or 0,
                                 phone=r["phone_voters"], paper=r["paper_ballots"]),
            })
        outcome = o["outcome"]
        if outcome:
            how = label(f"how_{outcome['method']}", seed=outcome["seed"] or "")
            decided = label("decided", name=outcome["name"], office=o["name"], how=how)
        else:
            decided = label("undecided")
        offices.append({"heading": f"{n}. {o['name']}", "rounds": rounds, "decided": decided})

    board = {b["office_id"]: b for b in election.board(db, workshop_id)}
    board_rows = [["", label("pelindung"), ws.get("kepala_desa") or "", label("unsur_pemdes"), "", ""]]
    elected_rows = []
    for o in election.list_offices(db, workshop_id):
        b = board.get(o["id"])
        elected_rows.append([o["name"], b["name"] if b else "", b["institution"] if b else "",
                             b["gender"] if b else "", b["dusun"] if b else ""])
    for pendamping in (ws["pendamping1"], ws["pendamping2"]):
        if pendamping:
            board_rows.append(["", label("pendamping"), pendamping, label("unsur_pendamping"), "", ""])
    # numbering runs over the elected offices; patrons and companions stand outside it
    board_rows[1:1] = [[str(i), *row] for i, row in enumerate(elected_rows, start=1)]

    ketua = election.holder(db, workshop_id, "ketua")
    witnesses = [name_of(settings[k]) if settings[k] else "" for k in ("witness1_id", "witness2_id")]
    head = common("head_kelurahan" if kelurahan else "head_desa", village=ws["village"])
    place_date = f"{ws['village']}, {format_date(date, lang, weekday=False)}"
    quorum = present * 3 >= registered * 2 and registered > 0
    return {
        "lang": lang,
        "doc_title": label("doc_title", place=f"{ws['village']} ({ws['year']})"),
        "kop": [
            label("kop_1"),
            f"{place} {common('kecamatan')} {ws['kecamatan']}".upper(),
            f"{ws['kabupaten']} {common('provinsi')} {ws['provinsi']}".upper(),
            ws["venue"],
        ],
        "title": label("title"),
        "subtitle": place.upper(),
        "number": label("number", number=settings["number"]) if settings["number"] else "",
        "opening": label("opening", date_words=date_in_words(date, lang), date=format_date(date, lang, weekday=False),
                         venue=ws["venue"], place=place, kecamatan=ws["kecamatan"], kabupaten=ws["kabupaten"]),
        "attendance": label("attendance", present=present, registered=registered)
                      + " " + label("quorum_met" if quorum else "quorum_not_met"),
        "mechanism_heading": label("mechanism_heading"),
        "mechanism": [label("luber"), label("sequential" if settings["sequential"] else "any_order"),
                      label("tie_rule")],
        "results_heading": label("results_heading"),
        "round_headers": [label("col_no"), label("col_candidate"), label("col_institution"), label("col_votes")],
        "offices": offices,
        "board_heading": label("board_heading"),
        "board_short_headers": [label("col_no"), label("col_office"), label("col_name")],
        "board_short": [[row[0], row[1], row[2]] for row in board_rows[1:1 + len(elected_rows)]],
        "closing": label("closing"),
        "place_date": place_date,
        "sign_top": ([common("acknowledged"), head, ws.get("kepala_desa") or ""],
                     [common("facilitator"), ws["facilitator_central"]]),
        "sign_witnesses": ([label("witness", n="I"), witnesses[0]], [label("witness", n="II"), witnesses[1]]),
        "board_title": label("board_title"),
        "board_subtitle": [place.upper(), f"{common('kecamatan')} {ws['kecamatan']} · {ws['kabupaten']}".upper()],
        "board_info": label("board_info", date=format_date(date, lang, weekday=False)),
        "board_headers": [label("col_no"), label("col_office"), label("col_name"), label("col_institution"),
                          label("col_gender"), label("col_dusun")],
        "board_rows": board_rows,
        "board_sign": ([common("acknowledged"), head, ws.get("kepala_desa") or ""],
                       [label("ketua_sign"), ketua["name"] if ketua else ""]),
        "page_label": common("page_of"),
    }


# ---------------------------------------------------------------- Word

def _docx_heading(doc, text: str) -> None:
    docx_kit.paragraph(doc, text, bold=True, space_before=8, space_after=4, keep_with_next=True)


def to_docx(data: dict) -> bytes:
    doc = docx_kit.new_document(lang=data["lang"], title=data["doc_title"])
    docx_kit.page_numbers(doc, data["page_label"])
    docx_kit.kop(doc, data["kop"])
    docx_kit.title(doc, data["title"], [data["subtitle"], *([data["number"]] if data["number"] else [])])
    docx_kit.paragraph(doc, data["opening"], align="justify", space_after=4)
    docx_kit.paragraph(doc, data["attendance"], align="justify", space_after=4)
    _docx_heading(doc, data["mechanism_heading"])
    for line in data["mechanism"]:
        docx_kit.paragraph(doc, line, align="justify", space_after=3)
    _docx_heading(doc, data["results_heading"])
    for office in data["offices"]:
        _docx_heading(doc, office["heading"])
        for r in office["rounds"]:
            docx_kit.paragraph(doc, r["heading"], italic=True, space_after=2, keep_with_next=True)
            docx_kit.table(doc, data["round_headers"], r["rows"], ROUND_WIDTHS, aligns=ROUND_ALIGNS)
            docx_kit.paragraph(doc, r["turnout"], size=9, space_before=2)
            if r["tie"]:
                docx_kit.paragraph(doc, r["tie"], size=9)
        docx_kit.paragraph(doc, office["decided"], bold=True, space_before=3, space_after=4)
    _docx_heading(doc, data["board_heading"])
    docx_kit.table(doc, data["board_short_headers"], data["board_short"], [1.0, 7.0, 9.5],
                   aligns=["center", "left", "left"])
    docx_kit.paragraph(doc, data["closing"], align="justify", space_before=8, keep_with_next=True)
    docx_kit.signature_blocks(doc, data["place_date"], left=data["sign_top"][0], right=data["sign_top"][1])
    docx_kit.signature_blocks(doc, None, left=data["sign_witnesses"][0], right=data["sign_witnesses"][1])

    doc.add_page_break()
    docx_kit.title(doc, data["board_title"], data["board_subtitle"])
    docx_kit.paragraph(doc, data["board_info"], align="center", size=10, space_after=6)
    docx_kit.table(doc, data["board_headers"], data["board_rows"], BOARD_WIDTHS, aligns=BOARD_ALIGNS,
                   row_height_cm=0.7, keep_last_rows=2)
    docx_kit.signature_blocks(doc, data["place_date"], left=data["board_sign"][0], right=data["board_sign"][1])
    return docx_kit.to_bytes(doc)


# ---------------------------------------------------------------- PDF

def to_pdf(data: dict) -> bytes:
    subtitle = [data["subtitle"], *([data["number"]] if data["number"] else [])]
    story = [
        *pdf_kit.kop(data["kop"]),
        *pdf_kit.title(data["title"], subtitle),
        pdf_kit.para(data["opening"], "body", align="justify"),
        pdf_kit.para(data["attendance"], "body", align="justify"),
        pdf_kit.para(data["mechanism_heading"], "heading"),
        *(pdf_kit.para(line, "body", align="justify") for line in data["mechanism"]),
        pdf_kit.para(data["results_heading"], "heading"),
    ]
    for office in data["offices"]:
        # an office's rounds are short: keep the heading, tables and decision on one page
        block = [pdf_kit.para(office["heading"], "heading")]
        for r in office["rounds"]:
            tail = [pdf_kit.para(r["turnout"], "small")]
            if r["tie"]:
                tail.append(pdf_kit.para(r["tie"], "small"))
            block += [pdf_kit.para(r["heading"], "body", fontName=pdf_kit.FONT_ITALIC, spaceAfter=2),
                      pdf_kit.table(data["round_headers"], r["rows"], ROUND_WIDTHS, aligns=ROUND_ALIGNS, tail=tail)]
        block.append(pdf_kit.para(office["decided"], "body", bold=True, spaceBefore=3))
        story.append(KeepTogether(block))
    story += [
        KeepTogether([pdf_kit.para(data["board_heading"], "heading"),
                      pdf_kit.table(data["board_short_headers"], data["board_short"], [1.0, 7.0, 9.5],
                                    aligns=["center", "left", "left"])]),
        Spacer(1, 8),
        pdf_kit.para(data["closing"], "body", align="justify"),
        pdf_kit.signature_blocks(data["place_date"], left=data["sign_top"][0], right=data["sign_top"][1]),
        pdf_kit.signature_blocks(None, left=data["sign_witnesses"][0], right=data["sign_witnesses"][1]),
        PageBreak(),
        *pdf_kit.title(data["board_title"], data["board_subtitle"]),
        pdf_kit.para(data["board_info"], "body_center"),
        Spacer(1, 6),
        pdf_kit.table(data["board_headers"], data["board_rows"], BOARD_WIDTHS, aligns=BOARD_ALIGNS,
                      row_height_cm=0.7,
                      tail=[pdf_kit.signature_table(data["place_date"], left=data["board_sign"][0],
                                                    right=data["board_sign"][1])]),
    ]
    return pdf_kit.build(story, title=data["doc_title"], lang=data["lang"], page_label=data["page_label"])
