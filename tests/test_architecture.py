"""The architecture as folder names, guarded: which wing may import which.

Read from the source with `ast`, so a rule breaks the moment someone writes the import, not only
when the code path runs."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import matching

CORE = Path(matching.__file__).resolve().parent
VOCABULARY = {"model", "pairs", "scoring", "i18n"}
TOP_LEVEL = VOCABULARY | {"cli", "cli_events", "cli_print", "__main__", "__init__"}
WINGS = {
    "lists", "planning", "replanning", "evaluation", "output", "storage", "live", "network",
    "access",
}  # fmt: skip
PURE_WINGS = {"planning", "replanning", "evaluation", "network", "live"}


def _modules() -> dict[str, Path]:
    """Every module of the core by dotted name (migration scripts excluded: Alembic's own)."""
    out = {}
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(CORE.parent)
        if "migrations" in rel.parts:
            continue
        name = ".".join(rel.with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def _imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (also inside functions), relative imports
    resolved to their absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(CORE.parent).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    else:
        package = package.removesuffix(".__init__")
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _wing(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else parts[-1]


def test_no_core_module_mentions_streamlit_in_any_import():
    """Also an import inside a function would tie the core to the UI."""
    for name, path in _modules().items():
        bad = {i for i in _imports(path) if i.split(".")[0] == "streamlit"}
        assert not bad, f"{name} imports {sorted(bad)}"


def test_core_never_imports_streamlit():
    """Protects the layering: matching/ is usable from the CLI, tests and scripts alone."""
    modules = [
        m.name
        for m in pkgutil.walk_packages(matching.__path__, "matching.")
        if "migrations" not in m.name
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name != 'matching.__main__':\n"
        "        importlib.import_module(name)\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported by the core'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_top_level_holds_only_the_vocabulary_and_the_command_line():
    """New code lands in its wing; the top of matching/ stays readable at a glance."""
    top = {p.stem for p in CORE.glob("*.py")}
    assert top <= TOP_LEVEL, f"modules outside a wing: {sorted(top - TOP_LEVEL)}"
    folders = {p.name for p in CORE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert folders <= WINGS, f"unknown wing(s): {sorted(folders - WINGS)}"


def test_vocabulary_imports_nothing_else_of_the_core():
    """model, pairs, scoring and i18n are what every wing shares: they depend on no wing."""
    for name, path in _modules().items():
        if name.split(".")[-1] in VOCABULARY and name.count(".") == 1:
            inner = {i for i in _imports(path) if i.startswith("matching.")}
            wings = {i for i in inner if _wing(i) in WINGS or _wing(i) == "cli"}
            assert not wings, f"{name} imports {sorted(wings)}"


def test_pure_wings_never_touch_storage():
    """Planning, re-planning, evaluation (and later network, live) are data in, data out: no
    database behind a plan, so they run in tests, the CLI and benchmarks alike."""
    for name, path in _modules().items():
        if _wing(name) in PURE_WINGS and name != "matching":
            bad = {i for i in _imports(path) if i.startswith("matching.storage")}
            assert not bad, f"{name} imports {sorted(bad)}"


def test_only_the_cpsat_module_touches_ortools_sat():
    """One boundary for CP-SAT: one time policy, one status mapping, no OR-Tools type outside."""
    users = {
        name
        for name, path in _modules().items()
        if any(i.startswith("ortools.sat") for i in _imports(path))
    }
    assert users == {"matching.planning.cpsat"}, sorted(users)
    linear = {
        name
        for name, path in _modules().items()
        if any(i.startswith("ortools.linear_solver") for i in _imports(path))
    }
    assert linear <= {"matching.planning.bound"}, sorted(linear)  # the LP bound (GLOP) only


def test_benchmark_helpers_are_not_part_of_the_core():
    """Baselines and synthetic lists serve benchmarks and tests; the app never needs them."""
    for name, path in _modules().items():
        bad = {i for i in _imports(path) if i.startswith("benchmarks")}
        assert not bad, f"{name} imports {sorted(bad)}"
