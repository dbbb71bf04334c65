"""Network page: who is now connected with whom - organisations (or people who agreed to be
named), the measures in plain words, the sector mixing, downloads for the report."""

import altair as alt
import pandas as pd
import streamlit as st

from matching.i18n import format_date, format_number, format_percent
from matching.lists.directory import apply_answers
from matching.model import Sector
from matching.network import graphml_bytes, layout, measures, organisation_graph, person_graph
from matching.network import plain_words as network_words
from matching.network.picture import network_png
from matching.network.series import series_growth
from matching.output.exports import export_file_name
from matching.output.report import report_pdf, report_xlsx
from ui.common import get_store, lang, md_escape, page_header, require_event, sector_label, tr
from ui.live import load_live
from ui.series import series_events

store = get_store()
event_id, event = require_event(store)
page_header("network.header")
current = store.current_plan(event_id)
if current is None:
    st.info(tr("plan.none_yet"))
    st.stop()
_version, plan = current
# Organisations as the directory names them now: a rename or merge there counts here too.
participants = apply_answers(store.list_participants(event_id), store.directory(), {})
clock, _settings = load_live(store, event_id, event, plan)

left, right = st.columns(2)
scope = left.radio(
    tr("network.scope"),
    ("held", "planned"),
    format_func=lambda s: tr(f"network.scope_{s}"),
    horizontal=True,
    index=0 if clock.round else 1,
)
level = right.radio(
    tr("network.level"),
    ("organisation", "person"),
    format_func=lambda s: tr(f"network.level_{s}"),
    horizontal=True,
)
after = min(clock.round, len(plan.rounds)) if scope == "held" else None
if scope == "held" and not after:
    st.info(tr("network.nothing_held"))

numbers = measures(plan, participants, after_round=after)
for sentence in network_words(numbers, lang()):
    st.markdown(f"- {md_escape(sentence)}")

if level == "organisation":
    graph = organisation_graph(plan, participants, after_round=after)
else:
    graph = person_graph(plan, participants, after_round=after)
    # A person is named only if they agreed; otherwise their organisation stands for them.
    agreed = {pid for pid, given in store.consents(event_id).items() if given.get("network")}
    for node, data in graph.nodes(data=True):
        if node not in agreed:
            data["name"] = tr("network.anonymous", organisation=data.get("organisation", ""))
    st.caption(tr("network.names_help", n=len(agreed & set(graph.nodes)), total=len(graph)))

positions = layout(graph, seed=0)
nodes = pd.DataFrame(
    [
        {
            "x": positions[n][0],
            "y": positions[n][1],
            tr("network.name"): d.get("name", str(n)),
            tr("col.sector"): sector_label(d.get("sector", Sector.OTHER.value)),
            tr("network.people"): d.get("people", 1),
        }
        for n, d in graph.nodes(data=True)
    ]
)
edges = pd.DataFrame(
    [
        {
            "x": positions[a][0],
            "y": positions[a][1],
            "x2": positions[b][0],
            "y2": positions[b][1],
            tr("network.conversations"): d.get("weight", 1),
        }
        for a, b, d in graph.edges(data=True)
    ],
    columns=["x", "y", "x2", "y2", tr("network.conversations")],
)
if not nodes.empty:
    axis = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    lines = (
        alt.Chart(edges)
        .mark_rule(opacity=0.35, color="#6b7c8f")
        .encode(
            x=alt.X("x:Q", axis=axis),
            y=alt.Y("y:Q", axis=axis),
            x2="x2:Q",
            y2="y2:Q",
            strokeWidth=alt.StrokeWidth(f"{tr('network.conversations')}:Q", legend=None),
        )
    )
    dots = (
        alt.Chart(nodes)
        .mark_circle(opacity=0.9, stroke="#222", strokeWidth=0.5)
        .encode(
            x="x:Q",
            y="y:Q",
            color=alt.Color(f"{tr('col.sector')}:N", legend=alt.Legend(orient="bottom")),
            size=alt.Size(
                f"{tr('network.people')}:Q", legend=None, scale=alt.Scale(range=[60, 600])
            ),
            tooltip=[tr("network.name"), tr("col.sector"), tr("network.people")],
        )
    )
    st.altair_chart((lines + dots).properties(height=520).interactive(), width="stretch")

st.subheader(tr("network.mixing"), anchor=False)
mixing = numbers["sector_mixing"]
cells = pd.DataFrame(
    [
        {"a": sector_label(a), "b": sector_label(b), "n": count}
        for a, row in mixing.items()
        for b, count in row.items()
    ]
)
if not cells.empty:
    heat = alt.Chart(cells).encode(
        x=alt.X("a:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=220)),
        y=alt.Y("b:N", title=None, axis=alt.Axis(labelLimit=220)),
    )
    chart = heat.mark_rect().encode(
        color=alt.Color("n:Q", title=tr("network.conversations"), scale=alt.Scale(scheme="blues"))
    ) + heat.mark_text(fontSize=14).encode(text="n:Q")
    st.altair_chart(chart.properties(height=280), width="stretch")

counts = ("people", "organisations", "conversations", "organisation_pairs", "components")
rows = [(tr(f"network.m_{key}"), format_number(numbers[key], lang())) for key in counts]
rows += [
    (tr("network.m_cross_sector_share"), format_percent(numbers["cross_sector_share"], lang())),
    (tr("network.m_density"), format_number(numbers["density"], lang(), 2)),
]
table = pd.DataFrame(rows, columns=[tr("network.measure"), tr("network.value")])
st.dataframe(table, hide_index=True, width="stretch")
graphml_col, png_col = st.columns(2)
graphml_col.download_button(
    tr("network.download_graphml"),
    lambda: graphml_bytes(graph),
    file_name=f"netzwerk-{level}.graphml",
    mime="application/graphml+xml",
    on_click="ignore",
)
# The same picture as in the report (names only where people agreed, as above).
png_col.download_button(
    tr("network.download_png"),
    lambda: network_png(graph, positions, lang=lang()),
    file_name=f"netzwerk-{level}.png",
    mime="image/png",
    on_click="ignore",
)

steps = []  # the series' growth, for the page and the report
if event.series:
    # The series: how the network grew from one meeting to the next (organisation level).
    st.subheader(tr("network.series_header", series=md_escape(event.series)), anchor=False)
    events = series_events(store, event_id)
    directory = store.directory()
    steps = series_growth([e for _id, e in events], directory.canonical)
    if len(steps) < 2:
        st.caption(tr("network.series_one"))
    else:
        st.caption(tr("network.series_help"))
    growth = pd.DataFrame(
        [
            {
                tr("network.series_event"): f"{format_date(s.date, lang()) or '–'} · {s.title}",
                tr("network.m_people"): s.people,
                tr("network.m_organisations"): s.organisations,
                tr("network.series_pairs"): s.organisation_pairs,
                tr("network.series_new_pairs"): s.new_organisation_pairs,
                tr("network.series_pairs_so_far"): s.organisation_pairs_so_far,
                tr("network.series_orgs_so_far"): s.organisations_so_far,
                tr("network.series_known_pairs"): s.known_pairs,
            }
            for s in steps
        ]
    )
    if len(steps) >= 2:
        # Per meeting: the organisation pairs that talked, new ones on top of those that had
        # talked at an earlier meeting. Short labels: a phone has room for a date.
        dates = [format_date(x.date, lang()) for x in steps]
        unique = all(dates) and len(set(dates)) == len(dates)
        labels = [d if unique else x.title[:28] for d, x in zip(dates, steps, strict=True)]
        kinds = (tr("network.series_new_pairs_bar"), tr("network.series_old_pairs_bar"))
        bars = pd.DataFrame(
            [
                {"label": label, "kind": kind, "n": n, "order": k}
                for label, x in zip(labels, steps, strict=True)
                for k, (kind, n) in enumerate(
                    zip(
                        kinds,
                        (x.new_organisation_pairs, x.organisation_pairs - x.new_organisation_pairs),
                        strict=True,
                    )
                )
            ]
        )
        chart = (
            alt.Chart(bars)
            .mark_bar()
            .encode(
                x=alt.X(
                    "label:N", sort=labels, title=None, axis=alt.Axis(labelAngle=0, labelLimit=220)
                ),
                y=alt.Y("n:Q", title=tr("network.series_pairs")),
                color=alt.Color(
                    "kind:N",
                    title=None,
                    sort=list(kinds),
                    legend=alt.Legend(orient="bottom", labelLimit=300),
                ),
                order=alt.Order("order:Q"),
                tooltip=[
                    alt.Tooltip("label:N", title=tr("network.series_event")),
                    alt.Tooltip("kind:N", title=" "),
                    alt.Tooltip("n:Q", title=tr("network.series_pairs")),
                ],
            )
        )
        st.altair_chart(chart.properties(height=260), width="stretch")
    st.dataframe(growth, hide_index=True, width="stretch")

st.subheader(tr("network.report_header"), anchor=False)
st.caption(tr("network.report_help"))
named = frozenset(pid for pid, given in store.consents(event_id).items() if given.get("network"))


def report(kind: str) -> bytes:
    build = report_pdf if kind == "pdf" else report_xlsx
    return build(
        event,
        plan,
        participants,
        lang=lang(),
        after_round=after,
        ideas=store.ideas(event_id),
        names_allowed=named,
        series=steps,
        series_name=event.series,
    )


pdf_col, xlsx_col = st.columns(2)
pdf_col.download_button(
    tr("network.report_pdf"),
    lambda: report("pdf"),
    file_name=export_file_name("report", event, "pdf", lang()),
    mime="application/pdf",
    on_click="ignore",
)
xlsx_col.download_button(
    tr("network.report_xlsx"),
    lambda: report("xlsx"),
    file_name=export_file_name("report", event, "xlsx", lang()),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
)
