"""Guessing the facilitator's PIN from many browser sessions: a reload (a new session) must not
start the guessing afresh. After 20 wrong PINs for a workshop, from any sessions, the server
checks that workshop's PIN at most once per interval."""
from __future__ import annotations

import time

from facilitation.security import PIN_THROTTLE, PinThrottle
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP


def _try(at, pin: str):
    at.text_input[0].input(pin)
    at.form_submit_button[0].click().run()
    return at


def _shown(at) -> str:
    return "\n".join(str(e.value) for e in (*at.error, *at.success, *at.title))


def test_the_throttle_counts_across_sessions_and_forgets_on_success():
    throttle = PinThrottle()
    for _ in range(PinThrottle.FREE):
        assert throttle.wait("w1", 0.0) == 0.0
        throttle.failed("w1")
    assert throttle.wait("w1", 100.0) == 0.0  # one check now ...
    assert throttle.wait("w1", 100.5) > 0  # ... and no other before the interval is over
    assert throttle.wait("w1", 100.0 + PinThrottle.INTERVAL) == 0.0
    assert throttle.wait("w2", 100.5) == 0.0  # another workshop is not slowed down
    throttle.succeeded("w1")
    assert throttle.wait("w1", 100.6) == 0.0


def test_new_sessions_do_not_restart_the_guessing(apptest, monkeypatch):
    monkeypatch.setattr(PinThrottle, "INTERVAL", 1.5)
    wid = create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    for _ in range(PinThrottle.FREE // 5):  # four "reloads", five wrong PINs each
        at = apptest()
        for _ in range(5):
            _try(at, "9999")
    fresh = apptest()
    _try(fresh, "1111")  # the one check of this interval: wrong
    _try(fresh, "4321")  # the right PIN waits too: being right must not be faster to find out
    assert "auth_workshop" not in fresh.session_state
    assert "Terlalu banyak PIN salah" in _shown(fresh)
    time.sleep(PinThrottle.INTERVAL)
    assert _try(apptest(), "4321").session_state["auth_workshop"] == wid
    assert PIN_THROTTLE.wait(wid, time.monotonic()) == 0.0  # the right PIN cleared the count


def test_a_right_pin_logs_in_at_once_while_nobody_guesses(apptest):
    wid = create_workshop(apptest.db, dict(WORKSHOP), pin="4321")
    at = _try(apptest(), "4321")
    assert at.session_state["auth_workshop"] == wid
