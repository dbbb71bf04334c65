"""Plans without a solver: rounds filled by maximum matchings of pairs that have not met.

`repair` keeps the old tables that still can stay and matches the rest: re-planning's
starting point and, when its solver is stopped early (a busy laptop, a short limit), the
answer itself. `greedy_plan` builds a whole plan round by round: the planner's last resort
when its solvers find nothing in time, so an organiser never gets "no plan" for a list
that can be seated.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import networkx as nx

from matching.model import OddMode, Participant, Plan, Round
from matching.pairs import GHOST, Pair, key
from matching.planning.tables import number_round
from matching.scoring import CoverageNeed

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
    near: Mapping[str, Sequence[str]] | None = None,
) -> set[Choice]:
    """Tables for every future round among those `allowed(table, round)` accepts, no pair
    twice over the whole event (a break counts as a pair with the ghost, so nobody rests
    twice); new pairs chosen for the most `weight`. Rounds where no complete answer was found
    are left incomplete; the caller checks completeness before using it as a plan. `near`:
    each person's likely partners - in a large room only those pairs are tried first (every
    pair of n people in every round takes minutes in Python), the rest only for who is left."""
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
        _fill_round(r, nodes[r], chosen, allowed, weight, used, odd, pinned, near)
    return chosen


def _fill_round(r, here, chosen, allowed, weight, used, odd, pinned, near=None) -> None:
    """Match the people without a table; where that leaves anyone out, release the kept
    tables next to them and match again (an augmenting path may run through them)."""

    def drop(t: Table) -> None:
        chosen.discard((t, r))
        used.difference_update(_pairs_of(t))  # each pair sits at one table only

    tables_now = sorted(t for t, rr in chosen if rr == r)
    for _ in range(len(tables_now) + 1):
        seated = {m for t in tables_now for m in t}
        loose = [m for m in here if m not in seated]
        answer = _match(loose, r, allowed, weight, used, odd, tables_now, near)
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


BLOSSOM_LIMIT = 80  # up to this many people a round: the exact maximum-weight matching
SPARSE_DEGREE = 12  # above: each person's best pairs, taken greedily by weight
WALK_STEPS = 300  # moves one left-out person may make to find a free partner
WALK_CHOICES = 6  # the walk moves along one of the heaviest pairs of whoever walks


def _pairing(loose: Sequence[str], edges: Mapping[Pair, int]) -> set[Pair]:
    """A matching with as many pairs as possible, heavy pairs first. Exact (blossom) for a
    small room; for more people (blossom in Python takes minutes there) each person's best
    pairs taken greedily by weight, then whoever is left out walks to a free partner."""
    ghost = any(GHOST in e for e in edges)
    if len(loose) <= BLOSSOM_LIMIT:
        graph = nx.Graph()
        graph.add_nodes_from(loose)
        graph.add_edges_from((a, b, {"weight": w}) for (a, b), w in edges.items())
        return {key(a, b) for a, b in nx.max_weight_matching(graph, maxcardinality=True)}
    options = _options(edges)
    partner: dict[str, str] = {}
    sparse: dict[Pair, int] = {}
    for own in options.values():
        sparse.update((e, w) for w, e in own[:SPARSE_DEGREE])
    for (a, b), _ in sorted(sparse.items(), key=lambda item: (-item[1], item[0])):
        if a not in partner and b not in partner:
            partner[a], partner[b] = b, a
    _augment([*loose, *([GHOST] if ghost else [])], partner, options)
    return {key(a, b) for a, b in partner.items() if a < b}


def _options(edges: Mapping[Pair, int]) -> dict[str, list[tuple[int, Pair]]]:
    """Each person's pairs, heaviest first (ties by id: the same in every process)."""
    options: dict[str, list[tuple[int, Pair]]] = {}
    for e, w in edges.items():
        for m in e:
            options.setdefault(m, []).append((w, e))
    for own in options.values():
        own.sort(key=lambda item: (-item[0], item[1]))
    return options


def _augment(nodes, partner: dict[str, str], options) -> None:
    """Seat people left out. One left out takes the heaviest free partner; if there is none,
    they take a seated person's place and that person's partner walks on (an augmenting path
    found by a random walk: in a room where most pairs are allowed it ends in a few steps)."""
    rng = random.Random(len(nodes))  # the same walk in every process
    for start in [m for m in nodes if m not in partner]:
        walker = start
        for _ in range(WALK_STEPS):
            if walker in partner:
                break
            mates = [e[0] if e[1] == walker else e[1] for _, e in options.get(walker, ())]
            free = next((v for v in mates if v not in partner and v != walker), None)
            if free is not None:
                partner[walker], partner[free] = free, walker
                break
            if not mates:
                break
            taken = rng.choice(mates[:WALK_CHOICES])
            left = partner.pop(taken)
            del partner[left]
            partner[walker], partner[taken] = taken, walker
            walker = left


def _edges(pairs: Iterable[Pair], r, allowed, weight, used, into: dict[Pair, int]) -> None:
    for e in pairs:
        if e not in into and e not in used and allowed(e, r):
            into[e] = 1 + weight(e)


def _all_pairs_of(people: Sequence[str], among: Sequence[str]):
    return (key(a, b) for a in people for b in among if a != b)


def _match(loose, r, allowed, weight, used, odd, fixed, near=None):
    """(tables for the loose people of round r, a fixed pair table that became the table of
    three or None), or None when someone would stay without a table."""
    edges: dict[Pair, int] = {}
    sparse = near is not None and len(loose) > BLOSSOM_LIMIT
    if sparse:
        here = set(loose)
        likely = (key(a, b) for a in loose for b in near.get(a, ()) if b in here and b != a)
        _edges(likely, r, allowed, weight, used, edges)
    else:
        _edges(
            (key(a, b) for i, a in enumerate(loose) for b in loose[i + 1 :]),
            r,
            allowed,
            weight,
            used,
            edges,
        )
    if odd is OddMode.REST and len(loose) % 2 == 1:
        for m in loose:
            e = key(GHOST, m)
            if allowed(e, r) and e not in used:
                edges[e] = 1
    tables = sorted(_pairing(loose, edges))
    lone = sorted(set(loose) - {m for t in tables for m in t})
    spare = int(odd is OddMode.TRIO and len(loose) % 2 == 1)  # joins a table below
    if sparse and len(lone) > spare:
        # Who is left out may sit with anyone: their every pair, then match again.
        _edges(_all_pairs_of(lone, loose), r, allowed, weight, used, edges)
        tables = sorted(_pairing(loose, edges))
        lone = sorted(set(loose) - {m for t in tables for m in t})
        if len(lone) > spare:  # still not: every pair of the room
            _edges(_all_pairs_of(loose, loose), r, allowed, weight, used, edges)
            tables = sorted(_pairing(loose, edges))
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


def greedy_plan(
    people: Sequence[Participant],
    weights: Mapping[Pair, int],
    rounds: int,
    odd: OddMode,
    needs: Mapping[str, CoverageNeed],
    *,
    near: Mapping[str, Sequence[str]] | None = None,
    start: Mapping[int, Sequence[Table]] | None = None,
) -> Plan | None:
    """A plan without a solver, round by round: a maximum-weight matching of pairs that have
    not met, a pair that reaches a sector someone still has to meet weighing more than any
    score; the odd one out rests (fairly) or joins a table. None when some round finds no
    complete answer. It is the planner's answer of last resort: never "no plan" for a list
    that this simple method can seat. `near` as in `repair` (large lists: seconds instead of
    minutes); `start`: tables per round to keep where they still can stay (a plan the swaps
    of `colouring` left a few pairs short of)."""
    sector_of = {p.id: p.sector for p in people}
    met_sectors: dict[str, set] = {p.id: set() for p in people}
    seat_number = {p.id: i + 1 for i, p in enumerate(p for p in people if p.stays_seated)}
    nodes = [p.id for p in people]
    bonus = max(weights.values(), default=1) * 3 + 1
    used: set[Pair] = set()
    rests: Counter[str] = Counter()
    made: list[Round] = []
    for r in range(1, rounds + 1):

        def allows(members: Table, rr: int, r=r) -> bool:
            if GHOST in members:
                other = members[1] if members[0] == GHOST else members[0]
                fewest = min(rests[n] for n in nodes)  # fair breaks: the fewest rest first
                return odd is OddMode.REST and rests[other] == fewest
            if len(members) == 2:  # (most calls: keep them cheap)
                return members in weights and members not in used
            return all(e in weights and e not in used for e in _pairs_of(members))

        def weight(e: Pair) -> int:
            a, b = e
            gain = weights[e]
            for x, y in ((a, b), (b, a)):
                need = needs.get(x)
                if need and sector_of[y] in need.sectors and sector_of[y] not in met_sectors[x]:
                    gain += bonus
            return gain

        kept = (start or {}).get(r, ())
        chosen = repair(allows, weight, [r], {r: nodes}, {r: kept}, odd, near=near)
        tables = [list(t) for t, _ in sorted(chosen) if GHOST not in t]
        resting = [m for t, _ in chosen if GHOST in t for m in t if m != GHOST]
        if sorted([*(m for t in tables for m in t), *resting]) != sorted(nodes):
            return None
        for t in tables:
            for e in _pairs_of(tuple(sorted(t))):
                used.add(e)
                met_sectors[e[0]].add(sector_of[e[1]])
                met_sectors[e[1]].add(sector_of[e[0]])
        rests.update(resting)
        made.append(number_round(r, tables, resting, seat_number))
    return Plan(tuple(made))
