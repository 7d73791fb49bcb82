"""Amounts as spreadsheet cells and text files write them, the Finnish way, read exactly."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from models.amounts import AmountError

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-"})


def parse_amount(value: object) -> Decimal | None:
    """The amount in a cell, exactly; ``None`` for a blank cell.

    Accepts numbers and Finnish text: spaces or non-breaking spaces as thousands
    separators, U+2212 or ``-`` for minus, a decimal comma.

    >>> parse_amount("−48 664")
    Decimal('-48664')
    >>> parse_amount("1\\xa0456\\xa0694")
    Decimal('1456694')
    >>> parse_amount("4,5")
    Decimal('4.5')
    >>> parse_amount("") is None
    True
    >>> parse_amount(-320.0)
    Decimal('-320')
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise AmountError(str(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise AmountError(str(value))
        return Decimal(repr(value)).normalize() if value != int(value) else Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    text = _SPACES.sub("", str(value)).translate(_MINUS_SIGNS)
    if text == "":
        return None
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        raise AmountError(str(value))
    try:
        return Decimal(text)
    except InvalidOperation as error:  # pragma: no cover - the pattern above guards
        raise AmountError(str(value)) from error
