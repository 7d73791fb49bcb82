"""Alembic environment: migrations run on the connection the app hands over."""

from alembic import context

from db.engine import engine
from db.tables import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # the alembic command line: use the configured database
    with engine().begin() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
