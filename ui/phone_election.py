"""Phone section of the Pokja election: answer a nomination, nominate, and cast a secret ballot.

The ballot is stored in the submit button's callback and the choice is dropped from session
state at once: after voting, the phone shows only that the vote was recorded, never for whom.
"""
from __future__ import annotations

import streamlit as st

from facilitation import election, i18n
from facilitation.errors import RembugError
from facilitation.participants import list_participants
from ui.safe_text import error_lines, md_text

FLASH = "el_phone_flash"
BLANK = "blank"


def _t(lang: str, key: str, **params) -> str:
    return i18n.t(key, lang, **params)


def _remember(action, lang: str, ok_key: str) -> None:
    """Run a domain action from a callback; keep its outcome for the run that follows."""
    try:
        action()
    except RembugError as exc:
        text = "\n".join(error_lines(exc, lang))
        st.session_state[FLASH] = (False, text)
    else:
        st.session_state[FLASH] = (True, _t(lang, ok_key))


def _vote(db, me: dict, round_id: int, lang: str) -> None:
    key = f"el_choice_{round_id}"
    choice = st.session_state.pop(key, None)
    if choice is None:
        st.session_state[FLASH] = (False, _t(lang, "election.phone_choose_first"))
        return
    candidate = None if choice == BLANK else int(choice)
    _remember(lambda: election.cast_vote(db, me["workshop_id"], round_id, me["id"], candidate), lang,
              "election.phone_voted_now")


def _flash() -> None:
    flash = st.session_state.pop(FLASH, None)
    if flash:
        (st.success if flash[0] else st.error)(flash[1])


def _consents(me: dict, db, lang: str) -> bool:
    pending = election.pending_for(db, me["workshop_id"], me["id"])
    for n in pending:
        st.subheader(_t(lang, "election.phone_consent_title"))
        st.write(_t(lang, "election.phone_consent_text", office=md_text(n["office"])))
        yes, no = st.columns(2)
        yes.button(_t(lang, "election.phone_accept"), key=f"el_yes_{n['id']}", type="primary",
                   use_container_width=True,
                   on_click=_remember, args=(lambda n=n: election.respond_nomination(
                       db, me["workshop_id"], n["id"], me["id"], True), lang, "election.phone_accepted"))
        no.button(_t(lang, "election.phone_decline"), key=f"el_no_{n['id']}", use_container_width=True,
                  on_click=_remember, args=(lambda n=n: election.respond_nomination(
                      db, me["workshop_id"], n["id"], me["id"], False), lang, "election.phone_declined"))
    return bool(pending)


def _ballot(me: dict, db, lang: str) -> bool:
    r = election.open_round_now(db, me["workshop_id"])
    if r is None:
        return False
    st.subheader(_t(lang, "election.phone_vote_title", office=md_text(r["office"])))
    if r["kind"] == "runoff":
        st.caption(_t(lang, "election.phone_runoff"))
    if election.has_voted(db, me["workshop_id"], r["id"], me["id"]):
        st.success(_t(lang, "election.phone_voted"))
        return True
    if me["id"] not in election.eligible_ids(db, me["workshop_id"]):
        st.warning(_t(lang, "election.phone_not_eligible"))
        return True
    labels = {str(c["id"]): md_text(c["name"]) for c in r["candidates"]}  # radio options are Markdown
    labels[BLANK] = _t(lang, "election.phone_blank")
    st.radio(_t(lang, "election.phone_choose"), list(labels), index=None, format_func=labels.get,
             key=f"el_choice_{r['id']}")
    st.caption(_t(lang, "election.phone_secret"))
    st.button(_t(lang, "election.phone_submit"), type="primary", use_container_width=True,
              key=f"el_submit_{r['id']}", on_click=_vote, args=(db, me, r["id"], lang))
    return True


def _nominate(me: dict, db, lang: str) -> bool:
    offices = election.nominations_open_offices(db, me["workshop_id"])
    if not offices:
        return False
    people = {p["id"]: p for p in list_participants(db, me["workshop_id"])}
    with st.expander(_t(lang, "election.phone_nominate_title")):
        st.selectbox(_t(lang, "election.office"), [o["id"] for o in offices],
                     format_func={o["id"]: o["name"] for o in offices}.get, key="el_ph_office")
        labels = {i: f"{p['name']} · {p['institution']}" for i, p in people.items()}
        st.selectbox(_t(lang, "election.nominee"), list(people), format_func=labels.get, key="el_ph_nominee")
        st.caption(_t(lang, "election.phone_nominate_help"))
        # read when pressed: arguments bound at drawing time would hold the previous choice
        st.button(_t(lang, "election.nominate"), use_container_width=True, key="el_ph_nominate",
                  on_click=_remember, args=(lambda: election.nominate(
                      db, me["workshop_id"], st.session_state["el_ph_office"], st.session_state["el_ph_nominee"],
                      by=me["id"]), lang, "election.phone_nominated"))
    return True


def render(me: dict, db, lang: str) -> bool:
    """Draw what the election offers this participant now; True when something is open."""
    _flash()
    shown = _consents(me, db, lang)
    voting = _ballot(me, db, lang)
    nominating = False if voting else _nominate(me, db, lang)
    return shown or voting or nominating
