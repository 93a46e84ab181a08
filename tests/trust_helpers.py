"""Hostile text and the checks that go with it, shared by the tests/test_trust_*.py files.

HOSTILE is what a curious (or careless) participant might type: HTML and script tags, every
Markdown construct Streamlit renders (emphasis, links, emoji and icon shortcodes, coloured
text, LaTeX, headings, code), right-to-left text with a direction override, emoji, and
control characters. `unescaped_markup` tells whether a string handed to a Markdown-rendering
element would render any of it instead of showing it as typed.
"""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

MARKUP = ("<b>zqb</b> <script>alert(1)</script> <img src=x onerror=alert(2)> **zqbold** _zqit_ "
          "[zqlink](http://evil.test/) http://zq.test www.zq.test zq@zq.test :smile: :material/skull: "
          ":red[zqred] $zq^2$ ~~zqdel~~ `zqcode` &lt;zqent&gt;")
RTL = "مرحبا بالعالم \u202eabc"  # Arabic, then RIGHT-TO-LEFT OVERRIDE
EMOJI = "🙂👩🏽‍🌾🇮🇩"
# C0 controls and a non-character: Word's XML cannot hold them
CONTROL = "\x00\x07\x1b\ufffe"
HOSTILE = f"# zqhead {MARKUP} {RTL} {EMOJI}{CONTROL} akhir"
# fits a 120-character field: what a name or an institution can hold
SHORT = "<b>zqb</b> **zqbold** [zqlink](http://zq.test) :smile: :material/skull: :red[zqred] $zq$ `zqcode` مرحبا\u202e 🙂\x07"

# what Streamlit's Markdown would render from these if they arrived unescaped (checked in a
# real browser: an escaped colon still lets `:material/…:` through, and bare addresses become
# links whatever their backslashes, so those need a zero-width space: see ui/safe_text.py)
_RENDERED = {
    "html tag": re.compile(r"(?<!\\)<(?:b|script|img)\b"),
    "bold": re.compile(r"(?<!\\)\*\*zqbold"),
    "italic": re.compile(r"(?<!\\)_zqit"),
    "link": re.compile(r"\[zqlink\]\("),
    "bare address": re.compile(r"https?(?:\\)?:(?:\\)?/(?:\\)?/zq|www(?:\\)?\.zq|zq(?:\\)?@zq"),
    "emoji shortcode": re.compile(r"(?<!\\):smile(?<!\\):"),
    "material icon": re.compile(r":material(?:\\)?/skull"),
    "coloured text": re.compile(r"(?<!\\):red(?<!\\)\["),
    "latex": re.compile(r"(?<!\\)\$zq"),
    "strikethrough": re.compile(r"(?<!\\)~~zqdel"),
    "code": re.compile(r"(?<!\\)`zqcode"),
    "html entity": re.compile(r"(?<!\\)&lt;zqent"),
    "heading": re.compile(r"(?m)^\s*#{1,6} zqhead"),
}


def unescaped_markup(text: str) -> list[str]:
    """The kinds of markup in `text` that Markdown would render rather than show."""
    return [kind for kind, pattern in _RENDERED.items() if pattern.search(text or "")]


# element types whose text Streamlit shows as plain text (or that hold no user text)
_PLAIN = {"text", "code", "json", "arrow_data_frame", "arrow_table", "vega_lite_chart", "image", "imgs", "empty",
          "selectbox", "multiselect", "text_input", "text_area", "number_input", "date_input", "time_input",
          "progress", "file_uploader", "download_button_data", "html", "iframe", "deck_gl_json_chart"}


def markdown_strings(at):
    """(where, text) for every string an AppTest run handed to something that renders Markdown:
    markdown/caption bodies, alerts, headings, labels and help of every widget and container,
    radio options, pills and segmented-control options, metric labels."""
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", "")
        if hasattr(proto, "WhichOneof") and type(proto).__name__ == "Block":
            inner = proto.WhichOneof("type")
            proto, kind = (getattr(proto, inner), inner) if inner else (proto, "container")
        if kind in _PLAIN:
            fields = ("label", "help")
        else:
            fields = ("body", "label", "help")
        names = proto.DESCRIPTOR.fields_by_name
        for field in fields:
            if field in names and names[field].type == names[field].TYPE_STRING:
                value = getattr(proto, field)
                if value:
                    yield f"{kind}.{field}", value
        if kind == "radio" and "options" in names:
            for option in proto.options:
                yield "radio.option", option
        if kind == "button_group":
            for option in proto.options:
                yield "button_group.option", option.content


def markup_leaks(at) -> list[tuple[str, list[str], str]]:
    return [(where, kinds, text[:160]) for where, text in markdown_strings(at) if (kinds := unescaped_markup(text))]


# ---------------------------------------------------------------- a hostile store

# free-text columns, as typed by participants and the facilitator (table -> columns)
TEXT_COLUMNS = {
    "workshops": ["village", "kecamatan", "kabupaten", "provinsi", "venue", "facilitator_central",
                  "facilitator_regional", "pendamping1", "pendamping2", "kepala_desa"],
    "participants": ["name", "institution", "position", "dusun"],
    "agenda_progress": ["note"],
    "assessment_institutions": ["name", "trust", "networks", "norms", "members"],
    "assessment_cards": ["text"],
    "assessment_scores": ["reason", "evidence"],
    "contract_voices": ["text"],
    "election_offices": ["name"],
    "election_settings": ["number"],
    "monitoring_visits": ["facilitators", "pendamping", "others", "problems", "help_needed", "recommendations"],
    "planning_sessions": ["focus_question", "intended_product", "resolution_note"],
    "planning_clusters": ["name"],
    "planning_ideas": ["text"],
    "planning_activities": ["title", "victory", "strengths", "weaknesses", "benefits", "dangers", "commitment",
                            "risks"],
    "planning_key_actions": ["text", "who"],
    "plan_rows": ["activity", "problem_text", "objective", "target_group", "volume", "location", "indicator"],
    "plan_budget_lines": ["item", "detail"],
    "plan_exclusions": ["reason"],
    "pledges": ["description", "unit"],
    "pledge_funds": ["source", "account_ref", "note"],
    "polls": ["title"],
    "poll_hand_counts": ["entered_by"],
    "progress_entries": ["obstacles", "follow_up", "reported_by"],
    "terminations": ["handover_office", "handover_note", "worked", "not_worked"],
}
# JSON held in text columns: (table, column, how to reach the user's strings)
JSON_TEXT = [
    ("polls", "items", lambda v, f: [{**i, "label": f(i["label"])} for i in v]),
    ("polls", "config", lambda v, f: {**v, "criterion_labels": {k: f(x) for k, x in v["criterion_labels"].items()}}
     if v.get("criterion_labels") else v),
    ("contracts", "rules", lambda v, f: [f(x) for x in v]),
    ("contracts", "sanctions", lambda v, f: [f(x) for x in v]),
    ("plan_rows", "partners", lambda v, f: [f(x) for x in v]),
    ("terminations", "next_plans", lambda v, f: [f(x) for x in v]),
    ("monitoring_visits", "findings", lambda v, f: {k: f(x) for k, x in v.items()}),
    ("agenda_plans", "snapshot", lambda v, f: _custom_sessions(v, f)),
]


def _custom_sessions(snapshot: dict, f) -> dict:
    """The facilitator's own sessions in the adapted programme: their titles and notes."""
    for day in snapshot.get("days", {}).values():
        for item in day.get("items", []):
            if item.get("custom"):
                item["title"] = f(item["title"], 120) if item.get("title") else item.get("title")
                item["notes"] = f(item["notes"]) if item.get("notes") else item.get("notes")
    return snapshot


def _columns(con, table: str) -> dict[str, int | None]:
    """column -> declared VARCHAR length (None for TEXT/JSON)."""
    out = {}
    for _, name, decl, *_ in con.execute(f"PRAGMA table_info({table})"):
        m = re.search(r"\((\d+)\)", decl or "")
        out[name] = int(m.group(1)) if m else None
    return out


def _prefixed(prefix: str, value: str, limit: int | None) -> str:
    """`prefix value`, the prefix cut short where the column is, so the value stays whole and
    distinct values stay distinct."""
    if limit is None:
        return f"{prefix} {value}"
    room = limit - len(value) - 1
    return f"{prefix[:room]} {value}" if room > 0 else value


def make_hostile(src: Path, dst: Path, payload: str = HOSTILE, short: str = SHORT) -> Path:
    """A copy of the store `src` in which every free-text value starts with hostile text.

    Values keep their own text after the prefix (names stay distinct) and fit their column.
    The store is written directly, as a backup from another laptop could have written it: the
    control characters the input models strip are in here too, to reach every page and export.
    """
    shutil.copyfile(src, dst)
    con = sqlite3.connect(dst)
    try:
        for table, columns in TEXT_COLUMNS.items():
            lengths = _columns(con, table)
            for column in columns:
                if column not in lengths:
                    raise AssertionError(f"{table}.{column} is gone: update TEXT_COLUMNS")
                limit = lengths[column]
                prefix = short if limit is not None and limit <= 200 else payload
                for rowid, value in con.execute(f"SELECT rowid, {column} FROM {table}").fetchall():
                    if value:
                        con.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                                    (_prefixed(prefix, value, limit), rowid))
        for table, column, apply in JSON_TEXT:
            for rowid, value in con.execute(f"SELECT rowid, {column} FROM {table}").fetchall():
                if value:
                    data = apply(json.loads(value), lambda s, limit=200: _prefixed(short, s, limit) if s else s)
                    con.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                                (json.dumps(data, ensure_ascii=False), rowid))
        con.commit()
    finally:
        con.close()
    return dst


def snapshot_store(db, dst: Path) -> Path:
    """A consistent single-file copy of a live SQLite store (its WAL included)."""
    src = sqlite3.connect(str(db.path))
    out = sqlite3.connect(dst)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()
    return dst


# ---------------------------------------------------------------- the demo, every phone section open

def open_everything_for_phones(db, wid: str) -> None:
    """Every phone section open at once: a poll of each kind, the contract, cards, ideas,
    pledges, and an election round with a nomination waiting for consent."""
    from facilitation import assessment_cards, contract, election, planning, pledges, voting
    from facilitation.participants import list_participants

    items = [f"{HOSTILE[:150]} {n}" for n in range(1, 4)]
    for kind, config in (("single", {}), ("multiple", {}), ("dots", {"dots": 3}), ("ranking", {}),
                         ("pairwise", {}), ("matrix", {"criteria": [HOSTILE[:100], "Biaya"]})):
        poll_id = voting.create_poll(db, wid, f"{kind} {HOSTILE[:150]}", kind, items, config)
        voting.open_poll(db, wid, poll_id)
        voting.reveal(db, wid, poll_id)
    contract.set_collecting(db, wid, True)
    assessment_cards.open_collection(db, wid)
    planning.set_collecting(db, wid, True)
    pledges.set_phone_open(db, wid, True)
    people = list_participants(db, wid)
    # the last two offices undone: a round open on one, a nomination waiting on the other
    *_, voting_on, nominating_for = election.list_offices(db, wid)
    election.reset_office(db, wid, nominating_for["id"])
    election.reset_office(db, wid, voting_on["id"])
    election.update_settings(db, wid, {"phone_nominations": True})
    election.nominate(db, wid, nominating_for["id"], people[0]["id"], by=people[1]["id"])
    election.open_round(db, wid, voting_on["id"])


@pytest.fixture(scope="session")
def trust_demo_store(tmp_path_factory):
    """(path, workshop id): the demo workshop with every phone section open, built once per
    test process and copied by each test that writes."""
    from facilitation.demo import build_demo
    from facilitation.store import Database

    folder = tmp_path_factory.mktemp("trust-demo")
    db = Database(f"sqlite:///{folder}/demo.sqlite3")
    wid = build_demo(db)
    open_everything_for_phones(db, wid)
    path = snapshot_store(db, folder / "plain.sqlite3")
    db.dispose()
    return path, wid
