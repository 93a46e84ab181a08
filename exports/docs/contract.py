"""Kontrak Belajar: the learning contract the group agreed on day 1, ready to sign.

Kop of the workshop, the title, the workshop's data, then the agreed daily schedule, house
rules, sanctions, daily roles, and the participants' expectations and concerns; closed by
the signatures of the participants' representative and the facilitator, with the village
head's "Mengetahui" (DOMAIN.md §5 record, §7 layout).
"""
from __future__ import annotations

from docx.shared import Cm
from reportlab.platypus import KeepTogether, Spacer

from exports import docx_kit, pdf_kit
from facilitation import agenda
from facilitation.contract import ROLES, VOICE_KINDS, get_contract
from facilitation.formatting import format_date, format_date_list
from facilitation.i18n import t
from facilitation.participants import list_participants
from facilitation.workshops import day_dates, get_workshop

SCHEDULE_WIDTHS = [1.6, 3.6, 1.6, 1.6, 9.1]
ROLE_WIDTHS = [3.5, 4.7, 4.7, 4.6]
INDENT_CM = 0.6


def _clock(text: str, lang: str) -> str:
    return agenda.clock(agenda.parse_time(text), lang)


def collect(db, workshop_id: str, lang: str = "id") -> dict:
    ws = get_workshop(db, workshop_id)
    c = get_contract(db, workshop_id, lang)
    dates = day_dates(ws)
    count = len(list_participants(db, workshop_id))

    def label(key, **params):
        return t(f"docs.contract.{key}", lang, **params)

    def common(key, **params):
        return t(f"docs.common.{key}", lang, **params)

    kelurahan = ws.get("village_kind") == "kelurahan"
    place = common("kelurahan" if kelurahan else "desa")
    village = label("place", kind=label("kind_kelurahan" if kelurahan else "kind_desa"), village=ws["village"])
    schedule_rows = []
    for d in c["schedule"]:
        breaks = "\n".join(f"{_clock(b['start'], lang)}–{_clock(b['end'], lang)} {b['label']}" for b in d["breaks"])
        schedule_rows.append([label("day_n", n=d["day"]), format_date(dates[d["day"]], lang),
                              _clock(d["start"], lang), _clock(d["end"], lang), breaks or "–"])
    role_rows = []
    for day in sorted(c["roles"]):
        names = [(c["roles"][day][r] or {}).get("name") or "" for r in ROLES]
        role_rows.append([f"{label('day_n', n=day)}\n{format_date(dates[day], lang, weekday=False)}", *names])

    def voices(kind):
        return [v["text"] if v["weight"] <= 1 else label("said_by", text=v["text"], count=v["weight"])
                for v in c["voices"][kind]]

    rep = c["representative"]
    head_key = "head_kelurahan" if kelurahan else "head_desa"
    return {
        "lang": lang,
        "doc_title": label("doc_title", place=f"{ws['village']} ({ws['year']})"),
        "kop": [
            label("kop_1"),
            label("kop_2", place=village, kecamatan=ws["kecamatan"]).upper(),
            label("kop_3", kabupaten=ws["kabupaten"], provinsi=ws["provinsi"]).upper(),
            ws["venue"],
        ],
        "title": label("title"),
        "info": [
            (place, ws["village"]),
            (common("kecamatan"), ws["kecamatan"]),
            (common("kabupaten"), ws["kabupaten"]),
            (common("provinsi"), ws["provinsi"]),
            (common("dates"), format_date_list(dates.values(), lang)),
            (common("venue"), ws["venue"]),
            (label("facilitators"), ", ".join(x for x in (ws["facilitator_central"], ws["facilitator_regional"]) if x)),
            (label("participants"), label("participants_value", count=count)),
        ],
        "intro": label("intro", place=village),
        "sections": {
            "schedule": label("section_schedule"),
            "rules": label("section_rules"),
            "sanctions": label("section_sanctions"),
            "roles": label("section_roles"),
            "expectation": label("section_expectations"),
            "concern": label("section_concerns"),
        },
        "schedule_headers": [label("col_day"), label("col_date"), label("col_start"), label("col_end"),
                             label("col_breaks")],
        "schedule_rows": schedule_rows,
        "rules": list(c["rules"]),
        "sanctions": list(c["sanctions"]),
        "role_headers": [label("col_day"), *(label(f"role_{r}") for r in ROLES)],
        "role_rows": role_rows,
        "voices": {k: voices(k) for k in VOICE_KINDS},
        "none": label("none"),
        "closing": label("closing"),
        "place_date": f"{ws['village']}, {format_date(dates[1], lang, weekday=False)}",
        "left": [label("representative"), rep["name"] if rep else ""],
        "right": [common("facilitator"), ws["facilitator_central"]],
        "center": [common("acknowledged"), common(head_key, village=ws["village"]), ws.get("kepala_desa") or ""],
        "page_label": common("page_of"),
    }


def _lists(data: dict):
    """(heading, items) for the numbered parts of the contract, in order."""
    s = data["sections"]
    return [(s["rules"], data["rules"]), (s["sanctions"], data["sanctions"])], \
           [(s["expectation"], data["voices"]["expectation"]), (s["concern"], data["voices"]["concern"])]


# ---------------------------------------------------------------- Word

def _docx_heading(doc, text: str) -> None:
    docx_kit.paragraph(doc, text, bold=True, space_before=10, space_after=4, keep_with_next=True)


def _docx_numbered(doc, items: list[str], none: str) -> None:
    if not items:
        docx_kit.paragraph(doc, none, italic=True)
        return
    for n, text in enumerate(items, start=1):
        p = docx_kit.paragraph(doc, f"{n}.\t{text}", space_after=2)
        p.paragraph_format.left_indent = Cm(INDENT_CM)
        p.paragraph_format.first_line_indent = Cm(-INDENT_CM)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(INDENT_CM))


def _docx_centered_signer(doc, lines: list[str]) -> None:
    *heads, name = lines
    for i, line in enumerate(heads):
        docx_kit.paragraph(doc, line, align="center", keep_with_next=True, space_before=12 if i == 0 else None)
    docx_kit.paragraph(doc, "", space_after=48, keep_with_next=True)
    docx_kit.paragraph(doc, name or "(" + "." * 36 + ")", bold=bool(name), underline=bool(name), align="center")


def to_docx(data: dict) -> bytes:
    doc = docx_kit.new_document(lang=data["lang"], title=data["doc_title"])
    docx_kit.page_numbers(doc, data["page_label"])
    docx_kit.kop(doc, data["kop"])
    docx_kit.title(doc, data["title"])
    docx_kit.info_table(doc, data["info"])
    docx_kit.paragraph(doc, data["intro"], align="justify", space_after=4)
    s = data["sections"]
    _docx_heading(doc, s["schedule"])
    docx_kit.table(doc, data["schedule_headers"], data["schedule_rows"], SCHEDULE_WIDTHS,
                   aligns=["left", "left", "center", "center", "left"])
    rules_part, voices_part = _lists(data)
    for heading, items in rules_part:
        _docx_heading(doc, heading)
        _docx_numbered(doc, items, data["none"])
    _docx_heading(doc, s["roles"])
    docx_kit.table(doc, data["role_headers"], data["role_rows"], ROLE_WIDTHS)
    for heading, items in voices_part:
        _docx_heading(doc, heading)
        _docx_numbered(doc, items, data["none"])
    docx_kit.paragraph(doc, data["closing"], align="justify", space_before=10, keep_with_next=True)
    signatures = docx_kit.signature_blocks(doc, data["place_date"], left=data["left"], right=data["right"])
    for row in signatures.rows:  # the village head's block follows on the same page
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    _docx_centered_signer(doc, data["center"])
    return docx_kit.to_bytes(doc)


# ---------------------------------------------------------------- PDF

def _pdf_heading(text: str):
    return pdf_kit.para(text, "heading", keepWithNext=1)


def _pdf_numbered(items: list[str], none: str) -> list:
    if not items:
        return [pdf_kit.para(none, "body", fontName=pdf_kit.FONT_ITALIC)]
    return [pdf_kit.para(f"{n}.  {text}", "body", leftIndent=16, firstLineIndent=-16, spaceAfter=2)
            for n, text in enumerate(items, start=1)]


def _pdf_centered_signer(lines: list[str]) -> list:
    *heads, name = lines
    shown = f"<u><b>{pdf_kit.esc(name)}</b></u>" if name else pdf_kit.esc("(" + "." * 36 + ")")
    return [
        Spacer(1, 10),
        *(pdf_kit.para(line, "body_center") for line in heads),
        Spacer(1, 48),
        pdf_kit.markup(shown, "body_center"),
    ]


def to_pdf(data: dict) -> bytes:
    s = data["sections"]
    rules_part, voices_part = _lists(data)
    story = [
        *pdf_kit.kop(data["kop"]),
        *pdf_kit.title(data["title"]),
        pdf_kit.info_table(data["info"]),
        Spacer(1, 6),
        pdf_kit.para(data["intro"], "body", align="justify"),
        _pdf_heading(s["schedule"]),
        pdf_kit.table(data["schedule_headers"], data["schedule_rows"], SCHEDULE_WIDTHS,
                      aligns=["left", "left", "center", "center", "left"]),
    ]
    for heading, items in rules_part:
        story += [_pdf_heading(heading), *_pdf_numbered(items, data["none"])]
    story += [_pdf_heading(s["roles"]), pdf_kit.table(data["role_headers"], data["role_rows"], ROLE_WIDTHS)]
    for heading, items in voices_part:
        story += [_pdf_heading(heading), *_pdf_numbered(items, data["none"])]
    # the closing sentence and all three signatures stay on one page
    story.append(KeepTogether([
        Spacer(1, 8),
        pdf_kit.para(data["closing"], "body", align="justify"),
        pdf_kit.signature_table(data["place_date"], left=data["left"], right=data["right"]),
        *_pdf_centered_signer(data["center"]),
    ]))
    return pdf_kit.build(story, title=data["doc_title"], lang=data["lang"], page_label=data["page_label"])
