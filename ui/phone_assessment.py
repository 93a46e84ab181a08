"""Phone section: send problem and potential cards while the facilitator collects them.

Rating and ranking polls reach the phones through the voting section; this one only shows
the card form, and only while card collection is open."""
from __future__ import annotations

import streamlit as st

from facilitation import assessment_cards as cards
from facilitation.content import load_dimensions
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui.safe_text import error_lines


def render(me: dict, db, lang: str) -> bool:
    state = cards.collection_state(db, me["workshop_id"])
    if not state["is_open"]:
        return False

    def tr(key, **params):
        return t(key, lang, **params)

    dims = {d.id: f"{d.id} {d.short.get(lang)}" for d in load_dimensions().dimensions}
    with st.container(border=True):
        st.subheader(tr("assessment.phone_title"))
        st.caption(tr("assessment.phone_help"))
        flash = st.session_state.pop("ph_card_flash", None)
        if flash:
            st.success(flash)
        with st.form("ph_card", clear_on_submit=True):
            kind = st.radio(tr("assessment.kind"), list(cards.KINDS), format_func=lambda k: tr(f"assessment.kind_{k}"),
                            horizontal=True, key="ph_kind")
            preset = list(dims).index(state["dimension"]) if state["dimension"] in dims else 0
            dimension = st.selectbox(tr("assessment.dimension"), list(dims), index=preset, format_func=dims.get,
                                     key="ph_dim")
            text = st.text_area(tr("assessment.phone_text"), max_chars=cards.MAX_TEXT, key="ph_text")
            level = st.radio(tr("assessment.level_label"), list(cards.LEVELS), index=2,
                             format_func=lambda v: tr(f"assessment.level_{v}"), key="ph_level")
            potential_type = st.selectbox(tr("assessment.phone_potential_type"), [None, *cards.POTENTIAL_TYPES],
                                          format_func=lambda v: "—" if v is None else tr(f"assessment.potential_{v}"),
                                          key="ph_ptype")
            affected = st.multiselect(tr("assessment.affected"), list(cards.VULNERABLE_GROUPS),
                                      format_func=lambda g: tr(f"assessment.group_{g}"),
                                      placeholder=tr("assessment.choose"), key="ph_affected")
            sent = st.form_submit_button(tr("assessment.phone_send"), type="primary", width="stretch")
        if sent:
            try:
                cards.submit_from_phone(db, me["workshop_id"], me, {
                    "kind": kind, "dimension": dimension, "text": text, "level": level,
                    "potential_type": potential_type, "affected": affected})
            except RembugError as exc:
                st.error("\n\n".join(error_lines(exc, lang)))
            else:
                st.session_state["ph_card_flash"] = tr("assessment.phone_sent")
                st.rerun()
        st.caption(tr("assessment.phone_count", count=cards.cards_sent_by(db, me["workshop_id"], me["id"])))
    return True
