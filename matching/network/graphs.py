"""Who talked to whom: the meeting network of a plan as networkx graphs.

A conversation is a pair of people who shared a table, counted like the metrics do
(`Plan.meetings`): a table of three is three pairs, and a pair that sat together twice is two
conversations. Only rounds 1..`after_round` count (None = every planned round); the caller
passes the number of rounds already held when the picture should show what happened so far.

People in the plan who are no longer on the list (removed, or their data deleted) are left out
entirely, with their conversations: the network shows only people the organiser still holds
data of. `missing_people` names them so a caller can say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import networkx as nx

from matching.model import Participant, Plan, Sector, organisation_key
from matching.pairs import Pair, key

SECTOR_ORDER = tuple(Sector)  # ties between sectors go to the first in this order


def counted_rounds(plan: Plan, after_round: int | None = None):
    """The rounds that count: all, or those numbered 1..after_round."""
    if after_round is None:
        return plan.rounds
    if isinstance(after_round, bool) or not isinstance(after_round, int) or after_round < 0:
        raise ValueError(f"after_round must be a whole number of 0 or more, got {after_round!r}.")
    return tuple(r for r in plan.rounds if r.number <= after_round)


def conversations(plan: Plan, after_round: int | None = None) -> Counter[Pair]:
    """Every pair of ids that shared a table in the counted rounds, with how often."""
    counts: Counter[Pair] = Counter()
    for rnd in counted_rounds(plan, after_round):
        for table in rnd.tables:
            members = sorted(set(table.members))
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    counts[key(a, b)] += 1
    return counts


def _present(plan: Plan, after_round: int | None) -> set[str]:
    out: set[str] = set()
    for rnd in counted_rounds(plan, after_round):
        out.update(rnd.seated(), rnd.resting)
    return out


def missing_people(
    plan: Plan, participants: Sequence[Participant], *, after_round: int | None = None
) -> list[str]:
    """Ids in the counted rounds that are not on the list (left out of the network), sorted."""
    known = {p.id for p in participants}
    return sorted(_present(plan, after_round) - known)


def person_graph(
    plan: Plan, participants: Sequence[Participant], *, after_round: int | None = None
) -> nx.Graph:
    """One node per person on the list who is in a counted round (seated or resting), keyed by
    id, with `name`, `organisation`, `sector` (the German word); an edge per pair that talked,
    `weight` = conversations. Nodes are added in id order, so the graph is the same for the
    same plan and list."""
    people = {p.id: p for p in participants}
    graph = nx.Graph(level="person")
    for pid in sorted(_present(plan, after_round) & people.keys()):
        person = people[pid]
        graph.add_node(
            pid,
            name=person.name.strip(),
            organisation=person.organisation.strip(),
            sector=person.sector.value,
        )
    for (a, b), n in sorted(conversations(plan, after_round).items()):
        if a in graph and b in graph:
            graph.add_edge(a, b, weight=n)
    return graph


def organisation_graph(
    plan: Plan, participants: Sequence[Participant], *, after_round: int | None = None
) -> nx.Graph:
    """The person graph collapsed to organisations (see `collapse`)."""
    return collapse(person_graph(plan, participants, after_round=after_round))


def collapse(people: nx.Graph) -> nx.Graph:
    """One node per organisation, keyed by `organisation_key`, with `name` (the most common
    spelling, ties to the alphabetically first), `sector` (the most common sector of its
    people, ties in the order Krankenkasse, Kontaktstelle, Selbsthilfeorganisation, Sonstige)
    and `people` (how many); an edge per pair of organisations whose people talked, `weight` =
    conversations between them. Conversations within one organisation (a broken rule) give no
    self-loop; they still count in `measures`' conversations."""
    members: dict[str, list[dict]] = {}
    for _, data in people.nodes(data=True):
        members.setdefault(organisation_key(data["organisation"]), []).append(data)
    graph = nx.Graph(level="organisation")
    for org in sorted(members):
        group = members[org]
        graph.add_node(
            org,
            name=_most_common((d["organisation"] for d in group), sorted),
            sector=_most_common((d["sector"] for d in group), _sector_order),
            people=len(group),
        )
    weights: Counter[Pair] = Counter()
    for a, b, data in people.edges(data=True):
        oa = organisation_key(people.nodes[a]["organisation"])
        ob = organisation_key(people.nodes[b]["organisation"])
        if oa != ob:
            weights[key(oa, ob)] += data["weight"]
    for (a, b), n in sorted(weights.items()):
        graph.add_edge(a, b, weight=n)
    return graph


def _sector_order(values: Iterable[str]) -> list[str]:
    rank = {s.value: i for i, s in enumerate(SECTOR_ORDER)}
    return sorted(values, key=lambda v: (rank.get(v, len(rank)), v))


def _most_common(values: Iterable[str], order) -> str:
    counts = Counter(values)
    top = max(counts.values())
    return order([v for v, n in counts.items() if n == top])[0]
