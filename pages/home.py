"""Start: log in to a workshop with its PIN, create one, or load the demo."""
import streamlit as st

from facilitation.demo import DEMO_PIN, build_demo
from facilitation.errors import RembugError
from facilitation.workshops import create_workshop, get_workshop, list_workshops, title
from ui import context
from ui.context import tr
from ui.forms import workshop_fields
from ui.safe_text import md_text

db = context.db()
st.title(tr("core.app_title"))
st.caption(tr("core.tagline"))

wid = context.facilitator_workshop_id()
if wid:
    ws = get_workshop(db, wid)
    st.success(tr("core.logged_in_as", title=md_text(title(ws))))
    if st.button(tr("core.logout"), key="logout"):
        context.logout()
        st.rerun()
    st.stop()

context.language_switch(st)
st.write(tr("core.home_intro"))
workshops = list_workshops(db)
login_tab, create_tab = st.tabs([tr("core.login"), tr("core.create_workshop")])

with login_tab:
    if not workshops:
        st.info(tr("core.no_workshops"))
    else:
        labels = {w["id"]: f"{w['village']} — {w['kabupaten']} ({w['year']})" for w in workshops}
        with st.form("login"):
            choice = st.selectbox(tr("core.choose_workshop"), list(labels), format_func=labels.get)
            pin = st.text_input(tr("core.pin"), type="password")
            if st.form_submit_button(tr("core.login"), type="primary"):
                ok, wait = context.try_login(choice, pin)
                if ok:
                    st.rerun()
                elif wait:
                    st.error(tr("core.pin_locked", seconds=wait))
                else:
                    st.error(tr("core.pin_wrong", left=max(0, 5 - st.session_state.get("pin_failures", 0))))
    # only into an empty store: anyone on the hall Wi-Fi reaches this page, and a demo build is costly
    if not workshops and st.button(tr("core.load_demo"), key="load_demo"):
        build_demo(db)
        st.session_state["flash"] = tr("core.demo_loaded", pin=DEMO_PIN)
        st.rerun()
    if "flash" in st.session_state:
        st.success(st.session_state.pop("flash"))

with create_tab:
    with st.form("create_workshop"):
        data = workshop_fields(None, "new")
        pin = st.text_input(tr("core.pin"), type="password", key="new_pin")
        if st.form_submit_button(tr("core.create_workshop"), type="primary"):
            try:
                new_id = create_workshop(db, data, pin)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.session_state["auth_workshop"] = new_id
                st.rerun()
