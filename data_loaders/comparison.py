"""The Comparison page's figures of every municipality, and every municipality's monthly kuntaosuus, kept after
each statistics import.

Ranking a programme's municipalities among all of them needs every
municipality's indicators (``models.comparison``); computed from Kela's month
totals and StatFin's cells when the page opens, that is about a second at
national scale. After each import of Kela or StatFin figures they are computed
once for every year and month (``models.comparison.period_figures``) and kept
with the stamp of what they are of (``figures_stamp``: the latest statistics
import, the register, the mergers); the page reads them while it is current. The monthly kuntaosuus on today's
boundaries they start from is kept beside them (``reports.monthly_totals``: what
the Overview, Benefits and the pack add up), with a stamp of its own.
"""

from __future__ import annotations

import logging

import pandas as pd

from db import queries, store
from db.engine import engine
from db.freshness import CODE_VERSION
from models.comparison import (
    REGISTER_POPULATION_YEAR,
    STATFIN_INDICATORS,
    figures_stamp,
    period_figures,
    population_on_todays_boundaries,
    statfin_on_todays_boundaries,
)
from models.savings import BASELINE_REGIME, MONTH_TOTAL, kuntaosuus_stamp, kuntaosuus_totals, successors_of
from models.unemployment import own_table

LOG = logging.getLogger("mittari.import")


def refresh_after_import(url: str | None = None) -> None:
    """``refresh_comparison_figures`` after a committed import; a failure is logged, never the import's.

    Without current kept figures the page computes them from the stored rows, as before they were kept.
    """
    try:
        refresh_comparison_figures(url)
    except Exception:  # noqa: BLE001 - derived figures: the import is committed already
        LOG.exception("comparison figures not kept; the Comparison page computes them from the stored rows")


def refresh_comparison_figures(url: str | None = None) -> str:
    """Compute and keep every municipality's comparison figures of the stored rows; returns their stamp."""
    imports = queries.statistics_imports(url)  # first: figures of a later import are not labelled as this
    version = imports[0]
    mergers = queries.municipality_mergers(url)
    successors = successors_of(mergers)
    register = queries.municipality_register(url)
    register = register[~register["code"].isin(set(successors))]
    places = pd.DataFrame({"municipality": register["code"], "population": register["population"]})
    stamp = figures_stamp(version, places, mergers, CODE_VERSION)
    rows = queries.kela_area_totals(BASELINE_REGIME, url, **MONTH_TOTAL)
    monthly = kuntaosuus_totals(rows, mergers)  # every municipality's months on today's boundaries
    cells = queries.statfin_values(STATFIN_INDICATORS, None, url)
    figures = period_figures(
        monthly,
        statfin_on_todays_boundaries(own_table(cells), successors),
        population_on_todays_boundaries(queries.population_by_year(url), successors),
        places,
        REGISTER_POPULATION_YEAR,
    )
    with engine(url).begin() as connection:
        if queries.statistics_imports(connection=connection) != imports:
            return stamp  # another import committed meanwhile: its own refresh keeps the figures of its rows
        store.replace_comparison_figures(connection, figures, stamp)
        store.replace_kept_kuntaosuus(connection, monthly, kuntaosuus_stamp(imports, mergers, CODE_VERSION))
    return stamp
