"""One organisation directory across events: each organisation is kept once (name, sector,
contact) with the other spellings it is known by.

An imported list is checked against it: a spelling the directory knows (its name or a
confirmed alias, compared with `organisation_key`) is that organisation; a spelling that only
*looks like* one (rapidfuzz, `SIMILAR`) or like another spelling on the same list becomes a
`Suggestion` the organiser answers - nothing is merged without a yes. `apply_answers` then
writes the chosen spelling into the list, and the store records the alias, so the next import
recognises it at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from rapidfuzz import fuzz, process, utils

from matching.model import Participant, organisation_key

MAX_NAME_LENGTH = 300  # a directory name is cut to this (the import allows longer cells)
SIMILAR = 88.0  # rapidfuzz WRatio (0-100) from which two spellings are worth asking about


def directory_name(spelling: str) -> str:
    """A spelling as the directory keeps it: single spaces, at most MAX_NAME_LENGTH."""
    return " ".join(str(spelling or "").split())[:MAX_NAME_LENGTH].strip()


def directory_key(spelling: str) -> str:
    """How the directory compares spellings: `organisation_key` of the kept name, so a
    name longer than the directory keeps is still recognised next time."""
    return organisation_key(directory_name(spelling))


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation of the directory; `aliases` are other spellings confirmed for it."""

    id: int
    name: str
    sector: str = ""  # a Sector value, or "" when unknown
    contact: str = ""
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Directory:
    organisations: tuple[Organisation, ...] = ()
    # pairs of organisation ids (smaller first) the organiser said are different
    distinct: frozenset[tuple[int, int]] = frozenset()

    @cached_property
    def _by_key(self) -> dict[str, Organisation]:
        out: dict[str, Organisation] = {}
        for org in self.organisations:
            for spelling in org.spellings():
                out.setdefault(directory_key(spelling), org)
        return out

    def find(self, spelling: str) -> Organisation | None:
        """The organisation a spelling means exactly (its name or a confirmed alias)."""
        wanted = directory_key(spelling)
        return self._by_key.get(wanted) if wanted else None

    def by_id(self, organisation_id: int) -> Organisation | None:
        return next((o for o in self.organisations if o.id == organisation_id), None)

    def canonical(self, spelling: str) -> str:
        """The directory's name for a spelling, or the spelling itself when unknown."""
        org = self.find(spelling)
        return org.name if org is not None else spelling


@dataclass(frozen=True, slots=True)
class Suggestion:
    """ "Is `spelling` (on the list, `people` times) the same as `candidate`?" -
    `organisation_id` is the directory entry meant, None for another spelling on the list."""

    spelling: str
    people: int
    candidate: str
    organisation_id: int | None
    similarity: float


def _comparable(name: str) -> str:
    return utils.default_process(name)


def suggestions(
    participants: Iterable[Participant], directory: Directory, threshold: float = SIMILAR
) -> list[Suggestion]:
    """Spellings on the list the directory does not know exactly but that look like one of
    its organisations, or like another spelling on the list (then the more frequent one, or
    the first by name, is the candidate). Each spelling is asked about once, against its most
    similar candidate; sorted by spelling."""
    counts: Counter[str] = Counter()
    first_spelling: dict[str, str] = {}
    for p in participants:
        k = organisation_key(p.organisation)
        if k:
            counts[k] += 1
            first_spelling.setdefault(k, p.organisation.strip())
    unknown = sorted(k for k in counts if directory.find(first_spelling[k]) is None)
    known_names: list[tuple[str, int]] = [
        (spelling, org.id) for org in directory.organisations for spelling in org.spellings()
    ]
    out: list[Suggestion] = []
    for k in unknown:
        spelling = first_spelling[k]
        best: Suggestion | None = None
        if known_names:
            hit = process.extractOne(
                _comparable(spelling),
                [_comparable(name) for name, _ in known_names],
                scorer=fuzz.WRatio,
                score_cutoff=threshold,
            )
            if hit is not None:
                _text, score, index = hit
                org_id = known_names[index][1]
                name = directory.by_id(org_id).name
                best = Suggestion(spelling, counts[k], name, org_id, round(score, 1))
        # Another spelling on the same list, used more often (or first by name on a tie).
        others = [
            o for o in sorted(counts) if counts[o] > counts[k] or (counts[o] == counts[k] and o < k)
        ]
        if others:
            hit = process.extractOne(
                _comparable(spelling),
                [_comparable(first_spelling[o]) for o in others],
                scorer=fuzz.WRatio,
                score_cutoff=threshold,
            )
            if hit is not None and (best is None or hit[1] > best.similarity):
                other = others[hit[2]]
                target = directory.find(first_spelling[other])
                best = Suggestion(
                    spelling,
                    counts[k],
                    target.name if target else first_spelling[other],
                    target.id if target else None,
                    round(hit[1], 1),
                )
        if best is not None:
            out.append(best)
    return sorted(out, key=lambda s: _by_name(s.spelling))


def _by_name(name: str) -> str:
    return name.casefold()


def resolve_answers(merge: Mapping[str, str]) -> dict[str, str]:
    """The confirmed answers with chains followed: "C is B" and "B is A" make C and B mean
    A (a cycle stops where it would repeat)."""
    by_key = {organisation_key(s): name for s, name in merge.items()}
    out = {}
    for spelling, name in merge.items():
        seen = {organisation_key(spelling)}
        while organisation_key(name) in by_key and organisation_key(name) not in seen:
            seen.add(organisation_key(name))
            name = by_key[organisation_key(name)]
        out[spelling] = name
    return out


def apply_answers(
    participants: Sequence[Participant], directory: Directory, merge: Mapping[str, str]
) -> tuple[Participant, ...]:
    """The list with every organisation in the directory's spelling, and each spelling in
    `merge` (a list spelling -> the name it was confirmed to mean, chains followed) replaced
    by that name. Spellings neither known nor confirmed stay as they are."""
    confirmed = {organisation_key(s): name for s, name in resolve_answers(merge).items()}
    out = []
    for p in participants:
        name = directory.canonical(confirmed.get(organisation_key(p.organisation), p.organisation))
        out.append(p if name == p.organisation else replace(p, organisation=name))
    return tuple(out)


def look_alikes(
    directory: Directory, threshold: float = SIMILAR
) -> list[tuple[Organisation, Organisation, float]]:
    """Pairs of directory entries that look like one organisation (for the directory page to
    offer a merge), most similar first; not those said to be different. All pairs at once in
    rapidfuzz's compiled code (1500 organisations: under a second)."""
    orgs = list(directory.organisations)
    if len(orgs) < 2:
        return []
    names = [_comparable(o.name) for o in orgs]
    scores = process.cdist(names, names, scorer=fuzz.WRatio, score_cutoff=threshold)
    out = []
    for i, j in zip(*scores.nonzero(), strict=True):
        ids = (min(orgs[i].id, orgs[j].id), max(orgs[i].id, orgs[j].id))
        if i < j and ids not in directory.distinct:
            out.append((orgs[i], orgs[j], round(float(scores[i, j]), 1)))
    return sorted(out, key=lambda t: (-t[2], _by_name(t[0].name), _by_name(t[1].name)))
