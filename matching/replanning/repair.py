"""A valid re-plan at once, without a solver: the old tables that still can stay, the rest
paired by a maximum matching, the odd one out resting or joining a table.

It is the solver's starting point and, when the solver is stopped early (a busy laptop, a
short limit), the answer itself: re-planning in the room never waits for an empty screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import networkx as nx

from matching.model import OddMode
from matching.pairs import GHOST, Pair, key

Table = tuple[str, ...]
Choice = tuple[Table, int]  # a table (sorted member ids, maybe with GHOST) in a round
Allows = Callable[[Table, int], bool]
Weight = Callable[[Table], int]


def _pairs_of(members: Table) -> list[Pair]:
    return [key(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]


def repair(
    allowed: Allows,
    weight: Weight,
    future: Sequence[int],
    nodes: Mapping[int, Sequence[str]],
    old_tables: Mapping[int, Iterable[Table]],
    odd: OddMode,
    pinned: Iterable[Choice] = (),
) -> set[Choice]:
    """Tables for every future round among those `allowed(table, round)` accepts, no pair
    twice over the whole event (a break counts as a pair with the ghost, so nobody rests
    twice); new pairs chosen for the most `weight`. Rounds where no complete answer was found
    are left incomplete; the caller checks completeness before using it as a plan."""
    chosen: set[Choice] = set()
    used: set[Pair] = set()

    def free(members: Table) -> bool:
        return all(e not in used for e in _pairs_of(members))

    def take(members: Table, r: int) -> None:
        chosen.add((members, r))
        used.update(_pairs_of(members))

    pinned = set(pinned)
    for members, r in sorted(pinned):
        if allowed(members, r) and free(members):
            take(members, r)
    # Old tables stay where all their people are still here (they never repeat a pair).
    for r in future:
        seated = {m for t, rr in chosen if rr == r for m in t}
        for t in sorted(old_tables[r]):
            if allowed(t, r) and free(t) and not seated & set(t):
                take(t, r)
                seated |= set(t)
    for r in future:
        _fill_round(r, nodes[r], chosen, allowed, weight, used, odd, pinned)
    return chosen


def _fill_round(r, here, chosen, allowed, weight, used, odd, pinned) -> None:
    """Match the people without a table; where that leaves anyone out, release the kept
    tables next to them and match again (an augmenting path may run through them)."""

    def drop(t: Table) -> None:
        chosen.discard((t, r))
        used.difference_update(_pairs_of(t))  # each pair sits at one table only

    tables_now = sorted(t for t, rr in chosen if rr == r)
    for _ in range(len(tables_now) + 1):
        seated = {m for t in tables_now for m in t}
        loose = [m for m in here if m not in seated]
        answer = _match(loose, r, allowed, weight, used, odd, tables_now)
        if answer is not None:
            new_tables, replaced = answer
            if replaced is not None:
                drop(replaced)
            for t in new_tables:
                chosen.add((t, r))
                used.update(_pairs_of(t))
            return
        near = {b for a in loose for b in here if b not in loose and allowed(key(a, b), r)}
        movable = [t for t in tables_now if (t, r) not in pinned]
        release = [t for t in movable if set(t) & near] or movable
        if not release:
            return
        for t in release:
            drop(t)
        tables_now = [t for t in tables_now if t not in release]


def _match(loose, r, allowed, weight, used, odd, fixed):
    """(tables for the loose people of round r, a fixed pair table that became the table of
    three or None), or None when someone would stay without a table."""
    graph = nx.Graph()
    graph.add_nodes_from(loose)
    for i, a in enumerate(loose):
        for b in loose[i + 1 :]:
            e = key(a, b)
            if allowed(e, r) and e not in used:
                graph.add_edge(*e, weight=1 + weight(e))
    if odd is OddMode.REST and len(loose) % 2 == 1:
        for m in loose:
            e = key(GHOST, m)
            if allowed(e, r) and e not in used:
                graph.add_edge(*e, weight=1)
    tables = sorted(key(a, b) for a, b in nx.max_weight_matching(graph, maxcardinality=True))
    lone = sorted(set(loose) - {m for t in tables for m in t})
    if not lone:
        return tables, None
    if odd is OddMode.REST or len(lone) != 1 or any(len(t) == 3 for t in fixed):
        return None
    # Trio mode, one left: they join a pair table whose triangle is allowed and new to them.
    for t in [*tables, *(t for t in fixed if len(t) == 2)]:
        trio = tuple(sorted((*t, lone[0])))
        if allowed(trio, r) and all(key(lone[0], m) not in used for m in t):
            if t in tables:
                return [x for x in tables if x != t] + [trio], None
            return [*tables, trio], t
    return None
