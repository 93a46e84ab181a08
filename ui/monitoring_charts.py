"""Small Altair charts for the pages after the workshop: progress against the plan's Gantt,
money spent against the budget, baseline against endline, and the many-villages overview.
Each gets a handful of aggregated rows; labels arrive translated, user text only as data."""
from __future__ import annotations

import altair as alt
import pandas as pd

BASE_COLOUR, MID_COLOUR, END_COLOUR = "#9e9e9e", "#90caf9", "#2e7d32"


def signed(value, lang: str) -> str:
    """+12,5 / -3,0 (Indonesian decimal comma) or +12.5; '–' when there is nothing to compare."""
    if value is None:
        return "–"
    text = f"{float(value):+.1f}"
    return text.replace(".", ",") if lang == "id" else text


def _sized(chart, plot_height: int):
    """`plot_height` for the marks themselves: the width fits the page (fit-x) while axes,
    titles and the legend come on top of the height, instead of squeezing rows of bars."""
    return chart.properties(height=plot_height, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
GANTT_COLOURS = ("#2e7d32", "#c8e6c9", "#ffb74d")  # planned and active, planned only, active unplanned


def gantt_progress(rows, month_labels: list[str], months: list[int], names: dict[str, str], *,
                   activity_title: str, month_title: str, legend_title: str) -> alt.Chart:
    """One cell per activity and month: planned and carried out, planned but no activity yet,
    or activity in a month the plan did not schedule. `names` labels the three kinds."""
    data = []
    order = []
    for r in rows:
        label = f"{r.no}. {r.activity}"
        order.append(label)
        for m in months:
            planned, active = m in r.planned_months, m in r.active_months
            if not (planned or active):
                continue
            kind = "both" if planned and active else ("planned" if planned else "extra")
            data.append({"activity": label, "month": month_labels[m - 1] if m <= len(month_labels) else f"+{m}",
                         "kind": names[kind]})
    frame = pd.DataFrame(data or [{"activity": "", "month": "", "kind": names["planned"]}])
    month_order = [month_labels[m - 1] if m <= len(month_labels) else f"+{m}" for m in months]
    return _sized(
        alt.Chart(frame)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X("month:N", sort=month_order, title=month_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("activity:N", sort=order, title=None, axis=alt.Axis(labelLimit=300)),
            color=alt.Color("kind:N", title=None,
                            scale=alt.Scale(domain=[names["both"], names["planned"], names["extra"]],
                                            range=list(GANTT_COLOURS)),
                            legend=alt.Legend(orient="bottom", labelLimit=320)),
            tooltip=[alt.Tooltip("activity:N", title=activity_title), alt.Tooltip("month:N", title=month_title),
                     alt.Tooltip("kind:N", title=legend_title)],
        ),
        max(60, 26 * len(order)),
    )


def month_bars(by_month, month_labels: list[str], *, planned_title: str, active_title: str,
               month_title: str, count_title: str) -> alt.Chart:
    """Per plan month: how many activities were planned, and how many had activity."""
    data = []
    for m in by_month:
        name = month_labels[m["month"] - 1] if m["month"] <= len(month_labels) else f"+{m['month']}"
        data += [{"month": name, "kind": planned_title, "n": m["planned"]},
                 {"month": name, "kind": active_title, "n": m["active"]}]
    order = [month_labels[m["month"] - 1] if m["month"] <= len(month_labels) else f"+{m['month']}" for m in by_month]
    return _sized(
        alt.Chart(pd.DataFrame(data))
        .mark_bar()
        .encode(
            x=alt.X("month:N", sort=order, title=month_title, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("kind:N", sort=[planned_title, active_title]),
            y=alt.Y("n:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("kind:N", title=None, sort=[planned_title, active_title],
                            scale=alt.Scale(range=["#bdbdbd", END_COLOUR]), legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("month:N", title=month_title), alt.Tooltip("kind:N", title=None),
                     alt.Tooltip("n:Q", title=count_title)],
        ),
        180,
    )


def percent_bars(rows: list[dict], *, label_title: str, value_title: str, height_per_row: int = 28) -> alt.Chart:
    """Horizontal bars 0–100 % ({'label', 'value' or None}), the value printed at the end."""
    frame = pd.DataFrame([{"label": r["label"], "value": r["value"],
                           "shown": "–" if r["value"] is None else f"{r['value']:.0f}%"} for r in rows])
    order = [r["label"] for r in rows]
    base = alt.Chart(frame).encode(y=alt.Y("label:N", sort=order, title=None,
                                           axis=alt.Axis(labelLimit=280, labelOverlap=False)))
    bars = base.mark_bar(color=END_COLOUR).encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 100]), title=value_title,
                axis=alt.Axis(values=[0, 25, 50, 75, 100])),
        tooltip=[alt.Tooltip("label:N", title=label_title), alt.Tooltip("shown:N", title=value_title)])
    text = base.mark_text(align="left", dx=4).encode(x="value:Q", text="shown:N")
    return _sized(alt.layer(bars, text), max(40, height_per_row * len(rows)))


def money_chart(money: dict, labels: dict, *, budget_title: str, spent_title: str, amount_title: str,
                source_title: str) -> alt.Chart:
    """Budget against money spent per source, grouped bars in whole rupiah."""
    data = []
    for source, name in labels.items():
        data += [{"source": name, "kind": budget_title, "amount": int(money[source]["budget"])},
                 {"source": name, "kind": spent_title, "amount": int(money[source]["spent"])}]
    return _sized(
        alt.Chart(pd.DataFrame(data))
        .mark_bar()
        .encode(
            x=alt.X("source:N", sort=list(labels.values()), title=source_title,
                    axis=alt.Axis(labelAngle=0, labelLimit=240)),
            xOffset=alt.XOffset("kind:N", sort=[budget_title, spent_title]),
            y=alt.Y("amount:Q", title=amount_title, axis=alt.Axis(format=",d")),
            color=alt.Color("kind:N", title=None, sort=[budget_title, spent_title],
                            scale=alt.Scale(range=["#9ecae1", "#08519c"]), legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("source:N", title=source_title), alt.Tooltip("kind:N", title=None),
                     alt.Tooltip("amount:Q", title=amount_title, format=",d")],
        ),
        200,
    )


def comparison_bars(rows: list[dict], phases: dict[str, str], *, value_title: str,
                    height_per_row: int = 34, label_limit: int = 300) -> alt.LayerChart:
    """Grouped horizontal bars 0–100 per row ({'label', 'baseline', 'midline', 'endline'}),
    one bar per phase in `phases` (key -> legend label), band limits dashed at 40 and 70."""
    data = []
    for r in rows:
        for key, name in phases.items():
            value = r.get(key)
            data.append({"label": r["label"], "phase": name, "value": value,
                         "shown": "–" if value is None else f"{value:.1f}"})
    order = [r["label"] for r in rows]
    names = list(phases.values())
    colours = [{"baseline": BASE_COLOUR, "midline": MID_COLOUR, "endline": END_COLOUR}[k] for k in phases]
    frame = pd.DataFrame(data)
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=label_limit)),
        yOffset=alt.YOffset("phase:N", sort=names),
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 100]), title=value_title,
                axis=alt.Axis(values=[0, 25, 50, 75, 100])),
        color=alt.Color("phase:N", sort=names, title=None, scale=alt.Scale(domain=names, range=colours),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title=None), alt.Tooltip("phase:N", title=None),
                 alt.Tooltip("shown:N", title=value_title)],
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(x="value:Q", text="shown:N")
    rules = alt.Chart(pd.DataFrame({"t": [40, 70]})).mark_rule(strokeDash=[6, 4], color="#424242").encode(x="t:Q")
    return _sized(alt.layer(bars, text, rules), max(60, int(height_per_row * len(rows) * len(phases) / 2)))


def delta_bars(rows: list[dict], *, label_title: str, delta_title: str) -> alt.Chart:
    """Δ per row ({'label', 'delta'}), green up and red down, around zero."""
    frame = pd.DataFrame([{"label": r["label"], "delta": r["delta"], "up": r["delta"] >= 0,
                           "shown": f"{r['delta']:+.1f}"} for r in rows if r["delta"] is not None])
    if frame.empty:
        frame = pd.DataFrame([{"label": "", "delta": 0.0, "up": True, "shown": ""}])
    order = [r["label"] for r in rows if r["delta"] is not None]
    return _sized(
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
            x=alt.X("delta:Q", title=delta_title),
            color=alt.Color("up:N", scale=alt.Scale(domain=[True, False], range=[END_COLOUR, "#c62828"]), legend=None),
            tooltip=[alt.Tooltip("label:N", title=label_title), alt.Tooltip("shown:N", title=delta_title)],
        ),
        max(60, 22 * len(order)),
    )
