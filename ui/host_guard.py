"""An ASGI middleware in front of Streamlit: requests and websockets whose Host header names
a foreign domain are refused (DNS rebinding), before Streamlit sees them."""

from __future__ import annotations

from matching.access.hosts import allowed_hosts, host_allowed


class HostGuard:
    def __init__(self, app) -> None:
        self.app = app
        self.extra = allowed_hosts()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if host_allowed(host, self.extra):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})
            return
        body = b"Host not allowed. Open the app by its address (e.g. http://127.0.0.1:8501).\n"
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
