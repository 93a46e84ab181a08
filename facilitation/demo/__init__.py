"""A realistic demo workshop with every step filled in.

`build_demo(db)` runs each step of STEPS in order; every capability adds its own step
module here (a function `fill(db, workshop_id, rng)`), so the demo always shows the whole
four days.
"""
from __future__ import annotations

import importlib
import random

from facilitation.store import Database

DEMO_PIN = "1234"

# step modules in the order of the four days (append yours)
STEPS: list[str] = [
    "facilitation.demo.core",
    "facilitation.demo.agenda",
    "facilitation.demo.voting",
    "facilitation.demo.assessment",
    "facilitation.demo.election",
    "facilitation.demo.pledges",
    "facilitation.demo.planning",  # after assessment and pledges: uses their priorities and funds
    "facilitation.demo.monitoring",  # the six months after: progress, visits, endline, terminasi
]


def build_demo(db: Database, seed: int = 2026) -> str:
    from facilitation.demo import core

    rng = random.Random(seed)
    workshop_id = core.create(db, rng)
    for name in STEPS:
        importlib.import_module(name).fill(db, workshop_id, rng)
    return workshop_id
