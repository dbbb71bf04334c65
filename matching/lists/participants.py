"""Reading and validating participant lists (planner contract, "Participant list").

`read_participants` never raises for bad input: every problem becomes a `Problem` that names
file, row (as Excel counts, header = row 1), column, what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import replace
from pathlib import Path

from matching.lists.cells import Collector, SheetRow, clean_cell, header_key, split_list
from matching.lists.recognition import Recognition, SectorWord
from matching.lists.references import People, resolve_people, warn_unmeetable_wishes
from matching.lists.tabular import MAX_BYTES, Sheet, read_table
from matching.model import ImportResult, Participant, Problem, Sector, Severity, person_key

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
ALIAS_TO_FIELD = {alias: field for field, aliases in FIELDS.items() for alias in aliases}
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
SECTOR_KEYS = [header_key(n) for n in [s.value for s in Sector] + list(SECTOR_ALIASES)]
YES = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
NO = {"", "nein", "n", "no", "0", "false", "falsch"}


def parse_sector(text: str) -> Sector | None:
    return SECTOR_ALIASES.get(header_key(text))


def _map_columns(header: tuple[str, ...], out: Collector) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        field = ALIAS_TO_FIELD.get(header_key(title))
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


def _rows(sheet: Sheet, columns: dict[str, int]) -> list[SheetRow]:
    rows = []
    for offset, raw in enumerate(sheet.rows):
        if not any(cell.strip() for cell in raw):
            continue  # Excel leaves empty lines; they are nobody
        values = {field: clean_cell(raw[i]) if i < len(raw) else "" for field, i in columns.items()}
        rows.append(SheetRow(offset + 2, values))
    return rows


def _header_of(sheet: Sheet, columns: dict[str, int], field: str) -> str:
    return sheet.header[columns[field]] if field in columns else field


def _sector_problem(text: str, row: int, column: str, out: Collector) -> None:
    guess = difflib.get_close_matches(header_key(text), SECTOR_KEYS, n=1, cutoff=0.6)
    allowed = "Krankenkasse, Selbsthilfekontaktstelle, Selbsthilfeorganisation, Sonstige"
    if guess:
        meant = SECTOR_ALIASES.get(guess[0]) or next(
            s for s in Sector if header_key(s.value) == guess[0]
        )
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


def _assign_ids(rows: list[SheetRow], has_id: bool, out: Collector, id_column: str) -> list[str]:
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


def _yes_no(text: str, row: int, column: str, out: Collector) -> bool:
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


def recognise(sheet: Sheet) -> Recognition:
    """What the import makes of the sheet: how it was read, which column means which field,
    which sector words mean which sector. Ids are added by `parse_sheet` once assigned."""
    found = sheet.format
    columns: list[tuple[str, str]] = []
    ignored: list[str] = []
    duplicates: list[tuple[str, str]] = []
    unnamed: list[int] = []
    first: dict[str, str] = {}  # field -> header of its (first) column
    position: dict[str, int] = {}
    for index, title in enumerate(sheet.header):
        field = ALIAS_TO_FIELD.get(header_key(title))
        if field is None:
            if title.strip():
                ignored.append(title)
            elif any(index < len(raw) and raw[index].strip() for raw in sheet.rows):
                unnamed.append(index + 1)
        elif field in first:
            duplicates.append((title, first[field]))
        else:
            first[field] = title
            position[field] = index
            columns.append((title, field))
    content = [raw for raw in sheet.rows if any(cell.strip() for cell in raw)]
    return Recognition(
        file_type=found.kind if found else "",
        encoding=found.encoding if found else None,
        separator=found.separator if found else None,
        garbled=found.garbled if found else 0,
        sheet_name=found.sheet_name if found else None,
        sheet_count=found.sheet_count if found else 0,
        header_width=len(sheet.header),
        rows=len(content),
        empty_rows=len(sheet.rows) - len(content),
        columns=tuple(columns),
        ignored_columns=tuple(ignored),
        duplicate_columns=tuple(duplicates),
        unnamed_columns=tuple(unnamed),
        missing_fields=tuple(f for f in REQUIRED if f not in first),
        sectors=_sector_words(content, position.get("sector")),
        id_column=first.get("id"),
    )


def _sector_words(content: list[tuple[str, ...]], index: int | None) -> tuple[SectorWord, ...]:
    """Sector words as first spelt, with their sector (None: unknown or empty) and count."""
    if index is None:
        return ()
    words: dict[str, list] = {}  # header_key -> [first spelling, sector, count]
    for raw in content:
        text = clean_cell(raw[index]) if index < len(raw) else ""
        entry = words.setdefault(header_key(text), [text, parse_sector(text), 0])
        entry[2] += 1
    order = {sector: i for i, sector in enumerate(Sector)}
    found = [SectorWord(word, sector, count) for word, sector, count in words.values()]
    found.sort(key=lambda w: (order.get(w.sector, len(order)), -w.count))
    return tuple(found)


def _with_ids(seen: Recognition, rows: list[SheetRow], ids: list[str]) -> Recognition:
    given = [bool(row.values.get("id")) for row in rows]
    generated = tuple(pid for pid, has in zip(ids, given, strict=True) if not has)
    return replace(seen, ids_from_file=sum(given), ids_generated=generated)


def parse_sheet(sheet: Sheet, file: str) -> ImportResult:
    """Header + rows -> participants and every problem; the heart of the import."""
    out = Collector(file)
    seen = recognise(sheet)
    columns = _map_columns(sheet.header, out)
    if columns is None:
        return ImportResult((), tuple(out.problems), file, seen)
    rows = _rows(sheet, columns)
    if not rows:
        out.error(
            "no_rows",
            "Die Liste hat Spaltennamen, aber keine Personen. Bitte ab Zeile 2 eine Zeile pro "
            "Person eintragen.",
            "The list has column names but no people. Please add one row per person from row 2 on.",
        )
        return ImportResult((), tuple(out.problems), file, seen)
    col = {field: _header_of(sheet, columns, field) for field in FIELDS}
    ids = _assign_ids(rows, "id" in columns, out, col["id"])
    seen = _with_ids(seen, rows, ids)
    known = People.of(rows, ids)  # one index for every row's wishes and avoids
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
        key = person_key(v["name"], v["organisation"])
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
        wishes = resolve_people(
            v.get("wants_to_meet", ""), ids[i], r, col["wants_to_meet"], known, out
        )
        avoid = resolve_people(v.get("avoid", ""), ids[i], r, col["avoid"], known, out)
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
    warn_unmeetable_wishes(people, out, col["wants_to_meet"])
    return ImportResult(tuple(people), tuple(out.problems), file, seen)


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
            with path.open("rb") as handle:  # a byte more than allowed says "too large"
                data = handle.read(MAX_BYTES + 1)
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
    result = parse_sheet(sheet, name)
    if problems:  # cells cut or cleaned while reading, named before what the rows say
        result = replace(result, problems=(*problems, *result.problems))
    return result


def _file_problem(file: str, code: str, de: str, en: str) -> ImportResult:
    return ImportResult((), (Problem(Severity.ERROR, code, de, en, file=file),), file)
