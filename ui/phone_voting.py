"""Phone section: the open polls, one card each, with big touch targets for every poll kind.

The controls of each poll are a fragment, so a tap reruns those controls only. A ballot is
stored in a button callback, before the controls are drawn again, so the run that follows
already shows the stored ballot and the confirmation. A vote costs one write and no other
query: the poll's text and options do not change while it is open, and what does change for
this phone (its ballot, whether the poll still takes votes) comes back from the write itself
and is kept in session state until the next full run reads the store afresh. Drafts (dots
being placed, an order being built, pairs being compared) live in session state until sent:
they are UI state, not data. No timer on phones (DESIGN.md): a refresh button reruns the
whole page on demand.
"""
from __future__ import annotations

from itertools import combinations

import streamlit as st

from facilitation import i18n, voting
from facilitation.errors import RembugError
from ui.safe_text import error_lines, md_text

FLASH = "vote_flash"


def _tr(lang: str, key: str, **params) -> str:
    return i18n.t(key, lang, **params)


def _error_text(exc: RembugError, lang: str) -> str:
    return "  \n".join(error_lines(exc, lang))  # the poll title in it is escaped


def _cast(db, poll: dict, participant_id: int, payload, lang: str) -> None:
    """Button callback: store the ballot and leave a message for the run that follows."""
    if voting.token_holder(db, st.query_params.get("p")) != participant_id:
        # the link was revoked while this page was open: it votes no more
        st.session_state[FLASH] = {"poll": poll["id"], "ok": False, "text": _tr(lang, "core.token_invalid")}
        return
    state = st.session_state.setdefault(_state_key(poll), {})
    try:
        ballot = voting.cast_ballot(db, poll["workshop_id"], poll["id"], participant_id, payload)
    except RembugError as exc:
        st.session_state[FLASH] = {"poll": poll["id"], "ok": False, "text": _error_text(exc, lang)}
        if exc.key in ("live.err_poll_closed", "live.err_poll_not_open", "live.err_poll_not_found"):
            state["status"] = "closed"
    else:
        st.session_state[FLASH] = {"poll": poll["id"], "ok": True}
        st.session_state.pop(_draft_key(poll), None)
        state.update(my_ballot=None if poll["secret"] else ballot, voted=True)


def _draft_key(poll: dict) -> str:
    return f"draft_{poll['id']}"


def _state_key(poll: dict) -> str:
    """This phone's view of what changes in a poll: status, its ballot, whether it voted."""
    return f"poll_state_{poll['id']}"


def _labels(poll: dict) -> dict:
    return {i["id"]: i["label"] for i in poll["items"]}


# ---------------------------------------------------------------- what the stored ballot says

def summary(poll: dict, ballot, lang: str) -> str:
    """The participant's stored ballot in words (markdown-safe: labels are escaped by the caller)."""
    labels = _labels(poll)
    kind = poll["kind"]
    if kind == "single":
        return labels.get(ballot, str(ballot))
    if kind == "multiple":
        return ", ".join(labels.get(i, str(i)) for i in ballot)
    if kind == "dots":
        return ", ".join(f"{labels.get(i, i)} ×{n}" for i, n in ballot.items() if n)
    if kind == "ranking":
        return "  ".join(f"{n}. {labels.get(i, i)}" for n, i in enumerate(ballot, start=1))
    if kind == "pairwise":
        wins: dict = {}
        for a, b, winner in ballot:
            for item, share in ((a, 0.5), (b, 0.5)) if winner is None else ((winner, 1),):
                wins[item] = wins.get(item, 0) + share
        order = sorted(labels, key=lambda i: -wins.get(i, 0))
        return ", ".join(f"{labels[i]} {wins.get(i, 0):g}" for i in order)
    if kind == "matrix":
        names = poll["config"].get("criterion_labels", {})
        return "; ".join(
            f"{labels.get(i, i)}: " + ", ".join(f"{names.get(c, c)} {s}" for c, s in row.items())
            for i, row in ballot.items()
        )
    return str(ballot)


def _status(poll: dict, lang: str) -> None:
    flash = st.session_state.get(FLASH)
    if flash and flash["poll"] == poll["id"]:
        st.session_state.pop(FLASH)
        if not flash["ok"]:
            st.error(flash["text"])
            return
        st.success(_tr(lang, "live.vote_saved"), icon=":material/check_circle:")
        if not poll["secret"]:
            return  # the controls below already show the ballot just stored
    if poll["secret"] and poll["voted"]:
        st.info(_tr(lang, "live.secret_voted"))
    elif poll["my_ballot"] is not None:
        st.caption(_tr(lang, "live.your_ballot", ballot=md_text(summary(poll, poll["my_ballot"], lang))))


# ---------------------------------------------------------------- one card per kind

def _single(poll, me, db, lang, locked):
    current = poll["my_ballot"]
    for item in poll["items"]:
        chosen = item["id"] == current
        st.button(md_text(item["label"]), key=f"v{poll['id']}_{item['id']}", type="primary" if chosen else "secondary",
                  icon=":material/check_circle:" if chosen else None, width="stretch",
                  disabled=locked, on_click=_cast, args=(db, poll, me["id"], item["id"], lang))


def _multiple(poll, me, db, lang, locked):
    current = set(poll["my_ballot"] or [])
    limit = poll["config"].get("max_choices")
    if limit:
        st.caption(_tr(lang, "live.choose_up_to", n=limit))
    keys = {item["id"]: f"m{poll['id']}_{item['id']}" for item in poll["items"]}

    def send():
        chosen = [i for i, key in keys.items() if st.session_state.get(key)]
        _cast(db, poll, me["id"], chosen, lang)

    with st.form(f"form_{poll['id']}", border=False):
        for item in poll["items"]:
            st.checkbox(md_text(item["label"]), value=item["id"] in current, key=keys[item["id"]], disabled=locked)
        st.form_submit_button(_tr(lang, "live.send"), type="primary", width="stretch",
                              disabled=locked, on_click=send)


def _dots(poll, me, db, lang, locked):
    cfg = poll["config"]
    total, cap = cfg["dots"], cfg.get("max_per_item", cfg["dots"])
    draft = st.session_state.setdefault(_draft_key(poll), dict(poll["my_ballot"] or {}))
    left = total - sum(draft.values())
    st.markdown(_tr(lang, "live.dots_left", left=left, total=total))

    def step(item_id, delta):
        d = st.session_state.setdefault(_draft_key(poll), {})
        d[item_id] = max(0, d.get(item_id, 0) + delta)

    for item in poll["items"]:
        n = draft.get(item["id"], 0)
        with st.container(border=True):
            st.markdown(f"**{md_text(item['label'])}**")
            with st.container(horizontal=True, vertical_alignment="center"):
                st.button("", icon=":material/remove:", key=f"d{poll['id']}_{item['id']}_minus", width="stretch",
                          disabled=locked or n == 0, on_click=step, args=(item["id"], -1))
                st.markdown(f"### {'●' * n if n <= 10 else n}" if n else "### 0")
                st.button("", icon=":material/add:", key=f"d{poll['id']}_{item['id']}_plus", width="stretch",
                          disabled=locked or left == 0 or n >= cap, on_click=step, args=(item["id"], 1))
    st.button(_tr(lang, "live.send"), key=f"send_{poll['id']}", type="primary", width="stretch",
              disabled=locked or left == total, on_click=lambda: _cast(db, poll, me["id"], dict(draft), lang))


def _ranking(poll, me, db, lang, locked):
    labels = _labels(poll)
    draft = st.session_state.setdefault(_draft_key(poll), list(poll["my_ballot"] or []))
    need = poll["config"].get("min_ranked", 1)
    st.caption(_tr(lang, "live.rank_help", n=len(labels)))

    def add(item_id):
        d = st.session_state.setdefault(_draft_key(poll), [])
        if item_id not in d:
            d.append(item_id)

    def reset():
        st.session_state[_draft_key(poll)] = []

    for n, item_id in enumerate(draft, start=1):
        st.markdown(f"#### {n}. {md_text(labels.get(item_id, str(item_id)))}")
    for item in poll["items"]:
        if item["id"] not in draft:
            st.button(md_text(item["label"]), key=f"r{poll['id']}_{item['id']}", icon=":material/add:",
                      width="stretch", disabled=locked, on_click=add, args=(item["id"],))
    with st.container(horizontal=True):
        st.button(_tr(lang, "live.rank_reset"), key=f"reset_{poll['id']}", icon=":material/restart_alt:",
                  disabled=locked or not draft, on_click=reset)
        st.button(_tr(lang, "live.send"), key=f"send_{poll['id']}", type="primary",
                  disabled=locked or len(draft) < need, on_click=lambda: _cast(db, poll, me["id"], list(draft), lang))


def _pairwise(poll, me, db, lang, locked):
    labels = _labels(poll)
    ids = [i["id"] for i in poll["items"]]
    pairs = list(combinations(ids, 2))
    stored = {frozenset((a, b)): w for a, b, w in (poll["my_ballot"] or [])}
    draft = st.session_state.setdefault(_draft_key(poll), {tuple(p): stored.get(frozenset(p), "?") for p in pairs})
    ties = poll["config"].get("allow_ties", False)
    done = sum(1 for p in pairs if draft.get(p, "?") != "?")
    st.caption(_tr(lang, "live.pairs_done", done=done, total=len(pairs)))

    def pick(pair, winner):
        st.session_state.setdefault(_draft_key(poll), {})[pair] = winner

    for n, (a, b) in enumerate(pairs, start=1):
        chosen = draft.get((a, b), "?")
        with st.container(border=True):
            st.caption(_tr(lang, "live.pair_n", n=n, total=len(pairs)))
            for option in (a, b):
                st.button(md_text(labels[option]), key=f"p{poll['id']}_{a}_{b}_{option}", width="stretch",
                          type="primary" if chosen == option else "secondary", disabled=locked,
                          icon=":material/check_circle:" if chosen == option else None,
                          on_click=pick, args=((a, b), option))
            if ties:
                st.button(_tr(lang, "live.pair_tie"), key=f"p{poll['id']}_{a}_{b}_tie", width="stretch",
                          type="primary" if chosen is None else "tertiary", disabled=locked,
                          on_click=pick, args=((a, b), None))
    st.button(_tr(lang, "live.send"), key=f"send_{poll['id']}", type="primary", width="stretch",
              disabled=locked or done < len(pairs),
              on_click=lambda: _cast(db, poll, me["id"], [[a, b, draft[(a, b)]] for a, b in pairs], lang))


def _matrix(poll, me, db, lang, locked):
    cfg = poll["config"]
    names = cfg.get("criterion_labels", {})
    low, high = cfg.get("min_score", 1), cfg.get("max_score", 5)
    current = poll["my_ballot"] or {}
    st.caption(_tr(lang, "live.matrix_help", low=low, high=high))
    keys = {(i["id"], c): f"x{poll['id']}_{i['id']}_{n}" for i in poll["items"] for n, c in enumerate(cfg["criteria"])}

    def send():
        ballot = {}
        for (item_id, c), key in keys.items():
            score = st.session_state.get(key)
            if score is not None:
                ballot.setdefault(item_id, {})[c] = score
        _cast(db, poll, me["id"], ballot, lang)

    with st.form(f"form_{poll['id']}", border=False):
        for item in poll["items"]:
            st.markdown(f"**{md_text(item['label'])}**")
            for c in cfg["criteria"]:
                st.segmented_control(md_text(str(names.get(c, c))), list(range(low, high + 1)), key=keys[(item["id"], c)],
                                     default=current.get(item["id"], {}).get(c), disabled=locked)
        st.form_submit_button(_tr(lang, "live.send"), type="primary", width="stretch",
                              disabled=locked, on_click=send)


DRAW = {"single": _single, "multiple": _multiple, "dots": _dots, "ranking": _ranking,
        "pairwise": _pairwise, "matrix": _matrix}


def render(me: dict, db, lang: str) -> bool:
    polls = voting.open_polls_for(db, me["workshop_id"], me["id"])
    flash = st.session_state.get(FLASH)
    if flash and flash["poll"] not in {p["id"] for p in polls}:
        # the poll closed while this phone was voting on it: say so rather than nothing
        st.session_state.pop(FLASH)
        (st.success if flash["ok"] else st.error)(flash.get("text") or _tr(lang, "live.vote_saved"))
    for poll in polls:
        # a full run reads the store afresh; votes in between keep this up to date
        st.session_state[_state_key(poll)] = {k: poll[k] for k in ("status", "my_ballot", "voted")}
        with st.container(border=True):
            st.subheader(md_text(poll["title"]))
            st.caption(_tr(lang, f"live.howto_{poll['kind']}", **_howto_params(poll)))
            _controls(db, {k: v for k, v in poll.items() if k not in ("my_ballot", "voted")}, me, lang)
    st.button(_tr(lang, "live.refresh"), key="phone_refresh", icon=":material/refresh:", width="stretch")
    return bool(polls)


@st.fragment
def _controls(db, static: dict, me: dict, lang: str) -> None:
    """One poll's controls, as a fragment: a tap or a vote reruns these only, not the whole
    phone page (router, token check, every other section), which keeps a vote's round trip
    short when the whole hall votes at once. `static` is the poll as the last full run read
    it: title, options and settings cannot change while a poll is open."""
    poll = {**static, **st.session_state.get(_state_key(static), {})}
    if poll["status"] != "open":
        flash = st.session_state.pop(FLASH, None)
        if flash and flash["poll"] == poll["id"] and not flash["ok"]:
            st.error(flash["text"])
        st.info(_tr(lang, "live.poll_closed_now"))
        return
    _status(poll, lang)
    locked = poll["secret"] and poll["voted"]  # a secret ballot cannot be changed
    DRAW[poll["kind"]](poll, me, db, lang, locked)


def _howto_params(poll: dict) -> dict:
    cfg = poll["config"]
    return {"dots": cfg.get("dots", 0), "cap": cfg.get("max_per_item", cfg.get("dots", 0))}
