"""Shared fixtures for the whole suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    """An empty SQLite database of its own for one app test (the store is cached per URL)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("PAARWEISE_SEED_DEMO", raising=False)
    monkeypatch.setenv("PAARWEISE_RAISE_ERRORS", "1")  # a crash must fail the test, not hide
    monkeypatch.chdir(ROOT)
    return url


def run_cli(*args, env=None, input=None):
    return subprocess.run(
        [sys.executable, "-m", "matching", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        input=input,
    )
