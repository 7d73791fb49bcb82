"""How the pack's values read on the page, in the workbook and in the PDF: one formatting for all three."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pandas as pd

from i18n import format_clock, format_date, format_month, format_number, format_pct, money_text, t
from models.amounts import CENTS_PER_EURO, cents_to_euros
from models.forecast import Outlook

DASH = "–"
HELSINKI = ZoneInfo("Europe/Helsinki")
TARGET_COLOURS = {"on_track": "success", "met": "success", "at_risk": "warning", "off_track": "danger",
                  "missed": "danger"}  # fmt: skip
"""The Bootstrap colour of each status of the savings target (as the Benefits page's badge)."""


def euros(cents: int | None) -> float | None:
    """Cents as euros for a spreadsheet cell (a number, never text).

    >>> euros(-1705386700), euros(None)
    (-17053867.0, None)
    """
    return None if cents is None else cents_to_euros(cents)


def format_value(value: float | int | None, unit: str, lang: str, with_cents: bool = False) -> str:
    """A value in its unit: ``cents`` as euros, ``pct``, ``pp`` (percentage points), ``count``, ``ratio``.

    Euros are whole unless ``with_cents``: then cents show where the amount has them (``i18n.money_text``).

    >>> format_value(-1705386700, "cents", "fi"), format_value(-170538670, "cents", "en")
    ('−17\\xa0053\\xa0867\\xa0€', '-€1,705,387')
    >>> format_value(12345650, "cents", "fi", with_cents=True), format_value(100, "cents", "fi", with_cents=True)
    ('123\\xa0456,50\\xa0€', '1\\xa0€')
    >>> format_value(None, "pct", "fi"), format_value(0.5, "pp", "en")
    ('–', '0.50\xa0pp')
    """
    if value is None:
        return DASH
    if unit == "cents":
        return money_text(int(value), lang, whole=not with_cents)
    if unit == "pct":
        return format_pct(float(value), lang, 2)
    if unit == "pp":
        return f"{format_number(float(value), lang, 2)}\xa0{t('unit.pp', lang)}"
    if unit == "ratio":
        return format_number(float(value), lang, 1)
    return format_number(float(value), lang, 0)


def signed_value(value: float | int | None, unit: str, lang: str, with_cents: bool = False) -> str:
    """A change with its sign (``+1 200 €``), a dash without one."""
    if value is None:
        return DASH
    text = format_value(value, unit, lang, with_cents)
    return f"+{text}" if float(value) > 0 else text


def change_text(row: dict, lang: str, with_cents: bool = False) -> str:
    """A headline row's change from the previous quarter; a percentage's change reads in percentage points."""
    return signed_value(row["change"], "pp" if row["unit"] == "pct" else row["unit"], lang, with_cents)


def helsinki_time(iso: str) -> dt.datetime:
    """An ISO time as Finnish local time (Europe/Helsinki); a time without a zone is UTC (the database's).

    >>> helsinki_time("2026-12-07T06:51:00+00:00").isoformat(), helsinki_time("2026-06-30T21:30:00").isoformat()
    ('2026-12-07T08:51:00+02:00', '2026-07-01T00:30:00+03:00')
    """
    moment = dt.datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(HELSINKI)


def timestamp_text(iso: str | None, lang: str) -> str:
    """An ISO time as the date and time in Finnish local time: ``7.12.2026 klo 8.51``.

    >>> timestamp_text("2026-12-07T06:51:00+00:00", "fi"), timestamp_text(None, "fi")
    ('7.12.2026 klo 8.51', '–')
    """
    if not iso:
        return DASH
    moment = helsinki_time(iso)
    return t("pack.time", lang, date=format_date(moment.date(), lang), time=format_clock(moment, lang))


def month_label(month: dt.date | pd.Timestamp, lang: str) -> str:
    """``9/2020`` in Finnish, ``sep. 2020`` in Swedish, ``Sep 2020`` in English (as the Benefits page writes months).

    >>> month_label(pd.Timestamp("2020-09-01"), "fi"), month_label(dt.date(2020, 9, 1), "sv")
    ('9/2020', 'sep. 2020')
    >>> month_label(dt.date(2020, 9, 1), "en")
    'Sep 2020'
    """
    return format_month(month, lang)


# --- the savings target: its status and the reason, in the Benefits page's words ---------


def outlook_fields(seen: Outlook, baseline_year: int) -> dict:
    """What the target's reason sentence needs from ``models.forecast.outlook``, JSON-ready (a pack keeps it)."""
    return {
        "status": seen.status,
        "baseline_year": int(baseline_year),
        "target_month": seen.target_month.date().isoformat(),
        "as_of": seen.as_of.date().isoformat(),
        "months_known": int(seen.months_known),
        "months_left": int(seen.months_left),
        "target_pct": float(seen.target_pct),
        "saving_pct": float(seen.saving_pct),
        **{
            key: int(getattr(seen, key)) for key in ("baseline", "target", "saving", "saving_low", "saving_high", "gap")
        },
    }


def target_reason(fields: dict, name: str, lang: str) -> str:
    """The reason for the target's status in words (``benefits.reason.<status>``): the Benefits page's sentence.

    Amounts are whole euros: a forecast of 1 626 350,71 € reads 1 626 351 €.

    ``fields`` as ``outlook_fields`` gives them; ``name`` the programme or municipality.
    """
    target_month = pd.Timestamp(fields["target_month"])
    window = f"{month_label(target_month - pd.DateOffset(months=11), lang)}–{month_label(target_month, lang)}"
    amounts = {"baseline": "baseline", "target": "target", "saving": "saving", "low": "saving_low",
               "high": "saving_high", "gap": "gap"}  # fmt: skip
    return t(
        f"benefits.reason.{fields['status']}",
        lang,
        name=name,
        window=window,
        year=fields["baseline_year"],
        as_of=month_label(pd.Timestamp(fields["as_of"]), lang),
        months_left=fields["months_left"],
        **{word: money_text(fields[key], lang, whole=True) for word, key in amounts.items()},  # forecasts: whole euros
        target_pct=format_pct(fields["target_pct"], lang, 1),
        saving_pct=format_pct(fields["saving_pct"], lang, 1),
    )


def target_text(pack: dict, lang: str) -> str:
    """The pack's first line: the target, its status and the reason (nothing for a pack signed before it had one)."""
    target = pack.get("target")
    if not target:
        return ""
    status = target["outlook"]["status"] if target.get("outlook") else "not_assessed"
    date = format_date(dt.date.fromisoformat(target["target_date"]), lang) if target.get("target_date") else DASH
    line = t(
        "pack.target_line",
        lang,
        pct=format_pct(-float(target["target_pct"]), lang, 0),
        year=target["baseline_year"],
        date=date,
        status=t(f"status.{status}", lang),
    )
    if target.get("outlook"):
        reason = target_reason(target["outlook"], pack["programme_name"], lang)
    else:
        reason = t("pack.target_no_data", lang, year=target["baseline_year"])
    return f"{line} {reason}"


def target_status(pack: dict) -> str:
    """The target's status code (``on_track`` … ``missed``, ``not_assessed`` without data)."""
    target = pack.get("target") or {}
    return (target.get("outlook") or {}).get("status", "not_assessed")


def target_colour(pack: dict) -> str:
    """The Bootstrap colour of the target's line, by its status (page and PDF alike).

    >>> target_colour({}), target_colour({"target": {"outlook": {"status": "at_risk"}}})
    ('secondary', 'warning')
    """
    return TARGET_COLOURS.get(target_status(pack), "secondary")


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

HEADLINE_COLUMNS = ("figure", "quarter", "year_to_date", "previous_quarter", "change")
INDICATOR_COLUMNS = ("indicator", "value", "threshold", "previous", "trend", "status", "risk", "detail")
RISK_COLUMNS = ("code", "title", "owner", "status", "likelihood", "impact", "score", "previous_score", "movement")
MEASURE_COLUMNS = ("measure", "owner", "cap", "spent", "spent_pct")
"""The columns of the pack's tables, in the order the rows below give their cells (``pack.col.<name>``)."""


def column_names(names: tuple[str, ...], lang: str) -> list[str]:
    """A table's column headers in ``lang``.

    >>> column_names(MEASURE_COLUMNS[:2], "en")
    ['Measure', 'Owner']
    """
    return [t(f"pack.col.{name}", lang) for name in names]


def headline_rows(pack: dict, lang: str, with_cents: bool = False) -> list[list[str]]:
    """The headline table as text, in the order and form the page shows it (whole euros unless ``with_cents``)."""
    return [
        [
            headline_label(row, lang),
            format_value(row["quarter"], row["unit"], lang, with_cents),
            format_value(row["year_to_date"], row["unit"], lang, with_cents),
            format_value(row["previous_quarter"], row["unit"], lang, with_cents),
            change_text(row, lang, with_cents),
        ]
        for row in pack["headline"]
    ]


def left_out_text(pack: dict, lang: str) -> str:
    """The line saying which budgets the headline leaves out: no plan and no actuals in the quarter."""
    budgets = pack.get("left_out") or []
    if not budgets:
        return ""
    return t("pack.left_out", lang, quarter=pack["quarter"], budgets=", ".join(f"“{b}”" for b in budgets))


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


def risk_identity(risk: dict, lang: str) -> list[str]:
    """A risk register row's first cells: code, title, owner and status (the pack and the Risks page alike).

    >>> risk_identity({"code": "R1", "title": "Staff", "owner": None, "status": "open"}, "en")[:3]
    ['R1', 'Staff', '']
    """
    return [risk["code"], risk["title"], risk["owner"] or "", t(f"risk.status.{risk['status']}", lang)]


def risk_rows(pack: dict, lang: str) -> list[list[str]]:
    return [
        [
            *risk_identity(risk, lang),
            str(risk["likelihood"]),
            str(risk["impact"]),
            str(risk["score"]),
            "–" if risk["previous_score"] is None else str(risk["previous_score"]),
            t(f"risk.movement.{risk['movement']}", lang),
        ]
        for risk in pack["risks"]
    ]


def measure_rows(pack: dict, lang: str, with_cents: bool = False) -> list[list[str]]:
    return [
        [
            m["name"],
            m["owner"] or "",
            format_value(m["cap_cents"], "cents", lang, with_cents),
            format_value(m["spent_cents"], "cents", lang, with_cents),
            format_value(m["spent_pct"], "pct", lang),
        ]
        for m in pack["measures"]
    ]


def pack_tables(pack: dict, lang: str, with_cents: bool = False) -> dict[str, tuple[list[str], list[list[str]], int]]:
    """The pack's tables by name (headline, indicators, risks, measures), page and PDF alike: each its column
    headers, its rows as text and the first column of amounts (right-aligned)."""
    return {
        "headline": (column_names(HEADLINE_COLUMNS, lang), headline_rows(pack, lang, with_cents), 1),
        "indicators": (column_names(INDICATOR_COLUMNS, lang), indicator_rows(pack, lang), 1),
        "risks": (column_names(RISK_COLUMNS, lang), risk_rows(pack, lang), 4),
        "measures": (column_names(MEASURE_COLUMNS, lang), measure_rows(pack, lang, with_cents), 2),
    }


def status_text(pack: dict, lang: str) -> str:
    if pack.get("frozen"):
        return t("pack.signed", lang, who=pack["signed_by"], when=timestamp_text(pack["signed_at"], lang))
    return t("pack.not_signed", lang)


def signature_rows(pack: dict, lang: str) -> list[tuple[str, str]]:
    """The signature block: name, role and date (Finnish local time); blank lines until the quarter is signed."""
    signature = pack.get("signature") or {}
    role = signature.get("role")
    signed = bool(pack.get("frozen"))
    values = (
        (signature.get("name") or pack.get("signed_by") or "", t(f"role.{role}", lang) if role else "",
         timestamp_text(pack.get("signed_at"), lang))
        if signed
        else ("", "", "")
    )  # fmt: skip
    labels = [t(f"pack.signature.{key}", lang) for key in ("name", "role", "date")]
    return list(zip(labels, values, strict=True))


def missing_texts(pack: dict, lang: str) -> list[str]:
    """What data the pack's programme lacks, and which file would bring it, in ``lang`` (``models.coverage``)."""
    return [t(note["key"], lang, **note["fields"]) for note in pack.get("missing") or []]


# --- sources: the seed documents by name and page -------------------------------------------

DOCUMENT = re.compile(r"\bseed (\d{3})\b")
LOCATOR = re.compile(r"\b(pp?\.|Table|section) (\d+(?:[–-]\d+)?)")
INVENTED = "invented"
COMPUTED = "computed:"


def source_citation(source: object, lang: str) -> str:
    """Where a figure of the plan comes from, for people: each document by its name and page.

    ``source`` is a record's provenance as ``sample_data/plans.json`` writes it
    (``seed 000 p. 5 (…); invented: owner``); the document's name comes from
    the catalogue (``source.doc.<number>``), what the sample invents is said
    in words. Notes in brackets are left out.

    >>> source_citation("seed 004 section 5 p. 8 (Digi-Typpä); invented: owner", "en")
    'Kuopio: Tulevaisuuden työllisyyspalvelu -kehityshanke (seed 004), section 5, p. 8 · partly invented by the sample'
    """
    if not isinstance(source, str) or not source.strip():
        return ""
    text = source.split(";", 1)[1] if source.startswith(COMPUTED) and ";" in source else source
    clauses = [clause.strip() for clause in text.split(";")]
    cited: dict[str, list[tuple[str, str]]] = {}
    for clause in clauses:
        plain = re.sub(r"\([^)]*\)", "", clause)
        for part in re.split(r"(?=\bseed \d{3}\b)", plain):
            found = DOCUMENT.search(part)
            if found:
                cited.setdefault(found.group(1), []).extend(LOCATOR.findall(part))
    invented = any(clause.startswith(INVENTED) for clause in clauses)
    parts = [_document_citation(number, locators, lang) for number, locators in cited.items()]
    if invented:
        parts.append(t("source.partly_invented" if cited else "source.invented", lang))
    return " · ".join(parts)


def _document_citation(number: str, locators: list[tuple[str, str]], lang: str) -> str:
    """``Title (seed 000), luku 1, taulukko 3, s. 3, 12``: sections and tables, then the pages together."""
    named = [t(f"source.{kind.lower()}", lang, n=value) for kind, value in locators if not kind.startswith("p")]
    pages = list(dict.fromkeys(value for kind, value in locators if kind.startswith("p")))
    if pages:
        named.append(t("source.pages", lang, pages=", ".join(pages)))
    return ", ".join([t(f"source.doc.{number}", lang), *dict.fromkeys(named)])


# --- the optional comparison section (issue 16) ---------------------------------------------------


def comparison_group_name(group: dict, lang: str) -> str:
    """A comparison group's name: the register's in the catalogue, a programme's own as saved."""
    key = group.get("register_key")
    return t(f"comparison.group.{key}", lang) if key else str(group["group_name"])


def comparison_value(value: float | None, indicator: str, lang: str) -> str:
    """A comparison figure in its unit: euros per resident with cents, per jobseeker whole, the rest in %."""
    if value is None:
        return DASH
    if indicator == "kuntaosuus_per_resident":
        return money_text(round(value * CENTS_PER_EURO), lang)
    if indicator == "kuntaosuus_per_jobseeker":
        return money_text(round(value * CENTS_PER_EURO), lang, whole=True)
    return format_value(value, "pct", lang)


def _rank(rank: int | None, of: int | None) -> str:
    return DASH if rank is None else f"{rank}/{of}"


def comparison_rows(group: dict, lang: str) -> list[list[str]]:
    """The programme's municipalities in one group: indicator (unit), value, baseline, ranks, percentile, median."""
    rows = []
    for row in group["rows"]:
        indicator = row["indicator"]
        rows.append(
            [
                row["name"],
                f"{t(f'comparison.indicator.{indicator}', lang)} ({t(f'comparison.unit.{indicator}', lang)})",
                comparison_value(row["value"], indicator, lang),
                comparison_value(row["baseline_value"], indicator, lang),
                _rank(row["group_rank"], row["group_of"]),
                format_value(row["group_percentile"], "ratio", lang),
                _rank(row["national_rank"], row["national_of"]),
                comparison_value(row["group_median"], indicator, lang),
            ]
        )
    return rows
