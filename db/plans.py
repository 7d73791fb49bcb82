"""Risk registers, programme plans and the quarterly sign-off: writes and reads.

Writes take the caller's session (``db.engine.transaction``); reads return
DataFrames (or plain dicts) like ``db.queries``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.accounts import record_audit
from db.queries import _frame
from db.store import programme_by_slug
from db.tables import (
    Budget,
    ClientCount,
    InterimActual,
    Measure,
    MeasureSpend,
    PlanScenario,
    Programme,
    QuarterReport,
    Risk,
    RiskAssessment,
    RiskIndicatorLink,
    StaffPost,
    StrategyMetric,
)

RISK_FIELDS = (
    "title",
    "cause",
    "consequence",
    "owner",
    "inherent_likelihood",
    "inherent_impact",
    "residual_likelihood",
    "residual_impact",
    "mitigations",
    "status",
)
ASSESSED = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact", "status")


class UnknownProgramme(LookupError):
    """No programme has this slug."""


class QuarterSigned(Exception):
    """The quarter is signed off: its commentary and figures no longer change."""


def _programme(session: Session, slug: str) -> Programme:
    programme = programme_by_slug(session, slug)
    if programme is None:
        raise UnknownProgramme(slug)
    return programme


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- writes ---------------------------------------------------------------------


def has_risk_register(session: Session, slug: str) -> bool:
    programme = _programme(session, slug)
    return session.scalar(select(Risk.id).where(Risk.programme_id == programme.id).limit(1)) is not None


def save_plan(session: Session, slug: str, plan: Mapping[str, object]) -> None:
    """Replace a programme's risk register, plan, interim actuals and client counts with ``plan``.

    ``plan`` holds lists of plain records as ``data_loaders.plans`` prepares
    them (cents, dates, quarters as text). Quarter reports (commentary and
    sign-offs) are never touched.
    """
    programme = _programme(session, slug)
    _clear_plan(session, programme)
    risk_ids = {}
    for record in plan["risks"]:
        assessments = record["assessments"]
        risk = Risk(programme_id=programme.id, **{k: v for k, v in record.items() if k != "assessments"})
        session.add(risk)
        session.flush()
        risk_ids[risk.code] = risk.id
        session.add_all(RiskAssessment(risk_id=risk.id, **assessment) for assessment in assessments)
    session.add_all(
        RiskIndicatorLink(programme_id=programme.id, indicator=key, risk_id=risk_ids[code])
        for key, code in plan["indicator_links"].items()
    )
    for position, record in enumerate(plan["measures"], start=1):
        measure = Measure(
            programme_id=programme.id, position=position, **{k: v for k, v in record.items() if k != "spend"}
        )
        session.add(measure)
        session.flush()
        session.add_all(MeasureSpend(measure_id=measure.id, **spend) for spend in record["spend"])
    for table, key in ((StaffPost, "staff"), (StrategyMetric, "strategy_metrics")):
        session.add_all(
            table(programme_id=programme.id, position=position, **record)
            for position, record in enumerate(plan[key], start=1)
        )
    session.add_all(PlanScenario(programme_id=programme.id, **record) for record in plan["scenarios"])
    budgets = {b.name: b.id for b in session.scalars(select(Budget).where(Budget.programme_id == programme.id))}
    session.add_all(
        InterimActual(budget_id=budgets[record["budget"]], **{k: v for k, v in record.items() if k != "budget"})
        for record in plan["interim_actuals"]
        if record["budget"] in budgets
    )
    session.add_all(ClientCount(programme_id=programme.id, **record) for record in plan["clients"])
    session.flush()


def _clear_plan(session: Session, programme: Programme) -> None:
    risk_ids = select(Risk.id).where(Risk.programme_id == programme.id)
    measure_ids = select(Measure.id).where(Measure.programme_id == programme.id)
    budget_ids = select(Budget.id).where(Budget.programme_id == programme.id)
    session.execute(delete(RiskAssessment).where(RiskAssessment.risk_id.in_(risk_ids)))
    session.execute(delete(RiskIndicatorLink).where(RiskIndicatorLink.programme_id == programme.id))
    session.execute(delete(MeasureSpend).where(MeasureSpend.measure_id.in_(measure_ids)))
    session.execute(delete(InterimActual).where(InterimActual.budget_id.in_(budget_ids)))
    for table in (Risk, Measure, StaffPost, StrategyMetric, PlanScenario, ClientCount):
        session.execute(delete(table).where(table.programme_id == programme.id))


def save_risk(session: Session, slug: str, code: str, fields: Mapping[str, object], quarter: str, user: str) -> Risk:
    """Create or update the risk ``code``, record its assessment for ``quarter`` and the audit event "risk_edit"
    by ``user``, in the caller's session.

    ``fields`` carries the columns of ``RISK_FIELDS`` (scores already
    checked 1–5). The quarter's earlier assessment, if any, is replaced.
    """
    programme = _programme(session, slug)
    risk = session.scalar(select(Risk).where(Risk.programme_id == programme.id, Risk.code == code))
    if risk is None:
        risk = Risk(programme_id=programme.id, code=code, source=f"entered by {user}")
        session.add(risk)
    for name in RISK_FIELDS:
        if name in fields:
            setattr(risk, name, fields[name])
    risk.updated_by, risk.updated_at = user, _now()
    session.flush()
    assessment = session.scalar(
        select(RiskAssessment).where(RiskAssessment.risk_id == risk.id, RiskAssessment.quarter == quarter)
    )
    if assessment is None:
        assessment = RiskAssessment(risk_id=risk.id, quarter=quarter)
        session.add(assessment)
    for name in ASSESSED:
        setattr(assessment, name, getattr(risk, name))
    assessment.assessed_by, assessment.assessed_at = user, _now()
    session.flush()
    record_audit("risk_edit", user, {"programme": slug, "risk": code, "quarter": quarter, **fields}, session=session)
    return risk


def _quarter_report(session: Session, programme: Programme, quarter: str) -> QuarterReport:
    report = session.scalar(  # locked: a second sign-off waits for the first, then sees it signed
        select(QuarterReport)
        .where(QuarterReport.programme_id == programme.id, QuarterReport.quarter == quarter)
        .with_for_update()
    )
    if report is None:
        report = QuarterReport(programme_id=programme.id, quarter=quarter)
        session.add(report)
    if report.signed_at is not None:
        raise QuarterSigned(f"{programme.slug} {quarter}")
    return report


def save_commentary(session: Session, slug: str, quarter: str, text: str, user: str) -> None:
    """The director's commentary on a quarter, and the audit event "commentary" by ``user``, in the caller's
    session; ``QuarterSigned`` once the quarter is signed off."""
    report = _quarter_report(session, _programme(session, slug), quarter)
    report.commentary, report.commentary_by, report.commentary_at = text, user, _now()
    session.flush()
    record_audit("commentary", user, {"programme": slug, "quarter": quarter}, session=session)


def sign_quarter(
    session: Session, slug: str, quarter: str, figures_json: str, user: str, username: str | None = None
) -> dt.datetime:
    """Sign a quarter off with its figures frozen as ``figures_json``; ``QuarterSigned`` if already signed.

    ``user`` is the name kept as the signer; the audit event "sign_off" goes, in the caller's session, under
    ``username`` (the login name; default ``user``).
    """
    report = _quarter_report(session, _programme(session, slug), quarter)
    report.figures_json, report.signed_by, report.signed_at = figures_json, user, _now()
    session.flush()
    record_audit("sign_off", username or user, {"programme": slug, "quarter": quarter}, session=session)
    return report.signed_at


# --- reads ------------------------------------------------------------------------


def _in_programme(statement, owner, slug: str):  # noqa: ANN001, ANN202 - a Select, a mapped class; a Select
    """``statement``'s rows whose ``owner`` (a table with a ``programme_id``) belongs to programme ``slug``."""
    return statement.join(Programme, Programme.id == owner.programme_id).where(Programme.slug == slug)


def _of_programme(table, slug: str):  # noqa: ANN001, ANN202 - a mapped class; a Select
    return _in_programme(select(*table.__table__.c), table, slug)


def risks(slug: str, url: str | None = None) -> pd.DataFrame:
    """The programme's risk register in code order, with its current assessment."""
    return _frame(_of_programme(Risk, slug).order_by(Risk.code), url)


def risk_assessments(slug: str, url: str | None = None) -> pd.DataFrame:
    """Every assessment of the programme's risks: ``risk_id, code, quarter`` and the scores."""
    statement = select(RiskAssessment.__table__, Risk.code).join(Risk, Risk.id == RiskAssessment.risk_id)
    return _frame(_in_programme(statement, Risk, slug).order_by(Risk.code, RiskAssessment.quarter), url)


def indicator_links(slug: str, url: str | None = None) -> dict[str, str]:
    """Indicator key → the code of the register risk it speaks for."""
    statement = select(RiskIndicatorLink.indicator, Risk.code).join(Risk, Risk.id == RiskIndicatorLink.risk_id)
    frame = _frame(_in_programme(statement, RiskIndicatorLink, slug), url)
    return dict(zip(frame["indicator"], frame["code"], strict=True))


def measures(slug: str, url: str | None = None) -> pd.DataFrame:
    return _frame(_of_programme(Measure, slug).order_by(Measure.position), url)


def measure_spending(slug: str, url: str | None = None) -> pd.DataFrame:
    """Spending to date by measure and quarter: ``measure_id, quarter, spent_cents``."""
    statement = select(MeasureSpend.measure_id, MeasureSpend.quarter, MeasureSpend.spent_cents).join(
        Measure, Measure.id == MeasureSpend.measure_id
    )
    return _frame(_in_programme(statement, Measure, slug).order_by(MeasureSpend.measure_id, MeasureSpend.quarter), url)


def staff_posts(slug: str, url: str | None = None) -> pd.DataFrame:
    return _frame(_of_programme(StaffPost, slug).order_by(StaffPost.position), url)


COMPUTED = "computed:"  # a strategy metric whose source starts so is computed from the data, not typed


def computed_from(source: object) -> str | None:
    """The figure a strategy metric is computed from, named in its source (``computed: kuntaosuus_saving_pct; …``).

    ``None`` for a typed metric.

    >>> computed_from("computed: kuntaosuus_saving_pct; seed 000 p. 4"), computed_from("seed 000 p. 7")
    ('kuntaosuus_saving_pct', None)
    """
    if not isinstance(source, str) or not source.startswith(COMPUTED):
        return None
    return source[len(COMPUTED) :].split(";", 1)[0].strip()


def strategy_metrics(slug: str, url: str | None = None) -> pd.DataFrame:
    return _frame(_of_programme(StrategyMetric, slug).order_by(StrategyMetric.position), url)


def plan_scenarios(slug: str, url: str | None = None) -> pd.DataFrame:
    return _frame(_of_programme(PlanScenario, slug).order_by(PlanScenario.code), url)


def interim_actuals(slug: str, url: str | None = None) -> pd.DataFrame:
    """Income and costs from 1 January to each quarter's end, per budget: ``budget, quarter, …_cents``."""
    statement = select(
        Budget.name.label("budget"),
        InterimActual.quarter,
        InterimActual.toimintatuotot_cents,
        InterimActual.toimintakulut_cents,
        InterimActual.source,
    ).join(Budget, Budget.id == InterimActual.budget_id)
    return _frame(_in_programme(statement, Budget, slug).order_by(Budget.id, InterimActual.quarter), url)


def client_counts(slug: str, url: str | None = None) -> pd.DataFrame:
    return _frame(_of_programme(ClientCount, slug).order_by(ClientCount.quarter), url)


def quarter_report(slug: str, quarter: str, url: str | None = None) -> dict[str, object] | None:
    """The quarter's commentary and sign-off (with the frozen figures), or ``None``."""
    frame = _frame(_of_programme(QuarterReport, slug).where(QuarterReport.quarter == quarter), url)
    return frame.to_dict("records")[0] if not frame.empty else None


def signed_quarters(slug: str, url: str | None = None) -> list[str]:
    statement = _of_programme(QuarterReport, slug).where(QuarterReport.signed_at.is_not(None))
    return sorted(_frame(statement, url)["quarter"])
