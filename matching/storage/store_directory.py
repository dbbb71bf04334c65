"""The organisation directory across events, and series of events (Store methods).

The directory holds each organisation once with its confirmed aliases; every change keeps one
rule: a spelling (compared with `organisation_key`) belongs to at most one organisation, so
"AOK LSA" can never mean two things. A rename keeps the old name as an alias (earlier events
still find their organisation); a merge moves every spelling to the organisation kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matching.lists.directory import (
    MAX_NAME_LENGTH,
    Directory,
    Organisation,
    directory_key,
    directory_name,
    resolve_answers,
)
from matching.model import Participant, Sector
from matching.storage.errors import DirectoryError
from matching.storage.schema import (
    EventRow,
    OrganisationAliasRow,
    OrganisationDistinctRow,
    OrganisationRow,
    ParticipantRow,
    utcnow,
)


class DirectoryMixin:
    """Methods of Store; they use its session and _write."""

    # reading --------------------------------------------------------------------------------
    def directory(self) -> Directory:
        with self.session() as s:
            return _directory(s)

    def series_names(self) -> list[str]:
        """The series that events belong to, by name."""
        with self.session() as s:
            names = s.scalars(select(EventRow.series).where(EventRow.series != "").distinct())
            return sorted(set(names), key=str.casefold)

    def series_event_ids(self, series: str) -> list[int]:
        """The events of a series in the order they took place (date, then creation);
        events without a date count as later than every dated one."""
        if not series.strip():
            return []
        with self.session() as s:
            rows = s.execute(
                select(EventRow.id, EventRow.date, EventRow.created_at).where(
                    EventRow.series == series.strip()
                )
            ).all()
        return [r.id for r in sorted(rows, key=lambda r: (not r.date, r.date, r.created_at, r.id))]

    def organisation_usage(self) -> dict[str, set[int]]:
        """Which events' lists name each spelling (by `organisation_key`)."""
        with self.session() as s:
            rows = s.execute(
                select(ParticipantRow.event_id, ParticipantRow.organisation).distinct()
            ).all()
        out: dict[str, set[int]] = {}
        for event_id, organisation in rows:
            out.setdefault(directory_key(organisation), set()).add(event_id)
        return out

    # writing --------------------------------------------------------------------------------
    def add_organisation(self, name: str, sector: str = "", contact: str = "") -> int:
        name, sector, contact = _clean(name), _sector(sector), _text(contact)

        def work(s: Session) -> int:
            _free(s, name)
            row = OrganisationRow(
                name=name, name_key=directory_key(name), sector=sector, contact=contact
            )
            s.add(row)
            s.flush()
            return row.id

        return self._write(work)

    def update_organisation(
        self, organisation_id: int, name: str, sector: str = "", contact: str = ""
    ) -> None:
        """Rename (the old name stays as an alias) and set sector and contact."""
        name, sector, contact = _clean(name), _sector(sector), _text(contact)

        def work(s: Session) -> None:
            row = _row(s, organisation_id)
            old = row.name
            if directory_key(name) != row.name_key:
                _free(s, name, allow=organisation_id)
                s.execute(
                    delete(OrganisationAliasRow).where(
                        OrganisationAliasRow.spelling_key == directory_key(name)
                    )
                )
                row.name, row.name_key = name, directory_key(name)
                s.flush()
                _add_alias(s, organisation_id, old)
            else:
                row.name = name  # the same key: a change of case or punctuation only
            row.sector, row.contact, row.updated_at = sector, contact, utcnow()

        self._write(work)

    def add_alias(self, organisation_id: int, spelling: str) -> None:
        spelling = _clean(spelling)

        def work(s: Session) -> None:
            _row(s, organisation_id)
            _free(s, spelling, allow=organisation_id)
            _add_alias(s, organisation_id, spelling)

        self._write(work)

    def remove_alias(self, organisation_id: int, spelling: str) -> None:
        def work(s: Session) -> None:
            s.execute(
                delete(OrganisationAliasRow).where(
                    OrganisationAliasRow.organisation_id == organisation_id,
                    OrganisationAliasRow.spelling_key == directory_key(spelling),
                )
            )

        self._write(work)

    def merge_organisations(self, source_id: int, target_id: int) -> None:
        """`source` becomes part of `target`: its name and aliases become target's aliases,
        an empty sector or contact of target is taken from source, source is removed."""
        if source_id == target_id:
            raise DirectoryError(
                "Eine Organisation kann nicht mit sich selbst zusammengeführt werden.",
                "An organisation cannot be merged with itself.",
            )

        def work(s: Session) -> None:
            source, target = _row(s, source_id), _row(s, target_id)
            aliases = s.scalars(
                select(OrganisationAliasRow).where(
                    OrganisationAliasRow.organisation_id == source_id
                )
            ).all()
            for alias in aliases:
                alias.organisation_id = target_id
            target.sector = target.sector or source.sector
            target.contact = target.contact or source.contact
            target.updated_at = utcnow()
            name = source.name
            s.delete(source)
            s.flush()
            _add_alias(s, target_id, name)

        self._write(work)

    def mark_distinct(self, first_id: int, second_id: int) -> None:
        """The organiser says these two are different organisations: no more offers to merge
        them."""
        a, b = sorted((first_id, second_id))
        if a == b:
            return

        def work(s: Session) -> None:
            _row(s, a), _row(s, b)
            if s.get(OrganisationDistinctRow, (a, b)) is None:
                s.add(OrganisationDistinctRow(first_id=a, second_id=b))

        self._write(work)

    def delete_organisation(self, organisation_id: int) -> None:
        def work(s: Session) -> None:
            s.execute(
                delete(OrganisationAliasRow).where(
                    OrganisationAliasRow.organisation_id == organisation_id
                )
            )
            s.execute(delete(OrganisationRow).where(OrganisationRow.id == organisation_id))

        self._write(work)

    def register_list(
        self,
        participants: Iterable[Participant],
        confirmed: Mapping[str, str] | None = None,
        different: Iterable[tuple[str, str]] = (),
    ) -> None:
        """After an import: every organisation of the list the directory does not know yet
        is added (with the sector most of its people have), then each spelling in
        `confirmed` (list spelling -> the organisation name the organiser said it means)
        becomes an alias of that organisation. Nothing is merged that was not confirmed;
        `different` (pairs of spellings the organiser said are not one organisation) are
        remembered, so the directory page does not offer to merge them."""
        different = list(different)
        confirmed = resolve_answers(confirmed or {})
        people = list(participants)

        def work(s: Session) -> None:
            sectors: dict[str, Counter[str]] = {}
            names: dict[str, str] = {}
            for p in people:
                k = directory_key(p.organisation)
                if not k:
                    continue
                names.setdefault(k, directory_name(p.organisation))
                sectors.setdefault(k, Counter())[Sector(p.sector).value] += 1
            aliases = {directory_key(spelling) for spelling in confirmed}
            for k in sorted(names):
                if k not in aliases and _owner(s, k) is None:
                    top = sorted(sectors[k].items(), key=lambda item: (-item[1], item[0]))
                    s.add(OrganisationRow(name=names[k], name_key=k, sector=top[0][0]))
                    s.flush()
            for spelling, meant in sorted(confirmed.items()):
                owner = _owner(s, directory_key(meant))
                if owner is None and directory_key(meant):  # the one meant is new too
                    s.add(
                        OrganisationRow(name=directory_name(meant), name_key=directory_key(meant))
                    )
                    s.flush()
                    owner = _owner(s, directory_key(meant))
                if owner is not None and directory_key(spelling):
                    _add_alias(s, owner, directory_name(spelling))
            for one, other in different:
                a, b = _owner(s, directory_key(one)), _owner(s, directory_key(other))
                if a is not None and b is not None and a != b:
                    pair = tuple(sorted((a, b)))
                    if s.get(OrganisationDistinctRow, pair) is None:
                        s.add(OrganisationDistinctRow(first_id=pair[0], second_id=pair[1]))
                        s.flush()

        self._write(work)


# helpers ------------------------------------------------------------------------------------
def _directory(s: Session) -> Directory:
    aliases: dict[int, list[str]] = {}
    for row in s.scalars(select(OrganisationAliasRow).order_by(OrganisationAliasRow.spelling)):
        aliases.setdefault(row.organisation_id, []).append(row.spelling)
    rows = s.scalars(select(OrganisationRow)).all()
    distinct = s.execute(
        select(OrganisationDistinctRow.first_id, OrganisationDistinctRow.second_id)
    ).all()
    return Directory(
        tuple(
            Organisation(r.id, r.name, r.sector, r.contact, tuple(aliases.get(r.id, ())))
            for r in sorted(rows, key=lambda r: (r.name.casefold(), r.id))
        ),
        frozenset((a, b) for a, b in distinct),
    )


def _row(s: Session, organisation_id: int) -> OrganisationRow:
    row = s.get(OrganisationRow, organisation_id)
    if row is None:
        raise DirectoryError(
            "Diese Organisation gibt es nicht mehr (inzwischen gelöscht oder zusammengeführt).",
            "This organisation no longer exists (deleted or merged meanwhile).",
        )
    return row


def _owner(s: Session, spelling_key: str) -> int | None:
    """The organisation a spelling belongs to (name or alias), if any."""
    by_name = s.scalars(
        select(OrganisationRow.id).where(OrganisationRow.name_key == spelling_key)
    ).first()
    if by_name is not None:
        return by_name
    return s.scalars(
        select(OrganisationAliasRow.organisation_id).where(
            OrganisationAliasRow.spelling_key == spelling_key
        )
    ).first()


def _free(s: Session, spelling: str, allow: int | None = None) -> None:
    """Refuse a spelling another organisation already has (name or alias)."""
    owner = _owner(s, directory_key(spelling))
    if owner is not None and owner != allow:
        other = s.get(OrganisationRow, owner)
        if other.name_key == directory_key(spelling):
            raise DirectoryError(
                f"„{spelling}“ steht schon als eigene Organisation im Verzeichnis. Ist es "
                "dieselbe, führen Sie die beiden zusammen.",
                f"“{spelling}” is already an organisation of its own in the directory. If it is "
                "the same one, merge the two.",
            )
        raise DirectoryError(
            f"„{spelling}“ gehört schon zu „{other.name}“. Führen Sie die beiden zusammen, "
            "wenn es dieselbe Organisation ist.",
            f"“{spelling}” already belongs to “{other.name}”. Merge the two if they are the "
            "same organisation.",
        )


def _add_alias(s: Session, organisation_id: int, spelling: str) -> None:
    k = directory_key(spelling)
    row = s.get(OrganisationRow, organisation_id)
    if not k or (row is not None and row.name_key == k) or _owner(s, k) is not None:
        return  # already this organisation's name or alias
    s.add(OrganisationAliasRow(organisation_id=organisation_id, spelling=spelling, spelling_key=k))
    s.flush()


def _clean(name: str) -> str:
    name = " ".join(str(name or "").split())
    if not directory_key(name):
        raise DirectoryError(
            "Bitte geben Sie einen Namen ein (mit mindestens einem Buchstaben oder einer Ziffer).",
            "Please enter a name (with at least one letter or digit).",
        )
    if len(name) > MAX_NAME_LENGTH:
        raise DirectoryError(
            f"Der Name ist zu lang (höchstens {MAX_NAME_LENGTH} Zeichen).",
            f"The name is too long (at most {MAX_NAME_LENGTH} characters).",
        )
    return name


def _text(value: str) -> str:
    return " ".join(str(value or "").split())[:MAX_NAME_LENGTH]


def _sector(value: str) -> str:
    if not value:
        return ""
    try:
        return Sector(value).value
    except ValueError:
        raise DirectoryError(
            f"„{value}“ ist kein Bereich.", f"“{value}” is not a sector."
        ) from None
