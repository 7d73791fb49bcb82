"""audit log sealed: no INSERT over an existing event (SQLite), no TRUNCATE (PostgreSQL)

0003 refused UPDATE and DELETE. Two ways round that remained:

- SQLite: ``INSERT OR REPLACE`` (``REPLACE INTO``) with an existing id deletes
  the old row to make room, and that deletion fires no DELETE trigger (unless
  recursive triggers are on, a per-connection pragma another client need not
  set). A BEFORE INSERT trigger now refuses any insert whose id is taken, so
  the conflict is never reached. An id the database picks itself reads as -1
  in a BEFORE INSERT trigger: only explicit ids (0 and up) are looked up.
- PostgreSQL: ``TRUNCATE`` fires no row trigger. A statement-level TRUNCATE
  trigger now calls the same refusing function as 0003's. (The table's owner
  could still drop the triggers: the README's production section gives the
  running app a role of its own without UPDATE, DELETE and TRUNCATE here.)

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SEAL_SQLITE = """CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event
   WHEN NEW.id >= 0 AND EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id)
   BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"""
SEAL_POSTGRESQL = """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
   FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"""


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.execute(SEAL_POSTGRESQL if _postgresql() else SEAL_SQLITE)


def downgrade() -> None:
    if _postgresql():
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_replace")
