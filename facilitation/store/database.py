"""Engine set-up: SQLite (WAL, durable) by default, PostgreSQL through DATABASE_URL."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

ROOT = Path(__file__).resolve().parents[2]


def default_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    path = Path(os.environ.get("REMBUG_DB", "data/rembug.sqlite3"))
    if not path.is_absolute():
        path = ROOT / path
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA foreign_keys=ON")
    # FULL: a committed vote survives a power cut, not only a process crash
    cur.execute("PRAGMA synchronous=FULL")
    # deleted rows (e.g. a secret ballot rewritten in shuffled order) are zeroed, not left in free pages
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


class Database:
    def __init__(self, url: str | None = None, create: bool = True):
        self.url = url or default_url()
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            path = self.url.split("///", 1)[1] if "///" in self.url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(path) if path and path != ":memory:" else None
            self.engine: Engine = create_engine(
                self.url, connect_args={"check_same_thread": False, "timeout": 15}
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.path = None
            self.engine = create_engine(self.url, pool_pre_ping=True, pool_size=10, max_overflow=20)
        if create:
            self.create_schema()

    def create_schema(self) -> None:
        from facilitation.store.schema import metadata, load_all_tables

        load_all_tables()
        metadata.create_all(self.engine)

    @contextmanager
    def tx(self):
        """One transaction: committed on success, rolled back on any error."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self):
        with self.engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


__all__ = ["Database", "Connection", "default_url"]
