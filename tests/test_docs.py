"""The README documents every setting the project reads, and names paths that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTING = re.compile(r"\b(PAARWEISE_[A-Z_]+|(?:TEST_)?DATABASE_URL)\b")
FOLDERS = ("matching", "pages", "ui", "tests", "scripts", "benchmarks")


def _project_files():
    yield ROOT / "app.py"
    yield ROOT / "Makefile"
    for folder in FOLDERS:
        yield from (ROOT / folder).rglob("*.py")
        yield from (ROOT / folder).rglob("*.sh")


def test_every_setting_is_in_the_readme_table():
    """A setting only the code knows is a setting nobody can use."""
    used = set()
    for path in _project_files():
        used |= set(SETTING.findall(path.read_text(encoding="utf-8")))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Settings") :]
    missing = sorted(name for name in used if f"`{name}`" not in table)
    assert not missing, f"settings missing from the README's Settings table: {missing}"


def test_paths_named_in_the_readme_exist():
    """After a move, the README still points at real files and folders."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(
        re.findall(r"`((?:matching|tests|benchmarks|pages|ui|scripts|docs)/[\w./]*)`", readme)
    )
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert not missing, f"README names paths that do not exist: {missing}"
