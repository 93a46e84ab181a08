"""Forms shared by more than one page."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from ui.context import tr

TEXT_FIELDS = ("kecamatan", "kabupaten", "provinsi", "venue", "facilitator_central",
               "facilitator_regional", "pendamping1", "pendamping2", "kepala_desa")


def workshop_fields(defaults: dict | None, key: str) -> dict:
    """The workshop's fields inside an open st.form; returns the raw values."""
    d = defaults or {}
    today = dt.date.today()
    data: dict = {}
    c1, c2 = st.columns([3, 1])
    data["village"] = c1.text_input(tr("field.village"), d.get("village", ""), key=f"{key}_village")
    kinds = ["desa", "kelurahan"]
    data["village_kind"] = c2.selectbox(tr("field.village_kind"), kinds,
                                        index=kinds.index(d.get("village_kind", "desa")),
                                        format_func=str.capitalize, key=f"{key}_kind")
    c1, c2, c3 = st.columns(3)
    for col, name in zip((c1, c2, c3), ("kecamatan", "kabupaten", "provinsi")):
        data[name] = col.text_input(tr(f"field.{name}"), d.get(name, ""), key=f"{key}_{name}")
    cols = st.columns(5)
    data["year"] = cols[0].number_input(tr("field.year"), 2000, 2100, int(d.get("year", today.year)), key=f"{key}_year")
    first = d.get("day1", today)
    for i, col in enumerate(cols[1:], start=1):
        default = d.get(f"day{i}", first + dt.timedelta(days=i - 1))
        data[f"day{i}"] = col.date_input(tr(f"field.day{i}"), default, format="DD/MM/YYYY", key=f"{key}_day{i}")
    data["venue"] = st.text_input(tr("field.venue"), d.get("venue", ""), key=f"{key}_venue")
    c1, c2 = st.columns(2)
    for i, name in enumerate(("facilitator_central", "facilitator_regional", "pendamping1", "pendamping2")):
        data[name] = (c1 if i % 2 == 0 else c2).text_input(tr(f"field.{name}"), d.get(name, ""), key=f"{key}_{name}")
    data["kepala_desa"] = st.text_input(tr("field.kepala_desa"), d.get("kepala_desa", ""), key=f"{key}_kades")
    return data
