"""Small shared pieces of the import: cell cleaning, list splitting, problem collecting."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from matching.i18n import problem
from matching.model import Problem, Severity

LIST_SPLIT = re.compile(r"[,;|]")
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")


def header_key(text: str) -> str:
    """Header/alias comparison: case, spaces, '-', '_' and '.' do not matter."""
    return re.sub(r"[\s\-_.]", "", text).casefold()


# Control characters other than tab, line feed, vertical tab, form feed and carriage return
# (those are spaces to the import): invisible, and Excel files cannot hold them.
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def drop_controls(text: str) -> str:
    return CONTROL.sub("", text)


def clean_cell(text: str) -> str:
    """Trim and undo our own export's formula guard (a leading apostrophe)."""
    return FORMULA_GUARD.sub("", " ".join(text.split()))


def split_list(text: str) -> tuple[str, ...]:
    """'a, b; c | a' -> ('a', 'b', 'c'): trimmed, empty parts and repeats dropped."""
    seen: dict[str, str] = {}
    for part in LIST_SPLIT.split(text):
        part = clean_cell(part)
        if part and part.casefold() not in seen:
            seen[part.casefold()] = part
    return tuple(seen.values())


def coded_problem(
    code: str,
    severity: Severity,
    file: str,
    row: int | None = None,
    column: str | None = None,
    /,
    **values: object,
) -> Problem:
    """A problem whose texts are `problem.<code>` in matching.i18n, located in the file."""
    return replace(problem(code, severity, **values), file=file, row=row, column=column)


@dataclass(frozen=True, slots=True)
class SheetRow:
    excel_row: int
    values: dict[str, str]


class Collector:
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
