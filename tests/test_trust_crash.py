"""bench/crash_votes.py, small: 20 phones vote and the facilitator edits the action plan, the
server is killed with SIGKILL half-way, restarted on the same store; every confirmed vote and
edit is there, and no ballot is doubled."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_sigkill_mid_vote_loses_nothing_confirmed():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "crash_votes.py"), "--participants", "20",
                           "--polls", "4"], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.stdout.strip(), done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert result["lost"] == 0 and result["duplicated"] == 0, result
    # the kill really came mid-vote: many votes confirmed, many not yet cast
    assert 20 <= result["votes_confirmed"] < 20 * 4, result
    assert result["plan_edits_confirmed"] >= 1, result
    assert result["stored"] == result["confirmed"], result
