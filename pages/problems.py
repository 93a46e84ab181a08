"""Problems and potentials (day 2, MPA card sort): per dimension, typed by the facilitator or
sent from phones while card collection is open; who is affected, at which level; duplicates
merged (their texts stay and count)."""
import streamlit as st

from facilitation import assessment_cards as svc
from facilitation.content import load_dimensions
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui import context
from ui.assessment_views import md

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()


def tr(key: str, **params) -> str:
    """This run's language, fixed: widgets' format_funcs may be called outside the run."""
    return t(key, lang, **params)
table = load_dimensions()
dim_label = {d.id: f"{d.id} {d.short.get(lang)}" for d in table.dimensions}


def group_label(group_id: str) -> str:
    return tr(f"assessment.group_{group_id}")


def card_line(card: dict) -> str:
    """One card as escaped markdown: text, how many cards it stands for, level and details."""
    parts = [md(card["text"])]
    if card["count"] > 1:
        parts.append(f"**×{card['count']}**")
    details = [tr(f"assessment.level_{card['level']}")]
    if card["kind"] == "potential" and card["potential_type"]:
        details.append(tr(f"assessment.potential_{card['potential_type']}"))
    if card["affected"]:
        details.append(", ".join(group_label(g) for g in card["affected"]))
    phone = " :material/smartphone:" if card["source"] == "phone" else ""  # sent from a phone
    return " ".join(parts) + "  \n" + md(" · ".join(details)) + phone


st.title(tr("assessment.problems_title"))
if "pr_flash" in st.session_state:
    st.success(st.session_state.pop("pr_flash"))
projector = st.toggle(tr("assessment.projector_view"), key="pr_projector")

# ---------------------------------------------------------------- projector view

if projector:
    focus = st.segmented_control(tr("assessment.dimension"), list(dim_label), format_func=dim_label.get,
                                 key="pr_proj_dim", default="D1")

    @st.fragment(run_every=2)
    def board() -> None:
        dim = focus or "D1"
        st.header(table.dimension(dim).name.get(lang))
        left, right = st.columns(2)
        for col, kind in ((left, "problem"), (right, "potential")):
            with col:
                st.subheader(tr(f"assessment.kind_{kind}_plural"))
                for card in svc.list_cards(db, wid, kind=kind, dimension=dim):
                    st.markdown("### " + md(card["text"]) + (f" ×{card['count']}" if card["count"] > 1 else ""))

    board()
    st.stop()

# ---------------------------------------------------------------- collection from phones

st.caption(tr("assessment.problems_intro"))
state = svc.collection_state(db, wid)
with st.container(border=True):
    if state["is_open"]:
        focus = dim_label.get(state["dimension"], tr("assessment.all_dimensions"))
        st.success(tr("assessment.collection_open", focus=focus))
        if st.button(tr("assessment.collection_close"), key="pr_close", icon=":material/stop_circle:"):
            svc.close_collection(db, wid)
            st.rerun()
    else:
        st.info(tr("assessment.collection_closed"))
        c1, c2 = st.columns([2, 1])
        focus = c1.selectbox(tr("assessment.collection_focus"), [None, *dim_label],
                             format_func=lambda d: tr("assessment.all_dimensions") if d is None else dim_label[d],
                             key="pr_focus")
        if c2.button(tr("assessment.collection_open_button"), key="pr_open", type="primary",
                     icon=":material/smartphone:"):
            svc.open_collection(db, wid, focus)
            st.rerun()

# ---------------------------------------------------------------- add a card

with st.expander(tr("assessment.add_card"), expanded=True), st.form("pr_add", clear_on_submit=True):
    c1, c2, c3 = st.columns(3)
    kind = c1.radio(tr("assessment.kind"), list(svc.KINDS), format_func=lambda k: tr(f"assessment.kind_{k}"),
                    horizontal=True, key="pr_add_kind")
    dimension = c2.selectbox(tr("assessment.dimension"), list(dim_label), format_func=dim_label.get, key="pr_add_dim")
    level = c3.selectbox(tr("assessment.level_label"), list(svc.LEVELS), index=2,
                         format_func=lambda v: tr(f"assessment.level_{v}"), key="pr_add_level")
    text = st.text_area(tr("assessment.card_text"), key="pr_add_text", max_chars=svc.MAX_TEXT)
    c1, c2 = st.columns(2)
    potential_type = c1.selectbox(tr("assessment.potential_type"), [None, *svc.POTENTIAL_TYPES],
                                  format_func=lambda v: "—" if v is None else tr(f"assessment.potential_{v}"),
                                  help=tr("assessment.potential_type_help"), key="pr_add_ptype")
    affected = c2.multiselect(tr("assessment.affected"), list(svc.AFFECTED_GROUPS), format_func=group_label,
                              placeholder=tr("assessment.choose"), key="pr_add_affected")
    if st.form_submit_button(tr("assessment.add_card_button"), type="primary"):
        try:
            svc.add_card(db, wid, {"kind": kind, "dimension": dimension, "text": text, "level": level,
                                   "potential_type": potential_type, "affected": affected})
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.success(tr("assessment.card_added"))

# ---------------------------------------------------------------- the board, per dimension

cards = svc.list_cards(db, wid)
counts = svc.counts_by_dimension(db, wid)
tabs = st.tabs([f"{dim_label[d]} ({counts[d]['problem']}/{counts[d]['potential']})" for d in dim_label])
for tab, dim in zip(tabs, dim_label):
    with tab:
        st.caption(table.dimension(dim).name.get(lang))
        left, right = st.columns(2)
        for col, kind in ((left, "problem"), (right, "potential")):
            with col:
                st.subheader(tr(f"assessment.kind_{kind}_plural"))
                mine = [c for c in cards if c["dimension"] == dim and c["kind"] == kind]
                if not mine:
                    st.caption(tr("assessment.no_cards"))
                for card in mine:
                    with st.container(border=True):
                        st.markdown(card_line(card))
                        if card["merged"]:
                            with st.expander(tr("assessment.merged_cards", count=len(card["merged"]))):
                                for m in card["merged"]:
                                    mc1, mc2 = st.columns([4, 1])
                                    mc1.markdown(md(m["text"]))
                                    if mc2.button(tr("assessment.unmerge"), key=f"pr_unmerge_{m['id']}"):
                                        svc.unmerge_card(db, wid, m["id"])
                                        st.rerun()

if not cards:
    st.stop()

# ---------------------------------------------------------------- merge duplicates

by_id = {c["id"]: c for c in cards}


def card_option(card_id: int) -> str:
    c = by_id[card_id]
    return f"#{c['id']} {c['dimension']} · {tr('assessment.kind_' + c['kind'])}: {c['text'][:80]}"


st.subheader(tr("assessment.merge_title"))
st.caption(tr("assessment.merge_help"))
keep = st.selectbox(tr("assessment.merge_keep"), list(by_id), format_func=card_option, key="pr_merge_keep")
same_kind = [i for i, c in by_id.items() if c["kind"] == by_id[keep]["kind"] and i != keep]
with st.form("pr_merge"):
    others = st.multiselect(tr("assessment.merge_others"), same_kind, format_func=card_option,
                            placeholder=tr("assessment.choose"), key="pr_merge_others")
    if st.form_submit_button(tr("assessment.merge_button"), type="primary"):
        try:
            svc.merge_cards(db, wid, keep, others)
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.session_state["pr_flash"] = tr("assessment.merged", count=len(others))
            st.rerun()

# ---------------------------------------------------------------- edit or delete one card

st.subheader(tr("assessment.edit_card"))
chosen = st.selectbox(tr("assessment.edit_choose"), [None, *by_id],
                      format_func=lambda i: "—" if i is None else card_option(i), key="pr_edit_choice")
if chosen is not None:
    c = by_id[chosen]
    with st.form(f"pr_edit_{chosen}"):
        c1, c2, c3 = st.columns(3)
        kind = c1.radio(tr("assessment.kind"), list(svc.KINDS), index=list(svc.KINDS).index(c["kind"]),
                        format_func=lambda k: tr(f"assessment.kind_{k}"), horizontal=True, key=f"pr_e_kind_{chosen}")
        dimension = c2.selectbox(tr("assessment.dimension"), list(dim_label), index=list(dim_label).index(c["dimension"]),
                                 format_func=dim_label.get, key=f"pr_e_dim_{chosen}")
        level = c3.selectbox(tr("assessment.level_label"), list(svc.LEVELS), index=list(svc.LEVELS).index(c["level"]),
                             format_func=lambda v: tr(f"assessment.level_{v}"), key=f"pr_e_level_{chosen}")
        text = st.text_area(tr("assessment.card_text"), c["text"], key=f"pr_e_text_{chosen}", max_chars=svc.MAX_TEXT)
        c1, c2 = st.columns(2)
        types = [None, *svc.POTENTIAL_TYPES]
        potential_type = c1.selectbox(tr("assessment.potential_type"), types, index=types.index(c["potential_type"]),
                                      format_func=lambda v: "—" if v is None else tr(f"assessment.potential_{v}"),
                                      key=f"pr_e_ptype_{chosen}")
        affected = c2.multiselect(tr("assessment.affected"), list(svc.AFFECTED_GROUPS), default=c["affected"],
                                  format_func=group_label, placeholder=tr("assessment.choose"),
                                  key=f"pr_e_aff_{chosen}")
        b1, b2 = st.columns(2)
        save = b1.form_submit_button(tr("assessment.save"), type="primary")
        delete = b2.form_submit_button(tr("assessment.delete"))
    try:
        if save:
            svc.update_card(db, wid, chosen, {"kind": kind, "dimension": dimension, "text": text, "level": level,
                                              "potential_type": potential_type, "affected": affected})
            st.session_state["pr_flash"] = tr("assessment.saved")
            st.rerun()
        if delete:
            svc.delete_card(db, wid, chosen)
            st.session_state.pop("pr_edit_choice", None)
            st.session_state["pr_flash"] = tr("assessment.deleted")
            st.rerun()
    except RembugError as exc:
        context.show_error(exc)
