"""The plan page's print section: personal cards (with each person's QR code when the address
phones use is known), table signs, the run sheet and name badges - one click each, built when
clicked (300 people's cards take a moment)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from matching.model import Event, Participant, Plan
from matching.output import printables
from matching.output.take_home import personal_link
from ui.common import lang, tr
from ui.links_panel import base_url_of
from ui.live import load_live

KINDS = ("cards", "signs", "run_sheet", "badges")


def print_panel(store, event_id: int, event: Event, plan: Plan, people: Sequence[Participant]):
    st.markdown(f"**{tr('print.panel_header')}**")
    start = st.time_input(tr("print.start_time"), value=dt.time(10, 0), step=300)
    start_text = start.strftime("%H:%M")
    base = base_url_of(store, event_id)
    local = not base or "127.0.0.1" in base or "localhost" in base
    codes = store.access_codes(event_id)
    links = {} if local else {pid: personal_link(base, code) for pid, code in codes.items()}
    st.caption(tr("print.qr_on" if links else "print.qr_off"))
    _clock, settings = load_live(store, event_id, event, plan)
    language = lang()
    builders = {
        "cards": lambda: printables.cards_pdf(
            event, plan, people, lang=language, links=links, start_time=start_text
        ),
        "signs": lambda: printables.table_signs_pdf(
            event, plan, lang=language, link_template=settings.link_template, participants=people
        ),
        "run_sheet": lambda: printables.run_sheet_pdf(
            event, plan, people, lang=language, start_time=start_text
        ),
        "badges": lambda: printables.badges_pdf(people, event, lang=language),
    }
    columns = st.columns(2)
    for index, kind in enumerate(KINDS):
        columns[index % 2].download_button(
            tr(f"print.download_{kind}"),
            builders[kind],
            file_name=f"{tr(f'print.file_{kind}')}.pdf",
            mime="application/pdf",
            on_click="ignore",
            key=f"print_{kind}",
        )
