"""How the pack's values read on the page, in the workbook and in the PDF: one formatting for all three."""

from __future__ import annotations

import datetime as dt

from i18n import format_date, format_eur, format_number, format_pct, t

CENTS_PER_EURO = 100
DASH = "–"


def euros(cents: int | None) -> float | None:
    """Cents as euros for a spreadsheet cell (a number, never text).

    >>> euros(-1705386700), euros(None)
    (-17053867.0, None)
    """
    return None if cents is None else int(cents) / CENTS_PER_EURO


def format_value(value: float | int | None, unit: str, lang: str) -> str:
    """A value in its unit: ``cents`` as euros, ``pct``, ``pp`` (percentage points), ``count``, ``ratio``.

    >>> format_value(-1705386700, "cents", "fi")
    '−17\\xa0053\\xa0867\\xa0€'
    >>> format_value(None, "pct", "fi"), format_value(0.5, "pp", "en")
    ('–', '0.50\xa0pp')
    """
    if value is None:
        return DASH
    if unit == "cents":
        cents = int(value)
        return format_eur(cents / CENTS_PER_EURO, lang, 0 if cents % CENTS_PER_EURO == 0 else 2)
    if unit == "pct":
        return format_pct(float(value), lang, 2)
    if unit == "pp":
        return f"{format_number(float(value), lang, 2)}\xa0{t('unit.pp', lang)}"
    if unit == "ratio":
        return format_number(float(value), lang, 1)
    return format_number(float(value), lang, 0)


def signed_value(value: float | int | None, unit: str, lang: str) -> str:
    """A change with its sign (``+1 200 €``), a dash without one."""
    if value is None:
        return DASH
    text = format_value(value, unit, lang)
    return f"+{text}" if float(value) > 0 else text


def change_text(row: dict, lang: str) -> str:
    """A headline row's change from the previous quarter; a percentage's change reads in percentage points."""
    return signed_value(row["change"], "pp" if row["unit"] == "pct" else row["unit"], lang)


def timestamp_text(iso: str | None, lang: str) -> str:
    """An ISO time (UTC) as the date and hh:mm (UTC)."""
    if not iso:
        return DASH
    moment = dt.datetime.fromisoformat(iso)
    return f"{format_date(moment.date(), lang)} {moment:%H:%M} UTC"


def headline_label(row: dict, lang: str) -> str:
    """The name of a headline figure; a budget's figures name the budget."""
    label = t(f"pack.figure.{row['key']}", lang)
    return f"{label}: {row['detail']}" if row.get("detail") else label


def indicator_detail(row: dict, lang: str) -> str:
    """What an indicator's value is of (a budget, a target group, a status, a count)."""
    detail = row.get("detail")
    if not detail:
        return ""
    key = row["key"]
    if key == "unemployment_rise":
        return t(f"pack.group.{detail}", lang)
    if key == "savings_forecast":
        return t(f"pack.forecast.{detail}", lang)
    if key == "long_recipients_share":
        return t("pack.share_now", lang, share=format_pct(float(detail), lang, 2))
    if key == "clients_per_staff":
        return t("pack.clients_now", lang, clients=format_number(int(detail), lang))
    return str(detail)


# --- the pack's tables as text (page and PDF alike) ---------------------------


def headline_rows(pack: dict, lang: str) -> list[list[str]]:
    """The headline table as text, in the order and form the page shows it."""
    return [
        [
            headline_label(row, lang),
            format_value(row["quarter"], row["unit"], lang),
            format_value(row["year_to_date"], row["unit"], lang),
            format_value(row["previous_quarter"], row["unit"], lang),
            change_text(row, lang),
        ]
        for row in pack["headline"]
    ]


def indicator_rows(pack: dict, lang: str) -> list[list[str]]:
    return [
        [
            t(f"pack.indicator.{row['key']}", lang),
            format_value(row["value"], row["unit"], lang),
            format_value(row["threshold"], row["unit"], lang),
            format_value(row["previous"], row["unit"], lang),
            t(f"pack.trend.{row['trend']}", lang) if row["trend"] else "–",
            t(f"pack.status.{row['status']}", lang),
            row["risk"] or "–",
            indicator_detail(row, lang),
        ]
        for row in pack["indicators"]
    ]


def risk_rows(pack: dict, lang: str) -> list[list[str]]:
    return [
        [
            risk["code"],
            risk["title"],
            risk["owner"] or "",
            t(f"risk.status.{risk['status']}", lang),
            str(risk["likelihood"]),
            str(risk["impact"]),
            str(risk["score"]),
            "–" if risk["previous_score"] is None else str(risk["previous_score"]),
            t(f"risk.movement.{risk['movement']}", lang),
        ]
        for risk in pack["risks"]
    ]


def measure_rows(pack: dict, lang: str) -> list[list[str]]:
    return [
        [
            m["name"],
            m["owner"] or "",
            format_value(m["cap_cents"], "cents", lang),
            format_value(m["spent_cents"], "cents", lang),
            format_value(m["spent_pct"], "pct", lang),
        ]
        for m in pack["measures"]
    ]


def status_text(pack: dict, lang: str) -> str:
    if pack.get("frozen"):
        return t("pack.signed", lang, who=pack["signed_by"], when=timestamp_text(pack["signed_at"], lang))
    return t("pack.not_signed", lang)


def missing_texts(pack: dict, lang: str) -> list[str]:
    """What data the pack's programme lacks, and which file would bring it, in ``lang`` (``models.coverage``)."""
    return [t(note["key"], lang, **note["fields"]) for note in pack.get("missing") or []]
