"""Alembic environment: kmdesk runs migrations in-process on a connection it hands over.

:mod:`kmdesk.db.migrate` passes the connection in ``config.attributes["connection"]``; there is
no ``alembic.ini`` and no URL, so that a catalogue is only ever migrated by kmdesk itself.
"""

from __future__ import annotations

from alembic import context

from kmdesk.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("kmdesk migrations run through kmdesk.db.migrate, not the alembic command")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only alter tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
