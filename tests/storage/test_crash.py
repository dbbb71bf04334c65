"""A server killed (SIGKILL) in the middle of saving a list, 100 times over: the SQLite file
is never damaged and the last save that was acknowledged is always there."""

from __future__ import annotations

import ctypes
import multiprocessing
import random
import time

import pytest
from sqlalchemy import text

from matching.model import Event
from matching.storage.store import open_store
from tests.storage import workers

KILLS = 100


def _stored_number(store, event_id: int) -> int:
    tags = {p.organisation for p in store.list_participants(event_id)}
    assert len(tags) == 1, f"a list mixed from several saves: {sorted(tags)[:3]}"
    assert len(store.list_participants(event_id)) == workers.LIST_SIZE
    return int(tags.pop().rsplit("-", 1)[1])


@pytest.mark.slow
def test_kill_9_while_saving_never_damages_or_loses(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    store = open_store(url)
    event_id = store.create_event(Event("Absturz"))
    store.replace_participants(event_id, workers.people("crash-0"))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.storage.workers"])
    rng = random.Random(20261201)
    last, unfinished = 0, 0
    for _ in range(KILLS):
        ready = context.RawValue(ctypes.c_int, 0)
        acked = context.RawValue(ctypes.c_longlong, -1)
        child = context.Process(
            target=workers.crash_child, args=(url, event_id, last + 1, ready, acked)
        )
        child.start()
        deadline = time.monotonic() + 60
        while not ready.value and child.is_alive() and time.monotonic() < deadline:
            time.sleep(0.002)
        assert ready.value, f"the child did not start (exit code {child.exitcode})"
        time.sleep(rng.uniform(0.0, 0.25))
        child.kill()  # SIGKILL: no cleanup, no rollback, half-written pages on disk
        child.join(timeout=30)
        assert child.exitcode == -9
        acknowledged = max(last, acked.value)
        stored = _stored_number(store, event_id)
        # The last acknowledged save is there; at most the one in flight got further.
        assert acknowledged <= stored <= acknowledged + 1, (acknowledged, stored)
        unfinished += stored == acknowledged  # the kill hit a save before its commit
        last = stored
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    again = open_store(url)  # a restart after the last crash
    assert _stored_number(again, event_id) == last
    # The children really saved (on a quiet machine more than one list per life; a busy one
    # starts them slowly, so fewer).
    assert last > KILLS // 2
    assert unfinished > KILLS // 2  # most kills really hit a save in the middle
    again.dispose()
    store.dispose()
