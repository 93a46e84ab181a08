"""Pieces shared by the live-voting facilitator page and the projector: the join panel,
result tables and charts, tie notes, hand-count entry."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from facilitation import joining, voting
from facilitation.errors import RembugError
from facilitation.voting_tally import RULES_BY_KIND
from ui import context
from ui.context import tr
from ui.safe_text import md_text

PHONE_COLOR = "#0b6e4f"
HAND_COLOR = "#e8a33d"


def kind_label(kind: str) -> str:
    return tr(f"live.kind_{kind}")


def status_label(status: str) -> str:
    return tr(f"live.status_{status}")


def rule_label(chain) -> str:
    return " → ".join(tr(f"live.rule_{r}") for r in chain)


def rule_options(kind: str) -> list[tuple]:
    """Single rules of the kind, plus DOMAIN.md §4.1's chain for pairwise ranking."""
    options = [(r,) for r in RULES_BY_KIND[kind]]
    if kind == "pairwise":
        options.insert(2, ("head_to_head", "opponent_wins"))
        options.insert(3, ("head_to_head", "opponent_wins", "lot"))
    return options


@st.cache_data(show_spinner=False, max_entries=16)
def _qr(url: str) -> bytes:
    return joining.qr_png(url, scale=12, border=2)


def join_base_url(key: str) -> str:
    """The address phones use; a choice when the laptop has several networks."""
    override = joining.public_url_override()
    port = st.get_option("server.port")
    if override:
        return override
    addresses = joining.lan_addresses()
    if not addresses:
        st.warning(tr("live.no_network"))
        return joining.base_url(port, "127.0.0.1")
    address = addresses[0]
    if len(addresses) > 1:
        address = st.selectbox(tr("live.address_choice"), addresses, key=key)
    return joining.base_url(port, address)


def join_panel(ws: dict, big: bool = False, key: str = "join_addr") -> None:
    base = join_base_url(key)
    url = joining.join_url(ws["join_code"], base)
    left, right = st.columns([3, 4] if big else [2, 3], vertical_alignment="center")
    left.image(_qr(url), width="stretch")
    with right:
        st.markdown(tr("live.join_scan"))
        st.markdown(f"# {ws['join_code']}")
        st.markdown(tr("live.join_or_open", url=url))
        st.caption(tr("live.join_same_wifi"))


# ---------------------------------------------------------------- results

def turnout_text(res: voting.PollResult) -> str:
    """"N of M present have voted" (or of M registered, while that day's attendance is not taken)."""
    key = "live.turnout_present" if res.present_basis == "attendance" else "live.turnout_registered"
    text = tr(key, voted=res.voted_present, present=res.present, day=res.day)
    if res.voted > res.voted_present:
        text += " " + tr("live.turnout_others", n=res.voted - res.voted_present)
    if res.hand_voters:
        text += " " + tr("live.turnout_hand", n=res.hand_voters)
    return text


def rank_text(row: dict) -> str:
    return f"={row['rank']}" if row["tied"] else str(row["rank"])


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def results_markdown(res: voting.PollResult) -> str:
    """The result as a markdown table: large on a projector, and cheap to send every refresh."""
    head = [tr("live.col_rank"), tr("live.col_item"), tr("live.col_phone"), tr("live.col_hand"), tr("live.col_total")]
    lines = ["| " + " | ".join(head) + " |", "|:--|:--|--:|--:|--:|"]
    for r in res.rows():
        cells = [rank_text(r), md_text(r["label"]), _number(r["phone"]), _number(r["hand"]),
                 f"**{_number(r['total'])}**"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def results_frame(res: voting.PollResult) -> pd.DataFrame:
    rows = res.rows()
    frame = {
        tr("live.col_rank"): [rank_text(r) for r in rows],
        tr("live.col_item"): [r["label"] for r in rows],
        tr("live.col_phone"): [_number(r["phone"]) for r in rows],
        tr("live.col_hand"): [_number(r["hand"]) for r in rows],
        tr("live.col_total"): [_number(r["total"]) for r in rows],
    }
    return pd.DataFrame(frame)


def show_chart(res: voting.PollResult, big: bool = False) -> None:
    """Bars in rank order: phone and hand stacked (matrix: the pooled weighted score).

    The chart is built with Altair, once per shape (kind, language, size, number of options),
    with its data as named datasets; every refresh only fills in the figures. Building and
    validating an Altair chart costs tens of ms of CPU, which the projector would otherwise
    spend every 1.5 s of a vote burst while holding the GIL the phones' votes need."""
    rows = res.rows()
    labels = (tr("live.col_phone"), tr("live.col_hand"), tr("live.col_total"))
    matrix = res.poll["kind"] == "matrix"
    phone, hand, total = labels
    if matrix:
        bars = [{"label": r["label"], "pos": n, "value": r["total"], "source": total, "stack": 0}
                for n, r in enumerate(rows)]
    else:
        bars = ([{"label": r["label"], "pos": n, "value": r["phone"], "source": phone, "stack": 0}
                 for n, r in enumerate(rows)]
                + [{"label": r["label"], "pos": n, "value": r["hand"], "source": hand, "stack": 1}
                   for n, r in enumerate(rows) if r["hand"]])
    totals = [{"label": r["label"], "pos": n, "total": r["total"], "text": _number(r["total"])}
              for n, r in enumerate(rows)]
    spec = _chart_spec(matrix, labels, big, len(rows))
    # Streamlit sends chart data as Arrow and passes bytes through untouched
    # (dataframe_util is Streamlit's own converter; streamlit is pinned in requirements.txt)
    spec["datasets"] = {"bars": dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(bars)),
                        "totals": dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(totals))}
    st.vega_lite_chart(spec, width="stretch")


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_spec(matrix: bool, labels: tuple, big: bool, n_items: int) -> dict:
    """The Vega-Lite spec (validated by Altair) reading the datasets "bars" and "totals"."""
    phone, hand, total = labels
    colors = (alt.Scale(domain=[total], range=[PHONE_COLOR]) if matrix
              else alt.Scale(domain=[phone, hand], range=[PHONE_COLOR, HAND_COLOR]))
    size = 24 if big else 14
    in_rank_order = alt.EncodingSortField(field="pos", op="min", order="ascending")
    bars = alt.Chart(alt.NamedData("bars")).mark_bar().encode(
        y=alt.Y("label:N", sort=in_rank_order, title=None,
                axis=alt.Axis(labelLimit=600, labelFontSize=size, labelColor="#000000")),
        x=alt.X("sum(value):Q", title=None,
                axis=alt.Axis(labelFontSize=size * 0.7, tickMinStep=1, labelColor="#000000")),
        color=alt.Color("source:N", scale=colors, legend=alt.Legend(orient="bottom", labelFontSize=size * 0.8,
                                                                    labelColor="#000000", title=None)),
        order=alt.Order("stack:Q"),  # phone first, hand after it
    )
    text = alt.Chart(alt.NamedData("totals")).mark_text(align="left", dx=6, fontSize=size, fontWeight="bold").encode(
        y=alt.Y("label:N", sort=in_rank_order), x="total:Q", text="text:N")
    return (bars + text).properties(height=max(160, (70 if big else 36) * n_items)).to_dict()


def tie_notes(res: voting.PollResult) -> None:
    labels = res.labels
    for group in res.tie_groups:
        st.warning(tr("live.tie_group", items=", ".join(md_text(labels.get(i, str(i))) for i in group)),
                   icon=":material/balance:")
    rule = rule_label(res.tie_rule)
    if res.seed is not None:
        st.caption(tr("live.tie_rule_seed", rule=rule, seed=res.seed))
    else:
        st.caption(tr("live.tie_rule_applied", rule=rule))
    for brk in res.tie_breaks:
        st.caption(tr("live.tie_broken", rule=rule_label([brk.rule]),
                      items=" > ".join(" = ".join(md_text(labels.get(i, str(i))) for i in part)
                                       for part in brk.order)))


def details(res: voting.PollResult) -> None:
    """The kind's own table: places per rank, wins per pair, or means per criterion."""
    labels = res.labels
    if res.rank_table:
        frame = pd.DataFrame({labels[i]: list(places) for i, places in res.rank_table.items()}).T
        frame.columns = [tr("live.place_n", n=n) for n in range(1, len(frame.columns) + 1)]
        st.caption(tr("live.rank_table"))
        st.dataframe(frame, width="stretch")
    elif res.win_matrix:
        ids = list(res.win_matrix)
        frame = pd.DataFrame([[("" if a == b else _number(float(res.win_matrix[a][b]))) for b in ids] for a in ids],
                             index=[labels[i] for i in ids], columns=[labels[i] for i in ids])
        st.caption(tr("live.win_matrix"))
        st.dataframe(frame, width="stretch")
    elif res.criterion_means:
        names = res.poll["config"].get("criterion_labels", {})
        criteria = res.poll["config"]["criteria"]
        frame = pd.DataFrame([[_number(float(res.criterion_means[i][c])) for c in criteria] for i in res.criterion_means],
                             index=[labels[i] for i in res.criterion_means],
                             columns=[names.get(c, c) for c in criteria])
        st.caption(tr("live.criterion_means"))
        st.dataframe(frame, width="stretch")


# ---------------------------------------------------------------- hand counts

def hand_count_form(ws: dict, poll: dict) -> None:
    """Points per item and people counted (every kind but matrix), or paper score sheets (matrix)."""
    db = context.db()
    current = voting.hand_counts(db, ws["id"], poll["id"]) or {"points": {}, "ballots": [], "voters": 0}
    who = ws.get("facilitator_central") or ""
    if poll["kind"] == "matrix":
        _paper_sheets(ws, poll, current, who)
        return
    st.caption(tr(f"live.hand_help_{poll['kind']}"))
    # "sama penting" gives half points, so a pairwise tally by hand may end in .5
    halves = poll["kind"] == "pairwise" and poll["config"].get("allow_ties")
    step, cast = (0.5, float) if halves else (1, int)
    with st.form(f"hand_{poll['id']}"):
        points = {}
        cols = st.columns(2)
        for n, item in enumerate(poll["items"]):
            points[item["id"]] = cols[n % 2].number_input(
                md_text(item["label"]), min_value=cast(0), max_value=cast(100_000), step=step,
                value=cast(current["points"].get(item["id"], 0)), key=f"hand_{poll['id']}_{item['id']}")
        voters = st.number_input(tr("live.hand_voters"), min_value=0, max_value=10_000, step=1,
                                 value=int(current["voters"]), key=f"hand_{poll['id']}_voters")
        if st.form_submit_button(tr("live.hand_save"), type="primary"):
            try:
                voting.record_hand_counts(db, ws["id"], poll["id"], points=points,
                                          paper_ballots=current["ballots"], voters=voters, entered_by=who)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.success(tr("live.hand_saved"))


def _paper_sheets(ws: dict, poll: dict, current: dict, who: str) -> None:
    db = context.db()
    cfg = poll["config"]
    names = cfg.get("criterion_labels", {})
    low, high = cfg.get("min_score", 1), cfg.get("max_score", 5)
    st.caption(tr("live.hand_help_matrix", n=len(current["ballots"])))
    with st.form(f"sheet_{poll['id']}", clear_on_submit=True):
        sheet = {}
        for item in poll["items"]:
            st.markdown(f"**{md_text(item['label'])}**")
            cols = st.columns(len(cfg["criteria"]))
            for col, c in zip(cols, cfg["criteria"]):
                sheet.setdefault(item["id"], {})[c] = col.number_input(
                    md_text(str(names.get(c, c))), min_value=low, max_value=high, step=1, value=low,
                    key=f"sheet_{poll['id']}_{item['id']}_{c}")
        if st.form_submit_button(tr("live.hand_add_sheet"), type="primary"):
            try:
                voting.record_hand_counts(db, ws["id"], poll["id"], paper_ballots=[*current["ballots"], sheet],
                                          voters=current["voters"], entered_by=who)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.success(tr("live.hand_saved"))
    if current["ballots"] and st.button(tr("live.hand_clear"), key=f"sheet_clear_{poll['id']}"):
        voting.record_hand_counts(db, ws["id"], poll["id"], entered_by=who)
        st.rerun()
