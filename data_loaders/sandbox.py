"""Parsing untrusted files in a child process, under a memory and a time limit.

A reader that allocates without bound (python-calamine's dense grid of a
sheet whose cells lie far apart) or aborts (Rust ends the process with
SIGABRT when an allocation fails) takes only the child down: the caller gets
``ParseFailed`` and the server, or ``mittari``, goes on.

The child is a fresh interpreter started with ``subprocess`` (as
multiprocessing's 'spawn' would, never ``fork``: the server has threads), but
without multiprocessing, whose spawn and forkserver children import the
parent's ``__main__`` again (``app.py`` builds the whole Dash app when
imported). It imports the loaders once, says it is ready, then serves one
call at a time: ``(function, args, limits)`` in, ``(outcome, value, peak
memory)`` out, each a pickle framed by its length on the child's stdin and
stdout (anything the child prints goes to its stderr). Before each call it
sets its address space limit (``RLIMIT_AS``); the parent waits at most the
time limit for the answer and kills the child when it passes.

Children are reused: a call costs the pickling of its arguments and result,
not an interpreter. A child that died, timed out or grew past
``RETIRE_ABOVE_MB`` is replaced by a new one at the next call. At most
``CHILDREN`` run at a time in one process (a gunicorn worker, the
development server or ``mittari``); more callers wait their turn.

A large DataFrame comes back with its text columns as codes of their
distinct values (``pandas.factorize``): Kela's 2.1 million rows cross in
about 3 s instead of 11 s.
"""

from __future__ import annotations

import atexit
import io
import os
import pickle
import resource
import selectors
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from data_loaders import limits
from data_loaders.limits import MIB, ParseLimits

CHILDREN = 1
"""Children per process: a parse uses one core, and each child may take the memory limit."""
RETIRE_ABOVE_MB = 1024
"""A child whose peak resident memory passed this is replaced after its call: it never returns the memory."""
READY_TIMEOUT_S = 120.0
"""How long a new child may take to import the loaders (seconds; it takes about one on an idle machine)."""
PACK_ABOVE_ROWS = 10_000
_HEADER = struct.Struct(">Q")
_READY = b"ready"
_PROJECT = Path(__file__).resolve().parents[1]
_CHILD = "from data_loaders.sandbox import serve; serve()"
_Result = TypeVar("_Result")


class ParseFailed(Exception):
    """The child did not answer: it ran out of memory or crashed (``reason`` "stopped"), or out of time ("time")."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class ChildError(Exception):
    """The called function raised inside the child; the message is the child's traceback."""


def run(function: Callable[..., _Result], *args: object) -> _Result:
    """``function(*args)`` in a child process under the limits in force (``data_loaders.limits``); its result.

    ``function`` must be importable by name (a module-level function).
    Raises ``ParseFailed`` when the child dies or runs out of time, ``ChildError`` when the function raises.
    """
    return _pool().run(function, args, limits.current())


def warm_up() -> None:
    """Start a child now, so that the first file does not wait for its interpreter (returns at once)."""
    _pool().warm_up()


def log_children_to(path: Path | None) -> None:
    """Where children write their standard error (a reader's own abort message): ``path``, or ours when None."""
    _pool().stderr_path = path


# --- the parent's side ---------------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    outcome: str
    value: Any
    peak_mb: float


class _Child:
    """One child interpreter and its two pipes."""

    def __init__(self, stderr_path: Path | None) -> None:
        stderr = stderr_path.open("ab") if stderr_path is not None else None
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=_PROJECT,
            )
        finally:
            if stderr is not None:
                stderr.close()
        os.set_blocking(self.process.stdin.fileno(), False)  # a write never outlasts the deadline
        self.ready = False

    def call(self, request: bytes, seconds: float) -> _Answer:
        """Send one framed request and wait for the answer, at most ``seconds`` once the child is ready."""
        if not self.ready:
            if self._exchange(b"", READY_TIMEOUT_S) != _READY:
                raise ParseFailed("stopped", "the child did not start")
            self.ready = True
        answer = self._exchange(_HEADER.pack(len(request)) + request, seconds)
        outcome, value, peak_mb = pickle.loads(answer)
        return _Answer(outcome, value, peak_mb)

    def _exchange(self, outgoing: bytes, seconds: float) -> bytes:
        """Write ``outgoing`` and read one framed message, both before the deadline."""
        deadline = time.monotonic() + seconds
        pending, incoming, wanted = memoryview(outgoing), bytearray(), None
        with selectors.DefaultSelector() as selector:
            if pending:
                selector.register(self.process.stdin, selectors.EVENT_WRITE)
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while wanted is None or len(incoming) < wanted:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ParseFailed("time", f"no answer within {seconds:.0f} s")
                for key, _ in selector.select(remaining):
                    if key.fileobj is self.process.stdin:
                        pending = self._write(pending, selector)
                    else:
                        incoming += self._read()
                if wanted is None and len(incoming) >= _HEADER.size:
                    wanted = _HEADER.size + _HEADER.unpack_from(incoming)[0]
        return bytes(incoming[_HEADER.size :])

    def _write(self, pending: memoryview, selector: selectors.BaseSelector) -> memoryview:
        try:
            written = os.write(self.process.stdin.fileno(), pending[: 1 << 20])
        except BlockingIOError:
            return pending
        except BrokenPipeError:
            raise ParseFailed("stopped", self._ended()) from None
        pending = pending[written:]
        if not pending:
            selector.unregister(self.process.stdin)
        return pending

    def _read(self) -> bytes:
        block = os.read(self.process.stdout.fileno(), 1 << 20)
        if not block:
            raise ParseFailed("stopped", self._ended())
        return block

    def _ended(self) -> str:
        """How the child ended (it closed its pipes): its exit status or the signal that killed it."""
        try:
            status = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            return "closed its pipe"
        return f"signal {signal.Signals(-status).name}" if status < 0 else f"exit status {status}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """End the child, at work or not, and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()


class _Pool:
    """The children of this process: idle ones kept, at most ``CHILDREN`` at work."""

    def __init__(self) -> None:
        self.idle: list[_Child] = []
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(CHILDREN)
        self.busy = 0
        self.stderr_path: Path | None = None

    def run(self, function: Callable[..., object], args: tuple[object, ...], chosen: ParseLimits) -> Any:
        request = pickle.dumps((function, args, chosen), protocol=pickle.HIGHEST_PROTOCOL)
        with self.slots:
            child = self._take()
            try:
                answer = child.call(request, chosen.seconds)
            except BaseException:
                self._give_back(child, None)
                raise
            self._give_back(child, answer)
        if answer.outcome == "memory":
            raise ParseFailed("stopped", "MemoryError")
        if answer.outcome == "error":
            raise ChildError(answer.value)
        return answer.value

    def warm_up(self) -> None:
        with self.lock:
            if not self.idle and not self.busy:
                self.idle.append(_Child(self.stderr_path))

    def _take(self) -> _Child:
        """An idle child that is still alive (one may have been killed while idle), else a new one."""
        with self.lock:
            self.busy += 1
            while self.idle:
                child = self.idle.pop()
                if child.alive():
                    return child
                child.stop()
            return _Child(self.stderr_path)

    def _give_back(self, child: _Child, answer: _Answer | None) -> None:
        """Keep the child for the next call, unless it failed (``answer`` None), ran out of memory or grew large."""
        with self.lock:
            self.busy -= 1
            if answer is not None and answer.outcome != "memory" and answer.peak_mb <= RETIRE_ABOVE_MB:
                self.idle.append(child)
                return
        child.stop()

    def close(self) -> None:
        with self.lock:
            children, self.idle = self.idle, []
        for child in children:
            child.stop()


_pools: dict[int, _Pool] = {}


def _pool() -> _Pool:
    """This process's pool (a forked process starts its own: its parent's pipes are not its to use)."""
    pool = _pools.get(os.getpid())
    if pool is None:
        pool = _pools.setdefault(os.getpid(), _Pool())
    return pool


@atexit.register
def _close() -> None:
    pool = _pools.get(os.getpid())
    if pool is not None:
        pool.close()


# --- the child's side ----------------------------------------------------------------


def serve() -> None:
    """The child's loop: import the loaders, say ready, then answer calls until stdin ends."""
    requests, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, never into the answers
    import data_loaders.parsing  # noqa: F401 - the loaders, imported before the first call's clock starts

    _send(answers, _READY)
    while (request := _receive(requests)) is not None:
        function, args, chosen = pickle.loads(request)
        _send(answers, _answer(function, args, chosen))


def _answer(function: Callable[..., object], args: tuple[object, ...], chosen: ParseLimits) -> bytes:
    """The framed answer of one call: ("ok", result), ("memory", None) or ("error", traceback), and the peak."""
    limits.configure(chosen)
    _limit_memory(chosen.memory_mb)
    try:
        result: tuple[str, object] = ("ok", function(*args))
        return _dumps((*result, _peak_mb()))
    except MemoryError:
        result = ("memory", None)
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent, which logs it
        result = ("error", traceback.format_exc())
    return _dumps((*result, _peak_mb()))


def _limit_memory(megabytes: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = megabytes * MIB
    resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def _peak_mb() -> float:
    """The child's resident memory now (MiB), which a parse that grew it keeps: ``ru_maxrss`` would not do, since
    Linux carries the parent's high-water mark over into a new process, so every child of a large parent would look
    large and be retired after each call."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
        return resident_pages * resource.getpagesize() / MIB
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _send(stream: Any, payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def _receive(stream: Any) -> bytes | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    return stream.read(_HEADER.unpack(header)[0])


# --- DataFrames across the pipe --------------------------------------------------------


class _FramePickler(pickle.Pickler):
    """Pickles a large DataFrame's text columns as codes of their distinct values (``_pack``)."""

    def reducer_override(self, obj: object) -> object:
        if type(obj) is pd.DataFrame and len(obj) > PACK_ABOVE_ROWS:
            return _unpack, (_pack(obj),)
        return NotImplemented


def _dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    _FramePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _pack(frame: pd.DataFrame) -> dict[str, object]:
    """The frame's columns: text (object or str, without missing values in object columns) as codes, others whole."""
    columns = []
    for name in frame.columns:
        column = frame[name]
        codes, uniques = pd.factorize(column) if _is_text(column) else (None, None)
        if codes is None or (column.dtype == object and (codes < 0).any()):
            columns.append((name, column.reset_index(drop=True), None, None))
        else:
            columns.append((name, codes.astype(np.int32), np.asarray(uniques, dtype=object), column.dtype))
    return {"index": frame.index, "columns": columns}


def _unpack(packed: dict[str, object]) -> pd.DataFrame:
    """The frame ``_pack`` packed, with its dtypes."""
    data = {}
    for name, values, uniques, dtype in packed["columns"]:
        if uniques is None:
            data[name] = values
            continue
        restored = uniques.take(values) if len(uniques) else np.full(len(values), None, dtype=object)
        restored[values < 0] = None
        data[name] = pd.Series(restored, dtype=dtype)
    frame = pd.DataFrame(data)
    frame.index = packed["index"]
    return frame


def _is_text(column: pd.Series) -> bool:
    return column.dtype == object or isinstance(column.dtype, pd.StringDtype)
