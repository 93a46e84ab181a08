"""Many villages on one server (the district's view): every workshop in the store with its
stage, and comparisons across villages: baseline against endline per dimension, plan
completion and starting capital. Also takes in a workshop's backup file from a laptop.

Any logged-in facilitator sees this page: it lists every workshop of the store (names,
places, indices and money totals, nothing personal), as the district office would."""
import pandas as pd
import streamlit as st

from facilitation import overview, planning, transfer
from facilitation.errors import RembugError
from facilitation.formatting import rupiah
from ui import context
from ui.assessment_views import fmt_value
from ui.context import tr
from ui.monitoring_charts import comparison_bars, delta_bars, percent_bars, signed
from ui.safe_text import md_text

ws = context.require_facilitator()
db = context.db()
lang = context.lang()
st.title(tr("monitoring.overview_title"))
st.caption(tr("monitoring.overview_intro"))

if "overview_flash" in st.session_state:
    st.success(st.session_state.pop("overview_flash"))

rows = overview.villages(db)
provinces = sorted({r["provinsi"] for r in rows})
years = sorted({r["year"] for r in rows})
c1, c2 = st.columns(2)
chosen_prov = c1.multiselect(tr("monitoring.filter_provinsi"), provinces, key="ov_prov",
                             placeholder=tr("monitoring.filter_all"))
chosen_year = c2.multiselect(tr("monitoring.filter_year"), years, key="ov_year", placeholder=tr("monitoring.filter_all"))
shown = [r for r in rows if (not chosen_prov or r["provinsi"] in chosen_prov)
         and (not chosen_year or r["year"] in chosen_year)]

counts = overview.stage_counts(shown)
cols = st.columns(2 + len(overview.STAGES))
cols[0].metric(tr("monitoring.villages"), len(shown))
cols[1].metric(tr("monitoring.provinces"), len({r["provinsi"] for r in shown}))
for col, stage in zip(cols[2:], overview.STAGES):
    col.metric(tr(f"monitoring.stage_{stage}"), counts[stage])


def village_label(r: dict) -> str:
    return f"{r['village']} ({r['year']})"


st.dataframe(pd.DataFrame([{
    tr("monitoring.col_provinsi"): r["provinsi"], tr("monitoring.col_kabupaten"): r["kabupaten"],
    tr("monitoring.col_village"): r["village"], tr("monitoring.year"): r["year"],
    tr("monitoring.col_stage"): tr(f"monitoring.stage_{r['stage']}"),
    tr("monitoring.phase_baseline"): fmt_value(r["baseline"]), tr("monitoring.phase_endline"): fmt_value(r["endline"]),
    tr("monitoring.delta"): signed(r["delta"], lang),
    tr("monitoring.completion"): "–" if r["completion"] is None else f"{float(r['completion']):.0f}%",
    tr("monitoring.capital"): rupiah(r["capital"]),
} for r in shown]), hide_index=True, width="stretch")

if shown:
    st.subheader(tr("monitoring.ov_dimensions"))
    means = overview.dimension_means(shown)
    st.caption(tr("monitoring.ov_dimensions_help", n=max((m["villages"] for m in means), default=0)))
    st.altair_chart(comparison_bars(
        [{"label": planning.dimension_label(m["dimension"], lang),
          "baseline": None if m["baseline"] is None else float(m["baseline"]),
          "endline": None if m["endline"] is None else float(m["endline"])} for m in means],
        {"baseline": tr("monitoring.phase_baseline"), "endline": tr("monitoring.phase_endline")},
        value_title=tr("monitoring.index_0_100")), width="stretch")

    st.subheader(tr("monitoring.ov_delta"))
    st.altair_chart(delta_bars(
        sorted(({"label": village_label(r), "delta": None if r["delta"] is None else float(r["delta"])}
                for r in shown), key=lambda x: -(x["delta"] if x["delta"] is not None else -1e9)),
        label_title=tr("monitoring.col_village"), delta_title=tr("monitoring.delta")), width="stretch")

    st.subheader(tr("monitoring.ov_completion"))
    st.altair_chart(percent_bars(
        [{"label": village_label(r), "value": None if r["completion"] is None else float(r["completion"])}
         for r in shown], label_title=tr("monitoring.col_village"), value_title=tr("monitoring.completion"),
        height_per_row=20), width="stretch")

    st.subheader(tr("monitoring.ov_capital"))
    st.dataframe(pd.DataFrame([{
        tr("monitoring.col_village"): village_label(r), tr("monitoring.col_kabupaten"): r["kabupaten"],
        planning.source_label("stimulan", lang): r["stimulan"], planning.source_label("swadaya", lang): r["swadaya"],
        planning.source_label("lainnya", lang): r["lainnya"], tr("monitoring.capital"): r["capital"],
    } for r in sorted(shown, key=lambda r: -r["capital"])]), hide_index=True, width="stretch",
        column_config={k: st.column_config.NumberColumn(format="Rp %d") for k in (
            planning.source_label("stimulan", lang), planning.source_label("swadaya", lang),
            planning.source_label("lainnya", lang), tr("monitoring.capital"))})
else:
    st.info(tr("monitoring.ov_none"))

st.subheader(tr("monitoring.restore_title"))
st.caption(tr("monitoring.restore_intro"))
upload = st.file_uploader(tr("monitoring.restore_file"), type=["json"], key="ov_upload")
if upload is not None and st.button(tr("monitoring.restore_do"), type="primary", key="ov_restore"):
    try:
        result = transfer.restore(db, upload.getvalue(), may_replace={ws["id"]})
    except RembugError as exc:
        context.show_error(exc)
    else:
        key = "monitoring.restore_replaced" if result["replaced"] else "monitoring.restore_done"
        st.session_state["overview_flash"] = tr(key, village=md_text(result["village"]), rows=result["rows"])
        st.rerun()
