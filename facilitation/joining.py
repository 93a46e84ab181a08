"""How phones reach the laptop: its LAN address, the join and participant links, QR codes,
and the join step itself (workshop join code -> pick your name -> your personal link).

The hall has no internet, so the address is found offline: a UDP socket "connected" to a
private address makes the kernel pick the outgoing interface without sending a packet;
then the interfaces themselves (Linux) and the host name's addresses. REMBUG_PUBLIC_URL
(e.g. http://192.168.1.20:8501) overrides everything, for a server behind a proxy or NAT.
"""
from __future__ import annotations

import io
import ipaddress
import os
import socket
import struct

from facilitation.errors import RembugError
from facilitation.store import Database
from facilitation.store import joins as jq
from facilitation.store import workshops as wq

DEFAULT_PORT = 8501
# unicast addresses in each private range; nothing is sent to them
_PROBES = ("10.254.254.254", "192.168.254.254", "172.31.254.254")


def _usable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def _probe(target: str) -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect((target, 9))  # UDP connect only chooses a route
            return s.getsockname()[0]
        except OSError:
            return None


def _interface_addresses() -> list[str]:
    """IPv4 address of every network interface (Linux ioctl; empty elsewhere)."""
    try:
        import fcntl
    except ImportError:
        return []
    out = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(s.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))  # SIOCGIFADDR
            except OSError:
                continue
            out.append(socket.inet_ntoa(packed[20:24]))
    return out


def _hostname_addresses() -> list[str]:
    try:
        return socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        return []


def lan_addresses() -> list[str]:
    """This machine's usable IPv4 addresses, the one with a route to the LAN first."""
    found: list[str] = []
    for address in [*(_probe(t) for t in _PROBES), *_interface_addresses(), *_hostname_addresses()]:
        if address and _usable(address) and address not in found:
            found.append(address)
    private = [a for a in found if ipaddress.ip_address(a).is_private]
    return private + [a for a in found if a not in private]


def lan_address() -> str | None:
    found = lan_addresses()
    return found[0] if found else None


def public_url_override() -> str | None:
    url = os.environ.get("REMBUG_PUBLIC_URL", "").strip()
    return url.rstrip("/") or None


def base_url(port: int | None = None, address: str | None = None) -> str:
    """http://<LAN address>:<port>, or REMBUG_PUBLIC_URL; loopback only when there is no network."""
    override = public_url_override()
    if override:
        return override
    host = address or lan_address() or "127.0.0.1"
    return f"http://{host}:{port or DEFAULT_PORT}"


def join_url(code: str, base: str) -> str:
    return f"{base}/?join={code}"


def participant_url(token: str, base: str) -> str:
    return f"{base}/?p={token}"


def qr_png(data: str, scale: int = 10, border: int = 2) -> bytes:
    import segno

    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="png", scale=scale, border=border)
    return buf.getvalue()


def qr_svg(data: str, scale: int = 10, border: int = 2) -> str:
    import segno

    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="svg", scale=scale, border=border, xmldecl=False)
    return buf.getvalue().decode()


# ---------------------------------------------------------------- joining

def normalise_code(code: str | None) -> str:
    return "".join(ch for ch in str(code or "").upper() if ch.isalnum())[:12]


def join_lookup(db: Database, code: str | None) -> dict | None:
    """The workshop behind a join code and its participants to choose from, or None."""
    code = normalise_code(code)
    if not code:
        return None
    with db.read() as conn:
        ws = wq.workshop_by_join_code(conn, code)
        if ws is None:
            return None
        people = [{"id": pid, "name": name, "institution": inst}
                  for pid, name, inst in wq.participant_keys(conn, ws["id"])]
    ws.pop("pin_hash", None)
    people.sort(key=lambda p: (p["name"].casefold(), p["institution"].casefold()))
    return {"workshop": ws, "participants": people}


def token_for(db: Database, code: str | None, participant_id: int) -> str | None:
    """The personal link token of a participant of the workshop with this join code.

    Handed out once per name (facilitation/store/joins.py): a name already taken raises
    RembugError('live.join_taken'), and the facilitator gives that person a new link by hand."""
    code = normalise_code(code)
    with db.tx() as conn:
        ws = wq.workshop_by_join_code(conn, code) if code else None
        person = wq.get_participant(conn, ws["id"], participant_id) if ws else None
        if person is None or person["token_revoked"]:
            return None
        if not jq.claim(conn, ws["id"], participant_id):
            raise RembugError("live.join_taken")
    return person["token"]


def joined_ids(db: Database, workshop_id: str) -> set[int]:
    """The participants who have taken their link through the join code."""
    with db.read() as conn:
        return jq.joined_ids(conn, workshop_id)
