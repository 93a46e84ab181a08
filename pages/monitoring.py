"""Month-3 monitoring and month-5 evaluation: the visits (who came, the FGD's findings per
dimension, problems, help needed, recommendations), the endline (or midline) scoring of the
14 parameters with the baseline's rubric, and baseline against endline with Δ."""
import pandas as pd
import streamlit as st

from facilitation import assessment, monitoring, planning
from facilitation.content import load_dimensions
from facilitation.errors import RembugError
from facilitation.formatting import format_date
from facilitation.participants import list_participants
from ui import context
from ui.assessment_views import fmt_score, fmt_value, md
from ui.context import tr
from ui.monitoring_charts import comparison_bars, signed

SCORING_PHASES = ("endline", "midline")  # the month-5 evaluation first; the month-3 midline is optional

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()
table = load_dimensions()
st.title(tr("monitoring.visits_title"))
st.caption(tr("monitoring.visits_intro"))

if "monitoring_flash" in st.session_state:
    st.success(st.session_state.pop("monitoring_flash"))

people = {p["id"]: p for p in list_participants(db, wid)}
dims = list(planning.dimension_ids())


def kind_name(kind: str) -> str:
    return tr(f"monitoring.kind_{kind}")


def visit_form(defaults: dict, key: str) -> dict:
    """The fields of one visit inside an open st.form; returns the raw values."""
    data = {}
    c1, c2 = st.columns(2)
    kinds = list(monitoring.KINDS)
    data["kind"] = c1.radio(tr("monitoring.kind"), kinds, index=kinds.index(defaults["kind"]),
                            format_func=kind_name, horizontal=True, key=f"{key}_kind")
    data["visit_date"] = c2.date_input(tr("monitoring.visit_date"), defaults["visit_date"], min_value=ws["day4"],
                                       format="DD/MM/YYYY", key=f"{key}_date")
    c1, c2 = st.columns(2)
    data["facilitators"] = c1.text_input(tr("monitoring.facilitators"), defaults["facilitators"], key=f"{key}_fac")
    data["pendamping"] = c2.text_input(tr("monitoring.pendamping"), defaults["pendamping"], key=f"{key}_pend")
    data["member_ids"] = st.multiselect(tr("monitoring.members"), list(people), default=defaults["member_ids"],
                                        format_func=lambda i: f"{people[i]['name']} ({people[i]['institution']})",
                                        key=f"{key}_members")
    data["others"] = st.text_input(tr("monitoring.others"), defaults["others"], key=f"{key}_others")
    st.markdown(f"**{tr('monitoring.findings')}**")
    st.caption(tr("monitoring.findings_help"))
    data["findings"] = {d: st.text_area(planning.dimension_label(d, lang), defaults["findings"].get(d, ""),
                                        height=80, key=f"{key}_find_{d}") for d in dims}
    data["problems"] = st.text_area(tr("monitoring.problems"), defaults["problems"], key=f"{key}_problems")
    data["help_needed"] = st.text_area(tr("monitoring.help_needed"), defaults["help_needed"], key=f"{key}_help")
    data["recommendations"] = st.text_area(tr("monitoring.recommendations"), defaults["recommendations"],
                                           key=f"{key}_rec")
    return data


visits_tab, score_tab, compare_tab = st.tabs([tr("monitoring.tab_visits"), tr("monitoring.tab_scoring"),
                                              tr("monitoring.tab_compare")])

# ------------------------------------------------------------------ visits
with visits_tab:
    visits = monitoring.list_visits(db, wid)
    if not visits:
        st.info(tr("monitoring.no_visits"))
    for v in visits:
        head = tr("monitoring.visit_label", kind=kind_name(v["kind"]), date=format_date(v["visit_date"], lang))
        with st.expander(head):
            st.markdown(f"**{tr('monitoring.facilitators')}:** {md(v['facilitators'])}  \n"
                        f"**{tr('monitoring.pendamping')}:** {md(v['pendamping'])}  \n"
                        f"**{tr('monitoring.members')}:** {md(', '.join(m['name'] for m in v['members']) or '–')}  \n"
                        f"**{tr('monitoring.others')}:** {md(v['others'] or '–')}")
            for d in dims:
                if v["findings"].get(d):
                    st.markdown(f"**{md(planning.dimension_label(d, lang))}:** {md(v['findings'][d])}")
            for label, field in (("problems", "problems"), ("help_needed", "help_needed"),
                                 ("recommendations", "recommendations")):
                if v[field]:
                    st.markdown(f"**{tr('monitoring.' + label)}:** {md(v[field])}")
            with st.form(f"visit_edit_{v['id']}"):
                data = visit_form(v, f"mv_edit{v['id']}")
                c1, c2 = st.columns(2)
                save = c1.form_submit_button(tr("monitoring.save_visit"), type="primary")
                delete = c2.form_submit_button(tr("monitoring.delete_visit"))
            try:
                if save:
                    monitoring.save_visit(db, wid, data, v["id"])
                    st.session_state["monitoring_flash"] = tr("monitoring.visit_saved")
                    st.rerun()
                if delete:
                    monitoring.delete_visit(db, wid, v["id"])
                    st.session_state["monitoring_flash"] = tr("monitoring.visit_deleted")
                    st.rerun()
            except RembugError as exc:
                context.show_error(exc)

    st.subheader(tr("monitoring.new_visit"))
    kinds_done = {v["kind"] for v in visits}
    next_kind = "evaluasi" if "monitoring" in kinds_done else "monitoring"
    with st.form("visit_add"):
        data = visit_form(monitoring.visit_defaults(ws, next_kind), "mv_add")
        if st.form_submit_button(tr("monitoring.save_visit"), type="primary"):
            try:
                monitoring.save_visit(db, wid, data)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.session_state["monitoring_flash"] = tr("monitoring.visit_saved")
                st.rerun()

# ------------------------------------------------------------------ endline (or midline) scoring
with score_tab:
    phase = st.radio(tr("monitoring.phase"), SCORING_PHASES, horizontal=True,
                     format_func=lambda p: tr(f"monitoring.phase_{p}"), key="mv_phase")
    st.caption(tr("monitoring.scoring_intro"))
    baseline = assessment.list_scores(db, wid, "baseline")
    scores = assessment.list_scores(db, wid, phase)
    param_ids = [p.id for p in table.parameters]

    def _label(pid: str) -> str:
        row = scores.get(pid)
        status = "○" if row is None else (f"✓ {fmt_score(row['score'])}" if row["confirmed"]
                                          else f"… {fmt_score(row['score'])}")
        return f"{pid} · {table.parameter(pid).short.get(lang)}  [{status}]"

    pid = st.selectbox(tr("monitoring.parameter"), param_ids, format_func=_label, key=f"mv_param_{phase}")
    param = table.parameter(pid)
    existing = scores.get(pid)
    st.subheader(f"{param.id} · {param.short.get(lang)}")
    st.write(md(param.text.get(lang)))
    st.info(tr("monitoring.evidence_prompt", text=param.evidence.get(lang)))
    if param.trend:
        st.caption(tr("monitoring.trend_note"))
    base = baseline.get(pid)
    st.markdown(tr("monitoring.baseline_was", score=fmt_score(base["score"]) if base else "–"))
    for level in sorted(param.rubric, reverse=True):
        mark = "✅ " if existing and level in {int(existing["score"]), -(-existing["score"] // 1)} else ""
        st.markdown(f"{mark}**{level}** — {md(param.rubric[level].get(lang))}")
    with st.form(f"mv_score_{phase}_{pid}"):
        score = st.select_slider(tr("monitoring.score"), [float(s) for s in assessment.SCORES], format_func=fmt_score,
                                 value=existing["score"] if existing else (base["score"] if base else 3.0),
                                 key=f"mv_s_{phase}_{pid}")
        reason = st.text_area(tr("monitoring.reason"), existing["reason"] if existing else "",
                              help=tr("monitoring.reason_help"), key=f"mv_r_{phase}_{pid}")
        evidence = st.text_area(tr("monitoring.evidence"), existing["evidence"] if existing else "",
                                help=param.evidence.get(lang), key=f"mv_e_{phase}_{pid}")
        methods = [m for m in assessment.METHODS if m != "phone_poll"]
        method = st.selectbox(tr("monitoring.method"), methods, format_func=lambda m: tr(f"monitoring.method_{m}"),
                              index=methods.index(existing["method"]) if existing and existing["method"] in methods else 0,
                              key=f"mv_m_{phase}_{pid}")
        no_incident = False
        if param.dimension_id == assessment.CONFLICT_DIMENSION:
            no_incident = st.checkbox(tr("monitoring.no_incident"), existing["no_incident"] if existing else False,
                                      key=f"mv_n_{phase}_{pid}")
        c1, c2 = st.columns(2)
        confirm = c1.form_submit_button(tr("monitoring.confirm_score"), type="primary")
        draft = c2.form_submit_button(tr("monitoring.save_draft"))
    if confirm or draft:
        try:
            assessment.save_score(db, wid, pid, {"score": score, "reason": reason, "evidence": evidence,
                                                 "method": method, "no_incident": no_incident,
                                                 "confirmed": bool(confirm)}, phase=phase)
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.session_state["monitoring_flash"] = tr("monitoring.score_saved", id=pid, score=fmt_score(score))
            st.rerun()
    st.dataframe(pd.DataFrame([{
        tr("monitoring.parameter"): f"{p.id} {p.short.get(lang)}",
        tr("monitoring.phase_baseline"): fmt_score(baseline[p.id]["score"]) if p.id in baseline else "–",
        tr(f"monitoring.phase_{phase}"): (fmt_score(scores[p.id]["score"]) + ("" if scores[p.id]["confirmed"] else " …"))
        if p.id in scores else "–",
    } for p in table.parameters]), hide_index=True, width="stretch")

# ------------------------------------------------------------------ baseline vs endline
with compare_tab:
    comp = monitoring.comparison(db, wid, lang)
    o = comp.overall
    c = st.columns(3)
    c[0].metric(tr("monitoring.phase_baseline"), fmt_value(o.baseline))
    c[1].metric(tr("monitoring.phase_endline"), fmt_value(o.endline),
                None if o.delta is None else fmt_value(o.delta))
    counts = comp.counts()
    c[2].metric(tr("monitoring.improved"), counts["improved"],
                tr("monitoring.counts_rest", unchanged=counts["unchanged"], declined=counts["declined"]),
                delta_color="off", delta_arrow="off")
    st.caption(tr("monitoring.overall_caption"))
    if counts["missing"]:
        st.warning(tr("monitoring.compare_missing", count=counts["missing"]))
    phases = {"baseline": tr("monitoring.phase_baseline")}
    if comp.has_midline:
        phases["midline"] = tr("monitoring.phase_midline")
    phases["endline"] = tr("monitoring.phase_endline")
    level_rows = {
        "dimension": [d.as_row() for d in comp.dimensions] + [{**o.as_row(), "label": tr("monitoring.overall")}],
        "criterion": [x.as_row() for x in comp.criteria],
        "parameter": [x.as_row() for x in comp.parameters],
    }
    level = st.segmented_control(tr("monitoring.level"), list(level_rows), default="dimension",
                                 format_func=lambda k: tr(f"monitoring.level_{k}"), key="mv_level")
    shown = level_rows[level or "dimension"]
    st.altair_chart(comparison_bars(shown, phases, value_title=tr("monitoring.index_0_100")), width="stretch")
    st.dataframe(pd.DataFrame([{
        tr("monitoring.item"): r["label"],
        **{phases[k]: fmt_value(r[k]) for k in phases},
        tr("monitoring.delta"): signed(r["delta"], lang),
    } for r in shown]), hide_index=True, width="stretch")
    st.caption(tr("monitoring.compare_note"))
