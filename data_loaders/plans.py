"""Risk registers and programme plans from ``plans.json`` (sample data and the same shape from users).

Amounts are euros written as text (``"800000"``, Finnish forms welcome) and
become integer cents; dates are ISO; quarters ``YYYYQn``. Each record keeps
its ``source``: what a seed document gives and what is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from data_loaders.cell_amounts import parse_amount
from db import plans
from db.engine import transaction
from models.amounts import to_cents
from models.quarters import parse_quarter
from models.risks import risk_score

ASSESSMENT_FIELDS = ("quarter", "inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")


def cents(text: object) -> int | None:
    """Euros as text (or a number) to integer cents; ``None`` for blank.

    >>> cents("800000"), cents("−1 790 000"), cents(None)
    (80000000, -179000000, None)
    """
    amount = parse_amount(text)
    return None if amount is None else to_cents(amount)


def quarter_text(text: str) -> str:
    return str(parse_quarter(text))


def risk_records(risks: list[dict]) -> list[dict]:
    """Risks with their assessments; the current scores are the latest assessment's."""
    records = []
    for risk in risks:
        assessments = []
        for row in risk["assessments"]:
            assessment = dict(zip(ASSESSMENT_FIELDS, row, strict=True))
            assessment["quarter"] = quarter_text(assessment["quarter"])
            risk_score(assessment["inherent_likelihood"], assessment["inherent_impact"])  # checks the scale
            risk_score(assessment["residual_likelihood"], assessment["residual_impact"])
            assessments.append({**assessment, "status": risk.get("status", "open")})
        latest = max(assessments, key=lambda a: parse_quarter(a["quarter"]))
        fields = ("code", "title", "cause", "consequence", "owner", "mitigations", "status", "source")
        record = {name: risk.get(name) for name in fields}
        record.update({name: latest[name] for name in ASSESSMENT_FIELDS[1:]})
        records.append({**record, "assessments": assessments})
    return records


def iso_date(text: str | None) -> dt.date | None:
    """An ISO date; ``None`` for blank.

    >>> iso_date("2026-06-30"), iso_date(None), iso_date("")
    (datetime.date(2026, 6, 30), None, None)
    """
    return dt.date.fromisoformat(text) if text else None


def _as_written(value: object) -> object:
    return value


# How a field's value is read (``read`` in plan_fields.csv), and what a missing key counts as.
READERS: dict[str, tuple[Callable[[Any], object], object]] = {
    "text": (_as_written, None),
    "whole": (int, None),
    "amount": (parse_amount, None),
    "cents": (cents, None),
    "date": (iso_date, None),
    "flag": (bool, True),  # yes unless written false
}


class Field(NamedTuple):
    """Where a record's field comes from in an entry of ``plans.json``: its ``key``, read by ``read``.

    A ``required`` key must be there (``KeyError`` when not).
    """

    key: str
    read: str = "text"
    required: bool = False

    def of(self, entry: dict) -> object:
        """The field's value in ``entry``.

        >>> Field("count", "whole", required=True).of({"count": "3"}), Field("note").of({})
        (3, None)
        >>> Field("realistic", "flag").of({}), Field("cost", "cents").of({"cost": "1,5"})
        (True, 150)
        """
        read, missing = READERS[self.read]
        return read(entry[self.key] if self.required else entry.get(self.key, missing))


@cache
def plan_fields() -> dict[str, dict[str, Field]]:
    """Each kind of record (``staff``): its fields, in order, from ``plan_fields.csv``."""
    fields: dict[str, dict[str, Field]] = {}
    with (Path(__file__).parent / "plan_fields.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            fields.setdefault(row["record"], {})[row["field"]] = Field(
                row["key"], row["read"], row["required"] == "yes"
            )
    return fields


def _records(plan: dict, kind: str) -> list[dict[str, object]]:
    """The entries of ``kind`` in a programme's plan as records: each field read from its key."""
    fields = plan_fields()[kind]
    return [{name: field.of(entry) for name, field in fields.items()} for entry in plan[kind]]


def _spend(measure: dict) -> list[dict[str, object]]:
    """A measure's spending by quarter (invented for the sample)."""
    return [
        {"quarter": quarter_text(q), "spent_cents": cents(amount), "source": "invented"}
        for q, amount in measure.get("spend", [])
    ]


def plan_records(plan: dict) -> dict[str, object]:
    """One programme's part of ``plans.json`` as the records ``db.plans.save_plan`` takes."""
    return {
        "risks": risk_records(plan["risks"]),
        "indicator_links": dict(plan["indicator_links"]),
        "measures": [
            {**record, "spend": _spend(measure)}
            for record, measure in zip(_records(plan, "measures"), plan["measures"], strict=True)
        ],
        "staff": _records(plan, "staff"),
        "strategy_metrics": _records(plan, "strategy_metrics"),
        "scenarios": _records(plan, "scenarios"),
        "interim_actuals": [
            {
                "budget": budget,
                "quarter": quarter_text(q),
                "toimintatuotot_cents": cents(income),
                "toimintakulut_cents": cents(costs),
                "source": plan.get("interim_source"),
            }
            for budget, rows in plan.get("interim_actuals", {}).items()
            for q, income, costs in rows
        ],
        "clients": [
            {"quarter": quarter_text(q), "clients": int(count), "source": plan.get("clients_source")}
            for q, count in plan.get("clients", [])
        ],
    }


def load_plans(folder: Path, url: str | None = None) -> list[str]:
    """Load ``plans.json`` for each programme that has no risk register yet; returns the slugs loaded.

    A programme whose register exists keeps it (users' edits are never
    overwritten by the sample), so running this again changes nothing.
    """
    path = folder / "plans.json"
    if not path.exists():
        return []
    programmes = json.loads(path.read_text(encoding="utf-8"))["programmes"]
    loaded = []
    with transaction(url) as session:
        for slug, plan in programmes.items():
            if plans.has_risk_register(session, slug):
                continue
            plans.save_plan(session, slug, plan_records(plan))
            loaded.append(slug)
    return loaded
