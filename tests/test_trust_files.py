"""Hostile files: participant lists (CSV, Excel) and workshop backups, fuzzed.

Whatever arrives (wrong types, missing or unknown columns, wrong encodings, broken or huge
files, zip bombs, damaged backups), each file either goes in completely or is refused with a
message in the user's language (per row for a list), and a refusal writes nothing: the row
count of every table is the same before and after.
"""
from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from facilitation import participants, transfer, voting, workshops
from facilitation.errors import InputError, RembugError
from facilitation.i18n import catalog
from facilitation.store import Database
from facilitation.store.schema import load_all_tables, metadata
from tests.conftest import WORKSHOP
from tests.trust_helpers import HOSTILE

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])


def counts(db: Database) -> dict[str, int]:
    load_all_tables()
    with db.read() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in metadata.sorted_tables}


def refusal_text(exc: RembugError) -> list[str]:
    """The message(s) in both languages; none may be a bare catalog key or a format hole."""
    out = []
    for lang in ("id", "en"):
        lines = exc.messages(lang) if isinstance(exc, InputError) else [exc.message(lang)]
        raw = catalog(lang).get(exc.key, exc.key)
        for line in lines:
            assert line and line != exc.key, line
            if not isinstance(exc, InputError) and "{" in raw:
                assert line != raw, f"{exc.key}: a placeholder was left unfilled"
        out += lines
    return out


@pytest.fixture
def ws(db):
    wid = workshops.create_workshop(db, dict(WORKSHOP), pin="4321")
    participants.add_participant(db, wid, {"name": "Siti Aminah", "gender": "P", "institution": "PKK"})
    return wid


def import_whole_or_nothing(db: Database, wid: str, filename: str, content: bytes) -> str:
    """Import; check the all-or-nothing rule; 'ok' or 'refused'."""
    before = counts(db)
    try:
        n = participants.import_file(db, wid, filename, content)
    except RembugError as exc:
        refusal_text(exc)
        assert counts(db) == before, "a refused import wrote something"
        if isinstance(exc, InputError):
            assert all(e.row is not None or e.key == "err.column_missing" for e in exc.errors)
        return "refused"
    after = counts(db)
    assert after["participants"] == before["participants"] + n
    assert {k: v for k, v in after.items() if k != "participants"} == \
        {k: v for k, v in before.items() if k != "participants"}
    return "ok"


# ---------------------------------------------------------------- participant lists

HEADINGS = ["Nama", "L/P", "Pranata", "Umur", "Jabatan", "Dusun", "No HP", "name", "Jenis Kelamin", "Lembaga",
            "", "Nama", "=cmd|' /C calc'!A0", HOSTILE[:40], "nama lengkap"]
cell = st.one_of(
    st.text(max_size=40), st.sampled_from(["L", "P", "l", "Perempuan", "X", "", "45", "4.5", "-3", "200", "NaN",
                                            "=1+1", "'0812", "+62 812", HOSTILE[:120], "x" * 500]),
    st.integers(-10, 10**12).map(str), st.floats(allow_nan=True).map(str),
)
table = st.tuples(st.lists(st.sampled_from(HEADINGS), min_size=0, max_size=8),
                  st.lists(st.lists(cell, max_size=10), max_size=12))


def _csv(headings, rows, sep=",") -> str:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep)
    writer.writerow(headings)
    writer.writerows(rows)
    return buf.getvalue()


@FUZZ
@given(table=table, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]),
       sep=st.sampled_from([",", ";", "\t"]))
def test_fuzzed_csv_lists_go_in_whole_or_not_at_all(db, ws, table, encoding, sep):
    headings, rows = table
    content = _csv(headings, rows, sep).encode(encoding, errors="replace")
    import_whole_or_nothing(db, ws, "peserta.csv", content)


@FUZZ
@given(content=st.binary(max_size=3000), name=st.sampled_from(["p.csv", "p.xlsx", "p.txt", "p.exe", "P.CSV"]))
def test_fuzzed_bytes_go_in_whole_or_not_at_all(db, ws, content, name):
    import_whole_or_nothing(db, ws, name, content)


def _xlsx(headings, rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cellable(v):  # Excel itself cannot hold control characters
        return ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v

    wb = Workbook()
    sheet = wb.active
    sheet.append([cellable(h) for h in headings])
    for row in rows:
        sheet.append([cellable(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


xlsx_cell = st.one_of(cell, st.integers(-5, 10**15), st.floats(allow_nan=False, allow_infinity=False),
                      st.booleans(), st.none(), st.dates(), st.sampled_from(["=SUM(1,2)", "=HYPERLINK(\"x\")"]))


@FUZZ
@given(headings=st.lists(st.sampled_from(HEADINGS), max_size=8),
       rows=st.lists(st.lists(xlsx_cell, max_size=10), max_size=10),
       cut=st.one_of(st.none(), st.integers(0, 4000)))
def test_fuzzed_excel_lists_go_in_whole_or_not_at_all(db, ws, headings, rows, cut):
    content = _xlsx(headings, rows)
    if cut is not None:
        content = content[:cut]  # a file cut short in the copy from a flash disk
    import_whole_or_nothing(db, ws, "peserta.xlsx", content)


def test_a_good_list_goes_in_whole(db, ws):
    content = _csv(["Nama", "L/P", "Pranata", "Umur"], [[HOSTILE[:100], "P", "PKK", "40"], ["Budi", "L", "RT", ""]])
    assert import_whole_or_nothing(db, ws, "p.csv", content.encode()) == "ok"
    names = [p["name"] for p in participants.list_participants(db, ws)]
    assert names[-2:] == [HOSTILE[:100].replace("\x00", "").replace("\x07", "").replace("\x1b", "").strip(), "Budi"]


def test_one_bad_row_refuses_the_whole_list_with_its_line(db, ws):
    good = [[f"Warga {n}", "L", "RT"] for n in range(50)]
    content = _csv(["Nama", "L/P", "Pranata"], [*good, ["Rusak", "X", "RT"], *good[:3]]).encode()
    before = counts(db)
    with pytest.raises(InputError) as caught:
        participants.import_file(db, ws, "p.csv", content)
    assert [e.row for e in caught.value.errors] == [52]
    assert "Baris 52" in refusal_text(caught.value)[0]
    assert counts(db) == before


def test_huge_and_long_lists_are_refused(db, ws):
    rows = [[f"Warga {n}", "L", "RT"] for n in range(participants.MAX_IMPORT_ROWS + 1)]
    for content in (_csv(["Nama", "L/P", "Pranata"], rows).encode(),  # too many rows
                    b"Nama,L/P,Pranata\n" + b"x" * (participants.MAX_IMPORT_BYTES + 1)):  # too big
        assert import_whole_or_nothing(db, ws, "p.csv", content) == "refused"


def test_an_excel_zip_bomb_is_refused_before_it_is_inflated(db, ws, tmp_path):
    """A 300 MB sheet of zeros squeezed into a few hundred KB: refused from the zip directory."""
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                f.write(chunk)
    content = bomb.getvalue()
    assert len(content) < participants.MAX_IMPORT_BYTES
    with pytest.raises(RembugError) as caught:
        participants.read_table("peserta.xlsx", content)
    assert caught.value.key == "err.import_too_big"
    assert import_whole_or_nothing(db, ws, "peserta.xlsx", content) == "refused"


# ---------------------------------------------------------------- workshop backups

@pytest.fixture
def backup_doc(db):
    """A small workshop with a poll and ballots, backed up, then gone from the store."""
    wid = workshops.create_workshop(db, dict(WORKSHOP), pin="4321")
    for n, name in enumerate(["Ani", "Budi", "Citra"]):
        participants.add_participant(db, wid, {"name": name, "gender": "LP"[n % 2], "institution": "PKK"})
    poll = voting.create_poll(db, wid, "Penyegar", "single", ["A", "B"])
    voting.open_poll(db, wid, poll)
    for p in participants.list_participants(db, wid):
        voting.cast_ballot(db, wid, poll, p["id"], 1)
    doc = transfer.backup_document(db, wid)
    return doc, wid


def _sealed(doc: dict) -> bytes:
    """The document with a fresh checksum, so the damage reaches the checks behind it."""
    import hashlib

    doc = copy.deepcopy(doc)
    # as transfer.checksum, but a lone surrogate (valid in JSON as \\ud800) is hashed too
    canonical = json.dumps(doc["content"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    doc["sha256"] = hashlib.sha256(canonical.encode("utf-8", errors="surrogatepass")).hexdigest()
    return json.dumps(doc).encode()


def restore_whole_or_nothing(db: Database, data: bytes) -> str:
    before = counts(db)
    try:
        transfer.restore(db, data)
    except RembugError as exc:
        refusal_text(exc)
        assert counts(db) == before, "a refused restore wrote something"
        return "refused"
    return "ok"


junk = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                              st.text(max_size=20), st.sampled_from(["\ud800", "\x00", "x" * 5000, HOSTILE])),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=6)


def _paths(doc: dict) -> list[tuple]:
    """Every place in the content a value sits (the workshop's fields, each cell of each table)."""
    content = doc["content"]
    out = [("workshop", k) for k in content["workshop"]] if isinstance(content.get("workshop"), dict) else []
    tables = content.get("tables") if isinstance(content.get("tables"), dict) else {}
    for name, block in tables.items():
        out.append(("tables", name))
        if not isinstance(block, dict):
            continue
        out += [("tables", name, key) for key in block]
        for r, row in enumerate(block.get("rows") if isinstance(block.get("rows"), list) else []):
            out.append(("tables", name, "rows", r))
            if isinstance(row, list):
                out += [("tables", name, "rows", r, c) for c in range(len(row))]
    return out


@FUZZ
@given(data=st.data())
def test_fuzzed_backups_restore_whole_or_not_at_all(db, backup_doc, data):
    doc, wid = backup_doc
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(doc)))
        target = doc["content"]
        for key in path[:-1]:
            target = target[key]
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "replace" or isinstance(target, dict) and action == "duplicate":
            target[path[-1]] = data.draw(junk)
        elif action == "delete":
            del target[path[-1]]
        else:
            target.insert(path[-1], copy.deepcopy(target[path[-1]]))
    outcome = restore_whole_or_nothing(db, _sealed(doc))
    if outcome == "ok":  # whatever went in must read back and back up again
        transfer.backup_document(db, doc["content"]["workshop"]["id"])


@FUZZ
@given(cut=st.integers(0, 5000), flip=st.integers(0, 5000))
def test_damaged_backup_files_are_refused(db, backup_doc, cut, flip):
    doc, _ = backup_doc
    raw = json.dumps(doc).encode()
    damaged = bytearray(raw[:cut] if cut < len(raw) else raw)
    if damaged and flip < len(damaged):
        damaged[flip] ^= 0x55
    if bytes(damaged) != raw:
        assert restore_whole_or_nothing(db, bytes(damaged)) == "refused"


@pytest.mark.parametrize("damage", ["utf16", "not_a_dict", "no_checksum", "foreign", "future", "unknown_table",
                                    "unknown_column", "lone_surrogate", "nul", "huge_text", "wrong_type",
                                    "missing_workshop_id", "duplicate_ids", "dangling_reference"])
def test_each_kind_of_damaged_backup_is_refused_and_writes_nothing(db, backup_doc, damage):
    doc, wid = backup_doc
    doc = copy.deepcopy(doc)
    content = doc["content"]
    people = content["tables"]["participants"]
    name_col = people["columns"].index("name")
    if damage == "utf16":
        data = json.dumps(doc).encode("utf-16")
    elif damage == "not_a_dict":
        data = b"[1, 2, 3]"
    elif damage == "no_checksum":
        doc.pop("sha256")
        data = json.dumps(doc).encode()
    elif damage == "foreign":
        doc["format"] = "other"
        data = json.dumps(doc).encode()
    elif damage == "future":
        doc["version"] = 99
        data = json.dumps(doc).encode()
    else:
        if damage == "unknown_table":
            content["tables"]["secrets"] = {"columns": ["workshop_id"], "rows": []}
        elif damage == "unknown_column":
            people["columns"].append("password")
            for row in people["rows"]:
                row.append("x")
        elif damage == "lone_surrogate":
            people["rows"][0][name_col] = "Ani \ud800"
        elif damage == "nul":
            people["rows"][0][name_col] = "Ani\x00"
        elif damage == "huge_text":
            people["rows"][0][name_col] = "A" * 100_000
        elif damage == "wrong_type":
            people["rows"][0][name_col] = 42
        elif damage == "missing_workshop_id":
            col = people["columns"].index("workshop_id")
            people["rows"][0][col] = "someoneelse"
        elif damage == "duplicate_ids":
            people["rows"].append(list(people["rows"][0]))
        elif damage == "dangling_reference":
            ballots = content["tables"]["poll_ballots"]
            ballots["rows"][0][ballots["columns"].index("participant_id")] = 999
        data = _sealed(doc)
    before = counts(db)
    with pytest.raises(RembugError) as caught:
        transfer.restore(db, data)
    refusal_text(caught.value)
    assert counts(db) == before


def test_restoring_over_the_same_workshop_is_all_or_nothing(db, backup_doc):
    """The workshop is replaced in one transaction: a file that fails late leaves the old one."""
    doc, wid = backup_doc
    transfer.restore(db, _sealed(doc))
    before = counts(db)
    bad = copy.deepcopy(doc)
    ballots = bad["content"]["tables"]["poll_ballots"]
    ballots["rows"].append(list(ballots["rows"][0]))  # a second ballot for the same person: fails at insert
    with pytest.raises(RembugError):
        transfer.restore(db, _sealed(bad))
    assert counts(db) == before
    assert [p["name"] for p in participants.list_participants(db, wid)] == ["Ani", "Budi", "Citra"]


def test_cli_restore_of_a_damaged_file_prints_one_line(tmp_path, db, backup_doc, capsys):
    from facilitation.__main__ import main

    doc, _ = backup_doc
    bad = copy.deepcopy(doc)
    people = bad["content"]["tables"]["participants"]
    people["rows"][0][people["columns"].index("name")] = "Ani \ud800"
    path = tmp_path / "bad.json"
    path.write_bytes(_sealed(bad))
    code = main(["--db", db.url, "restore", str(path)])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and err.startswith("error: "), err
