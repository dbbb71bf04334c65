"""Golden plans: three seeded lists, how each is planned, and the figures its plan reached.

`tests/data/golden_plans.json` stores those figures; `tests/planning/test_golden.py` plans
again and compares. After a deliberate planner change that changes a plan, regenerate with

    .venv/bin/python -m tests.planning.golden
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.synthetic import generate
from matching.model import OddMode, Participant, Plan
from matching.planning.planner import PlanOutcome, PlanStatus, plan

GOLDEN_FILE = Path(__file__).resolve().parents[1] / "data" / "golden_plans.json"
REGENERATE = ".venv/bin/python -m tests.planning.golden"
SEED = 0  # the planner's seed (the list's seed is per case)
TIME_LIMIT = 10.0

# Best first: a plan whose status moves down this list got worse.
STATUS_RANK = {
    PlanStatus.OPTIMAL.value: 3,
    PlanStatus.FEASIBLE.value: 2,
    PlanStatus.FEWER_ROUNDS.value: 1,
    PlanStatus.INFEASIBLE.value: 0,
}


@dataclass(frozen=True, slots=True)
class GoldenCase:
    """One seeded list (`benchmarks.synthetic.generate`) and how it is planned."""

    name: str
    n: int
    list_seed: int
    rounds: int
    odd: OddMode
    seated: int | None = None  # None: generate's default (n // 20)
    wishes: int | None = None  # None: n // 10 wish attempts
    avoids: int | None = None  # None: n // 40 avoid attempts

    def setup(self) -> dict[str, Any]:
        """The inputs as stored next to the figures, so a stale golden file is noticed."""
        return {
            "n": self.n,
            "list_seed": self.list_seed,
            "rounds": self.rounds,
            "odd": self.odd.value,
            "seated": self.seated,
            "wishes": self.wishes,
            "avoids": self.avoids,
            "planner_seed": SEED,
            "time_limit": TIME_LIMIT,
        }


# Sizes and seeds are chosen so that each case exercises the CP-SAT models, not only the
# shortcut where the LP bound is already integral (which every 6-round variant took).
CASES: tuple[GoldenCase, ...] = (
    # (a) odd count, trio mode: one table of three per round; pair choice, then the
    # one-model polish (the bound is fractional, so the status is "feasible").
    GoldenCase("odd_trio_21", n=21, list_seed=12, rounds=10, odd=OddMode.TRIO),
    # (b) six people keep their table all event (two of them never meet), a few wishes.
    GoldenCase("seated_20", n=20, list_seed=12, rounds=9, odd=OddMode.TRIO, seated=6, wishes=4),
    # (c) many wishes and avoid pairs (30 and 14 attempts; same-org and conflicting ones are
    # dropped by generate).
    GoldenCase(
        "wishes_avoids_24", n=24, list_seed=11, rounds=9, odd=OddMode.TRIO, wishes=30, avoids=14
    ),
)
BY_NAME = {case.name: case for case in CASES}


def people(case: GoldenCase) -> list[Participant]:
    """The case's list; generate() is deterministic per seed and already sets stays_seated,
    wants_to_meet and avoid, so nothing needs post-processing."""
    return generate(
        case.n, case.list_seed, seated=case.seated, wishes=case.wishes, avoids=case.avoids
    )


def plan_case(case: GoldenCase, participants: list[Participant] | None = None) -> PlanOutcome:
    participants = people(case) if participants is None else participants
    return plan(participants, case.rounds, odd=case.odd, seed=SEED, time_limit=TIME_LIMIT)


def canonical_tables(made: Plan) -> list[dict[str, Any]]:
    """Who sits with whom in which round, independent of table numbers and member order."""
    return [
        {
            "round": rnd.number,
            "tables": sorted(sorted(t.members) for t in rnd.tables),
            "resting": sorted(rnd.resting),
        }
        for rnd in sorted(made.rounds, key=lambda r: r.number)
    ]


def tables_hash(made: Plan) -> str:
    text = json.dumps(canonical_tables(made), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def figures(outcome: PlanOutcome) -> dict[str, Any]:
    """What a golden plan is judged by (see test_golden)."""
    metrics = outcome.plan.metrics
    return {
        "score": metrics.get("score"),
        "upper_bound": outcome.bound.value if outcome.bound is not None else None,
        "status": outcome.status.value,
        "sector_coverage": metrics.get("sector_coverage"),
        "tables_sha256": tables_hash(outcome.plan),
    }


def load() -> dict[str, dict[str, Any]]:
    return json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))["cases"]


def regenerate() -> None:
    """Plan every case and write the golden file (after a deliberate planner change)."""
    cases = {}
    for case in CASES:
        found = figures(plan_case(case))
        cases[case.name] = {"setup": case.setup(), **found}
        print(
            f"{case.name}: score {found['score']} / bound {found['upper_bound']} "
            f"({found['status']}), coverage {found['sector_coverage']}"
        )
    data = {"regenerate_with": REGENERATE, "cases": cases}
    GOLDEN_FILE.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN_FILE}")


if __name__ == "__main__":
    regenerate()
