"""Automatic backups: consistent copies of a live store, rotation, and the start-up check."""
import datetime as dt
import os
import subprocess
import sys

import pytest

from facilitation import participants, workshops
from facilitation.errors import RembugError
from facilitation.store import Database
from facilitation.store.backups import (check_store, latest_backup, list_backups, make_backup, restore_backup,
                                        rotate, store_changed_since)
from tests.conftest import ROOT, WORKSHOP


def test_backup_of_a_live_store_holds_committed_data(tmp_path):
    path = tmp_path / "live.sqlite3"
    db = Database(f"sqlite:///{path}")
    wid = workshops.create_workshop(db, dict(WORKSHOP), pin="1234")
    participants.add_participant(db, wid, {"name": "Ani", "gender": "P", "institution": "PKK"})
    backup = make_backup(path)  # while the engine holds connections open
    assert backup.parent == tmp_path / "backups"
    copy = Database(f"sqlite:///{backup}", create=False)
    assert [p["name"] for p in participants.list_participants(copy, wid)] == ["Ani"]
    assert not store_changed_since(path, backup)


def test_rotation_keeps_the_last_n_per_day(tmp_path):
    path = tmp_path / "s.sqlite3"
    Database(f"sqlite:///{path}")
    folder = tmp_path / "b"
    for day in (1, 2):
        for minute in range(5):
            make_backup(path, folder, now=dt.datetime(2026, 3, 9 + day, 10, minute))
    rotate(folder, keep_per_day=3)
    names = [p.name for p in list_backups(folder)]
    assert names == [f"rembug-2026031{d}-10{m:02d}00.sqlite3" for d in (0, 1) for m in (2, 3, 4)]


def test_corrupt_store_is_refused_with_the_latest_backup_named(tmp_path):
    path = tmp_path / "s.sqlite3"
    Database(f"sqlite:///{path}").dispose()
    good = make_backup(path)
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(RembugError) as exc:
        check_store(path)
    assert exc.value.key == "err.store_corrupt" and exc.value.params["backup"] == str(good)
    assert str(good) in exc.value.message("en")


def test_missing_store_with_backups_is_refused_not_recreated(tmp_path, monkeypatch):
    monkeypatch.delenv("REMBUG_NEW_STORE", raising=False)
    path = tmp_path / "s.sqlite3"
    Database(f"sqlite:///{path}").dispose()
    make_backup(path)
    path.unlink()
    with pytest.raises(RembugError) as exc:
        check_store(path)
    assert exc.value.key == "err.store_missing"
    assert not path.exists()


def test_restore_puts_the_backup_back_and_keeps_the_old_file(tmp_path):
    path = tmp_path / "s.sqlite3"
    db = Database(f"sqlite:///{path}")
    wid = workshops.create_workshop(db, dict(WORKSHOP), pin="1234")
    backup = make_backup(path)
    db.dispose()
    path.write_bytes(b"garbage" * 1000)
    kept = restore_backup(backup, path)
    assert kept.read_bytes().startswith(b"garbage")
    check_store(path)
    assert workshops.get_workshop(Database(f"sqlite:///{path}"), wid)["village"] == "Sukamaju"
    with pytest.raises(RembugError):
        restore_backup(kept, path)  # a damaged file is never put in place


def test_cli_refuses_corrupt_store_and_restores(tmp_path):
    path = tmp_path / "s.sqlite3"
    env = {**os.environ, "REMBUG_DB": str(path)}
    env.pop("DATABASE_URL", None)

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "facilitation", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    assert cli("demo").returncode == 0
    assert cli("backup-store").returncode == 0
    path.write_bytes(b"\x00garbage" * 500)
    res = cli("list")
    assert res.returncode == 1 and "rusak" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    res = cli("restore-store", str(latest_backup(tmp_path / "backups")))
    assert res.returncode == 0, res.stderr
    assert "Mekarsari" in cli("list").stdout


def test_app_shows_the_corrupt_store_message(apptest, tmp_path):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "app.sqlite3"
    make_backup(path)
    apptest.db.dispose()
    path.write_bytes(b"not a database" * 200)
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    assert "rusak" in at.error[0].value and "backups" in at.error[0].value
    assert not at.exception
