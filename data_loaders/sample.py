"""The sample data: the seed programmes, their budgets and the municipality register."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from data_loaders.imports import ImportResult, import_file
from db import queries, store
from db.engine import transaction


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_municipalities(folder: Path, url: str | None = None) -> int:
    with (folder / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            {
                "code": r["code"],
                "name_fi": r["name_fi"],
                "name_sv": r["name_sv"] or None,
                "population": int(r["population"]) if r["population"] else None,
            }
            for r in csv.DictReader(handle)
        ]
    with transaction(url) as session:
        return store.save_municipalities(session, rows)


def load_programmes(folder: Path, url: str | None = None) -> list[dict]:
    programmes = json.loads((folder / "programmes.json").read_text(encoding="utf-8"))["programmes"]
    with transaction(url) as session:
        for p in programmes:
            store.save_programme(
                session,
                slug=p["slug"],
                name=p["name"],
                baseline_year=int(p["baseline_year"]),
                savings_target_pct=Decimal(p["savings_target_pct"]),
                target_date=_date(p.get("target_date")),
                start_date=_date(p.get("start_date")),
                end_date=_date(p.get("end_date")),
                description=p.get("description"),
                members=[(m["code"], bool(m.get("assumption")), m.get("note")) for m in p["members"]],
            )
    return programmes


def load_sample(folder: Path, url: str | None = None, user: str = "sample") -> list[ImportResult]:
    """Load everything in ``folder``; running it again changes nothing."""
    load_municipalities(folder, url)
    results = []
    for programme in load_programmes(folder, url):
        for budget in programme["budgets"]:
            path = folder / budget["file"]
            results.append(
                import_file(
                    path.read_bytes(), path.name, programme=programme["slug"], budget=budget["name"], user=user, url=url
                )
            )
    return results


def is_loaded(url: str | None = None) -> bool:
    return not queries.programmes(url).empty
