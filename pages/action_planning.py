"""ToP action planning for each chosen activity: victory, current reality, commitment,
key actions and their calendar over months 1–6; then carry it into the action plan."""
import streamlit as st

from facilitation import content, planning
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui import context
from ui.context import tr
from ui.planning_widgets import gantt_chart, md

IDEAS_PAGE = "pages/ideas.py"  # a page path, not user-visible text

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()
st.title(tr("planning.action_planning_title"))
st.caption(tr("planning.action_planning_intro"))

dims = list(planning.dimension_ids())
month_labels = planning.month_names(ws, lang)


def dim_label(d) -> str:
    # format functions may run outside the page's run (AppTest): the language is bound here
    return t("planning.no_dimension", lang) if not d else planning.dimension_label(d, lang)


if "ap_flash" in st.session_state:
    st.success(st.session_state.pop("ap_flash"))

with st.expander(tr("planning.add_activity")):
    with st.form("add_activity", clear_on_submit=True):
        title = st.text_input(tr("planning.activity_title"), max_chars=200, key="new_activity_title")
        dim = st.selectbox(tr("planning.dimension"), [None, *dims], format_func=dim_label, key="new_activity_dim")
        if st.form_submit_button(tr("planning.add_activity"), type="primary"):
            try:
                planning.add_activity(db, wid, title, dim)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.session_state["ap_flash"] = tr("planning.activity_added")
                st.rerun()

activities = planning.list_activities(db, wid)
if not activities:
    st.info(tr("planning.no_activities"))
    st.page_link(IDEAS_PAGE, label=tr("planning.go_ideas"), icon=":material/arrow_back:")
    st.stop()

by_id = {a["id"]: a for a in activities}


def act_label(activity_id) -> str:
    a = by_id[activity_id]
    return f"{a['title']} ({a['dimension']})" if a["dimension"] else a["title"]


# which candidates the group plans in detail (in four dimension groups, then in plenary)
with st.form("choose_form"):
    chosen = st.multiselect(tr("planning.chosen_activities"), list(by_id), format_func=act_label,
                            default=[a["id"] for a in activities if a["chosen"]], key="chosen_activities",
                            placeholder=tr("planning.activities_placeholder"))
    if st.form_submit_button(tr("planning.save_choice")):
        for a in activities:
            if a["chosen"] != (a["id"] in chosen):
                planning.set_chosen(db, wid, a["id"], a["id"] in chosen)
        st.session_state["ap_flash"] = tr("planning.choice_saved")
        st.rerun()

planned_ids = [a["id"] for a in activities if a["chosen"]] or list(by_id)
current = st.selectbox(tr("planning.activity_to_plan"), planned_ids, format_func=act_label, key="ap_activity")
act = by_id[current]
params = list(content.parameter_ids())
st.divider()
st.header(md(act["title"]))

with st.form(f"activity_form_{current}"):
    c1, c2 = st.columns([3, 1])
    title = c1.text_input(tr("planning.activity_title"), act["title"], max_chars=200, key=f"ap_title_{current}")
    dim = c2.selectbox(tr("planning.dimension"), [None, *dims], format_func=dim_label,
                       index=[None, *dims].index(act["dimension"]) if act["dimension"] in dims else 0,
                       key=f"ap_dim_{current}")
    st.markdown(f"**{tr('planning.step_victory')}**")
    victory = st.text_area(tr("planning.victory"), act["victory"], max_chars=1000, key=f"ap_victory_{current}",
                           help=tr("planning.victory_help"))
    st.markdown(f"**{tr('planning.step_reality')}**")
    r1, r2 = st.columns(2)
    strengths = r1.text_area(tr("planning.strengths"), act["strengths"], max_chars=1000, key=f"ap_str_{current}")
    weaknesses = r2.text_area(tr("planning.weaknesses"), act["weaknesses"], max_chars=1000, key=f"ap_weak_{current}")
    benefits = r1.text_area(tr("planning.benefits"), act["benefits"], max_chars=1000, key=f"ap_ben_{current}")
    dangers = r2.text_area(tr("planning.dangers"), act["dangers"], max_chars=1000, key=f"ap_dan_{current}")
    st.markdown(f"**{tr('planning.step_commitment')}**")
    k1, k2 = st.columns([3, 1])
    commitment = k1.text_area(tr("planning.commitment"), act["commitment"], max_chars=500,
                              key=f"ap_commit_{current}", help=tr("planning.commitment_help"))
    due = k2.date_input(tr("planning.due_date"), act["due_date"], format="DD/MM/YYYY", key=f"ap_due_{current}")
    linked = st.multiselect(tr("planning.linked_params"), params, default=act["linked_params"] or [],
                            format_func=lambda p: planning.parameter_label(p, lang), key=f"ap_params_{current}",
                            placeholder=tr("planning.params_placeholder"))
    risks = st.text_area(tr("planning.risks"), act["risks"], max_chars=1000, key=f"ap_risks_{current}",
                         help=tr("planning.risks_help"))
    if st.form_submit_button(tr("planning.save_activity"), type="primary"):
        try:
            planning.save_activity(db, wid, current, {
                "activity_title": title, "dimension": dim, "victory": victory, "strengths": strengths,
                "weaknesses": weaknesses, "benefits": benefits, "dangers": dangers, "commitment": commitment,
                "commitment_due": due, "linked_params": linked, "risks": risks,
            })
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.session_state["ap_flash"] = tr("planning.activity_saved")
            st.rerun()

st.subheader(tr("planning.step_actions"))
st.caption(tr("planning.actions_help"))
months = list(planning.PLAN_MONTHS)


def month_label(m: int) -> str:
    return t("planning.month_n", lang, n=m, name=month_labels[m - 1])


slots = len(act["actions"]) + 3
with st.form(f"actions_form_{current}"):
    entries = []
    for i in range(slots):
        existing = act["actions"][i] if i < len(act["actions"]) else {}
        c1, c2, c3, c4 = st.columns([4, 1.3, 1.3, 2])
        show = "visible" if i == 0 else "collapsed"
        entries.append({
            "action_text": c1.text_input(tr("planning.action_text"), existing.get("text", ""), max_chars=200,
                                         key=f"ka_text_{current}_{i}", label_visibility=show),
            "month_start": c2.selectbox(tr("planning.month_start"), months, format_func=month_label,
                                        index=existing.get("month_start", 1) - 1, key=f"ka_start_{current}_{i}",
                                        label_visibility=show),
            "month_end": c3.selectbox(tr("planning.month_end"), months, format_func=month_label,
                                      index=existing.get("month_end", 1) - 1, key=f"ka_end_{current}_{i}",
                                      label_visibility=show),
            "action_who": c4.text_input(tr("planning.action_who"), existing.get("who", ""), max_chars=200,
                                        key=f"ka_who_{current}_{i}", label_visibility=show),
        })
    if st.form_submit_button(tr("planning.save_actions"), type="primary"):
        try:
            planning.save_key_actions(db, wid, current, entries)
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.session_state["ap_flash"] = tr("planning.actions_saved")
            st.rerun()

if act["actions"]:
    st.subheader(tr("planning.calendar"))
    chart = gantt_chart(
        [{"label": f"{n}. {a['text']}", "months": range(a["month_start"], a["month_end"] + 1),
          "group": a["who"] or tr("planning.nobody_yet")} for n, a in enumerate(act["actions"], start=1)],
        month_labels, label_title=tr("planning.action_text"), month_title=tr("planning.month"),
        group_title=tr("planning.action_who"))
    st.altair_chart(chart, width="stretch")

st.divider()
st.caption(tr("planning.to_plan_help"))
if st.button(tr("planning.to_plan"), key="to_plan", type="primary", icon=":material/table_chart:"):
    st.session_state["plan_draft"] = planning.row_draft_from_activity(planning.get_activity(db, wid, current))
    st.session_state["row_form_version"] = st.session_state.get("row_form_version", 0) + 1  # a fresh form
    st.session_state.pop("row_choice", None)  # on the new row
    st.switch_page("pages/action_plan.py")
