"""What `make run` starts: the app (app.py) behind the Host check of `ui.host_guard`.

    streamlit run serve.py --server.address 127.0.0.1

`scripts/run-app.py` chooses the address: only this machine without a team password, the
network with one (event contract, "Access")."""

import streamlit as st
from starlette.middleware import Middleware
from streamlit.runtime.pages_manager import PagesManager

from ui.host_guard import HostGuard

# pages/ holds the pages app.py lists with st.navigation. Without this, Streamlit treats the
# folder as an old-style multipage app until app.py has run once: the first visitor of
# /participants on a fresh server would get that page alone - without app.py's login.
PagesManager.uses_pages_directory = False

app = st.App("app.py", middleware=[Middleware(HostGuard)])
