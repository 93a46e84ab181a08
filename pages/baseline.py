"""Baseline (day 2, MPA ladders): score the 14 parameters 1–5 with the rubric on screen, from
phones or by show of hands or consensus; the facilitator confirms each group score with its
evidence; the baseline chart per dimension and parameter, also as a projector view."""
import pandas as pd
import streamlit as st

from facilitation import assessment as svc
from facilitation.content import load_dimensions
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui import context
from ui.assessment_views import fmt_score, fmt_value, index_bars, md, rating_bars

PHASE = "baseline"
SCORE_OPTIONS = [float(s) for s in svc.SCORES]

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()


def tr(key: str, **params) -> str:
    """This run's language, fixed: widgets' format_funcs may be called outside the run."""
    return t(key, lang, **params)
table = load_dimensions()
params = table.parameters
param_ids = [p.id for p in params]

st.title(tr("assessment.baseline_title"))
projector = st.toggle(tr("assessment.projector_view"), key="bl_projector")

if "bl_param" not in st.session_state:
    st.session_state["bl_param"] = param_ids[0]


def _step(delta: int) -> None:
    i = param_ids.index(st.session_state["bl_param"])
    st.session_state["bl_param"] = param_ids[(i + delta) % len(param_ids)]


def ladder(param, current: float | None, big: bool = False) -> None:
    """The five steps, top (5) to bottom (1); the chosen step (or the two around a half-step) marked."""
    near = set() if current is None else {int(current), -(-current // 1)}
    for level in sorted(param.rubric, reverse=True):
        mark = ":material/check_circle: " if level in near else ""
        text = md(param.rubric[level].get(lang))
        st.markdown(f"{'### ' if big else ''}{mark}**{level}** — {text}")


def index_overview(big: bool) -> None:
    index = svc.assessment_index(db, wid, PHASE)
    rows = svc.chart_rows(index, lang)
    bands = svc.band_labels(lang)
    cols = st.columns(5)
    overall = index.overall
    cols[0].metric(tr("assessment.overall_index"), fmt_value(overall.value_100, lang),
                   bands.get(overall.band, tr("assessment.not_scored")), delta_color="off", delta_arrow="off")
    for col, d in zip(cols[1:], rows["dimensions"]):
        col.metric(d["label"], fmt_value(d["value"], lang), bands.get(d["band"], tr("assessment.not_scored")),
                   delta_color="off", delta_arrow="off")
    st.altair_chart(index_bars(rows["dimensions"], bands, big=big), width="stretch")
    if not big:
        st.subheader(tr("assessment.per_parameter"))
        st.altair_chart(index_bars(rows["parameters"], bands), width="stretch")
    if overall.missing:
        st.warning(tr("assessment.missing_parameters", count=len(overall.missing), ids=", ".join(overall.missing)))
    st.caption(tr("assessment.index_note"))


def rating_live(poll_id: int, big: bool) -> None:
    summary = svc.rating_summary(db, wid, poll_id)
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("assessment.answers"), summary.n)
    c2.metric(tr("assessment.mean"), fmt_score(None if summary.mean is None else round(float(summary.mean), 2), lang))
    c3.metric(tr("assessment.median"), fmt_score(summary.median, lang))
    if summary.n:
        st.altair_chart(rating_bars(summary.total, big=big), width="stretch")
    if not big:
        frame = pd.DataFrame({tr("assessment.level"): list(summary.total),
                              tr("assessment.from_phones"): list(summary.phone.values()),
                              tr("assessment.from_hands"): list(summary.hand.values()),
                              tr("assessment.count"): list(summary.total.values())})
        st.dataframe(frame, hide_index=True, width="stretch")


# ---------------------------------------------------------------- projector view

if projector:
    @st.fragment(run_every=2)
    def projector_view() -> None:
        param = table.parameter(st.session_state["bl_param"])
        scores = svc.list_scores(db, wid, PHASE)
        st.header(f"{param.id} · {param.short.get(lang)}")
        st.subheader(param.text.get(lang))
        current = scores.get(param.id)
        ladder(param, current["score"] if current and current["confirmed"] else None, big=True)
        poll = svc.rating_polls(db, wid, PHASE).get(param.id)
        if poll is not None:
            rating_live(poll["id"], big=True)
        st.divider()
        index_overview(big=True)

    c1, c2 = st.columns(2)
    c1.button(tr("assessment.previous"), key="bl_prev_p", on_click=_step, args=(-1,), icon=":material/arrow_back:")
    c2.button(tr("assessment.next"), key="bl_next_p", on_click=_step, args=(1,), icon=":material/arrow_forward:")
    projector_view()
    st.stop()

# ---------------------------------------------------------------- facilitator view

st.caption(tr("assessment.baseline_intro"))
scores = svc.list_scores(db, wid, PHASE)


def _param_label(pid: str) -> str:
    p = table.parameter(pid)
    row = scores.get(pid)
    if row is None:
        status = "○"
    elif row["confirmed"]:
        status = f"✓ {fmt_score(row['score'], lang)}"
    else:
        status = f"… {fmt_score(row['score'], lang)}"
    return f"{pid} · {p.short.get(lang)}  [{status}]"


param_labels = {pid: _param_label(pid) for pid in param_ids}  # fixed for this run, as the options shown

score_tab, chart_tab = st.tabs([tr("assessment.tab_scoring"), tr("assessment.tab_chart")])

with score_tab:
    c1, c2, c3 = st.columns([2, 5, 2], vertical_alignment="bottom")
    c1.button(tr("assessment.previous"), key="bl_prev", on_click=_step, args=(-1,), icon=":material/arrow_back:")
    pid = c2.selectbox(tr("assessment.parameter"), param_ids, format_func=param_labels.get, key="bl_param")
    c3.button(tr("assessment.next"), key="bl_next", on_click=_step, args=(1,), icon=":material/arrow_forward:")
    param = table.parameter(pid)
    dim = table.dimension(param.dimension_id)
    crit = next(c for c in dim.criteria if any(p.id == pid for p in c.parameters))
    existing = scores.get(pid)

    st.subheader(f"{param.id} · {param.short.get(lang)}")
    st.caption(f"{dim.id} {dim.name.get(lang)} › {crit.id} {crit.text.get(lang)}")
    st.write(md(param.text.get(lang)))
    st.info(tr("assessment.evidence_prompt", text=param.evidence.get(lang)))
    if param.trend:
        st.caption(tr("assessment.trend_note"))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('assessment.ladder')}**")
        ladder(param, existing["score"] if existing else None)

    poll = svc.rating_polls(db, wid, PHASE).get(pid)
    summary = None
    with right, st.container(border=True):
        st.markdown(f"**{tr('assessment.rating_title')}**")
        st.caption(tr("assessment.rating_help"))
        if poll is None or poll["status"] == "closed":
            if st.button(tr("assessment.rating_open"), key=f"bl_open_{pid}", type="primary",
                         icon=":material/smartphone:"):
                try:
                    svc.open_rating_poll(db, wid, pid, PHASE, lang=lang)
                except RembugError as exc:
                    context.show_error(exc)
                else:
                    st.rerun()
        if poll is not None:
            is_open = poll["status"] == "open"
            st.caption(tr(f"assessment.poll_status_{poll['status']}"))
            st.fragment(run_every=2 if is_open else None)(rating_live)(poll["id"], False)
            summary = svc.rating_summary(db, wid, poll["id"])
            if is_open and st.button(tr("assessment.rating_close"), key=f"bl_close_{pid}",
                                     icon=":material/stop_circle:"):
                svc.close_rating_poll(db, wid, poll["id"])
                st.rerun()
            with st.form(f"bl_hands_{poll['id']}"):
                st.markdown(f"**{tr('assessment.hands_title')}**")
                cols = st.columns(5)
                counts = {lvl: cols[i].number_input(str(lvl), min_value=0, max_value=500, step=1,
                                                    value=int(summary.hand[lvl]), key=f"bl_hand_{poll['id']}_{lvl}")
                          for i, lvl in enumerate(svc.LEVELS)}
                if st.form_submit_button(tr("assessment.hands_save")):
                    try:
                        svc.record_rating_hands(db, wid, poll["id"], counts)
                    except RembugError as exc:
                        context.show_error(exc)
                    else:
                        st.rerun()

    # ----- the group score
    score_key, method_key = f"bl_score_{pid}", f"bl_method_{pid}"
    if score_key not in st.session_state:
        st.session_state[score_key] = existing["score"] if existing else 3.0
    if method_key not in st.session_state:
        st.session_state[method_key] = existing["method"] if existing else "ladder"
    if summary is not None and summary.median is not None:
        def _use_poll(median=float(summary.median), by_phone=sum(summary.phone.values()) > 0):
            st.session_state[score_key] = median
            st.session_state[method_key] = "phone_poll" if by_phone else "hands"

        st.button(tr("assessment.use_median", median=fmt_score(summary.median, lang)), key=f"bl_use_{pid}",
                  on_click=_use_poll, icon=":material/input:")

    with st.form(f"bl_form_{pid}"):
        st.markdown(f"**{tr('assessment.group_score')}**")
        score = st.select_slider(tr("assessment.score"), SCORE_OPTIONS, format_func=lambda v: fmt_score(v, lang),
                                 key=score_key)
        reason = st.text_area(tr("assessment.reason"), existing["reason"] if existing else "",
                              help=tr("assessment.reason_help"), key=f"bl_reason_{pid}")
        evidence = st.text_area(tr("assessment.evidence"), existing["evidence"] if existing else "",
                                help=param.evidence.get(lang), key=f"bl_evidence_{pid}")
        method = st.selectbox(tr("assessment.method"), list(svc.METHODS),
                              format_func=lambda m: tr(f"assessment.method_{m}"), key=method_key)
        no_incident = False
        if param.dimension_id == svc.CONFLICT_DIMENSION:
            no_incident = st.checkbox(tr("assessment.no_incident"), existing["no_incident"] if existing else False,
                                      help=tr("assessment.no_incident_help"), key=f"bl_noinc_{pid}")
        c1, c2 = st.columns(2)
        confirm = c1.form_submit_button(tr("assessment.confirm_score"), type="primary")
        draft = c2.form_submit_button(tr("assessment.save_draft"))
    if confirm or draft:
        try:
            svc.save_score(db, wid, pid, {
                "score": score, "reason": reason, "evidence": evidence, "method": method,
                "no_incident": no_incident, "confirmed": bool(confirm),
                "poll_id": poll["id"] if poll is not None and method in ("phone_poll", "hands") else None,
            }, phase=PHASE)
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.success(tr("assessment.score_confirmed" if confirm else "assessment.score_drafted",
                          id=pid, score=fmt_score(score, lang)))
            scores = svc.list_scores(db, wid, PHASE)
    if pid in scores and st.button(tr("assessment.clear_score"), key=f"bl_clear_{pid}", icon=":material/delete:"):
        svc.clear_score(db, wid, pid, PHASE)
        for key in (score_key, method_key):
            st.session_state.pop(key, None)
        st.rerun()

    st.subheader(tr("assessment.all_parameters"))
    overview = []
    for p in params:
        row = scores.get(p.id)
        overview.append({
            tr("assessment.parameter"): f"{p.id} {p.short.get(lang)}",
            tr("assessment.score"): fmt_score(row["score"], lang) if row else "–",
            tr("assessment.index"): fmt_value(row["value_100"], lang) if row else "–",
            tr("assessment.method"): tr(f"assessment.method_{row['method']}") if row else "",
            tr("assessment.status"): (tr("assessment.status_confirmed") if row["confirmed"]
                                      else tr("assessment.status_draft")) if row else tr("assessment.not_scored"),
        })
    st.dataframe(pd.DataFrame(overview), hide_index=True, width="stretch", height=36 * (len(overview) + 1) + 3)

with chart_tab:
    index_overview(big=False)
