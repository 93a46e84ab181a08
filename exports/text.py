"""Make user text safe for Word and PDF files.

Word stores text as XML 1.0, which cannot hold most control characters or lone surrogate
halves (python-docx raises on them); reportlab chokes on the same. Everything else stays:
emoji, Arabic or Hebrew script, accents.
"""
from __future__ import annotations


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
