"""Commitment pledges (swadaya), the dana stimulan and other funds: the Pokja's starting capital."""
import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from facilitation import pledges
from facilitation.errors import RembugError
from facilitation.formatting import format_date, rupiah
from facilitation.participants import list_participants
from ui import context
from ui.context import tr
from ui.phone_pledges import describe
from ui.safe_text import md_text as md

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()
people = list_participants(db, wid)
names = {p["id"]: p["name"] for p in people}


def _act(fn, *args, ok: str | None = None, **kwargs) -> None:
    try:
        fn(*args, **kwargs)
    except RembugError as exc:
        context.show_error(exc)
        return
    if ok:
        st.session_state["pl_flash"] = ok
    st.rerun()


def _chart(s: dict):
    parts = [("money", s["money"]), ("goods", s["goods"]), ("labour", s["labour"]), ("stimulan", s["stimulan"]),
             ("other", s["lainnya"])]
    data = pd.DataFrame({
        "part": [tr(f"pledges.part_{k}") for k, _ in parts],
        "group": [tr("pledges.swadaya") if k in ("money", "goods", "labour") else tr("pledges.outside")
                  for k, _ in parts],
        "rupiah": [v for _, v in parts],
        "label": [rupiah(v) for _, v in parts],
    })
    # thousands with a dot, as rupiah are written
    axis = alt.Axis(format=",d", labelExpr="replace(datum.label, /,/g, '.')")
    bars = alt.Chart(data, height=alt.Step(34)).mark_bar().encode(
        x=alt.X("rupiah:Q", title=tr("pledges.rupiah_axis"), axis=axis),
        y=alt.Y("part:N", title=None, sort=None),
        color=alt.Color("group:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["part:N", "label:N"],
    )
    return bars + bars.mark_text(align="left", dx=4).encode(text="label:N", color=alt.value("black"))


st.title(tr("pledges.title"))
st.caption(tr("pledges.intro"))
# containers always drawn keep the tabs below in place (and open) as messages and lists change
flash = st.container()
if "pl_flash" in st.session_state:
    flash.success(st.session_state.pop("pl_flash"))

# the store decides what the toggle shows; only the user's own flip writes
st.session_state["pl_phone_open"] = pledges.phone_open(db, wid)
st.toggle(tr("pledges.phone_open"), key="pl_phone_open",
          on_change=lambda: pledges.set_phone_open(db, wid, st.session_state["pl_phone_open"]))

with st.container():
    s = pledges.summary(db, wid)
    c1, c2, c3 = st.columns(3)
    for col, kind in zip((c1, c2, c3), pledges.KINDS):
        col.metric(tr(f"pledges.part_{kind}"), rupiah(s[kind]), tr("pledges.n_pledges", n=s["counts"][kind]),
                   delta_color="off", delta_arrow="off")
    c1, c2, _ = st.columns(3)
    c1.metric(tr("pledges.pledgers"), f"{s['pledgers']} / {s['registered']}")
    c2.metric(tr("pledges.modal_awal"), rupiah(s["total"]))
    st.caption(tr("pledges.total_line", swadaya=rupiah(s["swadaya"]), stimulan=rupiah(s["stimulan"]),
                  other=rupiah(s["lainnya"]), total=rupiah(s["total"])))
    if s["total"]:
        st.altair_chart(_chart(s), use_container_width=True)

with st.container():  # phone pledges waiting for confirmation
    pending = pledges.list_pledges(db, wid, confirmed=False)
    if pending:
        st.subheader(tr("pledges.pending_title", n=len(pending)))
        st.caption(tr("pledges.pending_help"))
    for p in pending:
        c1, c2, c3 = st.columns([6, 1, 1])
        c1.write(f"**{md(p['name'])}** · {md(describe(p, lang))} · {format_date(p['due_date'], lang, weekday=False)}")
        if c2.button(tr("pledges.confirm"), key=f"pl_ok_{p['id']}", type="primary"):
            _act(pledges.confirm_pledge, db, wid, p["id"], ok=tr("pledges.confirmed_now", name=md(p["name"])))
        if c3.button(":material/delete:", key=f"pl_rm_{p['id']}", help=tr("core.delete")):
            _act(pledges.delete_pledge, db, wid, p["id"], ok=tr("core.deleted"))

pledge_tab, list_tab, funds_tab = st.tabs([tr("pledges.tab_add"), tr("pledges.tab_list"), tr("pledges.tab_funds")])

with pledge_tab:
    if not people:
        st.info(tr("pledges.no_participants"))
    else:
        who = st.selectbox(tr("pledges.participant"), [p["id"] for p in people],
                           format_func=lambda i: names[i], key="pl_who")
        kinds = {k: tr(f"pledges.kind_{k}") for k in pledges.KINDS}
        kind = st.radio(tr("pledges.kind"), list(kinds), format_func=kinds.get, horizontal=True, key="pl_kind")
        with st.form("pl_add", clear_on_submit=True):
            data = {"kind": kind}
            if kind != "money":
                data["description"] = st.text_input(tr("pledges.description"),
                                                    placeholder=tr(f"pledges.description_hint_{kind}"))
                c1, c2 = st.columns(2)
                data["quantity"] = c1.number_input(tr("pledges.quantity"), min_value=1, step=1, value=None)
                data["unit"] = c2.text_input(tr("pledges.unit"), placeholder=tr(f"pledges.unit_hint_{kind}"))
            label = "pledges.amount" if kind == "money" else "pledges.estimated_value"
            data["value"] = st.number_input(tr(label), min_value=0, step=10_000, value=None, key="pl_value")
            data["due_date"] = st.date_input(tr("pledges.due_date"), ws["day4"] + dt.timedelta(days=7),
                                             format="DD/MM/YYYY")
            if st.form_submit_button(tr("pledges.add"), type="primary"):
                _act(pledges.add_pledge, db, wid, who, data, ok=tr("pledges.added", name=md(names[who])))

with list_tab:
    confirmed = pledges.list_pledges(db, wid, confirmed=True)
    if not confirmed:
        st.info(tr("pledges.none_yet"))
    else:
        st.dataframe(pd.DataFrame({
            tr("pledges.col_name"): [p["name"] for p in confirmed],
            tr("pledges.col_institution"): [p["institution"] for p in confirmed],
            tr("pledges.col_kind"): [tr(f"pledges.kind_{p['kind']}") for p in confirmed],
            tr("pledges.col_description"): [p["description"] if p["kind"] != "money" else ""
                                            for p in confirmed],
            tr("pledges.col_quantity"): [f"{p['quantity']} {p['unit']}" if p["quantity"] else ""
                                         for p in confirmed],
            tr("pledges.col_value"): [rupiah(p["value"]) for p in confirmed],
            tr("pledges.col_due"): [format_date(p["due_date"], lang, weekday=False) for p in confirmed],
            tr("pledges.col_source"): [tr(f"pledges.source_{p['source']}") for p in confirmed],
        }), hide_index=True, use_container_width=True)
        with st.form("pl_remove"):
            labels = {p["id"]: f"{p['name']} · {describe(p, lang)}" for p in confirmed}
            gone = st.selectbox(tr("pledges.remove_which"), list(labels), format_func=labels.get)
            if st.form_submit_button(tr("core.delete")):
                _act(pledges.delete_pledge, db, wid, gone, ok=tr("core.deleted"))

with funds_tab:
    st.caption(tr("pledges.funds_help"))
    funds = pledges.list_funds(db, wid)
    for f in funds:
        c1, c2 = st.columns([8, 1])
        when = format_date(f["received_on"], lang, weekday=False) if f["received_on"] else "—"
        details = " · ".join(x for x in (f["source"], f["account_ref"], f["note"]) if x)
        c1.write(f"**{tr('pledges.fund_' + f['kind'])}** · {rupiah(f['amount'])} · {when} · {md(details)}")
        if c2.button(":material/delete:", key=f"pl_fund_rm_{f['id']}", help=tr("core.delete")):
            _act(pledges.delete_fund, db, wid, f["id"], ok=tr("core.deleted"))
    fund_kinds = {k: tr(f"pledges.fund_{k}") for k in pledges.FUND_KINDS}
    fund_kind = st.radio(tr("pledges.fund_kind"), list(fund_kinds), format_func=fund_kinds.get, horizontal=True,
                         key="pl_fund_kind")
    with st.form("pl_fund", clear_on_submit=True):
        fund = {"kind": fund_kind}
        default_source = tr("pledges.stimulan_source") if fund_kind == "stimulan" else ""
        fund["source"] = st.text_input(tr("pledges.source"), default_source)
        fund["amount"] = st.number_input(tr("pledges.amount"), min_value=0, step=100_000, value=None,
                                         key="pl_fund_amount")
        c1, c2 = st.columns(2)
        fund["received_on"] = c1.date_input(tr("pledges.received_on"), None, format="DD/MM/YYYY")
        fund["account_ref"] = c2.text_input(tr("pledges.account_ref"), placeholder=tr("pledges.account_hint"))
        fund["note"] = st.text_input(tr("pledges.note"))
        if st.form_submit_button(tr("pledges.add_fund"), type="primary"):
            _act(pledges.add_fund, db, wid, fund, ok=tr("pledges.fund_added"))
