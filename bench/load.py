"""A bounded load test on loopback: many users at once, each opening pages, with the national data loaded.

The app runs as in production (``mittari serve --workers 2``: gunicorn, 4
threads per worker) over ``--database``. Each simulated user logs in (before
the clock starts), then until the time is up: opens a page, i.e. calls that
page's main callback with one of its realistic inputs (``bench/national.py``),
and reads it for a moment (``--think`` seconds, uniformly 0.5–1.5 × it). Loopback
only, and bounded: at most 200 users and 10 minutes.

Prints requests, errors (any answer but 200, any exception), throughput, p50,
p95 and p99 and, last, ``p95_ms: N``.

    .venv/bin/python bench/load.py [--users 50] [--seconds 120] [--think 1.0] [--database URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from latency import percentile  # noqa: E402
from national import DEFAULT_DATABASE, Client, main_callbacks, prepare, serving  # noqa: E402

MAX_USERS = 200
MAX_SECONDS = 600


class Run:
    """What the users share: the barrier where they wait for each other, the deadline, the results."""

    def __init__(self, users: int, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = float("inf")
        self.started = 0.0
        self.results: list[tuple[float, bool]] = []  # (seconds, ok) per request; list.append is thread-safe
        self.everyone_in = threading.Barrier(users + 1, action=self.start_clock)

    def start_clock(self) -> None:
        self.started = time.monotonic()
        self.deadline = self.started + self.seconds


def user(base: str, payloads: list[dict], think_s: float, seed: int, run: Run) -> None:
    """One user's session: logs in, waits for everyone, then opens pages until the deadline."""
    chooser = random.Random(seed)
    client = Client(base, timeout_s=30)
    try:
        client.log_in()
    except BaseException:
        run.everyone_in.abort()
        raise
    run.everyone_in.wait()
    while time.monotonic() < run.deadline:
        payload = chooser.choice(payloads)
        try:
            status, seconds, _ = client.call(payload)
            run.results.append((seconds, status == 200))
        except Exception:  # noqa: BLE001 - any failure counts as an error
            run.results.append((float("nan"), False))
        time.sleep(think_s * chooser.uniform(0.5, 1.5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a user reads a page")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    if not 0 < options.users <= MAX_USERS or not 0 < options.seconds <= MAX_SECONDS:
        raise SystemExit(f"bounded: 1–{MAX_USERS} users, at most {MAX_SECONDS} s")
    prepare(options.database)
    calls = main_callbacks(options.database)
    run = Run(options.users, options.seconds)
    with serving(options.database, options.workers) as base:
        if not base.startswith("http://127.0.0.1:"):
            raise SystemExit("loopback only")
        probe = Client(base)
        probe.log_in()
        dependencies = probe.dependencies()
        payloads = [call.payload(dependencies) for call in calls]
        threads = [
            threading.Thread(target=user, args=(base, payloads, options.think, seed, run), daemon=True)
            for seed in range(options.users)
        ]
        for thread in threads:
            thread.start()
        run.everyone_in.wait(timeout=300)  # the clock starts when every user has logged in
        for thread in threads:
            thread.join(timeout=options.seconds + 60)
        elapsed = time.monotonic() - run.started
    times = [seconds * 1000 for seconds, ok in run.results if ok]
    errors = sum(not ok for _, ok in run.results)
    print(f"users: {options.users}, seconds: {elapsed:.0f}, think: {options.think} s, workers: {options.workers}")
    print(f"requests: {len(run.results)}, errors: {errors}, throughput: {len(run.results) / elapsed:.1f} requests/s")
    print(f"p50 ms: {statistics.median(times):.1f}, p99 ms: {percentile(times, 0.99):.1f}")
    print(f"p95_ms: {percentile(times, 0.95):.0f}")


if __name__ == "__main__":
    main()
