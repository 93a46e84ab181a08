"""Register participants one by one or import a list; flag duplicates; edit, delete, reissue links."""
import pandas as pd
import streamlit as st

from facilitation import joining
from facilitation import participants as svc
from facilitation.errors import InputError, RembugError
from ui import context, live_panels
from ui.context import tr
from ui.safe_text import md_text

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
st.title(tr("core.participants_title"))
st.caption(tr("core.participants_intro"))


def participant_fields(d: dict, key: str) -> dict:
    c1, c2, c3 = st.columns([3, 1, 1])
    data = {"name": c1.text_input(tr("field.name"), d.get("name", ""), key=f"{key}_name")}
    genders = ["L", "P"]
    data["gender"] = c2.radio(tr("field.gender"), genders, index=genders.index(d.get("gender", "L")),
                              horizontal=True, key=f"{key}_gender")
    data["age"] = c3.number_input(tr("field.age"), 10, 120, value=d.get("age"), key=f"{key}_age")
    c1, c2 = st.columns(2)
    data["institution"] = c1.text_input(tr("field.institution"), d.get("institution", ""), key=f"{key}_inst")
    data["position"] = c2.text_input(tr("field.position"), d.get("position", ""), key=f"{key}_pos")
    c1, c2 = st.columns(2)
    data["dusun"] = c1.text_input(tr("field.dusun"), d.get("dusun", ""), key=f"{key}_dusun")
    data["phone"] = c2.text_input(tr("field.phone"), d.get("phone", ""), key=f"{key}_phone")
    return data


add_tab, import_tab = st.tabs([tr("core.add_participant"), tr("core.import_title")])
with add_tab:
    with st.form("add_participant", clear_on_submit=False):
        data = participant_fields({}, "add")
        allow = st.checkbox(tr("core.allow_duplicate"), key="add_allow_dup")
        if st.form_submit_button(tr("core.add_participant"), type="primary"):
            dups = svc.find_duplicates(db, wid, data["name"], data["institution"]) if data["name"] else []
            if dups and not allow:
                st.warning(tr("core.duplicate_warning", name=md_text(data["name"]), institution=md_text(data["institution"])))
            else:
                try:
                    svc.add_participant(db, wid, data, allow_duplicate=allow)
                except RembugError as exc:
                    context.show_error(exc)
                else:
                    st.success(tr("core.participant_added", name=md_text(data["name"])))

with import_tab:
    st.caption(tr("core.import_help"))
    upload = st.file_uploader(tr("core.import_file"), type=["csv", "xlsx"], key="import_file")
    if upload is not None:
        try:
            preview = svc.preview_import(db, wid, svc.read_table(upload.name, upload.getvalue()))
        except RembugError as exc:
            context.show_error(exc)
        else:
            if preview.errors:
                st.error(tr("core.import_errors", count=len(preview.errors)))
                msgs = InputError(preview.errors).messages(context.lang())
                st.dataframe(pd.DataFrame({tr("core.problem"): msgs}), hide_index=True, use_container_width=True)
            else:
                st.info(tr("core.import_preview", rows=len(preview.rows)))
                skip = True
                if preview.duplicates:
                    st.warning(tr("core.import_duplicates", count=len(preview.duplicates)))
                    for d in preview.duplicates:
                        other = tr("core.import_dup_existing") if d["other"] == "store" else tr("core.import_dup_row", line=d["other"])
                        st.text(tr("core.import_dup_line", line=d["line"], name=d["name"], institution=d["institution"], other=other))
                    skip = st.checkbox(tr("core.import_skip_duplicates"), value=True, key="import_skip")
                if st.button(tr("core.import_do"), type="primary", key="import_do"):
                    try:
                        n = svc.commit_import(db, wid, preview, skip_duplicates=skip)
                    except RembugError as exc:
                        context.show_error(exc)
                    else:
                        st.success(tr("core.import_done", count=n))

people = svc.list_participants(db, wid)
st.subheader(tr("core.participant_list"))
st.caption(tr("core.participant_count", count=len(people)))
if people:
    cols = ["name", "gender", "age", "institution", "position", "dusun", "phone"]
    frame = pd.DataFrame(people)[cols]
    frame.index = range(1, len(frame) + 1)
    joined = joining.joined_ids(db, wid)  # a name taken by someone else shows here first
    frame[tr("core.joined")] = ["✓" if p["id"] in joined else "" for p in people]
    st.dataframe(frame.rename(columns={c: tr(f"field.{c}") for c in cols}), use_container_width=True)

    by_id = {p["id"]: p for p in people}
    chosen = st.selectbox(tr("core.select_to_edit"), [None, *by_id],
                          format_func=lambda i: "—" if i is None else f"{by_id[i]['name']} ({by_id[i]['institution']})",
                          key="edit_choice")
    if chosen is not None:
        with st.form(f"edit_{chosen}"):
            data = participant_fields(by_id[chosen], f"edit{chosen}")
            c1, c2 = st.columns(2)
            save = c1.form_submit_button(tr("core.save"), type="primary")
            delete = c2.form_submit_button(tr("core.delete"))
        try:
            if save:
                svc.update_participant(db, wid, chosen, data)
                st.success(tr("core.saved"))
            if delete:
                svc.delete_participant(db, wid, chosen)
                st.success(tr("core.deleted"))
                st.rerun()
        except RembugError as exc:
            context.show_error(exc)
        if st.button(tr("core.reissue_token"), key=f"reissue_{chosen}"):
            st.session_state["reissued"] = (chosen, svc.revoke_and_reissue_token(db, wid, chosen))
        reissued = st.session_state.get("reissued")
        if reissued and reissued[0] == chosen:
            # the new personal link at once, for the participant's phone; the old one opens nothing
            st.success(tr("core.token_reissued"))
            url = joining.participant_url(reissued[1], live_panels.join_base_url(f"reissue_addr_{chosen}"))
            c1, c2 = st.columns([1, 3], vertical_alignment="center")
            c1.image(joining.qr_png(url, scale=6), width="stretch")
            c2.caption(tr("core.new_link_help"))
            c2.code(url, language=None)
else:
    st.info(tr("core.none_yet"))
