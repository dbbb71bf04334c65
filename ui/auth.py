"""The login in front of the organiser and facilitator pages (matching.access does the
checking; this module only asks and remembers, per browser session)."""

from __future__ import annotations

import time

import streamlit as st

from matching.access.hosts import is_loopback
from matching.access.login import (
    FailedLogins,
    PasswordError,
    check_login,
    configured_hash,
    idle_minutes,
    idle_too_long,
)
from ui.common import tr

_SESSION = "access_seen"  # time of the session's last action while logged in


@st.cache_resource(show_spinner=False)
def _password() -> tuple[str | None, str | None]:
    """(hash, problem) once per server: a plain password is hashed once, kept in memory."""
    try:
        return configured_hash(), None
    except PasswordError as error:
        return None, str(error)


@st.cache_resource(show_spinner=False)
def _failures() -> FailedLogins:
    return FailedLogins()


def guard_access(banner: bool = True) -> None:
    """Stop the page unless this session may see organiser pages. Without a password: this
    computer only (a banner says how to let phones in, not on the projector's page). With
    one: the login form."""
    stored, config_problem = _password()
    if config_problem:
        st.error(tr("access.config_error", error=config_problem))
        st.stop()
    if stored is None:
        if not is_loopback(st.context.ip_address):
            st.error(tr("access.local_only_refused"))
            st.stop()
        if banner:
            st.caption(tr("access.local_only"))
        return
    seen = st.session_state.get(_SESSION)
    limit = idle_minutes()
    if seen is not None and idle_too_long(seen, time.time(), limit):
        _forget_session()
        st.info(tr("access.idle_logout", minutes=int(limit)))
        seen = None
    if seen is not None:
        st.session_state[_SESSION] = time.time()
        if st.sidebar.button(tr("access.logout"), key="logout", icon=":material/logout:"):
            _forget_session()
            st.session_state["access_message"] = "access.logged_out"
            st.rerun()
        return
    _login_form(stored)
    st.stop()


def _forget_session() -> None:
    """Logging out forgets everything the session held (chosen event, drafts)."""
    lang = st.session_state.get("lang")
    for name in list(st.session_state):
        del st.session_state[name]
    if lang:
        st.session_state["lang"] = lang


def _login_form(stored: str) -> None:
    st.title(tr("access.login_title"))
    message = st.session_state.pop("access_message", None)
    if message:
        st.info(tr(message))
    st.write(tr("access.login_intro"))
    address = st.context.ip_address
    client = address if isinstance(address, str) else "local"
    with st.form("login", clear_on_submit=True):
        candidate = st.text_input(tr("access.password"), type="password")
        sent = st.form_submit_button(tr("access.login"), type="primary")
    if not sent:
        return
    failures = _failures()
    if check_login(stored, candidate, client, failures):
        st.session_state[_SESSION] = time.time()
        st.rerun()
    st.error(tr("access.wrong_password"))
    wait = failures.delay(client)
    if wait:
        st.caption(tr("access.wait", seconds=int(wait)))
