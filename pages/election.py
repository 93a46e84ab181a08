"""Pokja election: offices and rules, nominations, secret rounds, ties, results, projector view."""
import altair as alt
import pandas as pd
import streamlit as st

from facilitation import election
from facilitation.errors import RembugError
from facilitation.formatting import format_date
from facilitation.participants import list_participants
from ui import context
from ui.context import tr
from ui.safe_text import md_text as md

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()
settings = election.get_settings(db, wid, lang)
people = list_participants(db, wid)
names = {p["id"]: p["name"] for p in people}


def _act(fn, *args, ok: str | None = None, **kwargs) -> None:
    """Run a domain action; on success rerun with a message, on refusal show why."""
    try:
        fn(*args, **kwargs)
    except RembugError as exc:
        context.show_error(exc)
        return
    if ok:
        st.session_state["el_flash"] = ok
    st.rerun()


def _result_frame(result: dict) -> pd.DataFrame:
    rows = [(c["name"], c["institution"], c["votes"]) for c in result["candidates"]]
    rows.append((tr("election.blank"), "", result["blank"]))
    return pd.DataFrame(rows, columns=[tr("election.col_candidate"), tr("election.col_institution"),
                                       tr("election.col_votes")])


CHART_ALL_UP_TO = 8  # an open candidacy lists everyone: chart only those who got votes


def _chart(result: dict):
    shown = result["candidates"]
    if len(shown) > CHART_ALL_UP_TO:
        shown = [c for c in shown if c["votes"]]
    data = pd.DataFrame({
        "who": [c["name"] for c in shown] + [tr("election.blank")],
        "votes": [c["votes"] for c in shown] + [result["blank"]],
    })
    y = alt.Y("who:N", title=None, sort=None, axis=alt.Axis(labelLimit=360, labelFontSize=20))
    bars = alt.Chart(data, height=70 + 50 * len(data)).mark_bar().encode(
        x=alt.X("votes:Q", title=tr("election.col_votes"), axis=alt.Axis(tickMinStep=1)), y=y)
    labels = bars.mark_text(align="left", dx=6, fontSize=22).encode(text="votes:Q")
    return (bars + labels).configure_axis(titleFontSize=16)


def _outcome_text(outcome: dict | None) -> str:
    if not outcome:
        return ""
    text = tr(f"election.method_{outcome['method']}")
    if outcome["method"] == "lot":
        text += " · " + tr("election.lot_seed", seed=md(outcome["seed"]))
    return tr("election.elected_by", name=md(outcome["name"]), how=text)


def _show_round(result: dict) -> None:
    kind = tr("election.round_runoff") if result["kind"] == "runoff" else tr("election.round_regular")
    st.markdown(f"**{tr('election.round_n', n=result['number'])}** · {kind}")
    st.dataframe(_result_frame(result), hide_index=True)
    st.caption(tr("election.turnout_line", voted=result["ballots"], eligible=result["eligible"] or 0,
                  phone=result["phone_voters"], paper=result["paper_ballots"]))
    if result["tied"]:
        tied = ", ".join(md(names.get(i, "?")) for i in result["tied"])
        st.warning(tr("election.no_votes") if result["no_votes"] else tr("election.tie_between", names=tied))


# ---------------------------------------------------------------- projector view

def projector() -> None:
    @st.fragment(run_every=2)
    def live():
        r = election.latest_round(db, wid)
        st.title(tr("election.projector_title", village=md(ws["village"])))
        if r is None:
            st.header(tr("election.projector_waiting"))
        elif r["status"] == "open":
            st.header(f"{md(r['office'])} · {tr('election.round_n', n=r['number'])}")
            turnout = election.turnout(db, wid, r["id"])
            st.metric(tr("election.turnout"), f"{turnout['voted']} / {turnout['eligible']}")
            st.progress(min(1.0, turnout["voted"] / turnout["eligible"]) if turnout["eligible"] else 0.0)
            st.subheader(tr("election.projector_secret"))
        else:
            result = election.round_result(db, wid, r["id"])
            st.header(f"{md(r['office'])} · {tr('election.round_n', n=r['number'])} · {tr('election.closed')}")
            if result["winner"] is not None:  # large type: read from the back of the hall
                st.success("### " + tr("election.winner", name=md(names.get(result["winner"], "?")), office=md(r["office"])))
            elif result["tied"]:
                tied = ", ".join(md(names.get(i, "?")) for i in result["tied"])
                st.warning("### " + (tr("election.no_votes") if result["no_votes"]
                                     else tr("election.tie_between", names=tied)))
            left, right = st.columns([3, 1])
            left.altair_chart(_chart(result), use_container_width=True)
            right.metric(tr("election.turnout"), f"{result['ballots']} / {result['eligible'] or 0}")
            right.metric(tr("election.blank"), result["blank"])
        board = election.board(db, wid)
        if board:
            st.subheader(tr("election.board"))
            st.dataframe(pd.DataFrame({tr("election.col_office"): [b["office"] for b in board],
                                       tr("election.col_name"): [b["name"] for b in board]}),
                         hide_index=True, use_container_width=True)

    live()


# ---------------------------------------------------------------- facilitator tabs

def tab_setup() -> None:
    st.subheader(tr("election.rules"))
    ids = [None] + [p["id"] for p in people]
    days = {d: f"{tr('core.day_n', n=d)} · {format_date(ws[f'day{d}'], lang)}" for d in (1, 2, 3, 4)}
    people_or_none = {None: tr("election.none"), **names}
    with st.form("el_settings"):
        day = st.selectbox(tr("election.day"), list(days), index=settings["day"] - 1, format_func=days.get)
        sequential = st.checkbox(tr("election.sequential"), bool(settings["sequential"]),
                                 help=tr("election.sequential_help"))
        phone_nominations = st.checkbox(tr("election.phone_nominations"), bool(settings["phone_nominations"]))
        number = st.text_input(tr("election.number"), settings["number"])
        c1, c2 = st.columns(2)
        w1 = c1.selectbox(tr("election.witness1"), ids, index=ids.index(settings["witness1_id"])
                          if settings["witness1_id"] in ids else 0,
                          format_func=people_or_none.get)
        w2 = c2.selectbox(tr("election.witness2"), ids, index=ids.index(settings["witness2_id"])
                          if settings["witness2_id"] in ids else 0,
                          format_func=people_or_none.get)
        if st.form_submit_button(tr("core.save"), type="primary"):
            _act(election.update_settings, db, wid, {"day": day, "sequential": sequential,
                                                     "phone_nominations": phone_nominations, "number": number,
                                                     "witness1_id": w1, "witness2_id": w2},
                 ok=tr("election.settings_saved"))

    st.subheader(tr("election.offices"))
    for i, office in enumerate(offices):
        c1, c2, c3, c4, c5 = st.columns([5, 2, 1, 1, 1])
        c1.write(f"{i + 1}. {md(office['name'])}")
        c2.caption(tr(f"election.status_{status[office['id']]}"))
        if c3.button(":material/arrow_upward:", key=f"el_up_{office['id']}", help=tr("election.move_up")):
            _act(election.move_office, db, wid, office["id"], -1)
        if c4.button(":material/arrow_downward:", key=f"el_down_{office['id']}", help=tr("election.move_down")):
            _act(election.move_office, db, wid, office["id"], 1)
        if c5.button(":material/delete:", key=f"el_del_{office['id']}", help=tr("core.delete")):
            _act(election.delete_office, db, wid, office["id"], ok=tr("core.deleted"))
    c1, c2 = st.columns(2)
    with c1.form("el_add_office", clear_on_submit=True):
        name = st.text_input(tr("election.office_name"), key="el_new_office")
        if st.form_submit_button(tr("election.add_office")):
            _act(election.add_office, db, wid, name, ok=tr("election.office_added", name=md(name)))
    if offices:
        with c2.form("el_rename_office"):
            which = st.selectbox(tr("election.office"), [o["id"] for o in offices],
                                 format_func=lambda i: office_names[i])
            new_name = st.text_input(tr("election.new_name"), key="el_rename_name")
            if st.form_submit_button(tr("election.rename")):
                _act(election.rename_office, db, wid, which, new_name, ok=tr("core.saved"))


def tab_nominations() -> None:
    if not offices:
        st.info(tr("election.no_offices"))
        return
    default = next((i for i, o in enumerate(offices) if status[o["id"]] == "waiting"), 0)
    office_id = st.selectbox(tr("election.office"), [o["id"] for o in offices], index=default,
                             format_func=lambda i: office_names[i], key="el_nom_office")
    office = next(o for o in offices if o["id"] == office_id)
    started = status[office_id] != "waiting"
    key = f"el_open_cand_{office_id}"
    # the store decides what the toggle shows; only the user's own flip writes (another
    # browser's change is never undone by a stale toggle here)
    st.session_state[key] = bool(office["open_candidacy"])
    st.toggle(tr("election.open_candidacy"), disabled=started, key=key, help=tr("election.open_candidacy_help"),
              on_change=lambda: election.set_open_candidacy(db, wid, office_id, st.session_state[key]))

    nominations = election.list_nominations(db, wid, office_id)
    if nominations:
        for n in nominations:
            c1, c2, c3, c4 = st.columns([4, 3, 2, 1])
            c1.write(f"{md(n['name'])} · {md(n['institution'])}")
            by = tr("election.by_facilitator") if n["nominated_by"] is None else md(names.get(n["nominated_by"], "?"))
            c2.caption(tr(f"election.consent_{n['consent']}") + " · " + tr("election.nominated_by", by=by))
            if n["consent"] in ("pending", "declined") and not started:
                if c3.button(tr("election.record_verbal"), key=f"el_verbal_{n['id']}"):
                    _act(election.record_verbal_consent, db, wid, n["id"])
            if not started and c4.button(":material/delete:", key=f"el_wd_{n['id']}", help=tr("core.delete")):
                _act(election.withdraw_nomination, db, wid, n["id"])
    elif not office["open_candidacy"]:
        st.info(tr("election.no_nominations"))

    if not started and not office["open_candidacy"]:
        with st.form("el_nominate", clear_on_submit=True):
            labels = {p["id"]: f"{p['name']} · {p['institution']}" for p in people}
            who = st.selectbox(tr("election.nominee"), list(labels), format_func=labels.get)
            verbal = st.checkbox(tr("election.verbal_consent"), value=True)
            if st.form_submit_button(tr("election.nominate"), type="primary"):
                _act(election.nominate, db, wid, office_id, who, verbal_consent=verbal,
                     ok=tr("election.nominated", name=md(names[who])))
    if not started:
        ballot = election.candidates_for(db, wid, office_id)
        st.caption(tr("election.ballot_preview", names=", ".join(md(c["name"]) for c in ballot) or "—"))


def tab_voting() -> None:
    open_round = election.open_round_now(db, wid)
    if open_round:
        voting_open(open_round)
        return
    undecided = [o for o in offices if status[o["id"]] != "elected"]
    if not undecided:
        st.success(tr("election.all_elected"))
        return
    if settings["sequential"]:
        office = undecided[0]
        st.subheader(md(office["name"]))
    else:
        office_id = st.selectbox(tr("election.office"), [o["id"] for o in undecided],
                                 format_func=lambda i: office_names[i], key="el_vote_office")
        office = next(o for o in undecided if o["id"] == office_id)
    overview = next(o for o in overviews if o["id"] == office["id"])
    if status[office["id"]] == "tie":
        last = overview["rounds"][-1]
        _show_round(last)
        resolve_tie(office, last)
        return
    eligible = election.eligible_ids(db, wid)
    st.caption(tr("election.eligible_count", n=len(eligible), day=settings["day"]))
    ballot = election.candidates_for(db, wid, office["id"])
    st.write(tr("election.ballot_preview", names=", ".join(md(c["name"]) for c in ballot) or "—"))
    if st.button(tr("election.open_round", office=md(office["name"])), type="primary", key="el_open_round"):
        _act(election.open_round, db, wid, office["id"], ok=tr("election.round_opened"))


def voting_open(r: dict) -> None:
    st.subheader(f"{md(r['office'])} · {tr('election.round_n', n=r['number'])}")
    st.caption(tr("election.candidates") + ": " + ", ".join(md(c["name"]) for c in r["candidates"]))

    @st.fragment(run_every=2)
    def live_turnout():
        t = election.turnout(db, wid, r["id"])
        c1, c2, c3 = st.columns(3)
        c1.metric(tr("election.turnout"), f"{t['voted']} / {t['eligible']}")
        c2.metric(tr("election.col_phone"), t["phone"])
        c3.metric(tr("election.col_paper"), t["paper"])
        st.caption(tr("election.counts_hidden"))

    live_turnout()
    with st.expander(tr("election.paper_title")):
        with st.form(f"el_paper_{r['id']}"):
            st.caption(tr("election.paper_help"))
            counts = {c["id"]: st.number_input(md(c["name"]), min_value=0, step=1, key=f"el_paper_{r['id']}_{c['id']}")
                      for c in r["candidates"]}
            blank = st.number_input(tr("election.blank"), min_value=0, step=1, key=f"el_paper_{r['id']}_blank")
            if st.form_submit_button(tr("election.paper_save")):
                _act(election.record_paper_count, db, wid, r["id"], counts, blank, ok=tr("election.paper_saved"))
    c1, c2 = st.columns(2)
    if c1.button(tr("election.close_round"), type="primary", key="el_close"):
        _act(election.close_round, db, wid, r["id"], ok=tr("election.round_closed"))
    if c2.button(tr("election.cancel_round"), key="el_cancel"):
        _act(election.cancel_round, db, wid, r["id"], ok=tr("election.round_cancelled"))


def resolve_tie(office: dict, last: dict) -> None:
    st.subheader(tr("election.resolve_title"))
    methods = {m: tr(f"election.resolve_{m}") for m in election.TIE_METHODS}
    method = st.radio(tr("election.resolve_method"), list(methods), format_func=methods.get,
                      key=f"el_tie_method_{last['round_id']}")
    chosen = seed = None
    if method == "agreement":
        chosen = st.selectbox(tr("election.agreed_on"), last["tied"], format_func=names.get,
                              key=f"el_tie_chosen_{last['round_id']}")
    elif method == "lot":
        seed = st.text_input(tr("election.seed"), key=f"el_tie_seed_{last['round_id']}",
                             help=tr("election.seed_help")) or None
    if st.button(tr("election.resolve_do"), type="primary", key=f"el_tie_do_{last['round_id']}"):
        _act(election.resolve_tie, db, wid, office["id"], method, chosen=chosen, seed=seed,
             ok=tr("election.tie_resolved"))


def tab_results() -> None:
    board = election.board(db, wid)
    st.subheader(tr("election.board"))
    if board:
        st.dataframe(pd.DataFrame({
            tr("election.col_office"): [b["office"] for b in board],
            tr("election.col_name"): [b["name"] for b in board],
            tr("election.col_institution"): [b["institution"] for b in board],
            tr("election.col_method"): [tr(f"election.method_{b['method']}") for b in board],
        }), hide_index=True, use_container_width=True)
    else:
        st.info(tr("election.board_empty"))
    for o in overviews:
        label = tr("election.status_" + o["status"])
        with st.expander(f"{md(o['name'])} · {label}", expanded=o["status"] != "waiting"):
            for result in o["rounds"]:
                if result["candidates"] is None:
                    st.caption(tr("election.round_in_progress", n=result["number"]))
                else:
                    _show_round(result)
            if o["outcome"]:
                st.success(_outcome_text(o["outcome"]))
            if o["rounds"]:
                sure = st.checkbox(tr("election.reset_confirm"), key=f"el_reset_sure_{o['id']}")
                if st.button(tr("election.reset"), key=f"el_reset_{o['id']}", disabled=not sure):
                    _act(election.reset_office, db, wid, o["id"], ok=tr("election.reset_done"))


# ---------------------------------------------------------------- page

if st.toggle(tr("election.projector_mode"), key="el_projector"):
    projector()
    st.stop()

st.title(tr("election.title"))
st.caption(tr("election.intro"))
# always drawn, so the tabs below keep their place, and the open tab, when a message appears
flash = st.container()
if "el_flash" in st.session_state:
    flash.success(st.session_state.pop("el_flash"))

offices = election.list_offices(db, wid)
office_names = {o["id"]: o["name"] for o in offices}
overviews = election.overview(db, wid)
status = {o["id"]: o["status"] for o in overviews}
if not people:
    st.info(tr("election.no_participants"))
    st.stop()

setup_tab, nominations_tab, voting_tab, results_tab = st.tabs(
    [tr("election.tab_setup"), tr("election.tab_nominations"), tr("election.tab_voting"), tr("election.tab_results")])
with setup_tab:
    tab_setup()
with nominations_tab:
    tab_nominations()
with voting_tab:
    tab_voting()
with results_tab:
    tab_results()
