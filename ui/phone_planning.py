"""Phone section: while the facilitator collects ideas, a participant sends ideas, one per card."""
from __future__ import annotations

import streamlit as st

from facilitation import planning
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui import context
from ui.planning_widgets import md


def render(me: dict, db, lang: str) -> bool:
    info = planning.consensus(db, me["workshop_id"], lang)
    if not info["collecting"]:
        return False
    with st.container(border=True):
        st.subheader(t("planning.phone_title", lang))
        st.markdown(f"**{md(info['focus_question'])}**")
        with st.form("planning_phone_idea", clear_on_submit=True):
            text = st.text_input(t("planning.phone_idea", lang), max_chars=200,
                                 placeholder=t("planning.new_idea_placeholder", lang))
            sent = st.form_submit_button(t("planning.phone_send", lang), type="primary", width="stretch")
        if sent:
            try:
                result = planning.add_idea(db, me["workshop_id"], text, participant=me)
            except RembugError as exc:
                context.show_error(exc)
            else:
                if result["duplicate"]:
                    st.info(t("planning.idea_duplicate", lang))
                else:
                    st.success(t("planning.phone_sent", lang))
        mine = planning.my_ideas(db, me["workshop_id"], me["id"])
        if mine:
            st.caption(t("planning.phone_mine", lang, count=len(mine)))
            st.markdown("\n".join(f"- {md(text)}" for text in mine))
        else:
            st.caption(t("planning.phone_hint", lang))
    return True
