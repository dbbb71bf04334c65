"""The core stays UI-free: importing every matching module must not pull in streamlit."""

import pkgutil
import subprocess
import sys

import matching


def test_core_never_imports_streamlit():
    """Protects the layering: matching/ is usable from the CLI, tests and scripts alone."""
    modules = [m.name for m in pkgutil.iter_modules(matching.__path__, "matching.")]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name != 'matching.__main__':\n"
        "        importlib.import_module(name)\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported by the core'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
