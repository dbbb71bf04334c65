"""Command-line twins of the app's event actions (event contract, "Command line"):

    python -m matching events                      # id, title, date, people, plan versions
    python -m matching retention --days N [--dry-run]
                                                   # delete events older than N days
    python -m matching hash-password               # a PAARWEISE_PASSWORD_HASH for the team

They read the database the app uses (DATABASE_URL, default data/paarweise.db).
Exit status: 0 done, 2 bad input (message, nothing written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_event_commands(sub) -> None:
    p = sub.add_parser(
        "events",
        help="list the events in the app's database",
        description="One line per event: id, date, title, people, plan versions.",
    )
    p.set_defaults(handler=_cmd_events)

    p = sub.add_parser(
        "retention",
        help="delete events older than N days (with all personal data)",
        description="Delete every event whose date (or, without a date, last change) is more "
        "than N days ago, with its people, plans and check-ins; the database file keeps no "
        "trace (secure delete). --dry-run only lists them.",
    )
    p.add_argument("--days", type=int, required=True, metavar="N", help="keep the last N days")
    p.add_argument("--dry-run", action="store_true", help="list, delete nothing")
    p.set_defaults(handler=_cmd_retention)

    p = sub.add_parser(
        "hash-password",
        help="print an argon2 hash of the team password (for PAARWEISE_PASSWORD_HASH)",
        description="Reads the password without showing it (or from standard input when it is "
        "not a terminal) and prints its argon2 hash.",
    )
    p.set_defaults(handler=_cmd_hash_password)


def _store():
    from matching.storage.store import open_store

    return open_store()


def _cmd_events(_args: argparse.Namespace) -> int:
    store = _store()
    try:
        for summary in store.list_events():
            versions = len(store.list_plans(summary.id))
            event = summary.event
            print(
                f"{summary.id}\t{event.date or '-'}\t{event.title}\t"
                f"{summary.participant_count} people\t{versions} plan versions"
            )
    finally:
        store.dispose()
    return EXIT_OK


def old_events(summaries, days: int, today: dt.date) -> list:
    """The events `delete_events_older_than` would delete (for --dry-run)."""
    limit = today - dt.timedelta(days=days)
    out = []
    for summary in summaries:
        try:
            day = dt.date.fromisoformat(summary.event.date) if summary.event.date else None
        except ValueError:
            day = None
        if (day or summary.updated_at.date()) < limit:
            out.append(summary)
    return out


def _cmd_retention(args: argparse.Namespace) -> int:
    if args.days < 0:
        print("--days must be 0 or more.", file=sys.stderr)
        return EXIT_BAD_INPUT
    store = _store()
    try:
        if args.dry_run:
            for summary in old_events(store.list_events(), args.days, dt.date.today()):
                print(
                    f"would delete {summary.id}\t{summary.event.date or '-'}\t{summary.event.title}"
                )
            return EXIT_OK
        deleted = store.delete_events_older_than(args.days)
    finally:
        store.dispose()
    print(f"deleted {len(deleted)} event(s): {', '.join(map(str, deleted)) or '-'}")
    return EXIT_OK


def _cmd_hash_password(_args: argparse.Namespace) -> int:
    from matching.access.login import PasswordError, hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Team password: ")
        if getpass.getpass("Again: ") != password:
            print("The two entries differ; nothing printed.", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        print(hash_password(password))
    except PasswordError:
        print("An empty password cannot be used.", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
