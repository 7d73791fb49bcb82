"""How far a worksheet reaches, read from its XML before any reader allocates the sheet's grid.

python-calamine allocates one dense grid from A1 to the furthest cell, so a
1.6 KB sheet with cells in A1 and XFD1048576 asks for 17 billion cells. Two
things tell the extent: the ``<dimension ref="A1:D20"/>`` the sheet declares
(near its start) and the ``r`` attributes of its rows and cells (which the
reader believes, the declaration notwithstanding). Both are checked against
``ParseLimits``.

The cell references are scanned, not parsed: the sheet's XML is decompressed
in blocks and searched by a regular expression that matches only references
that could pass a limit (a column past the widest seen so far, or a row
number with as many digits as the last row allowed), so an ordinary sheet
costs one pass of the C regex engine and a handful of Python steps. It finds
the references as Excel and other writers spell them (`` r="A1"``, also in
single quotes or lower case); the reader takes odder spellings too (blanks
around ``=``), which are left to the child process's memory limit
(``data_loaders.sandbox``): such a file is stopped there instead of here.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from data_loaders.limits import ParseLimits

BLOCK_BYTES = 1 << 22
OVERLAP_BYTES = 64  # a reference cut by a block's end is whole in the next block's start
HEAD_BYTES = 64 * 1024  # the dimension element stands before the sheet data, near the start
LETTERS, DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\b[^>]*?\sref\s*=\s*["']\s*([^"']*)["']""")
_REFERENCE = re.compile(r"([A-Za-z]*)(\d+)")


@dataclass(frozen=True)
class Extent:
    """The furthest cell of a sheet: its reference, its row and column (1-based); ``declared``: by ``<dimension>``."""

    cell: str
    rows: int
    columns: int
    declared: bool = False


def column_number(letters: str) -> int:
    """Excel's column number of ``letters`` (1-based; case does not matter).

    >>> column_number("A"), column_number("xfd"), column_number("")
    (1, 16384, 0)
    """
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def declared_extent(head: bytes) -> Extent | None:
    """The end of the ``<dimension ref=...>`` a sheet's XML declares at its start, if it declares one.

    >>> declared_extent(b'<worksheet><dimension ref="A1:XFD1048576"/><sheetData/>')
    Extent(cell='XFD1048576', rows=1048576, columns=16384, declared=True)
    >>> declared_extent(b"<worksheet><sheetData/>") is None
    True
    """
    found = _DIMENSION.search(head)
    if found is None:
        return None
    end = found.group(1).decode("ascii", "replace").rsplit(":", 1)[-1].replace("$", "").strip()
    reference = _REFERENCE.fullmatch(end)
    if reference is None:
        return None
    return Extent(end, _row_number(reference.group(2)), column_number(reference.group(1)), declared=True)


def reach_beyond(blocks: Callable[[], Iterable[bytes]], limits: ParseLimits) -> Extent | None:
    """The first cell or row reference in the sheet XML of ``blocks()`` past ``limits``, or None when all are within.

    >>> far = b'<row r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"/></row>'
    >>> reach_beyond(lambda: [far], ParseLimits())
    Extent(cell='XFD1048576', rows=1048576, columns=16384, declared=False)
    >>> reach_beyond(lambda: [b'<row r="2"><c r="A2"/><c r="O2"/></row>'], ParseLimits()) is None
    True
    """
    scan = _Scan(limits)
    while True:
        found = scan.run(blocks())
        if found is not None or not scan.restart:
            return found


def sheet_reach_beyond(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: ParseLimits) -> Extent | None:
    """The declared or else the real extent of one worksheet member past ``limits``, or None when within."""
    with archive.open(member) as stream:
        head = stream.read(HEAD_BYTES)
    declared = declared_extent(head)
    if declared is not None and limits.exceeded_by(declared.rows, declared.columns):
        return declared
    return reach_beyond(lambda: _blocks(archive, member), limits)


class _Scan:
    """One search of a sheet's references; ``restart`` when a wider column lowered the rows allowed below the
    number of digits the search began with (only in sheets whose widest column comes late)."""

    def __init__(self, limits: ParseLimits) -> None:
        self.limits = limits
        self.widest = 0
        self.restart = False

    def run(self, blocks: Iterable[bytes]) -> Extent | None:
        self.restart = False
        digits = len(str(self.limits.rows_allowed(self.widest)))
        for block in blocks:
            position = 0
            while (match := _candidates(self.widest, digits).search(block, position)) is not None:
                position = match.start() + 1
                found = self._check(match)
                if found is not None:
                    return found
                if len(str(self.limits.rows_allowed(self.widest))) < digits:
                    self.restart = True
                    return None
        return None

    def _check(self, match: re.Match[bytes]) -> Extent | None:
        """The grid so far (widest column × this row) when it passes the limits, named by this reference
        (a row without a cell by the widest column)."""
        letters, number = match.group("letters").decode(), match.group("row").decode()
        row = _row_number(number)
        self.widest = max(self.widest, column_number(letters))
        if not self.limits.exceeded_by(row, self.widest):
            return None
        return Extent(f"{letters.upper() or _letters(max(self.widest, 1))}{row}", row, max(self.widest, 1))


def _row_number(digits: str) -> int:
    """A row number; one too long to be any sheet's is read as a number beyond every limit."""
    return int(digits) if len(digits) <= 18 else 10**18


def _blocks(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes in blocks, each starting with the last bytes of the one before."""
    tail = b""
    with archive.open(member) as stream:
        while block := stream.read(BLOCK_BYTES):
            yield tail + block
            tail = block[-OVERLAP_BYTES:]


@lru_cache(maxsize=256)
def _candidates(widest: int, digits: int) -> re.Pattern[bytes]:
    """References that could pass a limit: a column after ``widest``, or a row number of ``digits`` digits or more.

    The literal `` r=`` lets the regex engine skip to each reference fast.
    """
    columns = _above(widest, LETTERS).encode()
    any_letters = rb"[A-Za-z]*(?=[0-9]{" + str(digits).encode() + rb",})"
    return re.compile(rb""" r=["'](?P<letters>""" + columns + rb"|" + any_letters + rb")(?P<row>[0-9]+)")


def _above(number: int, alphabet: str) -> str:
    """A regular expression for the numerals (in ``alphabet``, Excel-style for letters) greater than ``number``.

    Letters match in either case, as the reader takes them.

    >>> re.fullmatch(_above(15, LETTERS), "P") is not None, re.fullmatch(_above(15, LETTERS), "o") is None
    (True, True)
    >>> [bool(re.fullmatch(_above(1048576, DIGITS), n)) for n in ("1048577", "999999", "10485760")]
    [True, False, True]
    """
    every = _span(alphabet[0], alphabet[-1])
    if number <= 0:
        return f"{every}+"
    text = str(number) if alphabet == DIGITS else _letters(number)
    options = [f"{every}{{{len(text) + 1},}}"]
    for position, character in enumerate(text):
        index = alphabet.index(character)
        if index + 1 < len(alphabet):
            rest = len(text) - position - 1
            same = "".join(_span(letter, letter) for letter in text[:position])
            options.append(same + _span(alphabet[index + 1], alphabet[-1]) + (f"{every}{{{rest}}}" if rest else ""))
    return "(?:" + "|".join(options) + ")"


def _span(first: str, last: str) -> str:
    """A character class from ``first`` to ``last``, letters in both cases."""
    if first.isdigit():
        return f"[{first}-{last}]"
    return f"[{first}-{last}{first.lower()}-{last.lower()}]"


def _letters(number: int) -> str:
    """Excel's letters of column ``number`` (1-based)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = LETTERS[remainder] + letters
    return letters
