"""Functions the tests run in the parsing child process (``data_loaders.sandbox.run`` calls them by name)."""

from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pandas as pd


def kela_shaped_frame(rows: int) -> pd.DataFrame:
    """A frame with the column kinds of Kela's records: text with missing values, dates, nullable counts, flags."""
    numbers = np.arange(rows)
    areas = pd.array(np.where(numbers % 7 == 0, None, (numbers % 310).astype(str)), dtype="str")
    return pd.DataFrame(
        {
            "area_code": areas,
            "sukupuoli": pd.array(np.array(["Mies", "Nainen", "Tuntematon"])[numbers % 3], dtype="str"),
            "month": [dt.date(2015 + int(n % 10), 1 + int(n % 12), 1) for n in numbers],
            "note": np.where(numbers % 5 == 0, None, "x").astype(object),
            "recipients": pd.array(np.where(numbers % 11 == 0, None, numbers), dtype="Int64"),
            "suppressed": numbers % 2 == 0,
            "source_row": numbers + 2,
        }
    )


def abort() -> None:
    """What Rust does when an allocation fails."""
    os.abort()


def pid() -> int:
    return os.getpid()
