"""Edit the workshop's data and change its PIN."""
import streamlit as st

from facilitation.errors import RembugError
from facilitation.workshops import change_pin, update_workshop
from ui import context
from ui.context import tr
from ui.forms import workshop_fields

ws = context.require_facilitator()
db = context.db()
st.title(tr("core.workshop_title"))
st.caption(tr("core.workshop_intro"))

with st.form("workshop_edit"):
    data = workshop_fields(ws, "edit")
    if st.form_submit_button(tr("core.save"), type="primary"):
        try:
            update_workshop(db, ws["id"], data)
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.success(tr("core.workshop_saved"))

with st.expander(tr("core.change_pin")):
    with st.form("pin_change"):
        old = st.text_input(tr("core.old_pin"), type="password")
        new = st.text_input(tr("core.new_pin"), type="password")
        if st.form_submit_button(tr("core.change_pin")):
            try:
                change_pin(db, ws["id"], old, new)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.success(tr("core.pin_changed"))
