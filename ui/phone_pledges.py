"""Phone section of the pledges: send one's own commitment and see whether it was confirmed."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from facilitation import i18n, pledges
from facilitation.errors import RembugError
from facilitation.formatting import format_date, rupiah
from facilitation.workshops import get_workshop
from ui.safe_text import error_lines, md_text

FLASH = "pl_phone_flash"


def _t(lang: str, key: str, **params) -> str:
    return i18n.t(key, lang, **params)


def _remember(action, lang: str, ok_key: str) -> None:
    try:
        action()
    except RembugError as exc:
        text = "\n".join(error_lines(exc, lang))
        st.session_state[FLASH] = (False, text)
    else:
        st.session_state[FLASH] = (True, _t(lang, ok_key))


def describe(p: dict, lang: str) -> str:
    """One pledge in words: 'Uang · Rp 250.000' or 'Barang · Semen, 2 sak · Rp 130.000'."""
    kind = _t(lang, f"pledges.kind_{p['kind']}")
    if p["kind"] == "money":
        return f"{kind} · {rupiah(p['value'])}"
    return f"{kind} · {p['description']}, {p['quantity']} {p['unit']} · {rupiah(p['value'])}"


def _send(db, me: dict, lang: str) -> None:
    s = st.session_state
    data = {"kind": s.get("pl_ph_kind"), "description": s.get("pl_ph_desc", ""), "quantity": s.get("pl_ph_qty"),
            "unit": s.get("pl_ph_unit", ""), "value": s.get("pl_ph_value"), "due_date": s.get("pl_ph_due")}
    _remember(lambda: pledges.add_pledge(db, me["workshop_id"], me["id"], data, from_phone=True), lang,
              "pledges.phone_sent")
    if st.session_state[FLASH][0]:
        for key in ("pl_ph_desc", "pl_ph_qty", "pl_ph_unit", "pl_ph_value"):
            s.pop(key, None)


def render(me: dict, db, lang: str) -> bool:
    """The participant's pledges and, while the facilitator allows it, a form to add one."""
    wid = me["workshop_id"]
    is_open = pledges.phone_open(db, wid)
    mine = pledges.list_pledges(db, wid, participant_id=me["id"])
    if not is_open and not mine:
        return False
    st.subheader(_t(lang, "pledges.phone_title"))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        (st.success if flash[0] else st.error)(flash[1])
    for p in mine:
        state = _t(lang, "pledges.confirmed") if p["confirmed"] else _t(lang, "pledges.pending")
        st.write(f"{md_text(describe(p, lang))} · {format_date(p['due_date'], lang, weekday=False)} · {state}")
        if not p["confirmed"]:
            st.button(_t(lang, "pledges.phone_withdraw"), key=f"pl_ph_del_{p['id']}",
                      on_click=_remember, args=(lambda p=p: pledges.delete_pledge(db, wid, p["id"], me["id"]),
                                                lang, "pledges.phone_withdrawn"))
    if not is_open:
        return False
    kinds = list(pledges.KINDS)
    kind = st.radio(_t(lang, "pledges.kind"), kinds, format_func=lambda k: _t(lang, f"pledges.kind_{k}"),
                    horizontal=True, key="pl_ph_kind")
    if kind != "money":
        st.text_input(_t(lang, "pledges.description"), key="pl_ph_desc",
                      placeholder=_t(lang, f"pledges.description_hint_{kind}"))
        c1, c2 = st.columns(2)
        c1.number_input(_t(lang, "pledges.quantity"), min_value=1, step=1, value=None, key="pl_ph_qty")
        c2.text_input(_t(lang, "pledges.unit"), key="pl_ph_unit", placeholder=_t(lang, f"pledges.unit_hint_{kind}"))
    label = "pledges.amount" if kind == "money" else "pledges.estimated_value"
    st.number_input(_t(lang, label), min_value=0, step=10_000, value=None, key="pl_ph_value")
    day4 = get_workshop(db, wid)["day4"]
    st.date_input(_t(lang, "pledges.due_date"), value=day4 + dt.timedelta(days=7), format="DD/MM/YYYY",
                  key="pl_ph_due")
    st.button(_t(lang, "pledges.phone_send"), type="primary", use_container_width=True, key="pl_ph_send",
              on_click=_send, args=(db, me, lang))
    return True
