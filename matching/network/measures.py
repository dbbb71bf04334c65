"""The network's numbers (event contract, "Network measures", keys fixed) and the same numbers
in plain words for the page.

Everything is counted on the graphs of `graphs.py`: conversations among the people on the list
in the counted rounds (a table of three is three pairs); density, components and bridges on the
organisation level. `new_ties` says what an event added to earlier ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from matching.i18n import format_number, format_percent, t
from matching.model import Participant, Plan, Sector, organisation_key
from matching.network.graphs import collapse, person_graph
from matching.pairs import key

KEYS = (
    "people",
    "organisations",
    "conversations",
    "cross_sector_share",
    "sector_mixing",
    "organisation_pairs",
    "organisations_reached",
    "density",
    "components",
    "bridges",
)
BRIDGES = 3  # how many organisations `bridges` names at most


def measures(
    plan: Plan, participants: Sequence[Participant], *, after_round: int | None = None
) -> dict[str, Any]:
    """The contract's measures, JSON-ready, keys in the contract's order:

    - `people`, `organisations`: people on the list in the counted rounds, their organisations;
    - `conversations`: pairs who shared a table (a pair meeting twice counts twice);
    - `cross_sector_share`: share of conversations between different sectors (0.0 when none);
    - `sector_mixing`: {sector: {sector: conversations}} over all four sectors (German values),
      symmetric, the diagonal holding conversations within a sector;
    - `organisation_pairs`: distinct pairs of different organisations that met;
    - `organisations_reached`: {organisation name: other organisations it met}, by name;
    - `density`: organisation pairs that met / all possible pairs;
    - `components`: parts of the organisation network that never talked to each other;
    - `bridges`: up to three organisation names with the highest betweenness (above 0),
      highest first, ties by name.
    """
    people = person_graph(plan, participants, after_round=after_round)
    orgs = collapse(people)
    sectors = [s.value for s in Sector]
    mixing = {a: dict.fromkeys(sectors, 0) for a in sectors}
    total = cross = 0
    for a, b, data in people.edges(data=True):
        sa, sb = people.nodes[a]["sector"], people.nodes[b]["sector"]
        n = data["weight"]
        total += n
        cross += n * (sa != sb)
        mixing[sa][sb] += n
        if sa != sb:
            mixing[sb][sa] += n
    reached = {orgs.nodes[o]["name"]: orgs.degree(o) for o in orgs}
    return {
        "people": people.number_of_nodes(),
        "organisations": orgs.number_of_nodes(),
        "conversations": total,
        "cross_sector_share": cross / total if total else 0.0,
        "sector_mixing": mixing,
        "organisation_pairs": orgs.number_of_edges(),
        "organisations_reached": {name: reached[name] for name in sorted(reached, key=_by_name)},
        "density": nx.density(orgs) if orgs.number_of_nodes() > 1 else 0.0,
        "components": nx.number_connected_components(orgs),
        "bridges": bridges(orgs),
    }


def bridges(orgs: nx.Graph, limit: int = BRIDGES) -> list[str]:
    """Names of the organisations with the highest betweenness (unweighted, normalised), only
    those above 0; rounded before sorting so float noise never reorders equal values."""
    if orgs.number_of_nodes() < 3:
        return []
    scores = nx.betweenness_centrality(orgs, normalized=True)
    ranked = sorted(
        ((round(v, 9), orgs.nodes[o]["name"]) for o, v in scores.items() if v > 1e-12),
        key=lambda item: (-item[0], *_by_name(item[1])),
    )
    return [name for _, name in ranked[:limit]]


def _by_name(name: str) -> tuple[str, str]:
    return name.casefold(), name


def organisation_pairs_met(
    plan: Plan, participants: Sequence[Participant], *, after_round: int | None = None
) -> list[tuple[str, str]]:
    """The distinct pairs of organisations that met, as names (each pair and the list sorted
    by name): what to keep of an event to compare a later one with (`new_ties`)."""
    orgs = collapse(person_graph(plan, participants, after_round=after_round))
    pairs: list[tuple[str, str]] = []
    for a, b in orgs.edges:
        first, second = sorted((orgs.nodes[a]["name"], orgs.nodes[b]["name"]), key=_by_name)
        pairs.append((first, second))
    return sorted(pairs, key=lambda p: (_by_name(p[0]), _by_name(p[1])))


def new_ties(
    plan: Plan,
    participants: Sequence[Participant],
    earlier_pairs: Iterable[tuple[str, str]],
    *,
    after_round: int | None = None,
) -> list[tuple[str, str]]:
    """Pairs of organisations that met in this plan but in none of `earlier_pairs` (pairs of
    organisation names from earlier events, e.g. their `organisation_pairs_met`; spellings are
    compared with `organisation_key`, order within a pair does not matter). Sorted by name."""
    seen = {key(organisation_key(a), organisation_key(b)) for a, b in earlier_pairs}
    return [
        (a, b)
        for a, b in organisation_pairs_met(plan, participants, after_round=after_round)
        if key(organisation_key(a), organisation_key(b)) not in seen
    ]


def plain_words(measures: Mapping[str, Any], lang: str = "de") -> list[str]:
    """Short sentences for the page, most important first: who talked how much and across
    sectors, how many organisation pairs met, whether the network holds together, who bridges,
    who reached most."""
    people, orgs = measures["people"], measures["organisations"]
    talks = measures["conversations"]
    if not talks:
        return [t("network.words_none", lang)]
    out = [
        t(
            "network.words_overview",
            lang,
            people=_count(people, "person", lang),
            organisations=_count(orgs, "organisation", lang),
            conversations=_count(talks, "conversation", lang),
            share=format_percent(measures["cross_sector_share"], lang, 0),
        )
    ]
    pairs = measures["organisation_pairs"]
    out.append(
        t(
            "network.words_pairs_one" if pairs == 1 else "network.words_pairs",
            lang,
            n=format_number(pairs, lang),
            share=format_percent(measures["density"], lang, 0),
        )
    )
    parts = measures["components"]
    if parts == 1:
        out.append(t("network.words_connected", lang))
    else:
        out.append(t("network.words_parts", lang, n=format_number(parts, lang)))
    names = list(measures["bridges"])
    if names:
        out.append(t("network.words_bridges", lang, names=_listed(names, lang)))
    reached = measures["organisations_reached"]
    if reached:
        top = max(reached.values())
        best = [name for name, n in reached.items() if n == top]
        if top > 0 and len(best) <= BRIDGES and len(best) < len(reached):  # else all alike
            out.append(
                t(
                    "network.words_reached",
                    lang,
                    names=_listed(best, lang),
                    n=_count(top, "organisation", lang),
                )
            )
    return out


def _count(n: int, noun: str, lang: str) -> str:
    """'1 Person', '41 Personen', '1.234 Gespräche': a number with its noun."""
    return t(f"network.noun_{noun}_{'one' if n == 1 else 'many'}", lang, n=format_number(n, lang))


def _listed(names: Sequence[str], lang: str) -> str:
    """'A', 'A und B', 'A, B und C' (English: 'A, B and C')."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {t('network.words_and', lang)} {names[-1]}"
