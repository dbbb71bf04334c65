"""`python -m matching network`: the contract's command, its JSON keys and its exit codes."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from tests.conftest import run_cli
from tests.network.test_measures import CONTRACT_KEYS

LIST = (
    "Name;Institution;Bereich\n"
    "Anna;AOK;Krankenkasse\n"
    "Ben;AOK;Krankenkasse\n"
    "Cara;KISS;Kontaktstelle\n"
    "Dora;KISS;Kontaktstelle\n"
    "Emil;Liga;Selbsthilfeorganisation\n"
    "Fina;Liga;Selbsthilfeorganisation\n"
)
PLAN = {
    "rounds": [
        {"round": 1, "tables": [{"table": 1, "members": ["p001", "p003"]},
                                {"table": 2, "members": ["p002", "p005"]},
                                {"table": 3, "members": ["p004", "p006"]}]},
        {"round": 2, "tables": [{"table": 1, "members": ["p001", "p005"]},
                                {"table": 2, "members": ["p002", "p004"]},
                                {"table": 3, "members": ["p003", "p006"]}]},
    ]
}  # fmt: skip


@pytest.fixture
def files(tmp_path):
    listed = tmp_path / "liste.csv"
    listed.write_text(LIST, encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN), encoding="utf-8")
    return listed, plan, tmp_path / "netz.graphml"


def test_json_has_exactly_the_contract_keys_and_the_file_is_written(files):
    """Exit 0, stdout is the measures as JSON (nothing else), the GraphML reads back."""
    listed, plan, out = files
    result = run_cli("network", str(listed), str(plan), "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    assert list(numbers) == CONTRACT_KEYS
    assert (numbers["people"], numbers["conversations"], numbers["organisation_pairs"]) == (
        6,
        6,
        3,
    )
    graph = nx.read_graphml(io.BytesIO(out.read_bytes()))
    assert sorted(graph.nodes) == ["aok", "kiss", "liga"]
    assert all(w == 2 for *_, w in graph.edges(data="weight"))


def test_person_level_after_round_and_plain_words(files):
    """--level person gives one node per person; --after-round 1 counts round 1 only."""
    listed, plan, out = files
    result = run_cli(
        "network", str(listed), str(plan), "--level", "person", "--after-round", "1",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "6 people from 3 organisations had 3 conversations" in result.stdout
    graph = nx.read_graphml(io.BytesIO(out.read_bytes()))
    assert graph.number_of_nodes() == 6 and graph.number_of_edges() == 3
    assert graph.nodes["p001"] == {"name": "Anna", "organisation": "AOK", "sector": "Krankenkasse"}


@pytest.mark.parametrize(
    "case", ["missing list", "missing plan", "bad level", "missing folder", "bad round"]
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(files, case):
    listed, plan, out = files
    args = [str(listed), str(plan), "--out", str(out)]
    if case == "missing list":
        args[0] = str(listed.with_name("fehlt.csv"))
    elif case == "missing plan":
        args[1] = str(plan.with_name("fehlt.json"))
    elif case == "bad level":
        args += ["--level", "room"]
    elif case == "missing folder":
        out = out.parent / "nowhere" / "netz.graphml"
        args[3] = str(out)
    elif case == "bad round":
        args += ["--after-round", "3"]
    result = run_cli("network", *args, "--json")
    assert result.returncode == 2
    assert result.stderr.strip() and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not out.exists()
