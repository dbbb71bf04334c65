"""Re-planning benchmark: a typical morning (some no-shows, late arrivals) after round K.

    python benchmarks/bench_replan.py

Also called by bench_planner.py, which prints these rows below the planner table.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES = [
    (41, 8, 3, 2, 1),
    (80, 10, 4, 3, 2),
    (150, 10, 3, 5, 3),
    (300, 10, 3, 5, 3),
]  # n, R, K, out, in


def replan_rows(seed: int = 1, quick: bool = False) -> list[str]:
    from benchmarks.synthetic import generate
    from matching.evaluation import violations
    from matching.planning.planner import plan
    from matching.replanning.replan import replan

    lines = [
        "| people × rounds | after round | absent | arrived | seconds | tables kept | "
        "unaffected tables kept | rule violations | % of bound |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    print("\n" + "\n".join(lines), flush=True)
    for n, rounds, k, n_absent, n_arrived in CASES[:2] if quick else CASES:
        everyone = generate(n + n_arrived, seed)
        people, newcomers = everyone[:n], everyone[n:]
        base = plan(people, rounds, seed=seed).plan
        absent = [people[i * (n // n_absent) + 1].id for i in range(n_absent)]
        arrived = [p.id for p in newcomers]
        start = time.perf_counter()
        outcome = replan(base, everyone, k, absent=absent, arrived=arrived, seed=seed)
        seconds = time.perf_counter() - start
        unaffected = sum(
            1 for r in base.rounds[k:] for t in r.tables if not set(t.members) & set(absent)
        )
        present = {
            r: {p.id for p in people}
            if r <= k
            else ({p.id for p in people} - set(absent)) | set(arrived)
            for r in range(1, rounds + 1)
        }
        broken = len(violations(everyone, outcome.plan, present=present))
        share = outcome.plan.metrics.get("score_share") or 0
        line = (
            f"| {n} × {rounds} | {k} | {n_absent} | {n_arrived} | {seconds:.2f} | "
            f"{outcome.tables_kept} of {outcome.tables_kept + outcome.tables_changed} | "
            f"{outcome.tables_kept / unaffected:.0%} | {broken} | {share:.2%} |"
        )
        lines.append(line)
        print(line, flush=True)
    return lines


if __name__ == "__main__":
    replan_rows()
