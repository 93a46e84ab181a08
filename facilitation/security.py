"""PIN hashing (scrypt from the standard library) and random participant tokens."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading

_N, _R, _P = 2**14, 8, 1


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def new_token() -> str:
    """192 random bits, URL-safe: cannot be guessed from a name or a number."""
    return secrets.token_urlsafe(24)


def new_join_code() -> str:
    # no 0/O/1/I so it reads well off a projector
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


def lockout_seconds(failures: int) -> int:
    """Wait before the next PIN try: none for the first 5 failures, then 5, 10, 20 … s (max 5 min)."""
    if failures < 5:
        return 0
    return min(300, 5 * 2 ** (failures - 5))


class PinThrottle:
    """Wrong PINs for one workshop counted across every browser session of this server.

    The wait in ui.context.try_login belongs to one browser session, and a reload is a new
    session: a script on the hall's Wi-Fi could open session after session and try a 4-digit
    PIN in minutes. After FREE wrong PINs in all, each workshop takes at most one PIN check
    per INTERVAL seconds (the right PIN too, so a guess gets no faster by being right): 10,000
    guesses then take hours, while a facilitator reloading the page waits a second or two.
    The facilitator's open sessions stay logged in; the right PIN starts the count again.
    """

    FREE = 20
    INTERVAL = 2.0

    def __init__(self):
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}
        self._next_at: dict[str, float] = {}

    def wait(self, workshop_id: str, now: float) -> float:
        """Seconds before this workshop's PIN may be checked again (0: now); claims the slot."""
        with self._lock:
            if self._failures.get(workshop_id, 0) < self.FREE:
                return 0.0
            next_at = self._next_at.get(workshop_id, 0.0)
            if now < next_at:
                return next_at - now
            self._next_at[workshop_id] = now + self.INTERVAL
            return 0.0

    def failed(self, workshop_id: str) -> None:
        with self._lock:
            self._failures[workshop_id] = self._failures.get(workshop_id, 0) + 1

    def succeeded(self, workshop_id: str) -> None:
        with self._lock:
            self._failures.pop(workshop_id, None)
            self._next_at.pop(workshop_id, None)


PIN_THROTTLE = PinThrottle()
