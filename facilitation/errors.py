"""Errors that carry a translation key, so the edge can speak the user's language."""
from __future__ import annotations

from dataclasses import dataclass, field


class RembugError(Exception):
    """A refusal the user must see: `key` names a catalog entry, `params` fill it."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "id") -> str:
        from facilitation.i18n import t

        return t(self.key, lang, **self.params)


class NotFound(RembugError):
    pass


@dataclass
class FieldError:
    """One bad field: `field` is a catalog key suffix (see i18n 'field.*'), `key` the reason."""

    field: str
    key: str
    params: dict = field(default_factory=dict)
    row: int | None = None  # line number for imports (1 = header line)


class InputError(RembugError):
    """Bad input, with every problem listed (not just the first)."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("err.input", count=len(errors))
        self.errors = errors

    def messages(self, lang: str = "id") -> list[str]:
        from facilitation.i18n import describe_field_error

        return [describe_field_error(e, lang) for e in self.errors]
