"""Progress of the action plan in the six months after the workshop: dated entries per plan
row (status, percent, beneficiaries, money spent per source, obstacles, follow-up) and the
dashboard: completion per dimension, activity per month against the Gantt, money against
the budget."""
import datetime as dt

import pandas as pd
import streamlit as st

from facilitation import planning, progress
from facilitation.errors import RembugError
from facilitation.formatting import format_date, rupiah
from ui import context
from ui.context import tr
from ui.monitoring_charts import gantt_progress, money_chart, month_bars, percent_bars

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()
st.title(tr("monitoring.progress_title"))
st.caption(tr("monitoring.progress_intro"))

if "progress_flash" in st.session_state:
    st.success(st.session_state.pop("progress_flash"))

rows = planning.list_plan_rows(db, wid)
if not rows:
    st.info(tr("monitoring.no_plan"))
    st.stop()

plan = progress.plan_progress(db, wid)
month_labels = planning.month_names(ws, lang)
by_id = {r["id"]: r for r in rows}
source_labels = {s: planning.source_label(s, lang) for s in planning.SOURCES}


def status_name(status: str) -> str:
    return progress.status_label(status, lang)


def entry_form(defaults: dict, key: str) -> dict:
    """The fields of one progress entry inside an open st.form; returns the raw values."""
    row_ids = list(by_id)
    data = {"row_id": st.selectbox(tr("monitoring.row"), row_ids,
                                   index=row_ids.index(defaults["row_id"]) if defaults.get("row_id") in by_id else 0,
                                   format_func=lambda i: f"{by_id[i]['no']}. {by_id[i]['activity']}",
                                   key=f"{key}_row")}
    c1, c2, c3 = st.columns(3)
    data["entry_date"] = c1.date_input(tr("monitoring.entry_date"),
                                       defaults.get("entry_date") or max(dt.date.today(), ws["day4"]),
                                       min_value=ws["day4"], format="DD/MM/YYYY", key=f"{key}_date")
    data["status"] = c2.selectbox(tr("monitoring.status"), list(progress.STATUSES),
                                  index=list(progress.STATUSES).index(defaults.get("status", "berjalan")),
                                  format_func=status_name, key=f"{key}_status")
    data["percent"] = c3.number_input(tr("monitoring.percent"), 0, 100, int(defaults.get("percent", 0)), step=5,
                                      key=f"{key}_percent")
    c1, c2 = st.columns(2)
    data["beneficiaries"] = c1.number_input(tr("monitoring.beneficiaries"), 0, 1_000_000,
                                            value=defaults.get("beneficiaries"), step=1, key=f"{key}_benef",
                                            help=tr("monitoring.beneficiaries_help"))
    data["reported_by"] = c2.text_input(tr("monitoring.reported_by"), defaults.get("reported_by", ""),
                                        key=f"{key}_by")
    st.markdown(f"**{tr('monitoring.spent_heading')}**")
    st.caption(tr("monitoring.spent_help"))
    cols = st.columns(len(planning.SOURCES))
    for col, s in zip(cols, planning.SOURCES):
        data[f"spent_{s}"] = col.number_input(source_labels[s], 0, planning.MAX_AMOUNT,
                                              int(defaults.get("spent", {}).get(s, 0)), step=10_000,
                                              key=f"{key}_spent_{s}")
    data["obstacles"] = st.text_area(tr("monitoring.obstacles"), defaults.get("obstacles", ""), key=f"{key}_obst")
    data["follow_up"] = st.text_area(tr("monitoring.follow_up"), defaults.get("follow_up", ""), key=f"{key}_follow")
    return data


dash_tab, record_tab, history_tab = st.tabs([tr("monitoring.tab_dashboard"), tr("monitoring.tab_record"),
                                             tr("monitoring.tab_history")])

# ------------------------------------------------------------------ dashboard
with dash_tab:
    counts = plan.status_counts
    c = st.columns(5)
    c[0].metric(tr("monitoring.completion"), "–" if plan.completion is None else f"{plan.completion_percent:.0f}%")
    for col, s in zip(c[1:], progress.STATUSES):
        col.metric(status_name(s), counts[s])
    money = plan.money["total"]
    st.caption(tr("monitoring.money_line", spent=rupiah(money["spent"]), budget=rupiah(money["budget"])))
    behind = [r for r in plan.rows if r.behind]
    if behind:
        st.warning(tr("monitoring.behind", rows=", ".join(str(r.no) for r in behind)))
    over = [r for r in plan.rows if r.over_budget]
    if over:
        st.warning(tr("monitoring.over_budget", rows=", ".join(str(r.no) for r in over)))

    st.subheader(tr("monitoring.per_dimension"))
    st.altair_chart(percent_bars(
        [{"label": planning.dimension_label(d["dimension"], lang),
          "value": None if d["completion"] is None else float(d["completion"])} for d in plan.by_dimension],
        label_title=tr("monitoring.dimension"), value_title=tr("monitoring.completion")), width="stretch")

    st.subheader(tr("monitoring.gantt_title"))
    st.caption(tr("monitoring.gantt_help"))
    names = {"both": tr("monitoring.gantt_both"), "planned": tr("monitoring.gantt_planned"),
             "extra": tr("monitoring.gantt_extra")}
    st.altair_chart(gantt_progress(plan.rows, month_labels, list(plan.months), names,
                                   activity_title=tr("monitoring.activity"), month_title=tr("monitoring.month"),
                                   legend_title=tr("monitoring.gantt_legend")), width="stretch")
    st.altair_chart(month_bars(plan.by_month, month_labels, planned_title=tr("monitoring.gantt_planned_n"),
                               active_title=tr("monitoring.gantt_active_n"), month_title=tr("monitoring.month"),
                               count_title=tr("monitoring.activities")), width="stretch")

    st.subheader(tr("monitoring.money_title"))
    st.altair_chart(money_chart(plan.money, source_labels, budget_title=tr("monitoring.budget"),
                                spent_title=tr("monitoring.spent"), amount_title=tr("monitoring.rupiah"),
                                source_title=tr("monitoring.source")), width="stretch")
    st.dataframe(pd.DataFrame([
        {tr("monitoring.source"): source_labels.get(s, tr("monitoring.total")),
         tr("monitoring.budget"): rupiah(plan.money[s]["budget"]), tr("monitoring.spent"): rupiah(plan.money[s]["spent"]),
         tr("monitoring.left"): rupiah(plan.money[s]["left"])}
        for s in (*planning.SOURCES, "total")]), hide_index=True, width="stretch")

    st.subheader(tr("monitoring.per_activity"))
    st.dataframe(pd.DataFrame([{
        tr("monitoring.no"): r.no, tr("monitoring.activity"): r.activity,
        tr("monitoring.status"): status_name(r.status), tr("monitoring.percent"): r.percent,
        tr("monitoring.beneficiaries"): "–" if r.beneficiaries is None else
        f"{r.beneficiaries}" + ("" if r.beneficiaries_planned is None else f" / {r.beneficiaries_planned}"),
        tr("monitoring.spent"): f"{rupiah(r.spent_total)} / {rupiah(r.budget_total)}",
        tr("monitoring.last_entry"): "–" if r.last_date is None else format_date(r.last_date, lang, weekday=False),
        tr("monitoring.obstacles"): r.obstacles,
    } for r in plan.rows]), hide_index=True, width="stretch")

# ------------------------------------------------------------------ record an entry
with record_tab:
    with st.form("progress_add", clear_on_submit=False):
        data = entry_form({}, "pg_add")
        if st.form_submit_button(tr("monitoring.save_entry"), type="primary"):
            try:
                progress.add_entry(db, wid, data)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.session_state["progress_flash"] = tr("monitoring.entry_saved", activity=by_id[data["row_id"]]["activity"])
                st.rerun()

# ------------------------------------------------------------------ history, edit, delete
with history_tab:
    entries = progress.list_entries(db, wid)
    if not entries:
        st.info(tr("monitoring.no_entries"))
    else:
        st.dataframe(pd.DataFrame([{
            tr("monitoring.entry_date"): format_date(e["entry_date"], lang, weekday=False),
            tr("monitoring.month"): e["month"],
            tr("monitoring.activity"): f"{by_id[e['row_id']]['no']}. {by_id[e['row_id']]['activity']}",
            tr("monitoring.status"): status_name(e["status"]), tr("monitoring.percent"): e["percent"],
            tr("monitoring.beneficiaries"): e["beneficiaries"], tr("monitoring.spent"): rupiah(e["spent_total"]),
            tr("monitoring.obstacles"): e["obstacles"], tr("monitoring.follow_up"): e["follow_up"],
        } for e in reversed(entries)]), hide_index=True, width="stretch")
        by_entry = {e["id"]: e for e in entries}
        chosen = st.selectbox(tr("monitoring.select_entry"), [None, *reversed(list(by_entry))],
                              format_func=lambda i: "—" if i is None else
                              f"{format_date(by_entry[i]['entry_date'], lang, weekday=False)} · "
                              f"{by_id[by_entry[i]['row_id']]['activity']}", key="pg_edit_choice")
        if chosen is not None:
            with st.form(f"progress_edit_{chosen}"):
                data = entry_form(by_entry[chosen], f"pg_edit{chosen}")
                c1, c2 = st.columns(2)
                save = c1.form_submit_button(tr("monitoring.save_entry"), type="primary")
                delete = c2.form_submit_button(tr("monitoring.delete_entry"))
            try:
                if save:
                    progress.update_entry(db, wid, chosen, data)
                    st.session_state["progress_flash"] = tr("monitoring.entry_updated")
                    st.rerun()
                if delete:
                    progress.delete_entry(db, wid, chosen)
                    st.session_state["progress_flash"] = tr("monitoring.entry_deleted")
                    st.session_state.pop("pg_edit_choice", None)
                    st.rerun()
            except RembugError as exc:
                context.show_error(exc)
        st.caption(tr("monitoring.history_note"))
