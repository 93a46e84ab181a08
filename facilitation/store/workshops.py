"""Queries for workshops, participants and attendance."""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from facilitation.store.schema import attendance, participants, workshops
from facilitation.store.upsert import upsert


def insert_workshop(conn: Connection, row: dict) -> None:
    conn.execute(workshops.insert().values(**row))


def update_workshop(conn: Connection, workshop_id: str, row: dict) -> None:
    conn.execute(update(workshops).where(workshops.c.id == workshop_id).values(**row))


def get_workshop(conn: Connection, workshop_id: str) -> dict | None:
    row = conn.execute(select(workshops).where(workshops.c.id == workshop_id)).mappings().first()
    return dict(row) if row else None


def workshop_by_join_code(conn: Connection, code: str) -> dict | None:
    row = conn.execute(select(workshops).where(workshops.c.join_code == code)).mappings().first()
    return dict(row) if row else None


def list_workshops(conn: Connection) -> list[dict]:
    q = select(
        workshops.c.id, workshops.c.village, workshops.c.village_kind, workshops.c.kecamatan,
        workshops.c.kabupaten, workshops.c.provinsi, workshops.c.year, workshops.c.day1,
    ).order_by(workshops.c.year.desc(), workshops.c.provinsi, workshops.c.kabupaten, workshops.c.village)
    return [dict(r) for r in conn.execute(q).mappings()]


def join_code_taken(conn: Connection, code: str) -> bool:
    return conn.execute(select(workshops.c.id).where(workshops.c.join_code == code)).first() is not None


def insert_participant(conn: Connection, row: dict) -> int:
    return conn.execute(participants.insert().values(**row)).inserted_primary_key[0]


def insert_participants(conn: Connection, rows: list[dict]) -> None:
    if rows:
        conn.execute(participants.insert(), rows)


def update_participant(conn: Connection, workshop_id: str, participant_id: int, row: dict) -> int:
    res = conn.execute(
        update(participants)
        .where(participants.c.id == participant_id, participants.c.workshop_id == workshop_id)
        .values(**row)
    )
    return res.rowcount


def delete_participant(conn: Connection, workshop_id: str, participant_id: int) -> int:
    res = conn.execute(
        participants.delete().where(
            participants.c.id == participant_id, participants.c.workshop_id == workshop_id
        )
    )
    return res.rowcount


def list_participants(conn: Connection, workshop_id: str) -> list[dict]:
    q = select(participants).where(participants.c.workshop_id == workshop_id).order_by(participants.c.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def get_participant(conn: Connection, workshop_id: str, participant_id: int) -> dict | None:
    q = select(participants).where(
        participants.c.id == participant_id, participants.c.workshop_id == workshop_id
    )
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def participant_by_token(conn: Connection, token: str) -> dict | None:
    q = select(participants).where(participants.c.token == token, participants.c.token_revoked == 0)
    row = conn.execute(q).mappings().first()
    return dict(row) if row else None


def participant_keys(conn: Connection, workshop_id: str) -> list[tuple[int, str, str]]:
    q = select(participants.c.id, participants.c.name, participants.c.institution).where(
        participants.c.workshop_id == workshop_id
    )
    return [tuple(r) for r in conn.execute(q)]


def count_participants(conn: Connection, workshop_id: str) -> int:
    q = select(func.count()).select_from(participants).where(participants.c.workshop_id == workshop_id)
    return conn.execute(q).scalar_one()


def set_attendance(conn: Connection, workshop_id: str, day: int, statuses: dict[int, str]) -> None:
    if not statuses:
        return
    rows = [
        {"workshop_id": workshop_id, "participant_id": pid, "day": day, "status": status}
        for pid, status in statuses.items()
    ]
    upsert(conn, attendance, rows, keys=["participant_id", "day"], update=["status"])


def attendance_for(conn: Connection, workshop_id: str) -> list[dict]:
    q = select(attendance.c.participant_id, attendance.c.day, attendance.c.status).where(
        attendance.c.workshop_id == workshop_id
    )
    return [dict(r) for r in conn.execute(q).mappings()]


def present_ids(conn: Connection, workshop_id: str, day: int) -> list[int]:
    q = select(attendance.c.participant_id).where(
        attendance.c.workshop_id == workshop_id, attendance.c.day == day, attendance.c.status == "hadir"
    )
    return [r[0] for r in conn.execute(q)]
