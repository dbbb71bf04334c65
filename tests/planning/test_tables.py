"""From chosen pairs to numbered tables (`matching.planning.tables`), tested directly: table
numbers, the odd one out joining a table, seat numbers in a re-plan, the local search on tables
of three, and `make_tables` on hand-built solver answers."""

from __future__ import annotations

import copy
from collections import Counter
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.model import OddMode, Participant, Plan, Round, Sector, Table
from matching.pairs import GHOST, key
from matching.planning.cpsat import Selection, SolveStatus
from matching.planning.tables import (
    _best_trio_move,
    _improve_trios,
    join_a_table,
    make_tables,
    number_round,
    seat_numbers,
)
from matching.scoring import coverage_needs, pair_weights

# --------------------------------------------------------------------------- helpers


def person(pid, sector=Sector.SELF_HELP_ORG, *, seated=False, org=None):
    return Participant(pid, pid.upper(), org or f"Org {pid}", sector, stays_seated=seated)


def towards(lone, **weights):
    """Weights of the pairs (lone, other), given as other=weight."""
    return {key(lone, other): w for other, w in weights.items()}


def table_pairs(table):
    return [key(a, b) for a, b in combinations(table, 2)]


def score(tables_by_round, weights):
    return sum(
        weights[e] for tables in tables_by_round.values() for t in tables for e in table_pairs(t)
    )


def all_pairs(tables_by_round):
    return [e for tables in tables_by_round.values() for t in tables for e in table_pairs(t)]


def coverage(tables_by_round, needs, sector_of):
    """Per person: how many of the sectors they need they meet over all rounds."""
    met: dict[str, set] = {pid: set() for pid in sector_of}
    for a, b in all_pairs(tables_by_round):
        met[a].add(sector_of[b])
        met[b].add(sector_of[a])
    return {pid: len(need.sectors & met[pid]) for pid, need in needs.items()}


def numbers_of(rnd: Round) -> dict[frozenset, int]:
    return {frozenset(t.members): t.number for t in rnd.tables}


# --------------------------------------------------------------------------- number_round


def test_seated_tables_take_the_seat_number_and_the_rest_fill_the_gaps():
    """Protects: a seated person's table carries their number; other tables take the lowest
    numbers that no seated person owns."""
    seat = {"s1": 3, "s2": 1}
    rnd = number_round(2, [["b", "s1"], ["a", "c"], ["d", "s2"], ["e", "f"]], [], seat)
    assert rnd.number == 2
    assert numbers_of(rnd) == {
        frozenset({"d", "s2"}): 1,
        frozenset({"a", "c"}): 2,
        frozenset({"b", "s1"}): 3,
        frozenset({"e", "f"}): 4,
    }
    assert [t.number for t in rnd.tables] == [1, 2, 3, 4]


def test_an_absent_seated_person_leaves_a_gap():
    """Protects: nobody else takes the number of a seated person who has no table this round
    (renumbering would send people to another table)."""
    rnd = number_round(1, [["a", "b"], ["c", "d"]], ["s"], {"s": 1})
    assert numbers_of(rnd) == {frozenset({"a", "b"}): 2, frozenset({"c", "d"}): 3}
    assert rnd.resting == ("s",)


def test_a_table_that_stays_keeps_its_number_in_a_replan():
    """Protects: with `previous`, a table whose members sat together there keeps its number;
    a table with new members does not inherit one."""
    previous = Round(3, (Table(5, ("a", "b")), Table(1, ("c", "e")), Table(2, ("d", "f"))))
    rnd = number_round(3, [["b", "a"], ["c", "d"], ["e", "f"]], [], {}, previous=previous)
    assert numbers_of(rnd) == {
        frozenset({"a", "b"}): 5,  # stays, keeps 5
        frozenset({"c", "d"}): 1,  # new tables fill from 1
        frozenset({"e", "f"}): 2,
    }


def test_a_kept_table_yields_its_number_to_a_seated_person():
    """Protects: a seated person's number wins over a table that sat at that number before."""
    previous = Round(1, (Table(1, ("a", "b")), Table(2, ("c", "s"))))
    rnd = number_round(1, [["a", "b"], ["d", "s"], ["c", "e"]], [], {"s": 1}, previous=previous)
    assert numbers_of(rnd) == {
        frozenset({"d", "s"}): 1,
        frozenset({"a", "b"}): 2,  # its old 1 is taken: lowest free
        frozenset({"c", "e"}): 3,
    }


def test_trios_are_numbered_like_pairs_and_members_sorted():
    """Protects: members are sorted within every table, whatever order they came in."""
    rnd = number_round(1, [["z", "b", "m"], ["y", "c"]], ["q"], {})
    assert [t.members for t in rnd.tables] == [("b", "m", "z"), ("c", "y")]
    assert [t.number for t in rnd.tables] == [1, 2]
    assert rnd.resting == ("q",)


@st.composite
def rounds_to_number(draw):
    """People split into pairs (maybe one trio), at most one seated person per table, seat
    numbers that may belong to absent seated people too, and a shuffled copy of the input."""
    n = draw(st.integers(2, 14))
    ids = [f"p{i:02d}" for i in range(n)]
    order = draw(st.permutations(ids))
    trio = n % 2 == 1 and n >= 3
    tables = []
    rest = list(order)
    if trio:
        tables.append(rest[:3])
        rest = rest[3:]
    resting = []
    if len(rest) % 2 == 1:
        resting.append(rest.pop())
    tables += [rest[i : i + 2] for i in range(0, len(rest), 2)]
    seated_tables = draw(st.lists(st.booleans(), min_size=len(tables), max_size=len(tables)))
    seated = [draw(st.sampled_from(t)) for t, s in zip(tables, seated_tables, strict=True) if s]
    seated += draw(st.lists(st.sampled_from(["x1", "x2", "x3"]), unique=True))  # absent ones
    numbers = draw(
        st.lists(
            st.integers(1, 3 * len(tables) + 3),
            min_size=len(seated),
            max_size=len(seated),
            unique=True,
        )
    )
    seat = dict(zip(seated, numbers, strict=True))
    shuffled = [draw(st.permutations(t)) for t in draw(st.permutations(tables))]
    return tables, resting, seat, shuffled


@settings(max_examples=150, deadline=None)
@given(rounds_to_number())
def test_numbering_properties(case):
    """Protects, for any round: seated tables carry the seat number; all numbers differ; the
    other tables hold exactly the lowest numbers no seated person owns; members and tables are
    sorted; resting is carried through; the order of the input does not matter."""
    tables, resting, seat, shuffled = case
    rnd = number_round(4, copy.deepcopy(tables), resting, seat)
    assert rnd.number == 4 and rnd.resting == tuple(resting)
    assert sorted(map(sorted, tables)) == sorted(list(t.members) for t in rnd.tables)
    numbers = [t.number for t in rnd.tables]
    assert numbers == sorted(set(numbers))
    free_tables = []
    for t in rnd.tables:
        assert list(t.members) == sorted(t.members)
        mine = [seat[m] for m in t.members if m in seat]
        if mine:
            assert t.number == mine[0]
        else:
            free_tables.append(t.number)
    owned = set(seat.values())
    lowest = [n for n in range(1, 200) if n not in owned][: len(free_tables)]
    assert sorted(free_tables) == lowest
    assert number_round(4, shuffled, resting, seat) == rnd


# --------------------------------------------------------------------------- join_a_table


def test_the_odd_one_out_joins_where_the_two_new_pairs_score_most():
    """Protects: the join picks the pair table with the highest sum of the two new pairs, and
    records both new pairs as used."""
    tables = [["a", "b"], ["c", "d"], ["e", "f"]]
    weights = towards("x", a=1, b=1, c=5, d=6, e=9, f=1)
    used: set = set()
    assert join_a_table("x", tables, weights, used, set()) is True
    assert tables == [["a", "b"], ["c", "d", "x"], ["e", "f"]]  # 11 beats 2 and 10
    assert used == {key("x", "c"), key("x", "d")}


def test_join_never_repeats_a_pair_or_uses_a_forbidden_one():
    """Protects: a table where one of the new pairs was used already, or is not allowed (not in
    `weights`), is never joined, however well it scores; trios are never joined."""
    weights = towards("x", a=1, b=1, c=50, d=50, e=60, g=1, h=1)
    # (e, f): x-f not allowed. (c, d): x-c used already. (g, h, i): a trio.
    tables = [["c", "d"], ["e", "f"], ["g", "h", "i"], ["a", "b"]]
    used = {key("x", "c")}
    assert join_a_table("x", tables, weights, used, set()) is True
    assert tables[3] == ["a", "b", "x"]
    assert tables[:3] == [["c", "d"], ["e", "f"], ["g", "h", "i"]]
    assert used == {key("x", "c"), key("x", "a"), key("x", "b")}


def test_a_seated_odd_one_out_never_joins_another_seated_person():
    """Protects: two seated people keep different table numbers, so they never share a table."""
    weights = towards("s", a=1, b=1, c=9, t=9)
    tables = [["c", "t"], ["a", "b"]]
    used: set = set()
    assert join_a_table("s", tables, weights, used, {"s", "t"}) is True
    assert tables == [["c", "t"], ["a", "b", "s"]]
    # Somebody who is not seated may join a seated person's table.
    tables = [["c", "t"], ["a", "b"]]
    weights[key("c", "y")], weights[key("t", "y")] = 9, 9
    weights[key("a", "y")], weights[key("b", "y")] = 1, 1
    assert join_a_table("y", tables, weights, set(), {"s", "t"}) is True
    assert tables == [["c", "t", "y"], ["a", "b"]]


def test_no_allowed_table_returns_false_and_changes_nothing():
    """Protects: when every table is ruled out the caller learns it (False) and neither the
    tables nor the used pairs were touched."""
    weights = {key("x", "a"): 3, key("x", "b"): 3, key("x", "c"): 3}
    tables = [["a", "b"], ["c", "d"], ["e", "f", "g"]]
    used = {key("x", "a")}
    before_tables, before_used = copy.deepcopy(tables), set(used)
    assert join_a_table("x", tables, weights, used, set()) is False
    assert tables == before_tables and used == before_used
    assert join_a_table("x", [], weights, set(), set()) is False


def test_the_bonus_can_change_the_choice():
    """Protects: `bonus(a, b)` is added to a table's gain (re-planning prefers the table the
    person sat at before)."""
    weights = towards("x", a=1, b=1, c=5, d=5)
    tables = [["a", "b"], ["c", "d"]]
    calls = []

    def bonus(a, b):
        calls.append((a, b))
        return 100 if {a, b} == {"a", "b"} else 0

    assert join_a_table("x", tables, weights, set(), set(), bonus) is True
    assert tables == [["a", "b", "x"], ["c", "d"]]
    assert sorted(calls) == [("a", "b"), ("c", "d")]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(0, 20)), min_size=8, max_size=8),
    st.sets(st.integers(0, 7)),
    st.sets(st.sampled_from(["x", "p0", "p2", "p4", "p6"])),
)
def test_join_takes_a_best_allowed_table(raw_weights, used_idx, seated):
    """Protects, for any weights and used pairs: either no table is allowed and nothing
    changes, or the joined table is allowed and no allowed table gains more."""
    others = [f"p{i}" for i in range(8)]
    weights = {key("x", o): w for o, w in zip(others, raw_weights, strict=True) if w is not None}
    used = {key("x", others[i]) for i in used_idx}
    tables = [others[i : i + 2] for i in range(0, 8, 2)]

    def gain(t):
        pairs = [key("x", m) for m in t]
        if any(e not in weights or e in used for e in pairs):
            return None
        if "x" in seated and set(t) & seated:
            return None
        return sum(weights[e] for e in pairs)

    gains = [gain(t) for t in tables]
    work, work_used = copy.deepcopy(tables), set(used)
    joined = join_a_table("x", work, weights, work_used, seated)
    if all(g is None for g in gains):
        assert joined is False and work == tables and work_used == used
        return
    assert joined is True
    (i,) = [i for i, t in enumerate(work) if "x" in t]
    assert gains[i] == max(g for g in gains if g is not None)
    assert work_used == used | {key("x", m) for m in tables[i]}


# --------------------------------------------------------------------------- seat_numbers


def test_seated_people_keep_their_number_and_newcomers_get_unused_ones():
    """Protects: in a re-plan a seated person keeps the number of the old plan; a newly seated
    person gets a number no seated person has; people who do not stay seated get none."""
    people = {p.id: p for p in [person("a"), person("b"), person("c"), person("d")]}
    people |= {p.id: p for p in [person(s, seated=True) for s in ("s", "t", "n1", "n2")]}
    old = Plan(
        (
            Round(1, (Table(1, ("a", "b")), Table(3, ("c", "s")), Table(2, ("d", "t")))),
            Round(2, (Table(3, ("a", "s")), Table(2, ("b", "t"))), ("c",)),
        )
    )
    present = {1: {"a", "b", "c", "d", "s", "t"}, 2: {"a", "b", "c", "s", "t", "n2", "n1"}}
    seat = seat_numbers(old, people, present, [2])
    assert seat == {"s": 3, "t": 2, "n1": 1, "n2": 4}
    assert len(set(seat.values())) == len(seat)


def test_seat_numbers_ignore_unknown_ids_and_past_rounds():
    """Protects: ids not on the list get no number; newcomers are only looked for in the
    re-planned rounds."""
    people = {"a": person("a"), "n": person("n", seated=True), "m": person("m", seated=True)}
    old = Plan((Round(1, (Table(1, ("a", "ghost-id")),)),))
    present = {1: {"a", "ghost-id", "m"}, 2: {"a", "n", "zz"}}
    assert seat_numbers(old, people, present, [2]) == {"n": 1}


# --------------------------------------------------------------------------- trio search

SEVEN = ["L", "u", "v", "c", "d", "x", "y"]


def seven_weights():
    """Every pair 1, except L-d, c-x and c-y (10): L should leave the trio (L, u, v) for d,
    and d's partner c should join (x, y)."""
    weights = {key(a, b): 1 for a, b in combinations(SEVEN, 2)}
    weights.update({key("L", "d"): 10, key("c", "x"): 10, key("c", "y"): 10})
    return weights


def one_round():
    return {1: [["L", "u", "v"], ["c", "d"], ["x", "y"]]}


SAME_SECTOR = dict.fromkeys(SEVEN, Sector.SELF_HELP_ORG)


def test_the_odd_one_out_moves_when_that_scores_more():
    """Protects: the trio search makes the improving move (gain 27 here) and only that."""
    weights = seven_weights()
    tables = one_round()
    before = score(tables, weights)
    _improve_trios(tables, weights, set(), {}, SAME_SECTOR)
    assert tables == {1: [["u", "v"], ["L", "d"], ["x", "y", "c"]]}
    assert score(tables, weights) == before + 27


def test_best_trio_move_names_the_move():
    """Protects: `_best_trio_move` returns (lone, the pair left behind, table of d, c, d, table
    c joins) for the best move with a positive gain."""
    weights = seven_weights()
    tables = one_round()[1]

    def free(a, b):
        # one round: met = sits together now
        return key(a, b) in weights and not any({a, b} <= set(t) for t in tables)

    move = _best_trio_move(tables, 0, weights, set(), free, lambda removed, added: True)
    assert move == ("L", ("u", "v"), 1, "c", "d", 2)
    refused = _best_trio_move(tables, 0, weights, set(), free, lambda removed, added: False)
    assert refused is None


def test_no_improving_move_leaves_the_tables_alone():
    """Protects: with all weights equal every move gains 0, and nothing is changed."""
    weights = {key(a, b): 4 for a, b in combinations(SEVEN, 2)}
    tables = one_round()
    _improve_trios(tables, weights, set(), {}, SAME_SECTOR)
    assert tables == one_round()


def test_a_move_never_repeats_a_pair_of_another_round():
    """Protects: the search never seats two people together who meet in another round (here
    L-d meet in round 2, which blocks the best move of round 1)."""
    weights = seven_weights()
    tables = {
        1: [["L", "u", "v"], ["c", "d"], ["x", "y"]],
        2: [["c", "u", "y"], ["L", "d"], ["v", "x"]],
    }
    before = score(tables, weights)
    _improve_trios(tables, weights, set(), {}, SAME_SECTOR)
    pairs = all_pairs(tables)
    assert len(pairs) == len(set(pairs))
    assert score(tables, weights) >= before
    assert not any({"L", "d"} <= set(t) for t in tables[1])


def test_a_move_never_costs_anybody_sector_coverage():
    """Protects: the best-scoring move would leave u and v alone with each other (u and v lose
    a sector); with coverage needs a different move is made, still gaining, and nobody meets
    fewer of the sectors they need."""
    sector_of = {
        "L": Sector.HEALTH_INSURER,
        "x": Sector.HEALTH_INSURER,
        "u": Sector.SELF_HELP_ORG,
        "v": Sector.SELF_HELP_ORG,
        "d": Sector.SELF_HELP_ORG,
        "c": Sector.CONTACT_OFFICE,
        "y": Sector.CONTACT_OFFICE,
    }
    people = [person(pid, s) for pid, s in sector_of.items()]
    needs = coverage_needs(people, dict.fromkeys(SEVEN, 3))
    weights = seven_weights()
    tables = one_round()
    before_score = score(tables, weights)
    before = coverage(tables, needs, sector_of)
    _improve_trios(tables, weights, set(), needs, sector_of)
    after = coverage(tables, needs, sector_of)
    assert tables != {1: [["u", "v"], ["L", "d"], ["x", "y", "c"]]}
    assert score(tables, weights) > before_score
    for pid, need in needs.items():
        assert after[pid] >= min(before[pid], need.count), pid


def test_a_seated_person_is_never_moved_to_another_seated_person():
    """Protects: c joining (x, y) is ruled out when c and x both stay seated."""
    weights = seven_weights()
    tables = one_round()
    _improve_trios(tables, weights, {"c", "x"}, {}, SAME_SECTOR)
    assert not any({"c", "x"} <= set(t) for t in tables[1])
    assert score(tables, weights) > score(one_round(), weights)


@st.composite
def trio_rounds(draw):
    """7 or 9 people, 1-3 rounds of one trio and pairs with no repeated pair, random weights
    (some pairs not allowed), random sectors and a few seated people."""
    n = draw(st.sampled_from([7, 9]))
    ids = [f"p{i}" for i in range(n)]
    rng = draw(st.randoms(use_true_random=False))
    seated = set(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)))
    weights = {
        key(a, b): rng.randint(0, 20)
        for a, b in combinations(ids, 2)
        if rng.random() < 0.9 and not (a in seated and b in seated)
    }
    sector_of = {pid: draw(st.sampled_from(list(Sector))) for pid in ids}
    tables_by_round = {}
    met: set = set()
    for k in range(1, draw(st.integers(1, 3)) + 1):
        for _ in range(60):
            order = ids[:]
            rng.shuffle(order)
            tables = [order[:3]] + [order[i : i + 2] for i in range(3, n, 2)]
            pairs = [e for t in tables for e in table_pairs(t)]
            if all(e in weights and e not in met for e in pairs):
                tables_by_round[k] = tables
                met.update(pairs)
                break
    return tables_by_round, weights, seated, sector_of


@settings(max_examples=120, deadline=None)
@given(trio_rounds())
def test_trio_search_properties(case):
    """Protects, for any rounds: the same people in every round with one trio and otherwise
    pairs; only allowed pairs, none twice; two seated people never together; the score never
    drops; nobody's sector coverage drops below what they had or need."""
    tables_by_round, weights, seated, sector_of = case
    people = [person(pid, s) for pid, s in sector_of.items()]
    needs = coverage_needs(people, dict.fromkeys(sector_of, len(tables_by_round)))
    before_score = score(tables_by_round, weights)
    before_cover = coverage(tables_by_round, needs, sector_of)
    work = copy.deepcopy(tables_by_round)
    _improve_trios(work, weights, seated, needs, sector_of)
    for tables in work.values():
        assert sorted(m for t in tables for m in t) == sorted(sector_of)
        assert Counter(len(t) for t in tables)[3] == 1
        assert {len(t) for t in tables} <= {2, 3}
    pairs = all_pairs(work)
    assert len(pairs) == len(set(pairs))
    assert all(e in weights for e in pairs)
    assert not any(len(set(t) & seated) > 1 for ts in work.values() for t in ts)
    assert score(work, weights) >= before_score
    after_cover = coverage(work, needs, sector_of)
    for pid, need in needs.items():
        assert after_cover[pid] >= min(before_cover[pid], need.count)


# --------------------------------------------------------------------------- make_tables

FIVE = ["p1", "p2", "p3", "p4", "p5"]


def five_people(seated=()):
    return [person(pid, seated=pid in seated) for pid in FIVE]


def test_rest_mode_the_ghosts_partner_rests():
    """Protects: in rest mode the person paired with the ghost in a round rests in that round;
    everyone else sits at the pair tables the solver chose."""
    people = five_people()
    weights = pair_weights(people)
    round_of = {
        key(GHOST, "p1"): 1,
        key("p2", "p3"): 1,
        key("p4", "p5"): 1,
        key(GHOST, "p2"): 2,
        key("p1", "p4"): 2,
        key("p3", "p5"): 2,
    }
    selection = Selection(SolveStatus.OPTIMAL, frozenset(round_of))
    needs = coverage_needs(people, dict.fromkeys(FIVE, 2))
    made = make_tables(people, selection, round_of, 2, OddMode.REST, True, weights, needs)
    assert made is not None
    assert [r.resting for r in made.rounds] == [("p1",), ("p2",)]
    assert [[t.members for t in r.tables] for r in made.rounds] == [
        [("p2", "p3"), ("p4", "p5")],
        [("p1", "p4"), ("p3", "p5")],
    ]


def test_trio_mode_the_lone_person_joins_the_best_table():
    """Protects: in trio mode the ghost's partner joins the pair table where the two new pairs
    score most, and nobody rests."""
    people = five_people()
    weights = dict.fromkeys(pair_weights(people), 1)
    weights[key("p1", "p4")] = weights[key("p1", "p5")] = 7
    round_of = {key(GHOST, "p1"): 1, key("p2", "p3"): 1, key("p4", "p5"): 1}
    selection = Selection(SolveStatus.OPTIMAL, frozenset(round_of))
    needs = coverage_needs(people, dict.fromkeys(FIVE, 1))
    made = make_tables(people, selection, round_of, 1, OddMode.TRIO, True, weights, needs)
    assert made is not None
    (rnd,) = made.rounds
    assert rnd.resting == ()
    assert [t.members for t in rnd.tables] == [("p1", "p4", "p5"), ("p2", "p3")]


def test_trio_mode_without_a_table_to_join_gives_none():
    """Protects: when the odd one out may join no table, make_tables says so (None) instead of
    leaving them without a seat."""
    people = five_people()
    weights = {e: w for e, w in pair_weights(people).items() if "p1" not in e}
    round_of = {key(GHOST, "p1"): 1, key("p2", "p3"): 1, key("p4", "p5"): 1}
    selection = Selection(SolveStatus.OPTIMAL, frozenset(round_of))
    needs = coverage_needs(people, dict.fromkeys(FIVE, 1))
    assert make_tables(people, selection, round_of, 1, OddMode.TRIO, True, weights, needs) is None


def test_the_kth_triangle_is_round_ks_table_of_three():
    """Protects: triangles chosen by the solver become the table of three of round 1, 2, ...
    in order, next to that round's pair tables."""
    people = [person(f"p{i}") for i in range(1, 8)]
    weights = pair_weights(people)
    triangles = (("p1", "p2", "p3"), ("p1", "p4", "p6"))
    round_of = {
        key("p4", "p5"): 1,
        key("p6", "p7"): 1,
        key("p2", "p5"): 2,
        key("p3", "p7"): 2,
    }
    pairs = frozenset(round_of) | {e for t in triangles for e in combinations(t, 2)}
    selection = Selection(SolveStatus.OPTIMAL, frozenset(pairs), triangles)
    needs = coverage_needs(people, {p.id: 2 for p in people})
    made = make_tables(
        people, selection, round_of, 2, OddMode.TRIO, False, weights, needs, improve=False
    )
    assert made is not None
    assert [sorted(t.members for t in r.tables) for r in made.rounds] == [
        [("p1", "p2", "p3"), ("p4", "p5"), ("p6", "p7")],
        [("p1", "p4", "p6"), ("p2", "p5"), ("p3", "p7")],
    ]


def test_seated_people_keep_one_number_all_event():
    """Protects: the k-th seated person on the list (in list order) sits at table k in every
    round they sit; a round where they rest leaves number k empty."""
    people = five_people(seated=("p3",))
    weights = pair_weights(people)
    round_of = {
        key(GHOST, "p1"): 1,
        key("p2", "p3"): 1,
        key("p4", "p5"): 1,
        key(GHOST, "p3"): 2,
        key("p1", "p4"): 2,
        key("p2", "p5"): 2,
    }
    selection = Selection(SolveStatus.OPTIMAL, frozenset(round_of))
    needs = coverage_needs(people, dict.fromkeys(FIVE, 2))
    made = make_tables(people, selection, round_of, 2, OddMode.REST, True, weights, needs)
    assert made is not None
    first, second = made.rounds
    assert first.table_of("p3") == Table(1, ("p2", "p3"))
    assert second.resting == ("p3",)
    assert [t.number for t in second.tables] == [2, 3]


def test_a_seated_odd_one_out_brings_their_number_to_the_table_they_join():
    """Protects: in trio mode the table a seated odd one out joins takes their number, even
    when its other members would sort first."""
    people = [person(pid, seated=pid in ("p0", "p5")) for pid in ("p0", "p1", "p2", "p3", "p5")]
    weights = {e: 1 for e in pair_weights(people) if e != ("p0", "p5")}
    weights[key("p1", "p5")] = weights[key("p2", "p5")] = 9
    round_of = {key(GHOST, "p5"): 1, key("p0", "p3"): 1, key("p1", "p2"): 1}
    selection = Selection(SolveStatus.OPTIMAL, frozenset(round_of))
    needs = coverage_needs(people, {p.id: 1 for p in people})
    made = make_tables(people, selection, round_of, 1, OddMode.TRIO, True, weights, needs)
    assert made is not None
    (rnd,) = made.rounds
    assert rnd.resting == ()
    # p0 is the first seated person (number 1), p5 the second (number 2).
    assert rnd.tables == (Table(1, ("p0", "p3")), Table(2, ("p1", "p2", "p5")))
