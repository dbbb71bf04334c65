"""From a solver's answer to numbered tables, for planning and re-planning alike: who is the
odd one out, which table of three, which table number (seated people keep theirs all event,
tables that stay in a re-plan keep theirs)."""

from __future__ import annotations

from collections import Counter

from matching.model import OddMode, Plan, Round, Table
from matching.pairs import GHOST, Pair, key


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
    seated_order = [p.id for p in people if p.stays_seated]
    seat_number = {pid: i + 1 for i, pid in enumerate(seated_order)}
    used = {e for e in selection.pairs if GHOST not in e}
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
            elif not join_a_table(lone, tables, weights, used, set(seat_number)):
                return None
        by_round[k] = (tables, resting)
    # Above ~120 people the tables of three are a tiny share of the score, and the search
    # (all tables against all tables) takes seconds: the solver's triangles stay.
    if improve and odd is OddMode.TRIO and len(people) % 2 == 1 and len(people) <= 121:
        sector_of = {p.id: p.sector for p in people}
        _improve_trios(
            {k: t for k, (t, _) in by_round.items()}, weights, set(seat_number), needs, sector_of
        )
    made_rounds = [number_round(k, t, r, seat_number) for k, (t, r) in sorted(by_round.items())]
    return Plan(tuple(made_rounds))


def join_a_table(lone, tables, weights, used, seated, bonus=None) -> bool:
    """The odd one out of a round joins the pair table where their two new pairs score most
    (plus `bonus(a, b)`, e.g. for the table they sat at before); pairs in `used` have met
    already and are added to it. False when no table is allowed."""
    best = None
    for i, table in enumerate(tables):
        if len(table) != 2:
            continue
        a, b = table
        ea, eb = key(lone, a), key(lone, b)
        if ea not in weights or eb not in weights or ea in used or eb in used:
            continue
        if lone in seated and (a in seated or b in seated):
            continue
        gain = weights[ea] + weights[eb] + (bonus(a, b) if bonus else 0)
        if best is None or gain > best[0]:
            best = (gain, i)
    if best is None:
        return False
    table = tables[best[1]]
    used.update({key(lone, table[0]), key(lone, table[1])})
    table.append(lone)
    return True


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


def seat_numbers(plan, people, present, future) -> dict[str, int]:
    """Re-planning: seated people keep the number they had; newly seated ones get a number
    nobody uses."""
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


def build_replanned_rounds(chosen, future, old, odd, seat, pair_w, met, pins):
    """Re-planning: chosen (pair, round)s -> tables. The ghost's partner rests or joins a
    table (preferring the one they sat at before, or their pinned trio); numbers are kept
    where tables stay. Returns (rounds, failed): failed names (ghost pair, round) where the
    odd one out found no table to join, so the caller can forbid that choice and solve again."""
    used = set(met) | {e for e, _ in chosen if GHOST not in e}
    out: dict[int, Round] = {}
    failed: set[tuple[Pair, int]] = set()
    for r in future:
        in_round = [e for e, rr in sorted(chosen) if rr == r]
        tables = [list(e) for e in in_round if GHOST not in e]
        lone = next((e[1] if e[0] == GHOST else e[0] for e in in_round if GHOST in e), None)
        resting: list[str] = []
        if lone is not None:
            if odd is OddMode.REST:
                resting.append(lone)
            else:
                pinned = {m for p in pins if p.round == r and lone in p.members for m in p.members}
                before = next((set(t.members) for t in old[r].tables if lone in t.members), set())

                def bonus(a, b, before=before, pinned=pinned):
                    return 1000 * len({a, b} & before) + 10**6 * len({a, b} & pinned)

                if not join_a_table(lone, tables, pair_w, used, set(seat), bonus):
                    failed.add((key(GHOST, lone), r))
        out[r] = number_round(r, tables, resting, seat, previous=old[r])
    return out, failed


def number_round(
    k: int,
    tables: list[list[str]],
    resting: list[str],
    seat_number: dict[str, int],
    previous: Round | None = None,
) -> Round:
    """Tables of seated people take the seated person's number; a table that sat together in
    `previous` (the round before a re-plan) keeps its number; the rest fill the lowest free
    numbers. Seated numbers with nobody at them this round leave a gap: renumbering would
    move people."""
    ordered = sorted((sorted(m) for m in tables), key=lambda m: m[0])
    numbers: dict[int, int] = {}
    for i, members in enumerate(ordered):
        fixed = [seat_number[m] for m in members if m in seat_number]
        if fixed:
            numbers[i] = fixed[0]
    used = set(numbers.values()) | set(seat_number.values())
    before = {frozenset(t.members): t.number for t in previous.tables} if previous else {}
    for i, members in enumerate(ordered):
        number = before.get(frozenset(members))
        if i not in numbers and number is not None and number not in used:
            numbers[i] = number
            used.add(number)
    free = (n for n in range(1, 100_000) if n not in used)
    for i in range(len(ordered)):
        if i not in numbers:
            numbers[i] = next(free)
    made = sorted(
        (Table(numbers[i], tuple(m)) for i, m in enumerate(ordered)), key=lambda t: t.number
    )
    return Round(k, tuple(made), tuple(resting))
