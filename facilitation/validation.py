"""Check input with pydantic and turn its complaints into translatable field errors."""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from facilitation import i18n
from facilitation.errors import FieldError, InputError

M = TypeVar("M", bound=BaseModel)

# pydantic error type -> (catalog key, which ctx values the text uses)
_PYDANTIC_KEYS = {
    "missing": "err.required",
    "string_too_short": "err.required",
    "string_too_long": "err.too_long",
    "int_parsing": "err.not_integer",
    "int_from_float": "err.not_integer",
    "int_type": "err.not_integer",
    "float_parsing": "err.not_number",
    "greater_than_equal": "err.min",
    "greater_than": "err.min",
    "less_than_equal": "err.max",
    "less_than": "err.max",
    "date_parsing": "err.date",
    "date_from_datetime_parsing": "err.date",
    "date_type": "err.date",
    "literal_error": "err.choice",
    "enum": "err.choice",
    "string_type": "err.text",
    "bool_parsing": "err.choice",
    "list_type": "err.choice",
}


def reject(key: str, **params) -> PydanticCustomError:
    """Raise inside a validator: `raise reject('err.gender')`."""
    return PydanticCustomError(key, key, params)


def field_errors(exc: ValidationError, row: int | None = None) -> list[FieldError]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()) if not isinstance(p, int)) or "value"
        kind = err["type"]
        ctx = {k: v for k, v in (err.get("ctx") or {}).items() if isinstance(v, (int, float, str))}
        if kind.startswith("err.") or i18n.has(kind):  # a feature's own key raised through reject()
            key = kind
        else:
            key = _PYDANTIC_KEYS.get(kind, "err.invalid")
            if kind in ("greater_than_equal", "greater_than"):
                ctx = {"limit": ctx.get("ge", ctx.get("gt", ""))}
            elif kind in ("less_than_equal", "less_than"):
                ctx = {"limit": ctx.get("le", ctx.get("lt", ""))}
            elif kind == "string_too_long":
                ctx = {"limit": ctx.get("max_length", "")}
        out.append(FieldError(field=loc, key=key, params=ctx, row=row))
    return out


def validate(model: type[M], data: dict) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(field_errors(exc)) from None
