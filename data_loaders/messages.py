"""What an import tells its user: severity, place (sheet, cell) and a catalogue text."""

from __future__ import annotations

from dataclasses import dataclass, field

from i18n import t

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Message:
    severity: str
    key: str
    fields: dict[str, object] = field(default_factory=dict)
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None

    def __post_init__(self) -> None:
        """A message given a cell but no row takes the row from the cell (``B7`` is row 7)."""
        if self.row is None and self.cell:
            digits = "".join(ch for ch in self.cell if ch.isdigit())
            if digits:
                object.__setattr__(self, "row", int(digits))

    def text(self, lang: str = "fi") -> str:
        """The message in ``lang``, prefixed by its place when it has one."""
        fields = dict(self.fields)
        if "scenario" in fields:
            fields["scenario"] = t(f"scenario.{fields['scenario']}", lang).lower()
        if "category" in fields:
            fields["category"] = t(f"jhs.{fields['category']}", lang).lower()
        body = t(self.key, lang, **fields)
        if self.sheet is None and self.cell is None and self.row is None:
            return body
        if self.row is None:
            return f"{t('msg.place_sheet', lang, sheet=self.sheet)}: {body}"
        if self.cell is None:
            return f"{t('msg.place_row', lang, sheet=self.sheet, row=self.row)}: {body}"
        place = t("msg.place", lang, sheet=self.sheet or "-", row=self.row, column=_column_of(self.cell))
        return f"{place}: {body}"

    def as_dict(self, lang: str = "fi") -> dict[str, object]:
        return {
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "text": self.text(lang),
        }


def _column_of(cell: str | None) -> str:
    return "".join(ch for ch in (cell or "-") if ch.isalpha()) or "-"


def column_letter(index: int) -> str:
    """Excel's letter for a zero-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def has_errors(messages: list[Message]) -> bool:
    return any(message.severity == ERROR for message in messages)
