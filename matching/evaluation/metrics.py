"""The independent judge of a plan: one pure check per hard rule, and the contract's metrics.

`violations` is the tests' oracle and the app's explanation of what is wrong with a plan; it
knows nothing about how the plan was made.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matching.model import OddMode, Participant, Plan, Sector
from matching.scoring import allowed, coverage_needs, is_covered, normalise_term, pair_weight


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


def _namer(participants: Sequence[Participant]):
    people = {p.id: p for p in participants}

    def name(pid: str) -> str:
        return people[pid].name if pid in people else pid

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
) -> list[Violation]:
    """Every instance of a broken hard rule. `present`: round -> ids expected that round
    (default: everyone on the list in every round). `odd` None accepts trio or rest."""
    people, name = _namer(participants)
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
                    f"Runde {n}: „{pid}“ steht nicht auf der Liste.",
                    f"Round {n}: “{pid}” is not on the list.",
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
                    if normalise_term(pa.organisation) == normalise_term(pb.organisation):
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


def met_sectors(participants: Sequence[Participant], plan: Plan) -> dict[str, set[Sector]]:
    people = {p.id: p for p in participants}
    out: dict[str, set[Sector]] = {p.id: set() for p in participants}
    for _, a, b in plan.meetings():
        if a in people and b in people:
            out[a].add(people[b].sector)
            out[b].add(people[a].sector)
    return out


def rounds_present(plan: Plan) -> dict[str, int]:
    """How many rounds each person is in the plan (seated or resting)."""
    counts: Counter[str] = Counter()
    for rnd in plan.rounds:
        counts.update({*rnd.seated(), *rnd.resting})
    return dict(counts)


def compute_metrics(
    participants: Sequence[Participant],
    plan: Plan,
    bound: float | None = None,
    solve_seconds: float | None = None,
) -> dict[str, float | int | None]:
    """The contract's metrics; a trio scores its three pairs."""
    people = {p.id: p for p in participants}
    meetings = plan.meetings()
    pair_rounds = Counter(frozenset((a, b)) for _, a, b in meetings)
    score = same_org = avoid = cross = 0
    for pair in pair_rounds:
        a, b = (people.get(x) for x in sorted(pair))
        if a is None or b is None:
            continue
        if normalise_term(a.organisation) == normalise_term(b.organisation):
            same_org += 1
        elif not allowed(a, b):
            avoid += 1
    for _, a_id, b_id in meetings:
        a, b = people.get(a_id), people.get(b_id)
        if a is None or b is None:
            continue
        score += pair_weight(a, b)
        cross += a.sector != b.sector
    needs = coverage_needs(participants, rounds_present(plan))
    sectors = met_sectors(participants, plan)
    covered = sum(is_covered(need, sectors.get(pid, ())) for pid, need in needs.items())
    wishes_total = sum(len(p.wants_to_meet) for p in participants)
    wishes_met = sum(
        frozenset((p.id, w)) in pair_rounds for p in participants for w in p.wants_to_meet
    )
    tables = [t for r in plan.rounds for t in r.tables]
    return {
        "score": score,
        "upper_bound": bound,
        "score_share": score / bound if bound else None,
        "repeats": sum(n - 1 for n in pair_rounds.values()),
        "same_org_pairs": same_org,
        "avoid_pairs": avoid,
        "cross_sector_share": cross / len(meetings) if meetings else 0.0,
        "sector_coverage": covered / len(needs) if needs else 1.0,
        "wishes_met": wishes_met,
        "wishes_total": wishes_total,
        "people": len(rounds_present(plan)),
        "rounds": len(plan.rounds),
        "tables": len(tables),
        "trios": sum(len(t.members) == 3 for t in tables),
        "resting": sum(len(r.resting) for r in plan.rounds),
        "solve_seconds": solve_seconds,
    }


@dataclass(frozen=True, slots=True)
class CheckResult:
    violations: tuple[Violation, ...]
    metrics: dict

    @property
    def ok(self) -> bool:
        return not self.violations


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


def check(
    participants: Sequence[Participant], plan: Plan, odd: OddMode | None = None
) -> CheckResult:
    """Re-verify any plan against the list: every hard rule, then the metrics."""
    found = violations(participants, plan, odd, present=attendance(plan))
    return CheckResult(tuple(found), compute_metrics(participants, plan))


def sector_matrix(
    participants: Sequence[Participant], plan: Plan
) -> dict[tuple[Sector, Sector], int]:
    """Meetings between each pair of sectors, keyed both ways (a, b) and (b, a)."""
    people = {p.id: p for p in participants}
    counts: Counter[tuple[Sector, Sector]] = Counter()
    for _, a, b in plan.meetings():
        if a in people and b in people:
            sa, sb = people[a].sector, people[b].sector
            counts[(sa, sb)] += 1
            if sa != sb:
                counts[(sb, sa)] += 1
    return dict(counts)
