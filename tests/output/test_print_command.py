"""python -m matching print: every kind written as a PDF; bad input exit 2, nothing written."""

from __future__ import annotations

import json
from io import BytesIO

import pytest
from pypdf import PdfReader

from matching.lists.demo import load_demo
from matching.planning.planner import plan
from tests.conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    _event, listed, _ = load_demo()
    made = plan(listed.participants, 3, time_limit=3).plan
    (folder / "plan.json").write_text(json.dumps(made.to_dict()), encoding="utf-8")
    first = listed.participants[0]
    links = folder / "links.csv"
    links.write_text(
        f"\ufeffid;name;email;link\r\n{first.id};{first.name};;http://192.168.1.5:8501/mein-plan?code=ABC\r\n",
        encoding="utf-8",
    )
    return folder, str(ROOT / "data" / "demo" / "participants.csv"), first


@pytest.mark.parametrize("what", ["cards", "signs", "runsheet", "badges"])
def test_each_printable_is_a_pdf(files, what):
    folder, participants, first = files
    out = folder / f"{what}.pdf"
    args = ["print", participants, str(folder / "plan.json"), "--what", what, "--out", str(out)]
    args += ["--event-file", str(ROOT / "data" / "demo" / "event.json"), "--start", "09:30"]
    if what == "cards":
        args += ["--links", str(folder / "links.csv")]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(out.read_bytes())).pages)
    if what in ("cards", "badges"):
        assert first.name in text


@pytest.mark.parametrize(
    "extra",
    [["--start", "25:00"], ["--links", "/nonexistent/links.csv"], ["--out", "/nonexistent/x.pdf"]],
)
def test_bad_input_is_exit_2_and_writes_nothing(files, extra):
    folder, participants, _first = files
    out = folder / "bad.pdf"
    args = ["print", participants, str(folder / "plan.json"), "--what", "cards", "--out", str(out)]
    done = run_cli(*args, *extra)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert not out.exists()
