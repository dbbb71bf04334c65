"""Planner benchmark: Paarweise vs simple baselines vs the proven bound, one run, one table.

    python benchmarks/bench_planner.py [--quick] [--large] [--skip-slow-baselines] [--out F.md]

Each method runs in a fresh process, so "peak MB" is that run's own peak resident memory.
Instances are generated (benchmarks.synthetic): realistic sector mix, organisations of 1-4
people, some seated people, wishes and avoids. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZES = [
    (12, 6),
    (12, 10),
    (24, 6),
    (24, 10),
    (41, 6),
    (41, 8),
    (41, 10),
    (80, 6),
    (80, 10),
    (150, 6),
    (150, 10),
    (300, 6),
    (300, 10),
]
QUICK = [(12, 6), (24, 6), (41, 8)]
METHODS = ["random", "circle", "greedy", "greedy+coverage", "paarweise"]


def _run(method: str, n: int, rounds: int, seed: int, queue) -> None:
    from benchmarks.baselines import circle_method, greedy_matching, random_rotation
    from benchmarks.synthetic import generate
    from matching.evaluation import compute_metrics, violations
    from matching.planning.planner import plan

    people = generate(n, seed)
    start = time.perf_counter()
    if method == "random":
        made = random_rotation(people, rounds, seed)
    elif method == "circle":
        made = circle_method(people, rounds)
    elif method.startswith("greedy"):
        made = greedy_matching(people, rounds, coverage_bonus=method.endswith("coverage"))
    else:
        made = plan(people, rounds, seed=seed).plan
    seconds = time.perf_counter() - start
    metrics = compute_metrics(people, made)
    broken = [v for v in violations(people, made) if v.rule != 1]
    unseated = sum(len(r.resting) for r in made.rounds)
    unseated += sum(len(v.people) for v in violations(people, made) if v.rule == 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((metrics, len(broken), unseated, seconds, peak, len(made.rounds)))


def run_isolated(method: str, n: int, rounds: int, seed: int):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run, args=(method, n, rounds, seed, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def bound_for(n: int, rounds: int, seed: int) -> tuple[float, bool]:
    from benchmarks.synthetic import generate
    from matching.planning.planner import proven_bound

    result = proven_bound(generate(n, seed), rounds)
    return result.value, result.coverage_attainable


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only 12, 24 and 41 people")
    parser.add_argument("--large", action="store_true", help="add 600 x 10 (Paarweise only)")
    parser.add_argument(
        "--skip-slow-baselines",
        action="store_true",
        help="no greedy matching above 150 people (it takes minutes there)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="also write the tables to this markdown file")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else SIZES
    if args.large:
        sizes = [*sizes, (600, 10)]
    lines = [
        "| people × rounds | method | score | % of bound | rule violations | unseated | "
        "sector coverage | seconds | peak MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    print("\n".join(lines), flush=True)
    for n, rounds in sizes:
        bound, attainable = bound_for(n, rounds, args.seed)
        for method in METHODS:
            if n >= 600 and method != "paarweise":
                continue
            if args.skip_slow_baselines and n > 150 and method.startswith("greedy"):
                continue
            metrics, broken, unseated, seconds, peak, made_rounds = run_isolated(
                method, n, rounds, args.seed
            )
            label = f"{n} × {rounds}"
            share = metrics.score / bound if bound else 0
            if made_rounds != rounds:  # the rules allow fewer rounds: judged by their bound
                fewer_bound, _ = bound_for(n, made_rounds, args.seed)
                share = metrics.score / fewer_bound if fewer_bound else 0
                label += f" ({made_rounds} rounds: most the rules allow, bound {fewer_bound:.0f})"
            line = (
                f"| {label} | {method} | {metrics.score} | {share:.2%} | {broken} | "
                f"{unseated} | {metrics.sector_coverage:.0%} | {seconds:.2f} | {peak:.0f} |"
            )
            lines.append(line)
            print(line, flush=True)
        lines.append(
            f"| {n} × {rounds} | **proven bound** | {bound:.0f} | 100% | | | "
            f"{'attainable' if attainable else 'not attainable'} | | |"
        )
        print(lines[-1], flush=True)
    from benchmarks.bench_replan import replan_rows

    replan_lines = replan_rows(args.seed, quick=args.quick)
    lines += ["", *replan_lines]
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
