"""The action plan's money and its whole-plan checks, as pure functions of their inputs.

Money is whole rupiah (int) everywhere: a float amount is refused, never rounded, because money
that went through a float has already lost its exactness somewhere.
"""
from __future__ import annotations

import numbers
import re
from dataclasses import dataclass, field

from facilitation import content
from facilitation.errors import RembugError

SOURCES = ("stimulan", "swadaya", "lainnya")  # the keys of pledges.available_funds, plus "total"


def as_rupiah(value) -> int:
    """A whole-rupiah amount as int. Floats (and Decimals) are refused, not rounded: money
    that went through a float has already lost its exactness somewhere."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise RembugError("planning.err_amount_integer", value=str(value))
    return int(value)


def parse_rupiah(text) -> int:
    """'1.500.000', 'Rp 1.500.000' or '1500000' -> 1500000; '1.5' and '1,5' are refused."""
    if not isinstance(text, str):
        return as_rupiah(text)
    s = text.strip().removeprefix("Rp").removeprefix("rp").strip().replace(" ", "")
    if re.fullmatch(r"\d+", s) or re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
        return int(s.replace(".", ""))
    raise RembugError("planning.err_amount_integer", value=text)


def row_total(row: dict) -> int:
    return sum(as_rupiah(line["amount"]) for line in row.get("budget", ()))


def budget_totals(plan_rows) -> dict[str, int]:
    """Planned money per source and in total, over every budget line of every row."""
    totals = {s: 0 for s in SOURCES}
    for row in plan_rows:
        for line in row.get("budget", ()):
            if line["source"] not in totals:
                raise RembugError("planning.err_source", source=str(line["source"]))
            totals[line["source"]] += as_rupiah(line["amount"])
    totals["total"] = sum(totals[s] for s in SOURCES)
    return totals


# ---------------------------------------------------------------- whole-plan checks (pure)

@dataclass(frozen=True)
class Check:
    """One line of the plan's checklist: `message` is a catalog key, `params` its values."""

    key: str
    ok: bool
    message: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PlanReport:
    checks: tuple[Check, ...]
    planned: dict
    available: dict

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)


def validate_plan(plan_rows, funds: dict, dimensions_left_out: dict,
                  dimensions: tuple[str, ...] | None = None) -> PlanReport:
    """Check a plan as a whole.

    `plan_rows`: dicts with `dimensions` (list), `pic_participant_id` (None when nobody is in
    charge) and `budget` (dicts with `source` and int `amount`), in plan order.
    `funds`: available money per source (stimulan, swadaya, lainnya; ints).
    `dimensions_left_out`: {dimension id: reason}; a blank reason does not count.
    Every source's total must stay within what is available, as must the overall total; every
    dimension must be served by a row or left out with a reason; every row needs a person in
    charge. Raises RembugError when an amount is not a whole number.
    """
    dims = tuple(dimensions or (d.id for d in content.load_dimensions().dimensions))
    rows = list(plan_rows)
    planned = budget_totals(rows)
    available = {s: as_rupiah(funds.get(s, 0)) for s in SOURCES}
    available["total"] = sum(available.values())
    checks: list[Check] = [
        Check("rows", bool(rows), "planning.check_rows_ok" if rows else "planning.check_rows_none",
              {"count": len(rows)}),
    ]
    for source in (*SOURCES, "total"):
        over = planned[source] - available[source]
        params = {"source": source, "planned": planned[source], "available": available[source], "over": max(over, 0)}
        checks.append(Check(f"budget.{source}", over <= 0,
                            "planning.check_budget_ok" if over <= 0 else "planning.check_budget_over", params))
    served: dict[str, list[int]] = {d: [] for d in dims}
    for no, row in enumerate(rows, start=1):
        for d in row.get("dimensions", ()):
            if d in served:
                served[d].append(no)
    for d in dims:
        reason = (dimensions_left_out.get(d) or "").strip()
        if served[d]:
            checks.append(Check(f"dimension.{d}", True, "planning.check_dim_served",
                                {"dimension": d, "rows": ", ".join(map(str, served[d]))}))
        elif reason:
            checks.append(Check(f"dimension.{d}", True, "planning.check_dim_left_out",
                                {"dimension": d, "reason": reason}))
        else:
            checks.append(Check(f"dimension.{d}", False, "planning.check_dim_missing", {"dimension": d}))
    without = [no for no, row in enumerate(rows, start=1) if not row.get("pic_participant_id")]
    checks.append(Check("pic", not without, "planning.check_pic_ok" if not without else "planning.check_pic_missing",
                        {"rows": ", ".join(map(str, without)), "count": len(without)}))
    return PlanReport(tuple(checks), planned, available)
