"""Shared fixtures: a fresh store per test (SQLite always, PostgreSQL when configured),
a demo workshop, and a real Streamlit server for browser tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitation.store import Database  # noqa: E402

PG_URL = os.environ.get("REMBUG_TEST_PG_URL")  # set by .ci/run, which starts PostgreSQL


def _worker_pg_url(url: str | None) -> str | None:
    """Each pytest-xdist worker gets its own database, since store tests drop and recreate tables."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    from sqlalchemy import create_engine, make_url, text

    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            if not c.execute(text("select 1 from pg_database where datname = :n"), {"n": name}).first():
                c.execute(text(f'create database "{name}"'))
    finally:
        admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def _pg_available() -> bool:
    global PG_URL
    if not PG_URL:
        return False
    try:
        from sqlalchemy import create_engine, text

        PG_URL = _worker_pg_url(PG_URL)
        with create_engine(PG_URL).connect() as c:
            c.execute(text("select 1"))
        return True
    except Exception:
        return False


PG_OK = _pg_available()
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_OK, reason="no PostgreSQL (set REMBUG_TEST_PG_URL)"))]


def _fresh_pg() -> Database:
    from facilitation.store.schema import load_all_tables, metadata

    load_all_tables()
    db = Database(PG_URL, create=False)
    metadata.drop_all(db.engine)
    metadata.create_all(db.engine)
    return db


@pytest.fixture
def db(tmp_path) -> Database:
    database = Database(f"sqlite:///{tmp_path}/rembug.sqlite3")
    yield database
    database.dispose()


@pytest.fixture(params=BACKENDS)
def any_db(request, tmp_path) -> Database:
    """The store on every available backend: store tests run on SQLite and PostgreSQL."""
    database = Database(f"sqlite:///{tmp_path}/rembug.sqlite3") if request.param == "sqlite" else _fresh_pg()
    yield database
    database.dispose()


@pytest.fixture
def demo(db) -> str:
    from facilitation.demo import build_demo

    return build_demo(db)


WORKSHOP = {
    "village": "Sukamaju", "village_kind": "desa", "kecamatan": "Cibeber", "kabupaten": "Kabupaten Cianjur",
    "provinsi": "Jawa Barat", "year": 2026, "day1": "2026-05-04", "day2": "2026-05-05", "day3": "2026-05-06",
    "day4": "2026-05-07", "venue": "Balai Desa Sukamaju", "facilitator_central": "Dra. Ani",
    "facilitator_regional": "Budi", "pendamping1": "Citra", "pendamping2": "Dodi", "kepala_desa": "H. Endang",
}


@pytest.fixture
def workshop(db) -> str:
    from facilitation.workshops import create_workshop

    return create_workshop(db, dict(WORKSHOP), pin="4321")


# ---------------------------------------------------------------- a real server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_path = db_path
        env = {**os.environ, "REMBUG_DB": str(db_path), "PYTHONPATH": str(ROOT)}
        env.pop("DATABASE_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
             "--server.port", str(self.port), "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not start")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path / "server.sqlite3")
    yield srv
    srv.stop()


CHROMIUM = os.environ.get("REMBUG_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (test.sh installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


def wait_ready(page, timeout=30_000):
    """Streamlit is connected and has finished its script run."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


# ---------------------------------------------------------------- AppTest

def open_app(page: str | None = None, workshop: str | None = None, token: str | None = None,
             lang: str = "id", run: bool = True):
    """An AppTest of app.py: logged in as the workshop's facilitator when `workshop` is given,
    as a participant when `token` is; switched to `page` after the first run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if workshop:
        at.session_state["auth_workshop"] = workshop
    if token:
        at.query_params["p"] = token
    at.session_state["lang"] = lang
    if run:
        at.run()
        if page:
            at.switch_page(page)
            at.run()
    return at


@pytest.fixture
def apptest(tmp_path, monkeypatch):
    """Factory for AppTest runs of app.py on a fresh store at `tmp_path/app.sqlite3`.

    `make(page=None, workshop=None, token=None, lang="id")` returns a run AppTest: logged in
    as the workshop's facilitator when `workshop` is given, as a participant when `token` is.
    """
    import streamlit as st

    path = tmp_path / "app.sqlite3"
    monkeypatch.setenv("REMBUG_DB", str(path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()
    store = Database(f"sqlite:///{path}")

    def make(*args, **kwargs):
        return open_app(*args, **kwargs)

    make.db = store
    yield make
    st.cache_resource.clear()
    store.dispose()
