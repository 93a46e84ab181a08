"""Small values shared by the Word and PDF kits, so a document describes its layout once."""
from __future__ import annotations

from dataclasses import dataclass, field

ALIGNS = ("left", "center", "right")


@dataclass(frozen=True)
class Cell:
    """A table cell with its own alignment or weight (plain strings use the column's)."""

    text: str
    align: str | None = None
    bold: bool = False

    def __post_init__(self):
        if self.align is not None and self.align not in ALIGNS:
            raise ValueError(f"align must be one of {ALIGNS}")


@dataclass(frozen=True)
class Signer:
    """One signature block: heading lines, space to sign, the NAME (bold, underlined), then
    lines under the name such as a NIP. An empty name leaves a dotted line to write it in."""

    lines: tuple[str, ...]
    name: str = ""
    after: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, spec) -> "Signer | None":
        """Accept a Signer, or a list of lines whose last item is the name."""
        if spec is None or isinstance(spec, Signer):
            return spec
        items = [str(x) for x in spec]
        if not items:
            return None
        return cls(lines=tuple(items[:-1]), name=items[-1])


BLANK_NAME = "(" + "." * 36 + ")"


def cell_text(value) -> str:
    if isinstance(value, Cell):
        return value.text
    return "" if value is None else str(value)


def text_rows(rows) -> list[list[str]]:
    return [[cell_text(v) for v in row] for row in rows]
