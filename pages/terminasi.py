"""Terminasi and refleksi: the hand-over to the local offices, the Pokja's reflection, the
next cycle started from it, and the workshop's backup file for the district server."""
import streamlit as st

from facilitation import terminasi, transfer
from facilitation.errors import RembugError
from facilitation.formatting import format_date
from facilitation.workshops import title
from ui import context
from ui.context import tr
from ui.planning_widgets import md

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()
st.title(tr("monitoring.terminasi_title"))
st.caption(tr("monitoring.terminasi_intro"))

if "terminasi_flash" in st.session_state:
    st.success(st.session_state.pop("terminasi_flash"))

record = terminasi.get(db, wid)

# ------------------------------------------------------------------ terminasi
st.subheader(tr("monitoring.handover_title"))
if record["handed_over"]:
    st.info(tr("monitoring.handed_over", date=format_date(record["handover_date"], lang, weekday=False),
               office=md(record["handover_office"])))
with st.form("handover"):
    c1, c2 = st.columns([1, 2])
    date = c1.date_input(tr("monitoring.handover_date"), record["handover_date"], min_value=ws["day4"],
                         format="DD/MM/YYYY", key="tm_date")
    office = c2.text_input(tr("monitoring.handover_office"), record["handover_office"],
                           placeholder=tr("monitoring.handover_office_hint"), key="tm_office")
    note = st.text_area(tr("monitoring.handover_note"), record["handover_note"], key="tm_note")
    if st.form_submit_button(tr("monitoring.save_handover"), type="primary"):
        try:
            terminasi.save_handover(db, wid, {"handover_date": date, "handover_office": office, "handover_note": note})
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.session_state["terminasi_flash"] = tr("monitoring.handover_saved")
            st.rerun()
if record["handed_over"] and st.button(tr("monitoring.clear_handover"), key="tm_clear"):
    terminasi.clear_handover(db, wid)
    st.rerun()

# ------------------------------------------------------------------ refleksi
st.subheader(tr("monitoring.reflection_title"))
st.caption(tr("monitoring.reflection_intro"))
with st.form("reflection"):
    worked = st.text_area(tr("monitoring.worked"), record["worked"], key="tm_worked")
    not_worked = st.text_area(tr("monitoring.not_worked"), record["not_worked"], key="tm_not_worked")
    plans = st.text_area(tr("monitoring.next_plans"), "\n".join(record["next_plans"]),
                         help=tr("monitoring.next_plans_help"), height=150, key="tm_plans")
    if st.form_submit_button(tr("monitoring.save_reflection"), type="primary"):
        try:
            terminasi.save_reflection(db, wid, {"worked": worked, "not_worked": not_worked, "next_plans": plans})
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.session_state["terminasi_flash"] = tr("monitoring.reflection_saved")
            st.rerun()

# ------------------------------------------------------------------ the next cycle
st.subheader(tr("monitoring.next_cycle_title"))
nxt = record["next_workshop"]
if nxt is not None:
    st.success(tr("monitoring.next_cycle_exists", title=md(title(nxt)), year=nxt["year"]))
    st.caption(tr("monitoring.next_cycle_login"))
else:
    st.caption(tr("monitoring.next_cycle_intro", count=len(record["next_plans"])))
    if record["next_plans"]:
        st.markdown("\n".join(f"- {md(p)}" for p in record["next_plans"]))
    defaults = terminasi.next_cycle_defaults(ws)
    with st.form("next_cycle"):
        cols = st.columns(5)
        year = cols[0].number_input(tr("monitoring.year"), 2000, 2100, int(defaults["year"]), key="nc_year")
        days = {f"day{i}": cols[i].date_input(tr("monitoring.day_n", n=i), defaults[f"day{i}"], format="DD/MM/YYYY",
                                              key=f"nc_day{i}") for i in (1, 2, 3, 4)}
        pin = st.text_input(tr("monitoring.new_pin"), type="password", key="nc_pin")
        if st.form_submit_button(tr("monitoring.start_next_cycle"), type="primary"):
            try:
                new_id = terminasi.start_next_cycle(db, wid, {"year": year, **days}, pin)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.session_state["terminasi_flash"] = tr("monitoring.next_cycle_created", id=new_id)
                st.rerun()

# ------------------------------------------------------------------ backup
st.subheader(tr("monitoring.backup_title"))
st.caption(tr("monitoring.backup_intro"))
if st.button(tr("monitoring.backup_prepare"), key="tm_backup", icon=":material/save:"):
    try:
        st.session_state["tm_backup_file"] = transfer.backup(db, wid)
    except RembugError as exc:
        context.show_error(exc)
if "tm_backup_file" in st.session_state:
    st.download_button(tr("monitoring.backup_download"), st.session_state["tm_backup_file"],
                       file_name=transfer.backup_filename(ws), mime="application/json", key="tm_backup_dl")
