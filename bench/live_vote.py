"""Live voting under load, over Streamlit's real websocket protocol.

Starts the real server (`streamlit run app.py`) on 127.0.0.1 with a temporary store holding
the demo workshop (topped up to N participants, all present today) and one open, revealed
single-choice poll. Then, in one asyncio loop:

* a projector session logs in with the demo PIN through the real login form, switches to the
  projector page and keeps sending the fragment auto-reruns the browser would send;
* N participant sessions join (connect to /_stcore/stream with subprotocol "streamlit",
  first run with `p=TOKEN` in the page query string) over a few seconds, then all vote
  within a burst window (default 10 s) by "clicking" their option's button: a BackMsg
  rerun_script carrying the button's trigger value and, as the browser does for a widget
  drawn inside a fragment (each poll card on the phone is one), that fragment's id;
* latency is measured from sending the vote to the end of the script run that stored it
  (script_finished) with the confirmation ("Suara Anda tersimpan.") in that run's deltas.

Afterwards it counts the ballots in the store, reads the server's peak RSS (VmHWM), and
repeats the join/burst with the same number of sessions against a bare one-line page on a
second server, for the ratio. It also prints the machine's load and CPU pressure: on a
shared 2-core machine other work moves every figure, so read them together. The widget wire
format is internal to Streamlit: this targets the version in requirements (PINNED below) and
refuses to run on another.

    .venv/bin/python bench/live_vote.py [--participants 60] [--burst 10]

The last line printed is one JSON object (keys: participants, votes_sent, votes_stored,
p50_ms, p95_ms, max_ms, projector_lag_s, server_peak_mb, bare_p95_ms, ratio_to_bare).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException
from websockets.typing import Subprotocol

PINNED = "1.67.0"
RUN_TIMEOUT_S = 120
BARE_PAGE = 'import streamlit as st; st.button("ok", key="ok")\n'


# ---------------------------------------------------------------- the server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, script: Path, env: dict):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
             "--server.port", str(self.port), "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=ROOT, env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("streamlit did not start")

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def peak_mb(self) -> float:
        """VmHWM: the resident set's high-water mark, from the kernel (no psutil needed)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (/proc/<pid>/stat)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# ---------------------------------------------------------------- one browser tab

class Session:
    """One websocket session speaking Streamlit's protocol as the browser does."""

    def __init__(self, url: str, query: str = ""):
        self.url, self.query = url, query
        self.page_hash = ""
        self.pages: dict[str, str] = {}
        self.auto_rerun: tuple[float, str] | None = None
        self.fragment_of: dict[str, str] = {}  # widget id -> the fragment it was drawn in
        self.ws = None

    async def open(self) -> None:
        self.ws = await connect(self.url, subprotocols=[Subprotocol("streamlit")], max_size=None,
                                open_timeout=RUN_TIMEOUT_S, ping_interval=None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, widgets: list[WidgetState] = (), fragment_id: str = "", auto: bool = False) -> list:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.widget_states.widgets.extend(widgets)
        await self.ws.send(msg.SerializeToString())
        return await self.until_finished()

    async def until_finished(self) -> list:
        """The elements of the script run, once it has finished (runs cut short by st.rerun are skipped)."""
        elements: list = []
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT_S))
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash or self.page_hash
                elements = []
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
                self.page_hash = fm.navigation.page_script_hash or self.page_hash
            elif kind == "auto_rerun":
                self.auto_rerun = (fm.auto_rerun.interval, fm.auto_rerun.fragment_id)
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                element = fm.delta.new_element
                elements.append(element)
                widget = getattr(element, element.WhichOneof("type"))
                widget_id = getattr(widget, "id", "")
                if widget_id:
                    # a click inside a fragment reruns only that fragment, as in the browser
                    self.fragment_of[widget_id] = fm.delta.fragment_id
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                return elements


def find(elements, kind: str, **match):
    for el in elements:
        if el.WhichOneof("type") != kind:
            continue
        body = getattr(el, kind)
        if all((value(body) if callable(value) else getattr(body, name) == value) for name, value in match.items()):
            return body
    return None


def trigger(widget_id: str) -> WidgetState:
    return WidgetState(id=widget_id, trigger_value=True)


# ---------------------------------------------------------------- the store

def prepare_store(path: Path, participants: int):
    from facilitation import voting
    from facilitation.attendance import record_attendance
    from facilitation.demo import DEMO_PIN, build_demo
    from facilitation.participants import add_participant, list_participants
    from facilitation.store import Database
    from facilitation.workshops import get_workshop

    db = Database(f"sqlite:///{path}")
    wid = build_demo(db)
    people = list_participants(db, wid)
    for n in range(len(people), participants):
        add_participant(db, wid, {"name": f"Peserta Uji {n + 1:03d}", "gender": "LP"[n % 2],
                                  "institution": "Karang Taruna"})
    people = list_participants(db, wid)[:participants]
    day = voting.workshop_day(get_workshop(db, wid), dt.date.today())
    record_attendance(db, wid, day, {p["id"]: "hadir" for p in list_participants(db, wid)})
    items = ["Tebak Kearifan Lokal", "Angin Bertiup", "Kapal Tenggelam", "Tepuk Tansosmas"]
    poll_id = voting.create_poll(db, wid, "Penyegar sesi malam", "single", items)
    voting.open_poll(db, wid, poll_id)
    voting.reveal(db, wid, poll_id)
    return db, wid, poll_id, [p["token"] for p in people], DEMO_PIN


def stored_votes(db, wid: str, poll_id: int) -> int:
    from facilitation.store import voting as q

    with db.read() as conn:
        return q.count_ballots(conn, wid, poll_id)


# ---------------------------------------------------------------- the projector

class Projector:
    def __init__(self, url: str, pin: str, lang: str = "id"):
        from facilitation.i18n import t

        self.session = Session(url)
        self.pin = pin
        self.label_pin, self.label_login = t("core.pin", lang), t("core.login", lang)
        self.label_phone = t("live.metric_phone", lang)
        self.seen: list[tuple[float, int]] = []  # (time, phone ballots shown)
        self.stop = asyncio.Event()
        self.run_ms: list[float] = []

    async def start(self) -> None:
        s = self.session
        await s.open()
        home = await s.run()
        pin = find(home, "text_input", label=self.label_pin, form_id=lambda b: b.form_id == "login")
        submit = find(home, "button", label=self.label_login, is_form_submitter=True)
        if pin is None or submit is None:
            raise RuntimeError("login form not found")
        await s.run([WidgetState(id=pin.id, string_value=self.pin), trigger(submit.id)])
        if "projector" not in s.pages:
            raise RuntimeError("login failed: no projector page in the navigation")
        s.page_hash = s.pages["projector"]
        self._record(await s.run())
        if not s.auto_rerun:
            raise RuntimeError("the projector page registered no auto-rerun fragment")

    def _record(self, elements) -> None:
        metric = find(elements, "metric", label=self.label_phone)
        if metric is not None:
            self.seen.append((time.perf_counter(), int(metric.body)))

    async def loop(self) -> None:
        """What the browser does: one fragment rerun per interval, never two at once."""
        interval, fragment = self.session.auto_rerun
        next_at = time.perf_counter() + interval
        while not self.stop.is_set():
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at += interval
            sent = time.perf_counter()
            self._record(await self.session.run(fragment_id=fragment, auto=True))
            self.run_ms.append((time.perf_counter() - sent) * 1000)

    def first_time_showing(self, n: int) -> float | None:
        return next((t for t, shown in self.seen if shown >= n), None)


# ---------------------------------------------------------------- participants

async def participant(url: str, query: str, button_key: str, confirm: str | None, join_at: float,
                      vote_at: float, t0: float, crowd_state: dict, out: dict) -> None:
    """Join at `join_at`, wait until everyone has joined, vote at `vote_at` into the burst."""
    session = Session(url, query)
    button = None
    try:
        await asyncio.sleep(max(0.0, t0 + join_at - time.perf_counter()))
        start = time.perf_counter()
        await session.open()
        elements = await session.run()
        out["join_ms"].append((time.perf_counter() - start) * 1000)
        button = find(elements, "button", id=lambda b: b.id.endswith("-" + button_key))
        if button is None:
            out["errors"].append(f"no button {button_key}")
    except (OSError, TimeoutError, WebSocketException) as exc:  # a lost session is a result, not a crash
        out["errors"].append(f"join: {type(exc).__name__}: {exc}")
    finally:
        crowd_state["ready"] += 1
        if crowd_state["ready"] == crowd_state["n"]:
            out["burst_start"] = time.perf_counter()
            crowd_state["go"].set()
    try:
        await crowd_state["go"].wait()
        if button is None:
            return
        await asyncio.sleep(max(0.0, out["burst_start"] + vote_at - time.perf_counter()))
        sent = time.perf_counter()
        out["sent"] += 1
        elements = await session.run([trigger(button.id)], fragment_id=session.fragment_of.get(button.id, ""))
        done = time.perf_counter()
        if confirm is None or find(elements, "alert", body=confirm) is not None:
            out["latency_ms"].append((done - sent) * 1000)
            out["confirmed_at"].append(done)
        else:
            out["errors"].append("no confirmation in the run that followed the vote")
    except (OSError, TimeoutError, WebSocketException) as exc:
        out["errors"].append(f"vote: {type(exc).__name__}: {exc}")
    finally:
        await session.close()


async def crowd(url: str, queries: list[str], button_keys: list[str], confirm: str | None, burst: float,
                rng: random.Random, server: Server) -> dict:
    n = len(queries)
    join_window = max(3.0, n / 25)  # people scan the QR over a few seconds, not all at once
    out = {"join_ms": [], "latency_ms": [], "confirmed_at": [], "errors": [], "sent": 0, "burst_start": 0.0}
    crowd_state = {"n": n, "ready": 0, "go": asyncio.Event()}
    t0 = time.perf_counter()
    tasks = asyncio.gather(*(
        participant(url, q, k, confirm, rng.uniform(0, join_window), rng.uniform(0, burst), t0, crowd_state, out)
        for q, k in zip(queries, button_keys)
    ))
    await crowd_state["go"].wait()
    out["join_server_cpu_share"] = server.cpu_seconds() / max(1e-9, time.perf_counter() - t0)
    cpu0, wall0, own0 = server.cpu_seconds(), time.perf_counter(), time.process_time()
    await tasks
    wall = max(1e-9, time.perf_counter() - wall0)
    out["server_cpu_share"] = (server.cpu_seconds() - cpu0) / wall
    out["client_cpu_share"] = (time.process_time() - own0) / wall
    return out


def cpu_pressure() -> str:
    try:
        line = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return "n/a"
    return next((f[6:] + "%" for f in line.split() if f.startswith("avg10=")), "n/a")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def bench_app(server: Server, tokens: list[str], poll_id: int, pin: str, burst: float, rng) -> dict:
    from facilitation.i18n import t

    projector = Projector(server.ws_url, pin)
    await projector.start()
    watcher = asyncio.create_task(projector.loop())
    options = 4
    keys = [f"v{poll_id}_{rng.randint(1, options)}" for _ in tokens]
    result = await crowd(server.ws_url, [f"p={tok}" for tok in tokens], keys, t("live.vote_saved", "id"), burst, rng,
                         server)
    last = max(result["confirmed_at"], default=time.perf_counter())
    expected = len(result["confirmed_at"])
    deadline = time.perf_counter() + 30
    while projector.first_time_showing(expected) is None and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    seen = projector.first_time_showing(expected)
    projector.stop.set()
    await watcher
    await projector.session.close()
    result["projector_lag_s"] = max(0.0, seen - last) if seen is not None else float("inf")
    result["projector_runs"] = len(projector.seen)
    result["projector_run_ms"] = projector.run_ms
    return result


async def bench_bare(server: Server, n: int, burst: float, rng) -> dict:
    return await crowd(server.ws_url, [""] * n, ["ok"] * n, None, burst, rng, server)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--participants", type=int, default=60)
    p.add_argument("--burst", type=float, default=10.0, help="seconds in which everyone votes")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    if streamlit.__version__ != PINNED:
        print(f"error: this benchmark speaks Streamlit {PINNED}'s wire format, found {streamlit.__version__}",
              file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="rembug-bench-") as tmp:
        tmp = Path(tmp)
        db, wid, poll_id, tokens, pin = prepare_store(tmp / "bench.sqlite3", args.participants)
        if len(tokens) < args.participants:
            raise SystemExit("could not create enough participants")
        server = Server(ROOT / "app.py", {"REMBUG_DB": str(tmp / "bench.sqlite3"), "DATABASE_URL": ""})
        try:
            app = asyncio.run(bench_app(server, tokens, poll_id, pin, args.burst, rng))
            peak = server.peak_mb()
        finally:
            server.stop()
        votes_stored = stored_votes(db, wid, poll_id)
        db.dispose()

        bare_script = tmp / "bare.py"
        bare_script.write_text(BARE_PAGE)
        bare_server = Server(bare_script, {})
        try:
            bare = asyncio.run(bench_bare(bare_server, args.participants, args.burst, rng))
        finally:
            bare_server.stop()

    lat, bare_lat = app["latency_ms"], bare["latency_ms"]
    # other work on the machine skews every figure: say how busy it was
    print(f"machine: {os.cpu_count()} CPUs, load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after;"
          f" CPU pressure (share of time something waited for a CPU, last 10 s): {cpu_pressure()}")
    print(f"join (connect + first run): p50 {pct(app['join_ms'], 50):.0f} ms, p95 {pct(app['join_ms'], 95):.0f} ms")
    print(f"votes: sent {app['sent']}, confirmed {len(lat)}, stored {votes_stored}, errors {len(app['errors'])}"
          + (f" (first: {app['errors'][0]})" if app["errors"] else ""))
    print(f"vote -> confirmation: p50 {pct(lat, 50):.0f} ms, p95 {pct(lat, 95):.0f} ms, max {max(lat, default=0):.0f} ms"
          f", mean {statistics.fmean(lat) if lat else float('nan'):.0f} ms")
    print(f"projector: {app['projector_runs']} fragment runs (median {pct(app['projector_run_ms'], 50):.0f} ms,"
          f" max {max(app['projector_run_ms'], default=0):.0f} ms), current {app['projector_lag_s']:.2f} s after the last vote")
    print(f"bare page: p50 {pct(bare_lat, 50):.0f} ms, p95 {pct(bare_lat, 95):.0f} ms, errors {len(bare['errors'])}")
    print(f"server peak RSS {peak:.0f} MB; CPU during the vote burst: server {app['server_cpu_share']:.0%}"
          f" (bare {bare['server_cpu_share']:.0%}), this client {app['client_cpu_share']:.0%} of one core;"
          f" server during joins {app['join_server_cpu_share']:.0%}")
    bare_p95 = pct(bare_lat, 95)
    print(json.dumps({
        "participants": args.participants,
        "votes_sent": app["sent"],
        "votes_stored": votes_stored,
        "p50_ms": round(pct(lat, 50), 1),
        "p95_ms": round(pct(lat, 95), 1),
        "max_ms": round(max(lat, default=float("nan")), 1),
        "projector_lag_s": round(app["projector_lag_s"], 2),
        "server_peak_mb": round(peak, 1),
        "bare_p95_ms": round(bare_p95, 1),
        "ratio_to_bare": round(pct(lat, 95) / bare_p95, 2) if bare_p95 else None,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
