"""A participant's phone: one page (the token stays in the URL) showing whatever is open for them."""
import importlib

import streamlit as st

from ui import context
from ui.context import tr

# ui modules with render(me, db, lang) -> bool, in the order they appear (append yours)
SECTIONS: list[str] = []

me = context.require_participant()
context.language_switch(st)
st.header(tr("core.participant_welcome", name=me["name"]))
st.caption(me["institution"])
shown = False
for name in SECTIONS:
    shown = importlib.import_module(name).render(me, context.db(), context.lang()) or shown
if not shown:
    st.write(tr("core.participant_home_intro"))
