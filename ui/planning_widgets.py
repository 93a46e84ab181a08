"""Pieces the three planning pages share: safe text for markdown, the projector board's
styling, and the small Altair charts (Gantt of months 1–6, budget per source)."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from facilitation import planning
from ui.safe_text import md_text


# large, high-contrast cards for the projector; keyed containers get a st-key-<key> class
BOARD_CSS = """
<style>
div[class*="st-key-plan_card_"] p { font-size: 1.3rem; line-height: 1.35; font-weight: 600; }
div[class*="st-key-plan_card_"] [data-testid="stCaptionContainer"] p { font-size: 0.85rem; font-weight: 400; }
div[class*="st-key-plan_card_"] { background: #fffbe6; }
div[class*="st-key-plan_col_"] h3 { font-size: 1.4rem; }
div[class*="st-key-plan_focus"] p { font-size: 1.8rem; line-height: 1.3; font-weight: 700; }
</style>
"""


def md(text) -> str:
    """User text shown through markdown exactly as typed (no formatting, links or icons)."""
    return md_text(text)  # escapes alone miss icon shortcodes and bare links: see ui.safe_text


def board_style() -> None:
    st.html(BOARD_CSS)


def gantt_chart(items: list[dict], month_labels: list[str], *, label_title: str, month_title: str,
                group_title: str) -> alt.Chart | None:
    """One bar per run of consecutive months: `items` are dicts with `label`, `months` and
    `group` (e.g. a dimension) in display order. None when nothing is scheduled."""
    data = []
    for order, item in enumerate(items):
        for start, end in planning.month_runs(item["months"]):
            data.append({"label": item["label"], "order": order, "start": start - 0.45, "end": end + 0.45,
                         "group": item.get("group") or "–",
                         "months": ", ".join(month_labels[m - 1] for m in range(start, end + 1))})
    if not data:
        return None
    frame = pd.DataFrame(data)
    labels = [i["label"] for i in items]
    axis = alt.Axis(values=list(planning.PLAN_MONTHS), labelExpr=_month_expr(month_labels), grid=True, tickCount=6)
    return (
        alt.Chart(frame)
        .mark_bar(cornerRadius=3)
        .encode(
            x=alt.X("start:Q", scale=alt.Scale(domain=[0.5, 6.5]), axis=axis, title=month_title),
            x2="end:Q",
            y=alt.Y("label:N", sort=labels, title=None, axis=alt.Axis(labelLimit=280)),
            color=alt.Color("group:N", title=group_title, legend=alt.Legend(orient="bottom", columns=4,
                                                                            labelLimit=220)),
            tooltip=[alt.Tooltip("label:N", title=label_title), alt.Tooltip("months:N", title=month_title),
                     alt.Tooltip("group:N", title=group_title)],
        )
        # Streamlit fits the whole chart (axis and legend included) into this height
        .properties(height=130 + 30 * len(items))
    )


def _month_expr(month_labels: list[str]) -> str:
    names = ", ".join(f"'{_js(m)}'" for m in month_labels)
    return f"[{names}][datum.value - 1]"


def _js(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")


def budget_chart(planned: dict, available: dict, labels: dict, *, planned_title: str, available_title: str,
                 amount_title: str, source_title: str) -> alt.Chart:
    """Planned against available money per source, as grouped horizontal bars (whole rupiah,
    thousands separated by dots as Indonesian documents write them)."""
    rows = []
    for source in planning.SOURCES:
        rows.append({"source": labels[source], "kind": available_title, "amount": int(available.get(source, 0))})
        rows.append({"source": labels[source], "kind": planned_title, "amount": int(planned.get(source, 0))})
    frame = pd.DataFrame(rows)
    dots = "replace(format(datum.value, ',d'), /,/g, '.')"
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("source:N", title=None, sort=[labels[s] for s in planning.SOURCES], axis=alt.Axis(labelLimit=220)),
            yOffset=alt.YOffset("kind:N", sort=[available_title, planned_title]),
            x=alt.X("amount:Q", title=amount_title, axis=alt.Axis(labelExpr=dots, tickCount=5)),
            color=alt.Color("kind:N", title=None, sort=[available_title, planned_title],
                            scale=alt.Scale(range=["#9ecae1", "#08519c"]), legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("source:N", title=source_title), alt.Tooltip("kind:N", title=" "),
                     alt.Tooltip("amount:Q", title=amount_title, format=",d")],
        )
        .properties(height=300)  # axis and legend included (see gantt_chart)
    )
