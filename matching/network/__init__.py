"""The meeting network: who talked to whom, as networkx graphs of people and of organisations
(`person_graph`, `organisation_graph`), their measures (`measures`, keys fixed by the event
contract) in plain words (`plain_words`), what is new against earlier events (`new_ties`), and
the network as a GraphML file or picture coordinates (`graphml_bytes`, `layout`)."""

from matching.network.files import graphml_bytes, layout
from matching.network.graphs import missing_people, organisation_graph, person_graph
from matching.network.measures import (
    measures,
    new_ties,
    organisation_pairs_met,
    plain_words,
)

__all__ = [
    "graphml_bytes",
    "layout",
    "measures",
    "missing_people",
    "new_ties",
    "organisation_graph",
    "organisation_pairs_met",
    "person_graph",
    "plain_words",
]
