"""Printables benchmark: how long each PDF takes for 41 and 300 people (8 rounds).

    python benchmarks/bench_printables.py

Cards carry a QR code per person (the expensive part: segno picks the best of eight masks for
each code) and start times. Target: 300 people's cards in a few seconds on this project's
2-core machine. Planning is not timed.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZES = (41, 300)
ROUNDS = 8
TEMPLATE = "https://meet.example.org/{event}-r{round}-t{table}"


def printables_rows(seed: int = 1) -> list[str]:
    from pypdf import PdfReader

    from benchmarks.synthetic import generate
    from matching.model import Event
    from matching.output.printables import (
        badges_pdf,
        cards_pdf,
        run_sheet_pdf,
        table_signs_pdf,
    )
    from matching.planning.planner import plan

    lines = ["| kind | people | pages | seconds | bytes |", "|---|---:|---:|---:|---:|"]
    print("\n".join(lines), flush=True)
    event = Event(
        "Austausch Krankenkassen und Selbsthilfe – Nord",
        date="2026-10-07",
        place="Musterstadt",
        rounds=ROUNDS,
        questions=("Was macht Ihre Organisation?", "Was hat zuletzt gut geklappt – und was nicht?"),
    )
    for n in SIZES:
        people = generate(n, seed)
        the_plan = plan(people, ROUNDS, seed=seed, time_limit=10).plan
        links = {
            p.id: f"https://paarweise.example.org/mein-plan?code=K{i:025d}"
            for i, p in enumerate(people)
        }
        timed = {"start_time": "09:30"}
        makers = [
            ("cards", cards_pdf, (event, the_plan, people), {"links": links, **timed}),
            ("cards (no QR)", cards_pdf, (event, the_plan, people), timed),
            ("table signs", table_signs_pdf, (event, the_plan),
             {"link_template": TEMPLATE, "participants": people}),
            ("run sheet", run_sheet_pdf, (event, the_plan, people), timed),
            ("badges", badges_pdf, (people, event), {}),
        ]  # fmt: skip
        for kind, make, args, kwargs in makers:
            start = time.perf_counter()
            data = make(*args, **kwargs)
            seconds = time.perf_counter() - start
            pages = len(PdfReader(io.BytesIO(data)).pages)
            line = f"| {kind} | {n} | {pages} | {seconds:.2f} | {len(data):,} |"
            lines.append(line)
            print(line, flush=True)
    return lines


if __name__ == "__main__":
    printables_rows()
