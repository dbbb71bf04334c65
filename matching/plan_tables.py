"""From the solver's answer to numbered tables: who is the odd one out, which table of three,
which table number (seated people keep theirs all event)."""

from __future__ import annotations

from collections import Counter

from matching.model import OddMode, Plan, Round, Table
from matching.shortlist import Pair, key

GHOST = "\x00ghost"  # sorts before every real id, so it anchors the round symmetry breaking


def ghost_weights(people, weights, rounds, odd) -> dict[Pair, int]:
    """Who should be the odd one out? In trio mode, whoever gains most from two extra
    partners: the weight of their (R+1)th and (R+2)th best pairs, a cautious guess at what a
    trio table adds. In rest mode nobody gains: all zero."""
    if odd is OddMode.REST:
        return {key(GHOST, p.id): 0 for p in people}
    ranked: dict[str, list[int]] = {p.id: [] for p in people}
    for (a, b), w in weights.items():
        ranked[a].append(w)
        ranked[b].append(w)
    out = {}
    for p in people:
        best = sorted(ranked[p.id], reverse=True)
        out[key(GHOST, p.id)] = sum(best[rounds : rounds + 2]) if len(best) > rounds else 0
    return out


def make_tables(
    people, selection, assignment, rounds, odd, ghost, weights, needs, *, improve: bool = True
) -> Plan | None:
    """Chosen pairs + their rounds -> numbered tables; seated people keep one number.
    Triangles chosen by the solver are round k's table of three, for the k-th triangle.
    improve: try other tables of three afterwards (pointless when the plan is proven best)."""
    person = {p.id: p for p in people}
    seated_order = [p.id for p in people if p.stays_seated]
    seat_number = {pid: i + 1 for i, pid in enumerate(seated_order)}
    real_met = {e for e in selection.pairs if GHOST not in e}
    trio_pairs: set[Pair] = set()
    by_round: dict[int, tuple[list[list[str]], list[str]]] = {}
    for k in range(1, rounds + 1):
        pairs = sorted(e for e, r in assignment.items() if r == k)
        tables = [list(e) for e in pairs if GHOST not in e]
        if k <= len(selection.triangles):
            tables.append(list(selection.triangles[k - 1]))
        resting: list[str] = []
        lone = next((e[1] if e[0] == GHOST else e[0] for e in pairs if GHOST in e), None)
        if lone is not None:
            if odd is OddMode.REST:
                resting.append(lone)
            else:
                best = None
                for i, (a, b) in enumerate(tables):
                    ea, eb = key(lone, a), key(lone, b)
                    if ea not in weights or eb not in weights:
                        continue
                    if ea in real_met or eb in real_met or ea in trio_pairs or eb in trio_pairs:
                        continue
                    if person[lone].stays_seated and (a in seat_number or b in seat_number):
                        continue
                    gain = weights[ea] + weights[eb]
                    if best is None or gain > best[0]:
                        best = (gain, i)
                if best is None:
                    return None
                table = tables[best[1]]
                trio_pairs.update({key(lone, table[0]), key(lone, table[1])})
                table.append(lone)
        by_round[k] = (tables, resting)
    # Above ~120 people the tables of three are a tiny share of the score, and the search
    # (all tables against all tables) takes seconds: the solver's triangles stay.
    if improve and odd is OddMode.TRIO and len(people) % 2 == 1 and len(people) <= 121:
        sector_of = {p.id: p.sector for p in people}
        _improve_trios(
            {k: t for k, (t, _) in by_round.items()}, weights, set(seat_number), needs, sector_of
        )
    made_rounds = [number_tables(k, t, r, seat_number) for k, (t, r) in sorted(by_round.items())]
    return Plan(tuple(made_rounds))


def _improve_trios(tables_by_round, weights, seated: set[str], needs, sector_of) -> None:
    """Local search on the tables of three: let another person be the odd one out when that
    scores more (the trio's extra pairs are chosen after the solver, so they can be improved).
    A move: L leaves trio (L, u, v) and sits with d; d's partner c joins a pair table (x, y).
    Moves never cost anybody sector coverage."""
    met: Counter[Pair] = Counter()
    for tables in tables_by_round.values():
        for table in tables:
            met.update(key(a, b) for i, a in enumerate(table) for b in table[i + 1 :])
    reach: Counter[tuple[str, object]] = Counter()
    for a, b in met:
        reach[a, sector_of[b]] += 1
        reach[b, sector_of[a]] += 1

    def free(a: str, b: str) -> bool:
        e = key(a, b)
        return e in weights and met[e] == 0

    def keeps_coverage(removed: list[Pair], added: list[Pair]) -> bool:
        change: Counter[tuple[str, object]] = Counter()
        for a, b in removed:
            change[a, sector_of[b]] -= 1
            change[b, sector_of[a]] -= 1
        for a, b in added:
            change[a, sector_of[b]] += 1
            change[b, sector_of[a]] += 1
        for person in {who for who, _ in change}:
            need = needs.get(person)
            if need is None or need.count == 0:
                continue
            before = sum(reach[person, s] > 0 for s in need.sectors)
            after = sum(reach[person, s] + change[person, s] > 0 for s in need.sectors)
            if after < min(before, need.count):
                return False
        return True

    for _ in range(4):
        improved = False
        for tables in tables_by_round.values():
            trio_index = next((i for i, t in enumerate(tables) if len(t) == 3), None)
            if trio_index is None:
                continue
            move = _best_trio_move(tables, trio_index, weights, seated, free, keeps_coverage)
            if move is None:
                continue
            lone, keep_pair, j, c, d, x_index = move
            removed = [key(lone, keep_pair[0]), key(lone, keep_pair[1]), key(c, d)]
            tables[trio_index] = list(keep_pair)
            tables[j] = [lone, d]
            tables[x_index] = [*tables[x_index], c]
            added = [key(lone, d), key(c, tables[x_index][0]), key(c, tables[x_index][1])]
            met.subtract(removed)
            met.update(added)
            for sign, pairs in ((-1, removed), (1, added)):
                for a, b in pairs:
                    reach[a, sector_of[b]] += sign
                    reach[b, sector_of[a]] += sign
            improved = True
        if not improved:
            return


def _best_trio_move(tables, trio_index, weights, seated, free, keeps_coverage):
    trio = tables[trio_index]
    best, best_gain = None, 0
    for lone in trio:
        rest = tuple(m for m in trio if m != lone)
        loss = weights[key(lone, rest[0])] + weights[key(lone, rest[1])]
        for j, table in enumerate(tables):
            if j == trio_index or len(table) != 2:
                continue
            for c, d in (table, table[::-1]):
                if not free(lone, d):
                    continue
                base = weights[key(lone, d)] - loss - weights[key(c, d)]
                for x_index, target in enumerate(tables):
                    if x_index == j or (len(target) != 2 and x_index != trio_index):
                        continue
                    x, y = rest if x_index == trio_index else target
                    if not (free(c, x) and free(c, y)):
                        continue
                    if c in seated and (x in seated or y in seated):
                        continue
                    gain = base + weights[key(c, x)] + weights[key(c, y)]
                    if gain > best_gain and keeps_coverage(
                        [key(lone, rest[0]), key(lone, rest[1]), key(c, d)],
                        [key(lone, d), key(c, x), key(c, y)],
                    ):
                        best, best_gain = (lone, rest, j, c, d, x_index), gain
    return best


def number_tables(
    k: int, tables: list[list[str]], resting: list[str], seat_number: dict[str, int]
) -> Round:
    """Tables of seated people take the seated person's number; the rest count on after them."""
    numbered: list[Table] = []
    taken = set(seat_number.values())
    free = (n for n in range(1, 10_000) if n not in taken)
    for members in sorted(tables, key=lambda m: min(m)):
        fixed = [seat_number[m] for m in members if m in seat_number]
        number = fixed[0] if fixed else next(free)
        numbered.append(Table(number, tuple(sorted(members))))
    numbered.sort(key=lambda t: t.number)
    # Seated numbers with nobody at them this round leave a gap; renumbering would move people.
    return Round(k, tuple(numbered), tuple(resting))
