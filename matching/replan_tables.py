"""From solved pairs to numbered tables in re-planned rounds (seated people keep their number,
unchanged tables keep theirs)."""

from __future__ import annotations

from matching.model import OddMode, Round, Table
from matching.plan_tables import GHOST
from matching.shortlist import Pair, key


def seat_numbers(plan, people, present, future) -> dict[str, int]:
    """Seated people keep the number they had; newly seated ones get a number nobody uses."""
    seat: dict[str, int] = {}
    for rnd in plan.rounds:
        for table in rnd.tables:
            for m in table.members:
                if m in people and people[m].stays_seated and m not in seat:
                    seat[m] = table.number
    used = set(seat.values())
    nxt = 1
    for r in future:
        for m in sorted(present[r]):
            if m in people and people[m].stays_seated and m not in seat:
                while nxt in used:
                    nxt += 1
                seat[m] = nxt
                used.add(nxt)
    return seat


def build_rounds(chosen, future, old, odd, seat, pair_w, met, pins):
    """Chosen pairs -> tables: the ghost's partner rests or joins a table (preferring the one
    they sat at before, or their pinned trio); numbers kept where tables stay.
    Returns (rounds, failed): failed names (ghost pair, round) where the odd one out found no
    table to join, so the caller can forbid that choice and solve again."""
    used = set(met) | {e for e, _ in chosen if GHOST not in e}
    out: dict[int, Round] = {}
    failed: set[tuple[Pair, int]] = set()
    for r in future:
        pairs = [list(e) for e, rr in sorted(chosen) if rr == r and GHOST not in e]
        lone = next(
            (e[1] if e[0] == GHOST else e[0] for e, rr in sorted(chosen) if rr == r and GHOST in e),
            None,
        )
        resting: list[str] = []
        if lone is not None:
            if odd is OddMode.REST:
                resting.append(lone)
            else:
                pinned_with = {
                    m for p in pins if p.round == r and lone in p.members for m in p.members
                }
                before = next((set(t.members) for t in old[r].tables if lone in t.members), set())
                best = None
                for i, (a, b) in enumerate(pairs):
                    ea, eb = key(lone, a), key(lone, b)
                    if ea not in pair_w or eb not in pair_w or ea in used or eb in used:
                        continue
                    if lone in seat and (a in seat or b in seat):
                        continue
                    gain = pair_w[ea] + pair_w[eb] + 1000 * len({a, b} & before)
                    gain += 10**6 * len({a, b} & pinned_with)
                    if best is None or gain > best[0]:
                        best = (gain, i)
                if best is None:
                    failed.add((key(GHOST, lone), r))
                    continue
                table = pairs[best[1]]
                used.update({key(lone, table[0]), key(lone, table[1])})
                table.append(lone)
        out[r] = _number_round(r, pairs, resting, old[r], seat)
    return out, failed


def _number_round(r, tables, resting, old_round, seat) -> Round:
    """Seated people's tables take their number, unchanged tables keep theirs, others fill up."""
    before = {frozenset(t.members): t.number for t in old_round.tables}
    numbers: dict[int, int] = {}
    taken = set(seat.values())
    for i, members in enumerate(tables):
        fixed = [seat[m] for m in members if m in seat]
        if fixed:
            numbers[i] = fixed[0]
    for i, members in enumerate(tables):
        if i in numbers:
            continue
        number = before.get(frozenset(members))
        if number is not None and number not in taken and number not in numbers.values():
            numbers[i] = number
    used = set(numbers.values()) | taken
    nxt = 1
    for i in range(len(tables)):
        if i not in numbers:
            while nxt in used:
                nxt += 1
            numbers[i] = nxt
            used.add(nxt)
    made = sorted(
        (Table(numbers[i], tuple(sorted(m))) for i, m in enumerate(tables)), key=lambda t: t.number
    )
    return Round(r, tuple(made), tuple(resting))
