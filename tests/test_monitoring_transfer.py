"""Backup and restore of a whole workshop: round trip on SQLite and PostgreSQL, every declared
embedded reference, refusals that write nothing, restoring twice, the command line."""
import copy
import json
from collections import Counter

import pytest
from sqlalchemy import JSON, Integer, func, select

from facilitation import transfer
from facilitation.__main__ import main
from facilitation.assessment_cards import add_card
from facilitation.demo import build_demo
from facilitation.errors import RembugError
from facilitation.participants import add_participant
from facilitation.store import Database
from facilitation.store import transfer as tq
from facilitation.store.schema import load_all_tables, metadata
from facilitation.voting import create_poll, list_polls, record_hand_counts
from facilitation.workshops import create_workshop, list_workshops

OTHER = {
    "village": "Cibodas", "village_kind": "desa", "kecamatan": "Lembang", "kabupaten": "Kabupaten Bandung Barat",
    "provinsi": "Jawa Barat", "year": 2025, "day1": "2025-02-03", "day2": "2025-02-04", "day3": "2025-02-05",
    "day4": "2025-02-06", "venue": "Balai Desa Cibodas", "facilitator_central": "A", "facilitator_regional": "B",
    "pendamping1": "C", "pendamping2": "D",
}


def other_workshop(db) -> str:
    """Another workshop with rows in the referenced tables, so that ids of the store do not
    start at 1 and a missing remap would point at the wrong rows."""
    wid = create_workshop(db, dict(OTHER), pin="1111")
    for n in range(7):
        add_participant(db, wid, {"name": f"Warga {n}", "gender": "L", "institution": "RT"})
    for n in range(5):
        add_card(db, wid, {"kind": "problem", "dimension": "D1", "text": f"Masalah lain {n}", "level": "masyarakat",
                           "affected": []})
    for n in range(3):
        create_poll(db, wid, f"Poll {n}", "single", ["Ya", "Tidak"])
    return wid


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('source')}/source.sqlite3")
    other_workshop(db)
    wid = build_demo(db)
    # the demo counts no hands on its problem ranking: add a flipchart's points and a paper ballot
    ranking = next(p for p in list_polls(db, wid) if p["source"] == "problems")
    ids = [i["id"] for i in ranking["items"]]
    paper = list(reversed(ids)) if ranking["kind"] == "ranking" else ids[0]
    record_hand_counts(db, wid, ranking["id"], points={ids[0]: 3, ids[-1]: 1}, paper_ballots=[paper], voters=2)
    yield db, wid, transfer.backup_document(db, wid)
    db.dispose()


def seal(content: dict, **envelope) -> bytes:
    doc = {"format": transfer.FORMAT, "version": transfer.VERSION, "created_at": "2026-01-01T00:00:00Z",
           "sha256": transfer.checksum(content), "content": content, **envelope}
    return json.dumps(doc).encode()


def rows_of(content: dict, table: str) -> list[dict]:
    block = content["tables"][table]
    return [dict(zip(block["columns"], r)) for r in block["rows"]]


def counts(db) -> dict[str, int]:
    """Rows in every table of the store (all workshops)."""
    load_all_tables()
    with db.read() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in metadata.sorted_tables}


# ---------------------------------------------------------------- the file

def test_backup_file_is_self_describing_and_normalised(source):
    db, wid, doc = source
    assert (doc["format"], doc["version"]) == ("rembug-workshop-backup", 1)
    assert doc["sha256"] == transfer.checksum(doc["content"])
    content = doc["content"]
    assert content["workshop"]["id"] == wid and content["workshop"]["pin_hash"]
    assert set(content["tables"]) == {t.name for t in tq.workshop_tables()}
    # the file's own ids: 1..n per table, although the store's ids were offset by another workshop
    assert [r["id"] for r in rows_of(content, "participants")] == list(range(1, 31))
    assert [r["id"] for r in rows_of(content, "assessment_cards")][:3] == [1, 2, 3]
    assert all(r["workshop_id"] == wid for t in content["tables"] for r in rows_of(content, t))
    assert isinstance(rows_of(content, "attendance")[0]["updated_at"], str)
    assert transfer.backup_filename({"id": wid, "village": "Mekarsari", "year": 2026}) == \
        f"rembug-mekarsari-2026-{wid}.json"


def test_round_trip_into_an_empty_store_gives_the_same_content(source, any_db):
    _, wid, doc = source
    other_workshop(any_db)  # ids of the target store are offset too
    result = transfer.restore(any_db, json.dumps(doc).encode())
    assert result == {"workshop_id": wid, "village": "Mekarsari", "replaced": False,
                      "rows": sum(len(b["rows"]) for b in doc["content"]["tables"].values())}
    again = transfer.backup_document(any_db, wid)
    assert again["content"] == doc["content"]
    assert again["sha256"] == doc["sha256"]


def test_restoring_twice_replaces_instead_of_duplicating(source, db):
    _, wid, doc = source
    data = json.dumps(doc).encode()
    transfer.restore(db, data)
    first = counts(db)
    assert transfer.restore(db, data)["replaced"] is True
    assert counts(db) == first
    assert [w["id"] for w in list_workshops(db)] == [wid]
    assert first["participants"] == 30 and first["election_ballots"] == len(doc["content"]["tables"]["election_ballots"]["rows"])


# ---------------------------------------------------------------- the declared references

def _cards(db, wid):
    """Every card with its text, merged ones included (plan rows may name any of them)."""
    from facilitation.store.assessment import list_cards

    with db.read() as conn:
        return {c["id"]: c["text"] for c in list_cards(conn, wid)}


def _polls(db, wid):
    from facilitation.voting import list_polls

    return {p["id"]: p for p in list_polls(db, wid)}


def view_score_polls(db, wid):
    from facilitation.assessment import list_scores

    polls = _polls(db, wid)
    return {pid: polls[s["poll_id"]]["source_ref"] for pid, s in list_scores(db, wid, "baseline").items() if s["poll_id"]}


def view_plan_problems(db, wid):
    from facilitation.planning import list_plan_rows

    cards = _cards(db, wid)
    return [(r["activity"], cards[r["problem_id"]]) for r in list_plan_rows(db, wid) if r["problem_id"] is not None]


def view_ballot_candidates(db, wid):
    from facilitation.participants import list_participants
    from facilitation.store.election import election_ballots, election_offices, election_rounds

    names = {p["id"]: p["name"] for p in list_participants(db, wid)}
    with db.read() as conn:
        q = (select(election_offices.c.name, election_rounds.c.number, election_ballots.c.candidate_id)
             .join(election_rounds, election_rounds.c.id == election_ballots.c.round_id)
             .join(election_offices, election_offices.c.id == election_rounds.c.office_id)
             .where(election_ballots.c.workshop_id == wid))
        return Counter((office, n, names.get(c)) for office, n, c in conn.execute(q))


def _problem_polls(db, wid):
    return [p for p in _polls(db, wid).values() if p["source"] == "problems"]


def view_poll_items(db, wid):
    cards = _cards(db, wid)
    return [[(cards[i["id"]], i["label"]) for i in p["items"]] for p in _problem_polls(db, wid)]


def view_poll_ballots(db, wid):
    from facilitation.store.voting import ballot_payloads

    cards = _cards(db, wid)
    out = []
    with db.read() as conn:
        for p in _problem_polls(db, wid):
            for payload in ballot_payloads(conn, p["id"]):
                out.append(json.dumps(transfer._ballot(payload, p["kind"], lambda i: cards[int(i)]), sort_keys=True))
    return sorted(out)


def view_hand_counts(db, wid):
    from facilitation.voting import hand_counts

    cards = _cards(db, wid)
    out = []
    for p in _problem_polls(db, wid):
        hand = hand_counts(db, wid, p["id"])
        if hand:
            ballots = [json.dumps(transfer._ballot(b, p["kind"], lambda i: cards[int(i)])) for b in hand["ballots"]]
            out.append((sorted((cards[k], v) for k, v in hand["points"].items()), sorted(ballots)))
    return out


VIEWS = {
    ("assessment_scores", "poll_id"): view_score_polls,
    ("plan_rows", "problem_id"): view_plan_problems,
    ("election_ballots", "candidate_id"): view_ballot_candidates,
    ("polls", "items"): view_poll_items,
    ("poll_ballots", "payload"): view_poll_ballots,
    ("poll_hand_counts", "payload"): view_hand_counts,
}


def test_every_declared_reference_has_a_test():
    assert {(r.table, r.column) for r in transfer.REFERENCES} == set(VIEWS)


@pytest.fixture(scope="module")
def restored(source, tmp_path_factory):
    """The source workshop restored into a store whose ids are offset differently."""
    _, wid, doc = source
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('target')}/target.sqlite3")
    other_workshop(db)
    other_workshop(db)
    transfer.restore(db, json.dumps(doc).encode())
    yield db
    db.dispose()


@pytest.mark.parametrize("ref", transfer.REFERENCES, ids=lambda r: f"{r.table}.{r.column}")
def test_declared_reference_points_at_the_same_rows_after_a_restore(source, restored, ref):
    src_db, wid, doc = source
    db = restored
    view = VIEWS[(ref.table, ref.column)]
    before = view(src_db, wid)
    assert before, "the demo must exercise this reference"
    assert view(db, wid) == before


def test_every_column_that_could_hold_row_ids_is_classified():
    """An integer *_id column without a foreign key, or a JSON column, is either a declared
    reference or listed as holding no row ids; foreign keys point at renumbered tables."""
    declared = {(r.table, r.column) for r in transfer.REFERENCES}
    unclassified = []
    for t in tq.workshop_tables():
        for col in t.c:
            if col.name == "workshop_id" or col.primary_key and not col.foreign_keys:
                continue
            id_like = isinstance(col.type, Integer) and col.name.endswith("_id") and not col.foreign_keys
            if (id_like or isinstance(col.type, JSON)) and (t.name, col.name) not in declared | transfer.NO_ROW_IDS:
                unclassified.append(f"{t.name}.{col.name}")
            for fk in col.foreign_keys:
                target = fk.column.table
                assert target.name == "workshops" or target.autoincrement_column is not None, f"{t.name}.{col.name}"
    for ref in transfer.REFERENCES:
        assert ref.target in {t.name for t in tq.workshop_tables()}, ref
    assert unclassified == []


def test_a_reference_to_a_row_that_is_gone_stays_pointing_at_nothing(source, db, tmp_path):
    """Secret ballots have no foreign key: a deleted candidate's ballots keep counting, for a
    placeholder id (-1) that matches no row, in the file and after another restore."""
    from facilitation.participants import delete_participant, list_participants

    _, wid, doc = source
    transfer.restore(db, json.dumps(doc).encode())
    before = view_ballot_candidates(db, wid)
    name = next(k[2] for k in before if k[2] is not None)
    votes = sum(v for k, v in before.items() if k[2] == name)
    delete_participant(db, wid, next(p["id"] for p in list_participants(db, wid) if p["name"] == name))
    after = transfer.backup_document(db, wid)
    candidates = Counter(r["candidate_id"] for r in rows_of(after["content"], "election_ballots"))
    assert candidates[-1] == votes > 0
    other = Database(f"sqlite:///{tmp_path}/other.sqlite3")
    transfer.restore(other, json.dumps(after).encode())
    assert transfer.backup_document(other, wid)["content"] == after["content"]
    other.dispose()


# ---------------------------------------------------------------- refusals

def _with(doc, edit) -> bytes:
    content = copy.deepcopy(doc["content"])
    edit(content)
    return seal(content)


def _set(table, column, value, index=0):
    def edit(content):
        block = content["tables"][table]
        block["rows"][index][block["columns"].index(column)] = value
    return edit


def renamed(doc, new_id: str):
    """The same workshop under another id (tokens and join code made unique too)."""
    def edit(content):
        content["workshop"]["id"] = new_id
        for name, block in content["tables"].items():
            i = block["columns"].index("workshop_id")
            for r in block["rows"]:
                r[i] = new_id
            if name == "participants":
                t = block["columns"].index("token")
                for r in block["rows"]:
                    r[t] = new_id + r[t][12:]
    return edit


def test_damaged_truncated_and_foreign_files_are_refused_and_nothing_is_written(source, any_db):
    _, wid, doc = source
    good = json.dumps(doc).encode()
    transfer.restore(any_db, good)
    before_counts, before = counts(any_db), transfer.backup_document(any_db, wid)["content"]
    bad_checksum = json.loads(good)
    bad_checksum["content"]["workshop"]["village"] = "Desa Lain"
    cases = [
        (good[: len(good) // 2], "monitoring.err_backup_damaged"),
        (b"\xff\xfe not utf-8", "monitoring.err_backup_damaged"),
        (b"", "monitoring.err_backup_damaged"),
        (json.dumps(bad_checksum).encode(), "monitoring.err_backup_checksum"),
        (json.dumps({"format": "something-else", "version": 1}).encode(), "monitoring.err_backup_foreign"),
        (b"[1, 2, 3]", "monitoring.err_backup_foreign"),
        (seal(doc["content"], version=2), "monitoring.err_backup_version"),
        (_with(doc, lambda c: c["tables"].update(nope={"columns": ["workshop_id"], "rows": []})),
         "monitoring.err_backup_unknown_table"),
        (_with(doc, lambda c: c["tables"]["participants"]["columns"].__setitem__(1, "nickname")),
         "monitoring.err_backup_unknown_column"),
        (_with(doc, _set("participants", "age", "forty")), "monitoring.err_backup_value"),
        (_with(doc, _set("participants", "workshop_id", "someoneelse")), "monitoring.err_backup_value"),
        (_with(doc, _set("attendance", "participant_id", 9999)), "monitoring.err_backup_reference"),
        (_with(doc, _set("plan_rows", "problem_id", 9999)), "monitoring.err_backup_reference"),
        # passes every check of the file, then the database refuses a row near the end: the
        # deletion of the existing workshop and every insert before it are rolled back
        (_with(doc, _set("progress_entries", "percent", 150, index=-1)), "monitoring.err_backup_rejected"),
    ]
    for data, key in cases:
        with pytest.raises(RembugError) as exc:
            transfer.restore(any_db, data)
        assert exc.value.key == key, (key, exc.value.key, exc.value.params)
        assert "\n" not in exc.value.message("id") and "nothing was restored" in exc.value.message("en")
    assert counts(any_db) == before_counts
    assert transfer.backup_document(any_db, wid)["content"] == before
    # a new workshop that fails half-way is not left behind either
    with pytest.raises(RembugError):
        transfer.restore(any_db, _with(doc, lambda c: (renamed(doc, "feedbeef0001")(c),
                                                       _set("progress_entries", "percent", 150, index=-1)(c))))
    assert "feedbeef0001" not in {w["id"] for w in list_workshops(any_db)}
    assert counts(any_db) == before_counts


def test_a_copy_under_another_id_gets_its_own_join_code(source, db):
    _, wid, doc = source
    transfer.restore(db, json.dumps(doc).encode())
    transfer.restore(db, _with(doc, renamed(doc, "c0ffee000001")))
    codes = {w["id"]: transfer.backup_document(db, w["id"])["content"]["workshop"]["join_code"]
             for w in list_workshops(db)}
    assert len(set(codes.values())) == 2 and codes[wid] == doc["content"]["workshop"]["join_code"]


def test_a_page_may_replace_only_the_workshop_it_is_logged_into(source, db):
    _, wid, doc = source
    data = json.dumps(doc).encode()
    assert transfer.restore(db, data, may_replace={"someone-else"})["replaced"] is False  # new: allowed
    with pytest.raises(RembugError) as exc:
        transfer.restore(db, data, may_replace={"someone-else"})
    assert exc.value.key == "monitoring.err_restore_other_workshop"
    assert transfer.restore(db, data, may_replace={wid})["replaced"] is True


# ---------------------------------------------------------------- command line

def test_command_line_backup_and_restore(source, tmp_path, capsys):
    _, wid, doc = source
    url = f"sqlite:///{tmp_path}/cli.sqlite3"
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc))
    assert main(["--db", url, "restore", str(path)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == wid
    out = tmp_path / "out" / "backup.json"
    assert main(["--db", url, "backup", "--workshop", wid, "--out", str(out)]) == 0
    written = json.loads(out.read_text())
    assert written["sha256"] == doc["sha256"] and not (tmp_path / "out" / "backup.json.part").exists()
    capsys.readouterr()
    path.write_text(json.dumps(doc)[:5000])
    assert main(["--db", url, "restore", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "tidak ada yang dipulihkan" in err
    assert main(["--db", url, "restore", str(tmp_path / "missing.json")]) == 1
    assert main(["--db", url, "backup", "--workshop", "nope", "--out", str(out)]) == 1
    assert json.loads(out.read_text())["sha256"] == doc["sha256"]  # the old file was not touched
