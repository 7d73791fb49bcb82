"""The sample data: the seed programmes, their budgets, the municipality register and benefit statistics."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from data_loaders.cell_amounts import parse_amount
from data_loaders.imports import ImportResult, import_file
from data_loaders.plans import load_plans
from db import queries, store
from db.engine import transaction
from models.amounts import to_cents

# Synthetic statistics of the sample (generate_benefits.py): the pages say so wherever they are shown.
SYNTHETIC_STATISTICS = (
    "kela_kuntaosuus_synteettinen_2016_2020.csv",
    "statfin_12r5_synteettinen_2016_2020.json",
    "statfin_12u4_synteettinen_2016_2020.json",
)
BENEFIT_TARGETS = "benefit_targets.csv"


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
        new = store.save_municipalities(session, rows)
        store.save_municipality_register(session, _csv_rows(folder / "municipality_register.csv", _register_row))
        store.save_mergers(session, _csv_rows(folder / "municipality_mergers.csv", _merger_row))
    return new


def _csv_rows(path: Path, convert) -> list[dict[str, object]]:  # noqa: ANN001 - a row converter
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [convert(row) for row in csv.DictReader(handle)]


def _register_row(row: dict[str, str]) -> dict[str, object]:
    """Region (maakunta) and employment area 2025 of a municipality."""
    return {
        "code": row["code"],
        "region_code": row["region_code"] or None,
        "region_name": row["region_name"] or None,
        "employment_area": row["employment_area_2025"] or None,
    }


def _merger_row(row: dict[str, str]) -> dict[str, object]:
    return {
        "old_code": row["old_code"],
        "old_name": row["old_name"],
        "new_code": row["new_code"],
        "merged_on": dt.date.fromisoformat(row["merged_on"]),
    }


def _benefit_target_row(row: dict[str, str]) -> dict[str, object]:
    """A row of ``benefit_targets.csv`` as ``BenefitTarget`` fields (empty cells: none)."""
    target_eur = parse_amount(row["target_value_eur"])
    return {
        "position": int(row["position"]),
        "name": row["name"],
        "name_en": row["name_en"] or None,
        "indicator": row["indicator"] or None,
        "area": row["area"] or None,
        "baseline_year": int(row["baseline_year"]) if row["baseline_year"] else None,
        "baseline": row["baseline"] or None,
        "target": row["target"] or None,
        "target_change_pct": Decimal(row["target_change_pct"]) if row["target_change_pct"] else None,
        "target_value_cents": to_cents(target_eur) if target_eur is not None else None,
        "target_date": _date(row["target_date"]),
        "owner": row["owner"] or None,
        "manual_status": row["manual_status"] or None,
        "status_note": row["status_note"] or None,
        "source": row["source"] or None,
    }


def load_benefit_targets(folder: Path, url: str | None = None) -> int:
    """The benefit register of each programme from ``benefit_targets.csv``; returns how many targets."""
    rows = [(row["programme"], _benefit_target_row(row)) for row in _csv_rows(folder / BENEFIT_TARGETS, dict)]
    with transaction(url) as session:
        for slug in dict.fromkeys(slug for slug, _ in rows):
            programme = store.programme_by_slug(session, slug)
            store.save_benefit_targets(session, programme, [target for owner, target in rows if owner == slug])
    return len(rows)


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
    """Load everything in ``folder``; running it again changes nothing.

    After the budgets: the synthetic benefit statistics (Kela kuntaosuus,
    StatFin 12r5 and 12u4) and the benefit register.
    """
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
    for name in SYNTHETIC_STATISTICS:
        if (folder / name).exists():
            results.append(import_file((folder / name).read_bytes(), name, user=user, url=url))
    if (folder / BENEFIT_TARGETS).exists():
        load_benefit_targets(folder, url)
    load_plans(folder, url)
    return results


def is_loaded(url: str | None = None) -> bool:
    return not queries.programmes(url).empty
