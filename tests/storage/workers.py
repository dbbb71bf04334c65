"""Writers for the concurrency and crash tests, importable by child processes (forkserver).

Not a test module: test_concurrency.py and test_crash.py start these in threads and processes.
"""

from __future__ import annotations

import time
import traceback

from matching.lists.roster import next_free_id
from matching.model import Participant, Sector
from matching.storage.store import StaleListError, Store, open_store

LIST_SIZE = 300


def people(tag: str, n: int = LIST_SIZE) -> list[Participant]:
    """A list of n people whose organisation names the write that stored it."""
    return [
        Participant(f"p{i:03d}", f"Person {i}", tag, Sector.SELF_HELP_ORG, email=f"{i}@x.test")
        for i in range(1, n + 1)
    ]


def walk_in(tag: str):
    def make(used: set[str]) -> Participant:
        return Participant(next_free_id(used), f"Walk-in {tag}", "Spontan e.V.", Sector.OTHER)

    return make


def list_writer(store: Store, lists: int, walk_ins: int, name: str, iterations: int) -> dict:
    """Replace the list of event `lists` `iterations` times (every fourth without a version,
    the others with the version just read) and add one walk-in to event `walk_ins` each
    time. Every acknowledged write, every StaleListError and every other error is reported."""
    out: dict = {"name": name, "acks": [], "stale": [], "walk_ins": [], "errors": []}
    for i in range(iterations):
        tag = f"{name}-{i}"
        try:
            if i % 4 == 3:
                version = store.replace_participants(lists, people(tag))
                out["acks"].append({"tag": tag, "version": version, "expected": None})
            else:
                expected = store.list_version(lists)
                try:
                    version = store.replace_participants(
                        lists, people(tag), expected_version=expected
                    )
                    out["acks"].append({"tag": tag, "version": version, "expected": expected})
                except StaleListError as stale:
                    out["stale"].append(
                        {"tag": tag, "expected": stale.expected, "actual": stale.actual}
                    )
            person = store.add_walk_in(walk_ins, walk_in(tag))
            out["walk_ins"].append({"tag": tag, "id": person.id, "name": person.name})
        except Exception:  # every error counts: the test expects none
            out["errors"].append(traceback.format_exc())
    return out


def process_writer(url, lists, walk_ins, name, iterations, barrier, results) -> None:
    """One app server's worth of writing: its own store (engine, pool) on the same file."""
    try:
        store = open_store(url)
        barrier.wait(timeout=120)
        results.put(list_writer(store, lists, walk_ins, name, iterations))
        store.dispose()
    except Exception:
        results.put({"name": name, "errors": [traceback.format_exc()]})


def crash_child(url, event_id, start, ready, acked) -> None:
    """Save lists without end, reporting each acknowledged save in shared memory (`acked`
    holds the number of the last list that replace_participants returned for); the test kills
    this process with SIGKILL at a random moment."""
    store = open_store(url)
    ready.value = 1
    i = start
    while True:
        store.replace_participants(event_id, people(f"crash-{i}"))
        acked.value = i
        i += 1
        if i > start + 10_000:  # pragma: no cover - never reached: the test kills it first
            time.sleep(60)
