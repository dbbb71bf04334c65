"""Alembic environment: run by matching.storage.store.migrate() with a live connection, or by the
`alembic` command with -x url=... (e.g. `alembic upgrade head`)."""

from alembic import context
from sqlalchemy import create_engine

from matching.storage.schema import Base

config = context.config
connection = config.attributes.get("connection")


def run(conn) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        render_as_batch=conn.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:  # pragma: no cover - command-line use
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    with create_engine(url).connect() as conn:
        run(conn)
