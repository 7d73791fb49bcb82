"""Risk registers and programme plans from ``plans.json`` (sample data and the same shape from users).

Amounts are euros written as text (``"800000"``, Finnish forms welcome) and
become integer cents; dates are ISO; quarters ``YYYYQn``. Each record keeps
its ``source``: what a seed document gives and what is invented.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from db import plans
from db.engine import transaction
from models.amounts import parse_amount, to_cents
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


def plan_records(plan: dict) -> dict[str, object]:
    """One programme's part of ``plans.json`` as the records ``db.plans.save_plan`` takes."""
    return {
        "risks": risk_records(plan["risks"]),
        "indicator_links": dict(plan["indicator_links"]),
        "measures": [
            {
                "name": m["name"],
                "description": m.get("description"),
                "owner": m.get("owner"),
                "cap_cents": cents(m.get("cap")),
                "cap_note": m.get("cap_note"),
                "budget": m.get("budget"),
                "budget_line": m.get("budget_line"),
                "source": m.get("source"),
                "spend": [
                    {"quarter": quarter_text(q), "spent_cents": cents(amount), "source": "invented"}
                    for q, amount in m.get("spend", [])
                ],
            }
            for m in plan["measures"]
        ],
        "staff": [
            {
                "staff_group": s["group"],
                "title": s["title"],
                "count": int(s["count"]),
                "fixed_term_end": dt.date.fromisoformat(s["fixed_term_end"]) if s.get("fixed_term_end") else None,
                "note": s.get("note"),
                "source": s.get("source"),
            }
            for s in plan["staff"]
        ],
        "strategy_metrics": [
            {
                "perspective": m["perspective"],
                "name": m["name"],
                "unit": m.get("unit"),
                "target": parse_amount(m.get("target")),
                "value": parse_amount(m.get("value")),
                "higher_is_better": bool(m.get("higher_is_better", True)),
                "source": m.get("source"),
            }
            for m in plan["strategy_metrics"]
        ],
        "scenarios": [
            {
                "code": s["code"],
                "name": s["name"],
                "description": s.get("description"),
                "staff_low": parse_amount(s.get("staff_low")),
                "staff_high": parse_amount(s.get("staff_high")),
                "cost_cents": cents(s.get("cost")),
                "realistic": bool(s.get("realistic", True)),
                "source": s.get("source"),
            }
            for s in plan["scenarios"]
        ],
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
