"""Automatic SQLite backups (online backup API), rotated per day, and the start-up check.

Backups go to REMBUG_BACKUP_DIR (default data/backups/) as rembug-YYYYMMDD-HHMMSS.sqlite3;
the last KEEP_PER_DAY of each day are kept, so every workshop day can be rolled back to.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

from facilitation.errors import RembugError
from facilitation.store.database import ROOT

KEEP_PER_DAY = int(os.environ.get("REMBUG_BACKUPS_PER_DAY", "12"))
PREFIX = "rembug-"


def backup_dir(db_path: Path) -> Path:
    """REMBUG_BACKUP_DIR, or `backups/` beside the store (data/backups/ by default)."""
    configured = os.environ.get("REMBUG_BACKUP_DIR")
    if configured:
        path = Path(configured)
        return path if path.is_absolute() else ROOT / path
    return db_path.parent / "backups"


def list_backups(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*.sqlite3")) if folder.exists() else []


def latest_backup(folder: Path) -> Path | None:
    backups = list_backups(folder)
    return backups[-1] if backups else None


def make_backup(db_path: Path, folder: Path | None = None, now: dt.datetime | None = None) -> Path:
    """A consistent copy of a live store (WAL included) without stopping the app."""
    folder = folder or backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now()
    target = folder / f"{PREFIX}{now:%Y%m%d-%H%M%S}.sqlite3"
    partial = target.with_suffix(".part")
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=15)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    partial.replace(target)  # a backup is whole or absent
    rotate(folder)
    return target


def rotate(folder: Path, keep_per_day: int = KEEP_PER_DAY) -> list[Path]:
    by_day: dict[str, list[Path]] = {}
    for path in list_backups(folder):
        by_day.setdefault(path.name[len(PREFIX):len(PREFIX) + 8], []).append(path)
    removed = []
    for paths in by_day.values():
        for old in paths[:-keep_per_day]:
            old.unlink(missing_ok=True)
            removed.append(old)
    return removed


def store_changed_since(db_path: Path, backup: Path | None) -> bool:
    if backup is None:
        return True
    stamp = backup.stat().st_mtime
    return any(p.exists() and p.stat().st_mtime > stamp for p in (db_path, Path(f"{db_path}-wal")))


def is_sound(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=15)
        try:
            if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return False
            return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'workshops'").fetchone() is not None
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def check_store(db_path: Path, folder: Path | None = None) -> None:
    """Refuse to start on a damaged store, or on a missing one when backups exist.

    Either would otherwise show an empty new store that hides the real workshops.
    """
    latest = latest_backup(folder or backup_dir(db_path))
    if not db_path.exists() or db_path.stat().st_size == 0:
        if latest is not None and not os.environ.get("REMBUG_NEW_STORE"):
            raise RembugError("err.store_missing", path=str(db_path), backup=str(latest))
        return
    if not is_sound(db_path):
        raise RembugError("err.store_corrupt", path=str(db_path), backup=str(latest or "-"))


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put a backup in place of the store; the old store (if any) is kept beside it, never deleted."""
    if not backup.exists() or not is_sound(backup):
        raise RembugError("err.backup_unreadable", path=str(backup))
    kept = None
    if db_path.exists():
        kept = db_path.with_name(f"{db_path.name}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S}")
        db_path.replace(kept)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    partial = db_path.with_name(db_path.name + ".part")
    shutil.copyfile(backup, partial)
    partial.replace(db_path)
    return kept


def start_backup_worker(db_path: Path, minutes: float | None = None) -> threading.Thread:
    """A daemon thread that backs the store up every few minutes when it has changed."""
    interval = 60 * (minutes if minutes is not None else float(os.environ.get("REMBUG_BACKUP_MINUTES", "5")))
    folder = backup_dir(db_path)

    def loop():
        while True:
            try:
                if db_path.exists() and store_changed_since(db_path, latest_backup(folder)):
                    make_backup(db_path, folder)
            except (OSError, sqlite3.Error):
                pass  # a failed backup must never take the hall's app down; the next round retries
            time.sleep(interval)

    thread = threading.Thread(target=loop, name="rembug-backup", daemon=True)
    thread.start()
    return thread
