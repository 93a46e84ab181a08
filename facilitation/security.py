"""PIN hashing (scrypt from the standard library) and random participant tokens."""
from __future__ import annotations

import hashlib
import hmac
import secrets

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
