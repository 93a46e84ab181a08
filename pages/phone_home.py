"""A participant's phone: one page (the token stays in the URL) showing whatever is open for them."""
import importlib

import streamlit as st

from ui import context
from ui.context import tr
from ui.safe_text import md_text

# ui modules with render(me, db, lang) -> bool, in the order they appear (append yours)
SECTIONS: list[str] = [
    "ui.phone_contract",  # day 1: expectations and concerns
    "ui.phone_voting",
    "ui.phone_assessment",  # day 2: problem and potential cards
    "ui.phone_planning",  # day 3: ideas for the consensus workshop
    "ui.phone_election",
    "ui.phone_pledges",
]

me = context.require_participant()
context.language_switch(st)
st.header(tr("core.participant_welcome", name=md_text(me["name"])))
st.caption(md_text(me["institution"]))
shown = False
for name in SECTIONS:
    shown = importlib.import_module(name).render(me, context.db(), context.lang()) or shown
if not shown:
    st.write(tr("core.participant_home_intro"))
