"""Per-process resources and per-session UI state: the store, language, role, messages."""
from __future__ import annotations

import time

import streamlit as st

from facilitation import i18n
from facilitation.errors import InputError, RembugError
from facilitation.participants import participant_for_token
from facilitation.security import PIN_THROTTLE, lockout_seconds
from facilitation.store import Database
from facilitation.store.backups import check_store, start_backup_worker
from facilitation.workshops import check_pin, get_workshop
from ui.safe_text import error_lines


@st.cache_resource(show_spinner=False)
def db() -> Database:
    """One engine per server process; every browser shares the same store.

    A damaged store, or a missing one while backups exist, raises RembugError (not cached)
    instead of quietly starting an empty store that would hide the real workshops.
    """
    database = Database(create=False)
    if database.path is not None:
        check_store(database.path)
        start_backup_worker(database.path)
    database.create_schema()
    return database


def lang() -> str:
    if "lang" not in st.session_state:
        qp = st.query_params.get("lang")
        st.session_state["lang"] = qp if qp in i18n.LANGS else i18n.DEFAULT_LANG
    return st.session_state["lang"]


def tr(key: str, **params) -> str:
    return i18n.t(key, lang(), **params)


def language_switch(where=None) -> None:
    target = where or st.sidebar
    current = lang()
    labels = {"id": "Bahasa Indonesia", "en": "English"}
    choice = target.radio(
        tr("core.language"), list(i18n.LANGS), index=list(i18n.LANGS).index(current),
        format_func=labels.get, horizontal=True, key="lang_choice",
    )
    if choice != current:
        st.session_state["lang"] = choice
        st.rerun()


def show_error(exc: Exception) -> None:
    """Translate a domain error for the user; anything else is a real bug and propagates."""
    if isinstance(exc, InputError):
        st.error(tr("err.input", count=len(exc.errors)) + "\n\n"
                 + "\n".join(f"- {m}" for m in error_lines(exc, lang())))
    elif isinstance(exc, RembugError):
        st.error(error_lines(exc, lang())[0])
    else:
        raise exc


# ------------------------------------------------------------------ roles

def participant() -> dict | None:
    """The participant whose token is in the URL (`/?p=TOKEN`), re-checked on every run."""
    token = st.query_params.get("p")
    if not token:
        return None
    return participant_for_token(db(), token)


def has_participant_token() -> bool:
    return bool(st.query_params.get("p"))


def facilitator_workshop_id() -> str | None:
    return st.session_state.get("auth_workshop")


def try_login(workshop_id: str, pin: str) -> tuple[bool, int]:
    """Check a PIN with a growing wait after 5 failures in this browser session.

    Returns (ok, seconds_to_wait); a locked session does not even check the PIN.
    """
    fails = st.session_state.get("pin_failures", 0)
    until = st.session_state.get("pin_locked_until", 0.0)
    now = time.monotonic()
    if until > now:
        return False, int(until - now) + 1
    shared = PIN_THROTTLE.wait(workshop_id, now)  # wrong PINs from every session of this server
    if shared:
        return False, int(shared) + 1
    if check_pin(db(), workshop_id, pin):
        PIN_THROTTLE.succeeded(workshop_id)
        st.session_state["pin_failures"] = 0
        st.session_state["auth_workshop"] = workshop_id
        return True, 0
    PIN_THROTTLE.failed(workshop_id)
    fails += 1
    st.session_state["pin_failures"] = fails
    wait = lockout_seconds(fails)
    if wait:
        st.session_state["pin_locked_until"] = now + wait
    return False, wait


def logout() -> None:
    for key in ("auth_workshop",):
        st.session_state.pop(key, None)


def require_facilitator() -> dict:
    """The logged-in facilitator's workshop, or stop the page (participant and anonymous alike)."""
    wid = facilitator_workshop_id()
    if not wid or has_participant_token():
        st.error(tr("core.participant_denied"))
        st.stop()
    try:
        return get_workshop(db(), wid)
    except RembugError:
        logout()
        st.error(tr("core.participant_denied"))
        st.stop()


def require_participant() -> dict:
    p = participant()
    if p is None:
        st.error(tr("core.token_invalid"))
        st.stop()
    return p
