"""How one agenda session is shown (the Agenda and Today pages share it)."""
from __future__ import annotations

import streamlit as st

from facilitation import agenda, icebreakers
from facilitation.agenda import PlanItem
from ui import nav
from ui.context import tr
from ui.safe_text import md_text


def time_label(item: PlanItem, lang: str) -> str:
    return agenda.span(item.start_min, item.end_min, lang)


def methods_text(item: PlanItem) -> str:
    return ", ".join(tr(f"agenda.method_{m}") for m in item.method)


def change_badges(item: PlanItem) -> str:
    """' · adapted (was 45 min)' style notes for what the facilitator changed."""
    out = []
    for change in item.changes:
        if change == "duration":
            out.append(tr("agenda.badge_duration", minutes=item.shipped_duration))
        else:
            out.append(tr(f"agenda.badge_{change}"))
    return " · ".join(out)


def heading(item: PlanItem, lang: str, plain: bool = False) -> str:
    """'08.30–09.00 · Registration (30 min)' for lists and expanders (Markdown: the facilitator
    types the titles of their own sessions); `plain` for a selectbox, which shows text as is."""
    title = item.title(lang) if plain else md_text(item.title(lang))
    text = tr("agenda.item_heading", time=time_label(item, lang), title=title, minutes=item.duration_min)
    if item.is_break:
        text = f":material/coffee: {text}"
    return text


def page_spec(url: str | None):
    """The navigation entry of the page that records a session's result, if that page exists."""
    if not url:
        return None
    for spec in nav.all_specs():
        if spec.url == url and spec not in nav.PARTICIPANT:
            return spec
    return None


def page_link(item: PlanItem) -> None:
    spec = page_spec(item.page)
    if spec is not None:
        st.page_link(spec.path, label=tr("agenda.open_page", page=tr(spec.title_key)), icon=spec.icon)


def details(item: PlanItem, lang: str, *, note: str = "") -> None:
    """Objective, method, materials, the facilitator's steps, what it produces, and the page."""
    badges = change_badges(item)
    if badges:
        st.caption(badges)
    if item.is_break:
        st.write(tr(f"agenda.break_{item.break_kind}") if item.break_kind else md_text(item.title(lang)))
        return
    if item.objective(lang):
        st.markdown(f"**{tr('agenda.objective')}** {item.objective(lang)}")
    if item.method:
        st.markdown(f"**{tr('agenda.method')}** {methods_text(item)}")
    materials = item.materials(lang)
    if materials:
        st.markdown(f"**{tr('agenda.materials')}** " + "; ".join(materials))
    steps = item.steps(lang)
    if steps:
        st.markdown(f"**{tr('agenda.steps')}**")
        st.markdown("\n".join(f"{n}. {s}" for n, s in enumerate(steps, start=1)))
    if item.produces(lang):
        st.markdown(f"**{tr('agenda.produces')}** {item.produces(lang)}")
    suggested = [ib.name.get(lang) for ib in map(icebreakers.get, item.icebreakers) if ib is not None]
    if suggested:
        st.markdown(f"**{tr('agenda.suggested_icebreakers')}** " + ", ".join(suggested))
    if item.notes:
        st.markdown(f"**{tr('agenda.notes')}**")
        st.text(item.notes)
    if note:
        st.markdown(f"**{tr('agenda.done_note')}**")
        st.text(note)
    page_link(item)
