"""The members' monthly kuntaosuus on today's boundaries: kept after the last import, or computed from Kela's rows.

Every page that adds up a programme's kuntaosuus (the Overview, Benefits, the
quarterly pack) reads it here. After each statistics import the months of every
municipality are kept (``data_loaders.comparison``) with the stamp of what they
are of (``models.savings.kuntaosuus_stamp``); while that stamp is current they
are read as they are (a few hundred narrow rows), else added up from Kela's area
totals as before (``models.savings.kuntaosuus_totals``). Both give the same frame.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from db import queries
from db.freshness import CODE_VERSION
from models.savings import BASELINE_REGIME, MONTH_TOTAL, kuntaosuus_stamp, kuntaosuus_totals, with_predecessors


def kuntaosuus_months(
    codes: Iterable[str], url: str | None = None, mergers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``municipality, month, kuntaosuus_cents`` of these municipalities (today's codes), months with a known total.

    ``mergers``: the register's mergers when the caller has read them already.
    """
    codes = sorted({str(code) for code in codes})
    mergers = queries.municipality_mergers(url) if mergers is None else mergers
    stamp = kuntaosuus_stamp(queries.statistics_imports(url), mergers, CODE_VERSION)
    kept = queries.kept_kuntaosuus(codes, stamp, url)
    if kept is not None:
        return kept
    rows = queries.kela_area_totals(BASELINE_REGIME, url, areas=with_predecessors(codes, mergers), **MONTH_TOTAL)
    return kuntaosuus_totals(rows, mergers)
