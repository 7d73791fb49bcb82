"""Table definitions: the one schema source (SQLAlchemy 2 typed declarative)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Date, DateTime, Float, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Municipality(Base):
    """A municipality by Statistics Finland's three-digit code (Tampere 837).

    ``region_code``/``region_name``: the maakunta; ``employment_area``: the
    työllisyysalue of the 2025 reform (TE24), where known.
    """

    __tablename__ = "municipality"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name_fi: Mapped[str] = mapped_column(String(100))
    name_sv: Mapped[str | None] = mapped_column(String(100))
    population: Mapped[int | None]
    region_code: Mapped[str | None] = mapped_column(String(2))
    region_name: Mapped[str | None] = mapped_column(String(100))
    employment_area: Mapped[str | None] = mapped_column(String(100))


class Programme(Base):
    """An employment-services programme with its savings target against a baseline year."""

    __tablename__ = "programme"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    baseline_year: Mapped[int] = mapped_column(default=2016)
    savings_target_pct: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal("3.00"))
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    members: Mapped[list[ProgrammeMunicipality]] = relationship(
        back_populates="programme", cascade="all, delete-orphan"
    )
    budgets: Mapped[list[Budget]] = relationship(back_populates="programme")


class ProgrammeMunicipality(Base):
    """Membership of a municipality in a programme; ``is_assumption`` marks a guessed member."""

    __tablename__ = "programme_municipality"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"), primary_key=True)
    is_assumption: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    programme: Mapped[Programme] = relationship(back_populates="members")


class Budget(Base):
    """One budget of a programme (e.g. operating budget, development-programme budget)."""

    __tablename__ = "budget"
    __table_args__ = (UniqueConstraint("programme_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    name: Mapped[str] = mapped_column(String(200))
    programme: Mapped[Programme] = relationship(back_populates="budgets")


class ImportVersion(Base):
    """One imported file: a version of the data it carries."""

    __tablename__ = "import_version"
    __table_args__ = (Index("ix_import_version_sha", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    budget_id: Mapped[int | None] = mapped_column(ForeignKey("budget.id"))
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    rows_read: Mapped[int]
    rows_imported: Mapped[int]
    rows_rejected: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))


class BudgetLine(Base):
    """One amount of a budget line for a year and scenario, as one version imported it."""

    __tablename__ = "budget_line"
    __table_args__ = (Index("ix_budget_line_slice", "budget_id", "year", "scenario", "version_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("import_version.id"))
    year: Mapped[int]
    scenario: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300))
    parent_code: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(60))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    unit_eur: Mapped[int] = mapped_column(default=1)
    partial: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int]
    source_file: Mapped[str] = mapped_column(String(255))
    source_sheet: Mapped[str | None] = mapped_column(String(100))
    source_cell: Mapped[str | None] = mapped_column(String(20))


LINE_FIELDS = (
    "year", "scenario", "code", "name", "parent", "category", "amount_cents", "unit_eur", "partial", "position",
    "source_file", "source_sheet", "source_cell",
)  # fmt: skip
"""A budget line as loaders give it and reads return it (``parent`` is the column ``parent_code``)."""


class MunicipalityMerger(Base):
    """A municipality that merged into another on a date (Juankoski 174 into Kuopio 297 on 1.1.2017).

    Figures are compared on today's boundaries: the old code's figures count for the new one.
    """

    __tablename__ = "municipality_merger"
    old_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    old_name: Mapped[str] = mapped_column(String(100))
    new_code: Mapped[str] = mapped_column(String(3))
    merged_on: Mapped[dt.date] = mapped_column(Date)


class KelaKuntaosuus(Base):
    """One row of Kela's open data on the municipal share of unemployment benefits, as published.

    ``regime`` tells the 2015–2024 rules (labour market subsidy, days 300+) from
    the 2025+ co-financing (all basic benefits, days 101+): different series.
    Rows per age group, gender and day class sit beside the ``Yhteensä`` rows,
    and year rows beside the months; only ``Yhteensä``/``Yhteensä``/``Yhteensä``
    month rows make totals. Empty cells stay NULL (unknown, not zero); refunds
    are negative; ``suppressed`` marks Kela's code 199 (small counts hidden).
    """

    __tablename__ = "kela_kuntaosuus"
    __table_args__ = (
        Index("ix_kela_kuntaosuus_key", "area_code", "month", "regime", "version_id"),
        # the pages' reads: some municipalities' total or day-class rows (every age, every gender), by month
        Index("ix_kela_kuntaosuus_area_dimensions", "area_code", "ikaryhma", "sukupuoli", "month"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("import_version.id"))
    regime: Mapped[str] = mapped_column(String(10))
    area_kind: Mapped[str] = mapped_column(String(20))
    area_code: Mapped[str] = mapped_column(String(10))
    area_name: Mapped[str | None] = mapped_column(String(100))
    period_type: Mapped[str] = mapped_column(String(20))
    month: Mapped[dt.date] = mapped_column(Date)
    ikaryhma: Mapped[str] = mapped_column(String(40))
    sukupuoli: Mapped[str] = mapped_column(String(40))
    day_class: Mapped[str] = mapped_column(String(40))
    benefit: Mapped[str] = mapped_column(String(60))
    suppressed: Mapped[bool] = mapped_column(default=False)
    recipients: Mapped[int | None]
    compensated_days: Mapped[int | None] = mapped_column(BigInteger)
    paid_cents: Mapped[int | None] = mapped_column(BigInteger)
    kuntaosuus_cents: Mapped[int | None] = mapped_column(BigInteger)
    source_row: Mapped[int]
    replaced_by: Mapped[int | None] = mapped_column(ForeignKey("import_version.id"))
    """The version whose row of the same observation (``KELA_KEY``) replaced this one; NULL while current."""


KELA_KEY = ("regime", "area_kind", "area_code", "period_type", "month", "ikaryhma", "sukupuoli", "day_class", "benefit")
"""What one Kela observation is of: a newer version's row with the same key replaces it."""


class KelaAreaTotal(Base):
    """Kela's current rows of one area, period, day class and benefit, added up over age groups and genders.

    Kela publishes only cells of age group × gender (no totals for either), so
    an area's month is the sum of its cells' rows. Every Kela import rewrites
    the totals of the areas it touched, from the current rows, in its own
    transaction (``db.store.refresh_kela_area_totals``): the pages read these
    instead of adding up two million cells. A sum is NULL (unknown) when any of
    its cells is empty; ``unknown_cells`` counts those. Day classes overlap:
    their rows are never added to the ``Yhteensä`` row.
    """

    __tablename__ = "kela_area_total"
    __table_args__ = (Index("ix_kela_area_total_read", "area_code", "period_type", "day_class", "month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    regime: Mapped[str] = mapped_column(String(10))
    area_kind: Mapped[str] = mapped_column(String(20))
    area_code: Mapped[str] = mapped_column(String(10))
    period_type: Mapped[str] = mapped_column(String(20))
    month: Mapped[dt.date] = mapped_column(Date)
    day_class: Mapped[str] = mapped_column(String(40))
    benefit: Mapped[str] = mapped_column(String(60))
    suppressed: Mapped[bool] = mapped_column(default=False)
    cells: Mapped[int]
    unknown_cells: Mapped[int]
    recipients: Mapped[int | None] = mapped_column(BigInteger)
    compensated_days: Mapped[int | None] = mapped_column(BigInteger)
    paid_cents: Mapped[int | None] = mapped_column(BigInteger)
    kuntaosuus_cents: Mapped[int | None] = mapped_column(BigInteger)


KELA_TOTAL_GROUP = ("regime", "area_kind", "area_code", "period_type", "month", "day_class", "benefit", "suppressed")
"""What one area total is of: the Kela key without age group and gender."""
KELA_SUMS = ("recipients", "compensated_days", "paid_cents", "kuntaosuus_cents")


class StatfinObservation(Base):
    """One cell of a Statistics Finland table (12r5 jobseekers, 12u4 activation rate).

    ``area_code`` as StatFin writes it (``KU837``, whole country ``SSS``);
    ``month`` is the first day of the month (``2018M12`` → 1.12.2018). A missing
    cell keeps ``value`` NULL with its ``status`` symbol (e.g. ``.``).
    """

    __tablename__ = "statfin_observation"
    __table_args__ = (
        Index("ix_statfin_key", "table_id", "area_code", "indicator", "month", "version_id"),
        Index("ix_statfin_area", "area_code", "indicator", "month"),  # a programme's municipalities over time
        Index("ix_statfin_indicator_month", "indicator", "month"),  # one indicator in one month, every area (map)
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("import_version.id"))
    table_id: Mapped[str] = mapped_column(String(20))
    area_code: Mapped[str] = mapped_column(String(10))
    month: Mapped[dt.date] = mapped_column(Date)
    indicator: Mapped[str] = mapped_column(String(40))
    value: Mapped[Decimal | None] = mapped_column(Numeric(16, 4))
    status: Mapped[str | None] = mapped_column(String(10))
    source_row: Mapped[int]
    replaced_by: Mapped[int | None] = mapped_column(ForeignKey("import_version.id"))
    """The version whose cell of the same observation (``STATFIN_KEY``) replaced this one; NULL while current."""


STATFIN_KEY = ("table_id", "area_code", "indicator", "month")
"""What one StatFin observation is of: a newer version's cell with the same key replaces it."""


class BenefitTarget(Base):
    """A benefit target (hyötytavoite) of a programme.

    ``indicator`` names the data that measures it (``kuntaosuus`` or a StatFin
    indicator such as ``TYOTTOMATLOPUSSA``) over ``area`` (a municipality code,
    or empty for the whole programme); targets without an indicator are
    qualitative and carry a ``manual_status`` and ``status_note``.
    ``target_change_pct`` is the change against the baseline year to reach
    (−3.00: three per cent below).
    """

    __tablename__ = "benefit_target"
    __table_args__ = (UniqueConstraint("programme_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(String(40))
    area: Mapped[str | None] = mapped_column(String(10))
    baseline_year: Mapped[int | None]
    baseline: Mapped[str | None] = mapped_column(String(200))
    target: Mapped[str | None] = mapped_column(String(200))
    target_change_pct: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    target_value_cents: Mapped[int | None] = mapped_column(BigInteger)
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    owner: Mapped[str | None] = mapped_column(String(200))
    manual_status: Mapped[str | None] = mapped_column(String(20))
    status_note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(200))


class UserAccount(Base):
    """A person who may log in: role viewer, director, analyst or admin."""

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    language: Mapped[str | None] = mapped_column(String(2))  # fi, sv or en as chosen; None until chosen


class UserProgramme(Base):
    """A programme a user may see (admins see every programme)."""

    __tablename__ = "user_programme"
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), primary_key=True)


class AuditEvent(Base):
    """One recorded action; the table is append-only (triggers refuse UPDATE, DELETE, TRUNCATE and REPLACE)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    username: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    details: Mapped[str | None] = mapped_column(Text)
    remote_addr: Mapped[str | None] = mapped_column(String(64))


# --- risks, the programme plan and the quarterly pack (issue 5) -------------


class Risk(Base):
    """A risk in a programme's register, with its current assessment.

    Likelihood and impact are 1–5; *inherent* is before the mitigations,
    *residual* after them. ``status``: open, monitored or closed. The history
    of assessments by quarter is in ``risk_assessment``.
    """

    __tablename__ = "risk"
    __table_args__ = (UniqueConstraint("programme_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    cause: Mapped[str | None] = mapped_column(Text)
    consequence: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(200))
    inherent_likelihood: Mapped[int]
    inherent_impact: Mapped[int]
    residual_likelihood: Mapped[int]
    residual_impact: Mapped[int]
    mitigations: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    source: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class RiskAssessment(Base):
    """A risk's likelihood and impact as assessed in one quarter (``2018Q4``)."""

    __tablename__ = "risk_assessment"
    __table_args__ = (UniqueConstraint("risk_id", "quarter"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"))
    quarter: Mapped[str] = mapped_column(String(6))
    inherent_likelihood: Mapped[int]
    inherent_impact: Mapped[int]
    residual_likelihood: Mapped[int]
    residual_impact: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default="open")
    note: Mapped[str | None] = mapped_column(Text)
    assessed_by: Mapped[str | None] = mapped_column(String(100))
    assessed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class RiskIndicatorLink(Base):
    """Which register risk a computed risk indicator (``budget_overrun`` …) speaks for."""

    __tablename__ = "risk_indicator_link"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(40), primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"))


class Measure(Base):
    """A measure (toimenpidekokonaisuus) of the programme plan with its owners and budget cap.

    ``cap_cents`` is the most it may cost (NULL: no cap set); ``budget`` and
    ``budget_line`` name the budget line its money sits on, where known.
    Spending to date per quarter is in ``measure_spend``.
    """

    __tablename__ = "measure"
    __table_args__ = (UniqueConstraint("programme_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Text)
    cap_cents: Mapped[int | None] = mapped_column(BigInteger)
    cap_note: Mapped[str | None] = mapped_column(Text)
    budget: Mapped[str | None] = mapped_column(String(200))
    budget_line: Mapped[str | None] = mapped_column(String(300))
    source: Mapped[str | None] = mapped_column(Text)


class MeasureSpend(Base):
    """What a measure has cost from its start to the end of a quarter (cents)."""

    __tablename__ = "measure_spend"
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id"), primary_key=True)
    quarter: Mapped[str] = mapped_column(String(6), primary_key=True)
    spent_cents: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str | None] = mapped_column(Text)


class StaffPost(Base):
    """Posts of the staffing plan: ``count`` people with this title; ``fixed_term_end`` for fixed-term posts.

    ``staff_group``: client_service, support or management (seed 004, Table 3).
    """

    __tablename__ = "staff_post"
    __table_args__ = (UniqueConstraint("programme_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    position: Mapped[int]
    staff_group: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    count: Mapped[int]
    fixed_term_end: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)


class StrategyMetric(Base):
    """A strategy metric from one of four perspectives: client, process, finance, staff.

    ``higher_is_better`` tells which way the value should go against ``target``.
    """

    __tablename__ = "strategy_metric"
    __table_args__ = (UniqueConstraint("programme_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    position: Mapped[int]
    perspective: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(40))
    target: Mapped[Decimal | None] = mapped_column(Numeric(16, 4))
    value: Mapped[Decimal | None] = mapped_column(Numeric(16, 4))
    higher_is_better: Mapped[bool] = mapped_column(default=True)
    source: Mapped[str | None] = mapped_column(Text)


class PlanScenario(Base):
    """An alternative way forward (seed 004: A, B, C) with its staffing need and cost per year."""

    __tablename__ = "plan_scenario"
    __table_args__ = (UniqueConstraint("programme_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    staff_low: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    staff_high: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    cost_cents: Mapped[int | None] = mapped_column(BigInteger)
    realistic: Mapped[bool] = mapped_column(default=True)
    source: Mapped[str | None] = mapped_column(Text)


class InterimActual(Base):
    """Osavuositoteuma: a budget's income and costs from 1 January to the end of a quarter (cents)."""

    __tablename__ = "interim_actual"
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id"), primary_key=True)
    quarter: Mapped[str] = mapped_column(String(6), primary_key=True)
    toimintatuotot_cents: Mapped[int] = mapped_column(BigInteger)
    toimintakulut_cents: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str | None] = mapped_column(Text)


class ClientCount(Base):
    """How many clients a programme had at the end of a quarter."""

    __tablename__ = "client_count"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), primary_key=True)
    quarter: Mapped[str] = mapped_column(String(6), primary_key=True)
    clients: Mapped[int]
    source: Mapped[str | None] = mapped_column(Text)


class QuarterReport(Base):
    """The steering group's quarter: the director's commentary and the sign-off.

    ``figures_json`` holds the quarter's figures as they were signed; once
    ``signed_at`` is set the pack shows these, so later imports change nothing
    that was signed.
    """

    __tablename__ = "quarter_report"
    __table_args__ = (UniqueConstraint("programme_id", "quarter"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    quarter: Mapped[str] = mapped_column(String(6))
    commentary: Mapped[str | None] = mapped_column(Text)
    commentary_by: Mapped[str | None] = mapped_column(String(100))
    commentary_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    signed_by: Mapped[str | None] = mapped_column(String(100))
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    figures_json: Mapped[str | None] = mapped_column(Text)


class DataVersion(Base):
    """One row: a token that changes in every transaction that changes the data the pages show.

    Caches key their entries by it (``db.freshness``): an import, a rollback or a
    sign-off makes every cached figure stale the moment it commits.
    """

    __tablename__ = "data_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# --- comparison groups (issue 16) ---------------------------------------------


class ComparisonGroup(Base):
    """A named set of municipalities a programme compares itself with (the Comparison page).

    ``programme_id`` NULL: shipped by the register to every programme
    (``reference_data/comparison_groups.csv``, written by migration 0010),
    named in the catalogue by ``register_key`` (``six_largest``,
    ``regional_centres``); else a programme's own group, named by ``name``.
    """

    __tablename__ = "comparison_group"
    __table_args__ = (UniqueConstraint("programme_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    name: Mapped[str] = mapped_column(String(200))
    register_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ComparisonGroupMember(Base):
    """A municipality (Statistics Finland's code, today's) in a comparison group."""

    __tablename__ = "comparison_group_member"
    group_id: Mapped[int] = mapped_column(ForeignKey("comparison_group.id", ondelete="CASCADE"), primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(3), primary_key=True)


class ComparisonFigure(Base):
    """One municipality's comparison indicators in a year (``month`` 0) or one month of it, on today's boundaries.

    Derived data: written after each statistics import from the current rows
    (``data_loaders.comparison``) with the stamp of what they are of
    (``data_token``: ``models.comparison.figures_stamp``); read only while it is
    current (``queries.comparison_figures``).
    ``missing_months``: each indicator's unknown months (``indicator:bits;…``, bit 0 January), NULL when none is.
    """

    __tablename__ = "comparison_figure"
    year: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[int] = mapped_column(primary_key=True)
    municipality: Mapped[str] = mapped_column(String(3), primary_key=True)
    data_token: Mapped[str] = mapped_column(String(64))
    kuntaosuus_eur: Mapped[float | None] = mapped_column(Float)
    kuntaosuus_per_resident: Mapped[float | None] = mapped_column(Float)
    kuntaosuus_per_jobseeker: Mapped[float | None] = mapped_column(Float)
    unemployment_rate: Mapped[float | None] = mapped_column(Float)
    long_term_share: Mapped[float | None] = mapped_column(Float)
    under_25_share: Mapped[float | None] = mapped_column(Float)
    over_50_share: Mapped[float | None] = mapped_column(Float)
    activation_rate: Mapped[float | None] = mapped_column(Float)
    population: Mapped[int | None] = mapped_column(BigInteger)
    population_year: Mapped[int | None]
    population_source: Mapped[str | None] = mapped_column(String(10))
    missing_months: Mapped[str | None] = mapped_column(Text)


class KuntaosuusMonth(Base):
    """A municipality's kuntaosuus in one month of the 2015–2024 series, on today's boundaries, in cents.

    Derived data, the pages' monthly totals: written after each statistics import
    from Kela's current month totals (``data_loaders.comparison``, merged
    municipalities added to their successor; a month with an empty cell left out)
    with the stamp of what they are of (``data_token``:
    ``models.savings.kuntaosuus_stamp``); read only while it is current
    (``queries.kept_kuntaosuus``), else computed from the rows.
    """

    __tablename__ = "kuntaosuus_month"
    municipality: Mapped[str] = mapped_column(String(3), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kuntaosuus_cents: Mapped[int] = mapped_column(BigInteger)
    data_token: Mapped[str] = mapped_column(String(64))
