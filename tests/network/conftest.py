"""Small hand-made events whose network numbers are known by heart."""

from __future__ import annotations

import pytest

from matching.model import Participant, Plan, Round, Sector, Table

KK, KS, SHO, OTHER = (
    Sector.HEALTH_INSURER,
    Sector.CONTACT_OFFICE,
    Sector.SELF_HELP_ORG,
    Sector.OTHER,
)


def person(pid: str, organisation: str, sector: Sector) -> Participant:
    return Participant(pid, pid.upper(), organisation, sector)


def plan_of(*rounds: list[tuple[str, ...]]) -> Plan:
    """Rounds given as lists of tables (tuples of ids), numbered from 1."""
    return Plan(
        tuple(
            Round(n, tuple(Table(i, members) for i, members in enumerate(tables, start=1)))
            for n, tables in enumerate(rounds, start=1)
        )
    )


@pytest.fixture
def six():
    """6 people from 3 organisations (two each, one per sector), 2 rounds in which every
    conversation crosses organisations and sectors: each organisation pair meets twice."""
    people = [
        person("a", "AOK", KK),
        person("b", "AOK", KK),
        person("c", "KISS", KS),
        person("d", "KISS", KS),
        person("e", "Liga", SHO),
        person("f", "Liga", SHO),
    ]
    plan = plan_of(
        [("a", "c"), ("b", "e"), ("d", "f")],
        [("a", "e"), ("b", "d"), ("c", "f")],
    )
    return people, plan
