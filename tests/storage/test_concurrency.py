"""Many writers on one database at once: nobody sees "database is locked", no write is lost,
and a writer that saved over somebody else's newer list gets StaleListError instead.

The list test runs 8 threads (one store, like Streamlit sessions) and 4 processes (a store
each, like app servers) against one SQLite file (and against PostgreSQL when it is there)."""

from __future__ import annotations

import multiprocessing
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

from matching.lists.roster import next_free_id
from matching.model import Event, Participant, Sector
from matching.storage.store import open_store
from tests.storage import workers

THREADS = 8
PROCESSES = 4
ITERATIONS = 8  # per writer: 96 list saves of 300 people and 96 walk-ins in all


def forkserver():
    """Children forked from a clean, single-threaded server that has the storage imported."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.storage.workers"])
    return context


def test_threads_and_processes_lose_no_write(url):
    store = open_store(url)
    lists = store.create_event(Event("Listen"))
    start = store.replace_participants(lists, workers.people("setup"))
    walk_ins = store.create_event(Event("Nachmeldungen"))
    walk_start = store.replace_participants(walk_ins, workers.people("setup"))

    context = forkserver()
    barrier = context.Barrier(THREADS + PROCESSES + 1)
    results = context.Queue()
    processes = [
        context.Process(
            target=workers.process_writer,
            args=(url, lists, walk_ins, f"proc{k}", ITERATIONS, barrier, results),
        )
        for k in range(PROCESSES)
    ]
    for process in processes:
        process.start()

    # A reader all along: never a half-written list, never a version going back.
    stop, seen, torn = threading.Event(), [], []

    def read() -> None:
        while not stop.is_set():
            version = store.list_version(lists)
            listed = store.list_participants(lists)
            tags = {p.organisation for p in listed}
            if len(listed) != workers.LIST_SIZE or len(tags) != 1:
                torn.append((len(listed), sorted(tags)[:3]))
            seen.append(version)

    def thread_writer(k: int) -> dict:
        barrier.wait(timeout=120)
        return workers.list_writer(store, lists, walk_ins, f"thread{k}", ITERATIONS)

    reader = threading.Thread(target=read)
    reader.start()
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(thread_writer, k) for k in range(THREADS)]
        barrier.wait(timeout=120)
        outcomes = [f.result() for f in futures]
    for _ in processes:
        try:
            outcomes.append(results.get(timeout=300))
        except queue.Empty:  # pragma: no cover - a process died without a word
            outcomes.append({"name": "?", "errors": ["a writer process gave no result"]})
    for process in processes:
        process.join(timeout=60)
    stop.set()
    reader.join()

    # 0 errors: no "database is locked", no IntegrityError, nothing.
    errors = [e for o in outcomes for e in o["errors"]]
    assert errors == [], errors[0]
    assert len(outcomes) == THREADS + PROCESSES

    # 0 lost writes: every acknowledged save got its own version, and together they are every
    # version from the setup's to the last one; a save with a version was based on the list
    # right before it; a stale save was refused because the list had moved on.
    acks = [a for o in outcomes for a in o["acks"]]
    stale = [s for o in outcomes for s in o["stale"]]
    assert len(acks) + len(stale) == (THREADS + PROCESSES) * ITERATIONS
    final = store.list_version(lists)
    assert sorted(a["version"] for a in acks) == list(range(start + 1, final + 1))
    assert all(a["version"] == a["expected"] + 1 for a in acks if a["expected"] is not None)
    assert all(s["actual"] > s["expected"] for s in stale)
    for outcome in outcomes:  # each writer's own saves: versions strictly increase
        mine = [a["version"] for a in outcome["acks"]]
        assert mine == sorted(set(mine))
    last = max(acks, key=lambda a: a["version"])
    stored = store.list_participants(lists)
    assert [p.organisation for p in stored] == [last["tag"]] * workers.LIST_SIZE
    assert not torn, torn[:3]
    assert seen == sorted(seen)

    # Walk-ins: every acknowledged one is on the list, each with an id of its own.
    added = [w for o in outcomes for w in o["walk_ins"]]
    assert len(added) == (THREADS + PROCESSES) * ITERATIONS
    on_list = {p.id: p.name for p in store.list_participants(walk_ins)}
    assert len({w["id"] for w in added}) == len(added)
    assert all(on_list.get(w["id"]) == w["name"] for w in added)
    assert len(on_list) == workers.LIST_SIZE + len(added)
    assert store.list_version(walk_ins) == walk_start + len(added)
    store.dispose()


def test_simultaneous_walk_ins_never_collide(url):
    """Ten organisers add a walk-in in the same instant, five times over: 50 of 50 saved, each
    with its own id (the id is chosen inside the write transaction)."""
    store = open_store(url)
    event_id = store.create_event(Event("Nachmeldungen"))
    store.replace_participants(event_id, workers.people("setup", 20))
    barrier = threading.Barrier(10)

    def one(k: int) -> Participant:
        barrier.wait(timeout=60)
        return store.add_walk_in(
            event_id,
            lambda used: Participant(next_free_id(used), f"Neu {k}", "Spontan", Sector.OTHER),
        )

    made = []
    for _ in range(5):
        with ThreadPoolExecutor(10) as pool:
            made += list(pool.map(one, range(10)))
    ids = [p.id for p in made]
    assert len(set(ids)) == 50
    assert len(store.list_participants(event_id)) == 70
    assert {p.id for p in store.list_participants(event_id)} >= set(ids)
    store.dispose()
