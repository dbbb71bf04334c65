"""A browserless Streamlit client: one real server session over the app's websocket.

    async with Session("http://127.0.0.1:8501", "code=ABC", page="mein-plan") as page:
        await page.wait_for_text("Gleich geht es los", timeout=30)
        page.watch("Runde 2 von 8")         # from now on, note when that text first shows
        ...
        moment = await page.wait_seen("Runde 2 von 8", timeout=30)  # time.time() it appeared

It does what Streamlit's own frontend (streamlit 1.67, static/js/index.*.js) does for a page
that nobody touches, and nothing more:

- connects to ws://HOST:PORT/_stcore/stream with the subprotocols ["streamlit",
  "PLACEHOLDER_AUTH_TOKEN"] (the frontend sends the `_streamlit_xsrf` cookie's value second,
  or that placeholder; the server selects the first entry and checks the token only against
  an Origin header and a signed login cookie - this client sends neither (no Origin header
  passes the server's origin check, as for any non-browser client), so no cookie is fetched);
- sends, right after connecting, a `rerun_script` BackMsg (ClientState) with the query string
  (without "?"), `page_name` = the URL path below the app ("mein-plan" for /mein-plan - the
  server resolves it against the `url_path` of the st.navigation pages) and an empty
  `page_script_hash`; later reruns send the `page_script_hash` of the page the server ran
  (from `new_session` and `navigation`) and no page_name, as the frontend does. Every rerun
  carries `context_info` (url without query, locale, time zone) - st.context.url comes from it
  - and `cached_message_hashes`; widget states stay empty (nobody changed a widget, and the
  server keeps a widget's value when a rerun does not mention it);
- emulates the fragment timer: an `auto_rerun` ForwardMsg (interval, fragment_id), sent while
  a `@st.fragment(run_every=...)` is defined, starts a timer for that fragment unless one with
  the same interval runs already; every interval it sends a `rerun_script` BackMsg with that
  `fragment_id` and `is_auto_rerun=True` (frontend: handleAutoRerun -> setInterval ->
  sendUpdateWidgetsMessage(fragmentId, true)). `stop_auto_rerun` ends the named timers; a
  `new_session` that starts a full run (no fragment ids in its metadata.run) ends all of them
  (cleanupAutoReruns) - the run's own `auto_rerun` starts them again;
- keeps the frontend's ForwardMsg cache: a message with metadata.cacheable and a hash is kept
  (with the run count it was last used in); the hashes go back in `cached_message_hashes`, and
  the server may then send just a `ref_hash` (with fresh metadata), which is resolved from
  the cache. After each `script_finished` (not FINISHED_EARLY_FOR_RERUN) entries older than
  the server's `max_cached_message_age` runs are dropped, in a fragment run only those of
  that fragment (ForwardMsgCache.incrementRunCount). Nothing needs an acknowledgement;
- builds the page as a tree of blocks and elements from Delta messages at their
  metadata.delta_path (the frontend's AppRoot, four root containers), stamping each node with
  the run that wrote it, and after a successful `script_finished` removes what the run did
  not write again, in a fragment run only inside that fragment (clearStaleNodes). The text
  of an element is its label/body/text (markdown escapes removed; st.html without its style
  and script), so headings, markdown, alerts and widget labels count as visible text.
  Websocket pings are answered by the websockets library; the frontend sends no pings of its
  own over the socket.

Not emulated: static files, /_stcore/health and /_stcore/host-config requests, components and
iframes (their content is not run), widget interaction, reconnecting.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: TID251 (the protocol, no app code)
from streamlit.proto.ClientState_pb2 import ContextInfo  # noqa: TID251
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251

STREAM_PATH = "/_stcore/stream"
SUBPROTOCOLS = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
ROOT_CONTAINERS = 4  # main, sidebar, event, bottom
FINISHED_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_OK = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation
_INVISIBLE = re.compile(r"<(style|script)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


class SessionClosed(ConnectionError):
    """The websocket closed while someone waited for the page."""


class _Node:
    """A block (children) or an element (text) of the page, as the frontend keeps it."""

    __slots__ = ("block_type", "children", "fragment_id", "run_id", "since", "text")

    def __init__(self, run_id: str, fragment_id: str = "", block_type: str | None = None):
        self.run_id = run_id
        self.fragment_id = fragment_id
        self.block_type = block_type  # None for an element
        self.children: list[_Node] = []
        self.text = ""
        self.since = 0.0  # time.time() this text first showed at this place

    @property
    def is_block(self) -> bool:
        return self.block_type is not None


class _CacheEntry:
    __slots__ = ("fragment_id", "raw", "run_count")

    def __init__(self, raw: bytes, run_count: int, fragment_id: str) -> None:
        self.raw = raw
        self.run_count = run_count
        self.fragment_id = fragment_id


def element_text(element) -> str:
    """What a person reads of one Element: its label, body or text; '' for charts, iframes..."""
    kind = element.WhichOneof("type")
    if kind is None:
        return ""
    body = getattr(element, kind)
    if kind == "exception":
        return f"{body.type}: {body.message}"
    if kind == "html":  # st.html: what a browser shows of it (a style sheet shows nothing)
        return " ".join(_TAG.sub(" ", _INVISIBLE.sub(" ", body.body)).split())
    fields = body.DESCRIPTOR.fields_by_name
    parts = []
    for name in ("label", "body", "text"):
        field = fields.get(name)
        if field is not None and field.type == field.TYPE_STRING and getattr(body, name):
            parts.append(getattr(body, name))
    return _ESCAPED.sub(r"\1", " ".join(parts)).strip()


def _machine_timezone() -> str:
    """The IANA name a browser on this machine would report (Intl...timeZone)."""
    with contextlib.suppress(OSError):
        return Path("/etc/timezone").read_text(encoding="utf-8").strip() or "UTC"
    with contextlib.suppress(OSError, IndexError):
        return str(Path("/etc/localtime").resolve()).split("zoneinfo/", 1)[1]
    return "UTC"


class Session:
    """One Streamlit session of an untouched page (see the module docstring)."""

    def __init__(
        self,
        base_url: str,
        query: str = "",
        page: str = "",
        *,
        locale: str = "de-DE",
        timezone: str | None = None,
        open_timeout: float = 30,
    ) -> None:
        parts = urlsplit(base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        base_path = parts.path.rstrip("/")
        self.ws_url = f"{scheme}://{parts.netloc}{base_path}{STREAM_PATH}"
        self.query = query.lstrip("?")
        self.page = page.strip("/")
        self.open_timeout = open_timeout
        page_url = f"{parts.scheme}://{parts.netloc}{base_path}/{self.page}".rstrip("/")
        offset = -time.localtime().tm_gmtoff // 60  # as Date.getTimezoneOffset()
        self._context = ContextInfo(
            timezone=timezone or _machine_timezone(),
            timezone_offset=offset,
            locale=locale,
            url=page_url,
            is_embedded=False,
            color_scheme="light",
        )
        self.session_id = ""
        self.page_script_hash = ""
        self.run_id = ""
        self.runs_finished = 0
        self.script_running = False
        self.messages = 0
        self.auto_reruns_sent = 0
        self.problems: list[str] = []  # page not found, cache misses, session events
        self.seen: dict[str, float] = {}  # watched text -> time.time() it first showed
        self._watched: set[str] = set()
        self._root = self._empty_root("")
        self._cache: dict[str, _CacheEntry] = {}
        self._cache_runs = 0
        self._max_cache_age = 2
        self._timers: dict[str, tuple[asyncio.Task, float]] = {}
        self._waiters: list[tuple[Callable[[], float | None], asyncio.Future]] = []
        self._ws = None
        self._reader: asyncio.Task | None = None
        self.closed: str | None = None

    # connection ---------------------------------------------------------------------------
    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *_exc) -> None:
        await self.close()

    async def connect(self) -> None:
        """Open the websocket and ask for the first run, as the frontend does on connect."""
        self._ws = await websockets.connect(
            self.ws_url,
            subprotocols=SUBPROTOCOLS,
            open_timeout=self.open_timeout,
            ping_interval=None,  # browsers do not ping; the server's pings are answered
            max_size=None,
            max_queue=None,
        )
        self._reader = asyncio.create_task(self._read(), name=f"streamlit-read-{id(self)}")
        await self.rerun()

    async def close(self) -> None:
        for fragment_id in list(self._timers):
            self._stop_timer(fragment_id)
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        self._closed("closed by the client")

    async def rerun(self, fragment_id: str = "", *, auto: bool = False) -> None:
        """Send a rerun_script BackMsg (the whole page, or one fragment's timer tick)."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_script_hash
        if not self.page_script_hash:
            state.page_name = self.page
        state.widget_states.SetInParent()
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.cached_message_hashes.extend(self._cache)
        state.context_info.CopyFrom(self._context)
        await self._ws.send(message.SerializeToString())

    # reading ------------------------------------------------------------------------------
    async def _read(self) -> None:
        reason = "the server closed the websocket"
        try:
            async for raw in self._ws:
                if isinstance(raw, bytes):
                    self._handle(raw, time.time())
        except websockets.ConnectionClosed as closed:
            reason = f"websocket closed: {closed}"
        except Exception as error:  # a bug here must end the session visibly, not hang it
            reason = f"client error: {type(error).__name__}: {error}"
            self.problems.append(reason)
        finally:
            for fragment_id in list(self._timers):
                self._stop_timer(fragment_id)
            self._closed(reason)

    def _closed(self, reason: str) -> None:
        if self.closed is None:
            self.closed = reason
        for _check, future in self._waiters:
            if not future.done():
                future.set_exception(SessionClosed(self.closed))
        self._waiters.clear()

    def _handle(self, raw: bytes, now: float) -> None:
        self.messages += 1
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "ref_hash":
            entry = self._cache.get(message.ref_hash)
            if entry is None:
                self.problems.append(f"cached ForwardMsg missing: {message.ref_hash}")
                return
            entry.run_count = self._cache_runs
            cached = ForwardMsg()
            cached.ParseFromString(entry.raw)
            cached.metadata.CopyFrom(message.metadata)
            message, kind = cached, cached.WhichOneof("type")
        elif message.metadata.cacheable and message.hash:
            entry = self._cache.get(message.hash)
            if entry is None:
                fragment = message.delta.fragment_id if kind == "delta" else ""
                self._cache[message.hash] = _CacheEntry(raw, self._cache_runs, fragment)
            else:
                entry.run_count = self._cache_runs
        changed = False
        if kind == "delta":
            changed = self._apply_delta(message, now)
        elif kind == "new_session":
            changed = self._new_session(message)
        elif kind == "script_finished":
            changed = self._script_finished(message)
        elif kind == "auto_rerun":
            self._start_timer(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment_id in message.stop_auto_rerun.fragment_ids:
                self._stop_timer(fragment_id)
        elif kind == "session_status_changed":
            self.script_running = message.session_status_changed.script_is_running
        elif kind == "navigation":
            self.page_script_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string
        elif kind == "page_not_found":
            self.problems.append(f"page not found: {message.page_not_found.page_name!r}")
        elif kind == "session_event":
            self.problems.append(f"session event: {message.session_event.WhichOneof('type')}")
        if changed:
            self._check_waiters()

    def _new_session(self, message) -> bool:
        new = message.new_session
        if new.HasField("initialize"):
            self.session_id = new.initialize.session_id or self.session_id
        self._max_cache_age = new.config.max_cached_message_age or self._max_cache_age
        run = message.metadata.run
        self.run_id = run.script_run_id
        if run.fragment_ids:
            return False
        for fragment_id in list(self._timers):
            self._stop_timer(fragment_id)
        changed = False
        if self.page_script_hash and new.page_script_hash != self.page_script_hash:
            self._root = self._empty_root(self.run_id)  # another page: its elements go
            changed = True
        self.page_script_hash = new.page_script_hash
        return changed

    def _script_finished(self, message) -> bool:
        status = message.script_finished
        run = message.metadata.run
        changed = False
        if status in FINISHED_OK and message.metadata.HasField("run"):
            fragment_ids = list(run.fragment_ids)
            if fragment_ids or run.script_run_id == self.run_id:
                self._clear_stale(run.script_run_id, set(fragment_ids))
                changed = True
        if status != FINISHED_EARLY_FOR_RERUN and message.metadata.HasField("run"):
            self._age_cache(set(run.fragment_ids))
        self.runs_finished += 1
        return changed

    # the page tree ------------------------------------------------------------------------
    @staticmethod
    def _empty_root(run_id: str) -> _Node:
        root = _Node(run_id, block_type="root")
        root.children = [_Node(run_id, block_type="vertical") for _ in range(ROOT_CONTAINERS)]
        return root

    def _apply_delta(self, message, now: float) -> bool:
        delta = message.delta
        path = list(message.metadata.delta_path)
        if not path:
            return False
        kind = delta.WhichOneof("type")
        if kind == "new_element":
            node = _Node(self.run_id, delta.fragment_id)
            node.text = element_text(delta.new_element)
        elif kind == "new_transient":
            node = _Node(self.run_id, delta.fragment_id)
            texts = (element_text(e) for e in delta.new_transient.elements)
            node.text = " ".join(t for t in texts if t)
        elif kind == "add_block":
            block_type = delta.add_block.WhichOneof("type") or "vertical"
            node = _Node(self.run_id, delta.fragment_id, block_type=block_type)
            old = self._node_at(path)
            if old is not None and old.block_type == block_type:
                node.children = old.children  # the frontend keeps a same-type block's content
        else:
            return False
        old = self._node_at(path)
        if old is not None and not old.is_block and not node.is_block and old.text == node.text:
            node.since = old.since
        else:
            node.since = now
        self._set(path, node)
        if node.text and node.text in self._watched and node.text not in self.seen:
            self.seen[node.text] = now
        return True

    def _node_at(self, path: list[int]) -> _Node | None:
        node = self._root
        for index in path:
            if not node.is_block or index >= len(node.children):
                return None
            node = node.children[index]
        return node

    def _set(self, path: list[int], node: _Node) -> None:
        parent = self._root
        parent.run_id = self.run_id
        for index in path[:-1]:
            while len(parent.children) <= index:
                parent.children.append(_Node(self.run_id, block_type="vertical"))
            child = parent.children[index]
            if not child.is_block:  # the frontend would refuse; keep going as a block
                child = parent.children[index] = _Node(self.run_id, block_type="vertical")
            child.run_id = self.run_id  # setting a node stamps its ancestors with the run
            parent = child
        index = path[-1]
        while len(parent.children) < index:
            parent.children.append(_Node(self.run_id, block_type="vertical"))
        if index == len(parent.children):
            parent.children.append(node)
        else:
            parent.children[index] = node

    def _clear_stale(self, run_id: str, fragment_ids: set[str]) -> None:
        fragment_run = bool(fragment_ids)

        def keep_element(node: _Node, in_fragment: bool) -> bool:
            if node.run_id == run_id:
                return True
            return fragment_run and (not node.fragment_id or not in_fragment)

        def keep_block(node: _Node, in_fragment: bool) -> bool:
            if fragment_run:
                if in_fragment and node.run_id != run_id:
                    return False
                if node.fragment_id in fragment_ids and node.run_id == run_id:
                    in_fragment = True
            elif node.run_id != run_id:
                return False
            node.children = [
                c
                for c in node.children
                if (keep_block(c, in_fragment) if c.is_block else keep_element(c, in_fragment))
            ]
            return True

        root = self._root
        for index, container in enumerate(root.children):
            if not keep_block(container, False):
                root.children[index] = _Node(run_id, block_type="vertical")

    def texts(self) -> list[str]:
        """The texts of the elements on the page now, top to bottom (main area first)."""
        found: list[str] = []

        def walk(node: _Node) -> None:
            if node.is_block:
                for child in node.children:
                    walk(child)
            elif node.text:
                found.append(node.text)

        walk(self._root)
        return found

    def text(self) -> str:
        return "\n".join(self.texts())

    def _since(self, text: str, exact: bool) -> float | None:
        """When `text` showed on the page (the earliest element now showing it), or None."""
        best: float | None = None
        stack = [self._root]
        while stack:
            node = stack.pop()
            if node.is_block:
                stack.extend(node.children)
            elif node.text == text or (not exact and text in node.text):
                best = node.since if best is None else min(best, node.since)
        return best

    # waiting ------------------------------------------------------------------------------
    def watch(self, *texts: str) -> None:
        """From now on note the first moment (time.time(), when the message arrived) an
        element reads exactly one of `texts`; read it from `seen` or with wait_seen."""
        for text in texts:
            self._watched.add(text)
            if text not in self.seen:
                moment = self._since(text, exact=True)
                if moment is not None:
                    self.seen[text] = moment

    async def wait_for_text(self, text: str, timeout: float, *, exact: bool = False) -> float:
        """Wait until an element shows `text` (exact: is it; else contains it); returns the
        time.time() it first showed there. TimeoutError names what the page showed."""
        return await self._wait(lambda: self._since(text, exact), timeout, text)

    async def wait_seen(self, text: str, timeout: float) -> float:
        """Wait until watched text `text` has shown once (it may have gone again)."""
        self.watch(text)
        return await self._wait(lambda: self.seen.get(text), timeout, text)

    async def _wait(self, check: Callable[[], float | None], timeout: float, text: str):
        found = check()
        if found is not None:
            return found
        if self.closed is not None:
            raise SessionClosed(self.closed)
        future = asyncio.get_running_loop().create_future()
        waiter = (check, future)
        self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            shown = " | ".join(self.texts())[:200]
            raise TimeoutError(
                f"{text!r} not shown within {timeout:.0f} s (page shows: {shown!r})"
            ) from None
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(waiter)

    def _check_waiters(self) -> None:
        for check, future in list(self._waiters):
            if future.done():
                continue
            found = check()
            if found is not None:
                future.set_result(found)

    # fragment timers and the message cache ---------------------------------------------------
    def _start_timer(self, fragment_id: str, interval: float) -> None:
        if not fragment_id:
            return
        running = self._timers.get(fragment_id)
        if running is not None and running[1] == interval:
            return
        self._stop_timer(fragment_id)
        task = asyncio.create_task(self._tick(fragment_id, interval))
        self._timers[fragment_id] = (task, interval)

    def _stop_timer(self, fragment_id: str) -> None:
        running = self._timers.pop(fragment_id, None)
        if running is not None:
            running[0].cancel()

    async def _tick(self, fragment_id: str, interval: float) -> None:
        """setInterval(() => rerun(fragmentId, isAutoRerun=true), interval)."""
        loop = asyncio.get_running_loop()
        due = loop.time() + interval
        while self.closed is None:
            await asyncio.sleep(max(0.0, due - loop.time()))
            due += interval
            if due < loop.time():  # a late timer does not fire the missed ticks
                due = loop.time() + interval
            try:
                await self.rerun(fragment_id, auto=True)
            except websockets.ConnectionClosed:
                return
            self.auto_reruns_sent += 1

    def _age_cache(self, fragment_ids: set[str]) -> None:
        self._cache_runs += 1
        for key, entry in list(self._cache.items()):
            if fragment_ids and entry.fragment_id not in fragment_ids:
                continue
            if self._cache_runs - entry.run_count > self._max_cache_age:
                del self._cache[key]
