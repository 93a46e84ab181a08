"""Join from the workshop QR (`/?join=CODE`): pick your name, land on your personal link `/?p=TOKEN`."""
import streamlit as st

from facilitation.errors import RembugError
from facilitation.joining import join_lookup, normalise_code, token_for
from facilitation.workshops import title
from ui import context
from ui.context import tr
from ui.safe_text import md_text

db = context.db()
context.language_switch(st)
code = normalise_code(st.query_params.get("join"))
found = join_lookup(db, code)

if found is None:
    st.title(tr("live.join_title"))
    if code:
        st.error(tr("live.join_unknown_code", code=code))
    with st.form("join_code"):
        typed = st.text_input(tr("live.join_code_label"), max_chars=12, key="join_code_input")
        if st.form_submit_button(tr("live.join_continue"), type="primary", width="stretch"):
            st.query_params["join"] = normalise_code(typed)
            st.rerun()
    st.stop()

st.title(tr("live.join_title"))
st.subheader(md_text(title(found["workshop"])))
people = {p["id"]: p for p in found["participants"]}
if not people:
    st.info(tr("live.join_no_participants"))
    st.stop()

choice = st.selectbox(
    tr("live.join_pick_name"), list(people), index=None, placeholder=tr("live.join_search"),
    format_func=lambda pid: f"{people[pid]['name']} — {people[pid]['institution']}", key="join_person",
)
if choice is not None:
    person = people[choice]
    st.markdown(tr("live.join_confirm", name=md_text(person["name"]), institution=md_text(person["institution"])))
    if st.button(tr("live.join_this_is_me"), type="primary", width="stretch", key="join_confirm"):
        try:
            token = token_for(db, code, choice)
        except RembugError as exc:  # the name was taken already: the facilitator gives a new link
            context.show_error(exc)
            token = ""
        if token is None:
            st.error(tr("live.join_link_revoked"))
        elif token:
            lang = context.lang()
            st.query_params.clear()
            st.query_params["p"] = token
            if lang != "id":
                st.query_params["lang"] = lang
            st.rerun()
st.caption(tr("live.join_not_listed"))
