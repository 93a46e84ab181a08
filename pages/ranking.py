"""Problem ranking (day 2–3): dot voting, ranking (Borda) or pairwise ranking over the listed
problems, as a live poll; the priority order with ties and the chosen tie rule; the top N
marked as priority problems, which planning carries forward with their dimension."""
import pandas as pd
import streamlit as st

from facilitation import assessment_ranking as rk
from facilitation import voting
from facilitation.content import load_dimensions
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui import context, live_panels
from ui.assessment_views import md, ranking_bars

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()


def tr(key: str, **params) -> str:
    """This run's language, fixed: widgets' format_funcs may be called outside the run."""
    return t(key, lang, **params)
table = load_dimensions()
scope_label = {"all": tr("assessment.all_dimensions"),
               **{d.id: f"{d.id} {d.short.get(lang)}" for d in table.dimensions}}

st.title(tr("assessment.ranking_title"))
if "rk_flash" in st.session_state:
    st.success(st.session_state.pop("rk_flash"))
projector = st.toggle(tr("assessment.projector_view"), key="rk_projector")
rankings = rk.list_rankings(db, wid)


def poll_label(poll: dict) -> str:
    return (f"#{poll['id']} · {scope_label.get(poll['source_ref'], poll['source_ref'])} · "
            f"{tr('live.kind_' + poll['kind'])} · {tr('live.status_' + poll['status'])}")


def result_table(rows: list[dict]) -> None:
    frame = pd.DataFrame([{
        tr("assessment.rank"): live_panels.rank_text(r),
        tr("assessment.problem"): r["text"],
        tr("assessment.dimension"): r["dimension"],
        tr("assessment.from_phones"): f"{r['phone']:g}",
        tr("assessment.from_hands"): f"{r['hand']:g}",
        tr("assessment.points"): f"{r['total']:g}",
        tr("assessment.priority"): "★" if r["priority"] else "",
    } for r in rows])
    st.dataframe(frame, hide_index=True, width="stretch")


def priorities_view(big: bool = False) -> None:
    chosen = rk.priority_list(db, wid)
    st.subheader(tr("assessment.priorities_title"))
    if not chosen:
        st.caption(tr("assessment.no_priorities"))
        return
    for p in chosen:
        line = f"**{p['rank']}.** {md(p['text'])} ({p['dimension']})"
        st.markdown(f"### {line}" if big else f"- {line}")


# ---------------------------------------------------------------- projector view

if projector:
    if not rankings:
        st.info(tr("assessment.no_rankings"))
        st.stop()
    shown = st.selectbox(tr("assessment.ranking_choose"), [p["id"] for p in rankings],
                         format_func=lambda i: poll_label(next(p for p in rankings if p["id"] == i)), key="rk_proj_poll")

    @st.fragment(run_every=2)
    def live_result() -> None:
        result = rk.ranking_result(db, wid, shown)
        poll = result["poll"]
        st.header(md(poll["title"]))
        st.subheader(live_panels.turnout_text(result["result"]))
        if poll["status"] == "closed" or poll["revealed"]:
            st.altair_chart(ranking_bars(result["rows"], big=True), width="stretch")
            live_panels.tie_notes(result["result"])
        else:
            st.info(tr("assessment.results_hidden"))
        priorities_view(big=True)

    live_result()
    st.stop()

st.caption(tr("assessment.ranking_intro"))

# ---------------------------------------------------------------- a new ranking

with st.expander(tr("assessment.new_ranking"), expanded=not rankings):
    scope = st.selectbox(tr("assessment.ranking_scope"), list(scope_label), format_func=scope_label.get,
                         key="rk_scope")
    candidates = rk.rankable_problems(db, wid, scope)
    if len(candidates) < 2:
        st.info(tr("assessment.rank_need_problems"))
    else:
        by_id = {c["id"]: c for c in candidates}
        with st.form(f"rk_new_{scope}"):
            method = st.radio(tr("assessment.ranking_method"), list(rk.METHODS),
                              format_func=lambda k: tr(f"live.kind_{k}"), horizontal=True, key=f"rk_method_{scope}")
            st.caption(tr("assessment.ranking_method_help"))
            chosen = st.multiselect(tr("assessment.ranking_problems"), list(by_id), default=list(by_id),
                                    format_func=lambda i: f"{by_id[i]['dimension']} · {by_id[i]['text'][:90]}"
                                    + (f" (×{by_id[i]['count']})" if by_id[i]["count"] > 1 else ""),
                                    placeholder=tr("assessment.choose"), key=f"rk_problems_{scope}")
            dots = st.number_input(tr("assessment.dots_per_person"), min_value=1, max_value=20,
                                   value=min(5, max(3, -(-len(by_id) // 3))), key=f"rk_dots_{scope}",
                                   help=tr("assessment.dots_help"))
            if st.form_submit_button(tr("assessment.start_ranking"), type="primary"):
                try:
                    poll_id = rk.start_ranking(db, wid, method, scope, chosen, lang=lang,
                                               dots=int(dots) if method == "dots" else None)
                except RembugError as exc:
                    context.show_error(exc)
                else:
                    st.session_state["rk_poll"] = poll_id
                    st.session_state["rk_flash"] = tr("assessment.ranking_started")
                    st.rerun()

# ---------------------------------------------------------------- one ranking's result

if rankings:
    ids = [p["id"] for p in rankings]
    if st.session_state.get("rk_poll") not in ids:
        st.session_state["rk_poll"] = ids[0]
    poll_id = st.selectbox(tr("assessment.ranking_choose"), ids,
                           format_func=lambda i: poll_label(next(p for p in rankings if p["id"] == i)), key="rk_poll")
    poll = voting.get_poll(db, wid, poll_id)
    is_open = poll["status"] == "open"

    @st.fragment(run_every=2 if is_open else None)
    def live() -> None:
        result = rk.ranking_result(db, wid, poll_id)
        st.caption(live_panels.turnout_text(result["result"]))
        result_table(result["rows"])
        st.altair_chart(ranking_bars(result["rows"]), width="stretch")
        live_panels.tie_notes(result["result"])

    live()
    c1, c2 = st.columns(2)
    if is_open and c1.button(tr("assessment.close_voting"), key=f"rk_close_{poll_id}", type="primary",
                             icon=":material/stop_circle:"):
        voting.close_poll(db, wid, poll_id)
        st.rerun()
    if poll["status"] == "draft" and c1.button(tr("assessment.open_voting"), key=f"rk_open_{poll_id}", type="primary"):
        voting.open_poll(db, wid, poll_id)
        st.rerun()
    if not poll["revealed"] and c2.button(tr("assessment.reveal"), key=f"rk_reveal_{poll_id}",
                                          icon=":material/visibility:"):
        voting.reveal(db, wid, poll_id)
        st.rerun()

    result = rk.ranking_result(db, wid, poll_id)
    with st.expander(tr("assessment.hands_title_ranking")):
        live_panels.hand_count_form(ws, poll)
    with st.expander(tr("assessment.details")):
        live_panels.details(result["result"])

    # ----- tie rule and priorities
    options = live_panels.rule_options(poll["kind"])
    current = tuple(poll["tie_rule"])
    with st.form(f"rk_tie_{poll_id}"):
        rule = st.selectbox(tr("assessment.tie_rule"), options,
                            format_func=lambda chain: " → ".join(tr(f"live.rule_{r}") for r in chain),
                            index=options.index(current) if current in options else 0, key=f"rk_rule_{poll_id}",
                            help=tr("assessment.tie_rule_help"))
        if st.form_submit_button(tr("assessment.tie_rule_apply")):
            try:
                rk.set_tie_rule(db, wid, poll_id, list(rule))
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.rerun()

    st.subheader(tr("assessment.mark_title"))
    if poll["status"] != "closed":
        st.info(tr("assessment.mark_after_close"))
    else:
        with st.form(f"rk_mark_{poll_id}"):
            n_rows = len(result["rows"])
            top_n = st.number_input(tr("assessment.top_n"), min_value=1, max_value=n_rows, value=min(5, n_rows),
                                    key=f"rk_top_{poll_id}")
            include_ties = st.checkbox(tr("assessment.include_ties"), key=f"rk_ties_{poll_id}")
            if st.form_submit_button(tr("assessment.mark_button"), type="primary"):
                try:
                    marked = rk.mark_priorities(db, wid, poll_id, int(top_n), include_ties=include_ties)
                except RembugError as exc:
                    context.show_error(exc)
                else:
                    here = {r["problem_id"] for r in result["rows"]}
                    st.session_state["rk_flash"] = tr("assessment.marked",
                                                      count=sum(p["problem_id"] in here for p in marked))
                    st.rerun()

priorities_view()
