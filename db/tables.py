"""Table definitions: the one schema source (SQLAlchemy 2 typed declarative)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Municipality(Base):
    """A municipality by Statistics Finland's three-digit code (Tampere 837)."""

    __tablename__ = "municipality"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name_fi: Mapped[str] = mapped_column(String(100))
    name_sv: Mapped[str | None] = mapped_column(String(100))
    population: Mapped[int | None]


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
