"""Paarweise: entry point of the Streamlit app (`make run`).

Sets the page and the language, checks access (ui.auth), sets the current event, then hands
over to the page the user chose. `make run` serves it through serve.py (Host check). Pages
live in pages/ and call into the `matching` core.
"""

import logging
import os
import traceback
from urllib.parse import urlparse

import streamlit as st

from ui.auth import guard_access
from ui.common import (
    close_sidebar_after_navigation_on_phones,
    event_selector,
    get_store,
    language_switch,
    seed_demo_if_empty,
    tr,
)
from ui.live import event_of_screen_key

st.set_page_config(page_title="Paarweise", page_icon="🤝", layout="wide")


def run_page(navigation) -> None:
    try:
        navigation.run()
    except Exception as error:
        # A user never sees a traceback; the log keeps where it happened for whoever runs the
        # server - not the message, which may quote a participant's name (a database error
        # does).
        if os.environ.get("PAARWEISE_RAISE_ERRORS") == "1":
            raise
        where = "".join(traceback.format_tb(error.__traceback__))
        logging.getLogger("paarweise").error("page failed: %s\n%s", type(error).__name__, where)
        st.error(tr("app.unexpected_error"))


def screen_request() -> int | None:
    """/screen?key=…: the projector's page by its own key, without the login (ui.live)."""
    url = st.context.url
    key = st.query_params.get("key")
    if not (isinstance(url, str) and key and urlparse(url).path.rstrip("/").endswith("/screen")):
        return None
    return event_of_screen_key(get_store(), str(key))


def participant_request() -> bool:
    """/mein-plan?code=…: a participant's own page - no login, no menu, nothing else."""
    url = st.context.url
    return isinstance(url, str) and urlparse(url).path.rstrip("/").endswith("/mein-plan")


if participant_request():
    # A navigation's default page is served at "/" (its url_path ignored): the participant's
    # page must not be the default, or /mein-plan would be "page not found".
    run_page(
        st.navigation(
            [
                st.Page(lambda: None, title="Paarweise", default=True),
                st.Page("pages/my_plan.py", title="Mein Plan", url_path="mein-plan"),
            ],
            position="hidden",
        )
    )
    st.stop()

screen_event = screen_request()
if screen_event is not None:
    st.session_state["event_id"] = screen_event
    run_page(
        st.navigation(
            [
                st.Page(lambda: None, title="Paarweise", default=True),
                st.Page("pages/screen.py", title=tr("nav.screen"), url_path="screen"),
            ],
            position="hidden",
        )
    )
    st.stop()

st.sidebar.title("Paarweise")
language_switch()
st.sidebar.caption(tr("app.tagline"))
with st.sidebar.expander(tr("privacy.title"), icon=":material/shield:"):
    st.caption(tr("privacy.note"))
store = get_store()
seed_demo_if_empty(store)

organiser_pages = [
    st.Page("pages/event.py", title=tr("nav.event"), icon=":material/event:", default=True),
    st.Page("pages/participants.py", title=tr("nav.participants"), icon=":material/groups:"),
    st.Page("pages/plan.py", title=tr("nav.plan"), icon=":material/shuffle:"),
    st.Page("pages/directory.py", title=tr("nav.directory"), icon=":material/domain:"),
]
run_pages = [
    st.Page("pages/live.py", title=tr("nav.live"), icon=":material/timer:"),
    st.Page("pages/screen.py", title=tr("nav.screen"), icon=":material/tv:"),
]
after_pages = [
    st.Page("pages/network.py", title=tr("nav.network"), icon=":material/hub:"),
]
navigation = st.navigation(
    {
        tr("nav.section_prepare"): organiser_pages,
        tr("nav.section_run"): run_pages,
        tr("nav.section_after"): after_pages,
    }
)
# Nothing about any event after this without the login (or on this computer).
guard_access(banner=navigation.url_path != "screen")

event_selector(store)
close_sidebar_after_navigation_on_phones()  # before the page: a page may stop early
run_page(navigation)
