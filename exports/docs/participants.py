"""Daftar Hadir: the participant list that every participant signs (DOMAIN.md §7.1).

One sheet for the whole workshop, or one per day (`day=1..4`) with each person's recorded
attendance in a last column. The signature column is staggered as Indonesian attendance
lists are: odd numbers sign on the left half, even numbers on the right.
"""
from __future__ import annotations

import csv
import io

from reportlab.platypus import Spacer

from exports import docx_kit, pdf_kit
from exports.blocks import Cell
from exports.text import clean
from facilitation.attendance import attendance_matrix
from facilitation.errors import FieldError, InputError
from facilitation.formatting import format_date, format_date_list
from facilitation.i18n import t
from facilitation.models import WORKSHOP_DAYS
from facilitation.participants import list_participants
from facilitation.workshops import day_dates, get_workshop

# column widths in cm for A4 portrait with 17.5 cm of text width
WIDTHS = [0.9, 3.8, 0.9, 1.2, 2.9, 2.2, 2.2, 3.4]
WIDTHS_WITH_STATUS = [0.9, 3.4, 0.9, 1.2, 2.6, 1.9, 1.7, 3.0, 1.9]
ALIGNS = ["center", "left", "center", "center", "left", "left", "left", "left", "center"]
SIGN_ROW_CM = 0.85  # room for a signature
SIGN_DOTS = "." * 14
CSV_RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def collect(db, workshop_id: str, lang: str = "id", day: int | None = None) -> dict:
    """Plain data for the list: labels already in `lang`, one dict per participant."""
    if isinstance(day, str) and day.strip().isdigit():  # from a command line or a query string
        day = int(day)
    if day is not None and day not in WORKSHOP_DAYS:
        raise InputError([FieldError("day", "err.choice")])
    ws = get_workshop(db, workshop_id)
    people = list_participants(db, workshop_id)
    statuses = {}
    if day is not None:
        statuses = {pid: by_day.get(day) for pid, by_day in attendance_matrix(db, workshop_id).items()}

    def label(key, **params):
        return t(f"docs.participants.{key}", lang, **params)

    def common(key, **params):
        return t(f"docs.common.{key}", lang, **params)

    dates = day_dates(ws)
    kelurahan = ws.get("village_kind") == "kelurahan"
    if day is None:
        when = (common("dates"), format_date_list(dates.values(), lang))
        sign_date = dates[1]
    else:
        when = (common("day_date"), common("day_date_value", date=format_date(dates[day], lang), n=day))
        sign_date = dates[day]

    rows = []
    for no, p in enumerate(people, start=1):
        status = statuses.get(p["id"]) if day is not None else None
        rows.append({
            "no": no,
            "name": p["name"],
            "gender": label(f"gender_{p['gender']}"),
            "age": "" if p["age"] is None else str(p["age"]),
            "institution": p["institution"],
            "position": p["position"] or "",
            "dusun": p["dusun"] or "",
            "phone": p["phone"] or "",
            "present": status == "hadir",
            "status": label(f"status_{status}") if status else "",
            "absent": bool(status) and status != "hadir",
        })

    columns = ["no", "name", "gender", "age", "institution", "position", "dusun", "signature"]
    # the CSV is for the office's records: the phone instead of a place to sign
    csv_columns = ["no", "name", "gender", "age", "institution", "position", "dusun", "phone"]
    if day is not None:
        columns.append("status")
        csv_columns.append("status")
    men = sum(1 for p, r in zip(people, rows) if p["gender"] == "L" and (day is None or r["present"]))
    women = sum(1 for p, r in zip(people, rows) if p["gender"] == "P" and (day is None or r["present"]))
    if day is None:
        summary = label("summary", total=len(rows), men=men, women=women)
    else:
        summary = label("summary_day", total=len(rows), present=sum(r["present"] for r in rows),
                        men=men, women=women)

    head_key = "head_kelurahan" if kelurahan else "head_desa"
    return {
        "lang": lang,
        "day": day,
        "doc_title": label("doc_title", place=f"{ws['village']} ({ws['year']})"),
        "title": label("title"),
        "subtitle": common("activity").upper(),
        "info": [
            (common("kelurahan" if kelurahan else "desa"), ws["village"]),
            (common("kecamatan"), ws["kecamatan"]),
            (common("kabupaten"), ws["kabupaten"]),
            when,
            (common("venue"), ws["venue"]),
        ],
        "headers": [label(f"col_{c}") for c in columns],
        "csv_columns": csv_columns,
        "csv_headers": [label(f"col_{c}") for c in csv_columns],
        "rows": rows,
        "summary": summary,
        "place_date": f"{ws['village']}, {format_date(sign_date, lang, weekday=False)}",
        "left": [common("acknowledged"), common(head_key, village=ws["village"]), ws.get("kepala_desa") or ""],
        "right": [common("facilitator"), ws["facilitator_central"]],
        "page_label": common("page_of"),
    }


def _signature_cell(row: dict) -> Cell:
    """Odd numbers sign on the left half of the column, even numbers on the right."""
    text = f"{row['no']}." if row["absent"] else f"{row['no']}. {SIGN_DOTS}"
    return Cell(text, align="left" if row["no"] % 2 else "right")


def _table_rows(data: dict) -> list[list]:
    out = []
    for r in data["rows"]:
        values = [str(r["no"]), r["name"], r["gender"], r["age"], r["institution"], r["position"],
                  r["dusun"], _signature_cell(r)]
        if data["day"] is not None:
            values.append(r["status"])
        out.append(values)
    return out


def _widths(data: dict) -> list[float]:
    return WIDTHS_WITH_STATUS if data["day"] is not None else WIDTHS


def to_docx(data: dict) -> bytes:
    doc = docx_kit.new_document(lang=data["lang"], title=data["doc_title"])
    docx_kit.page_numbers(doc, data["page_label"])
    docx_kit.title(doc, data["title"], data["subtitle"])
    docx_kit.info_table(doc, data["info"])
    widths = _widths(data)
    docx_kit.table(doc, data["headers"], _table_rows(data), widths, aligns=ALIGNS[: len(widths)],
                   row_height_cm=SIGN_ROW_CM, keep_last_rows=2)
    docx_kit.paragraph(doc, data["summary"], size=9, space_before=4, keep_with_next=True)
    docx_kit.signature_blocks(doc, data["place_date"], left=data["left"], right=data["right"])
    return docx_kit.to_bytes(doc)


def to_pdf(data: dict) -> bytes:
    widths = _widths(data)
    closing = [
        pdf_kit.para(data["summary"], "small"),
        Spacer(1, 12),
        pdf_kit.signature_table(data["place_date"], left=data["left"], right=data["right"]),
    ]
    story = [
        *pdf_kit.title(data["title"], data["subtitle"]),
        pdf_kit.info_table(data["info"]),
        Spacer(1, 8),
        pdf_kit.table(data["headers"], _table_rows(data), widths, aligns=ALIGNS[: len(widths)],
                      row_height_cm=SIGN_ROW_CM, tail=closing),
    ]
    return pdf_kit.build(story, title=data["doc_title"], lang=data["lang"], page_label=data["page_label"])


def csv_safe(value) -> str:
    """A spreadsheet must not read a cell as a formula: '=HYPERLINK(...)' becomes text."""
    text = clean(value)
    return "'" + text if text.startswith(CSV_RISKY_START) else text


def to_csv(data: dict) -> bytes:
    """UTF-8 with a BOM so Excel shows accents and emoji right; one row per participant."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_safe(h) for h in data["csv_headers"]])
    for r in data["rows"]:
        writer.writerow([csv_safe(r[c]) for c in data["csv_columns"]])
    return buf.getvalue().encode("utf-8-sig")
