"""Headline figures, as ``mittari figures --json`` and the Overview page show them."""

from __future__ import annotations

import pandas as pd

from models.amounts import cents_to_euros
from models.budget import toimintakate


def toimintakate_euros(lines: pd.DataFrame) -> list[dict[str, object]]:
    """Toimintatuotot, toimintakulut and toimintakate per year and scenario, in euros.

    >>> toimintakate_euros(pd.DataFrame())
    []
    """
    return [
        {
            "year": int(row["year"]),
            "scenario": row["scenario"],
            "toimintatuotot": cents_to_euros(row["toimintatuotot"]),
            "toimintakulut": cents_to_euros(row["toimintakulut"]),
            "toimintakate": cents_to_euros(row["toimintakate"]),
        }
        for _, row in toimintakate(lines).iterrows()
    ]


def budget_figures(lines: pd.DataFrame) -> list[dict[str, object]]:
    """``toimintakate_euros`` for each programme and budget, each row naming them.

    >>> budget_figures(pd.DataFrame(columns=["programme", "budget"]))
    []
    """
    if lines.empty:
        return []
    return [
        {"programme": programme, "budget": budget, **figure}
        for (programme, budget), group in lines.groupby(["programme", "budget"], sort=False)
        for figure in toimintakate_euros(group)
    ]
