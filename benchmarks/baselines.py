"""Simple ways to make a rotation, as honest comparison points for the planner benchmark.

They are what organisers (or a quick script) would do: shuffle, the round-robin circle, or a
greedy best matching per round. None of them is used by the app.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import networkx as nx

from matching.model import Participant, Plan, Round, Table
from matching.scoring import allowed, coverage_needs, pair_weight


def _round_from_pairs(number: int, pairs: list[list[str]], leftover: list[str]) -> Round:
    """A single leftover joins the last table (trio); more leftovers stay unseated (resting)."""
    if len(leftover) == 1 and pairs:
        pairs[-1] = [*pairs[-1], leftover[0]]
        leftover = []
    tables = tuple(Table(i + 1, tuple(members)) for i, members in enumerate(pairs))
    return Round(number, tables, tuple(leftover))


def random_rotation(participants: Sequence[Participant], rounds: int, seed: int = 0) -> Plan:
    """Shuffle and pair neighbours, every round anew: no rule is looked at."""
    rng = random.Random(seed)
    ids = [p.id for p in participants]
    made = []
    for number in range(1, rounds + 1):
        rng.shuffle(ids)
        pairs = [ids[i : i + 2] for i in range(0, len(ids) - 1, 2)]
        made.append(_round_from_pairs(number, pairs, ids[len(pairs) * 2 :]))
    return Plan(tuple(made))


def circle_method(participants: Sequence[Participant], rounds: int) -> Plan:
    """The classic round robin (one fixed, the rest rotate): never a repeat within n-1 rounds,
    but blind to organisations, sectors and wishes."""
    ids = [p.id for p in participants]
    if len(ids) % 2:
        ids.append("")
    n = len(ids)
    made = []
    for number in range(1, rounds + 1):
        pairs, leftover = [], []
        for i in range(n // 2):
            a, b = ids[i], ids[n - 1 - i]
            if a and b:
                pairs.append([a, b])
            else:
                leftover.append(a or b)
        made.append(_round_from_pairs(number, pairs, leftover))
        ids = [ids[0], ids[-1], *ids[1:-1]]
    return Plan(tuple(made))


def greedy_matching(
    participants: Sequence[Participant], rounds: int, coverage_bonus: bool = False
) -> Plan:
    """Per round, a maximum-weight matching over allowed pairs that have not met yet.

    With coverage_bonus a pair earns extra when it gives a person a sector they still need.
    People the matching leaves out (it can get stuck in late rounds) stay unseated.
    """
    people = {p.id: p for p in participants}
    needs = coverage_needs(participants, {p.id: rounds for p in participants})
    met: set[frozenset[str]] = set()
    seen: dict[str, set] = {p.id: set() for p in participants}
    base = {}
    ids = sorted(people)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if allowed(people[a], people[b]):
                base[(a, b)] = pair_weight(people[a], people[b])
    made = []
    for number in range(1, rounds + 1):
        graph = nx.Graph()
        graph.add_nodes_from(ids)
        for (a, b), weight in base.items():
            if frozenset((a, b)) in met:
                continue
            bonus = 0
            if coverage_bonus:
                sa, sb = people[a].sector, people[b].sector
                bonus += 30 * (sb in needs[a].sectors and sb not in seen[a])
                bonus += 30 * (sa in needs[b].sectors and sa not in seen[b])
            graph.add_edge(a, b, weight=weight + bonus)
        matching = nx.max_weight_matching(graph, maxcardinality=True)
        pairs = [sorted(e) for e in matching]
        for a, b in pairs:
            met.add(frozenset((a, b)))
            seen[a].add(people[b].sector)
            seen[b].add(people[a].sector)
        matched = {m for e in pairs for m in e}
        leftover = [m for m in ids if m not in matched]
        if len(leftover) == 1:
            lone = leftover[0]
            options = [
                i
                for i, (a, b) in enumerate(pairs)
                if all(
                    allowed(people[lone], people[x]) and frozenset((lone, x)) not in met
                    for x in (a, b)
                )
            ]
            if options:
                pairs[options[0]].append(lone)
                met.update(frozenset((lone, x)) for x in pairs[options[0]][:2])
                leftover = []
        tables = tuple(Table(i + 1, tuple(m)) for i, m in enumerate(sorted(pairs)))
        made.append(Round(number, tables, tuple(leftover)))
    return Plan(tuple(made))
