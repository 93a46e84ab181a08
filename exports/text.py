"""Make user text safe for Word and PDF files.

Word stores text as XML 1.0, which cannot hold most control characters or lone surrogate
halves (python-docx raises on them); reportlab chokes on the same. Everything else stays:
emoji, Arabic or Hebrew script, accents. A document that lost characters says so at its end
(`illegal_count`, `document_note`).
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar


def _xml_legal(cp: int) -> bool:
    # XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    return (
        cp in (0x9, 0xA, 0xD)
        or 0x20 <= cp <= 0xD7FF
        or 0xE000 <= cp <= 0xFFFD
        or 0x10000 <= cp <= 0x10FFFF
    )


def clean_for_xml(s) -> tuple[str, int]:
    """(text without the characters XML 1.0 forbids, how many were dropped). None is ''."""
    if s is None:
        return "", 0
    if not isinstance(s, str):
        s = str(s)
    kept = [ch for ch in s if _xml_legal(ord(ch))]
    return "".join(kept), len(s) - len(kept)


def clean(s) -> str:
    """The cleaned text only, for callers that do not report what was dropped."""
    return clean_for_xml(s)[0]


# ---------------------------------------------------------------- saying what was dropped

def illegal_count(data) -> int:
    """How many characters `clean` will drop from all the text in a document's plain data."""
    if isinstance(data, str):
        return len(data) - len(clean_for_xml(data)[0])
    if isinstance(data, dict):
        return sum(illegal_count(k) + illegal_count(v) for k, v in data.items())
    if isinstance(data, (list, tuple, set, frozenset)):
        return sum(illegal_count(v) for v in data)
    return 0


_NOTE: ContextVar[str | None] = ContextVar("rembug_document_note", default=None)


@contextmanager
def document_note(note: str | None):
    """While a document is built, a closing note the kits add at its end (docx_kit.to_bytes,
    pdf_kit.build): exports.registry.render sets it when characters had to be dropped."""
    token = _NOTE.set(note)
    try:
        yield
    finally:
        _NOTE.reset(token)


def pending_note() -> str | None:
    return _NOTE.get()
