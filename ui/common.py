"""Small Streamlit helpers shared by every page: language, store, current event, messages.

Pages stay thin: they read widgets, call one function of `matching`, and render with these.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from matching.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, t
from matching.model import Event, Participant, Problem, Sector, Severity

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


_AUTOLINKS = re.compile(r"(?i)(https?|ftp)(:)|(www)(\.)|(@)")
_WORD_JOINER = "\u2060"  # invisible; breaks the pattern the markdown autolinker looks for


def _break_autolink(match: re.Match) -> str:
    parts = [g for g in match.groups() if g]
    return _WORD_JOINER.join(parts) + (_WORD_JOINER if match.group(5) else "")


def md_escape(text: object) -> str:
    """Make user text (names, organisations, titles) show literally inside Streamlit markdown.

    Streamlit renders markdown in st.markdown, st.success, st.info ...: a name such as
    `[klick](javascript:...)` or `**x**` must stay text, and a bare `https://…`, `www.…` or
    e-mail address must not become a link. HTML is never enabled on top of this.
    """
    plain = _AUTOLINKS.sub(_break_autolink, str(text))
    return _MARKDOWN_SPECIALS.sub(r"\\\1", plain).replace("\n", " ")


def lang() -> str:
    return st.session_state.get("lang", DEFAULT_LANGUAGE)


def tr(key: str, /, **values: object) -> str:
    """UI text in the session's language."""
    return t(key, lang(), **values)


def language_switch() -> None:
    """Sidebar language choice; German unless the user (or ?lang=en) says otherwise."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", DEFAULT_LANGUAGE)
        st.session_state["lang"] = wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE
    st.sidebar.selectbox(
        t("app.language", lang()),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key="lang",
    )


@st.cache_resource(show_spinner=False)
def _store_for(url: str | None):
    """Opened once per server; events past PAARWEISE_RETENTION_DAYS are deleted then."""
    from matching.storage.store import open_store

    store = open_store(url)
    days = os.environ.get("PAARWEISE_RETENTION_DAYS", "").strip()
    if days.isdigit():
        store.delete_events_older_than(int(days))
    return store


def get_store():
    """One store (engine + connection pool) per database URL, shared by all sessions."""
    return _store_for(os.environ.get("DATABASE_URL") or None)


def seed_demo_if_empty(store) -> None:
    """`make run` starts on a ready demo event; only when asked and the database is empty."""
    if os.environ.get("PAARWEISE_SEED_DEMO") != "1" or store.list_events():
        return
    create_demo_event(store)


def create_demo_event(store) -> int:
    from matching.lists.demo import load_demo

    event, result, _questions = load_demo()
    event_id = store.create_event(event)
    store.replace_participants(event_id, result.participants)
    store.register_list(result.participants)  # the directory knows the demo organisations
    return event_id


def flash(message: str, kind: str = "success", place: str = "") -> None:
    """A confirmation that survives st.rerun(): shown once, next run, where `place` says (a
    tab's name; "" = under the page header), so the result stands where the action was."""
    st.session_state.setdefault("_flash", []).append((kind, message, place))


def flash_problems(problems, place: str = "") -> None:
    """Warnings to show after st.rerun(), escaped: they quote names from the list."""
    for problem in problems:
        flash(md_escape(problem_line(problem)), "warning", place)


def show_flash(place: str = "") -> None:
    waiting = st.session_state.get("_flash", [])
    for kind, message, _place in [f for f in waiting if f[2] == place]:
        if kind == "toast":  # stays a few seconds, also when a table below reruns the page
            st.toast(message, icon=":material/check_circle:")
        else:
            getattr(st, kind)(message)
    rest = [f for f in waiting if f[2] != place]
    if rest:
        st.session_state["_flash"] = rest
    else:
        st.session_state.pop("_flash", None)


def keyed_tabs(labels: Sequence[str], key: str):
    """Tabs that keep the selected one across reruns (an action inside a tab, its message,
    a download), so the page never jumps back to the first tab."""
    return st.tabs(list(labels), key=key, on_change="rerun")


def page_header(key: str) -> None:
    """Every page starts the same: its title, then what the last action did."""
    st.header(tr(key))
    show_flash()


def person_labels(participants: Sequence[Participant]) -> dict[str, str]:
    """ "Name (Organisation)" per id, with the id added where two would read the same: a
    selectbox sends the chosen label back, so equal labels would pick the wrong person."""
    plain = {p.id: f"{p.name} ({p.organisation})" for p in participants}
    counts = Counter(plain.values())
    return {pid: text if counts[text] == 1 else f"{text} · {pid}" for pid, text in plain.items()}


_CLOSE_SIDEBAR_ON_PHONES = """<script>
(() => {
  const page = window.parent;
  if (page.__paarweiseNavClose) return;
  page.__paarweiseNavClose = true;
  page.document.addEventListener("click", (event) => {
    if (page.innerWidth >= 768) return;
    if (!event.target.closest('[data-testid="stSidebarNavLink"]')) return;
    page.setTimeout(() => {
      const doc = page.document;
      const side = doc.querySelector('[data-testid="stSidebar"]');
      const button = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (side && button && side.getAttribute("data-collapsed") === "false") button.click();
    }, 50);
  }, true);
})();
</script>"""


def close_sidebar_after_navigation_on_phones() -> None:
    """On a phone the sidebar covers the page; after choosing a page it closes, as a menu
    does. A fixed inline script (no user data in it, nothing loaded from anywhere)."""
    # A component (an invisible frame of the app's own origin) runs its script as soon as it
    # loads; the listener lives in the page around it.
    st.iframe(_CLOSE_SIDEBAR_ON_PHONES, height=1)


def select_event(event_id: int) -> None:
    """A page chooses the event (new, duplicated, demo). The sidebar widget is made anew,
    so no stale choice of the browser can win over it on the next click."""
    st.session_state["event_id"] = event_id
    st.session_state["event_widget"] = st.session_state.get("event_widget", 0) + 1


def event_selector(store) -> int | None:
    """Sidebar choice of the event every page works on; remembers it per session.

    `event_id` is the truth; a user's choice goes into it by the widget's callback, a page's
    by `select_event`."""
    events = store.list_events()
    if not events:
        st.session_state.pop("event_id", None)
        return None
    ids = [e.id for e in events]
    # Labels must differ: the browser sends the chosen label back, and two events called
    # "Demo" once made every page work on the wrong one.
    counts = Counter(e.event.title for e in events)

    def title(e) -> str:
        if counts[e.event.title] == 1:
            return e.event.title
        when = format_date(e.event.date, lang()) or "–"  # first: a long title is cut off
        return f"{tr('nav.number', n=e.id)} · {when} · {e.event.title}"

    titles = {e.id: title(e) for e in events}
    current = st.session_state.get("event_id")
    if current not in ids:
        current = ids[0]
    st.session_state["event_id"] = current
    key = f"event_choice_{st.session_state.get('event_widget', 0)}"
    if st.session_state.get(key) not in (None, current) or key not in st.session_state:
        st.session_state[key] = current  # (the list's order may have changed)

    def chosen() -> None:
        st.session_state["event_id"] = st.session_state[key]

    st.sidebar.selectbox(
        tr("nav.current_event"),
        options=ids,
        format_func=lambda i: titles.get(i, str(i)),
        key=key,
        on_change=chosen,
    )
    return current


def require_event(store) -> tuple[int, Event]:
    """The selected event, or a friendly pointer to the event page and stop."""
    event_id = st.session_state.get("event_id")
    if event_id is None:
        st.info(tr("common.no_event"))
        st.page_link("pages/event.py", label=tr("nav.event"), icon=":material/event:")
        st.stop()
    return event_id, store.get_event(event_id)


def sector_label(sector: Sector | str) -> str:
    return tr(f"sector.{Sector(sector).value}")


def show_problems(problems: Sequence[Problem], where: str = "file", limit: int = 100) -> None:
    """Errors first, then warnings; each as one readable line saying where and what to do.
    where: "file", "table", "form" or "plan" - what the user has to correct."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for kind, group, key in (
        ("error", errors, f"problems.errors.{where}"),
        ("warning", warnings, f"problems.warnings.{where}"),
    ):
        if not group:
            continue
        lines = [f"- {md_escape(problem_line(p, where))}" for p in group[:limit]]
        if len(group) > limit:
            lines.append(f"- … ({len(group) - limit})")
        getattr(st, kind)(tr(key, n=len(group)) + "\n\n" + "\n".join(lines))


def problem_line(problem: Problem, source: str = "file") -> str:
    """'Zeile 3, Spalte „Bereich“: …' - where first, so people find the cell; in a form the
    place is a field ('Feld „Titel“'), quoted as the language quotes."""
    where = []
    if problem.row is not None:
        where.append(f"{tr('problems.row')} {problem.row}")
    if problem.column:
        place = tr("problems.field") if source == "form" else tr("problems.column")
        where.append(tr("problems.quoted", place=place, name=problem.column))
    text = problem.message(lang())
    return f"{', '.join(where)}: {text}" if where else text


def participants_frame(participants: Sequence[Participant]) -> pd.DataFrame:
    """The list as people read it: names, sector in the UI language, lists joined by commas."""
    names = {p.id: p.name for p in participants}
    return pd.DataFrame(
        [
            {
                "ID": p.id,
                tr("col.name"): p.name,
                tr("col.organisation"): p.organisation,
                tr("col.sector"): sector_label(p.sector),
                tr("col.topics"): ", ".join(p.topics),
                tr("col.offers"): ", ".join(p.offers),
                tr("col.needs"): ", ".join(p.needs),
                tr("col.stays_seated"): p.stays_seated,
                tr("col.wants_to_meet"): ", ".join(names.get(i, i) for i in p.wants_to_meet),
                tr("col.avoid"): ", ".join(names.get(i, i) for i in p.avoid),
            }
            for p in participants
        ]
    )
