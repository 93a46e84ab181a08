"""Workshops: create, edit, find, and check the facilitator's PIN."""
from __future__ import annotations

import secrets

from facilitation.errors import NotFound, RembugError
from facilitation.models import PinIn, WorkshopIn
from facilitation.security import hash_pin, new_join_code, verify_pin
from facilitation.store import Database
from facilitation.store import workshops as q
from facilitation.validation import validate

PUBLIC_FIELDS = tuple(WorkshopIn.model_fields)


def create_workshop(db: Database, data: dict, pin: str) -> str:
    ws = validate(WorkshopIn, data)
    pin = validate(PinIn, {"pin": pin}).pin
    with db.tx() as conn:
        code = new_join_code()
        while q.join_code_taken(conn, code):
            code = new_join_code()
        workshop_id = secrets.token_hex(6)
        q.insert_workshop(conn, {**ws.model_dump(), "id": workshop_id, "pin_hash": hash_pin(pin), "join_code": code})
    return workshop_id


def update_workshop(db: Database, workshop_id: str, data: dict) -> None:
    ws = validate(WorkshopIn, data)
    with db.tx() as conn:
        if q.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        q.update_workshop(conn, workshop_id, ws.model_dump())


def change_pin(db: Database, workshop_id: str, old_pin: str, new_pin: str) -> None:
    new_pin = validate(PinIn, {"pin": new_pin}).pin
    with db.tx() as conn:
        ws = q.get_workshop(conn, workshop_id)
        if ws is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        if not verify_pin(old_pin, ws["pin_hash"]):
            raise RembugError("err.pin_wrong")
        q.update_workshop(conn, workshop_id, {"pin_hash": hash_pin(new_pin)})


def get_workshop(db: Database, workshop_id: str) -> dict:
    with db.read() as conn:
        ws = q.get_workshop(conn, workshop_id)
    if ws is None:
        raise NotFound("err.workshop_not_found", id=workshop_id)
    ws.pop("pin_hash", None)
    return ws


def check_pin(db: Database, workshop_id: str, pin: str) -> bool:
    with db.read() as conn:
        ws = q.get_workshop(conn, workshop_id)
    return bool(ws) and verify_pin(pin or "", ws["pin_hash"])


def list_workshops(db: Database) -> list[dict]:
    with db.read() as conn:
        return q.list_workshops(conn)


def day_dates(ws: dict) -> dict[int, object]:
    return {d: ws[f"day{d}"] for d in (1, 2, 3, 4)}


def title(ws: dict) -> str:
    kind = "Kelurahan" if ws.get("village_kind") == "kelurahan" else "Desa"
    return f"{kind} {ws['village']}, Kec. {ws['kecamatan']}, {ws['kabupaten']}"
