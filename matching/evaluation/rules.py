"""The independent judge of a plan: one pure check per hard rule (numbered as in the contract).

`violations` is the tests' oracle and the app's explanation of what is wrong with a plan; it
knows nothing about how the plan was made.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matching.model import OddMode, Participant, Plan, same_organisation
from matching.scoring import allowed


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken hard rule (numbered as in the contract), said in plain words."""

    rule: int
    round: int | None
    people: tuple[str, ...]
    message_de: str
    message_en: str

    def message(self, lang: str = "de") -> str:
        return self.message_en if lang == "en" else self.message_de


def _namer(participants: Sequence[Participant], known: Sequence[Participant] = ()):
    """Names for messages: the list's, else the name a plan remembers (`known`), else the id."""
    people = {p.id: p for p in participants}
    names = {p.id: p.name for p in known} | {p.id: p.name for p in participants}

    def name(pid: str) -> str:
        return names.get(pid, pid)

    return people, name


def present_by_round(plan: Plan) -> dict[int, set[str]]:
    """Who the plan itself seats or rests in each round."""
    return {r.number: set(r.seated()) | set(r.resting) for r in plan.rounds}


ATTENDANCE = "present_by_round"  # plan.extra key written by re-planning


def violations(
    participants: Sequence[Participant],
    plan: Plan,
    odd: OddMode | None = None,
    present: Mapping[int, set[str]] | None = None,
    known: Sequence[Participant] = (),
) -> list[Violation]:
    """Every instance of a broken hard rule. `present`: round -> ids expected that round
    (default: everyone on the list in every round). `odd` None accepts trio or rest.
    `known`: people who left the list, named in messages by the name the plan remembers."""
    people, name = _namer(participants, known)
    out: list[Violation] = []

    def add(rule: int, rnd: int | None, who: tuple[str, ...], de: str, en: str) -> None:
        out.append(Violation(rule, rnd, who, de, en))

    expected_numbers = list(range(1, len(plan.rounds) + 1))
    if [r.number for r in plan.rounds] != expected_numbers:
        add(
            1,
            None,
            (),
            "Die Runden sind nicht fortlaufend ab 1 nummeriert.",
            "Rounds are not numbered consecutively from 1.",
        )
    met: dict[frozenset[str], int] = {}
    seat_of: dict[str, dict[int, int]] = defaultdict(dict)
    rest_count: Counter[str] = Counter()
    everyone = set(people)
    for rnd in plan.rounds:
        n = rnd.number
        expected = set(present[n]) if present is not None and n in present else everyone
        places = Counter([*rnd.seated(), *rnd.resting])
        for pid, count in places.items():
            if count > 1:
                add(
                    1,
                    n,
                    (pid,),
                    f"Runde {n}: {name(pid)} ist {count}-mal eingeplant.",
                    f"Round {n}: {name(pid)} is placed {count} times.",
                )
            # Someone the plan expected in a round (it happened) may have left the list since.
            if pid not in people and not (present is not None and pid in expected):
                add(
                    1,
                    n,
                    (pid,),
                    f"Runde {n}: „{name(pid)}“ steht nicht (mehr) auf der Liste.",
                    f"Round {n}: “{name(pid)}” is not (or no longer) on the list.",
                )
            elif pid not in expected:
                add(
                    1,
                    n,
                    (pid,),
                    f"Runde {n}: {name(pid)} ist eingeplant, ist aber nicht da.",
                    f"Round {n}: {name(pid)} is placed but not present.",
                )
        for pid in sorted(expected - set(places)):
            add(
                1,
                n,
                (pid,),
                f"Runde {n}: {name(pid)} hat keinen Platz.",
                f"Round {n}: {name(pid)} has no seat.",
            )
        numbers = [t.number for t in rnd.tables]
        if sorted(numbers) != sorted(set(numbers)):
            add(
                6,
                n,
                (),
                f"Runde {n}: eine Tischnummer ist doppelt vergeben.",
                f"Round {n}: a table number is used twice.",
            )
        trios = [t for t in rnd.tables if len(t.members) == 3]
        bad = [t for t in rnd.tables if len(t.members) not in (2, 3)]
        for table in bad:
            add(
                6,
                n,
                table.members,
                f"Runde {n}, Tisch {table.number}: {len(table.members)} "
                "Personen – erlaubt sind 2 (oder 3 am Dreiertisch).",
                f"Round {n}, table {table.number}: {len(table.members)} people – 2 allowed "
                "(or 3 at the trio table).",
            )
        count = len(places)
        if trios and (count % 2 == 0 or len(trios) > 1 or odd is OddMode.REST or rnd.resting):
            add(
                6,
                n,
                trios[0].members,
                f"Runde {n}: Dreiertisch, obwohl es ohne ginge.",
                f"Round {n}: a table of three where none is needed.",
            )
        if rnd.resting and (count % 2 == 0 or len(rnd.resting) > 1 or odd is OddMode.TRIO):
            add(
                6,
                n,
                rnd.resting,
                f"Runde {n}: {len(rnd.resting)} Person(en) pausieren, obwohl es ohne ginge.",
                f"Round {n}: {len(rnd.resting)} person(s) rest where nobody needs to.",
            )
        rest_count.update(rnd.resting)
        if rnd.resting:
            fewest = min((rest_count[p] for p in expected if p in people), default=0)
            for pid in rnd.resting:
                if rest_count[pid] - 1 > fewest:
                    add(
                        6,
                        n,
                        (pid,),
                        f"Runde {n}: {name(pid)} pausiert erneut, bevor alle "
                        "anderen einmal pausiert haben.",
                        f"Round {n}: {name(pid)} rests again before everyone else has rested once.",
                    )
        for table in rnd.tables:
            members = list(table.members)
            for pid in members:
                seat_of[pid][n] = table.number
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair = frozenset((a, b))
                    if pair in met:
                        add(
                            2,
                            n,
                            (a, b),
                            f"Runde {n}: {name(a)} und {name(b)} saßen schon "
                            f"in Runde {met[pair]} zusammen.",
                            f"Round {n}: {name(a)} and "
                            f"{name(b)} already sat together in round {met[pair]}.",
                        )
                    else:
                        met[pair] = n
                    pa, pb = people.get(a), people.get(b)
                    if pa is None or pb is None:
                        continue
                    if same_organisation(pa, pb):
                        add(
                            3,
                            n,
                            (a, b),
                            f"Runde {n}: {pa.name} und {pb.name} sind beide von {pa.organisation}.",
                            f"Round {n}: {pa.name} and {pb.name} are both from {pa.organisation}.",
                        )
                    elif not allowed(pa, pb):
                        add(
                            4,
                            n,
                            (a, b),
                            f"Runde {n}: {pa.name} und {pb.name} sollen nicht "
                            "zusammensitzen („Nicht mit“).",
                            f"Round {n}: {pa.name} and {pb.name} must not sit together (“Avoid”).",
                        )
    for pid, tables in seat_of.items():
        person = people.get(pid)
        if person and person.stays_seated and len(set(tables.values())) > 1:
            numbers = ", ".join(str(t) for t in sorted(set(tables.values())))
            add(
                5,
                None,
                (pid,),
                f"{person.name} bleibt sitzen, hat aber die Tische {numbers}.",
                f"{person.name} stays seated but has tables {numbers}.",
            )
    return out


def attendance(plan: Plan) -> dict[int, set[str]] | None:
    """Who a re-planned plan expects in each round (absent people left out, late arrivals
    only from their round on), as recorded by re-planning; None for a plan without changes."""
    recorded = plan.extra.get(ATTENDANCE)
    if not isinstance(recorded, dict):
        return None
    try:
        return {int(r): {str(i) for i in ids} for r, ids in recorded.items()}
    except (TypeError, ValueError):
        return None
