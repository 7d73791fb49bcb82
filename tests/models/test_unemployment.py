"""A programme's counts added up from its members' cells, and the jobseeker months the coverage notes read."""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.coverage import jobseeker_months
from models.unemployment import programme_counts


def test_programme_counts_add_up_a_month_only_when_every_member_has_it():
    observations = pd.DataFrame(
        {
            "area_code": ["KU837", "KU211", "KU837", "KU211", "KU837", "KU837", "KU211", "KU837", "SSS"],
            "indicator": ["TYOTTOMAT25"] * 4 + ["TYOTTOMAT25", "TYOTTOMAT50", "TYOTTOMAT50", "AKTASTE", "TYOTTOMAT25"],
            "month": pd.to_datetime(
                ["2016-01-01", "2016-01-01", "2016-02-01", "2016-02-01", "2016-03-01"] + ["2016-01-01"] * 4
            ),  # fmt: skip
            "value": [10.0, 5.0, 12.0, np.nan, 7.0, 3.0, 4.0, 25.0, 1000.0],
        }
    )
    counts = programme_counts(observations, ["KU837", "KU211"], "ohjelma")
    # TYOTTOMAT25: 1/2016 10 + 5 = 15; 2/2016 one member missing; 3/2016 one member without a cell.
    # TYOTTOMAT50: 1/2016 3 + 4 = 7. AKTASTE is a rate (not added up); SSS is not a member.
    assert counts["indicator"].tolist() == ["TYOTTOMAT25"] * 3 + ["TYOTTOMAT50"]
    assert counts["value"].tolist()[0] == 15.0 and counts["value"].isna().tolist() == [False, True, True, False]
    assert counts["value"].iloc[3] == 7.0 and set(counts["area_code"]) == {"ohjelma"}
    assert list(counts.columns) == ["area_code", "indicator", "month", "value"] and list(counts.index) == [0, 1, 2, 3]


def test_jobseeker_months_are_the_municipalities_cells_with_a_value():
    observations = pd.DataFrame(
        {
            "area_code": ["KU837", "KU837", "SSS", "MK06", "KU211", "KU211"],
            "indicator": ["TYOTTOMATLOPUSSA", "TYOTTOMAT25", "TYOTTOMATLOPUSSA", "TYOTTOMATLOPUSSA"]
            + ["TYOTTOMATLOPUSSA"] * 2,
            "month": pd.to_datetime(["2016-01-01"] * 5 + ["2018-01-01"]),
            "value": [10.0, 3.0, 100.0, 50.0, np.nan, 7.0],
        }
    )
    # the whole country, a region and another indicator are not municipalities' jobseekers; a missing value no month
    months = jobseeker_months(observations)
    assert months["municipality"].tolist() == ["837", "211"]
    assert months["month"].tolist() == [pd.Timestamp("2016-01-01"), pd.Timestamp("2018-01-01")]
