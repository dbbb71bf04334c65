"""The vocabulary planning, re-planning and evaluation share: a pair of people, its key, and
the ghost that makes an odd count even (its partner is the odd one out of a round)."""

from __future__ import annotations

from collections.abc import Iterable

Pair = tuple[str, str]

GHOST = "\x00ghost"  # sorts before every real id, so it anchors the round symmetry breaking


def key(a: str, b: str) -> Pair:
    """The one spelling of a pair: the smaller id first."""
    return (a, b) if a < b else (b, a)


def incident_pairs(pairs: Iterable[Pair]) -> dict[str, list[Pair]]:
    """Each person's pairs, in the order given."""
    out: dict[str, list[Pair]] = {}
    for pair in pairs:
        out.setdefault(pair[0], []).append(pair)
        out.setdefault(pair[1], []).append(pair)
    return out
