"""The participants page's "Links" tab: each person's link to their own page (/mein-plan?code=),
as a list to copy or a CSV for mail merge (like `python -m matching links`), a new code for one
person, and the address phones use - with a QR code for the room's screen."""

from __future__ import annotations

import io
from collections.abc import Sequence
from urllib.parse import urlparse

import pandas as pd
import segno
import streamlit as st

from matching.model import Participant
from matching.output.exports import export_file_name
from matching.output.take_home import links_csv, personal_link
from ui.common import flash, lang, md_escape, person_labels, show_flash, tr

PLACE = "links"


def base_url_of(store, event_id: int) -> str:
    """The address phones use: as the organiser set it, else the one this browser uses."""
    saved = (store.get_live_data(event_id) or {}).get("base_url", "")
    if saved:
        return saved
    url = st.context.url if isinstance(st.context.url, str) else ""
    parts = urlparse(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def links_panel(store, event_id: int, event, participants: Sequence[Participant]) -> None:
    show_flash(PLACE)
    st.caption(tr("links.help"))
    if not participants:
        st.info(tr("participants.empty"))
        return
    base_url = st.text_input(tr("links.base_url"), value=base_url_of(store, event_id))
    host = urlparse(base_url).hostname or ""
    if host in ("127.0.0.1", "localhost", "::1"):
        st.warning(tr("links.local_only", port=urlparse(base_url).port or 8501))
    if st.button(tr("links.save_base_url")):
        if urlparse(base_url).scheme not in ("http", "https") or not urlparse(base_url).netloc:
            st.error(tr("links.bad_base_url"))
        else:
            data = store.get_live_data(event_id) or {}
            store.set_live_data(event_id, {**data, "base_url": base_url.strip().rstrip("/")})
            flash(tr("links.saved"), place=PLACE)
            st.rerun()
    if not base_url:
        return
    codes = store.access_codes(event_id)
    frame = pd.DataFrame(
        {
            tr("col.name"): [p.name for p in participants],
            tr("col.organisation"): [p.organisation for p in participants],
            tr("links.link"): [
                personal_link(base_url, codes[p.id]) if p.id in codes else "" for p in participants
            ],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    try:
        csv_text = links_csv(participants, codes, base_url)
    except ValueError:
        st.error(tr("links.bad_base_url"))
        return
    st.download_button(
        tr("links.download"),
        csv_text,
        file_name=export_file_name("links", event, "csv", lang()),
        mime="text/csv",
        on_click="ignore",
    )
    st.markdown(f"**{tr('links.qr_header')}**")
    st.caption(tr("links.qr_help", url=md_escape(base_url)))
    st.image(_qr_png(base_url), width=220)
    st.markdown(f"**{tr('links.reissue_header')}**")
    labels = person_labels(participants)
    chosen = st.selectbox(
        tr("privacy.person"),
        sorted(labels, key=lambda i: labels[i].casefold()),
        index=None,
        format_func=labels.__getitem__,
        placeholder=tr("common.choose_people"),
        key=f"reissue_{event_id}",
    )
    if chosen and st.button(tr("links.reissue")):
        store.reissue_code(event_id, chosen)
        flash(tr("links.reissued", name=md_escape(labels[chosen])), place=PLACE)
        st.rerun()


def _qr_png(text: str) -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=6, border=2)
    return out.getvalue()
