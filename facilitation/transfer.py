"""Backup and restore of one whole workshop as a JSON file (a laptop → a district server).

The file
--------
    {"format": "rembug-workshop-backup", "version": 1, "created_at": "...Z",
     "sha256": "<hex of the canonical JSON of content>",
     "content": {"workshop": {column: value, ...},
                 "tables": {"<table>": {"columns": [...], "rows": [[...], ...]}, ...}}}

`content` holds the workshop row and every row of every table with a `workshop_id` column,
discovered from the shared metadata (so a feature's new table is carried without code here),
in dependency order. Values are JSON: dates as 'YYYY-MM-DD', times as UTC ISO strings.

Ids in the file are the file's own: each table's integer ids are renumbered 1, 2, … (in the
store's order), and every reference follows: foreign keys (from the metadata) and the ids
that some columns hold *without* a foreign key or inside JSON, which are declared one by one
in `REFERENCES` below. So backing up, restoring into an empty store and backing up again
gives the same content, byte for byte. Ids of rows that no longer exist (a ballot for a
deleted participant, a poll item for a deleted problem card) become negative placeholders,
-1, -2, …, that never match a real row, in the file and after a restore alike.

Restore
-------
The file is checked completely before anything is written: the JSON parses, the format
marker and version are ours, the checksum matches, every table and column is known to this
store, every value has its column's type, every reference points at a row of the file. Then,
in ONE transaction, the workshop already in the store (same id) is deleted whole and the
file's rows are inserted with fresh ids (the store's autoincrement), references remapped to
them. Any refusal or database error rolls the whole transaction back: nothing is written.
"""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Float, Integer, Numeric, String, Table, Text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from facilitation.errors import RembugError
from facilitation.store import Database
from facilitation.store import transfer as tq

FORMAT = "rembug-workshop-backup"
VERSION = 1


# ---------------------------------------------------------------- the reference registry

@dataclass(frozen=True)
class Reference:
    """Row ids held in a column without a foreign key: the value itself (`kind='id'`) or ids
    inside a JSON value. `remap(value, row, ctx, lookup)` returns the value with each id
    replaced by `lookup(id)`; `applies(row, ctx)` says whether this row's value holds such ids
    at all (e.g. only the polls whose items are problem cards)."""

    table: str
    column: str
    target: str
    kind: str  # 'id', 'json-text' (JSON stored as text), 'json' (a JSON column)
    remap: Callable
    applies: Callable | None = None
    note: str = ""


def _plain_id(value, row, ctx, lookup):
    return None if value is None else lookup(value)


def _poll_of(row, ctx) -> dict | None:
    return ctx.get("polls", {}).get(row.get("poll_id"))


def _items_are_cards(poll: dict | None) -> bool:
    # assessment_ranking makes 'problems' polls whose item ids are assessment_cards ids;
    # rating polls (levels 1–5), icebreaker and manual polls (1, 2, …) hold no row ids.
    # A step that makes polls over rows of another table needs its own three References.
    return poll is not None and poll.get("source") == "problems"


def _card_items_poll(row, ctx) -> bool:
    return _items_are_cards(row)


def _card_items_child(row, ctx) -> bool:
    return _items_are_cards(_poll_of(row, ctx))


def _id_or_same(lookup):
    """Map an item id that is an int (a card id); ids written as digit strings in JSON object
    keys map too and stay strings; anything else is not a row id and stays as it is."""
    def one(v):
        if isinstance(v, bool):
            return v
        if isinstance(v, int):
            return lookup(v)
        if isinstance(v, str) and v.lstrip("-").isdigit():
            return str(lookup(int(v)))
        return v
    return one


def _poll_items(value, row, ctx, lookup):
    one = _id_or_same(lookup)
    items = json.loads(value)
    return _dumps([{**i, "id": one(i["id"])} if isinstance(i, dict) and "id" in i else i for i in items])


def _ballot(payload, kind: str, one):
    """A voting ballot (voting.py's JSON shapes) with its item ids mapped."""
    if kind == "single":
        return one(payload)
    if kind in ("multiple", "ranking") and isinstance(payload, list):
        return [one(v) for v in payload]
    if kind in ("dots", "matrix") and isinstance(payload, dict):
        return {one(k): v for k, v in payload.items()}
    if kind == "pairwise" and isinstance(payload, list):
        return [[one(v) if v is not None else None for v in c] if isinstance(c, list) else c for c in payload]
    return payload


def _poll_ballot(value, row, ctx, lookup):
    poll = _poll_of(row, ctx)
    return _dumps(_ballot(json.loads(value), poll["kind"], _id_or_same(lookup)))


def _hand_counts(value, row, ctx, lookup):
    poll = _poll_of(row, ctx)
    one = _id_or_same(lookup)
    payload = json.loads(value)
    if isinstance(payload, dict):
        payload = dict(payload)
        payload["points"] = [[one(p[0]), *p[1:]] if isinstance(p, list) and p else p
                             for p in payload.get("points", [])]
        payload["ballots"] = [_ballot(b, poll["kind"], one) for b in payload.get("ballots", [])]
    return _dumps(payload)


def _dumps(value) -> str:
    # the voting store's own JSON style, so a restored value reads exactly as a written one
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


REFERENCES: tuple[Reference, ...] = (
    Reference("assessment_scores", "poll_id", "polls", "id", _plain_id,
              note="the rating poll a score came from"),
    Reference("plan_rows", "problem_id", "assessment_cards", "id", _plain_id,
              note="the priority problem a plan row answers"),
    Reference("election_ballots", "candidate_id", "participants", "id", _plain_id,
              note="a secret ballot's candidate (no foreign key so a ballot never blocks a deletion)"),
    Reference("polls", "items", "assessment_cards", "json-text", _poll_items, _card_items_poll,
              note="a problem-ranking poll's items are problem cards"),
    Reference("poll_ballots", "payload", "assessment_cards", "json-text", _poll_ballot, _card_items_child,
              note="a ballot of a problem-ranking poll names problem cards"),
    Reference("poll_hand_counts", "payload", "assessment_cards", "json-text", _hand_counts, _card_items_child,
              note="hand counts and paper ballots of a problem-ranking poll name problem cards"),
)

# Columns checked to hold no row ids (integer *_id columns without a foreign key, and JSON
# values). tests/test_monitoring_transfer.py fails when a table gains such a column that is
# in neither list, so a new embedded reference cannot be forgotten here.
NO_ROW_IDS: frozenset[tuple[str, str]] = frozenset({
    ("polls", "config"), ("polls", "tie_rule"),  # matrix criteria are names; rules are names
    ("agenda_plans", "snapshot"),  # agenda item ids are content slugs
    ("contracts", "schedule"), ("contracts", "rules"), ("contracts", "sanctions"),
    ("planning_activities", "linked_params"), ("plan_rows", "dimensions"), ("plan_rows", "months"),
    ("plan_rows", "partners"), ("plan_rows", "indicator_params"),  # parameter/dimension ids, months, names
    ("assessment_cards", "affected"),  # group ids of the content (lansia, disabilitas, ...)
    ("monitoring_visits", "findings"),  # keyed by dimension id
    ("terminations", "next_plans"),  # texts
    ("terminations", "next_workshop_id"),  # another workshop: kept as it is
})


def references_for(table: str) -> list[Reference]:
    return [r for r in REFERENCES if r.table == table]


# ---------------------------------------------------------------- table facts

@dataclass(frozen=True)
class _Shape:
    table: Table
    remapped_pk: str | None  # the integer id the store assigns (autoincrement), renumbered
    random_pk: str | None  # an integer id drawn at random (secret ballots), renumbered too
    fks: dict  # column -> target table name


def _shape(table: Table) -> _Shape:
    pk = list(table.primary_key.columns)
    auto = table.autoincrement_column
    remapped = auto.name if auto is not None else None
    random_pk = None
    if remapped is None and len(pk) == 1 and _is_int(pk[0]) and not pk[0].foreign_keys:
        random_pk = pk[0].name
    fks = {}
    for col in table.c:
        for fk in col.foreign_keys:
            fks[col.name] = fk.column.table.name
    return _Shape(table, remapped, random_pk, fks)


def _is_int(col) -> bool:
    return isinstance(col.type, (Integer, BigInteger)) and not isinstance(col.type, Boolean)


def _shapes() -> list[_Shape]:
    return [_shape(t) for t in tq.workshop_tables()]


# ---------------------------------------------------------------- values to JSON and back

def _encode(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat() + "Z"  # SQLite's CURRENT_TIMESTAMP is UTC too
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


class _Bad(Exception):
    """A value that does not fit its column (reported as a damaged file)."""


def _decode(col, value, sqlite: bool):
    if value is None:
        if not col.nullable:
            raise _Bad()
        return None
    t = col.type
    if isinstance(t, JSON):
        if not _storable(value):
            raise _Bad()
        return value
    if isinstance(t, Boolean):
        if not isinstance(value, bool):
            raise _Bad()
        return value
    if isinstance(t, (Integer, BigInteger)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad()
        return value
    if isinstance(t, Float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad()
        return value
    if isinstance(t, Numeric):
        try:
            return decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            raise _Bad() from None
    if isinstance(t, DateTime):
        if not isinstance(value, str):
            raise _Bad()
        try:
            parsed = dt.datetime.fromisoformat(value.removesuffix("Z"))
        except ValueError:
            raise _Bad() from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return parsed if sqlite else parsed.replace(tzinfo=dt.timezone.utc)
    if isinstance(t, Date):
        if not isinstance(value, str):
            raise _Bad()
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _Bad() from None
    if isinstance(t, (String, Text)):
        if not isinstance(value, str) or not _storable(value):
            raise _Bad()
        if getattr(t, "length", None) and len(value) > t.length:
            raise _Bad()
        return value
    return value


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value) -> bool:
    """No text in it that a store cannot hold: a NUL (PostgreSQL refuses it; no form lets one
    in) or half of a surrogate pair (JSON can write one as \\ud800; UTF-8 cannot)."""
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is None
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(v) for v in value)
    return True


def canonical(content) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def checksum(content) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


# ---------------------------------------------------------------- id maps

class _Ids:
    """Per table: old id -> new id. Unknown old ids become negative placeholders (when
    backing up: a reference to a row that is gone) or an error (when restoring)."""

    def __init__(self, strict: bool):
        self.maps: dict[str, dict[int, int]] = {}
        self.gone: dict[tuple[str, int], int] = {}
        self.strict = strict

    def lookup(self, table: str, where: str):
        def one(old):
            if isinstance(old, bool) or not isinstance(old, int):
                raise RembugError("monitoring.err_backup_reference", where=where, value=str(old))
            if old < 0:  # a placeholder for a row that was already gone: stays as it is
                return old
            new = self.maps.get(table, {}).get(old)
            if new is not None:
                return new
            if self.strict:
                raise RembugError("monitoring.err_backup_reference", where=where, value=str(old))
            key = (table, old)
            if key not in self.gone:
                self.gone[key] = -(len(self.gone) + 1)
            return self.gone[key]
        return one


# ---------------------------------------------------------------- backup

def backup_document(db: Database, workshop_id: str, now: dt.datetime | None = None) -> dict:
    """The workshop as a backup document (see the module docstring)."""
    shapes = _shapes()
    with db.read() as conn:
        if conn.dialect.name == "postgresql":  # every table read from one snapshot
            conn.execution_options(isolation_level="REPEATABLE READ")
        ws = tq.read_workshop(conn, workshop_id)
        if ws is None:
            raise RembugError("err.workshop_not_found", id=workshop_id)
        raw = {s.table.name: tq.read_rows(conn, s.table, workshop_id) for s in shapes}
    ids = _Ids(strict=False)
    # store ids -> file ids, in the store's order (content-independent, so known up front)
    for s in shapes:
        if s.remapped_pk:
            ids.maps[s.table.name] = {r[s.remapped_pk]: n for n, r in enumerate(raw[s.table.name], start=1)}
    ctx = {name: {r["id"]: r for r in rows} for name, rows in raw.items() if name == "polls"}
    tables = {}
    for s in shapes:
        name = s.table.name
        rows = [_remap_row(s, r, ctx, ids, workshop_id=None) for r in raw[name]]
        if not s.remapped_pk:
            # no store order to keep: sort by content, so the file does not depend on the
            # store (and a secret ballot's random id says nothing about when it was cast)
            key_cols = [c for c in s.table.c.keys() if c != s.random_pk]
            rows.sort(key=lambda r: canonical([_encode(r[c]) for c in key_cols]))
            if s.random_pk:
                for n, r in enumerate(rows, start=1):
                    r[s.random_pk] = n
        columns = list(s.table.c.keys())
        tables[name] = {"columns": columns, "rows": [[_encode(r[c]) for c in columns] for r in rows]}
    content = {"workshop": {k: _encode(v) for k, v in ws.items()}, "tables": tables}
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(tzinfo=None)
    return {"format": FORMAT, "version": VERSION, "created_at": stamp.isoformat(timespec="seconds") + "Z",
            "sha256": checksum(content), "content": content}


def backup(db: Database, workshop_id: str) -> bytes:
    return json.dumps(backup_document(db, workshop_id), ensure_ascii=False, indent=1).encode("utf-8")


def backup_filename(workshop: dict) -> str:
    """'rembug-mekarsari-2026-0679da385d9c.json': ASCII, no spaces, the workshop id last."""
    import re
    import unicodedata

    village = unicodedata.normalize("NFKD", str(workshop.get("village", ""))).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", village.lower()).strip("-")
    return "-".join(p for p in ("rembug", slug, str(workshop.get("year", "")), workshop["id"]) if p) + ".json"


def _remap_row(s: _Shape, row: dict, ctx: dict, ids: _Ids, workshop_id: str | None,
               skip: set[str] = frozenset()) -> dict:
    """The row with its own id, foreign keys and declared references mapped through `ids`;
    `workshop_id` replaces the workshop column when given; columns in `skip` stay as they are."""
    name = s.table.name
    out = dict(row)
    if s.remapped_pk and s.remapped_pk not in skip:
        out[s.remapped_pk] = ids.lookup(name, f"{name}.{s.remapped_pk}")(row[s.remapped_pk])
    for col, target in s.fks.items():
        if col in skip or row.get(col) is None:
            continue
        if target == "workshops":
            if workshop_id is not None:
                out[col] = workshop_id
            continue
        if target in ids.maps:
            out[col] = ids.lookup(target, f"{name}.{col}")(row[col])
    for ref in references_for(name):
        if ref.column in skip or row.get(ref.column) is None:
            continue
        if ref.applies is None or ref.applies(row, ctx):
            try:
                out[ref.column] = ref.remap(row[ref.column], row, ctx, ids.lookup(ref.target, f"{name}.{ref.column}"))
            except (ValueError, TypeError, KeyError, AttributeError):
                raise RembugError("monitoring.err_backup_value", table=name, column=ref.column) from None
    return out


# ---------------------------------------------------------------- restore: checks

def _damaged(detail: str) -> RembugError:
    return RembugError("monitoring.err_backup_damaged", detail=detail)


def read_document(data: bytes | str) -> dict:
    """Parse and check a backup file's envelope and checksum; the document or a refusal."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise _damaged("UTF-8") from None
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        raise _damaged(f"JSON, {exc.msg} @ {exc.pos}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RembugError("monitoring.err_backup_foreign")
    if doc.get("version") != VERSION:
        raise RembugError("monitoring.err_backup_version", version=str(doc.get("version")), supported=VERSION)
    content = doc.get("content")
    if not isinstance(content, dict) or not isinstance(doc.get("sha256"), str):
        raise _damaged("content")
    try:
        matches = checksum(content) == doc["sha256"]
    except UnicodeEncodeError:  # a lone surrogate escaped in the JSON: no UTF-8 file holds that
        raise _damaged("UTF-8") from None
    if not matches:
        raise RembugError("monitoring.err_backup_checksum")
    if not isinstance(content.get("workshop"), dict) or not isinstance(content.get("tables"), dict):
        raise _damaged("content")
    return doc


def _rows_of(content: dict, sqlite: bool) -> tuple[dict, dict[str, list[dict]]]:
    """The workshop row and each table's rows as dicts of decoded values, all checked."""
    from facilitation.store.schema import workshops

    known = {s.table.name: s for s in _shapes()}
    ws = {}
    for key, value in content["workshop"].items():
        if key not in workshops.c:
            raise RembugError("monitoring.err_backup_unknown_column", table="workshops", column=str(key))
        try:
            ws[key] = _decode(workshops.c[key], value, sqlite)
        except _Bad:
            raise RembugError("monitoring.err_backup_value", table="workshops", column=key) from None
    if not isinstance(ws.get("id"), str) or not ws["id"]:
        raise _damaged("workshop.id")
    out: dict[str, list[dict]] = {}
    for name, block in content["tables"].items():
        if name not in known:
            raise RembugError("monitoring.err_backup_unknown_table", table=str(name))
        table = known[name].table
        if not isinstance(block, dict) or not isinstance(block.get("columns"), list) \
                or not isinstance(block.get("rows"), list):
            raise _damaged(name)
        columns = block["columns"]
        for c in columns:
            if not isinstance(c, str) or c not in table.c:
                raise RembugError("monitoring.err_backup_unknown_column", table=name, column=str(c))
        if len(set(columns)) != len(columns) or "workshop_id" not in columns:
            raise _damaged(name)
        rows = []
        for raw in block["rows"]:
            if not isinstance(raw, list) or len(raw) != len(columns):
                raise _damaged(name)
            row = {}
            for c, v in zip(columns, raw):
                try:
                    row[c] = _decode(table.c[c], v, sqlite)
                except _Bad:
                    raise RembugError("monitoring.err_backup_value", table=name, column=c) from None
            if row["workshop_id"] != ws["id"]:
                raise RembugError("monitoring.err_backup_value", table=name, column="workshop_id")
            rows.append(row)
        shape = known[name]
        pk = shape.remapped_pk or shape.random_pk
        if pk is not None:
            seen = [r.get(pk) for r in rows]
            if None in seen or len(set(seen)) != len(seen):
                raise RembugError("monitoring.err_backup_value", table=name, column=pk)
        out[name] = rows
    return ws, out


# ---------------------------------------------------------------- restore

def restore(db: Database, data: bytes | str, may_replace: set[str] | None = None) -> dict:
    """Restore a backup file; returns {'workshop_id', 'village', 'replaced', 'rows'}.

    `may_replace`: the workshop ids this caller may overwrite (None: any, as on the command
    line); restoring over any other existing workshop is refused. Nothing is written unless
    the whole file goes in."""
    doc = read_document(data)
    ws, rows_by_table = _rows_of(doc["content"], db.is_sqlite)
    wid = ws["id"]
    shapes = _shapes()
    order = [s.table.name for s in shapes]
    position = {name: i for i, name in enumerate(order)}
    ids = _Ids(strict=True)
    total = 0
    try:
        with db.tx() as conn:
            existed = tq.read_workshop(conn, wid) is not None
            if existed and may_replace is not None and wid not in may_replace:
                raise RembugError("monitoring.err_restore_other_workshop", village=str(ws.get("village", "")))
            if existed:
                tq.delete_workshop(conn, wid)
            owner = tq.join_code_owner(conn, ws.get("join_code", ""))
            if owner is not None and owner != wid:  # another workshop already uses the join code
                from facilitation.security import new_join_code

                code = new_join_code()
                while tq.join_code_owner(conn, code) is not None:
                    code = new_join_code()
                ws["join_code"] = code
            tq.insert_workshop_row(conn, ws)
            ctx = {"polls": {r["id"]: r for r in rows_by_table.get("polls", [])}}
            deferred = []  # (shape, key of the inserted row, original row, columns to fill later)
            for s in shapes:
                name = s.table.name
                if s.remapped_pk:
                    ids.maps.setdefault(name, {})
                rows = rows_by_table.get(name, [])
                # references to this table or a later one (self references, ids without a
                # foreign key) are filled in once every row has its new id
                later = {c for c, target in s.fks.items()
                         if target != "workshops" and position.get(target, -1) >= position[name]}
                later |= {r.column for r in references_for(name) if position.get(r.target, -1) >= position[name]}
                plain = []
                for row in rows:
                    values = _remap_row(s, row, ctx, ids, wid, skip=later | {s.remapped_pk})
                    for col in later:
                        if col in values and s.table.c[col].nullable:
                            values[col] = None
                    if s.remapped_pk:
                        old = values.pop(s.remapped_pk)
                        (new,) = tq.insert_row(conn, s.table, values)
                        ids.maps[name][old] = new
                        key = {s.remapped_pk: new}
                    else:
                        if s.random_pk:
                            values[s.random_pk] = secrets.randbits(62) + 1
                        plain.append(values)
                        key = {c.name: values[c.name] for c in s.table.primary_key.columns}
                    if later & set(row):
                        if not key:
                            raise RembugError("monitoring.err_backup_value", table=name, column="id")
                        deferred.append((s, key, row, later & set(row)))
                tq.insert_rows(conn, s.table, plain)
                total += len(rows)
            for s, key, row, cols in deferred:
                mapped = _remap_row(s, row, ctx, ids, wid, skip=(set(s.table.c.keys()) - cols) | {s.remapped_pk})
                values = {c: mapped[c] for c in cols}
                # keep 'updated_at' as in the file instead of letting onupdate stamp it now
                values.update({c.name: row[c.name] for c in s.table.c if c.onupdate is not None and c.name in row})
                tq.update_row(conn, s.table, key, values)
    except IntegrityError as exc:
        raise RembugError("monitoring.err_backup_rejected", detail=_first_line(exc)) from None
    except SQLAlchemyError as exc:
        raise RembugError("monitoring.err_backup_rejected", detail=_first_line(exc)) from None
    return {"workshop_id": wid, "village": ws.get("village", ""), "replaced": existed, "rows": total}


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc) or exc)
    return text.splitlines()[0][:200] if text else type(exc).__name__


# ---------------------------------------------------------------- command line

def _cmd_backup(args, db) -> int:
    from pathlib import Path

    from facilitation.i18n import t

    data = backup(db, args.workshop)
    out = Path(args.out)
    tmp = out.with_name(out.name + ".part")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_bytes(data)
    tmp.replace(out)  # the file appears whole or not at all
    print(t("monitoring.cli_backup_done", _cli_lang(), path=out))
    return 0


def _cmd_restore(args, db) -> int:
    from pathlib import Path

    from facilitation.i18n import t

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise RembugError("monitoring.err_backup_unreadable", path=args.file, detail=exc.strerror or str(exc)) from None
    result = restore(db, data)
    key = "monitoring.cli_restore_replaced" if result["replaced"] else "monitoring.cli_restore_done"
    print(t(key, _cli_lang(), village=result["village"], rows=result["rows"]))
    print(result["workshop_id"])
    return 0


def _cli_lang() -> str:
    import os

    return os.environ.get("REMBUG_LANG", "id")


def register_cli(sub) -> None:
    b = sub.add_parser("backup", help="write one workshop, whole, to a JSON backup file")
    b.add_argument("--workshop", required=True)
    b.add_argument("--out", required=True)
    b.set_defaults(func=_cmd_backup)
    r = sub.add_parser("restore", help="restore a workshop from a JSON backup file (replaces the same workshop)")
    r.add_argument("file")
    r.set_defaults(func=_cmd_restore)
