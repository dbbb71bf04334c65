"""GraphML that networkx reads back as the same graph, and a picture that stays put."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from matching.network import graphml_bytes, layout, organisation_graph, person_graph
from tests.network.conftest import KK, person, plan_of


def _same(read: nx.Graph, graph: nx.Graph) -> None:
    assert dict(read.nodes(data=True)) == dict(graph.nodes(data=True))
    assert {frozenset((a, b)): d for a, b, d in read.edges(data=True)} == {
        frozenset((a, b)): d for a, b, d in graph.edges(data=True)
    }
    assert read.graph["level"] == graph.graph["level"]


@pytest.mark.parametrize("build", [person_graph, organisation_graph])
def test_graphml_reads_back_as_the_same_graph(six, build):
    """Nodes, attributes (strings and ints) and weights survive a round trip through GraphML."""
    people, plan = six
    graph = build(plan, people)
    data = graphml_bytes(graph)
    assert data.startswith(b"<?xml")
    read = nx.read_graphml(io.BytesIO(data))
    _same(read, graph)
    weights = [w for *_, w in read.edges(data="weight")]
    assert weights and all(isinstance(w, int) for w in weights)


def test_graphml_survives_umlauts_and_control_characters():
    """A control character pasted into a name is dropped instead of breaking the file."""
    people = [person("a", "Müller\x07-Stiftung", KK), person("b", "KISS", KK)]
    graph = organisation_graph(plan_of([("a", "b")]), people)
    read = nx.read_graphml(io.BytesIO(graphml_bytes(graph)))
    assert sorted(d["name"] for _, d in read.nodes(data=True)) == ["KISS", "Müller-Stiftung"]


def test_layout_is_deterministic_for_a_seed(six):
    """Same graph and seed give the same coordinates, whatever order nodes were added in."""
    people, plan = six
    graph = person_graph(plan, people)
    first = layout(graph, seed=3)
    assert first == layout(graph, seed=3)
    reversed_graph = nx.Graph()
    reversed_graph.add_nodes_from(reversed(list(graph.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(graph.edges(data=True))))
    assert layout(reversed_graph, seed=3) == first
    assert set(first) == set(graph.nodes)
    assert all(-1.0 <= v <= 1.0 for xy in first.values() for v in xy)
    assert layout(nx.Graph()) == {}
