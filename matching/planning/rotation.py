"""A valid plan in a fraction of a second, for any size: the round-robin "circle method".

One person stays put, everyone else moves one seat per round, and position i sits with
position n-1-i: in n-1 rounds nobody meets anyone twice. Pairs the rules forbid (same
organisation, "avoid", two people who stay seated) are repaired by swapping partners with
another table of the round, as long as no pair repeats. It knows nothing of scores: it is
the planner's first answer, there before the pair weights of 2000 people are even computed,
and every later stage has to beat it. None when the swaps find no way (the planner then
goes on without it).
"""

from __future__ import annotations

from collections.abc import Sequence

from matching.model import OddMode, Participant, Plan, organisation_key
from matching.pairs import GHOST, Pair, key
from matching.planning.tables import join_a_table, number_round

SWAP_TRIES = 3  # passes over a round's forbidden pairs


class _Rules:
    """The hard rules between two people, looked up from precomputed keys (no score)."""

    def __init__(self, people: Sequence[Participant], rounds: int) -> None:
        self.organisation = {p.id: organisation_key(p.organisation) for p in people}
        self.avoid = {p.id: set(p.avoid) for p in people}
        self.seated = {p.id for p in people if p.stays_seated} if rounds > 1 else set()

    def allows(self, a: str, b: str) -> bool:
        if GHOST in (a, b):
            return True
        if self.organisation[a] == self.organisation[b]:
            return False
        if b in self.avoid[a] or a in self.avoid[b]:
            return False
        return not (a in self.seated and b in self.seated)

    # join_a_table reads the allowed pairs like a weights mapping
    def __contains__(self, pair: Pair) -> bool:
        return self.allows(*pair)

    def __getitem__(self, pair: Pair) -> int:
        return 0


def rotation_plan(people: Sequence[Participant], rounds: int, odd: OddMode) -> Plan | None:
    ids = [p.id for p in sorted(people, key=lambda p: p.id)]
    ghost = len(ids) % 2 == 1
    seats = [*ids, GHOST] if ghost else list(ids)
    n = len(seats)
    if n < 2 or rounds < 1 or rounds > n - 1:
        return None
    rules = _Rules(people, rounds)
    # Spread each organisation around the circle: colleagues seldom land opposite each other.
    seats = _spread(seats, rules)
    used: set[Pair] = set()
    seat_number = {pid: i + 1 for i, pid in enumerate(p for p in ids if p in rules.seated)}
    made = []
    rested = dict.fromkeys(ids, 0)  # how often each person sat with the ghost so far
    fixed, moving = seats[0], seats[1:]
    for r in range(1, rounds + 1):
        turn = moving[-(r - 1) :] + moving[: -(r - 1)] if r > 1 else list(moving)
        order = [fixed, *turn]
        pairs = [key(order[i], order[n - 1 - i]) for i in range(n // 2)]
        pairs = _repair(pairs, rules, used, rested)
        if pairs is None:
            return None
        tables = [list(p) for p in pairs if GHOST not in p]
        lone = next((p[0] if p[1] == GHOST else p[1] for p in pairs if GHOST in p), None)
        resting = []
        if lone is not None:
            rested[lone] += 1
            if odd is OddMode.REST:
                resting = [lone]
            elif not join_a_table(lone, tables, rules, used, rules.seated):
                return None
        used.update(p for p in pairs if GHOST not in p)
        made.append(number_round(r, tables, resting, seat_number))
    return Plan(tuple(made))


def _spread(seats: list[str], rules: _Rules) -> list[str]:
    """Deal people out by organisation, largest first, so one organisation's members sit
    far apart on the circle (the ghost, if any, stays last)."""
    groups: dict[str, list[str]] = {}
    for pid in seats:
        groups.setdefault(rules.organisation.get(pid, pid), []).append(pid)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    out: list[str] = []
    while any(ordered):
        for group in ordered:
            if group:
                out.append(group.pop(0))
    return out


def _repair(
    pairs: list[Pair], rules: _Rules, used: set[Pair], rested: dict[str, int]
) -> list[Pair] | None:
    """Swap partners between a forbidden (or repeated) pair and another table until every
    pair of the round is allowed and new; None if some pair cannot be fixed. A swap may hand
    the ghost (resting, or joining a trio) to someone else: only to a person who has not had
    it more often than anyone else, so nobody rests twice before everyone rested once."""
    pairs = list(pairs)
    fewest = min(rested.values(), default=0)

    def fine(p: Pair) -> bool:
        if GHOST in p:
            person = p[0] if p[1] == GHOST else p[1]
            return rested[person] == fewest and p not in used
        return rules.allows(*p) and p not in used

    for _ in range(SWAP_TRIES):
        bad = [i for i, p in enumerate(pairs) if not fine(p)]
        if not bad:
            return pairs
        for i in bad:
            if fine(pairs[i]):
                continue
            a, b = pairs[i]
            for j, (c, d) in enumerate(pairs):
                if j == i:
                    continue
                for x, y in (((a, c), (b, d)), ((a, d), (b, c))):
                    one, two = key(*x), key(*y)
                    if fine(one) and fine(two):
                        pairs[i], pairs[j] = one, two
                        break
                else:
                    continue
                break
    return pairs if all(fine(p) for p in pairs) else None
