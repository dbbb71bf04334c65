"""Pins: the organiser's "these people sit together in that round", checked before solving."""

from __future__ import annotations

from dataclasses import dataclass

from matching.model import Problem, Severity
from matching.pairs import key
from matching.scoring import allowed


def _error(code: str, de: str, en: str) -> Problem:
    return Problem(Severity.ERROR, code, de, en)


@dataclass(frozen=True, slots=True)
class Pin:
    """People who must sit together in a round: a pair, or with whole_table exactly this table."""

    round: int
    members: tuple[str, ...]
    whole_table: bool = False


def check_pins(pins, future, present, met, people) -> list[Problem]:
    problems = []
    seen: dict[tuple[int, str], Pin] = {}
    for pin in pins:
        label = " + ".join(people[m].name if m in people else m for m in pin.members)
        if pin.round not in future:
            problems.append(
                _error(
                    "pin_round",
                    f"Festlegung {label}: Runde {pin.round} wird "
                    "nicht neu geplant (schon vorbei oder gibt es nicht).",
                    f"Pin {label}: round {pin.round} is not re-planned (already "
                    "over or does not exist).",
                )
            )
            continue
        if not 2 <= len(pin.members) <= 3 or len(set(pin.members)) != len(pin.members):
            problems.append(
                _error(
                    "pin_size",
                    f"Festlegung {label}: 2 oder 3 verschiedene Personen nötig.",
                    f"Pin {label}: needs 2 or 3 different people.",
                )
            )
            continue
        for m in pin.members:
            if m not in present[pin.round]:
                problems.append(
                    _error(
                        "pin_absent",
                        f"Festlegung {label}: {people[m].name if m in people else m} "
                        f"ist in Runde {pin.round} nicht da.",
                        f"Pin {label}: "
                        f"{people[m].name if m in people else m} is not present in round "
                        f"{pin.round}.",
                    )
                )
            other = seen.get((pin.round, m))
            if other is not None and set(other.members) != set(pin.members):
                problems.append(
                    _error(
                        "pin_conflict",
                        f"Festlegungen widersprechen sich: "
                        f"{people[m].name if m in people else m} soll in Runde "
                        f"{pin.round} an zwei Tischen sitzen.",
                        "Pins conflict: "
                        f"{people[m].name if m in people else m} would sit at two "
                        f"tables in round {pin.round}.",
                    )
                )
            seen[(pin.round, m)] = pin
        for i, a in enumerate(pin.members):
            for b in pin.members[i + 1 :]:
                if a in people and b in people and not allowed(people[a], people[b]):
                    problems.append(
                        _error(
                            "pin_not_allowed",
                            f"Festlegung {label}: "
                            f"{people[a].name} und {people[b].name} dürfen nicht "
                            "zusammensitzen (gleiche Organisation oder „Nicht mit“).",
                            f"Pin {label}: {people[a].name} and {people[b].name} "
                            "may not sit together (same organisation or avoid).",
                        )
                    )
                elif key(a, b) in met:
                    problems.append(
                        _error(
                            "pin_repeat",
                            f"Festlegung {label}: die beiden saßen schon zusammen.",
                            f"Pin {label}: they already sat together.",
                        )
                    )
    return problems
