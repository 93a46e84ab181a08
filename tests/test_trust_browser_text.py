"""In a real browser: hostile text passed through ui.safe_text.md_text shows exactly as typed in
every kind of element that renders Markdown (no tag, link, icon, emoji, colour, maths or code).

AppTest only sees the strings sent to the browser; this proves the escaping those strings
carry really stops Streamlit's Markdown, which is what tests/trust_helpers.unescaped_markup
assumes when it checks every page.
"""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT, free_port, wait_ready
from tests.trust_helpers import CONTROL, HOSTILE

# lines Markdown reads by how they start: a code block, a setext heading, lists, a quote, a
# rule, a table
BLOCKS = ("zweite Zeile\n    eingerückt\nabc\n===\n1. eins\n2) zwei\n- strich\n+ plus\n* stern\n"
          "> zitat\n---\n| a | b |\n|---|---|\n| c | d |\n  # kopf\n:material/bug_report: :smile_cat: :+1: x")

APP = f'''
import sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from ui.safe_text import md_text
text = md_text({HOSTILE!r} + "\\n" + {BLOCKS!r})
with st.container(key="probe_markdown"):
    st.markdown(text)
with st.container(key="probe_caption"):
    st.caption(text)
with st.container(key="probe_alert"):
    st.success(text)
with st.container(key="probe_heading"):
    st.subheader(text)
with st.container(key="probe_button"):
    st.button(text, key="b")
with st.container(key="probe_radio"):
    st.radio("r", [text, "x"], key="r")
with st.expander(text):
    st.write("-")
'''

# elements Markdown would have produced from the text, had it not been escaped
RENDERED = ("a", "strong", "em", "del", "code", "pre", "img", "script", "h1", "h2", "h4", "h5", "h6",
            ".katex", "[role='img']", ".stMarkdownColoredText", "ol", "ul", "li", "table", "blockquote", "hr")


def _expected_words() -> list[str]:
    """The typed text, split into words (the browser may wrap or collapse white space)."""
    visible = "".join(ch for ch in HOSTILE if ch not in CONTROL)
    return visible.split()


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    script = tmp_path_factory.mktemp("probe") / "probe_app.py"
    script.write_text(APP, encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(10)


def test_escaped_text_shows_as_typed_in_every_markdown_element(probe, browser):
    page = browser.new_page()
    try:
        page.goto(probe)
        wait_ready(page)
        page.wait_for_selector(".st-key-probe_radio label")
        # kind -> (the element holding the first line, the whole element: later lines included)
        containers = {
            "markdown": (".st-key-probe_markdown [data-testid='stMarkdownContainer']", ".st-key-probe_markdown"),
            "caption": (".st-key-probe_caption [data-testid='stCaptionContainer']", ".st-key-probe_caption"),
            "alert": (".st-key-probe_alert [data-testid='stMarkdownContainer']", ".st-key-probe_alert"),
            # a heading holds one line; the others follow as a paragraph (the anchor link is Streamlit's)
            "heading": (".st-key-probe_heading [data-heading-text]", ".st-key-probe_heading p"),
            "button": (".st-key-probe_button button [data-testid='stMarkdownContainer']", ".st-key-probe_button"),
            "radio": (".st-key-probe_radio [data-testid='stRadioOption'] [data-testid='stMarkdownContainer']",
                      ".st-key-probe_radio [data-testid='stRadioOption']"),
            "expander": ("[data-testid='stExpander'] summary [data-testid='stMarkdownContainer']",
                         "[data-testid='stExpander'] summary"),
        }
        for name, (first, whole) in containers.items():
            shown = page.locator(first).first.inner_text().replace("\u200b", "")
            assert shown.split()[: len(_expected_words())] == _expected_words(), (name, shown)
            assert "\\" not in shown, (name, shown)  # no escape shows through
            rest = page.locator(whole).first.inner_text()
            lines = [" ".join(line.split()) for line in rest.replace("\u200b", "").splitlines()]
            for line in BLOCKS.splitlines()[1:]:
                assert " ".join(line.split()) in lines, (name, line, rest)
            for scope in (first, whole):
                for tag in RENDERED:
                    found = page.locator(f"{scope} {tag}")
                    assert found.count() == 0, (name, tag, page.locator(scope).first.inner_html()[:400])
    finally:
        page.close()
