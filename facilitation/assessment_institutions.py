"""The social-capital map of pranata sosial: a Venn (chapati) diagram (DOMAIN.md §4.4).

Each institution has a type, an importance (circle size 1–3), a closeness to the community
(distance 0 = inside the community circle … 3 = far away), a valence (+ helpful, − harmful
or excluding) and notes on the trust, networks and norms the group sees in it. Two
institutions can be linked: their circles touch or overlap.

Derived figures:
- `important_but_distant`: importance 3 and distance ≥ 2, a candidate for a networking action;
- network density = linked pairs / (k(k−1)/2); touching and overlapping both count as linked
  (evidence for parameter P2.3).

`venn_layout` turns the records into circles and lines in one coordinate system (community
at the origin, y upwards) that the page, the Word picture and the PDF drawing all share.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Literal

from pydantic import Field

from facilitation.content import INSTITUTION_TYPES
from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.models import _Input
from facilitation.store import Database
from facilitation.store import assessment as q
from facilitation.store import workshops as wq
from facilitation.validation import validate

IMPORTANCE = (1, 2, 3)
DISTANCES = (0, 1, 2, 3)
VALENCES = ("+", "-")
DEGREES = ("touch", "overlap")
NOTE_MAX = 1000

# geometry of the diagram, in the diagram's own units
COMMUNITY_RADIUS = 3.0
RADIUS_BY_IMPORTANCE = {1: 0.5, 2: 0.75, 3: 1.0}
# where a circle's centre sits: inside, on the community's edge, near outside, far outside
RING_BY_DISTANCE = {0: 1.5, 1: 3.0, 2: 4.9, 3: 6.7}


class InstitutionIn(_Input):
    name: str = Field(min_length=1, max_length=120)
    type: Literal[INSTITUTION_TYPES]
    importance: int = Field(ge=1, le=3)
    distance: int = Field(ge=0, le=3)
    valence: Literal[VALENCES] = "+"
    trust: str = Field(default="", max_length=NOTE_MAX)
    networks: str = Field(default="", max_length=NOTE_MAX)
    norms: str = Field(default="", max_length=NOTE_MAX)
    members: str = Field(default="", max_length=NOTE_MAX)


def important_but_distant(inst: dict) -> bool:
    return inst["importance"] == 3 and inst["distance"] >= 2


def network_density(count: int, linked_pairs: int) -> Fraction | None:
    """linked pairs / possible pairs; None with fewer than two institutions."""
    possible = count * (count - 1) // 2
    return Fraction(linked_pairs, possible) if possible else None


# ---------------------------------------------------------------- records

def add_institution(db: Database, workshop_id: str, data: dict) -> int:
    inst = validate(InstitutionIn, data)
    with db.tx() as conn:
        if wq.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        if any(i["name"].casefold() == inst.name.casefold() for i in q.list_institutions(conn, workshop_id)):
            raise RembugError("assessment.err_institution_duplicate", name=inst.name)
        return q.insert_institution(conn, {**inst.model_dump(), "workshop_id": workshop_id})


def update_institution(db: Database, workshop_id: str, inst_id: int, data: dict) -> None:
    inst = validate(InstitutionIn, data)
    with db.tx() as conn:
        others = [i for i in q.list_institutions(conn, workshop_id) if i["id"] != inst_id]
        if any(i["name"].casefold() == inst.name.casefold() for i in others):
            raise RembugError("assessment.err_institution_duplicate", name=inst.name)
        if not q.update_institution(conn, workshop_id, inst_id, inst.model_dump()):
            raise NotFound("assessment.err_institution_not_found", id=inst_id)


def delete_institution(db: Database, workshop_id: str, inst_id: int) -> None:
    with db.tx() as conn:
        if not q.delete_institution(conn, workshop_id, inst_id):
            raise NotFound("assessment.err_institution_not_found", id=inst_id)


def list_institutions(db: Database, workshop_id: str) -> list[dict]:
    """Institutions in entry order, each with `important_but_distant` and `links` (count)."""
    with db.read() as conn:
        items = q.list_institutions(conn, workshop_id)
        links = q.list_links(conn, workshop_id)
    degree = {i["id"]: 0 for i in items}
    for link in links:
        degree[link["a_id"]] += 1
        degree[link["b_id"]] += 1
    return [{**i, "important_but_distant": important_but_distant(i), "links": degree[i["id"]]} for i in items]


def set_link(db: Database, workshop_id: str, a_id: int, b_id: int, degree: str | None) -> None:
    """Link two institutions ('touch' or 'overlap'), or unlink them with degree None."""
    if a_id == b_id:
        raise InputError([FieldError("link", "assessment.err_link_self")])
    if degree is not None and degree not in DEGREES:
        raise InputError([FieldError("link", "err.choice")])
    a_id, b_id = sorted((a_id, b_id))
    with db.tx() as conn:
        known = {i["id"] for i in q.list_institutions(conn, workshop_id)}
        for inst_id in (a_id, b_id):
            if inst_id not in known:
                raise NotFound("assessment.err_institution_not_found", id=inst_id)
        if degree is None:
            q.delete_link(conn, workshop_id, a_id, b_id)
        else:
            q.upsert_link(conn, workshop_id, a_id, b_id, degree)


def list_links(db: Database, workshop_id: str) -> list[dict]:
    with db.read() as conn:
        return q.list_links(conn, workshop_id)


# ---------------------------------------------------------------- the diagram

@dataclass(frozen=True)
class Circle:
    id: int
    name: str
    x: float
    y: float
    r: float
    valence: str
    importance: int
    distance: int
    flagged: bool


@dataclass(frozen=True)
class Line:
    a: int
    b: int
    x1: float
    y1: float
    x2: float
    y2: float
    degree: str


@dataclass(frozen=True)
class VennLayout:
    community_radius: float
    circles: tuple[Circle, ...]
    lines: tuple[Line, ...]
    extent: float  # every circle fits in [-extent, extent] on both axes


def _ring_needed(members: list[dict]) -> float:
    """The smallest ring radius on which these circles, evenly spread, do not overlap."""
    if len(members) < 2:
        return 0.0
    widest = max(RADIUS_BY_IMPORTANCE[m["importance"]] for m in members)
    return (2 * widest + 0.2) / (2 * math.sin(math.pi / len(members)))


def _ring_radii(rings: dict[int, list[dict]]) -> tuple[float, dict[int, float]]:
    """(community radius, ring radius per distance): the base sizes, widened where a ring is
    crowded, keeping inner circles inside the community and rings apart from each other."""
    def widest(d):
        return max((RADIUS_BY_IMPORTANCE[m["importance"]] for m in rings.get(d, [])), default=0.0)

    inner = rings.get(0, [])
    r0 = 0.0 if len(inner) == 1 else max(RING_BY_DISTANCE[0], _ring_needed(inner))
    # inner circles stay inside, and clear of the circles sitting on the edge
    community = max(COMMUNITY_RADIUS, r0 + widest(0) + widest(1) + 0.2)
    r1 = max(community, _ring_needed(rings.get(1, [])))
    gap2 = RING_BY_DISTANCE[2] - RING_BY_DISTANCE[1]
    r2 = max(community + gap2, r1 + widest(1) + widest(2) + 0.3, _ring_needed(rings.get(2, [])))
    gap3 = RING_BY_DISTANCE[3] - RING_BY_DISTANCE[2]
    r3 = max(r2 + gap3, r2 + widest(2) + widest(3) + 0.3, _ring_needed(rings.get(3, [])))
    return community, {0: r0, 1: r1, 2: r2, 3: r3}


def venn_layout(institutions: list[dict], links: list[dict]) -> VennLayout:
    """Circles sized by importance on a ring chosen by closeness (inside the community
    circle, on its edge, near, far); the institutions of one ring spread evenly round it in
    entry order, rings starting at staggered angles, so the same records always give the
    same picture. Crowded rings widen so circles of one ring do not overlap by accident:
    in this picture only a drawn link means 'linked'."""
    rings: dict[int, list[dict]] = {}
    for inst in institutions:
        rings.setdefault(inst["distance"], []).append(inst)
    community, radii = _ring_radii(rings)
    circles: list[Circle] = []
    for distance, members in sorted(rings.items()):
        start = math.pi / 2 + distance * math.pi / 5
        for n, inst in enumerate(members):
            angle = start + 2 * math.pi * n / len(members)
            circles.append(Circle(
                inst["id"], inst["name"], round(radii[distance] * math.cos(angle), 4),
                round(radii[distance] * math.sin(angle), 4), RADIUS_BY_IMPORTANCE[inst["importance"]],
                inst["valence"], inst["importance"], distance, important_but_distant(inst),
            ))
    by_id = {c.id: c for c in circles}
    lines = tuple(
        Line(link["a_id"], link["b_id"], by_id[link["a_id"]].x, by_id[link["a_id"]].y, by_id[link["b_id"]].x,
             by_id[link["b_id"]].y, link["degree"])
        for link in links if link["a_id"] in by_id and link["b_id"] in by_id
    )
    reach = [community] + [max(abs(c.x), abs(c.y)) + c.r for c in circles]
    return VennLayout(community, tuple(circles), lines, round(max(reach) + 0.6, 2))


def institution_map(db: Database, workshop_id: str) -> dict:
    """Everything the page and the export show: institutions, links with names, density,
    flags and the layout."""
    items = list_institutions(db, workshop_id)
    links = list_links(db, workshop_id)
    names = {i["id"]: i["name"] for i in items}
    density = network_density(len(items), len(links))
    possible = len(items) * (len(items) - 1) // 2
    return {
        "institutions": items,
        "links": [{**link, "a_name": names[link["a_id"]], "b_name": names[link["b_id"]]} for link in links],
        "density": density,
        "density_100": None if density is None else float(density) * 100,
        "linked_pairs": len(links),
        "possible_pairs": possible,
        "flagged": [i for i in items if i["important_but_distant"]],
        "isolated": [i for i in items if i["links"] == 0],
        "layout": venn_layout(items, links),
    }


def unlinked_pairs(items: list[dict], links: list[dict]) -> list[tuple[int, int]]:
    """Pairs of institutions not yet linked (the choices of the 'add a link' form)."""
    linked = {(link["a_id"], link["b_id"]) for link in links}
    ids = sorted(i["id"] for i in items)
    return [pair for pair in combinations(ids, 2) if pair not in linked]
