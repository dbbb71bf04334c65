"""What a participant list holds, in numbers: for `validate` and the participants page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from matching.model import ImportResult, Participant, Sector, organisation_key


@dataclass(frozen=True, slots=True)
class ListSummary:
    total: int
    per_sector: dict[Sector, int]
    shared_organisations: dict[str, int]  # organisations with several people


def summary(participants: tuple[Participant, ...] | list[Participant]) -> ListSummary:
    per_sector = Counter(p.sector for p in participants)
    # One organisation however it is spelled ("AOK-Nord", "AOK Nord"): the first spelling.
    spelled: dict[str, str] = {}
    orgs: Counter[str] = Counter()
    for p in participants:
        key = organisation_key(p.organisation)
        spelled.setdefault(key, p.organisation)
        orgs[key] += 1
    return ListSummary(
        len(participants),
        {s: per_sector.get(s, 0) for s in Sector},
        {spelled[k]: n for k, n in sorted(orgs.items(), key=lambda kv: spelled[kv[0]]) if n > 1},
    )


def format_summary(result: ImportResult, lang: str = "en") -> str:
    """What `validate` prints for a list that can be planned."""
    info = summary(result.participants)
    de = lang == "de"
    lines = [f"{info.total} {'Personen' if de else 'people'} in {result.source}:"]
    lines += [f"  {sector.value}: {n}" for sector, n in info.per_sector.items()]
    if info.shared_organisations:
        lines.append(
            "Organisationen mit mehreren Personen:" if de else "Organisations with several people:"
        )
        lines += [f"  {org}: {n}" for org, n in info.shared_organisations.items()]
    seated = sum(p.stays_seated for p in result.participants)
    wishes = sum(len(p.wants_to_meet) for p in result.participants)
    lines.append(
        f"{'Bleiben sitzen' if de else 'Stay seated'}: {seated}; "
        f"{'Wünsche' if de else 'wishes'}: {wishes}; "
        f"{'Hinweise' if de else 'warnings'}: {len(result.warnings)}"
    )
    return "\n".join(lines)
