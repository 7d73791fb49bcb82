"""Ingest benchmark: Kela's national kuntaosuus file imported end to end, against a floor of pandas alone.

Generates the 2006–2024 file of ``bench/generate.py`` (Kela's shape: one row per
age group × gender × day class of a municipality and period, about 2.1 million
rows; the same bytes as ``bench/data/kela_kuntaosuus_2006_2024.csv`` with the
defaults), or reads one (``--csv``), then in the same run times

- the import: ``data_loaders.imports.import_file(content, "kela.csv",
  user="bench", url=url)`` into a fresh migrated database (parse, validate,
  write one version in one transaction), and
- the floor: ``pandas.read_csv`` of the same bytes, then ``DataFrame.to_sql``
  of its rows into a plain table of its own (``if_exists="replace"``,
  ``method=None``, ``chunksize`` 50 000, one transaction) in the same kind of
  fresh migrated database: the least a Python importer of the file must spend
  to read it and store its rows,

each ``--repeat`` times (median), alternating, floor first. The database is a
new SQLite file under a temporary folder per step, or ``--database-url`` (a
PostgreSQL database: its ``public`` schema is dropped and created again
before each step; ``postgresql://`` means the psycopg 3 driver, e.g. from
``scripts/with-postgres.sh``).

Every step runs in a child process of its own (this script with ``--step``),
so each memory figure is that step's alone: ``ru_maxrss`` of the child (its
interpreter with pandas and SQLAlchemy loaded, about 150 MiB, and the file's
bytes included), and the tracemalloc peak (Python allocations during the step)
of one extra traced run of each after the timed ones, not timed
(``--no-trace`` skips them). The file is handed over on disk; reading it into
memory and migrating the database are not timed. Prints the figures and as its last line
``ratio: X.XX`` (import / floor).

``--keep PATH`` keeps the last timed import's SQLite database at ``PATH``
(``bench/latency.py --database sqlite:///PATH`` then skips importing the same
file again, by its SHA-256, and adds the sample and the other national files).
On PostgreSQL the last import stays in the database anyway (the schema is
reset before each step, not after).

    .venv/bin/python bench/ingest_kela.py --municipalities 10             # quick check
    .venv/bin/python bench/ingest_kela.py [--repeat 1] [--keep bench/data/kela.sqlite3]   # national, minutes
    scripts/with-postgres.sh sh -c '.venv/bin/python bench/ingest_kela.py --database-url "$DATABASE_URL"'
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILE_NAME = "kela_kuntaosuus_2006_2024.csv"
FLOOR_TABLE = "kela_floor"
FLOOR_CHUNK_ROWS = 50_000


def kela_file(municipalities: int | None, seed: int) -> tuple[bytes, str]:
    """The 2006–2024 Kela file of ``bench/generate.py`` for the first ``municipalities`` (default all 309).

    The merged and the ended municipalities and 199 come with any selection. The same calls in the same
    order as ``generate.py``'s, so the defaults give the same bytes as its file.
    """
    import generate  # bench/generate.py, beside this file

    places = generate.municipalities()
    if municipalities is not None:
        places = places.head(municipalities)
    rng = np.random.default_rng(seed)
    everyone, old_months, _, cents = generate.kela_levels(places, generate.LAST_MONTH, rng)
    described = f"generated: {len(places)} municipalities, {len(everyone) - len(places)} merged or ended, and 199"
    return generate.old_kela_csv(everyone, old_months, cents, rng).encode(), described


def first_rows(content: bytes, rows: int) -> bytes:
    """The header and the first ``rows`` data rows (the generator writes no line breaks inside cells)."""
    end = -1
    for _ in range(rows + 1):
        end = content.find(b"\n", end + 1)
        if end < 0:
            return content
    return content[: end + 1]


def database_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` as the psycopg 3 driver the project uses."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def fresh_database(url: str) -> None:
    """An empty, migrated database: PostgreSQL's ``public`` schema dropped and created again first."""
    from sqlalchemy import text

    from db.engine import engine, migrate

    if not url.startswith("sqlite"):
        with engine(url).begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate(url)


def run_import(content: bytes, url: str) -> dict:
    from data_loaders.imports import import_file

    start = time.perf_counter()
    result = import_file(content, "kela.csv", user="bench", url=url)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "status": result.status,
        "rows_read": result.rows_read,
        "rows_imported": result.rows_imported,
        "rows_rejected": result.rows_rejected,
        "messages": [message.text("en") for message in result.messages[:8]],
    }


def run_floor(content: bytes, url: str) -> dict:
    import pandas as pd

    from db.engine import engine

    start = time.perf_counter()
    frame = pd.read_csv(io.BytesIO(content))
    read = time.perf_counter() - start
    with engine(url).begin() as connection:
        frame.to_sql(FLOOR_TABLE, connection, if_exists="replace", index=False, method=None, chunksize=FLOOR_CHUNK_ROWS)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "read_seconds": read, "write_seconds": seconds - read, "rows": len(frame)}


def child(step: str, path: Path, url: str, trace: bool) -> None:
    """One step in this process (``--step``): prints its figures as one JSON line."""
    content = path.read_bytes()
    fresh_database(url)
    if trace:
        tracemalloc.start()
    figures = (run_import if step == "import" else run_floor)(content, url)
    if trace:
        figures["traced_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    figures["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    from db.engine import dispose_engines

    dispose_engines()  # close SQLite cleanly: its write-ahead log back in the file
    print(json.dumps(figures))


def step(name: str, path: Path, url: str, trace: bool = False) -> dict:
    """``name`` ("import" or "floor") in a child process of its own; its figures."""
    command = [sys.executable, __file__, "--step", name, "--file", str(path), "--database-url", url]
    done = subprocess.run(command + (["--trace"] if trace else []), capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        return {"status": "failed", "messages": [f"exit {done.returncode}: {done.stderr[-4000:]}"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def sqlite_file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def remove_sqlite(url: str) -> None:
    if url.startswith("sqlite:///"):
        for path in sqlite_file(url).parent.glob(sqlite_file(url).name + "*"):  # with -wal and -shm
            path.unlink()


def mib(size: float) -> str:
    return f"{size / 2**20:,.0f} MiB".replace(",", " ")


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, help="a Kela kuntaosuus CSV to use instead of generating one")
    parser.add_argument("--municipalities", type=int, help="generate for the first N municipalities only")
    parser.add_argument("--rows", type=int, help="only the first N data rows of the file")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs of each (median; default 1)")
    parser.add_argument("--database-url", help="a PostgreSQL database (default: SQLite files in a temporary folder)")
    parser.add_argument("--keep", type=Path, help="keep the last timed import's SQLite database at this path")
    parser.add_argument("--no-trace", action="store_true", help="skip the traced runs (tracemalloc peaks)")
    parser.add_argument("--seed", type=int, default=2026, help="the generator's seed (generate.py's default)")
    parser.add_argument("--step", choices=("import", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    return parser


def bench_file(options: argparse.Namespace) -> bytes:
    """The Kela file to import: the one given, or a generated one, cut to ``--rows``; says what it is."""
    start = time.perf_counter()
    if options.csv:
        content, described = options.csv.read_bytes(), f"from {options.csv}"
    else:
        content, described = kela_file(options.municipalities, options.seed)
    if options.rows is not None:
        content = first_rows(content, options.rows)
    rows = content.count(b"\n") - 1
    ready = time.perf_counter() - start
    print(f"file: {described}; {rows:,} rows, {len(content) / 1e6:.1f} MB, ready in {ready:.1f} s")
    return content


def timed(options: argparse.Namespace, folder: Path, name: str, trace: bool = False, keep: bool = False) -> dict:
    """One step in its own process on a fresh database; ``keep`` moves its SQLite file to ``--keep``."""
    url = database_url(options.database_url) if options.database_url else f"sqlite:///{folder / f'{name}.sqlite3'}"
    figures = step(name, folder / FILE_NAME, url, trace)
    if keep and options.keep:
        options.keep.parent.mkdir(parents=True, exist_ok=True)
        remove_sqlite(f"sqlite:///{options.keep}")
        for part in sqlite_file(url).parent.glob(sqlite_file(url).name + "*"):  # -wal, -shm if any
            shutil.move(part, str(options.keep) + part.name.removeprefix(sqlite_file(url).name))
    remove_sqlite(url)
    return figures


def timed_runs(options: argparse.Namespace, folder: Path) -> tuple[list[dict], list[dict], dict]:
    """Floor and import runs, alternating, ``--repeat`` times each; then one traced run of each unless told not to."""
    floors, imports = [], []
    for run in range(options.repeat):
        floors.append(timed(options, folder, "floor"))
        print(f"run {run + 1}: floor {floors[-1].get('seconds', float('nan')):.2f} s", flush=True)
        imports.append(timed(options, folder, "import", keep=run == options.repeat - 1))
        print(f"run {run + 1}: import {imports[-1].get('seconds', float('nan')):.2f} s", flush=True)
        if imports[-1]["status"] != "imported":
            floor = floors[-1]
            print(f"floor: {floor['seconds']:.2f} s (read {floor['read_seconds']:.2f} s, {floor['rows']:,} rows)")
            raise SystemExit(f"import {imports[-1]['status']}: " + "\n".join(imports[-1]["messages"]))
    traced = (
        {} if options.no_trace else {name: timed(options, folder, name, trace=True) for name in ("floor", "import")}
    )
    return floors, imports, traced


def report(options: argparse.Namespace, postgres: bool, floors: list[dict], imports: list[dict], traced: dict) -> None:
    result = imports[-1]
    imported = statistics.median(run["seconds"] for run in imports)
    floor = statistics.median(run["seconds"] for run in floors)
    read = statistics.median(run["read_seconds"] for run in floors)
    write = statistics.median(run["write_seconds"] for run in floors)
    kind = "postgresql" if postgres else "sqlite (a new file per step)"
    print(f"database: {kind}")
    print(
        f"import: rows read {result['rows_read']:,}, imported {result['rows_imported']:,}, "
        f"rejected {result['rows_rejected']:,}"
    )
    print(
        f"import end to end (median of {options.repeat}): {imported:.2f} s  "
        f"{[round(run['seconds'], 2) for run in imports]}"
    )
    print(
        f"floor, pandas.read_csv + DataFrame.to_sql (median of {options.repeat}): {floor:.2f} s  "
        f"{[round(run['seconds'], 2) for run in floors]}  (read {read:.2f} s, write {write:.2f} s, "
        f"{floors[-1]['rows']:,} rows)"
    )
    for name, runs in (("import", imports), ("floor", floors)):
        peak = f"tracemalloc {mib(traced[name]['traced_peak'])}, " if traced else ""
        print(f"peak memory of one {name} (its own process): {peak}ru_maxrss {mib(max(r['maxrss'] for r in runs))}")
    if options.keep:
        print(f"kept: sqlite:///{options.keep.resolve()}")
    print(f"ratio: {imported / floor:.2f}")


def main() -> None:
    parser = arguments()
    options = parser.parse_args()
    if options.step:
        child(options.step, options.file, options.database_url, options.trace)
        return
    postgres = options.database_url is not None and not options.database_url.startswith("sqlite")
    if options.keep and postgres:
        parser.error("--keep is for SQLite: on PostgreSQL the last import stays in the database")
    content = bench_file(options)
    with tempfile.TemporaryDirectory(prefix="mittari-bench-kela-") as folder:
        (Path(folder) / FILE_NAME).write_bytes(content)
        del content
        floors, imports, traced = timed_runs(options, Path(folder))
    report(options, postgres, floors, imports, traced)


if __name__ == "__main__":
    main()
