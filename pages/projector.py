"""Projector view: one poll's results in large, high-contrast type, current within 2 seconds.

Results stay hidden until the facilitator reveals them; the turnout shows all along. The
live part is one fragment rerun by this browser only (DESIGN.md), every 1.5 s rather than 2 s
so that a vote landing just after a refresh is still on screen within 2 s."""
import streamlit as st

from facilitation import voting
from facilitation.errors import RembugError
from ui import context, live_panels
from ui.context import tr
from ui.safe_text import md_text

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]

# fixed styling only (no user text): large type and strong contrast for a projected hall,
# scoped to the live results container
st.html("""<style>
.st-key-projector_live, .st-key-projector_live * { color: #000000; }
.st-key-projector_live h1 { font-size: 3.4rem !important; line-height: 1.15; }
.st-key-projector_live [data-testid="stMetricValue"], .st-key-projector_live [data-testid="stMetricValue"] * {
  font-size: 4.5rem !important; font-weight: 800; line-height: 1.1; }
.st-key-projector_live [data-testid="stMetricLabel"] * { font-size: 1.6rem !important; }
.st-key-projector_live [data-testid="stMarkdownContainer"] p { font-size: 1.7rem; line-height: 1.35; }
.st-key-projector_live [data-testid="stCaptionContainer"] * { font-size: 1.3rem; }
.st-key-projector_live table th, .st-key-projector_live table td { font-size: 1.5rem; padding: 0.3rem 1rem; }
</style>""")
if st.session_state.get("projector_full"):
    st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem; max-width: 100%; }
</style>""")

polls = voting.list_polls(db, wid)
if not polls:
    st.title(tr("live.projector_title"))
    st.info(tr("live.no_polls"))
    live_panels.join_panel(ws, big=True, key="projector_addr")
    st.stop()

by_id = {p["id"]: p for p in polls}
wanted = st.session_state.get("projector_poll")
if wanted not in by_id:
    open_ones = [p for p in polls if p["status"] == "open"]
    wanted = (open_ones or polls)[-1]["id"]
    st.session_state["projector_poll"] = wanted

with st.expander(tr("live.projector_controls"), expanded=not st.session_state.get("projector_full")):
    ids = list(reversed(by_id))
    poll_id = st.selectbox(
        tr("live.projector_poll"), ids, key="projector_poll",
        format_func=lambda i: f"{by_id[i]['title']} · {live_panels.status_label(by_id[i]['status'])}",
    )
    poll = by_id[poll_id]
    options = live_panels.rule_options(poll["kind"])
    current = tuple(poll["tie_rule"])
    if current not in options:
        options.append(current)

    def choose_rule():
        try:
            voting.set_tie_rule(db, wid, poll_id, list(st.session_state[f"tie_rule_{poll_id}"]))
        except RembugError as exc:
            st.session_state["projector_error"] = exc

    st.selectbox(tr("live.tie_rule"), options, index=options.index(current), format_func=live_panels.rule_label,
                 key=f"tie_rule_{poll_id}", on_change=choose_rule, help=tr("live.tie_rule_help"))
    c1, c2, c3 = st.columns(3)
    c1.button(tr("live.hide") if poll["revealed"] else tr("live.reveal"), key="projector_reveal",
              type="secondary" if poll["revealed"] else "primary", width="stretch",
              icon=":material/visibility_off:" if poll["revealed"] else ":material/visibility:",
              on_click=lambda: voting.reveal(db, wid, poll_id, not poll["revealed"]))
    c2.toggle(tr("live.show_join"), key="projector_join")
    c3.toggle(tr("live.full_screen"), key="projector_full")
if "projector_error" in st.session_state:
    context.show_error(st.session_state.pop("projector_error"))

if st.session_state.get("projector_join"):
    live_panels.join_panel(ws, big=True, key="projector_addr")


@st.fragment(run_every=1.5)
def live_results(poll_id: int) -> None:
    with st.container(key="projector_live"):
        _draw(voting.result(db, wid, poll_id))


def _draw(res: voting.PollResult) -> None:
    poll = res.poll
    st.markdown(f"# {md_text(poll['title'])}")
    st.caption(f"{live_panels.kind_label(poll['kind'])} · {live_panels.status_label(poll['status'])}")
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("live.metric_turnout"), f"{res.voted_present} / {res.present}")
    c2.metric(tr("live.metric_phone"), res.voted)
    c3.metric(tr("live.metric_hand"), res.hand_voters)
    st.markdown(live_panels.turnout_text(res))
    if not poll["revealed"]:
        st.info(tr("live.results_hidden"), icon=":material/visibility_off:")
        return
    live_panels.show_chart(res, big=True)
    live_panels.tie_notes(res)
    st.markdown(live_panels.results_markdown(res))


live_results(poll_id)
