"""What `make run` starts: the app (app.py) behind the Host check of `ui.host_guard`.

    streamlit run serve.py --server.address 127.0.0.1

`scripts/run-app.py` chooses the address: only this machine without a team password, the
network with one (event contract, "Access")."""

import streamlit as st
from starlette.middleware import Middleware

from ui.host_guard import HostGuard

app = st.App("app.py", middleware=[Middleware(HostGuard)])
