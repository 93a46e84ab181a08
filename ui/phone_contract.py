"""Phone section: a participant sends their expectations and concerns for the learning contract,
while the facilitator has collection open."""
from __future__ import annotations

import streamlit as st

from facilitation import contract
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui.safe_text import error_lines


def render(me: dict, db, lang: str) -> bool:
    wid = me["workshop_id"]
    if not contract.is_collecting(db, wid):
        return False
    with st.container(border=True):
        st.subheader(t("agenda.phone_title", lang))
        st.caption(t("agenda.phone_intro", lang, limit=contract.PHONE_LIMIT))
        with st.form("phone_voice", clear_on_submit=True):
            # two wide buttons rather than small radio dots: easier to hit on a phone
            kind = st.segmented_control(t("field.kind", lang), list(contract.VOICE_KINDS), default="expectation",
                                        key="phone_voice_kind", format_func=lambda k: t(f"agenda.voice_{k}", lang),
                                        width="stretch")
            text = st.text_area(t("agenda.phone_text", lang), key="phone_voice_text", max_chars=contract.VOICE_MAX,
                                height=100)
            if st.form_submit_button(t("agenda.phone_send", lang), type="primary", width="stretch"):
                try:
                    stored = contract.send_from_phone(db, wid, me["id"], kind or "", text)
                except RembugError as exc:
                    st.error("\n\n".join(error_lines(exc, lang)))
                else:
                    st.success(t("agenda.phone_sent" if stored else "agenda.phone_repeat", lang))
        mine = contract.my_voices(db, wid, me["id"])
        if mine:
            st.caption(t("agenda.phone_mine", lang, count=len(mine)))
            for v in mine:
                st.text(t("agenda.voice_option", lang, kind=t(f"agenda.voice_{v['kind']}", lang), text=v["text"]))
    return True
