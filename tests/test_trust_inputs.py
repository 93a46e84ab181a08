"""Hostile text through every input path: stored intact, and 100,000 characters refused with a
message in the user's language that names the limit.

What the store keeps is the text as typed, except on purpose:
* every form (the pydantic input models, facilitation.models._clean): surrounding white space
  and the C0 control characters U+0000–U+001F other than tab and line feed;
* one-line texts (contract rules and sanctions, poll items and criteria, ideas): the same controls, and
  runs of white space (tabs, line breaks) become one space, since an item is one line.
Everything else stays: markup, right-to-left text and direction marks, emoji, U+FFFE (the
documents drop that one, and say so: tests/test_trust_exports.py).
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from facilitation import (
    agenda,
    assessment,
    assessment_cards,
    assessment_institutions,
    contract,
    election,
    monitoring,
    participants,
    planning,
    pledges,
    terminasi,
    voting,
    workshops,
)
from facilitation.errors import InputError, RembugError
from facilitation.i18n import t
from facilitation.models import _clean
from tests.conftest import WORKSHOP
from tests.trust_helpers import CONTROL, EMOJI, HOSTILE, RTL

# right-to-left text, emoji and control characters first, so that even a 40-character field
# holds some of each; then the markup
VALUE = f" {RTL} {EMOJI}{CONTROL}\t{HOSTILE} "
HUGE = "x" * 100_000


def form(value: str) -> str:
    """What a form field keeps (see the module docstring)."""
    return _clean(value)


def item(value: str) -> str:
    """What a one-line list item keeps."""
    return " ".join("".join(ch for ch in value if ord(ch) >= 32 or ch in "\t\n\r ").split())


def one(db, sql: str, **params):
    with db.read() as conn:
        return conn.execute(text(sql), params).scalar_one()


@pytest.fixture
def ws(db):
    wid = workshops.create_workshop(db, dict(WORKSHOP), pin="4321")
    pid = participants.add_participant(db, wid, {"name": "Ani", "gender": "P", "institution": "PKK"})
    return wid, pid


# Each path stores v(limit) (the hostile text cut to a field's limit; v() uncut) through the
# domain, reads it back from the store, and says what should have been stored.
def _participant(db, w, pid, v):
    new = participants.add_participant(db, w, {"name": v(120), "gender": "L", "institution": v(120)[::-1],
                                               "position": v(120), "dusun": v(120)})
    return one(db, "select name || '|' || institution || '|' || position || '|' || dusun from participants "
                   "where id = :i", i=new), "|".join(form(x) for x in (v(120), v(120)[::-1], v(120), v(120)))


def _card(db, w, pid, v):
    cid = assessment_cards.add_card(db, w, {"kind": "problem", "dimension": "D1", "text": v(200)})
    return one(db, "select text from assessment_cards where id = :i", i=cid), form(v(200))


def _institution(db, w, pid, v):
    iid = assessment_institutions.add_institution(db, w, {"name": v(120), "type": "formal", "importance": 2,
                                                          "distance": 1, "trust": v(), "norms": v()})
    return one(db, "select name || '|' || trust || '|' || norms from assessment_institutions where id = :i",
               i=iid), "|".join((form(v(120)), form(v()), form(v())))


def _voice(db, w, pid, v):
    contract.set_collecting(db, w, True)
    contract.send_from_phone(db, w, pid, "concern", v(300))
    return one(db, "select text from contract_voices where workshop_id = :w", w=w), form(v(300))


def _rules(db, w, pid, v):
    contract.save_rules(db, w, [v(200), "Tepat waktu"])
    contract.save_sanctions(db, w, [v(200)])
    stored = json.loads(one(db, "select rules from contracts where workshop_id = :w", w=w))
    stored += json.loads(one(db, "select sanctions from contracts where workshop_id = :w", w=w))
    return stored, [item(v(200)), "Tepat waktu", item(v(200))]


def _idea(db, w, pid, v):
    planning.add_idea(db, w, v(200))
    return one(db, "select text from planning_ideas where workshop_id = :w", w=w), item(v(200))


def _focus_cluster_resolution(db, w, pid, v):
    planning.save_focus(db, w, {"focus_question": v(300), "intended_product": v(300)})
    cid = planning.add_cluster(db, w, {"cluster_name": v(120)})
    planning.resolve(db, w, v())
    got = one(db, "select focus_question || '|' || intended_product || '|' || resolution_note from planning_sessions "
                  "where workshop_id = :w", w=w) + "|" + one(db, "select name from planning_clusters where id = :i", i=cid)
    return got, "|".join((form(v(300)), form(v(300)), form(v()), form(v(120))))


def _activity(db, w, pid, v):
    aid = planning.add_activity(db, w, v(200), "D1")
    planning.save_activity(db, w, aid, {"activity_title": v(200), "dimension": "D1", "victory": v(), "risks": v(),
                                        "commitment": v()})
    planning.save_key_actions(db, w, aid, [{"action_text": v(200), "month_start": 1, "month_end": 2,
                                            "action_who": v(200)}])
    got = one(db, "select title || '|' || victory || '|' || risks || '|' || commitment from planning_activities "
                  "where id = :i", i=aid) + "|" + one(db, "select text || '|' || who from planning_key_actions "
                                                         "where workshop_id = :w", w=w)
    return got, "|".join((form(v(200)), form(v()), form(v()), form(v()), form(v(200)), form(v(200))))


def _plan_row(db, w, pid, v):
    rid = planning.save_plan_row(db, w, {
        "activity": v(200), "dimensions": ["D1"], "problem": v(300), "objective": v(300),
        "target_group": v(200), "volume": v(120), "location": v(120), "months": [1, 2], "indicator": v(300),
        "partners": ["Puskesmas " + v(60)],
        "budget": [{"budget_item": v(150), "budget_source": "swadaya", "budget_amount": 10_000,
                    "source_detail": v(120)}]})
    got = one(db, "select activity || '|' || problem_text || '|' || objective || '|' || target_group || '|' || volume "
                  "|| '|' || location || '|' || indicator from plan_rows where id = :i", i=rid)
    got += "|" + one(db, "select item || '|' || detail from plan_budget_lines where workshop_id = :w", w=w)
    want = "|".join(form(x) for x in (v(200), v(300), v(300), v(200), v(120), v(120), v(300), v(150), v(120)))
    return got, want


def _pledge_and_fund(db, w, pid, v):
    plid = pledges.add_pledge(db, w, pid, {"kind": "goods", "description": v(200), "quantity": 2, "unit": v(40),
                                           "value": 50_000, "due_date": dt.date(2026, 5, 20)})
    fid = pledges.add_fund(db, w, {"kind": "other", "source": v(120), "amount": 100_000, "account_ref": v(120),
                                   "note": v(200)})
    got = one(db, "select description || '|' || unit from pledges where id = :i", i=plid)
    got += "|" + one(db, "select source || '|' || account_ref || '|' || note from pledge_funds where id = :i", i=fid)
    return got, "|".join(form(x) for x in (v(200), v(40), v(120), v(120), v(200)))


def _office_and_number(db, w, pid, v):
    election.setup(db, w, "id")
    oid = election.add_office(db, w, v(120))
    election.update_settings(db, w, {"number": v(80)})
    got = one(db, "select name from election_offices where id = :i", i=oid)
    got += "|" + one(db, "select number from election_settings where workshop_id = :w", w=w)
    return got, "|".join((form(v(120)), form(v(80))))


def _poll(db, w, pid, v):
    poll_id = voting.create_poll(db, w, v(200), "matrix", [v(150) + " 1", v(150) + " 2"],
                                 {"criteria": [v(100)]})
    poll = voting.get_poll(db, w, poll_id)
    got = [poll["title"], *(i["label"] for i in poll["items"]), *poll["config"]["criterion_labels"].values()]
    return got, [form(v(200)), item(v(150) + " 1"), item(v(150) + " 2"), item(v(100))]


def _agenda(db, w, pid, v):
    sid = agenda.add_session(db, w, 1, {"session_title": v(120), "duration_min": 15, "session_notes": v()})
    agenda.mark_done(db, w, sid, v())
    item_ = agenda.find_item(agenda.programme(db, w), sid)
    got = "|".join((item_.title("id"), item_.notes, agenda.progress(db, w)[sid]["note"]))
    return got, "|".join((form(v(120)), form(v()), form(v())))


def _score(db, w, pid, v):
    assessment.save_score(db, w, "P1.1", {"score": 3, "reason": v(), "evidence": v()})
    return one(db, "select reason || '|' || evidence from assessment_scores where workshop_id = :w", w=w), \
        "|".join((form(v()), form(v())))


def _visit(db, w, pid, v):
    vid = monitoring.save_visit(db, w, {"visit_date": dt.date(2026, 8, 1), "kind": "monitoring", "facilitators": v(),
                                        "problems": v(), "help_needed": v(), "recommendations": v(),
                                        "findings": {"D1": v()}})
    got = one(db, "select facilitators || '|' || problems || '|' || recommendations from monitoring_visits "
                  "where id = :i", i=vid)
    return got, "|".join((form(v()), form(v()), form(v())))


def _handover(db, w, pid, v):
    terminasi.save_handover(db, w, {"handover_date": dt.date(2026, 11, 1), "handover_office": v(200),
                                    "handover_note": v()})
    terminasi.save_reflection(db, w, {"worked": v(), "not_worked": v()})
    got = one(db, "select handover_office || '|' || handover_note || '|' || worked || '|' || not_worked "
                  "from terminations where workshop_id = :w", w=w)
    return got, "|".join((form(v(200)), form(v()), form(v()), form(v())))


def _workshop(db, w, pid, v):
    data = {**WORKSHOP, **{k: v(120) for k in ("village", "kecamatan", "kabupaten", "provinsi", "kepala_desa")},
            "venue": v(200)}
    wid = workshops.create_workshop(db, data, pin="4321")
    ws = workshops.get_workshop(db, wid)
    return "|".join(ws[k] for k in ("village", "kecamatan", "venue")), "|".join((form(v(120)), form(v(120)),
                                                                                form(v(200))))


PATHS = [_participant, _card, _institution, _voice, _rules, _idea, _focus_cluster_resolution, _activity,
         _plan_row, _pledge_and_fund, _office_and_number, _poll, _agenda, _score, _visit, _handover, _workshop]


@pytest.mark.parametrize("path", PATHS, ids=lambda f: f.__name__.strip("_"))
def test_hostile_text_is_stored_as_typed(db, ws, path):
    wid, pid = ws
    got, want = path(db, wid, pid, lambda limit=None: VALUE[:limit])
    assert got == want
    flat = json.dumps(got, ensure_ascii=False)
    for kept in ("مرحبا", "\u202e", "🙂", "\ufffe"):
        assert kept in flat
    assert not any(ch in flat for ch in "\x00\x07\x1b")


@pytest.mark.parametrize("path", PATHS, ids=lambda f: f.__name__.strip("_"))
def test_100000_characters_are_refused_with_the_limit_in_both_languages(db, ws, path):
    wid, pid = ws
    with pytest.raises(InputError) as caught:
        path(db, wid, pid, lambda limit=None: HUGE)
    for lang, word in (("id", "maksimal"), ("en", "at most")):
        messages = caught.value.messages(lang)
        assert messages and all(word in m or "limit" not in m for m in messages)
        limits = [e.params.get("limit") for e in caught.value.errors if e.key == "err.too_long"]
        assert limits and all(str(limit) in " ".join(messages) for limit in limits), messages
    assert not isinstance(caught.value, RembugError) or caught.value.key == "err.input"


# ---------------------------------------------------------------- the same, typed into the pages

def _submit(at, label: str):
    [button] = [b for b in at.form_submit_button if b.label == label]
    return button.click().run()


def _errors(at) -> str:
    return "\n".join(str(e.value) for e in at.error)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pages_answer_100000_characters_with_the_limit(apptest, lang):
    """Fields without a browser-side limit: the page says what is too long, in the user's
    language, and stores nothing."""
    wid = workshops.create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    at = apptest("pages/participants.py", workshop=wid, lang=lang)
    at.text_input(key="add_name").input(HUGE)
    at.text_input(key="add_inst").input("PKK")
    _submit(at, t("core.add_participant", lang))
    assert not at.exception
    assert t("err.too_long", lang, limit=120) in _errors(at)
    assert participants.list_participants(apptest.db, wid) == []

    participants.add_participant(apptest.db, wid, {"name": "Ani", "gender": "P", "institution": "PKK"})
    election.setup(apptest.db, wid, lang)
    before = len(election.list_offices(apptest.db, wid))
    at = apptest("pages/election.py", workshop=wid, lang=lang)
    at.text_input(key="el_new_office").input(HUGE)
    _submit(at, t("election.add_office", lang))
    assert not at.exception
    assert t("err.too_long", lang, limit=120) in _errors(at)
    assert len(election.list_offices(apptest.db, wid)) == before
