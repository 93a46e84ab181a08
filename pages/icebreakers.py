"""Ice breakers, energisers and role plays: filter the library, then project one with its timer."""
import html

import streamlit as st

from facilitation import icebreakers
from facilitation.content import Icebreaker
from ui import context
from ui.context import tr
from ui.timer import timer_panel

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()

DURATION_LIMITS = [5, 10, 15, 20, 30, 60]
# markup only; every value put into it is escaped first
_CARD = ('<div style="border:6px solid #1b5e20;border-radius:18px;padding:1.2rem 2rem;background:#ffffff;'
         'color:#111111;margin-bottom:1rem;">'
         '<div style="font-size:4.2rem;font-weight:800;line-height:1.1;">{name}</div>'
         '<div style="font-size:1.9rem;color:#1b5e20;margin:0.3em 0 0.5em;">{purpose}</div>'
         '<ol style="font-size:2.3rem;line-height:1.35;margin:0 0 0.4em 1.2em;">{steps}</ol>'
         '<div style="font-size:1.6rem;color:#333333;">{materials}</div></div>')


def kind_label(ib: Icebreaker) -> str:
    return tr(f"agenda.kind_{ib.kind}")


def purposes_label(ib: Icebreaker) -> str:
    return ", ".join(tr(f"agenda.purpose_{p}") for p in ib.purpose)


def facts(ib: Icebreaker) -> str:
    return tr("agenda.icebreaker_facts", kind=kind_label(ib), minutes=ib.duration_min,
              low=ib.group_size.min, high=ib.group_size.max)


def projector_card(ib: Icebreaker) -> None:
    steps = "".join(f"<li>{html.escape(s)}</li>" for s in ib.steps.get(lang))
    card = _CARD.format(name=html.escape(ib.name.get(lang)), purpose=html.escape(purposes_label(ib)),
                        steps=steps, materials=html.escape(tr("agenda.materials_line", text=ib.materials.get(lang))))
    st.markdown(card, unsafe_allow_html=True)


projected = icebreakers.get(st.session_state.get("ib_projected") or "")
if projected is not None:
    if st.button(tr("agenda.back_to_library"), key="ib_back", icon=":material/arrow_back:"):
        st.session_state.pop("ib_projected", None)
        st.rerun()
    projector_card(projected)
    timer_panel(db, wid, icebreakers.timer_key(projected.id), projected.id, projected.duration_min * 60,
                size="clamp(5rem, 14vw, 12rem)", wide=True)
    if projected.debrief is not None:
        with st.expander(tr("agenda.debrief")):
            st.write(projected.debrief.get(lang))
    st.stop()

st.title(tr("agenda.icebreakers_title"))
st.caption(tr("agenda.icebreakers_intro"))
library = icebreakers.library()
c1, c2, c3 = st.columns([1, 2, 2])
limit = c1.selectbox(tr("agenda.filter_duration"), [None, *DURATION_LIMITS], key="ib_limit",
                     format_func=lambda m: tr("agenda.any_duration") if m is None else tr("agenda.up_to_min", minutes=m))
purposes = c2.multiselect(tr("agenda.filter_purpose"), list(icebreakers.PURPOSES), key="ib_purpose",
                          format_func=lambda p: tr(f"agenda.purpose_{p}"))
kinds = c3.multiselect(tr("agenda.filter_kind"), list(icebreakers.ICEBREAKER_KINDS), key="ib_kind",
                       format_func=lambda k: tr(f"agenda.kind_{k}"))
shown = icebreakers.filter_icebreakers(library, limit, purposes, kinds)
st.caption(tr("agenda.icebreakers_count", shown=len(shown), total=len(library)))
if not shown:
    st.info(tr("agenda.icebreakers_none"))

for ib in shown:
    with st.container(border=True):
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.markdown(f"#### {ib.name.get(lang)}")
        c1.caption(f"{facts(ib)} · {purposes_label(ib)}")
        if c2.button(tr("agenda.project"), key=f"project_{ib.id}", icon=":material/co_present:",
                     type="primary", width="stretch"):
            st.session_state["ib_projected"] = ib.id
            st.rerun()
        with st.expander(tr("agenda.how_to_play")):
            st.markdown(f"**{tr('agenda.materials')}** {ib.materials.get(lang)}")
            st.markdown("\n".join(f"{n}. {s}" for n, s in enumerate(ib.steps.get(lang), start=1)))
            if ib.debrief is not None:
                st.markdown(f"**{tr('agenda.debrief')}** {ib.debrief.get(lang)}")
            if ib.no_contact_variant is not None:
                st.markdown(f"**{tr('agenda.no_contact')}** {ib.no_contact_variant.get(lang)}")
