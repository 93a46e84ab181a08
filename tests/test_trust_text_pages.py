"""Hostile text on every page: the demo workshop with every free-text value in the store prefixed
by HTML, script tags, Markdown, shortcodes, right-to-left and emoji text and control characters.

Every facilitator page, the participant's phone (with every phone section open) and the join
page run under AppTest; no string handed to an element that renders Markdown may carry any of
that markup unescaped (tests/trust_helpers.unescaped_markup, proven against a real browser by
tests/test_trust_browser_text.py), and no page may fail on it.
"""
from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from facilitation.participants import list_participants
from facilitation.store import Database
from facilitation.workshops import get_workshop
from tests.conftest import ROOT
from tests.trust_helpers import make_hostile, markup_leaks, trust_demo_store  # noqa: F401 (a fixture)
from ui import nav

FACILITATOR_PAGES = [s.path for specs in nav.FACILITATOR.values() for s in specs]


@pytest.fixture(scope="module")
def hostile_store(trust_demo_store, tmp_path_factory):
    plain, wid = trust_demo_store
    return make_hostile(plain, tmp_path_factory.mktemp("hostile") / "hostile.sqlite3"), wid


@pytest.fixture
def hostile_app(hostile_store, tmp_path, monkeypatch):
    """(AppTest factory, store, workshop id) on a fresh copy of the hostile store."""
    import streamlit as st

    source, wid = hostile_store
    path = tmp_path / "app.sqlite3"
    shutil.copyfile(source, path)
    monkeypatch.setenv("REMBUG_DB", str(path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()
    db = Database(f"sqlite:///{path}")

    def make(page: str | None = None, *, facilitator: bool = True, token: str | None = None,
             query: dict | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state["lang"] = "id"
        if facilitator:
            at.session_state["auth_workshop"] = wid
        if token:
            at.query_params["p"] = token
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        return at

    yield make, db, wid
    st.cache_resource.clear()
    db.dispose()


def _no_markup(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert markup_leaks(at) == []


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_facilitator_page_shows_hostile_text_as_text(hostile_app, page):
    make, _, _ = hostile_app
    _no_markup(make(page))


def test_phone_shows_hostile_text_as_text_in_every_section(hostile_app):
    make, db, wid = hostile_app
    me = list_participants(db, wid)[0]
    at = make(facilitator=False, token=me["token"])
    _no_markup(at)
    keys = {getattr(w, "key", None) for w in at._tree if getattr(w, "key", None)}
    # every section drew itself: polls of every kind, contract, cards, ideas, pledges, election
    assert any(k.startswith("send_") for k in keys) and "phone_voice_text" in keys and "ph_text" in keys
    assert "pl_ph_send" in keys and any(k.startswith("el_choice_") for k in keys)
    assert any(k.startswith("el_yes_") for k in keys)


def test_join_page_shows_hostile_names_as_text(hostile_app):
    make, db, wid = hostile_app
    at = make(facilitator=False, query={"join": get_workshop(db, wid)["join_code"]})
    _no_markup(at)
    at.selectbox(key="join_person").select_index(0).run()
    _no_markup(at)
    assert at.button(key="join_confirm")


def test_home_page_lists_hostile_workshop_as_text(hostile_app):
    make, _, _ = hostile_app
    _no_markup(make(facilitator=False))
    _no_markup(make())  # logged in: the workshop's title in the greeting
