"""Domain types of Paarweise: frozen, slotted dataclasses that refer to people by stable id.

Everything here is plain data; reading files, planning and storing live in other modules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def organisation_key(name: str) -> str:
    """The one way organisations are compared (colleagues never meet; import warnings; re-
    import matching): case, accents' composed forms, spaces and punctuation do not matter, so
    "AOK-Nord", "AOK Nord" and "aok nord" are one organisation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())


def person_key(name: str, organisation: str) -> tuple[str, str]:
    """Who a row means when it has no id: name and organisation, compared as above."""
    return organisation_key(name), organisation_key(organisation)


def same_organisation(a: Participant, b: Participant) -> bool:
    return organisation_key(a.organisation) == organisation_key(b.organisation)


class Sector(StrEnum):
    """The four sectors of the planner contract; the value is the German word shown to users."""

    HEALTH_INSURER = "Krankenkasse"
    CONTACT_OFFICE = "Selbsthilfekontaktstelle"
    SELF_HELP_ORG = "Selbsthilfeorganisation"
    OTHER = "Sonstige"


class Severity(StrEnum):
    """An error stops planning; a warning is shown but the list can still be used."""

    ERROR = "error"
    WARNING = "warning"


class OddMode(StrEnum):
    """What happens in a round with an odd number of present people."""

    TRIO = "trio"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class Participant:
    """One person on the list. `wants_to_meet` and `avoid` hold resolved participant ids."""

    id: str
    name: str
    organisation: str
    sector: Sector
    topics: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    email: str = ""
    stays_seated: bool = False
    wants_to_meet: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    source_row: int | None = None  # row in the user's file (header = row 1), for messages

    def __post_init__(self) -> None:
        if not self.id.strip():
            raise ValueError("A participant needs a non-empty id.")
        if not self.name.strip():
            raise ValueError(f"Participant {self.id!r} needs a non-empty name.")
        if not isinstance(self.sector, Sector):
            raise ValueError(f"Participant {self.id!r} has no valid sector: {self.sector!r}.")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located the way the user sees it, in German and English.

    `row` counts like Excel (header = row 1); `None` means the whole file or a whole column.
    """

    severity: Severity
    code: str
    message_de: str
    message_en: str
    file: str = ""
    row: int | None = None
    column: str | None = None

    def message(self, lang: str = "de") -> str:
        return self.message_en if lang == "en" else self.message_de

    def located(self, lang: str = "de") -> str:
        """The message prefixed with file, row and column, for a terminal or a log."""
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(f"{'row' if lang == 'en' else 'Zeile'} {self.row}")
        if self.column:
            parts.append(f"{'column' if lang == 'en' else 'Spalte'} „{self.column}“")
        where = ", ".join(parts)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What reading a participant list gives: the people that could be read and every problem."""

    participants: tuple[Participant, ...]
    problems: tuple[Problem, ...] = ()
    source: str = ""
    # what the importer recognised (matching.lists.recognition.Recognition; typed Any because
    # the vocabulary imports no wing), None when the file could not be read or for editor rows
    recognised: Any = field(default=None, compare=False)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when the list can be planned (warnings allowed)."""
        return not self.errors


ROSTER_KEY = "roster"  # plan.extra: {id: {name, organisation, sector}} of the plan's people


@dataclass(frozen=True, slots=True)
class Table:
    """A table in one round: 2 members, or 3 for the odd trio. Numbered from 1 within a round."""

    number: int
    members: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError(f"Table numbers start at 1, got {self.number}.")


@dataclass(frozen=True, slots=True)
class Round:
    number: int
    tables: tuple[Table, ...]
    resting: tuple[str, ...] = ()

    def seated(self) -> tuple[str, ...]:
        return tuple(m for t in self.tables for m in t.members)

    def table_of(self, person_id: str) -> Table | None:
        for table in self.tables:
            if person_id in table.members:
                return table
        return None


@dataclass(frozen=True, slots=True)
class Plan:
    """A whole rotation. `metrics` is free-form (contract); `extra` keeps unknown JSON keys."""

    rounds: tuple[Round, ...]
    metrics: Mapping[str, Any] = field(default_factory=dict, compare=False)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def meetings(self) -> list[tuple[int, str, str]]:
        """Every pair that sits together, as (round, a, b) with a < b; a trio gives three."""
        out: list[tuple[int, str, str]] = []
        for rnd in self.rounds:
            for table in rnd.tables:
                members = sorted(table.members)
                for i, a in enumerate(members):
                    for b in members[i + 1 :]:
                        out.append((rnd.number, a, b))
        return out

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        data["rounds"] = [
            {
                "round": r.number,
                "tables": [{"table": t.number, "members": list(t.members)} for t in r.tables],
                "resting": list(r.resting),
            }
            for r in self.rounds
        ]
        data["metrics"] = dict(self.metrics)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        """Build a plan from the contract's JSON shape; raises ValueError with a clear sentence."""
        if not isinstance(data, Mapping) or not isinstance(data.get("rounds"), list):
            raise ValueError("A plan file needs a list under the key 'rounds'.")
        rounds = []
        for i, raw in enumerate(data["rounds"], start=1):
            if not isinstance(raw, Mapping) or not isinstance(raw.get("tables"), list):
                raise ValueError(f"Round entry {i} needs a list under the key 'tables'.")
            number = _as_int(raw.get("round", i), f"round entry {i}")
            tables = []
            for j, t in enumerate(raw["tables"], start=1):
                if not isinstance(t, Mapping) or not isinstance(t.get("members"), list):
                    raise ValueError(f"Round {number}, table entry {j} needs a 'members' list.")
                tables.append(
                    Table(
                        number=_as_int(t.get("table", j), f"round {number}, table entry {j}"),
                        members=tuple(str(m) for m in t["members"]),
                    )
                )
            resting = raw.get("resting", []) or []
            if not isinstance(resting, list):
                raise ValueError(f"Round {number}: 'resting' must be a list of ids.")
            rounds.append(Round(number, tuple(tables), tuple(str(m) for m in resting)))
        metrics = data.get("metrics") or {}
        extra = {k: v for k, v in data.items() if k not in ("rounds", "metrics")}
        return cls(tuple(rounds), dict(metrics) if isinstance(metrics, Mapping) else {}, extra)


def _as_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}: expected a whole number, got {value!r}.")
    return value


DEFAULT_HISTORY_WEIGHT = 10  # about one cross-sector pair's worth (scoring.sector_weight)
MAX_HISTORY_WEIGHT = 40


@dataclass(frozen=True, slots=True)
class Event:
    """An exchange meeting: what the organiser sets before planning."""

    title: str
    date: str = ""  # ISO date (YYYY-MM-DD); shown in German format by the UI
    place: str = ""
    rounds: int = 6
    minutes_per_round: int = 8
    questions: tuple[str, ...] = ()
    # Events of one series (same name) build on each other: pairs who met at an earlier one
    # lose `history_weight` points when they would meet again (0 = no matter).
    series: str = ""
    history_weight: int = DEFAULT_HISTORY_WEIGHT

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValueError("An event needs a title.")
        if not 0 <= self.history_weight <= MAX_HISTORY_WEIGHT:
            raise ValueError(
                f"The weight of earlier meetings must be between 0 and {MAX_HISTORY_WEIGHT}, "
                f"got {self.history_weight}."
            )
        if not 1 <= self.rounds <= 40:
            raise ValueError(f"Rounds must be between 1 and 40, got {self.rounds}.")
        if not 1 <= self.minutes_per_round <= 120:
            raise ValueError(
                f"Minutes per round must be between 1 and 120, got {self.minutes_per_round}."
            )


def by_id(participants: Iterable[Participant]) -> dict[str, Participant]:
    return {p.id: p for p in participants}
