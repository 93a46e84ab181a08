"""Social-capital map of pranata sosial (day 1 evening, PRA Venn diagram): institutions with
importance, closeness, valence and the trust, networks and norms the group sees; links
between them; the chapati diagram, network density and 'important but distant' flags."""
import pandas as pd
import streamlit as st

from exports.assessment_graphics import to_png, venn_scene
from exports.registry import filename
from facilitation import assessment_institutions as svc
from facilitation.content import INSTITUTION_TYPES, load_institutions
from facilitation.errors import RembugError
from facilitation.i18n import t
from ui import context
from ui.assessment_views import fmt_value, md, venn_chart

ws = context.require_facilitator()
db = context.db()
wid = ws["id"]
lang = context.lang()


def tr(key: str, **params) -> str:
    """This run's language, fixed: widgets' format_funcs may be called outside the run."""
    return t(key, lang, **params)

st.title(tr("assessment.institutions_title"))
if "in_flash" in st.session_state:
    st.success(st.session_state.pop("in_flash"))
projector = st.toggle(tr("assessment.projector_view"), key="in_projector")
data = svc.institution_map(db, wid)
items = data["institutions"]
by_id = {i["id"]: i for i in items}


def distance_label(d: int) -> str:
    return tr(f"assessment.distance_{d}")


def diagram(side: int) -> None:
    if not items:
        st.info(tr("assessment.no_institutions"))
        return
    st.altair_chart(venn_chart(data["layout"], side=side), width="content")
    st.caption(tr("assessment.venn_legend"))


def figures() -> None:
    c1, c2 = st.columns(2)
    c1.metric(tr("assessment.institution_count"), len(items))
    c2.metric(tr("assessment.linked_pairs"), f"{data['linked_pairs']} / {data['possible_pairs']}")
    density = "–" if data["density"] is None else f"{fmt_value(data['density_100'], lang)}%"
    st.metric(tr("assessment.density"), density, help=tr("assessment.density_help"))
    for inst in data["flagged"]:
        st.warning(tr("assessment.flag_line", name=md(inst["name"])))
    if data["isolated"] and len(items) > 1:
        st.caption(tr("assessment.isolated", names=", ".join(md(i["name"]) for i in data["isolated"])))


if projector:
    left, right = st.columns([3, 1])
    with left:
        diagram(760)
    with right:
        figures()
    st.stop()

st.caption(tr("assessment.institutions_intro"))

# ---------------------------------------------------------------- add an institution

catalog = {i.id: i for i in load_institutions()}
pick = st.selectbox(tr("assessment.pick_institution"), [None, *catalog],
                    format_func=lambda i: tr("assessment.pick_other") if i is None else catalog[i].label.get(lang),
                    key="in_pick")
default_name = catalog[pick].label.get(lang) if pick else ""
default_type = catalog[pick].type if pick else INSTITUTION_TYPES[0]


def institution_fields(d: dict, key: str) -> dict:
    c1, c2 = st.columns([3, 1])
    out = {"name": c1.text_input(tr("assessment.institution_name"), d.get("name", ""), key=f"{key}_name"),
           "type": c2.selectbox(tr("assessment.institution_type"), list(INSTITUTION_TYPES),
                                index=list(INSTITUTION_TYPES).index(d.get("type", INSTITUTION_TYPES[0])),
                                format_func=lambda v: tr(f"assessment.type_{v}"), key=f"{key}_type")}
    c1, c2, c3 = st.columns(3)
    out["importance"] = c1.radio(tr("assessment.importance"), list(svc.IMPORTANCE),
                                 index=list(svc.IMPORTANCE).index(d.get("importance", 2)),
                                 format_func=lambda v: tr(f"assessment.importance_{v}"), key=f"{key}_imp")
    out["distance"] = c2.radio(tr("assessment.distance"), list(svc.DISTANCES),
                               index=list(svc.DISTANCES).index(d.get("distance", 1)),
                               format_func=distance_label, key=f"{key}_dist")
    out["valence"] = c3.radio(tr("assessment.valence"), list(svc.VALENCES),
                              index=list(svc.VALENCES).index(d.get("valence", "+")),
                              format_func=lambda v: tr("assessment.valence_plus" if v == "+" else "assessment.valence_minus"),
                              key=f"{key}_val")
    c1, c2 = st.columns(2)
    out["trust"] = c1.text_area(tr("assessment.trust"), d.get("trust", ""), key=f"{key}_trust", height=80)
    out["networks"] = c2.text_area(tr("assessment.networks"), d.get("networks", ""), key=f"{key}_net", height=80)
    out["norms"] = c1.text_area(tr("assessment.norms"), d.get("norms", ""), key=f"{key}_norms", height=80)
    out["members"] = c2.text_area(tr("assessment.members"), d.get("members", ""), key=f"{key}_members", height=80)
    return out


with st.expander(tr("assessment.add_institution"), expanded=not items), st.form(f"in_add_{pick}"):
    values = institution_fields({"name": default_name, "type": default_type}, f"in_add_{pick}")
    if st.form_submit_button(tr("assessment.add_institution_button"), type="primary"):
        try:
            svc.add_institution(db, wid, values)
        except RembugError as exc:
            context.show_error(exc)
        else:
            st.session_state["in_flash"] = tr("assessment.institution_added", name=md(values["name"]))
            for key in [k for k in st.session_state if str(k).startswith(f"in_add_{pick}_")] + ["in_pick"]:
                st.session_state.pop(key, None)  # the next institution starts from an empty form
            st.rerun()

# ---------------------------------------------------------------- the diagram and its figures

left, right = st.columns([3, 2])
with left:
    diagram(560)
with right:
    figures()
    if items:
        layout = data["layout"]
        st.download_button(tr("assessment.download_png"), lambda: to_png(venn_scene(layout), scale=2.5),
                           file_name=filename("venn", "png", ws),
                           mime="image/png", key="in_png", icon=":material/download:")

if not items:
    st.stop()

frame = pd.DataFrame([{
    tr("assessment.institution_name"): i["name"],
    tr("assessment.institution_type"): tr(f"assessment.type_{i['type']}"),
    tr("assessment.importance"): i["importance"],
    tr("assessment.distance"): distance_label(i["distance"]),
    tr("assessment.valence"): i["valence"],
    tr("assessment.links"): i["links"],
    tr("assessment.trust"): i["trust"],
    tr("assessment.networks"): i["networks"],
    tr("assessment.norms"): i["norms"],
    tr("assessment.flag"): "⚠" if i["important_but_distant"] else "",
} for i in items])
st.dataframe(frame, hide_index=True, width="stretch")

# ---------------------------------------------------------------- links

st.subheader(tr("assessment.links_title"))
if len(items) >= 2:
    with st.form("in_link"):
        c1, c2, c3 = st.columns([2, 2, 2])
        a = c1.selectbox(tr("assessment.link_a"), list(by_id), format_func=lambda i: by_id[i]["name"], key="in_link_a")
        b = c2.selectbox(tr("assessment.link_b"), list(by_id), index=1, format_func=lambda i: by_id[i]["name"],
                         key="in_link_b")
        degree = c3.radio(tr("assessment.link_degree"), [*svc.DEGREES, None],
                          format_func=lambda d: tr("assessment.link_remove") if d is None else tr(f"assessment.degree_{d}"),
                          key="in_link_degree")
        if st.form_submit_button(tr("assessment.link_save"), type="primary"):
            try:
                svc.set_link(db, wid, a, b, degree)
            except RembugError as exc:
                context.show_error(exc)
            else:
                st.session_state["in_flash"] = tr("assessment.link_saved")
                st.rerun()
for link in data["links"]:
    st.markdown(f"- {md(link['a_name'])} — {md(link['b_name'])}: {tr('assessment.degree_' + link['degree'])}")

# ---------------------------------------------------------------- edit or delete

st.subheader(tr("assessment.edit_institution"))
chosen = st.selectbox(tr("assessment.edit_choose"), [None, *by_id],
                      format_func=lambda i: "—" if i is None else by_id[i]["name"], key="in_edit_choice")
if chosen is not None:
    with st.form(f"in_edit_{chosen}"):
        values = institution_fields(by_id[chosen], f"in_edit_{chosen}")
        b1, b2 = st.columns(2)
        save = b1.form_submit_button(tr("assessment.save"), type="primary")
        delete = b2.form_submit_button(tr("assessment.delete"))
    try:
        if save:
            svc.update_institution(db, wid, chosen, values)
            st.session_state["in_flash"] = tr("assessment.saved")
            st.rerun()
        if delete:
            svc.delete_institution(db, wid, chosen)
            st.session_state.pop("in_edit_choice", None)
            st.session_state["in_flash"] = tr("assessment.deleted")
            st.rerun()
    except RembugError as exc:
        context.show_error(exc)
