"""ToP consensus workshop on the projector: context, brainstorm, cluster and name, resolve."""
import streamlit as st

from facilitation import planning
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui import context
from ui.context import tr
from ui.planning_widgets import board_style, md
from ui.safe_text import error_lines

ACTION_PLANNING_PAGE = "pages/action_planning.py"  # a page path, not user-visible text

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()
board_style()
st.title(tr("planning.ideas_title"))
st.caption(tr("planning.ideas_intro"))

STEPS = ("context", "brainstorm", "cluster", "resolve")
step = st.segmented_control(tr("planning.step"), STEPS, default="context", key="ideas_step",
                            format_func=lambda s: t(f"planning.step_{s}", lang)) or "context"
info = planning.consensus(db, wid, lang)


def flash(message: str) -> None:
    st.session_state["ideas_flash"] = message


def show_flash() -> None:
    if "ideas_flash" in st.session_state:
        st.success(st.session_state.pop("ideas_flash"))


def focus_banner() -> None:
    with st.container(border=True, key="plan_focus"):
        st.markdown(md(info["focus_question"]))


def card(idea: dict, cluster_options: list | None = None, cluster_label=None) -> None:
    """One card: the idea in large type and, on the board, a choice of the column it belongs in."""
    with st.container(border=True, key=f"plan_card_{idea['id']}"):
        st.markdown(md(idea["text"]))
        if idea.get("participant_name"):
            st.caption(tr("planning.card_from", name=md(idea["participant_name"])))
        if cluster_options is not None:
            current = idea["cluster_id"] or 0
            key = f"move_{idea['id']}_{current}"  # a new widget after each move shows the stored place
            st.selectbox(tr("planning.move_to"), cluster_options, index=cluster_options.index(current)
                         if current in cluster_options else 0, key=key, label_visibility="collapsed",
                         format_func=cluster_label, on_change=move_card, args=(idea["id"], key))


def move_card(idea_id: int, key: str) -> None:
    target = st.session_state[key] or None
    try:
        planning.move_idea(db, wid, idea_id, target)
    except RembugError as exc:
        st.session_state["ideas_error"] = error_lines(exc, lang)[0]


# ------------------------------------------------------------------ 1 context
if step == "context":
    st.subheader(tr("planning.step_context"))
    st.caption(tr("planning.context_help"))
    with st.form("focus_form"):
        question = st.text_area(tr("planning.focus_question"), info["focus_question"], key="focus_question",
                                max_chars=300)
        product = st.text_input(tr("planning.intended_product"),
                                info["intended_product"] or tr("planning.product_default"), key="intended_product",
                                max_chars=300)
        if st.form_submit_button(tr("planning.save_focus"), type="primary"):
            try:
                planning.save_focus(db, wid, {"focus_question": question, "intended_product": product})
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.success(tr("planning.focus_saved"))
                info = planning.consensus(db, wid, lang)
    if not info["focus_saved"]:
        st.info(tr("planning.focus_is_default"))
    focus_banner()

# ------------------------------------------------------------------ 2 brainstorm
elif step == "brainstorm":
    focus_banner()

    def toggle_collecting() -> None:
        planning.set_collecting(db, wid, st.session_state["collect_toggle"])

    st.toggle(tr("planning.collect_open"), value=info["collecting"], key="collect_toggle", on_change=toggle_collecting,
              help=tr("planning.collect_help"))
    with st.form("idea_form", clear_on_submit=True):
        text = st.text_input(tr("planning.new_idea"), key="new_idea", max_chars=200,
                             placeholder=tr("planning.new_idea_placeholder"))
        if st.form_submit_button(tr("planning.add_card"), type="primary"):
            try:
                result = planning.add_idea(db, wid, text)
            except RembugError as exc:
                context.show_error(exc)
            else:
                if result["duplicate"]:
                    st.info(tr("planning.idea_duplicate"))
                else:
                    st.success(tr("planning.idea_added"))

    @st.fragment(run_every=2 if info["collecting"] else None)
    def cards() -> None:
        ideas = planning.list_ideas(db, wid)
        st.subheader(tr("planning.cards_count", count=len(ideas)))
        if not ideas:
            st.info(tr("planning.no_ideas"))
            return
        cols = st.columns(4)
        for i, idea in enumerate(ideas):
            with cols[i % 4]:
                card(idea)

    cards()
    ideas = planning.list_ideas(db, wid)
    if ideas:
        with st.expander(tr("planning.edit_cards")):
            by_id = {i["id"]: i for i in ideas}
            chosen = st.selectbox(tr("planning.card"), list(by_id), format_func=lambda i: by_id[i]["text"],
                                  key="edit_card_choice")
            new_text = st.text_input(tr("planning.card_text"), by_id[chosen]["text"], key=f"edit_card_{chosen}",
                                     max_chars=200)
            c1, c2 = st.columns(2)
            try:
                if c1.button(tr("planning.save_card"), key="save_card"):
                    planning.edit_idea(db, wid, chosen, new_text)
                    flash(tr("planning.card_saved"))
                    st.rerun()
                if c2.button(tr("planning.delete_card"), key="delete_card"):
                    planning.delete_idea(db, wid, chosen)
                    flash(tr("planning.card_deleted"))
                    st.rerun()
            except RembugError as exc:
                context.show_error(exc)
    show_flash()

# ------------------------------------------------------------------ 3 cluster and name
elif step == "cluster":
    st.caption(tr("planning.cluster_help"))
    if "ideas_error" in st.session_state:
        st.error(st.session_state.pop("ideas_error"))
    show_flash()
    state = planning.board(db, wid)
    clusters = state["clusters"]
    numbers = {c["id"]: n for n, c in enumerate(clusters, start=1)}
    names = {c["id"]: c["name"] for c in clusters}

    # format functions run again outside the page's run (AppTest): the language is bound here
    def cluster_label(cluster_id) -> str:
        if not cluster_id:
            return t("planning.unsorted_short", lang)
        name = names.get(cluster_id) or t("planning.column_n", lang, n=numbers.get(cluster_id, "?"))
        return f"{numbers.get(cluster_id, '?')}. {name}" if names.get(cluster_id) else name

    options = [0, *numbers]
    if st.button(tr("planning.add_column"), key="add_column", icon=":material/view_column:"):
        planning.add_cluster(db, wid)
        st.rerun()

    if state["unsorted"]:
        st.subheader(tr("planning.unsorted", count=len(state["unsorted"])))
        cols = st.columns(4)
        for i, idea in enumerate(state["unsorted"]):
            with cols[i % 4]:
                card(idea, options, cluster_label)
    elif not clusters:
        st.info(tr("planning.no_ideas"))

    dims = list(planning.dimension_ids())
    per_row = 4
    for start in range(0, len(clusters), per_row):
        cols = st.columns(per_row)
        for col, cluster in zip(cols, clusters[start:start + per_row]):
            with col, st.container(border=True, key=f"plan_col_{cluster['id']}"):
                st.subheader(md(cluster_label(cluster["id"])))
                if cluster["dimension"]:
                    st.caption(planning.dimension_label(cluster["dimension"], lang))
                with st.expander(tr("planning.name_column")):
                    with st.form(f"cluster_form_{cluster['id']}"):
                        name = st.text_input(tr("planning.cluster_name"), cluster["name"], max_chars=120,
                                             key=f"cluster_name_{cluster['id']}")
                        dim = st.selectbox(tr("planning.dimension"), [None, *dims],
                                           index=([None, *dims].index(cluster["dimension"])
                                                  if cluster["dimension"] in dims else 0),
                                           format_func=lambda d: t("planning.no_dimension", lang) if d is None
                                           else planning.dimension_label(d, lang),
                                           key=f"cluster_dim_{cluster['id']}")
                        if st.form_submit_button(tr("planning.save_column"), type="primary"):
                            try:
                                planning.update_cluster(db, wid, cluster["id"], {"cluster_name": name, "dimension": dim})
                            except RembugError as exc:
                                context.show_error(exc)
                            else:
                                flash(tr("planning.column_saved"))
                                st.rerun()
                    if st.button(tr("planning.delete_column"), key=f"delete_col_{cluster['id']}"):
                        planning.delete_cluster(db, wid, cluster["id"])
                        st.rerun()
                for idea in cluster["ideas"]:
                    card(idea, options, cluster_label)

# ------------------------------------------------------------------ 4 resolve
else:
    focus_banner()
    state = planning.board(db, wid)
    summary = [
        {tr("planning.col_cluster"): c["name"] or tr("planning.column_n", n=n),
         tr("planning.dimension"): planning.dimension_label(c["dimension"], lang) if c["dimension"] else "",
         tr("planning.col_cards"): len(c["ideas"])}
        for n, c in enumerate(state["clusters"], start=1)
    ]
    if summary:
        st.dataframe(summary, hide_index=True, width="stretch")
    st.caption(tr("planning.resolve_help"))
    with st.form("resolve_form"):
        note = st.text_area(tr("planning.resolution_note"), info["resolution_note"], key="resolution_note",
                            max_chars=2000)
        if st.form_submit_button(tr("planning.resolve"), type="primary"):
            try:
                result = planning.resolve(db, wid, note)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.success(tr("planning.resolved", created=result["created"]))
                if result["unnamed"]:
                    st.warning(tr("planning.unnamed_skipped", count=result["unnamed"]))
    activities = planning.list_activities(db, wid)
    if activities:
        st.subheader(tr("planning.candidates"))
        for a in activities:
            dim = f" — {planning.dimension_label(a['dimension'], lang)}" if a["dimension"] else ""
            st.markdown(f"- {md(a['title'])}{md(dim)}")
        st.page_link(ACTION_PLANNING_PAGE, label=tr("planning.go_action_planning"),
                     icon=":material/arrow_forward:")
