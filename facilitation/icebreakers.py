"""The ice breaker library (content/modules/icebreakers.yaml), filtered for the moment at hand."""
from __future__ import annotations

from facilitation.content import ICEBREAKER_KINDS, PURPOSES, Icebreaker, load_icebreakers

__all__ = ["ICEBREAKER_KINDS", "PURPOSES", "library", "filter_icebreakers", "get", "timer_key"]


def library() -> tuple[Icebreaker, ...]:
    return load_icebreakers()


def filter_icebreakers(items, max_minutes: int | None = None, purposes=(), kinds=(),
                       group: int | None = None) -> list[Icebreaker]:
    """Those that fit in `max_minutes`, serve any of `purposes`, are of one of `kinds` and
    suit a group of `group` people; an empty filter lets everything through. Shortest first."""
    purposes, kinds = set(purposes or ()), set(kinds or ())
    out = [
        ib for ib in items
        if (max_minutes is None or ib.duration_min <= max_minutes)
        and (not purposes or purposes & set(ib.purpose))
        and (not kinds or ib.kind in kinds)
        and (group is None or ib.group_size.min <= group <= ib.group_size.max)
    ]
    return sorted(out, key=lambda ib: (ib.duration_min, ib.id))


def get(icebreaker_id: str) -> Icebreaker | None:
    return next((ib for ib in library() if ib.id == icebreaker_id), None)


def timer_key(icebreaker_id: str) -> str:
    """Each ice breaker card has its own countdown in the shared timer store."""
    return f"icebreaker:{icebreaker_id}"
