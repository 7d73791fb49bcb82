"""Ingest benchmark: a 100 000-row general-ledger workbook imported end to end, against a bare read.

Builds a ledger extract shaped like Tampere's open budget data
(``bench/generate.py`` writes the sheet XML directly), or reads one it wrote
(``--workbook``), then in the same run times

- the import: ``data_loaders.imports.import_file`` into a fresh temporary
  SQLite database (read with python-calamine, classify by account ranges,
  validate, write one version in one transaction), and
- the baseline: ``pandas.read_excel(..., engine="calamine")`` of the same bytes,
  the least any Python importer of the file must spend,

each ``--repeat`` times (median), alternating. Prints the figures, the peak
memory of one import (tracemalloc, Python allocations) and of the process
(``ru_maxrss``), and as its last line ``ratio: X.XX`` (import / bare read).

    .venv/bin/python bench/ingest.py [--rows 100000] [--repeat 3]
    .venv/bin/python bench/ingest.py --workbook bench/data/paakirja_1000000.xlsx --repeat 1   # national scale
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import ledger_xlsx  # noqa: E402  (bench/generate.py, beside this file)

from data_loaders.imports import import_file  # noqa: E402
from db.engine import migrate  # noqa: E402


def ledger_workbook(rows: int, seed: int = 2019) -> bytes:
    """A ledger extract of ``rows`` booking rows (``bench/generate.py``): 300 units, 260 accounts, costs positive.

    One outturn cell in twenty is blank, so the import also pays for its check of formulas without values.
    """
    return ledger_xlsx(rows, np.random.default_rng(seed))


def time_import(content: bytes, folder: Path, run: int) -> tuple[float, object]:
    url = f"sqlite:///{folder / f'bench-{run}.sqlite3'}"
    migrate(url)
    start = time.perf_counter()
    result = import_file(content, "ledger.xlsx", budget="Bench", user="bench", url=url)
    return time.perf_counter() - start, result


def time_bare_read(content: bytes) -> float:
    start = time.perf_counter()
    pd.read_excel(io.BytesIO(content), engine="calamine")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workbook", type=Path, help="a ledger written by bench/generate.py, instead of building one")
    options = parser.parse_args()
    start = time.perf_counter()
    content = options.workbook.read_bytes() if options.workbook else ledger_workbook(options.rows)
    rows = "from " + options.workbook.name if options.workbook else f"{options.rows} rows"
    print(f"workbook: {rows}, {len(content) / 1e6:.1f} MB, ready in {time.perf_counter() - start:.1f} s")
    imports, reads = [], []
    with tempfile.TemporaryDirectory(prefix="mittari-bench-") as folder:
        for run in range(options.repeat):
            reads.append(time_bare_read(content))
            seconds, result = time_import(content, Path(folder), run)
            imports.append(seconds)
        if result.status != "imported":
            raise SystemExit(f"import {result.status}: {[m.text('en') for m in result.messages]}")
        tracemalloc.start()
        time_import(content, Path(folder), options.repeat)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    imported, read = statistics.median(imports), statistics.median(reads)
    print(
        f"import: rows read {result.rows_read}, imported {result.rows_imported}, "
        f"rejected {result.rows_rejected}, lines {len(result.lines)}"
    )
    for total in result.totals:
        print(f"  {total['year']} {total['scenario']}: toimintakate {total['toimintakate']:,.2f} €")
    print(f"import end to end (median of {options.repeat}): {imported:.2f} s  {[round(s, 2) for s in imports]}")
    print(f"bare read, pandas + calamine (median of {options.repeat}): {read:.2f} s  {[round(s, 2) for s in reads]}")
    print(f"peak memory of one import (tracemalloc): {peak / 2**20:.0f} MiB")
    print(
        f"peak memory of the process (ru_maxrss): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    print(f"ratio: {imported / read:.2f}")


if __name__ == "__main__":
    main()
