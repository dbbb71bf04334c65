"""Pieces of the participant's page (pages/my_plan.py): the look (large print, contrast), the
small in-browser countdown, one round as plain text, and what they take home."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict

import streamlit as st

from matching.live.my_plan import MySeat
from matching.model import Participant, Plan
from ui.common import md_escape

# Real text, large, high contrast; the large-print switch scales everything up.
_STYLE = """<style>
.stApp {{ font-size: {size}; }}
.stApp p, .stApp li, .stApp label {{ font-size: {size} !important; line-height: 1.5; }}
.stApp h1 {{ font-size: calc({size} * 1.9) !important; }}
.stApp h2 {{ font-size: calc({size} * 1.6) !important; }}
.stApp h3 {{ font-size: calc({size} * 1.3) !important; }}
section[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl] {{ display: none; }}
.stApp [data-testid=stCaptionContainer], .stApp [data-testid=stCaptionContainer] * {{
  color: #333 !important; }}
/* The live part redraws every two seconds: no fading to grey while it does. */
.stApp [data-stale=true], .stApp [data-stale=true] * {{ opacity: 1 !important; }}
</style>"""


def page_style(large: bool) -> None:
    st.html(_STYLE.format(size="1.45rem" if large else "1.1rem"))


def seat_line(seat: MySeat) -> str:
    """One round for the lists below "now", escaped for markdown."""
    return md_escape(seat.text)


def partners_markdown(seat: MySeat) -> str:
    lines = []
    for partner in seat.partners:
        details = [md_escape(x) for x in (partner.organisation, partner.sector) if x]
        lines.append(
            f"- **{md_escape(partner.name)}**" + (", " + " · ".join(details) if details else "")
        )
    return "\n".join(lines)


def countdown(payload: dict, large: bool, label: str) -> None:
    """mm:ss counted down in the browser from the stored start (no server rerun per second)."""
    data = json.dumps(payload).replace("<", "\\u003c")
    size = "2.6rem" if large else "2rem"
    st.iframe(
        f"""<!doctype html><html lang="de"><head><meta charset="utf-8"><style>
body {{ margin: 0; font-family: system-ui, sans-serif; color: #111; background: #fff; }}
#t {{ font-size: {size}; font-weight: 800; font-variant-numeric: tabular-nums; }}
</style></head><body><span aria-label="{md_escape(label)}" id="t" role="timer"></span>
<script>
const c = {data}; const skew = Date.now() / 1000 - c.now;
const offset = Math.abs(skew) > 30 ? skew : 0;  // in sync unless far off (see big_screen)
function mmss(s) {{ s = Math.max(0, Math.ceil(s));
  return String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0"); }}
function tick() {{
  const now = Date.now() / 1000 - offset; let left = c.round_seconds;
  if (c.status === "running" || c.status === "break") left = c.round_seconds - (now - c.started_at);
  else if (c.status === "paused") left = c.round_seconds - (c.paused_elapsed || 0);
  else if (c.status === "ended") left = 0;
  document.getElementById("t").textContent = mmss(left);
}}
tick(); setInterval(tick, 500);
</script></body></html>""",
        height=70,
    )


# Plan and list as every open participant page of an event needs them, shared by all sessions
# of this server process and keyed by `Store.plan_stamp`: 200 phones polling every two seconds
# would otherwise parse the plan and load the list 100 times a second.
_SHARED: OrderedDict[tuple, tuple[int | None, Plan | None, tuple[Participant, ...]]] = OrderedDict()
_SHARED_SIZE = 16  # an event's pages, and the plan page's look at its series
_SHARED_LOCK = threading.Lock()


def plan_and_people(
    store, event_id: int, stamp: tuple | None = None
) -> tuple[int | None, Plan | None, tuple[Participant, ...]]:
    """(plan version id, plan, participants) of the event, read again only when its stamp
    (`Store.page_poll`: list version, current plan version) changed."""
    if stamp is None:
        stamp = store.page_poll(event_id)[0]
    stamp = (id(store), *stamp)
    with _SHARED_LOCK:
        found = _SHARED.get(stamp)
        if found is not None:
            _SHARED.move_to_end(stamp)
            return found
    current = store.current_plan(event_id)
    people = store.list_participants(event_id)
    # Read after the stamp: at least as new as it (a change in between only means the next
    # stamp differs and the data is read once more).
    data = (current[0], current[1]) if current else (None, None)
    value = (*data, people)
    with _SHARED_LOCK:
        _SHARED[stamp] = value
        while len(_SHARED) > _SHARED_SIZE:
            _SHARED.popitem(last=False)
    return value


def forget_event(event_id: int) -> None:
    """Drop what the shared cache holds of an event (deleted: nothing of it stays in memory
    longer than needed)."""
    with _SHARED_LOCK:
        for stamp in [k for k in _SHARED if k[1] == event_id]:
            del _SHARED[stamp]
