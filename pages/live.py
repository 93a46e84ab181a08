"""Live participation: the join QR and code, creating polls from a typed list, opening and
closing them, hand counts for people without a phone, and revealing results."""
import re

import streamlit as st

from facilitation import voting
from facilitation.errors import RembugError
from ui import context, live_panels
from ui.context import tr
from ui.safe_text import md_text

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
st.title(tr("live.title"))
st.caption(tr("live.intro"))
if "live_flash" in st.session_state:
    st.success(st.session_state.pop("live_flash"))

live_panels.join_panel(ws)
st.caption(tr("live.name_cards_hint"))
st.divider()

# ---------------------------------------------------------------- a new poll
st.header(tr("live.new_poll"))
kind = st.selectbox(tr("live.kind"), voting.KINDS, format_func=live_panels.kind_label, key="new_kind")
st.caption(tr(f"live.kind_help_{kind}"))
WEIGHT = re.compile(r"^(.*?)\s*=\s*(\d+(?:[.,]\d+)?)\s*$")

with st.form("new_poll"):
    title = st.text_input(tr("live.poll_title"), max_chars=200, key="new_title")
    items_text = st.text_area(tr("live.items"), help=tr("live.items_help"), key="new_items", height=180)
    config: dict = {}
    if kind == "multiple":
        config["max_choices"] = st.number_input(tr("live.max_choices"), 0, 60, 0, help=tr("live.zero_no_limit"),
                                                key="new_max_choices") or None
    elif kind == "dots":
        config["dots"] = st.number_input(tr("live.dots"), 1, 20, 3, key="new_dots")
        config["max_per_item"] = st.number_input(tr("live.max_per_item"), 0, 20, 0, help=tr("live.zero_no_limit"),
                                                 key="new_max_per_item") or None
    elif kind == "ranking":
        config["min_ranked"] = st.number_input(tr("live.min_ranked"), 1, 60, 1, key="new_min_ranked")
    elif kind == "pairwise":
        config["allow_ties"] = st.checkbox(tr("live.allow_ties"), key="new_allow_ties")
    elif kind == "matrix":
        criteria_text = st.text_area(tr("live.criteria"), help=tr("live.criteria_help"), key="new_criteria")
        criteria, weights = [], {}
        for line in criteria_text.splitlines():
            line = line.strip()
            if not line:
                continue
            match = WEIGHT.match(line)
            name = match.group(1).strip() if match else line
            criteria.append(name)
            if match:
                number = float(match.group(2).replace(",", "."))
                weights[name] = int(number) if number.is_integer() else number
        config["criteria"] = criteria
        config["weights"] = weights or None
    secret = st.checkbox(tr("live.secret"), help=tr("live.secret_help"), key="new_secret")
    open_now = st.checkbox(tr("live.open_now"), value=True, key="new_open_now")
    if st.form_submit_button(tr("live.create"), type="primary"):
        items = [line.strip() for line in items_text.splitlines() if line.strip()]
        try:
            poll_id = voting.create_poll(db, wid, title, kind, items, config, source="manual", secret=secret)
            if open_now:
                voting.open_poll(db, wid, poll_id)
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.session_state["live_flash"] = tr("live.created", title=md_text(title.strip()))
            st.rerun()

# ---------------------------------------------------------------- every poll of the workshop
st.divider()
st.header(tr("live.polls"))
polls = voting.list_polls(db, wid)
if not polls:
    st.info(tr("live.no_polls"))


def act(action, poll_id, *args):
    try:
        action(db, wid, poll_id, *args)
    except RembugError as exc:
        st.session_state["live_error"] = exc


if "live_error" in st.session_state:
    context.show_error(st.session_state.pop("live_error"))

for poll in reversed(polls):
    pid = poll["id"]
    with st.container(border=True):
        badges = [live_panels.kind_label(poll["kind"]), live_panels.status_label(poll["status"])]
        if poll["secret"]:
            badges.append(tr("live.secret_badge"))
        badges.append(tr("live.revealed_badge") if poll["revealed"] else tr("live.hidden_badge"))
        st.subheader(md_text(poll["title"]))
        st.caption(" · ".join(badges) + " · " + tr("live.ballot_count", n=poll["ballots"]))
        with st.container(horizontal=True):
            if poll["status"] == "draft":
                st.button(tr("live.open"), key=f"open_{pid}", type="primary", icon=":material/play_arrow:",
                          on_click=act, args=(voting.open_poll, pid))
                st.button(tr("core.delete"), key=f"delete_{pid}", icon=":material/delete:",
                          on_click=act, args=(voting.delete_poll, pid))
            elif poll["status"] == "open":
                st.button(tr("live.close"), key=f"close_{pid}", type="primary", icon=":material/stop:",
                          on_click=act, args=(voting.close_poll, pid))
            st.button(tr("live.hide") if poll["revealed"] else tr("live.reveal"), key=f"reveal_{pid}",
                      icon=":material/visibility_off:" if poll["revealed"] else ":material/visibility:",
                      on_click=act, args=(voting.reveal, pid, not poll["revealed"]))
            if st.button(tr("live.project"), key=f"project_{pid}", icon=":material/co_present:"):
                st.session_state["projector_poll"] = pid
                st.switch_page("pages/projector.py")
        if poll["status"] != "draft":
            with st.expander(tr("live.hand_counts")):
                live_panels.hand_count_form(ws, poll)
            with st.expander(tr("live.result")):
                res = voting.result(db, wid, pid)
                st.markdown(live_panels.turnout_text(res))
                live_panels.show_chart(res)
                st.dataframe(live_panels.results_frame(res), hide_index=True, width="stretch")
                live_panels.tie_notes(res)
                live_panels.details(res)
