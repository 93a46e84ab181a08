"""The six-month action plan (rencana aksi): the whole-plan checklist, the plan table, the
Gantt and budget charts, one row's editor with its budget lines, dimensions left out."""
import pandas as pd
import streamlit as st

from facilitation import content, planning
from facilitation.errors import RembugError
from facilitation.formatting import rupiah
from facilitation.i18n import t
from facilitation.participants import list_participants
from ui import context
from ui.context import tr
from ui.planning_widgets import budget_chart, gantt_chart, md

DOCUMENTS_PAGE = "pages/documents.py"  # a page path, not user-visible text

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()
st.title(tr("planning.plan_title"))
st.caption(tr("planning.plan_intro"))

if "plan_flash" in st.session_state:
    st.success(st.session_state.pop("plan_flash"))

dims = list(planning.dimension_ids())
month_labels = planning.month_names(ws, lang)
source_labels = {s: planning.source_label(s, lang) for s in planning.SOURCES}
rows = planning.list_plan_rows(db, wid)
report = planning.plan_report(db, wid)
people = {p["id"]: p for p in list_participants(db, wid)}
problems = {p["problem_id"]: p for p in planning.priority_problems(db, wid)}
activities = {a["id"]: a for a in planning.list_activities(db, wid)}

# ------------------------------------------------------------------ checklist and money
st.subheader(tr("planning.checklist"))
with st.container(border=True, key="plan_checklist"):
    for check in report.checks:
        icon = ":green[:material/check_circle:]" if check.ok else ":red[:material/cancel:]"
        st.markdown(f"{icon} {md(planning.describe_check(check, lang))}")
    if report.ok:
        st.success(tr("planning.plan_ready"))

cols = st.columns(len(planning.SOURCES) + 1)
for col, source in zip(cols, (*planning.SOURCES, "total")):
    label = source_labels.get(source) or tr("planning.total")
    left = report.available[source] - report.planned[source]
    col.metric(label, rupiah(report.planned[source]),
               delta=tr("planning.remaining", amount=rupiah(left)) if left >= 0
               else tr("planning.over_by", amount=rupiah(-left)),
               delta_color="normal" if left >= 0 else "inverse",
               help=tr("planning.available_help", amount=rupiah(report.available[source])))


def dims_text(row_dims) -> str:
    return ", ".join(row_dims)


def months_ticks(months) -> dict:
    return {tr("planning.month_short", n=m): ("■" if m in months else "") for m in planning.PLAN_MONTHS}


# ------------------------------------------------------------------ the plan table and charts
st.subheader(tr("planning.plan_table"))
if rows:
    table = pd.DataFrame([
        {
            tr("planning.col_no"): r["no"],
            tr("planning.col_activity"): r["activity"],
            tr("planning.col_dimensions"): dims_text(r["dimensions"]),
            tr("planning.col_problem"): r["problem_text"],
            tr("planning.col_objective"): r["objective"],
            tr("planning.col_target"): r["target_group"],
            tr("planning.col_location"): r["location"],
            **months_ticks(r["months"]),
            tr("planning.col_pic"): r["pic_name"] or "—",
            tr("planning.col_partners"): "; ".join(r["partners"]),
            tr("planning.col_budget"): rupiah(r["total"]),
            tr("planning.col_indicator"): ", ".join(r["indicator_params"]),
        }
        for r in rows
    ])
    st.dataframe(table, hide_index=True, width="stretch")
    st.markdown(f"**{tr('planning.gantt')}**")
    chart = gantt_chart([{"label": f"{r['no']}. {r['activity']}", "months": r["months"],
                          "group": ", ".join(r["dimensions"])} for r in rows],
                        month_labels, label_title=tr("planning.col_activity"), month_title=tr("planning.month"),
                        group_title=tr("planning.col_dimensions"))
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    st.markdown(f"**{tr('planning.budget_chart')}**")
    st.altair_chart(budget_chart(report.planned, report.available, source_labels,
                                 planned_title=tr("planning.planned"), available_title=tr("planning.available"),
                                 amount_title=tr("planning.amount"), source_title=tr("planning.source")),
                    width="stretch")
else:
    st.info(tr("planning.no_rows"))

# ------------------------------------------------------------------ one row's editor
# (format functions below use t(..., lang): they may run outside the page's run, e.g. in AppTest)
st.subheader(tr("planning.edit_row"))
NEW = 0
by_id = {r["id"]: r for r in rows}
choice = st.selectbox(tr("planning.row_choice"), [NEW, *by_id], key="row_choice",
                      format_func=lambda i: t("planning.new_row", lang) if i == NEW
                      else f"{by_id[i]['no']}. {by_id[i]['activity']}")
version = st.session_state.setdefault("row_form_version", 0)


def use_activity() -> None:
    picked = st.session_state.get("row_from_activity")
    if picked:
        st.session_state["plan_draft"] = planning.row_draft_from_activity(activities[picked])
        st.session_state["row_form_version"] = st.session_state.get("row_form_version", 0) + 1


if choice == NEW:
    if activities:
        st.selectbox(tr("planning.from_activity"), [None, *activities], key="row_from_activity",
                     format_func=lambda a: "—" if a is None else activities[a]["title"], on_change=use_activity)
    base = {"dimensions": [], "months": [], "partners": [], "indicator_params": [], "budget": [],
            **st.session_state.get("plan_draft", {})}
else:
    base = dict(by_id[choice])
    base["problem"] = base["problem_text"] if base.get("problem_id") is None else ""
    base["pic"] = base["pic_participant_id"]

k = f"row_{choice}_{version}_"
with st.form(f"row_form_{choice}_{version}"):
    activity = st.text_input(tr("planning.col_activity"), base.get("activity", ""), max_chars=200, key=k + "activity")
    row_dims = st.pills(tr("planning.col_dimensions"), dims, selection_mode="multi", default=base["dimensions"],
                        format_func=lambda d: planning.dimension_label(d, lang), key=k + "dims")
    problem_ids = [None, *problems]
    problem_id = st.selectbox(
        tr("planning.problem_from_list"), problem_ids,
        index=problem_ids.index(base.get("problem_id")) if base.get("problem_id") in problem_ids else 0,
        format_func=lambda p: t("planning.problem_own", lang) if p is None
        else f"{problems[p]['dimension']} · {problems[p]['text']}", key=k + "problem_id")
    problem = st.text_area(tr("planning.problem_free"), base.get("problem", ""), max_chars=300, key=k + "problem",
                           height=68)
    objective = st.text_area(tr("planning.col_objective"), base.get("objective", ""), max_chars=500,
                             key=k + "objective", height=68)
    c1, c2, c3 = st.columns([3, 1, 2])
    target = c1.text_input(tr("planning.target_group"), base.get("target_group", ""), max_chars=200, key=k + "target")
    beneficiaries = c2.number_input(tr("planning.beneficiaries"), min_value=0, max_value=1_000_000, step=1,
                                    value=base.get("beneficiaries"), key=k + "beneficiaries")
    volume = c3.text_input(tr("planning.volume"), base.get("volume", ""), max_chars=120, key=k + "volume")
    c1, c2 = st.columns(2)
    location = c1.text_input(tr("planning.col_location"), base.get("location", ""), max_chars=120, key=k + "location")
    pic_ids = [None, *people]
    pic = c2.selectbox(tr("planning.col_pic"), pic_ids,
                       index=pic_ids.index(base.get("pic")) if base.get("pic") in pic_ids else 0,
                       format_func=lambda p: t("planning.nobody_yet", lang) if p is None
                       else f"{people[p]['name']} ({people[p]['institution']})", key=k + "pic")
    months = st.pills(tr("planning.schedule"), list(planning.PLAN_MONTHS), selection_mode="multi",
                      default=base["months"], format_func=lambda m: t("planning.month_n", lang, n=m, name=month_labels[m - 1]),
                      key=k + "months")
    partner_options = list(dict.fromkeys([*planning.PARTNER_SUGGESTIONS, *base["partners"]]))
    partners = st.multiselect(tr("planning.col_partners"), partner_options, default=base["partners"],
                              accept_new_options=True, key=k + "partners", help=tr("planning.partners_help"),
                              placeholder=tr("planning.partners_placeholder"))
    c1, c2 = st.columns([2, 3])
    indicator_params = c1.multiselect(tr("planning.indicator_params"), list(content.parameter_ids()),
                                      default=base["indicator_params"],
                                      format_func=lambda p: planning.parameter_label(p, lang), key=k + "params",
                                      placeholder=tr("planning.params_placeholder"))
    indicator = c2.text_input(tr("planning.indicator"), base.get("indicator", ""), max_chars=300, key=k + "indicator")

    st.markdown(f"**{tr('planning.budget_lines')}**")
    st.caption(tr("planning.budget_help"))
    budget = []
    existing = base["budget"]
    for i in range(min(len(existing) + 3, planning.MAX_BUDGET_LINES)):
        line = existing[i] if i < len(existing) else {}
        show = "visible" if i == 0 else "collapsed"
        b1, b2, b3, b4 = st.columns([3, 2, 2, 2])
        budget.append({
            "budget_item": b1.text_input(tr("planning.budget_item"), line.get("item", ""), max_chars=150,
                                         key=f"{k}item_{i}", label_visibility=show),
            "budget_source": b2.selectbox(tr("planning.source"), list(planning.SOURCES),
                                          index=list(planning.SOURCES).index(line.get("source", "stimulan")),
                                          format_func=source_labels.get, key=f"{k}source_{i}", label_visibility=show),
            "budget_amount": b3.number_input(tr("planning.amount"), min_value=0, step=10_000,
                                      value=int(line.get("amount", 0)), key=f"{k}amount_{i}", label_visibility=show),
            "source_detail": b4.text_input(tr("planning.source_detail"), line.get("detail", ""), max_chars=120,
                                           key=f"{k}detail_{i}", label_visibility=show,
                                           placeholder=tr("planning.source_detail_placeholder")),
        })
    saved = st.form_submit_button(tr("planning.save_row"), type="primary")

if saved:
    data = {
        "activity": activity, "activity_id": base.get("activity_id"), "dimensions": row_dims or [],
        "problem_id": problem_id, "problem": problem, "objective": objective, "target_group": target,
        "beneficiaries": beneficiaries, "volume": volume, "location": location, "months": months or [],
        "pic": pic, "partners": partners, "indicator_params": indicator_params, "indicator": indicator,
        "budget": budget,
    }
    try:
        row_id = planning.save_plan_row(db, wid, data, row_id=None if choice == NEW else choice)
    except RembugError as exc:
        context.show_error(exc)
    else:
        st.session_state.pop("plan_draft", None)
        st.session_state["row_form_version"] = version + 1
        st.session_state["plan_flash"] = tr("planning.row_saved", activity=md(activity))
        st.rerun()

if choice != NEW:
    c1, c2, c3 = st.columns(3)
    if c1.button(tr("planning.move_up"), key="row_up", icon=":material/arrow_upward:"):
        planning.move_plan_row(db, wid, choice, -1)
        st.rerun()
    if c2.button(tr("planning.move_down"), key="row_down", icon=":material/arrow_downward:"):
        planning.move_plan_row(db, wid, choice, +1)
        st.rerun()
    with c3.popover(tr("planning.delete_row"), icon=":material/delete:"):
        st.write(tr("planning.delete_row_confirm"))
        if st.button(tr("planning.delete_row"), key="row_delete", type="primary"):
            planning.delete_plan_row(db, wid, choice)
            st.session_state.pop("row_choice", None)
            st.session_state["plan_flash"] = tr("planning.row_deleted")
            st.rerun()

# ------------------------------------------------------------------ dimensions left out
st.subheader(tr("planning.left_out_title"))
st.caption(tr("planning.left_out_help"))
left_out = planning.dimensions_left_out(db, wid)
served = {d for r in rows for d in r["dimensions"]}
for d in dims:
    if d in served and d not in left_out:
        continue
    with st.container(border=True):
        st.markdown(f"**{md(planning.dimension_label(d, lang))}**")
        if d in served:
            st.caption(tr("planning.left_out_moot"))
        reason = st.text_input(tr("planning.left_out_reason"), left_out.get(d, ""), max_chars=500,
                               key=f"left_out_{d}")
        c1, c2 = st.columns(2)
        if c1.button(tr("planning.left_out_save"), key=f"left_out_save_{d}"):
            try:
                planning.set_left_out(db, wid, d, reason)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.session_state["plan_flash"] = tr("planning.left_out_saved")
                st.rerun()
        if d in left_out and c2.button(tr("planning.left_out_clear"), key=f"left_out_clear_{d}"):
            planning.clear_left_out(db, wid, d)
            st.rerun()

st.page_link(DOCUMENTS_PAGE, label=tr("planning.go_documents"), icon=":material/description:")
