"""The network as a file (GraphML, for Gephi, yEd or networkx) and as a picture's coordinates.

Attributes of the graphs are plain strings and whole numbers, so `nx.read_graphml` gives back
the same graph: node ids and text as strings, `weight` and `people` as ints.
"""

from __future__ import annotations

import io
import re

import networkx as nx

# Characters XML 1.0 cannot hold (control characters except tab, newline, carriage return)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def graphml_bytes(graph: nx.Graph) -> bytes:
    """The graph as UTF-8 GraphML. Text that XML cannot hold (control characters pasted into
    a name) is dropped rather than failing the download; None values are left out."""
    clean = nx.Graph() if not graph.is_directed() else nx.DiGraph()
    clean.graph.update(_attrs(graph.graph))
    for node, data in graph.nodes(data=True):
        clean.add_node(_text(node), **_attrs(data))
    for a, b, data in graph.edges(data=True):
        clean.add_edge(_text(a), _text(b), **_attrs(data))
    buffer = io.BytesIO()
    nx.write_graphml(clean, buffer, encoding="utf-8")
    return buffer.getvalue()


def _text(value: object) -> object:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _attrs(data: dict) -> dict:
    return {_text(k): _text(v) for k, v in data.items() if v is not None}


def layout(graph: nx.Graph, seed: int = 0) -> dict:
    """Positions {node: (x, y)} in [-1, 1] from a spring layout (heavier edges pull closer).
    The same graph and seed give the same picture, whatever order nodes were added in: the
    layout runs on a copy with sorted nodes and edges, and positions are rounded."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes, key=str))
    edges = sorted(graph.edges(data="weight", default=1), key=lambda e: (str(e[0]), str(e[1])))
    ordered.add_weighted_edges_from(edges)
    if ordered.number_of_nodes() == 0:
        return {}
    positions = nx.spring_layout(ordered, seed=seed, weight="weight")
    return {node: (round(float(x), 6), round(float(y), 6)) for node, (x, y) in positions.items()}
