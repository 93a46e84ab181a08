"""The learning contract: schedule, house rules and sanctions, daily roles, and the group's
expectations and concerns (typed here or sent from phones), exported for signing."""
import pandas as pd
import streamlit as st

from exports.registry import MIME_TYPES, filename, render
from facilitation import contract
from facilitation.errors import RembugError
from facilitation.formatting import format_date
from facilitation.models import WORKSHOP_DAYS
from facilitation.participants import list_participants
from ui import context
from ui.context import tr

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()

st.title(tr("agenda.contract_title"))
st.caption(tr("agenda.contract_intro"))
if "flash_contract" in st.session_state:
    st.success(st.session_state.pop("flash_contract"))

data = contract.get_contract(db, wid, lang)
people = {p["id"]: p for p in list_participants(db, wid)}


def saved(message: str, *editor_keys: str) -> None:
    # a document prepared before this change would no longer match it
    for key in (*editor_keys, "contract_docx", "contract_pdf"):
        st.session_state.pop(key, None)
    st.session_state["flash_contract"] = message
    st.rerun()


def attempt(action, message: str, *editor_keys: str) -> None:
    try:
        action()
    except RembugError as exc:
        context.show_error(exc)
    else:
        saved(message, *editor_keys)


def text_cells(frame: pd.DataFrame, column: str) -> list[str]:
    return ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in frame[column].tolist()]


def day_label(d: int) -> str:
    return f"{tr('core.day_n', n=d)} · {format_date(ws[f'day{d}'], lang, weekday=False)}"


def person_label(pid) -> str:
    if pid is None:
        return tr("agenda.nobody")
    p = people.get(pid)
    return f"{p['name']} ({p['institution']})" if p else str(pid)


tab_schedule, tab_rules, tab_roles, tab_voices, tab_doc = st.tabs([
    tr("agenda.tab_schedule"), tr("agenda.tab_rules"), tr("agenda.tab_roles"), tr("agenda.tab_voices"),
    tr("agenda.tab_document"),
])

# ---------------------------------------------------------------- schedule
with tab_schedule:
    st.caption(tr("agenda.schedule_help"))
    if data["defaults"]["schedule"]:
        st.info(tr("agenda.schedule_default"))
    col_day, col_start, col_end = tr("field.day"), tr("field.time_start"), tr("field.time_end")
    col_label = tr("field.break_label")
    days_frame = pd.DataFrame({
        col_day: [d["day"] for d in data["schedule"]],
        col_start: [d["start"].replace(":", ".") for d in data["schedule"]],
        col_end: [d["end"].replace(":", ".") for d in data["schedule"]],
    })
    days_edited = st.data_editor(days_frame, key="sched_days", hide_index=True, disabled=[col_day],
                                 column_config={col_day: st.column_config.NumberColumn(format="%d")})
    st.markdown(f"**{tr('agenda.breaks_title')}**")
    breaks = [(d["day"], b) for d in data["schedule"] for b in d["breaks"]]
    breaks_frame = pd.DataFrame({
        col_day: [d for d, _ in breaks],
        col_label: [b["label"] for _, b in breaks],
        col_start: [b["start"].replace(":", ".") for _, b in breaks],
        col_end: [b["end"].replace(":", ".") for _, b in breaks],
    })
    breaks_edited = st.data_editor(
        breaks_frame, key="sched_breaks", hide_index=True, num_rows="dynamic",
        column_config={col_day: st.column_config.SelectboxColumn(options=list(WORKSHOP_DAYS), required=True),
                       col_label: st.column_config.TextColumn(max_chars=contract.ITEM_MAX)},
    )
    c1, c2 = st.columns(2)
    if c1.button(tr("agenda.save_schedule"), key="save_schedule", type="primary"):
        days_rows = [{"day": int(r[col_day]), "start": r[col_start], "end": r[col_end]}
                     for _, r in days_edited.iterrows()]
        break_rows = [{"day": int(r[col_day]) if pd.notna(r[col_day]) else None, "label": r[col_label],
                       "start": r[col_start], "end": r[col_end]}
                      for _, r in breaks_edited.iterrows()
                      if any(pd.notna(r[c]) and str(r[c]).strip() for c in (col_label, col_start, col_end))]
        attempt(lambda: contract.save_schedule(db, wid, days_rows, break_rows), tr("agenda.schedule_saved"),
                "sched_days", "sched_breaks")
    if not data["defaults"]["schedule"] and c2.button(tr("agenda.restore_defaults"), key="reset_schedule"):
        attempt(lambda: contract.restore_defaults(db, wid, "schedule"), tr("agenda.defaults_restored"),
                "sched_days", "sched_breaks")

# ---------------------------------------------------------------- rules and sanctions
with tab_rules:
    for part, items, save in (("rules", data["rules"], contract.save_rules),
                              ("sanctions", data["sanctions"], contract.save_sanctions)):
        st.subheader(tr(f"agenda.{part}_title"))
        st.caption(tr(f"agenda.{part}_help"))
        column = tr(f"agenda.{part}_column")
        edited = st.data_editor(pd.DataFrame({column: items}), key=f"edit_{part}", hide_index=True,
                                num_rows="dynamic", width="stretch",
                                column_config={column: st.column_config.TextColumn(max_chars=contract.ITEM_MAX,
                                                                                   width="large")})
        c1, c2 = st.columns(2)
        if c1.button(tr(f"agenda.save_{part}"), key=f"save_{part}", type="primary"):
            rows = text_cells(edited, column)
            attempt(lambda: save(db, wid, rows), tr(f"agenda.{part}_saved"), f"edit_{part}")
        if not data["defaults"][part] and c2.button(tr("agenda.restore_defaults"), key=f"reset_{part}"):
            attempt(lambda: contract.restore_defaults(db, wid, part), tr("agenda.defaults_restored"), f"edit_{part}")

# ---------------------------------------------------------------- daily roles
with tab_roles:
    st.caption(tr("agenda.roles_help"))
    if not people:
        st.info(tr("agenda.roles_no_people"))
    else:
        options = [None, *people]
        with st.form("roles"):
            choices = {}
            header = st.columns([1, 2, 2, 2])
            header[0].markdown(f"**{tr('core.day')}**")
            for col, role in zip(header[1:], contract.ROLES):
                role_title = tr(f"agenda.role_{role}")
                col.markdown(f"**{role_title}**")
            for d in WORKSHOP_DAYS:
                cols = st.columns([1, 2, 2, 2])
                cols[0].write(day_label(d))
                for col, role in zip(cols[1:], contract.ROLES):
                    current = (data["roles"][d][role] or {}).get("id")
                    choices[(d, role)] = col.selectbox(
                        tr(f"agenda.role_{role}"), options, index=options.index(current) if current in options else 0,
                        format_func=person_label, key=f"role_{d}_{role}", label_visibility="collapsed")
            rep_id = (data["representative"] or {}).get("id")
            representative = st.selectbox(tr("agenda.representative"), options,
                                          index=options.index(rep_id) if rep_id in options else 0,
                                          format_func=person_label, key="representative")
            if st.form_submit_button(tr("agenda.save_roles"), type="primary"):
                def store_roles():
                    contract.save_roles(db, wid, choices)
                    contract.set_representative(db, wid, representative)
                attempt(store_roles, tr("agenda.roles_saved"))

# ---------------------------------------------------------------- expectations and concerns
with tab_voices:
    collecting = st.toggle(tr("agenda.collect_toggle"), value=data["collecting"], key="collect_toggle",
                           help=tr("agenda.collect_help"))
    if collecting != data["collecting"]:
        contract.set_collecting(db, wid, collecting)
        saved(tr("agenda.collect_opened") if collecting else tr("agenda.collect_closed"))
    with st.form("add_voice", clear_on_submit=True):
        c1, c2 = st.columns([1, 3])
        kind = c1.radio(tr("field.kind"), list(contract.VOICE_KINDS), key="voice_kind",
                        format_func=lambda k: tr(f"agenda.voice_{k}"))
        text = c2.text_area(tr("field.voice_text"), key="voice_text", max_chars=contract.VOICE_MAX)
        if st.form_submit_button(tr("agenda.add_voice"), type="primary"):
            attempt(lambda: contract.add_voice(db, wid, kind, text), tr("agenda.voice_added"))

    @st.fragment(run_every=2)
    def live_voices() -> None:
        """What participants send appears here without touching the page."""
        current = contract.list_voices(db, wid)
        cols = st.columns(2)
        for col, k in zip(cols, contract.VOICE_KINDS):
            with col:
                st.subheader(tr(f"agenda.voices_{k}", count=sum(v["weight"] for v in current[k])))
                if not current[k]:
                    st.caption(tr("core.none_yet"))
                    continue
                col_text, col_count, col_from = tr("agenda.col_voice"), tr("agenda.col_weight"), tr("agenda.col_from")
                st.dataframe(pd.DataFrame({
                    col_text: [v["text"] for v in current[k]],
                    col_count: [v["weight"] for v in current[k]],
                    col_from: [v["participant_name"] or tr(f"agenda.source_{v['source']}") for v in current[k]],
                }), hide_index=True, width="stretch", column_config={
                    col_text: st.column_config.TextColumn(width="large"),
                    col_count: st.column_config.NumberColumn(width="small"),
                    col_from: st.column_config.TextColumn(width="small"),
                })

    live_voices()

    all_voices = [v for k in contract.VOICE_KINDS for v in data["voices"][k]]
    if all_voices:
        with st.expander(tr("agenda.manage_voices")):
            by_id = {v["id"]: v for v in all_voices}
            def voice_label(voice_id: int) -> str:
                v = by_id[voice_id]
                return tr("agenda.voice_option", kind=tr(f"agenda.voice_{v['kind']}"), text=v["text"])

            picked = st.multiselect(tr("agenda.pick_voices"), list(by_id), key="voices_picked",
                                    format_func=voice_label)
            merged_text = st.text_input(tr("agenda.merged_text"), key="merged_text", max_chars=contract.VOICE_MAX,
                                        placeholder=tr("agenda.merged_text_hint"))
            c1, c2 = st.columns(2)
            if c1.button(tr("agenda.merge"), key="merge_voices", disabled=len(picked) < 2, icon=":material/merge:"):
                text = merged_text or (by_id[picked[0]]["text"] if picked else "")
                attempt(lambda: contract.merge_voices(db, wid, picked, text), tr("agenda.merged", count=len(picked)),
                        "voices_picked")
            if c2.button(tr("core.delete"), key="delete_voices", disabled=not picked, icon=":material/delete:"):
                attempt(lambda: contract.delete_voices(db, wid, picked), tr("agenda.voices_deleted", count=len(picked)),
                        "voices_picked")

# ---------------------------------------------------------------- document
with tab_doc:
    st.caption(tr("agenda.document_help"))
    c1, c2 = st.columns(2)
    for col, fmt in ((c1, "docx"), (c2, "pdf")):
        if col.button(tr(f"agenda.prepare_{fmt}"), key=f"contract_prepare_{fmt}"):
            try:
                st.session_state[f"contract_{fmt}"] = render(db, wid, "contract", fmt, lang=lang)
            except RembugError as exc:
                context.show_error(exc)
        ready = st.session_state.get(f"contract_{fmt}")
        if ready:
            col.download_button(tr("core.download"), ready, file_name=filename("contract", fmt, ws),
                                mime=MIME_TYPES[fmt], key=f"contract_download_{fmt}")
