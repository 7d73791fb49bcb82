"""Latency of each page's main callback over HTTP, with the national data loaded.

The app runs as in production (``mittari serve --workers 2``: gunicorn) over
``--database`` (default a SQLite file under ``bench/data``, filled by
``bench/national.py`` on first use). One logged-in client calls each page's
main callback (the request a browser sends when the page opens) for both seed
programmes, ``--repeat`` times each, one call at a time.

The first call of each (page, inputs) finds the cache empty for the current
data (``first``); the repeats after it are what a second user opening the same
view gets. Prints p50 and p95 per page over the repeats, the first calls, and
last ``p95_ms: N``: the worst page's p95.

    .venv/bin/python bench/latency.py [--database URL] [--repeat 20] [--workers 2]
    scripts/with-postgres.sh sh -c '.venv/bin/python bench/latency.py --database "$DATABASE_URL"'
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national import DEFAULT_DATABASE, Call, Client, main_callbacks, prepare, serving  # noqa: E402


def comparison_calls() -> list[Call]:
    """The Comparison page's two callbacks for both seed programmes against the regional centres (the register's
    larger group, id 2), in the year each programme's target falls in (Tampere's 2018, Kuopio's 2020): the main
    figure (one axis per indicator, the group's figures) and, after it, the sentence and the table with the
    national ranks (every one of the 309 municipalities' figures)."""
    from dashboards import ids

    calls = []
    for slug, year in (("tampere-seutu", "2018"), ("kuopio", "2020")):
        values = {
            ids.COMPARISON_PROGRAMME: slug,
            ids.COMPARISON_GROUP: "2",
            ids.COMPARISON_YEAR: year,
            ids.COMPARISON_MONTH: "0",
            ids.COMPARISON_LANG: "fi",
        }
        calls.append(Call("comparison", f"{ids.COMPARISON_STRIPS}.figure", values, f"{slug} {year}"))
        view = {"programme": slug, "group": 2, "year": int(year), "month": 0, "baseline_year": 2016}
        ranks = {ids.COMPARISON_VIEW: view, ids.COMPARISON_PROGRAMME: slug, ids.COMPARISON_LANG: "fi"}
        calls.append(Call("comparison_ranks", f"{ids.COMPARISON_GRID}.rowData", ranks, f"{slug} {year}"))
    return calls


def keep_comparison_figures(url: str, keep: bool) -> None:
    """The comparison figures as the last import leaves them (a database imported before they were kept has none),
    or none at all (``keep=False``: the page computes every municipality's figures from the stored rows)."""
    from sqlalchemy import delete

    from data_loaders.comparison import refresh_comparison_figures
    from db.engine import engine
    from db.tables import ComparisonFigure

    if keep:
        refresh_comparison_figures(url)
        return
    with engine(url).begin() as connection:
        connection.execute(delete(ComparisonFigure))


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` fall (nearest rank).

    >>> percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95), percentile([4.0], 0.5)
    (10, 4.0)
    """
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-cache", action="store_true", help="serve with the cache off (MITTARI_CACHE=off)")
    parser.add_argument(
        "--comparison-computed", action="store_true", help="without the kept comparison figures (computed per view)"
    )
    options = parser.parse_args()
    prepare(options.database)
    keep_comparison_figures(options.database, not options.comparison_computed)
    calls = main_callbacks(options.database) + comparison_calls()
    environment = {"MITTARI_CACHE": "off"} if options.no_cache else {}
    with serving(options.database, options.workers, environment) as base:
        client = Client(base)
        client.log_in()
        dependencies = client.dependencies()
        first: dict[str, list[float]] = defaultdict(list)
        repeats: dict[str, list[float]] = defaultdict(list)
        sizes: dict[str, int] = {}
        for call in calls:
            payload = call.payload(dependencies)
            for attempt in range(options.repeat + 1):
                status, seconds, size = client.call(payload)
                if status != 200:
                    raise SystemExit(f"{call.page} {call.label}: HTTP {status}")
                (first if attempt == 0 else repeats)[call.page].append(seconds * 1000)
                sizes[call.page] = max(sizes.get(call.page, 0), size)
    worst = 0.0
    print(f"{'page':<14} {'calls':>5} {'p50 ms':>8} {'p95 ms':>8} {'first ms':>9} {'response':>9}")
    for page in repeats:
        p50, p95 = statistics.median(repeats[page]), percentile(repeats[page], 0.95)
        worst = max(worst, p95)
        print(
            f"{page:<14} {len(repeats[page]):>5} {p50:>8.1f} {p95:>8.1f} {max(first[page]):>9.1f}"
            f" {sizes[page] / 1024:>7.0f} kB"
        )
    print(f"database: {options.database.split(':', 1)[0]}, workers: {options.workers}, cache: {not options.no_cache}")
    print(f"p95_ms: {worst:.0f}")


if __name__ == "__main__":
    main()
