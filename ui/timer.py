"""The projector countdown: controls plus a display that refreshes itself every second.

Used by the Today page and by every ice breaker card; the state lives in the store
(facilitation.timer), so a reload or the projector's second tab shows the same time.
Only facilitator pages call this (a `run_every` fragment costs one rerun per second per tab).
"""
from __future__ import annotations

import html
from typing import Callable

import streamlit as st

from facilitation import timer
from ui.context import tr

# markup only: the digits are the sole value put into it
_DIGITS = ('<div style="font-size:{size};font-weight:700;line-height:1.05;text-align:center;white-space:nowrap;'
           'font-variant-numeric:tabular-nums;letter-spacing:0.02em;color:{color};">{digits}</div>')
SIDE_SIZE = "clamp(3rem, 7vw, 6.5rem)"        # in a side column of the page
PROJECTOR_SIZE = "clamp(6rem, 19vw, 16rem)"   # alone, full width, for the hall
_BIG_TITLE = ('<div style="font-size:{size};font-weight:700;line-height:1.2;text-align:center;'
              'margin:0.2em 0;">{text}</div>')
COLORS = {"normal": "#1b5e20", "soon": "#e65100", "over": "#b71c1c", "paused": "#37474f"}
WARN_SECONDS = 60


def big_text(text: str, size: str = "3.2rem") -> None:
    """A large centred line for the projector; the text is escaped (it may be typed by a user)."""
    # a blank line would end the HTML block and let the rest be read as Markdown
    text = html.escape(text).replace("\r", "").replace("\n", "<br>")
    st.markdown(_BIG_TITLE.format(size=size, text=text), unsafe_allow_html=True)


def _color(t: timer.Timer, now: float) -> str:
    if t.finished(now):
        return COLORS["over"]
    if not t.running:
        return COLORS["paused"]
    return COLORS["soon"] if t.remaining_s(now) <= WARN_SECONDS else COLORS["normal"]


@st.fragment(run_every=1)
def _live(db, workshop_id: str, key: str, label: str, seconds: int, size: str) -> None:
    t = timer.get_timer(db, workshop_id, key, label, seconds)
    now = timer.wall_clock()
    digits = timer.mmss(t.remaining_s(now))
    st.markdown(_DIGITS.format(size=size, color=_color(t, now), digits=digits), unsafe_allow_html=True)
    st.progress(t.fraction_left(now))
    if t.finished(now):
        over = t.overtime_s(now)
        st.error(tr("agenda.timer_over", over=timer.mmss(over)) if t.running and over else tr("agenda.timer_done"))
    elif t.running:
        st.caption(tr("agenda.timer_running"))
    else:
        st.caption(tr("agenda.timer_paused"))


def timer_panel(db, workshop_id: str, key: str, label: str, seconds: int, *,
                title_of: Callable[[str], str] | None = None, size: str = SIDE_SIZE, wide: bool = False) -> None:
    """Start / pause / +5 minutes / reset, and the live digits.

    `label` and `seconds` say what the timer should time now (the current session, the ice
    breaker on the card). A stored timer that times something else keeps running until the
    facilitator points it at the new item, so a running countdown never vanishes."""
    t = timer.get_timer(db, workshop_id, key, label, seconds)
    if t.stored and label and t.label != label:
        shown = title_of(t.label) if title_of else t.label
        st.caption(tr("agenda.timer_for", title=shown))
        target = title_of(label) if title_of else label
        if st.button(tr("agenda.timer_load", title=target, minutes=max(1, seconds // 60)), key=f"{key}_load",
                     icon=":material/restart_alt:"):
            timer.act(db, workshop_id, key, "load", label=label, total_s=seconds)
            st.rerun()
    # four buttons in a row when the panel is wide, two rows of two in a side column
    c1, c2, c3, c4 = st.columns(4) if wide else (*st.columns(2), *st.columns(2))
    actions = (
        (c1, "start", tr("agenda.timer_start"), ":material/play_arrow:", t.running),
        (c2, "pause", tr("agenda.timer_pause"), ":material/pause:", not t.running),
        (c3, "add", tr("agenda.timer_add5"), ":material/more_time:", False),
        (c4, "reset", tr("agenda.timer_reset"), ":material/replay:", False),
    )
    for col, action, text, icon, disabled in actions:
        if col.button(text, key=f"{key}_{action}", icon=icon, disabled=disabled, width="stretch",
                      type="primary" if action == "start" else "secondary"):
            timer.act(db, workshop_id, key, action, label=t.label or label, total_s=t.total_s or seconds)
            st.rerun()
    _live(db, workshop_id, key, t.label or label, t.total_s or seconds, size)
