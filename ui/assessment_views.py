"""Charts and small views shared by the assessment pages (baseline, problems, institutions,
ranking). Charts get a handful of aggregated rows; user text only ever reaches Vega as data
or Streamlit as escaped markdown, never as HTML."""
from __future__ import annotations

import altair as alt
import pandas as pd

from facilitation.assessment_institutions import VennLayout
from ui.context import lang, tr
from ui.safe_text import md_text

BAND_COLOURS = {"rendah": "#d9534f", "sedang": "#f0ad4e", "tinggi": "#5cb85c"}
VALENCE_COLOURS = {"+": "#66bb6a", "-": "#ef5350"}


def md(text) -> str:
    """User text as literal markdown (see ui.safe_text: escapes alone miss icons and links)."""
    return md_text(text)


def fmt_score(score, lang_: str | None = None) -> str:
    """3.5 -> '3,5' in Indonesian, '3.5' in English; whole scores without decimals. Pass the
    language when this is a widget's format_func: AppTest may call one outside the run."""
    if score is None:
        return "–"
    text = f"{float(score):g}"
    return text.replace(".", ",") if (lang_ or lang()) == "id" else text


def fmt_value(value, lang_: str | None = None) -> str:
    if value is None:
        return "–"
    text = f"{float(value):.1f}"
    return text.replace(".", ",") if (lang_ or lang()) == "id" else text


def _band_scale(labels: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=[labels[b] for b in BAND_COLOURS], range=list(BAND_COLOURS.values()))


def index_bars(rows: list[dict], band_labels: dict[str, str], *, big: bool = False,
               thresholds=(40, 70)) -> alt.LayerChart:
    """Horizontal bars 0–100 per row ({'label', 'value', 'band'}), band colours, the band
    thresholds as dashed rules, the value at the bar's end; unscored rows show no bar."""
    frame = pd.DataFrame([
        {"label": r["label"], "value": r["value"], "band": band_labels.get(r["band"], ""),
         "shown": fmt_value(r["value"])} for r in rows
    ])
    order = [r["label"] for r in rows]
    size = 22 if big else 12
    y = alt.Y("label:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=420 if big else 260, labelFontSize=size, labelOverlap=False))
    x = alt.X("value:Q", scale=alt.Scale(domain=[0, 100]), title=tr("assessment.index_0_100"),
              axis=alt.Axis(values=[0, 25, 50, 75, 100], labelFontSize=size - 2, titleFontSize=size - 2))
    base = alt.Chart(frame).encode(y=y)
    bars = base.mark_bar().encode(
        x=x, color=alt.Color("band:N", scale=_band_scale(band_labels), title=tr("assessment.band"),
                             legend=alt.Legend(orient="bottom", labelFontSize=size - 2, titleFontSize=size - 2)),
        tooltip=[alt.Tooltip("label:N", title=tr("assessment.item")), alt.Tooltip("shown:N", title=tr("assessment.index")),
                 alt.Tooltip("band:N", title=tr("assessment.band"))],
    )
    text = base.mark_text(align="left", dx=4, fontSize=size, fontWeight="bold").encode(x="value:Q", text="shown:N")
    rules = alt.Chart(pd.DataFrame({"t": list(thresholds)})).mark_rule(strokeDash=[6, 4], color="#424242").encode(x="t:Q")
    # Streamlit fits axis and legend inside the height, so add their room to the bars' rows
    height = max(len(rows), 1) * (48 if big else 26) + (200 if big else 130)
    return alt.layer(bars, text, rules).properties(height=height)


def rating_bars(total: dict[int, int], *, big: bool = False) -> alt.Chart:
    """How many chose each level 1–5 (phones and hands together)."""
    frame = pd.DataFrame({"level": [str(k) for k in total], "count": list(total.values())})
    size = 22 if big else 12
    return alt.Chart(frame).mark_bar(color="#1565c0").encode(
        x=alt.X("level:N", title=tr("assessment.level"), sort=[str(k) for k in total],
                axis=alt.Axis(labelAngle=0, labelFontSize=size, titleFontSize=size - 2)),
        y=alt.Y("count:Q", title=tr("assessment.count"), axis=alt.Axis(tickMinStep=1, labelFontSize=size - 2)),
        tooltip=["level:N", "count:Q"],
    ).properties(height=320 if big else 180)


def ranking_bars(rows: list[dict], *, big: bool = False) -> alt.Chart:
    """Totals per problem in priority order; tied problems in a second colour."""
    frame = pd.DataFrame([{"label": f"{r['rank']}. {r['text']}", "total": r["total"],
                           "tied": tr("assessment.tied") if r["tied"] else tr("assessment.not_tied")} for r in rows])
    size = 20 if big else 12
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("label:N", sort=[f"{r['rank']}. {r['text']}" for r in rows], title=None,
                axis=alt.Axis(labelLimit=520 if big else 320, labelFontSize=size, labelOverlap=False)),
        x=alt.X("total:Q", title=tr("assessment.points"), axis=alt.Axis(labelFontSize=size - 2)),
        color=alt.Color("tied:N", title=None, scale=alt.Scale(
            domain=[tr("assessment.not_tied"), tr("assessment.tied")], range=["#1565c0", "#ef6c00"]),
            legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title=tr("assessment.problem")), alt.Tooltip("total:Q", title=tr("assessment.points"))],
    ).properties(height=max(len(rows), 1) * (44 if big else 28) + (160 if big else 110))


def venn_chart(layout: VennLayout, *, side: int = 560) -> alt.LayerChart:
    """The Venn (chapati) diagram as layered Altair marks on fixed, equal x/y scales, so a
    circle's pixel size matches its radius in the layout: community circle in the centre,
    institutions sized by importance, placed by closeness; links as lines."""
    extent = layout.extent
    px_per_unit = side / (2 * extent)
    scale = alt.Scale(domain=[-extent, extent], nice=False, zero=False)
    x = alt.X("x:Q", scale=scale, axis=None)
    y = alt.Y("y:Q", scale=scale, axis=None)

    def area(radius: float) -> float:  # Vega's circle size is its area in square pixels
        return 3.14159 * (radius * px_per_unit) ** 2

    community = alt.Chart(pd.DataFrame([{"x": 0, "y": 0, "size": area(layout.community_radius),
                                         "name": tr("assessment.community")}])).mark_circle(
        color="#90caf9", opacity=0.35, stroke="#1565c0", strokeWidth=2).encode(
        x=x, y=y, size=alt.Size("size:Q", scale=None, legend=None), tooltip=[alt.Tooltip("name:N", title=" ")])
    lines_frame = pd.DataFrame([{"x": ln.x1, "y": ln.y1, "x2": ln.x2, "y2": ln.y2,
                                 "degree": tr(f"assessment.degree_{ln.degree}")} for ln in layout.lines]
                               or [{"x": 0, "y": 0, "x2": 0, "y2": 0, "degree": ""}])
    lines = alt.Chart(lines_frame).mark_rule(color="#455a64").encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        strokeDash=alt.StrokeDash("degree:N", legend=None, scale=alt.Scale(
            domain=[tr("assessment.degree_overlap"), tr("assessment.degree_touch"), ""],
            range=[[1, 0], [5, 4], [1, 0]])),
        strokeWidth=alt.value(2) if layout.lines else alt.value(0),
    )
    circles_frame = pd.DataFrame([{
        "x": c.x, "y": c.y, "size": area(c.r), "name": c.name, "valence": c.valence,
        "importance": c.importance, "distance": c.distance,
        "flag": tr("assessment.flag_important_distant") if c.flagged else "",
    } for c in layout.circles] or [{"x": 0, "y": 0, "size": 0, "name": "", "valence": "+", "importance": 0,
                                    "distance": 0, "flag": ""}])
    circles = alt.Chart(circles_frame).mark_circle(opacity=0.6, strokeWidth=2).encode(
        x=x, y=y, size=alt.Size("size:Q", scale=None, legend=None),
        color=alt.Color("valence:N", scale=alt.Scale(domain=list(VALENCE_COLOURS), range=list(VALENCE_COLOURS.values())),
                        legend=None),
        stroke=alt.condition(alt.datum.flag != "", alt.value("#ef6c00"), alt.value("#37474f")),
        tooltip=[alt.Tooltip("name:N", title=tr("assessment.institution")),
                 alt.Tooltip("importance:Q", title=tr("assessment.importance")),
                 alt.Tooltip("distance:Q", title=tr("assessment.distance")),
                 alt.Tooltip("flag:N", title=" ")],
    )
    labels = alt.Chart(circles_frame).mark_text(fontSize=11, fontWeight="bold", color="#212121").encode(
        x=x, y=y, text="name:N")
    return (alt.layer(community, lines, circles, labels)
            .properties(width=side, height=side)
            .configure_view(stroke=None))
