"""Chosen pairs into rounds without a solver: an edge colouring by Kempe-chain swaps.

Everyone has exactly R chosen pairs, so a plan of R rounds is an edge colouring of that graph
with R colours, every colour at every person once. For a few hundred people CP-SAT does this
in a second; for 2000 it found none in 70 s. The classic swap heuristic does it in seconds:
colour greedily, then for each pair left over exchange two colours along an alternating path
(a Kempe chain) until a colour is free at both ends. It is a heuristic - a few pairs may be
left without a round (the caller seats those people otherwise) - but never returns a wrong
colouring.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import pairwise

from matching.pairs import Pair, key

SWAPS_PER_PAIR = 4  # then stop: the pairs still waiting are left to the caller


def colour_pairs(pairs: Sequence[Pair], rounds: int, seed: int = 0) -> dict[Pair, int]:
    """{pair: round 1..rounds} with no person twice in a round. Pairs the swaps could not
    place in time are missing (the caller re-matches those people); {} if a person has more
    pairs than rounds."""
    colours = range(1, rounds + 1)
    at: dict[str, dict[int, str]] = {}  # person -> round -> partner in that round
    degree: dict[str, int] = {}
    for a, b in pairs:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
        at.setdefault(a, {})
        at.setdefault(b, {})
    if any(d > rounds for d in degree.values()):
        return {}
    rng = random.Random(seed)
    order = sorted(pairs)
    rng.shuffle(order)
    waiting: list[Pair] = []
    for a, b in order:
        free = next((c for c in colours if c not in at[a] and c not in at[b]), None)
        if free is None:
            waiting.append((a, b))
        else:
            at[a][free], at[b][free] = b, a
    budget = SWAPS_PER_PAIR * max(1, len(order))
    while waiting and budget > 0:
        budget -= 1
        u, v = waiting.pop()
        if rng.random() < 0.5:
            u, v = v, u
        free_u = [c for c in colours if c not in at[u]]
        free_v = [c for c in colours if c not in at[v]]
        common = [c for c in free_u if c in free_v]
        if common:
            c = rng.choice(common)
            at[u][c], at[v][c] = v, u
            continue
        a, b = rng.choice(free_u), rng.choice(free_v)
        path = _chain(at, v, a, b)
        if path[-1] != u:
            # Swap a and b along the chain from v: a is then free at v (and still at u).
            _swap(at, path, a, b)
        else:
            # The chain runs into u: take the seat of v's a-pair, which waits now (a walk).
            w = at[v].pop(a)
            del at[w][a]
            waiting.insert(rng.randrange(len(waiting) + 1), key(v, w))
        at[u][a], at[v][a] = v, u
    return {key(p, q): c for p, mine in at.items() for c, q in mine.items() if p < q}


def _chain(at: dict[str, dict[int, str]], start: str, first: int, second: int) -> list[str]:
    """The people along the path from `start` whose pairs alternate rounds first, second."""
    path, here, colour = [start], start, first
    while colour in at[here]:
        here = at[here][colour]
        path.append(here)
        colour = second if colour == first else first
    return path


def _swap(at: dict[str, dict[int, str]], path: list[str], a: int, b: int) -> None:
    """Exchange rounds a and b for every pair along the path."""
    pairs = []
    for x, y in pairwise(path):
        c = next(c for c in (a, b) if at[x].get(c) == y)
        pairs.append((x, y, c))
    for x, y, c in pairs:
        del at[x][c]
        del at[y][c]
    for x, y, c in pairs:
        other = b if c == a else a
        at[x][other], at[y][other] = y, x
