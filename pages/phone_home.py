"""A participant's phone: who they are; what is open for them appears here."""
import streamlit as st

from ui import context
from ui.context import tr

me = context.require_participant()
context.language_switch(st)
st.header(tr("core.participant_welcome", name=me["name"]))
st.caption(me["institution"])
st.write(tr("core.participant_home_intro"))
