"""Big screen for the projector: round, question, countdown, phase and the round's tables.

It reads the live state every two seconds (a fragment, not the whole page) and redraws only
when something changed; the countdown itself runs in the browser (ui.big_screen)."""

import streamlit as st

from matching.live.phase import countdown_payload
from matching.live.screen import screen_for
from ui.big_screen import TABLES_PER_PAGE, screen_html
from ui.common import get_store, lang, require_event, tr
from ui.live import load_live, now, screen_texts

ALL_TABLES = 10_000
store = get_store()
event_id, event = require_event(store)

# Projector: no sidebar, no header, no margins - the iframe fills the window.
st.html(
    "<style>section[data-testid=stSidebar], header[data-testid=stHeader],"
    "[data-testid=stSidebarCollapsedControl] {display: none !important;}"
    ".block-container, [data-testid=stMainBlockContainer] {padding: 0 !important;"
    " max-width: 100% !important;}</style>"
)


@st.fragment(run_every=2)
def big_screen() -> None:
    current = store.current_plan(event_id)
    if current is None:
        st.info(tr("plan.none_yet"))
        return
    _version, plan = current
    clock, settings = load_live(store, event_id, event, plan)
    moment = now()
    participants = store.list_participants(event_id)
    screen = screen_for(
        event,
        plan,
        participants,
        clock,
        moment,
        lang(),
        page_size=ALL_TABLES,  # the browser turns the pages (ui.big_screen)
        link_template=settings.link_template,
    )
    payload = countdown_payload(clock, moment)
    # Same state as last time: the same document, so the browser keeps its iframe (and its
    # running countdown and sound permission) instead of reloading it.
    state = repr((screen.title, screen.question, screen.rows, screen.resting, lang(),
                  {k: v for k, v in payload.items() if k != "now"}))  # fmt: skip
    cached = st.session_state.get("big_screen")
    if cached is None or cached[0] != state:
        cached = (state, screen_html(screen, payload, screen_texts(), TABLES_PER_PAGE))
        st.session_state["big_screen"] = cached
    st.iframe(cached[1], height=720)


big_screen()
