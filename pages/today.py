"""Today: the run of show for the workshop day, with the projector countdown.

The current session follows the clock when the chosen day is today, otherwise the first
session not yet ticked done. Sessions are ticked off with a note; the countdown lives in the
store so a reload or the projector's tab shows the same time.
"""
import pandas as pd
import streamlit as st

from facilitation import agenda
from facilitation.errors import RembugError
from facilitation.formatting import format_date
from ui import agenda_view, context
from ui.context import tr
from ui.safe_text import md_text
from ui.timer import PROJECTOR_SIZE, big_text, timer_panel

TIMER_KEY = "today"

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()

plans = agenda.programme(db, wid)
records = agenda.progress(db, wid)
now = agenda.local_now()
today_day = agenda.workshop_day(ws, now.date())
default_day = today_day or agenda.first_open_day(plans, records)

st.title(tr("agenda.today_title"))
if "flash_today" in st.session_state:
    st.success(st.session_state.pop("flash_today"))
day = st.segmented_control(
    tr("core.day"), [1, 2, 3, 4], default=default_day, key="today_day",
    format_func=lambda d: f"{tr('core.day_n', n=d)} · {format_date(ws[f'day{d}'], lang, weekday=False)}",
) or default_day
plan = plans[day - 1]
by_clock = today_day == day
clock_min = now.hour * 60 + now.minute
show = agenda.run_of_show(plan, records, clock_min if by_clock else None)
titles = {i.id: md_text(i.title(lang)) for p in plans for i in p.items}  # shown as Markdown

if not plan.items:
    st.info(tr("agenda.day_empty"))
    st.stop()

# the item the timer should time: what is on now, else what comes next
focus = show.current or show.next or plan.items[-1]
focus_seconds = focus.duration_min * 60

projector = st.toggle(tr("agenda.projector_mode"), key="today_projector")
if projector:
    if show.current is not None:
        big_text(show.current.title(lang), "4rem")
        big_text(agenda_view.time_label(show.current, lang), "2.2rem")
    elif show.next is not None:
        big_text(tr("agenda.next_up", title=show.next.title(lang)), "3rem")
    timer_panel(db, wid, TIMER_KEY, focus.id, focus_seconds, title_of=lambda i: titles.get(i, i),
                size=PROJECTOR_SIZE, wide=True)
    if show.current is not None and show.next is not None:
        big_text(tr("agenda.next_at", time=agenda.clock(show.next.start_min, lang), title=show.next.title(lang)),
                 "1.8rem")
    st.stop()

st.caption(tr("agenda.mode_clock", time=agenda.clock(clock_min, lang)) if by_clock else tr("agenda.mode_progress"))
st.progress(show.fraction, text=tr("agenda.progress", done=show.done, total=show.total))

left, right = st.columns([3, 2], gap="large")
with left:
    current = show.current
    if current is None:
        if show.before_start:
            st.info(tr("agenda.before_start", time=agenda.clock(plan.start_min, lang)))
        elif show.day_over:
            st.success(tr("agenda.day_over") if not by_clock or show.done == show.total
                       else tr("agenda.day_over_open", open=show.total - show.done))
        else:
            st.info(tr("agenda.free_time"))
    else:
        st.subheader(tr("agenda.now"))
        st.markdown(f"### {md_text(current.title(lang))}")
        st.caption(agenda_view.heading(current, lang))
        agenda_view.details(current, lang, note=records.get(current.id, {}).get("note", ""))
        if not current.is_break:
            done_already = current.id in show.done_ids
            with st.form(f"done_{current.id}", clear_on_submit=True):
                note = st.text_area(tr("agenda.done_note"), key=f"done_note_{current.id}",
                                    placeholder=tr("agenda.done_note_hint"))
                label = tr("agenda.save_note") if done_already else tr("agenda.mark_done")
                if st.form_submit_button(label, type="primary", icon=":material/check_circle:"):
                    try:
                        agenda.mark_done(db, wid, current.id, note or records.get(current.id, {}).get("note", ""))
                    except RembugError as exc:
                        context.show_error(exc)
                    else:
                        st.session_state["flash_today"] = tr("agenda.done_saved", title=md_text(current.title(lang)))
                        st.rerun()
    if show.next is not None:
        st.divider()
        st.subheader(tr("agenda.next"))
        st.write(agenda_view.heading(show.next, lang))

with right:
    st.subheader(tr("agenda.timer_title"))
    st.caption(tr("agenda.timer_for", title=titles.get(focus.id, focus.id)))
    timer_panel(db, wid, TIMER_KEY, focus.id, focus_seconds, title_of=lambda i: titles.get(i, i))
    st.subheader(tr("agenda.breaks_today"))
    if plan.breaks:
        st.markdown("\n".join(f"- {agenda_view.heading(b, lang)}" for b in plan.breaks))
    else:
        st.caption(tr("agenda.no_breaks"))

st.divider()
st.subheader(tr("agenda.run_of_show"))
sessions = plan.sessions
col_time, col_title = tr("agenda.col_time"), tr("agenda.col_session")
col_done, col_note = tr("agenda.col_done"), tr("agenda.col_note")
frame = pd.DataFrame({
    "id": [s.id for s in sessions],
    col_time: [agenda_view.time_label(s, lang) for s in sessions],
    col_title: [s.title(lang) for s in sessions],
    col_done: [bool(records.get(s.id, {}).get("done")) for s in sessions],
    col_note: [records.get(s.id, {}).get("note", "") for s in sessions],
})
editor_key = f"today_editor_{day}"
edited = st.data_editor(
    frame, key=editor_key, hide_index=True, disabled=["id", col_time, col_title],
    column_config={"id": None, col_done: st.column_config.CheckboxColumn(),
                   col_note: st.column_config.TextColumn(max_chars=agenda.NOTE_MAX, width="large")},
)
if st.button(tr("agenda.save_progress"), key=f"today_save_{day}", type="primary"):
    updates = {}
    for _, row in edited.iterrows():
        old = records.get(row["id"], {})
        done, note = bool(row[col_done]), str(row[col_note] or "")
        if done != bool(old.get("done")) or note != old.get("note", ""):
            updates[row["id"]] = (done, note)
    try:
        agenda.record_progress(db, wid, updates)
    except RembugError as exc:
        context.show_error(exc)
    else:
        st.session_state.pop(editor_key, None)
        st.session_state["flash_today"] = tr("agenda.progress_saved", count=len(updates))
        st.rerun()
