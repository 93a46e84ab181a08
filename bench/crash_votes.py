"""Crash safety: kill the server with SIGKILL in the middle of a vote, restart it, count.

Starts the real server (`streamlit run app.py`, 127.0.0.1) on a temporary store holding the
demo workshop, topped up to N participants (all present today), with several open
single-choice polls. Over Streamlit's real websocket protocol (the client of
bench/live_vote.py):

* one facilitator session logs in with the PIN and keeps editing the same action-plan row
  (the "Volume" field: edit-1, edit-2, ...) through the page's form;
* once its first edit is saved, N participant sessions join from their links and vote on
  every poll, one after another, some changing their mind once (a second tap on another
  option).

A vote counts as confirmed when the run that followed the tap showed "Suara Anda tersimpan."
to that participant, an edit when the page showed its "saved" message. When about half of
the votes are confirmed, the server gets SIGKILL. It is started again on the same store; a
participant opens their link (the app must start, not refuse the store), then the store is
read:

* every confirmed vote must be there: the option confirmed last, or one the participant
  tapped after it (that tap may have been stored just before the kill, unconfirmed);
* no participant may have two ballots for one poll;
* the plan row must hold the last confirmed edit or a later one.

    .venv/bin/python bench/crash_votes.py [--participants 100] [--polls 5]

The last line printed is one JSON object; `confirmed`, `stored`, `lost`, `duplicated` count
votes and plan edits together (lost and duplicated must be 0).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from bench.live_vote import PINNED, Server, Session, find, trigger  # noqa: E402

OPTIONS = ["Tebak Kearifan Lokal", "Angin Bertiup", "Kapal Tenggelam", "Tepuk Tansosmas"]


# ---------------------------------------------------------------- the store

def prepare_store(path: Path, n: int, polls: int) -> dict:
    from facilitation import planning, voting
    from facilitation.attendance import record_attendance
    from facilitation.demo import DEMO_PIN, build_demo
    from facilitation.participants import add_participant, list_participants
    from facilitation.store import Database
    from facilitation.workshops import get_workshop

    db = Database(f"sqlite:///{path}")
    wid = build_demo(db)
    for k in range(len(list_participants(db, wid)), n):
        add_participant(db, wid, {"name": f"Peserta Uji {k + 1:03d}", "gender": "LP"[k % 2],
                                  "institution": "Karang Taruna"})
    people = list_participants(db, wid)[:n]
    day = voting.workshop_day(get_workshop(db, wid), dt.date.today())
    record_attendance(db, wid, day, {p["id"]: "hadir" for p in list_participants(db, wid)})
    poll_ids = []
    for k in range(polls):
        poll_id = voting.create_poll(db, wid, f"Uji ketahanan {k + 1}", "single", OPTIONS)
        voting.open_poll(db, wid, poll_id)
        poll_ids.append(poll_id)
    row = planning.list_plan_rows(db, wid)[0]
    db.dispose()
    return {"wid": wid, "pin": DEMO_PIN, "people": [(p["id"], p["token"]) for p in people], "polls": poll_ids,
            "row": row}


def read_store(path: Path, wid: str, poll_ids: list[int], row_id: int) -> tuple[dict, int, str]:
    """(participant, poll) -> stored option id; how many (participant, poll) pairs hold more
    than one ballot; the plan row's volume."""
    from sqlalchemy import func, select

    from facilitation.store import Database
    from facilitation.store.planning import plan_rows
    from facilitation.store.voting import poll_ballots

    db = Database(f"sqlite:///{path}", create=False)
    try:
        with db.read() as conn:
            rows = conn.execute(select(poll_ballots.c.participant_id, poll_ballots.c.poll_id, poll_ballots.c.payload)
                                .where(poll_ballots.c.poll_id.in_(poll_ids))).all()
            doubles = conn.execute(
                select(func.count()).select_from(
                    select(poll_ballots.c.poll_id).group_by(poll_ballots.c.poll_id, poll_ballots.c.participant_id)
                    .having(func.count() > 1).subquery())).scalar_one()
            volume = conn.execute(select(plan_rows.c.volume).where(plan_rows.c.id == row_id)).scalar_one()
    finally:
        db.dispose()
    return {(pid, poll): json.loads(payload) for pid, poll, payload in rows}, doubles, volume


# ---------------------------------------------------------------- participants

async def participant(url: str, pid: int, token: str, polls: list[int], rng: random.Random, log: list,
                      t0: float, state: dict, confirm: str) -> None:
    session = Session(url, f"p={token}")
    try:
        await state["go"].wait()  # the facilitator is at work on the plan before the hall votes
        await asyncio.sleep(rng.uniform(0, state["join_window"]))
        await session.open()
        elements = await session.run()
        buttons = {}
        for poll in polls:
            for option in range(1, len(OPTIONS) + 1):
                b = find(elements, "button", id=lambda b, key=f"v{poll}_{option}": b.id.endswith("-" + key))
                if b is not None:
                    buttons[(poll, option)] = b.id
        plan = [(poll, rng.randint(1, len(OPTIONS))) for poll in polls]
        # some change their mind once: a second tap on another option of an earlier poll
        for poll in rng.sample(polls, k=min(len(polls), rng.randint(0, 2))):
            plan.append((poll, rng.choice([o for o in range(1, len(OPTIONS) + 1)])))
        for poll, option in plan:
            await asyncio.sleep(rng.uniform(0.05, 0.6))
            button = buttons.get((poll, option))
            if button is None:
                state["errors"].append(f"no button for poll {poll}")
                continue
            entry = {"pid": pid, "poll": poll, "option": option, "sent": time.perf_counter() - t0, "confirmed": False}
            log.append(entry)
            elements = await session.run([trigger(button)], fragment_id=session.fragment_of.get(button, ""))
            if find(elements, "alert", body=confirm) is not None:
                entry["confirmed"] = True
                state["confirmed"] += 1
    except Exception as exc:  # the kill: every open session ends here
        state["cut"].append(type(exc).__name__)
    finally:
        try:
            await session.close()
        except Exception:
            pass


# ---------------------------------------------------------------- the facilitator

async def facilitator(url: str, pin: str, row: dict, edits: list, state: dict, lang: str = "id") -> None:
    from facilitation.i18n import t
    from ui.safe_text import md_text

    s = Session(url)
    try:
        await s.open()
        home = await s.run()
        pin_box = find(home, "text_input", label=t("core.pin", lang), form_id=lambda b: b.form_id == "login")
        submit = find(home, "button", label=t("core.login", lang), is_form_submitter=True)
        await s.run([WidgetState(id=pin_box.id, string_value=pin), trigger(submit.id)])
        s.page_hash = s.pages["action-plan"]
        elements = await s.run()
        choice = find(elements, "selectbox", label=t("planning.row_choice", lang))
        option = next(o for o in choice.options if o.startswith(f"{row['no']}. "))
        pick = WidgetState(id=choice.id, string_value=option)
        saved = t("planning.row_saved", lang, activity=md_text(row["activity"]))
        elements = await s.run([pick])
        k = 0
        while not state["stop"].is_set():
            volume = find(elements, "text_input", label=t("planning.volume", lang))
            button = find(elements, "button", label=t("planning.save_row", lang), is_form_submitter=True)
            k += 1
            entry = {"n": k, "confirmed": False}
            edits.append(entry)
            # the run after a save draws the next form: the next edit starts from its elements
            elements = await s.run([pick, WidgetState(id=volume.id, string_value=f"edit-{k}"), trigger(button.id)])
            if find(elements, "alert", body=saved) is not None:
                entry["confirmed"] = True
                state["go"].set()
            else:
                state["errors"].append(f"plan edit {k} not confirmed")
                elements = await s.run([pick])
    except Exception as exc:
        state["cut"].append("facilitator " + type(exc).__name__)
        state["go"].set()
    finally:
        try:
            await s.close()
        except Exception:
            pass


# ---------------------------------------------------------------- the run

async def crowd_until_kill(server: Server, setup: dict, rng: random.Random, kill_at: float, log: list,
                           edits: list) -> dict:
    from facilitation.i18n import t

    n = len(setup["people"])
    state = {"confirmed": 0, "errors": [], "cut": [], "stop": asyncio.Event(), "go": asyncio.Event(),
             "join_window": max(2.0, n / 30)}
    target = int(kill_at * n * len(setup["polls"]))
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(participant(server.ws_url, pid, token, setup["polls"], random.Random(rng.random()),
                                             log, t0, state, t("live.vote_saved", "id")))
             for pid, token in setup["people"]]
    tasks.append(asyncio.create_task(facilitator(server.ws_url, setup["pin"], setup["row"], edits, state)))
    # the kill comes once half the votes are confirmed, with voting and plan edits going on
    while state["confirmed"] < max(1, target) and not all(task.done() for task in tasks[:-1]):
        await asyncio.sleep(0.01)
    server.proc.kill()  # SIGKILL: no shutdown, no flush, mid-write
    killed = time.perf_counter() - t0
    state["stop"].set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {"killed_after_s": killed, "errors": state["errors"], "cut": len(state["cut"])}


async def check_app_starts(server: Server, token: str, name: str) -> None:
    """A participant opens their link on the restarted server: the app runs (no refused store)."""
    from facilitation.i18n import t
    from ui.safe_text import md_text

    s = Session(server.ws_url, f"p={token}")
    await s.open()
    elements = await s.run()
    await s.close()
    welcome = t("core.participant_welcome", "id", name=md_text(name))
    if find(elements, "heading", body=welcome) is None:
        raise SystemExit("after the restart the participant page did not open: " +
                         "; ".join(getattr(e, e.WhichOneof("type")).body for e in elements
                                   if e.WhichOneof("type") in ("alert", "heading"))[:300])


def verdict(log: list, edits: list, stored: dict, doubles: int, volume: str) -> dict:
    by_pair: dict[tuple, list] = {}
    for entry in sorted(log, key=lambda e: e["sent"]):
        by_pair.setdefault((entry["pid"], entry["poll"]), []).append(entry)
    confirmed_votes = stored_votes = 0
    for pair, taps in by_pair.items():
        last = max((i for i, e in enumerate(taps) if e["confirmed"]), default=None)
        if last is None:
            continue
        confirmed_votes += 1
        allowed = {e["option"] for e in taps[last:]}  # the confirmed tap, or a later one
        if stored.get(pair) in allowed:
            stored_votes += 1
    last_edit = max((e["n"] for e in edits if e["confirmed"]), default=0)
    confirmed_edits = sum(1 for e in edits if e["confirmed"])
    kept = int(volume.removeprefix("edit-")) if volume.startswith("edit-") else 0
    stored_edits = sum(1 for e in edits if e["confirmed"] and e["n"] <= kept)
    return {
        "votes_sent": len(log), "votes_confirmed": sum(1 for e in log if e["confirmed"]),
        "vote_pairs_confirmed": confirmed_votes, "vote_pairs_stored": stored_votes,
        "plan_edits_sent": len(edits), "plan_edits_confirmed": confirmed_edits, "plan_edit_last_confirmed": last_edit,
        "plan_edit_stored": kept,
        "confirmed": confirmed_votes + confirmed_edits,
        "stored": stored_votes + stored_edits,
        "lost": (confirmed_votes - stored_votes) + (confirmed_edits - stored_edits),
        "duplicated": doubles,
    }


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--participants", type=int, default=100)
    p.add_argument("--polls", type=int, default=5)
    p.add_argument("--kill-at", type=float, default=0.5, help="share of the planned votes confirmed before the kill")
    p.add_argument("--seed", type=int, default=11)
    args = p.parse_args(argv)
    if streamlit.__version__ != PINNED:
        print(f"error: this benchmark speaks Streamlit {PINNED}'s wire format, found {streamlit.__version__}",
              file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="rembug-crash-") as tmp:
        tmp = Path(tmp)
        store = tmp / "crash.sqlite3"
        setup = prepare_store(store, args.participants, args.polls)
        env = {"REMBUG_DB": str(store), "REMBUG_BACKUP_DIR": str(tmp / "backups"), "DATABASE_URL": ""}
        log: list = []
        edits: list = []
        server = Server(ROOT / "app.py", env)
        try:
            run = asyncio.run(crowd_until_kill(server, setup, rng, args.kill_at, log, edits))
        finally:
            server.stop()
        started = time.perf_counter()
        server = Server(ROOT / "app.py", env)  # the same store, after the crash
        try:
            first = setup["people"][0]
            name = next(r["name"] for r in _people(store, setup["wid"]) if r["id"] == first[0])
            asyncio.run(check_app_starts(server, first[1], name))
            restart = time.perf_counter() - started
            stored, doubles, volume = read_store(store, setup["wid"], setup["polls"], setup["row"]["id"])
        finally:
            server.stop()
    result = verdict(log, edits, stored, doubles, volume)
    print(f"{args.participants} participants, {args.polls} polls; SIGKILL after {run['killed_after_s']:.1f} s "
          f"({run['cut']} sessions cut off); restarted and serving again in {restart:.1f} s")
    print(f"votes: {result['votes_sent']} taps sent, {result['votes_confirmed']} confirmed; "
          f"{result['vote_pairs_confirmed']} confirmed ballots, {result['vote_pairs_stored']} found in the store")
    print(f"plan edits: {result['plan_edits_sent']} sent, {result['plan_edits_confirmed']} confirmed "
          f"(last edit-{result['plan_edit_last_confirmed']}); the store holds edit-{result['plan_edit_stored']}")
    if run["errors"]:
        print(f"client errors before the kill: {len(run['errors'])} (first: {run['errors'][0]})")
    print(json.dumps({"participants": args.participants, "polls": args.polls,
                      "killed_after_s": round(run["killed_after_s"], 2), "restart_s": round(restart, 2),
                      **{k: result[k] for k in ("votes_sent", "votes_confirmed", "plan_edits_confirmed")},
                      **{k: result[k] for k in ("confirmed", "stored", "lost", "duplicated")}}))
    return 0 if result["lost"] == 0 and result["duplicated"] == 0 else 1


def _people(store: Path, wid: str) -> list[dict]:
    from facilitation.participants import list_participants
    from facilitation.store import Database

    db = Database(f"sqlite:///{store}", create=False)
    try:
        return list_participants(db, wid)
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
