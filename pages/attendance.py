"""Attendance per day, with the day's counts by gender and by institution."""
import pandas as pd
import streamlit as st

from facilitation.attendance import attendance_matrix, day_summary, record_attendance
from facilitation.errors import RembugError
from facilitation.formatting import format_date
from facilitation.models import ATTENDANCE_STATUSES
from facilitation.participants import list_participants
from ui import context
from ui.context import tr

ws = context.require_facilitator()
db = context.db()
st.title(tr("core.attendance_title"))
st.caption(tr("core.attendance_intro"))

people = list_participants(db, ws["id"])
if not people:
    st.info(tr("core.none_yet"))
    st.stop()

day = st.segmented_control(
    tr("core.day"), [1, 2, 3, 4], default=1, key="att_day",
    format_func=lambda d: f"{tr('core.day_n', n=d)} · {format_date(ws[f'day{d}'], context.lang(), weekday=False)}",
)
day = day or 1
matrix = attendance_matrix(db, ws["id"])
status_label = {s: tr(f"core.status_{s}") for s in ATTENDANCE_STATUSES}
label_status = {v: k for k, v in status_label.items()}

frame = pd.DataFrame({
    "id": [p["id"] for p in people],
    tr("field.name"): [p["name"] for p in people],
    tr("field.institution"): [p["institution"] for p in people],
    tr("field.status"): [status_label.get(matrix.get(p["id"], {}).get(day), None) for p in people],
})
if st.button(tr("core.attendance_all_present"), key=f"all_present_{day}"):
    # stored at once: a later Save of the grid only changes the rows the facilitator edits
    record_attendance(db, ws["id"], day, {p["id"]: "hadir" for p in people})
    st.session_state.pop(f"att_editor_{day}", None)
    st.rerun()

edited = st.data_editor(
    frame, key=f"att_editor_{day}", hide_index=True, use_container_width=True,
    disabled=["id", tr("field.name"), tr("field.institution")],
    column_config={
        "id": None,
        tr("field.status"): st.column_config.SelectboxColumn(options=list(status_label.values())),
    },
)
if st.button(tr("core.save"), type="primary", key=f"att_save_{day}"):
    statuses = {int(r["id"]): label_status[r[tr("field.status")]] for _, r in edited.iterrows()
                if r[tr("field.status")] in label_status}
    try:
        record_attendance(db, ws["id"], day, statuses)
    except RembugError as exc:
        context.show_error(exc)
    else:
        st.success(tr("core.attendance_saved", day=day))
        matrix = attendance_matrix(db, ws["id"])

summary = day_summary(people, matrix, day)
cols = st.columns(len(summary["status"]))
for col, (status, n) in zip(cols, summary["status"].items()):
    col.metric(tr(f"core.status_{status}"), n)
c1, c2 = st.columns([1, 2])
with c1:
    st.subheader(tr("core.by_gender"))
    st.dataframe(pd.DataFrame({tr("field.gender"): [tr(f"core.gender_{g}") for g in summary["gender"]],
                               tr("core.total"): list(summary["gender"].values())}), hide_index=True)
with c2:
    st.subheader(tr("core.by_institution"))
    st.dataframe(pd.DataFrame({tr("field.institution"): list(summary["institution"]),
                               tr("core.total"): list(summary["institution"].values())}), hide_index=True)
