"""Rembug: entry point. Picks the role (facilitator, participant, anonymous) and the pages it may see."""
import gc
from pathlib import Path

import streamlit as st

from facilitation.errors import RembugError
from ui import context, nav

# a local icon: a Material icon name makes browsers fetch it from the internet, which the hall lacks
st.set_page_config(page_title="Rembug", page_icon=str(Path(__file__).parent / "ui" / "static" / "favicon.png"), layout="wide")


@st.cache_resource(show_spinner=False)
def _freeze_heap() -> bool:
    # Streamlit's post-run gc is off (config.toml); freeze what the heavy imports left so the
    # occasional gc stays cheap while 100 phones vote (DESIGN.md, measured).
    import altair  # noqa: F401
    import pandas  # noqa: F401

    gc.collect()
    gc.freeze()
    return True


_freeze_heap()

try:
    context.db()
except RembugError as exc:  # damaged or missing store: say so and point at the backup
    st.error(exc.message(context.lang()))
    st.stop()

if context.has_participant_token():
    me = context.participant()
    if me is None:
        context.language_switch(st)
        st.error(context.tr("core.token_invalid"))
        st.stop()
    pages = nav.participant_pages()
    position = "hidden"
elif st.query_params.get("join") is not None:
    # scanned the workshop QR: choose your name to get your personal link (pages/join.py)
    pages = nav.join_pages()
    position = "hidden"
elif context.facilitator_workshop_id():
    pages = nav.facilitator_pages()
    position = "sidebar"
else:
    pages = nav.anonymous_pages()
    position = "hidden"

page = st.navigation(pages, position=position, expanded=True)
if position == "sidebar":
    context.language_switch()
page.run()
