"""Input models: every value a user types is checked here, at the edge of the domain."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from facilitation.validation import reject

GENDERS = ("L", "P")
ATTENDANCE_STATUSES = ("hadir", "izin", "sakit", "alpa")
WORKSHOP_DAYS = (1, 2, 3, 4)


def _clean(value):
    """Strip whitespace and drop control characters that neither Word nor a PDF can hold."""
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch in "\n\t" or ord(ch) >= 32).strip()
    return value


class _Input(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _clean_strings(cls, data):
        if isinstance(data, dict):
            return {k: _clean(v) for k, v in data.items()}
        return data


Name = Field(min_length=1, max_length=120)
Optional120 = Field(default="", max_length=120)


class WorkshopIn(_Input):
    village: str = Name
    village_kind: Literal["desa", "kelurahan"] = "desa"
    kecamatan: str = Name
    kabupaten: str = Name
    provinsi: str = Name
    year: int = Field(ge=2000, le=2100)
    day1: dt.date
    day2: dt.date
    day3: dt.date
    day4: dt.date
    venue: str = Field(min_length=1, max_length=200)
    facilitator_central: str = Name
    facilitator_regional: str = Name
    pendamping1: str = Name
    pendamping2: str = Name
    kepala_desa: str = Optional120

    @model_validator(mode="after")
    def _days_in_order(self):
        days = [self.day1, self.day2, self.day3, self.day4]
        if any(b <= a for a, b in zip(days, days[1:])):
            raise reject("err.days_order")
        return self


class PinIn(_Input):
    pin: str = Field(min_length=4, max_length=64)

    @field_validator("pin")
    @classmethod
    def _digits_or_text(cls, v: str):
        if v.strip() != v or len(v) < 4:
            raise reject("err.pin_short")
        return v


class ParticipantIn(_Input):
    name: str = Name
    gender: str
    age: int | None = Field(default=None, ge=10, le=120)
    institution: str = Name
    position: str = Optional120
    dusun: str = Optional120
    phone: str = Field(default="", max_length=40)

    @field_validator("gender", mode="before")
    @classmethod
    def _gender(cls, v):
        v = str(v or "").strip().upper()
        aliases = {"LAKI-LAKI": "L", "LAKI": "L", "M": "L", "MALE": "L", "PEREMPUAN": "P", "F": "P",
                   "FEMALE": "P", "W": "P", "WANITA": "P"}
        v = aliases.get(v, v)
        if v not in GENDERS:
            raise reject("err.gender")
        return v

    @field_validator("age", mode="before")
    @classmethod
    def _age(cls, v):
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, float):
            if v != v:  # NaN from an empty spreadsheet cell
                return None
            if v.is_integer():
                return int(v)
        return v

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, v):
        if v is None or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, float) and v.is_integer():
            v = str(int(v))
        v = str(v).strip().lstrip("'")  # our CSV export guards formulas with a leading quote
        if v and not all(ch.isdigit() or ch in "+- ()" for ch in v):
            raise reject("err.phone")
        return v

    @field_validator("position", "dusun", mode="before")
    @classmethod
    def _optional_text(cls, v):
        if v is None or (isinstance(v, float) and v != v):
            return ""
        return v
