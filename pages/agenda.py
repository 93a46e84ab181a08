"""The four-day agenda with the session guides, and the facilitator's adaptations for this village.

Adaptations (move, shorten or lengthen, add, remove, a later start) are stored with the
workshop; the shipped curriculum stays as it is and "reset" returns to it.
"""
import streamlit as st

from facilitation import agenda
from facilitation.content import METHODS
from facilitation.errors import RembugError
from facilitation.formatting import format_date
from ui import agenda_view, context
from ui.context import tr
from ui.safe_text import md_text

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()

st.title(tr("agenda.agenda_title"))
st.caption(tr("agenda.agenda_intro"))
if "flash_agenda" in st.session_state:
    st.success(st.session_state.pop("flash_agenda"))

plans = agenda.programme(db, wid)
records = agenda.progress(db, wid)
adapted = agenda.is_adapted(db, wid)
if adapted:
    st.info(tr("agenda.adapted_note"))
editing = st.toggle(tr("agenda.edit_mode"), key="agenda_edit")


def done(message: str) -> None:
    st.session_state["flash_agenda"] = message
    st.rerun()


def attempt(action, message: str) -> None:
    """Run a change; show a translated error, or say it was saved and redraw."""
    try:
        action()
    except RembugError as exc:
        context.show_error(exc)
    else:
        done(message)


def position_label(items, k: int) -> str:
    if k == 0:
        return tr("agenda.pos_first")
    return tr("agenda.pos_after", title=items[min(k, len(items)) - 1].title(lang))


def custom_fields(defaults: dict, key: str) -> dict:
    """The fields of a session the facilitator adds (inside an open form)."""
    data = {"session_title": st.text_input(tr("field.session_title"), defaults.get("session_title", ""),
                                           key=f"{key}_title", max_chars=120)}
    c1, c2 = st.columns([1, 3])
    data["duration_min"] = c1.number_input(tr("field.duration_min"), agenda.MIN_DURATION, agenda.MAX_DURATION,
                                           int(defaults.get("duration_min", 30)), step=5, key=f"{key}_duration")
    data["methods"] = c2.multiselect(tr("field.methods"), list(METHODS), default=defaults.get("methods", []),
                                     format_func=lambda m: tr(f"agenda.method_{m}"), key=f"{key}_methods")
    data["session_notes"] = st.text_area(tr("field.session_notes"), defaults.get("session_notes", ""),
                                         key=f"{key}_notes", max_chars=agenda.NOTE_MAX)
    return data


def edit_day(plan: agenda.DayPlan) -> None:
    day = plan.day
    st.subheader(tr("agenda.adapt_day", n=day))
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    start = c1.text_input(tr("field.day_start"), agenda.clock(plan.start_min, lang), key=f"start_{day}")
    if c2.button(tr("agenda.save_start"), key=f"save_start_{day}"):
        attempt(lambda: agenda.set_day_start(db, wid, day, start), tr("agenda.start_saved", n=day))

    if plan.items:
        ids = [i.id for i in plan.items]
        picked = st.selectbox(tr("agenda.choose_item"), ids, key=f"pick_{day}",
                              format_func=lambda i: agenda_view.heading(plan.item(i), lang, plain=True))
        item = plan.item(picked)
        with st.container(border=True):
            c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
            minutes = c1.number_input(tr("field.duration_min"), agenda.MIN_DURATION, agenda.MAX_DURATION,
                                      item.duration_min, step=5, key=f"dur_{day}_{item.id}")
            if c2.button(tr("agenda.save_duration"), key=f"save_dur_{day}_{item.id}"):
                attempt(lambda: agenda.set_duration(db, wid, item.id, minutes),
                        tr("agenda.duration_saved", title=md_text(item.title(lang)), minutes=minutes))
            c1, c2 = st.columns(2)
            if c1.button(tr("agenda.move_up"), key=f"up_{day}_{item.id}", icon=":material/arrow_upward:",
                         disabled=item.position == 0, width="stretch"):
                attempt(lambda: agenda.shift_item(db, wid, item.id, -1), tr("agenda.moved", title=md_text(item.title(lang))))
            if c2.button(tr("agenda.move_down"), key=f"down_{day}_{item.id}", icon=":material/arrow_downward:",
                         disabled=item.position == len(plan.items) - 1, width="stretch"):
                attempt(lambda: agenda.shift_item(db, wid, item.id, 1), tr("agenda.moved", title=md_text(item.title(lang))))
            c1, c2, c3 = st.columns([1, 2, 1], vertical_alignment="bottom")
            target = c1.selectbox(tr("agenda.move_to_day"), [1, 2, 3, 4], index=day - 1,
                                  format_func=lambda d: tr("core.day_n", n=d), key=f"to_day_{day}_{item.id}")
            others = [i for i in plans[target - 1].items if i.id != item.id]
            where = c2.selectbox(tr("agenda.move_position"), list(range(len(others) + 1)),
                                 index=min(item.position, len(others)) if target == day else len(others),
                                 format_func=lambda k: position_label(others, k), key=f"to_pos_{day}_{item.id}")
            if c3.button(tr("agenda.move"), key=f"move_{day}_{item.id}", width="stretch"):
                attempt(lambda: agenda.move_item(db, wid, item.id, target, where),
                        tr("agenda.moved", title=md_text(item.title(lang))))
            if item.custom:
                with st.form(f"edit_custom_{item.id}"):
                    data = custom_fields({"session_title": item.custom_title, "duration_min": item.duration_min,
                                          "methods": list(item.custom_method), "session_notes": item.notes},
                                         f"edit_{item.id}")
                    if st.form_submit_button(tr("core.save")):
                        attempt(lambda: agenda.update_custom_session(db, wid, item.id, data), tr("core.saved"))
            c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
            sure = c1.checkbox(tr("agenda.remove_confirm", title=md_text(item.title(lang))), key=f"sure_{day}_{item.id}")
            if c2.button(tr("agenda.remove"), key=f"remove_{day}_{item.id}", disabled=not sure,
                         icon=":material/delete:", width="stretch"):
                attempt(lambda: agenda.remove_item(db, wid, item.id), tr("agenda.removed", title=md_text(item.title(lang))))

    with st.form(f"add_{day}", clear_on_submit=True):
        st.markdown(f"**{tr('agenda.add_session')}**")
        data = custom_fields({}, f"add_{day}")
        options = list(range(len(plan.items) + 1))
        where = st.selectbox(tr("agenda.move_position"), options, index=len(plan.items),
                             format_func=lambda k: position_label(plan.items, k), key=f"add_pos_{day}")
        if st.form_submit_button(tr("agenda.add_session"), type="primary"):
            attempt(lambda: agenda.add_session(db, wid, day, data, position=where),
                    tr("agenda.session_added", title=md_text(data["session_title"])))


tabs = st.tabs([tr("agenda.day_tab", n=p.day, title=p.title(lang)) for p in plans])
for plan, tab in zip(plans, tabs):
    with tab:
        st.caption(tr("agenda.day_span", date=format_date(ws[f"day{plan.day}"], lang),
                      time=agenda.span(plan.start_min, plan.end_min, lang)))
        if not plan.items:
            st.info(tr("agenda.day_empty"))
        for item in plan.items:
            rec = records.get(item.id, {})
            label = agenda_view.heading(item, lang)
            if rec.get("done"):
                label = tr("agenda.done_mark", text=label)
            with st.expander(label):
                agenda_view.details(item, lang, note=rec.get("note", ""))

if editing:
    # one day's controls at a time keeps the page light (every tab is drawn on each run)
    st.divider()
    chosen = st.segmented_control(tr("agenda.adapt_which_day"), [p.day for p in plans], default=1,
                                  format_func=lambda d: tr("core.day_n", n=d), key="adapt_day") or 1
    edit_day(plans[chosen - 1])
    st.divider()
    st.subheader(tr("agenda.reset_title"))
    st.caption(tr("agenda.reset_help"))
    sure = st.checkbox(tr("agenda.reset_confirm"), key="reset_sure", disabled=not adapted)
    if st.button(tr("agenda.reset"), key="agenda_reset", disabled=not (sure and adapted), icon=":material/undo:"):
        attempt(lambda: agenda.reset_programme(db, wid), tr("agenda.reset_done"))
