"""Tables of three: which triangles of allowed pairs exist, and which are worth trying.

With an odd count one table per round seats three people (contract rule 6, `--odd trio`).
Such a table is a triangle of three pairs that all may meet, scoring all three pairs. Both the
bound and the planner reason about triangles directly: the trio's three members each get two
partners that round, and treating that as "one extra partner for anybody" (the older relaxation)
overstated the best score by about 1% on 41 people.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from matching.pairs import Pair, key

Triangle = tuple[str, str, str]


def triangle_pairs(t: Triangle) -> tuple[Pair, Pair, Pair]:
    a, b, c = t
    return ((a, b), (a, c), (b, c))


def triangle_weight(t: Triangle, weights: Mapping[Pair, int]) -> int:
    return sum(weights[e] for e in triangle_pairs(t))


def _neighbours(pairs: Iterable[Pair]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, b in pairs:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def all_triangles(pairs: Iterable[Pair], limit: int) -> list[Triangle] | None:
    """Every triangle of the given pairs (ids sorted inside), or None when there are more than
    `limit` (the caller then uses a weaker but smaller model)."""
    near = _neighbours(pairs)
    out: list[Triangle] = []
    for a in sorted(near):
        later = sorted(b for b in near[a] if b > a)
        for i, b in enumerate(later):
            for c in later[i + 1 :]:
                if c in near[b]:
                    out.append((a, b, c))
            if len(out) > limit:
                return None
    return out


def candidate_triangles(
    pairs: Iterable[Pair],
    weights: Mapping[Pair, int],
    *,
    per_person: int = 3,
    partners: int = 12,
    preferred: Iterable[Triangle] = (),
) -> set[Triangle]:
    """A few good triangles per person: `preferred` ones (e.g. from the LP) and, for each
    person, the best triangles among their `partners` best candidate partners. Only pairs in
    `weights` (the allowed ones) form triangles."""
    near = _neighbours(pairs)
    chosen = {tuple(sorted(t)) for t in preferred if all(e in weights for e in triangle_pairs(t))}
    for person, others in near.items():
        best = sorted(others, key=lambda o: (-weights[key(person, o)], o))[:partners]
        found: list[tuple[int, Triangle]] = []
        for i, u in enumerate(best):
            for v in best[i + 1 :]:
                if key(u, v) in weights:
                    t: Triangle = tuple(sorted((person, u, v)))  # type: ignore[assignment]
                    found.append((triangle_weight(t, weights), t))
        found.sort(key=lambda item: (-item[0], item[1]))
        chosen.update(t for _, t in found[:per_person])
    return chosen  # type: ignore[return-value]
