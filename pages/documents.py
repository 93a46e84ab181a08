"""Download every document as Word, PDF or CSV."""
import streamlit as st

from exports.registry import MIME_TYPES, available_documents, filename, formats, render
from facilitation.errors import RembugError
from ui import context
from ui.context import tr

ws = context.require_facilitator()
db = context.db()
st.title(tr("core.documents_title"))
st.caption(tr("core.documents_intro"))

docs = available_documents()
doc = st.selectbox(tr("core.document"), docs, format_func=lambda d: tr(f"core.doc_{d}"), key="doc_choice")
fmt = st.radio(tr("core.format"), formats(doc), horizontal=True, key="doc_format", format_func=str.upper)
# built on demand, not on every rerun: a 300-row PDF takes a moment
if st.button(tr("core.prepare"), type="primary", key="doc_prepare"):
    try:
        st.session_state["doc_ready"] = (doc, fmt, render(db, ws["id"], doc, fmt, lang=context.lang()))
    except RembugError as exc:
        context.show_error(exc)
ready = st.session_state.get("doc_ready")
if ready and ready[:2] == (doc, fmt):
    st.download_button(tr("core.download"), ready[2], file_name=filename(doc, fmt, ws),
                       mime=MIME_TYPES[fmt], key="doc_download")
