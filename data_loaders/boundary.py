"""The one boundary between an import and its user: no traceback ever reaches them.

``data_loaders.imports.import_file`` runs inside ``reported``, so both the
command line (``mittari import``) and the upload page get, for any error
nobody foresaw, a message in the user's language that names the file, says
that nothing was changed and quotes an incident id; the traceback goes to
the log (``mittari.import``) under that id. A child process that ran out of
memory or time (``data_loaders.sandbox``) gets its own message, naming the
limit. A usage error (``UsageError``: which programme?) passes through to
the caller, which asks the user.

The log is the server's standard error unless a handler is installed (the
command line writes it to a file: ``log_to_file``).
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from data_loaders import limits, sandbox
from data_loaders.messages import ERROR, WARNING, Message

LOG = logging.getLogger("mittari.import")
REJECTED = "rejected"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class UsageError(Exception):
    """A mistake in how an import was asked for, not in the file: the caller asks the user again."""


class Outcome(Protocol):
    """What the boundary reports into (``data_loaders.imports.ImportResult``)."""

    status: str
    file_name: str
    version: int | None
    messages: list[Message]


@contextmanager
def reported(result: Outcome) -> Iterator[None]:
    """Any error inside becomes a message on ``result`` (rejected, unless the file was already written)."""
    try:
        yield
    except UsageError:
        raise
    except sandbox.ParseFailed as failed:
        _ensure_handler()
        LOG.warning("reading %s stopped: %s", result.file_name, failed)
        _reject(result, reader_message(failed, result.file_name))
    except Exception as error:  # noqa: BLE001 - the boundary: whatever it is, the user gets a message
        incident = log_incident(f"import of {result.file_name}", error)
        if result.status == REJECTED:
            _reject(result, Message(ERROR, "msg.unexpected_error", {"file": result.file_name, "incident": incident}))
        else:  # the version was written; what failed came after it
            fields = {"file": result.file_name, "version": result.version, "incident": incident}
            result.messages.append(Message(WARNING, "msg.unexpected_after_write", fields))


@contextmanager
def noted(result: Outcome, key: str) -> Iterator[None]:
    """A step after the import (the audit record) whose failure is told as a warning ``key`` with its incident id."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - the import stands; the user hears what did not happen
        incident = log_incident(f"{key} after the import of {result.file_name}", error)
        result.messages.append(Message(WARNING, key, {"file": result.file_name, "incident": incident}))


def reader_message(failed: sandbox.ParseFailed, file_name: str) -> Message:
    """The user's message when the child reading ``file_name`` was stopped, naming the limit it hit."""
    chosen = limits.current()
    if failed.reason == "time":
        return Message(ERROR, "msg.reader_timeout", {"file": file_name, "seconds": f"{chosen.seconds:g}"})
    return Message(ERROR, "msg.reader_stopped", {"file": file_name, "memory": chosen.memory_mb})


def log_incident(what: str, error: BaseException) -> str:
    """Log ``error`` with its traceback under a new short id, and return the id (the user's message quotes it)."""
    incident = uuid.uuid4().hex[:8]
    _ensure_handler()
    LOG.error("[%s] %s failed: %s", incident, what, error, exc_info=error)
    return incident


def log_to_file(path: Path) -> None:
    """Write the import log to ``path`` (the command line: its user's terminal is no place for tracebacks)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if any(getattr(handler, "baseFilename", None) == str(path.resolve()) for handler in LOG.handlers):
        return
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    LOG.addHandler(handler)
    LOG.propagate = False
    sandbox.log_children_to(path)


def _ensure_handler() -> None:
    """Without any logging set up, the server's standard error is the log."""
    if not LOG.hasHandlers():
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        LOG.addHandler(handler)


def _reject(result: Outcome, message: Message) -> None:
    result.status = REJECTED
    result.version = None
    result.messages.append(message)
