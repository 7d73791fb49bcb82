"""How much reading one untrusted file may take: memory, time, and the extent of a sheet.

The values come from ``settings`` (``MITTARI_IMPORT_*``, ``MITTARI_SHEET_MAX_*``):
the composition roots (``app.py``, ``cli.py``) hand them over with
``configure``; without that the defaults below hold (tests, benchmarks). The
defaults and their reasons are in the README's settings table.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MIB = 1024 * 1024


@dataclass(frozen=True)
class ParseLimits:
    """The limits of parsing one file in the child process (``data_loaders.sandbox``).

    ``memory_mb``: the child's address space (``RLIMIT_AS``). The national
    files need about 2 GiB: Kela's 2.1 million rows 1.9 GiB, a 1 000 000-row
    ledger 2.0 GiB. ``seconds``: wall-clock time of one parse (the national
    Kela file takes 30 s). ``max_rows``, ``max_columns``, ``max_cells``: the
    extent a sheet may declare or reach (its last row and column, and their
    product, which is the grid the reader allocates).
    """

    memory_mb: int = 4096
    seconds: float = 120.0
    max_rows: int = 1_048_576
    max_columns: int = 1_000
    max_cells: int = 20_000_000

    def rows_allowed(self, columns: int) -> int:
        """The last row a sheet as wide as ``columns`` may reach within both the row and the cell limit.

        >>> ParseLimits().rows_allowed(15), ParseLimits().rows_allowed(1000)
        (1048576, 20000)
        """
        return min(self.max_rows, self.max_cells // max(columns, 1))

    def exceeded_by(self, rows: int, columns: int) -> bool:
        """True when a sheet of ``rows`` × ``columns`` is more than an import may read.

        >>> ParseLimits().exceeded_by(1_000_001, 15), ParseLimits().exceeded_by(1_048_576, 16_384)
        (False, True)
        """
        return columns > self.max_columns or rows > self.rows_allowed(columns)

    def fields(self) -> dict[str, object]:
        """The limits as message fields (``msg.sheet_too_large`` names them)."""
        return {"max_rows": self.max_rows, "max_columns": self.max_columns, "max_cells": self.max_cells}


_current = ParseLimits()


def of(values: object) -> ParseLimits:
    """The limits named by the attributes of ``values`` (``settings.ImportLimits``, which has the same fields)."""
    return ParseLimits(**{name.name: getattr(values, name.name) for name in fields(ParseLimits)})


def configure(limits: ParseLimits) -> None:
    """Use ``limits`` for every parse from now on (in this process and the children it starts)."""
    global _current
    _current = limits


def current() -> ParseLimits:
    """The limits in force."""
    return _current
