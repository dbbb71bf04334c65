"""Reading and validating participant lists (planner contract, "Participant list").

`read_participants` never raises for bad input: every problem becomes a `Problem` that names
file, row (as Excel counts, header = row 1), column, what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from matching.model import ImportResult, Participant, Problem, Sector, Severity
from matching.tabular import Sheet, read_table

FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "nr", "nummer"),
    "name": ("name",),
    "organisation": ("organisation", "organization", "institution"),
    "sector": ("sector", "bereich", "sektor"),
    "topics": ("topics", "themen"),
    "offers": ("offers", "angebot", "ichbiete"),
    "needs": ("needs", "bedarf", "ichsuche"),
    "email": ("email",),
    "stays_seated": ("staysseated", "bleibtsitzen", "sitztfest"),
    "wants_to_meet": ("wantstomeet", "möchtetreffen", "mochtetreffen", "wunsch"),
    "avoid": ("avoid", "nichtmit"),
}
REQUIRED = ("name", "organisation", "sector")
FIELD_LABELS = {"name": "Name", "organisation": "Organisation", "sector": "Bereich"}

SECTOR_ALIASES: dict[str, Sector] = {
    "krankenkasse": Sector.HEALTH_INSURER,
    "krankenkassen": Sector.HEALTH_INSURER,
    "kk": Sector.HEALTH_INSURER,
    "kasse": Sector.HEALTH_INSURER,
    "healthinsurer": Sector.HEALTH_INSURER,
    "selbsthilfekontaktstelle": Sector.CONTACT_OFFICE,
    "kontaktstelle": Sector.CONTACT_OFFICE,
    "kiss": Sector.CONTACT_OFFICE,
    "contactoffice": Sector.CONTACT_OFFICE,
    "selfhelpcontactoffice": Sector.CONTACT_OFFICE,
    "selbsthilfeorganisation": Sector.SELF_HELP_ORG,
    "sho": Sector.SELF_HELP_ORG,
    "selbsthilfegruppe": Sector.SELF_HELP_ORG,
    "selfhelporganisation": Sector.SELF_HELP_ORG,
    "selfhelporganization": Sector.SELF_HELP_ORG,
    "sonstige": Sector.OTHER,
    "sonstiges": Sector.OTHER,
    "other": Sector.OTHER,
    "klinik": Sector.OTHER,
    "beratungsstelle": Sector.OTHER,
}
YES = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
NO = {"", "nein", "n", "no", "0", "false", "falsch"}
LIST_SPLIT = re.compile(r"[,;|]")
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")


def _key(text: str) -> str:
    """Header/alias comparison: case, spaces, '-', '_' and '.' do not matter."""
    return re.sub(r"[\s\-_.]", "", text).casefold()


def _clean(text: str) -> str:
    """Trim and undo our own export's formula guard (a leading apostrophe)."""
    return FORMULA_GUARD.sub("", " ".join(text.split()))


def split_list(text: str) -> tuple[str, ...]:
    """'a, b; c | a' -> ('a', 'b', 'c'): trimmed, empty parts and repeats dropped."""
    seen: dict[str, str] = {}
    for part in LIST_SPLIT.split(text):
        part = _clean(part)
        if part and part.casefold() not in seen:
            seen[part.casefold()] = part
    return tuple(seen.values())


def parse_sector(text: str) -> Sector | None:
    return SECTOR_ALIASES.get(_key(text))


@dataclass(frozen=True, slots=True)
class _Row:
    excel_row: int
    values: dict[str, str]


class _Collector:
    """Builds bilingual problems that all carry the file name."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, severity, code, de, en, row=None, column=None) -> None:
        self.problems.append(Problem(severity, code, de, en, self.file, row, column))

    def error(self, code, de, en, row=None, column=None) -> None:
        self.add(Severity.ERROR, code, de, en, row, column)

    def warning(self, code, de, en, row=None, column=None) -> None:
        self.add(Severity.WARNING, code, de, en, row, column)


def _map_columns(header: tuple[str, ...], out: _Collector) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    alias_to_field = {alias: field for field, aliases in FIELDS.items() for alias in aliases}
    for index, title in enumerate(header):
        field = alias_to_field.get(_key(title))
        if field is None:
            if title.strip():
                out.warning(
                    "unknown_column",
                    f"Die Spalte „{title}“ wird nicht verwendet. Falls sie gemeint war: "
                    "erlaubte Spalten sind Name, Organisation, Bereich, Themen, Ich biete, "
                    "Ich suche, E-Mail, Bleibt sitzen, Möchte treffen, Nicht mit, ID.",
                    f"The column “{title}” is not used. If it was meant: allowed columns are "
                    "Name, Organisation, Sector, Topics, Offers, Needs, E-Mail, Stays seated, "
                    "Wants to meet, Avoid, ID.",
                    row=1,
                    column=title,
                )
            continue
        if field in columns:
            first = header[columns[field]]
            out.error(
                "duplicate_column",
                f"Die Spalten „{first}“ und „{title}“ meinen dasselbe. Bitte eine davon löschen.",
                f"The columns “{first}” and “{title}” mean the same. Please delete one.",
                row=1,
                column=title,
            )
            continue
        columns[field] = index
    missing = [f for f in REQUIRED if f not in columns]
    for field in missing:
        accepted = ", ".join(f"„{a}“" for a in FIELDS[field])
        found = ", ".join(f"„{h}“" for h in header if h) or "—"
        out.error(
            "missing_column",
            f"Die Pflichtspalte „{FIELD_LABELS[field]}“ fehlt. Bitte in Zeile 1 eine Spalte "
            f"mit einem dieser Namen anlegen: {accepted}. Gefunden: {found}.",
            f"The required column “{FIELD_LABELS[field]}” is missing. Please add a column in "
            f"row 1 named one of: {accepted}. Found: {found}.",
            row=1,
        )
    return None if missing or any(p.code == "duplicate_column" for p in out.problems) else columns


def _rows(sheet: Sheet, columns: dict[str, int]) -> list[_Row]:
    rows = []
    for offset, raw in enumerate(sheet.rows):
        if not any(cell.strip() for cell in raw):
            continue  # Excel leaves empty lines; they are nobody
        values = {field: _clean(raw[i]) if i < len(raw) else "" for field, i in columns.items()}
        rows.append(_Row(offset + 2, values))
    return rows


def _header_of(sheet: Sheet, columns: dict[str, int], field: str) -> str:
    return sheet.header[columns[field]] if field in columns else field


def _sector_problem(text: str, row: int, column: str, out: _Collector) -> None:
    names = [s.value for s in Sector] + list(SECTOR_ALIASES)
    guess = difflib.get_close_matches(_key(text), [_key(n) for n in names], n=1, cutoff=0.6)
    allowed = "Krankenkasse, Selbsthilfekontaktstelle, Selbsthilfeorganisation, Sonstige"
    if guess:
        meant = SECTOR_ALIASES.get(guess[0]) or next(s for s in Sector if _key(s.value) == guess[0])
        hint_de, hint_en = f" Meinten Sie „{meant.value}“?", f" Did you mean “{meant.value}”?"
    else:
        hint_de = hint_en = ""
    if not text:
        out.error(
            "missing_sector",
            f"Der Bereich fehlt. Bitte eintragen: {allowed}.",
            f"The sector is missing. Please enter one of: {allowed}.",
            row,
            column,
        )
        return
    out.error(
        "unknown_sector",
        f"Unbekannter Bereich „{text}“.{hint_de} Erlaubt: {allowed} (auch KK, KISS, SHO).",
        f"Unknown sector “{text}”.{hint_en} Allowed: {allowed} (also KK, KISS, SHO).",
        row,
        column,
    )


def _assign_ids(rows: list[_Row], has_id: bool, out: _Collector, id_column: str) -> list[str]:
    given = [r.values.get("id", "") if has_id else "" for r in rows]
    taken = {g for g in given if g}
    ids, first_row, counter = [], {}, 0
    for row, pid in zip(rows, given, strict=True):
        if not pid:
            counter += 1
            while f"p{counter:03d}" in taken:
                counter += 1
            pid = f"p{counter:03d}"
            taken.add(pid)
        elif pid in first_row:
            out.error(
                "duplicate_id",
                f"Die ID „{pid}“ steht schon in Zeile {first_row[pid]}. Jede ID darf nur einmal "
                "vorkommen: bitte eine ändern oder die Zelle leeren (dann wird eine erzeugt).",
                f"The id “{pid}” is already used in row {first_row[pid]}. Each id must be "
                "unique: please change one or empty the cell (one is then generated).",
                row.excel_row,
                id_column,
            )
        first_row.setdefault(pid, row.excel_row)
        ids.append(pid)
    return ids


def _yes_no(text: str, row: int, column: str, out: _Collector) -> bool:
    key = text.strip().casefold()
    if key in YES:
        return True
    if key not in NO:
        out.error(
            "bad_yes_no",
            f"„{text}“ ist weder ja noch nein. Bitte „ja“ eintragen oder die Zelle leer lassen.",
            f"“{text}” is neither yes nor no. Please enter “ja”/“yes” or leave the cell empty.",
            row,
            column,
        )
    return False


def _resolve(
    text: str,
    own_id: str,
    row: int,
    column: str,
    ids: list[str],
    names: dict[str, list[int]],
    out: _Collector,
    rows: list[_Row],
) -> tuple[str, ...]:
    """Wishes/avoids name people by id or by name; ambiguity and strangers are problems."""
    by_id = {pid.casefold(): pid for pid in ids}
    resolved: list[str] = []
    for token in split_list(text):
        if token.casefold() in by_id:
            target = by_id[token.casefold()]
        else:
            matches = names.get(token.casefold(), [])
            if len(matches) > 1:
                where = ", ".join(str(rows[i].excel_row) for i in matches)
                out.error(
                    "ambiguous_name",
                    f"„{token}“ passt auf mehrere Personen (Zeilen {where}). Bitte die ID statt "
                    "des Namens eintragen.",
                    f"“{token}” matches several people (rows {where}). Please use the id instead "
                    "of the name.",
                    row,
                    column,
                )
                continue
            if not matches:
                close = difflib.get_close_matches(token.casefold(), list(names), n=1, cutoff=0.75)
                hint_de = (
                    f" Meinten Sie „{rows[names[close[0]][0]].values['name']}“?" if close else ""
                )
                hint_en = (
                    f" Did you mean “{rows[names[close[0]][0]].values['name']}”?" if close else ""
                )
                out.error(
                    "unknown_person",
                    f"„{token}“ steht nicht auf der Liste.{hint_de} Bitte Namen oder ID einer "
                    "Person der Liste eintragen oder den Eintrag löschen.",
                    f"“{token}” is not on the list.{hint_en} Please enter the name or id of a "
                    "person on the list, or delete the entry.",
                    row,
                    column,
                )
                continue
            target = ids[matches[0]]
        if target == own_id:
            out.error(
                "self_reference",
                "Eine Person kann sich nicht selbst nennen. Bitte den Eintrag löschen.",
                "A person cannot name themselves. Please delete the entry.",
                row,
                column,
            )
            continue
        if target not in resolved:
            resolved.append(target)
    return tuple(resolved)


def parse_sheet(sheet: Sheet, file: str) -> ImportResult:
    """Header + rows -> participants and every problem; the heart of the import."""
    out = _Collector(file)
    columns = _map_columns(sheet.header, out)
    if columns is None:
        return ImportResult((), tuple(out.problems), file)
    rows = _rows(sheet, columns)
    if not rows:
        out.error(
            "no_rows",
            "Die Liste hat Spaltennamen, aber keine Personen. Bitte ab Zeile 2 eine Zeile pro "
            "Person eintragen.",
            "The list has column names but no people. Please add one row per person from row 2 on.",
        )
        return ImportResult((), tuple(out.problems), file)
    col = {field: _header_of(sheet, columns, field) for field in FIELDS}
    ids = _assign_ids(rows, "id" in columns, out, col["id"])
    names: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        if row.values["name"]:
            names.setdefault(row.values["name"].casefold(), []).append(i)
    people: list[Participant] = []
    seen_person: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows):
        v, r = row.values, row.excel_row
        ok = True
        if not v["name"]:
            out.error(
                "empty_name",
                "Der Name fehlt. Bitte einen Namen eintragen oder die Zeile löschen.",
                "The name is missing. Please enter a name or delete the row.",
                r,
                col["name"],
            )
            ok = False
        if not v["organisation"]:
            out.error(
                "empty_organisation",
                "Die Organisation fehlt. Bitte eintragen (bei "
                "Einzelpersonen z. B. den eigenen Namen).",
                "The organisation is missing. "
                "Please enter it (for individuals e.g. their own name).",
                r,
                col["organisation"],
            )
            ok = False
        sector = parse_sector(v["sector"])
        if sector is None:
            _sector_problem(v["sector"], r, col["sector"], out)
            ok = False
        key = (v["name"].casefold(), v["organisation"].casefold())
        if v["name"] and key in seen_person:
            out.warning(
                "duplicate_person",
                f"{v['name']} ({v['organisation']}) steht schon in Zeile {seen_person[key]}. "
                "Falls doppelt eingetragen: eine Zeile löschen.",
                f"{v['name']} ({v['organisation']}) is already in row {seen_person[key]}. If "
                "entered twice: delete one row.",
                r,
                col["name"],
            )
        seen_person.setdefault(key, r)
        seated = _yes_no(v.get("stays_seated", ""), r, col["stays_seated"], out)
        wishes = _resolve(
            v.get("wants_to_meet", ""), ids[i], r, col["wants_to_meet"], ids, names, out, rows
        )
        avoid = _resolve(v.get("avoid", ""), ids[i], r, col["avoid"], ids, names, out, rows)
        if ok:
            people.append(
                Participant(
                    id=ids[i],
                    name=v["name"],
                    organisation=v["organisation"],
                    sector=sector,
                    topics=split_list(v.get("topics", "")),
                    offers=split_list(v.get("offers", "")),
                    needs=split_list(v.get("needs", "")),
                    email=v.get("email", ""),
                    stays_seated=seated,
                    wants_to_meet=wishes,
                    avoid=avoid,
                    source_row=r,
                )
            )
    _warn_unmeetable_wishes(people, out, col["wants_to_meet"])
    return ImportResult(tuple(people), tuple(out.problems), file)


def _warn_unmeetable_wishes(people: list[Participant], out: _Collector, column: str) -> None:
    by_id = {p.id: p for p in people}
    for p in people:
        for target in p.wants_to_meet:
            other = by_id.get(target)
            if other and _key(other.organisation) == _key(p.organisation):
                out.warning(
                    "wish_same_organisation",
                    f"{p.name} möchte {other.name} treffen – beide sind von {p.organisation}. "
                    "Kolleg:innen sitzen nie zusammen; der Wunsch bleibt unerfüllt.",
                    f"{p.name} wants to meet {other.name} – both are from {p.organisation}. "
                    "Colleagues never sit together; the wish cannot be met.",
                    p.source_row,
                    column,
                )
            if other and target in p.avoid:
                out.error(
                    "wish_and_avoid",
                    f"{p.name} soll {other.name} treffen und zugleich nicht. Bitte einen der "
                    "beiden Einträge löschen.",
                    f"{p.name} should both meet and not meet {other.name}. Please delete one "
                    "of the two entries.",
                    p.source_row,
                    column,
                )
            elif other and p.id in other.avoid:
                out.warning(
                    "wish_avoided",
                    f"{p.name} möchte {other.name} treffen, aber {other.name} möchte das nicht "
                    "(„Nicht mit“). Der Wunsch bleibt unerfüllt.",
                    f"{p.name} wants to meet {other.name}, but {other.name} does not (“Avoid”). "
                    "The wish cannot be met.",
                    p.source_row,
                    column,
                )


def read_participants(
    source: str | os.PathLike[str] | bytes, filename: str | None = None
) -> ImportResult:
    """Read a list from a path, or from bytes plus the uploaded file's name. Never raises."""
    if isinstance(source, bytes | bytearray):
        name = filename or "upload.csv"
        data = bytes(source)
    else:
        path = Path(source)
        name = filename or path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return _file_problem(
                name,
                "file_not_found",
                f"Die Datei „{path}“ gibt es nicht. Bitte den Pfad prüfen.",
                f"The file “{path}” does not exist. Please check the path.",
            )
        except IsADirectoryError:
            return _file_problem(
                name,
                "not_a_file",
                f"„{path}“ ist ein Ordner, keine Datei.",
                f"“{path}” is a folder, not a file.",
            )
        except OSError as error:
            return _file_problem(
                name,
                "unreadable",
                f"Die Datei lässt sich nicht lesen: {error.strerror}.",
                f"The file cannot be read: {error.strerror}.",
            )
    sheet, problems = read_table(data, name)
    if sheet is None:
        return ImportResult((), tuple(problems), name)
    return parse_sheet(sheet, name)


def _file_problem(file: str, code: str, de: str, en: str) -> ImportResult:
    return ImportResult((), (Problem(Severity.ERROR, code, de, en, file=file),), file)


@dataclass(frozen=True, slots=True)
class ListSummary:
    total: int
    per_sector: dict[Sector, int]
    shared_organisations: dict[str, int]  # organisations with several people


def summary(participants: tuple[Participant, ...] | list[Participant]) -> ListSummary:
    per_sector = Counter(p.sector for p in participants)
    orgs = Counter(p.organisation for p in participants)
    return ListSummary(
        len(participants),
        {s: per_sector.get(s, 0) for s in Sector},
        {o: n for o, n in sorted(orgs.items()) if n > 1},
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
