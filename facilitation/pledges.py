"""Commitment pledges (swadaya) and the Pokja's starting capital.

Each participant may pledge money, goods or labour (goods and labour with a description, a
quantity, a unit and an estimated value), and says by when it will be handed to the
Bendahara. The facilitator records pledges directly, or confirms those sent from phones;
only confirmed pledges count. The dana stimulan and other sources complete the starting
capital (modal awal). Money is always whole rupiah (int): floats are refused, never rounded.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator

from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.models import _Input
from facilitation.store import Database
from facilitation.store import pledges as q
from facilitation.store import workshops as wq
from facilitation.validation import reject, validate

KINDS = ("money", "goods", "labour")
FUND_KINDS = ("stimulan", "other")
MAX_RUPIAH = 10**12  # a trillion: far beyond any village pledge, well inside BIGINT


def parse_rupiah(value) -> int:
    """Whole rupiah from an int or a typed text ('2500000', '2.500.000', 'Rp 2.500.000').

    A float, a decimal comma or any other text is refused (ValueError): money is counted in
    whole rupiah and must never pass through a float."""
    if isinstance(value, bool):
        raise ValueError("a bool is not an amount")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = re.sub(r"^\s*rp\.?\s*", "", value.strip(), flags=re.IGNORECASE).replace(" ", "")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        if re.fullmatch(r"\d+", text):
            return int(text)
    raise ValueError(f"not a whole rupiah amount: {value!r}")


def _rupiah_field(v):
    if v is None or (isinstance(v, str) and not v.strip()):
        raise reject("err.required")
    try:
        return parse_rupiah(v)
    except ValueError:
        raise reject("err.rupiah") from None


class PledgeIn(_Input):
    kind: Literal["money", "goods", "labour"]
    description: str = Field(default="", max_length=200)
    quantity: int | None = Field(default=None, ge=1, le=1_000_000)
    unit: str = Field(default="", max_length=40)
    value: int = Field(ge=0, le=MAX_RUPIAH)
    due_date: dt.date

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v):
        return _rupiah_field(v)

    @field_validator("quantity", mode="before")
    @classmethod
    def _quantity(cls, v):
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, float) and not v.is_integer():
            raise reject("err.not_integer")
        return v


class FundIn(_Input):
    kind: Literal["stimulan", "other"]
    source: str = Field(default="", max_length=120)
    amount: int = Field(ge=1, le=MAX_RUPIAH)
    received_on: dt.date | None = None
    account_ref: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=200)

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, v):
        return _rupiah_field(v)


def _pledge(data: dict) -> dict:
    """A checked pledge as stored: what each kind needs, named by field."""
    p = validate(PledgeIn, data)
    errors = []
    if p.kind == "money":
        if p.value < 1:
            errors.append(FieldError("value", "pledges.err_money_zero"))
        # money has no quantity or unit: its value is the amount
        p.quantity, p.unit = None, ""
    else:
        if not p.description:
            errors.append(FieldError("description", "err.required"))
        if p.quantity is None:
            errors.append(FieldError("quantity", "err.required"))
        if not p.unit:
            errors.append(FieldError("unit", "err.required"))
    if errors:
        raise InputError(errors)
    return p.model_dump()


def _fund(data: dict) -> dict:
    f = validate(FundIn, data)
    errors = []
    if f.kind == "stimulan":
        if f.received_on is None:
            errors.append(FieldError("received_on", "err.required"))
        if not f.account_ref:
            errors.append(FieldError("account_ref", "err.required"))
    elif not f.source:
        errors.append(FieldError("source", "err.required"))
    if errors:
        raise InputError(errors)
    return f.model_dump()


# ---------------------------------------------------------------- pledges

def add_pledge(db: Database, workshop_id: str, participant_id: int, data: dict, *, from_phone: bool = False) -> int:
    """Record a pledge: confirmed at once when the facilitator records it, waiting for the
    facilitator's confirmation when sent from the participant's phone."""
    p = _pledge(data)
    with db.tx() as conn:
        if wq.get_participant(conn, workshop_id, participant_id) is None:
            raise NotFound("err.participant_not_found", id=participant_id)
        if from_phone and not q.phone_open(conn, workshop_id):
            raise RembugError("pledges.err_phone_closed")
        return q.insert_pledge(conn, {**p, "workshop_id": workshop_id, "participant_id": participant_id,
                                      "source": "phone" if from_phone else "facilitator",
                                      "confirmed": 0 if from_phone else 1})


def confirm_pledge(db: Database, workshop_id: str, pledge_id: int) -> None:
    with db.tx() as conn:
        if not q.update_pledge(conn, workshop_id, pledge_id, {"confirmed": 1}):
            raise NotFound("pledges.err_not_found", id=pledge_id)


def delete_pledge(db: Database, workshop_id: str, pledge_id: int, participant_id: int | None = None) -> None:
    """Remove a pledge. A participant (`participant_id` given) may withdraw only their own
    pledge, and only before the facilitator confirmed it."""
    with db.tx() as conn:
        pledge = q.get_pledge(conn, workshop_id, pledge_id)
        if pledge is None or (participant_id is not None and pledge["participant_id"] != participant_id):
            raise NotFound("pledges.err_not_found", id=pledge_id)
        if participant_id is not None and pledge["confirmed"]:
            raise RembugError("pledges.err_already_confirmed")
        q.delete_pledge(conn, workshop_id, pledge_id)


def list_pledges(db: Database, workshop_id: str, participant_id: int | None = None,
                 confirmed: bool | None = None) -> list[dict]:
    with db.read() as conn:
        return q.list_pledges(conn, workshop_id, participant_id, confirmed)


def phone_open(db: Database, workshop_id: str) -> bool:
    with db.read() as conn:
        return q.phone_open(conn, workshop_id)


def set_phone_open(db: Database, workshop_id: str, is_open: bool) -> None:
    with db.tx() as conn:
        if wq.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        q.set_phone_open(conn, workshop_id, bool(is_open))


# ---------------------------------------------------------------- funds

def add_fund(db: Database, workshop_id: str, data: dict) -> int:
    f = _fund(data)
    with db.tx() as conn:
        if wq.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        return q.insert_fund(conn, {**f, "workshop_id": workshop_id})


def delete_fund(db: Database, workshop_id: str, fund_id: int) -> None:
    with db.tx() as conn:
        if not q.delete_fund(conn, workshop_id, fund_id):
            raise NotFound("pledges.err_fund_not_found", id=fund_id)


def list_funds(db: Database, workshop_id: str) -> list[dict]:
    with db.read() as conn:
        return q.list_funds(conn, workshop_id)


# ---------------------------------------------------------------- totals

def available_funds(db: Database, workshop_id: str) -> dict[str, int]:
    """The starting capital in whole rupiah: `stimulan` (dana stimulan received), `swadaya`
    (confirmed pledges, money plus the value of goods and labour), `lainnya` (other sources)
    and their `total`. The action plan's budget checks against these."""
    with db.read() as conn:
        by_kind = q.confirmed_totals_by_kind(conn, workshop_id)
        funds = q.fund_totals(conn, workshop_id)
    swadaya = sum(v["value"] for v in by_kind.values())
    stimulan, lainnya = funds.get("stimulan", 0), funds.get("other", 0)
    return {"stimulan": stimulan, "swadaya": swadaya, "lainnya": lainnya, "total": stimulan + swadaya + lainnya}


def summary(db: Database, workshop_id: str) -> dict:
    """Totals for the summary and the chart: confirmed pledges by kind (value and count),
    how many participants pledged, pending phone pledges, and the starting capital."""
    with db.read() as conn:
        by_kind = q.confirmed_totals_by_kind(conn, workshop_id)
        pledgers = q.count_pledgers(conn, workshop_id)
        pending = q.count_pending(conn, workshop_id)
        registered = len(wq.participant_keys(conn, workshop_id))
    funds = available_funds(db, workshop_id)
    kinds = {k: by_kind.get(k, {"value": 0, "count": 0}) for k in KINDS}
    return {
        "money": kinds["money"]["value"], "goods": kinds["goods"]["value"], "labour": kinds["labour"]["value"],
        "counts": {k: kinds[k]["count"] for k in KINDS},
        "pledgers": pledgers, "registered": registered, "pending": pending,
        **funds,
    }
