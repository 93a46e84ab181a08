"""Kartu nama peserta: eight cards per A4 page, each with the person's name, institution and
their own QR code to `http://<LAN address>:8501/?p=TOKEN`, for people who share a phone or
come back on another day. Cut along the dashed lines.

Options: `base_url` (default: this laptop's LAN address, or REMBUG_PUBLIC_URL) and
`participant_id` (one card, e.g. after a lost phone's link was replaced).
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Table, TableStyle

from exports import pdf_kit
from facilitation import joining
from facilitation.errors import NotFound
from facilitation.i18n import t
from facilitation.participants import list_participants
from facilitation.workshops import get_workshop, title

COLUMNS, ROWS = 2, 4  # 8 cards per A4 page
MARGINS_CM = (1.0, 1.0, 1.6, 1.0)  # top, right, bottom (room for the page label), left
CARD_W_CM = (21.0 - MARGINS_CM[1] - MARGINS_CM[3]) / COLUMNS
CARD_H_CM = 6.6
QR_CM = 3.7


def collect(db, workshop_id: str, lang: str = "id", base_url: str | None = None,
            participant_id: int | None = None) -> dict:
    ws = get_workshop(db, workshop_id)
    base = (base_url or joining.base_url(joining.DEFAULT_PORT)).rstrip("/")
    people = [p for p in list_participants(db, workshop_id) if not p["token_revoked"]]
    if participant_id is not None:
        people = [p for p in people if p["id"] == participant_id]
        if not people:
            raise NotFound("err.participant_not_found", id=participant_id)
    people.sort(key=lambda p: (p["name"].casefold(), p["institution"].casefold()))
    return {
        "lang": lang,
        "doc_title": t("docs.name_cards.doc_title", lang, place=f"{ws['village']} ({ws['year']})"),
        "workshop": title(ws),
        "hint": t("docs.name_cards.hint", lang),
        "page_label": t("docs.common.page_of", lang),
        "base_url": base,
        "cards": [
            {"name": p["name"], "institution": p["institution"], "position": p["position"] or "",
             "url": joining.participant_url(p["token"], base)}
            for p in people
        ],
    }


def _card(card: dict, data: dict) -> Table:
    qr = pdf_kit.image(joining.qr_png(card["url"], scale=8, border=1), QR_CM)
    text_w = CARD_W_CM - QR_CM - 0.8
    lines = [
        pdf_kit.para(card["name"], "body", fontSize=14, leading=17, bold=True),
        pdf_kit.para(card["institution"], "body", fontSize=11, leading=13),
    ]
    if card["position"]:
        lines.append(pdf_kit.para(card["position"], "small"))
    lines += [pdf_kit.para(data["workshop"], "small", textColor=colors.HexColor("#444444")),
              pdf_kit.para(data["hint"], "small", textColor=colors.HexColor("#444444"))]
    inner = Table(
        [[qr, lines], [pdf_kit.para(card["url"], "small", fontSize=6.5, leading=8), ""]],
        colWidths=[QR_CM * cm + 0.2 * cm, text_w * cm],
        style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("SPAN", (0, 1), (1, 1)),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]),
    )
    return inner


def to_pdf(data: dict) -> bytes:
    cards = [_card(c, data) for c in data["cards"]]
    per_page = COLUMNS * ROWS
    story: list = []
    # one grid per sheet: a sheet's four rows always fit, so no row is ever cut across pages
    for start in range(0, len(cards), per_page):
        sheet = cards[start:start + per_page]
        rows = [sheet[i:i + COLUMNS] + [""] * (COLUMNS - len(sheet[i:i + COLUMNS]))
                for i in range(0, len(sheet), COLUMNS)]
        grid = Table(rows, colWidths=[CARD_W_CM * cm] * COLUMNS, rowHeights=[CARD_H_CM * cm] * len(rows))
        grid.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888"), None, (3, 3)),  # dashed: cut here
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ]))
        if story:
            story.append(PageBreak())
        story.append(grid)
    if not story:
        story = [pdf_kit.para(t("docs.name_cards.none", data["lang"]))]
    return pdf_kit.build(story, title=data["doc_title"], lang=data["lang"], page_label=data["page_label"],
                         margins_cm=MARGINS_CM)
