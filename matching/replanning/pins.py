"""Pins: the organiser's "these people sit together in that round", checked before solving."""

from __future__ import annotations

from dataclasses import dataclass

from matching.i18n import problem
from matching.model import Problem
from matching.pairs import key
from matching.scoring import allowed


@dataclass(frozen=True, slots=True)
class Pin:
    """People who must sit together in a round: a pair, or with whole_table exactly this table."""

    round: int
    members: tuple[str, ...]
    whole_table: bool = False


def check_pins(pins, future, present, met, people) -> list[Problem]:
    problems = []
    seen: dict[tuple[int, str], Pin] = {}

    def name(pid: str) -> str:
        return people[pid].name if pid in people else pid

    for pin in pins:
        label = " + ".join(name(m) for m in pin.members)
        if pin.round not in future:
            problems.append(problem("pin_round", label=label, round=pin.round))
            continue
        if not 2 <= len(pin.members) <= 3 or len(set(pin.members)) != len(pin.members):
            problems.append(problem("pin_size", label=label))
            continue
        for m in pin.members:
            if m not in present[pin.round]:
                problems.append(problem("pin_absent", label=label, name=name(m), round=pin.round))
            other = seen.get((pin.round, m))
            if other is not None and set(other.members) != set(pin.members):
                problems.append(problem("pin_conflict", name=name(m), round=pin.round))
            seen[(pin.round, m)] = pin
        for i, a in enumerate(pin.members):
            for b in pin.members[i + 1 :]:
                if a in people and b in people and not allowed(people[a], people[b]):
                    problems.append(problem("pin_not_allowed", label=label, a=name(a), b=name(b)))
                elif key(a, b) in met:
                    problems.append(problem("pin_repeat", label=label))
    return problems
