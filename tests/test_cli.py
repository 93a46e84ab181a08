"""The command line: demo, list, export; bad arguments give one line and a non-zero exit."""
import os
import subprocess
import sys

from tests.conftest import ROOT


def run(*args, db_path):
    env = {**os.environ, "REMBUG_DB": str(db_path)}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "facilitation", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_demo_list_export(tmp_path):
    store = tmp_path / "cli.sqlite3"
    demo = run("demo", db_path=store)
    assert demo.returncode == 0, demo.stderr
    wid = demo.stdout.strip().splitlines()[-1]
    listed = run("list", db_path=store)
    assert listed.stdout.strip().split("\t") == [wid, "Mekarsari", "Kabupaten Bandung Barat", "2026"]
    again = run("demo", "--if-empty", db_path=store)
    assert again.stdout.strip().splitlines()[-1] == wid
    assert len(run("list", db_path=store).stdout.strip().splitlines()) == 1
    out = tmp_path / "daftar-hadir.csv"
    res = run("export", "--workshop", wid, "--doc", "participants", "--format", "csv", "--out", str(out), db_path=store)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes().decode("utf-8-sig").count("\n") >= 31


def test_bad_arguments_fail_in_one_line(tmp_path):
    store = tmp_path / "cli.sqlite3"
    for args in (["lis"], ["export", "--workshop", "x"], ["export", "--workshop", "nope", "--doc", "participants",
                                                            "--format", "pdf", "--out", str(tmp_path / "x.pdf")],
                 ["export", "--workshop", "nope", "--doc", "bogus", "--format", "pdf", "--out", str(tmp_path / "y.pdf")]):
        res = run(*args, db_path=store)
        assert res.returncode != 0
        assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()
