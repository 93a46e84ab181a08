"""Participants: register one by one or import a CSV/Excel list, flag duplicates, tokens."""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field

from pydantic import ValidationError

from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.models import ParticipantIn
from facilitation.security import new_token
from facilitation.store import Database
from facilitation.store import workshops as q
from facilitation.validation import field_errors, validate

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000

# accepted column headings (lower-cased, spaces/punctuation squeezed) -> field
COLUMN_ALIASES = {
    "name": ("nama", "name", "nama lengkap", "nama peserta"),
    "gender": ("l/p", "lp", "jenis kelamin", "jk", "gender", "sex", "kelamin"),
    "age": ("umur", "usia", "age"),
    "institution": ("pranata", "pranata sosial", "lembaga", "unsur", "unsur/pranata", "institusi",
                    "institution", "organisasi", "organization"),
    "position": ("jabatan", "position", "kedudukan", "role"),
    "dusun": ("dusun", "banjar", "dusun/banjar", "alamat", "rt/rw", "hamlet", "address"),
    "phone": ("hp", "no hp", "no. hp", "nomor hp", "telepon", "telp", "phone", "no telp", "wa"),
}
REQUIRED_COLUMNS = ("name", "gender", "institution")


def norm_key(name: str, institution: str) -> tuple[str, str]:
    def n(s: str) -> str:
        s = unicodedata.normalize("NFKC", s or "").casefold()
        return " ".join(s.replace(".", " ").split())

    return n(name), n(institution)


def add_participant(db: Database, workshop_id: str, data: dict, allow_duplicate: bool = False) -> int:
    p = validate(ParticipantIn, data)
    with db.tx() as conn:
        if q.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        if not allow_duplicate:
            key = norm_key(p.name, p.institution)
            if any(norm_key(n, i) == key for _, n, i in q.participant_keys(conn, workshop_id)):
                raise RembugError("err.duplicate_participant", name=p.name, institution=p.institution)
        return q.insert_participant(conn, {**p.model_dump(), "workshop_id": workshop_id, "token": new_token()})


def update_participant(db: Database, workshop_id: str, participant_id: int, data: dict) -> None:
    p = validate(ParticipantIn, data)
    with db.tx() as conn:
        if not q.update_participant(conn, workshop_id, participant_id, p.model_dump()):
            raise NotFound("err.participant_not_found", id=participant_id)


def delete_participant(db: Database, workshop_id: str, participant_id: int) -> None:
    with db.tx() as conn:
        if not q.delete_participant(conn, workshop_id, participant_id):
            raise NotFound("err.participant_not_found", id=participant_id)


def list_participants(db: Database, workshop_id: str) -> list[dict]:
    with db.read() as conn:
        return q.list_participants(conn, workshop_id)


def find_duplicates(db: Database, workshop_id: str, name: str, institution: str) -> list[dict]:
    key = norm_key(name, institution)
    with db.read() as conn:
        return [p for p in q.list_participants(conn, workshop_id) if norm_key(p["name"], p["institution"]) == key]


def revoke_and_reissue_token(db: Database, workshop_id: str, participant_id: int) -> str:
    """A lost phone: the old link stops working at once, the new one works."""
    token = new_token()
    with db.tx() as conn:
        if not q.update_participant(conn, workshop_id, participant_id, {"token": token, "token_revoked": 0}):
            raise NotFound("err.participant_not_found", id=participant_id)
    return token


def participant_for_token(db: Database, token: str) -> dict | None:
    if not token or len(token) > 64:
        return None
    with db.read() as conn:
        return q.participant_by_token(conn, token)


# ---------------------------------------------------------------- import

@dataclass
class ImportPreview:
    rows: list[dict] = field(default_factory=list)  # valid rows, each with "line"
    errors: list[FieldError] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)  # {"line", "name", "institution", "other"}

    @property
    def ok(self) -> bool:
        return not self.errors


def _heading_key(h: str) -> str:
    return " ".join(str(h).strip().lower().replace("_", " ").split())


def _map_columns(headings: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for h in headings:
        k = _heading_key(h)
        for fld, aliases in COLUMN_ALIASES.items():
            if k in aliases and fld not in mapping.values():
                mapping[h] = fld
    return mapping


def read_table(filename: str, content: bytes) -> list[dict]:
    """Rows of a CSV or .xlsx file as dicts of text; raises RembugError for an unreadable file."""
    import pandas as pd

    if not content or not content.strip():
        raise RembugError("err.import_empty")
    if len(content) > MAX_IMPORT_BYTES:
        raise RembugError("err.import_too_big", limit_mb=MAX_IMPORT_BYTES // (1024 * 1024))
    lower = filename.lower()
    try:
        if lower.endswith(".xlsx"):
            frame = _read_xlsx(content)
        elif lower.endswith((".csv", ".txt")):
            frame = pd.read_csv(io.StringIO(_decode(content)), dtype=str, keep_default_na=False,
                                sep=None, engine="python")
        else:
            raise RembugError("err.import_type")
    except RembugError:
        raise
    except Exception:
        raise RembugError("err.import_unreadable") from None
    if frame.empty and not len(frame.columns):
        raise RembugError("err.import_empty")
    frame = frame.fillna("")
    return frame.to_dict(orient="records")


def _decode(content: bytes) -> str:
    if b"\x00" in content:
        raise RembugError("err.import_encoding")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(enc)
        except UnicodeDecodeError:
            continue
    raise RembugError("err.import_encoding")


def _read_xlsx(content: bytes):
    import zipfile

    import pandas as pd

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            # refuse zip bombs before openpyxl inflates them
            if sum(i.file_size for i in zf.infolist()) > 50 * MAX_IMPORT_BYTES:
                raise RembugError("err.import_too_big", limit_mb=MAX_IMPORT_BYTES // (1024 * 1024))
    except zipfile.BadZipFile:
        raise RembugError("err.import_unreadable") from None
    return pd.read_excel(io.BytesIO(content), dtype=str, engine="openpyxl").fillna("")


def preview_import(db: Database, workshop_id: str, records: list[dict]) -> ImportPreview:
    """Check every row; nothing is written. Line numbers count the heading as line 1."""
    preview = ImportPreview()
    if not records:
        raise RembugError("err.import_no_rows")
    if len(records) > MAX_IMPORT_ROWS:
        raise RembugError("err.import_too_many", limit=MAX_IMPORT_ROWS)
    mapping = _map_columns(list(records[0].keys()))
    missing = [f for f in REQUIRED_COLUMNS if f not in mapping.values()]
    if missing:
        raise InputError([FieldError(field=f, key="err.column_missing") for f in missing])
    with db.read() as conn:
        existing = {norm_key(n, i): n for _, n, i in q.participant_keys(conn, workshop_id)}
    seen: dict[tuple[str, str], int] = {}
    for index, rec in enumerate(records):
        line = index + 2
        data = {fld: rec.get(col, "") for col, fld in mapping.items()}
        if not any(str(v).strip() for v in data.values()):
            continue  # blank spreadsheet line
        try:
            p = ParticipantIn.model_validate(data)
        except ValidationError as exc:
            preview.errors.extend(field_errors(exc, row=line))
            continue
        row = {**p.model_dump(), "line": line}
        key = norm_key(p.name, p.institution)
        if key in existing:
            preview.duplicates.append({"line": line, "name": p.name, "institution": p.institution, "other": "store"})
        elif key in seen:
            preview.duplicates.append({"line": line, "name": p.name, "institution": p.institution, "other": seen[key]})
        seen.setdefault(key, line)
        preview.rows.append(row)
    if not preview.rows and not preview.errors:
        raise RembugError("err.import_no_rows")
    return preview


def commit_import(db: Database, workshop_id: str, preview: ImportPreview, skip_duplicates: bool = True) -> int:
    """All rows or none: refuses if any row is bad."""
    if preview.errors:
        raise InputError(preview.errors)
    dup_lines = {d["line"] for d in preview.duplicates} if skip_duplicates else set()
    rows = [
        {k: v for k, v in r.items() if k != "line"} | {"workshop_id": workshop_id, "token": new_token()}
        for r in preview.rows
        if r["line"] not in dup_lines
    ]
    with db.tx() as conn:
        if q.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        q.insert_participants(conn, rows)
    return len(rows)


def import_file(db: Database, workshop_id: str, filename: str, content: bytes, skip_duplicates: bool = True) -> int:
    preview = preview_import(db, workshop_id, read_table(filename, content))
    return commit_import(db, workshop_id, preview, skip_duplicates)
