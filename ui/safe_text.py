"""User text inside anything Streamlit renders as Markdown, shown exactly as typed.

Streamlit's Markdown (st.markdown, st.write, captions, alerts, headings, and the labels of
buttons, checkboxes, expanders, tabs, radios and pills) never renders HTML, but it does render
emphasis, links, `:emoji:` and `:material/icon:` shortcodes, `:red[coloured]` text, `$LaTeX$`,
headings, lists, quotes, tables and code. `md_text` escapes exactly what Markdown could read,
so names stay readable. Two things are found again in the parsed text, after the escapes are
resolved, so a backslash alone cannot stop them: the material-icon shortcode and bare web or
e-mail addresses (made into links). For those a zero-width space goes in where it breaks the
pattern and changes nothing on screen. Checked in a real browser by
tests/test_trust_browser_text.py.
"""
from __future__ import annotations

import dataclasses
import re

from exports.text import clean
from facilitation.errors import InputError, RembugError
from facilitation.i18n import describe_field_error, t

ZWSP = "\u200b"
# inline syntax: emphasis, code, links and images, HTML, maths, strikethrough, tables
_INLINE = re.compile(r"([\\`*_\[\]<>$~|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")             # &lt; would show as <
_SHORTCODE = re.compile(r":([\w+\-/\\]+):")       # :smile:, :smile_cat: (its _ already escaped)
_DIRECTIVE = re.compile(r":(?=\w+\\?\[)")        # :red[coloured] (its [ already escaped)
_LINE_START = re.compile(r"(?m)^([ \t]*)([#>+\-=]|\d+(?=[.)]))")  # headings, quotes, lists, rules
_ICON = re.compile(r"(?i):(?=material/)")
_URL = re.compile(r"://")
_WWW = re.compile(r"(?i)(?<=\bwww)\.")
_AT = re.compile(r"@(?=\w)")
_LEADING = re.compile(r"(?m)^[ \t]+")


def md_text(text) -> str:
    """`text` (any value; None is empty) as Markdown that displays literally, line breaks kept.

    Only what Markdown could read is escaped, so the text stays readable in tests and logs."""
    # characters no document can hold show as boxes (NUL as U+FFFD); the input models strip
    # most of them anyway
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ICON.sub(":" + ZWSP, text)  # :material/…: is found whatever is escaped
    out = _INLINE.sub(r"\\\1", text)
    out = _ENTITY.sub(r"\\&", out)
    out = _SHORTCODE.sub(r"\\:\1\\:", out)
    out = _DIRECTIVE.sub(r"\\:", out)
    out = _LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)),
                          out)
    # bare addresses become links twice over: when parsed (an escape stops that) and again in
    # the parsed text (a zero-width space stops that)
    out = _URL.sub(lambda m: "\\:\\/\\/" + ZWSP, out)
    out = _WWW.sub(lambda m: ZWSP + "\\.", out)
    out = _AT.sub(lambda m: "\\@" + ZWSP, out)
    # leading spaces would start a code block: keep them as non-breaking spaces
    out = _LEADING.sub(lambda m: "\u00a0" * len(m.group(0).expandtabs(4)), out)
    return out.replace("\n", "  \n")


def _safe_params(params: dict) -> dict:
    return {k: md_text(v) if isinstance(v, str) else v for k, v in params.items()}


def error_lines(exc: RembugError, lang: str) -> list[str]:
    """A refusal's message(s) for Markdown: the user's own text in them (a duplicate name, a
    poll title) is escaped like any other."""
    if isinstance(exc, InputError):
        return [describe_field_error(dataclasses.replace(e, params=_safe_params(e.params)), lang) for e in exc.errors]
    return [t(exc.key, lang, **_safe_params(exc.params))]
