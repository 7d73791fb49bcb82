"""Budget lines: toimintakate, the roll-up of the line hierarchy and its reconciliation.

A budget's lines for one year and scenario form a tree (``code``, ``parent``).
Amounts are integer cents, income positive and costs negative, so every total
is a plain sum. Columns the functions expect:

``year, scenario, code, name, parent, category, amount_cents, unit_eur, partial``

``unit_eur`` is the unit the source table was rounded to (1 for euros, 1000 for
"1 000 €"); ``partial`` marks a "joista" parent whose children are a partial
breakdown.
"""

from __future__ import annotations

import csv
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from models.amounts import CENTS_PER_EURO

SCENARIOS = ("budget", "revised_budget", "actual", "forecast")
KEYS = ["year", "scenario"]


@dataclass(frozen=True)
class Category:
    code: str
    group: str
    parent: str | None
    order: int
    group_role: str  # what the group is in toimintakate: income, own_work, cost or result


@cache
def categories() -> dict[str, Category]:
    """The JHS 192 income-statement lines this product knows, from ``jhs192.csv``."""
    with Path(__file__).with_name("jhs192.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["category"]: Category(
                row["category"], row["group"], row["parent"] or None, int(row["order"]), row["group_role"]
            )
            for row in csv.DictReader(handle)
        }


@cache
def groups(*roles: str) -> tuple[str, ...]:
    """The JHS 192 groups with these roles in toimintakate (every group when none is named), in the file's order.

    >>> groups("income", "cost")
    ('toimintatuotot', 'toimintakulut')
    >>> groups()
    ('toimintakate', 'toimintatuotot', 'valmistus_omaan_kayttoon', 'toimintakulut')
    """
    return tuple(
        dict.fromkeys(found.group for found in categories().values() if not roles or found.group_role in roles)
    )


TOTAL_GROUPS = groups("income", "own_work", "cost")  # the groups toimintakate sums


def category_group(category: str | None) -> str | None:
    """The group a JHS 192 line belongs to.

    >>> category_group("elakekulut")
    'toimintakulut'
    >>> category_group("toimintakate")
    'toimintakate'
    """
    found = categories().get(category or "")
    return found.group if found else None


def is_cost(category: str | None) -> bool:
    """True for the lines of toimintakulut.

    >>> is_cost("palvelujen_ostot"), is_cost("myyntituotot")
    (True, False)
    """
    return category_group(category) in groups("cost")


def outermost_in_group(lines: pd.DataFrame) -> pd.Series:
    """True for lines whose parent is not in the same group (their group's top lines).

    Summing these per group counts every euro once: a total line such as
    "Toimintakulut" stands for its children, who are then not counted again.
    """
    _, _, tops = _tops_in_groups(lines)
    return pd.Series(tops, index=lines.index, dtype=bool)


def _tops_in_groups(lines: pd.DataFrame) -> tuple[list[tuple], list[str | None], list[bool]]:
    """Each line's (year, scenario), its JHS 192 group and whether it is its group's top line (``outermost_in_group``),
    in plain Python: a budget has hundreds of lines, where a pandas step costs more than the work."""
    group_of = {name: found.group for name, found in categories().items()}
    keys = list(zip(lines["year"], lines["scenario"], strict=True))
    groups = [group_of.get(category) for category in lines["category"]]
    group_by_line = dict(zip(zip(keys, lines["code"], strict=True), groups, strict=True))
    parents = lines["parent"]
    tops = [group != group_by_line.get((key, parent)) for key, parent, group in zip(keys, parents, groups, strict=True)]
    return keys, groups, tops


def toimintakate(lines: pd.DataFrame) -> pd.DataFrame:
    """Toimintatuotot, toimintakulut and toimintakate per year and scenario, in cents.

    toimintakate = toimintatuotot + valmistus omaan käyttöön + toimintakulut
    (costs are negative). Where the table itself reports a toimintakate line,
    ``reported_toimintakate`` carries it; the headline ``toimintakate`` is the
    reported one when present, else the computed sum.

    >>> rows = [
    ...     (2017, "budget", "kate", "Toimintakate", None, "toimintakate", -4373200000),
    ...     (2017, "budget", "tt", "Toimintatuotot", "kate", "toimintatuotot", 493200000),
    ...     (2017, "budget", "tk", "Toimintakulut", "kate", "toimintakulut", -4866400000),
    ...     (2017, "budget", "po", "Palvelujen ostot", "tk", "palvelujen_ostot", -580500000),
    ... ]
    >>> cols = ["year", "scenario", "code", "name", "parent", "category", "amount_cents"]
    >>> toimintakate(pd.DataFrame(rows, columns=cols)).iloc[0]["toimintakate"]
    np.int64(-4373200000)
    """
    columns = KEYS + list(TOTAL_GROUPS) + ["computed_toimintakate", "reported_toimintakate", "toimintakate"]
    if lines.empty:
        return pd.DataFrame(columns=columns)
    sums, reported = _group_sums(lines)  # plain Python: a budget has hundreds of lines, pandas steps cost more
    rows = []
    for key, by_group in sums.items():
        computed = sum(by_group.values())
        rows.append([*key, *by_group.values(), computed, reported.get(key), reported.get(key, computed)])
    types = {name: "int64" for name in columns[2:]} | {"year": lines["year"].dtype, "reported_toimintakate": "Int64"}
    totals = pd.DataFrame(rows, columns=columns).astype(types)
    totals.columns.name = "group"
    return totals.sort_values(KEYS, key=_scenario_order).reset_index(drop=True)


def headline_toimintakate(lines: pd.DataFrame) -> dict[tuple, int]:
    """(year, scenario) → the headline ``toimintakate`` of ``toimintakate(lines)`` (cents), without building its table:
    the reported line's where the budget has one, else the computed sum.

    >>> cols = ["year", "scenario", "code", "name", "parent", "category", "amount_cents"]
    >>> rows = [(2017, "budget", "tt", "Toimintatuotot", None, "toimintatuotot", 493200000),
    ...     (2017, "budget", "tk", "Toimintakulut", None, "toimintakulut", -4866400000)]
    >>> headline_toimintakate(pd.DataFrame(rows, columns=cols))  # 493 200 000 − 4 866 400 000
    {(2017, 'budget'): -4373200000}
    """
    sums, reported = _group_sums(lines)
    return {key: reported.get(key, sum(by_group.values())) for key, by_group in sums.items()}


def _group_sums(lines: pd.DataFrame) -> tuple[dict[tuple, dict[str, int]], dict[tuple, int]]:
    """Per (year, scenario) in order of first appearance: each toimintakate group's sum of its top lines
    (``outermost_in_group``), and the sum of the reported toimintakate lines where there are any."""
    keys, groups, tops = _tops_in_groups(lines)
    sums: dict[tuple, dict[str, int]] = {}
    reported: dict[tuple, int] = {}
    for key, group, top, category, amount in zip(
        keys, groups, tops, lines["category"], lines["amount_cents"], strict=True
    ):
        by_group = sums.setdefault(key, dict.fromkeys(TOTAL_GROUPS, 0))
        if top and group in by_group:
            by_group[group] += int(amount)
        if category == "toimintakate":
            reported[key] = reported.get(key, 0) + int(amount)
    return sums, reported


def parent_cycles(parents: Mapping[Hashable, Hashable | None]) -> list[list[Hashable]]:
    """The lines that are their own ancestors: each cycle once, in the order its first line meets it.

    A line whose parent is itself is a cycle of one. Lines merely below a
    cycle are not in it. Each line is walked once (linear in the lines).

    >>> parent_cycles({"a": "b", "b": "a", "c": "a", "d": "d", "e": None, "f": "x"})
    [['a', 'b'], ['d']]
    """
    state: dict[Hashable, int] = {}  # 1: on the current path, 2: done
    cycles = []
    for start in parents:
        path: list[Hashable] = []
        node = start
        while node in parents and node not in state:
            state[node] = 1
            path.append(node)
            node = parents[node]
        if node in state and state[node] == 1:
            cycles.append(path[path.index(node) :])
        for seen in path:
            state[seen] = 2
    return cycles


def _scenario_order(column: pd.Series) -> pd.Series:
    if column.name == "scenario":
        return column.map({name: i for i, name in enumerate(SCENARIOS)})
    return column


def rounding_tolerance_cents(unit_eur: int, rounded_figures: int) -> int:
    """The largest difference rounding alone can make between a total and its parts.

    Each figure rounded to ``unit_eur`` is off by at most half a unit, so a
    total and ``n`` children, all rounded, can differ by ``(n + 1) / 2`` units.
    Figures in whole euros (unit 1) carry no rounding: tolerance 0.

    >>> rounding_tolerance_cents(1000, 7)  # six children and their total, 1 000 €
    350000
    >>> rounding_tolerance_cents(1, 7)
    0
    """
    if unit_eur <= 1:
        return 0
    return rounded_figures * unit_eur * CENTS_PER_EURO // 2


def reconcile(lines: pd.DataFrame) -> pd.DataFrame:
    """Every parent line against the sum of its children.

    Returns one row per parent whose children do not add up exactly, with
    ``difference = parent − Σ children`` (cents) and a ``finding``:

    - ``remainder``: a "joista" (partial) parent; the part its children leave
      unexplained is information, not an error;
    - ``rounding``: within ``rounding_tolerance_cents(unit, n + 1)``, normal in
      rounded tables;
    - ``mismatch``: anything else, an error to show the user.
    """
    columns = KEYS + [
        "code",
        "name",
        "amount_cents",
        "children_cents",
        "children",
        "difference",
        "tolerance",
        "finding",
    ]
    if lines.empty:
        return pd.DataFrame(columns=columns)
    children = (
        lines.dropna(subset=["parent"])
        .groupby(KEYS + ["parent"])["amount_cents"]
        .agg(children_cents="sum", children="count")
        .rename_axis(index={"parent": "code"})
    )
    parents = lines.set_index(KEYS + ["code"]).join(children, how="inner").reset_index()
    parents["difference"] = parents["amount_cents"] - parents["children_cents"]
    unit = parents.get("unit_eur", pd.Series(1, index=parents.index)).fillna(1).astype(int)
    parents["tolerance"] = [rounding_tolerance_cents(u, n + 1) for u, n in zip(unit, parents["children"])]
    partial = parents.get("partial", pd.Series(False, index=parents.index)).fillna(False).astype(bool)
    within = parents["difference"].abs() <= parents["tolerance"]
    same_direction = (parents["difference"] * parents["amount_cents"]) >= 0
    parents["finding"] = "mismatch"
    parents.loc[within, "finding"] = "rounding"
    parents.loc[partial & same_direction, "finding"] = "remainder"
    found = parents[parents["difference"] != 0]
    return found[columns].reset_index(drop=True)


def line_tree(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines of one year and scenario in reading order, each with its ``depth``.

    Children follow their parent in the order they were given.
    """
    lines = lines.reset_index(drop=True)
    children: dict[object, list[int]] = {}
    for position, parent in enumerate(lines["parent"]):
        key = parent if isinstance(parent, str) and parent else None
        children.setdefault(key, []).append(position)
    known = set(lines["code"])
    roots = [i for i, parent in enumerate(lines["parent"]) if not (isinstance(parent, str) and parent in known)]
    order: list[tuple[int, int]] = []
    stack = [(i, 0) for i in reversed(roots)]
    seen: set[int] = set()
    while stack:
        position, depth = stack.pop()
        if position in seen:
            continue
        seen.add(position)
        order.append((position, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(lines.at[position, "code"], [])))
    frame = lines.iloc[[p for p, _ in order]].copy()
    frame["depth"] = [d for _, d in order]
    return frame.reset_index(drop=True)


def waterfall_steps(lines: pd.DataFrame) -> pd.DataFrame:
    """The steps from toimintatuotot to toimintakate for one year and scenario.

    Toimintatuotot first, then each top-level cost line (the children of the
    toimintakulut total where one line holds all costs), then toimintakate as
    the total. Only what no line explains is ``unexplained`` (rounding, the
    rest of a "joista" breakdown), never a top-level cost line of its own.
    Columns: ``label, amount_cents, measure`` (``absolute``, ``relative``, ``total``).
    """
    totals = toimintakate(lines)
    if totals.empty:
        return pd.DataFrame(columns=["label", "amount_cents", "measure"])
    first = totals.iloc[0]
    frame = lines.assign(group=lines["category"].map(category_group), top=outermost_in_group(lines))
    cost_tops = frame[frame["top"] & (frame["group"] == "toimintakulut")]
    children = frame[frame["parent"].isin(cost_tops["code"])]
    one_total = len(cost_tops) == 1 and cost_tops["category"].iloc[0] == "toimintakulut" and not children.empty
    steps = children if one_total else cost_tops
    rows = [("toimintatuotot", int(first["toimintatuotot"]), "absolute")]
    if first["valmistus_omaan_kayttoon"]:
        rows.append(("valmistus_omaan_kayttoon", int(first["valmistus_omaan_kayttoon"]), "relative"))
    rows += [(name, int(amount), "relative") for name, amount in zip(steps["name"], steps["amount_cents"])]
    explained = sum(amount for _, amount, _ in rows)
    if explained != int(first["toimintakate"]):
        rows.append(("unexplained", int(first["toimintakate"]) - explained, "relative"))
    rows.append(("toimintakate", int(first["toimintakate"]), "total"))
    return pd.DataFrame(rows, columns=["label", "amount_cents", "measure"])


def category_contains(upper: str | None, lower: str | None) -> bool:
    """True when JHS 192 line ``upper`` contains ``lower`` (a proper ancestor, not itself).

    >>> category_contains("toimintakulut", "elakekulut"), category_contains("toimintakulut", "toimintakulut")
    (True, False)
    >>> category_contains("toimintatuotot", "palvelujen_ostot")
    False
    """
    known = categories()
    parent = known[lower].parent if lower in known else None
    while parent:
        if parent == upper:
            return True
        parent = known[parent].parent
    return False


def common_category(found: list[str]) -> str | None:
    """The nearest JHS 192 line containing (or being) every one of ``found``: what their total is.

    >>> common_category(["palkat_ja_palkkiot", "elakekulut"])
    'henkilostokulut'
    >>> common_category(["myyntituotot", "palvelujen_ostot"])
    'toimintakate'
    >>> common_category(["toimintakulut"])
    'toimintakulut'
    """
    known = categories()

    def chain(category: str) -> list[str]:
        path = [category]
        while known[path[-1]].parent:
            path.append(known[path[-1]].parent)
        return path

    paths = [chain(c) for c in found if c in known]
    if not paths:
        return None
    shared = [c for c in paths[0] if all(c in path for path in paths[1:])]
    return shared[0] if shared else None


DIFF_COLUMNS = [*KEYS, "code", "name", "change", "old_cents", "new_cents", "difference_cents"]


def version_diff(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Lines added, removed and changed from one state of a budget to another, matched by year, scenario and code.

    ``difference_cents = new − old`` (a removed line counts as new 0, an added
    one as old 0). A line is ``changed`` when its amount, parent or category
    differs; lines that stay the same are left out.

    >>> cols = ["year", "scenario", "code", "name", "parent", "category", "amount_cents"]
    >>> old = pd.DataFrame([(2019, "budget", "a", "A", None, "myyntituotot", 100),
    ...                     (2019, "budget", "b", "B", None, "myyntituotot", 50)], columns=cols)
    >>> new = pd.DataFrame([(2019, "budget", "a", "A", None, "myyntituotot", 120),
    ...                     (2019, "budget", "c", "C", None, "myyntituotot", 10)], columns=cols)
    >>> version_diff(old, new)[["code", "change", "difference_cents"]].values.tolist()
    [['a', 'changed', 20], ['b', 'removed', -50], ['c', 'added', 10]]
    """
    keys = [*KEYS, "code"]
    fields = ["name", "parent", "category", "amount_cents"]
    merged = pd.merge(
        old[keys + fields], new[keys + fields], on=keys, how="outer", suffixes=("_old", "_new"), indicator=True
    )
    if merged.empty:
        return pd.DataFrame(columns=DIFF_COLUMNS)

    def differs(field: str) -> pd.Series:
        before, after = merged[f"{field}_old"], merged[f"{field}_new"]
        return ~((before == after) | (before.isna() & after.isna()))

    moved = differs("amount_cents") | differs("parent") | differs("category")
    change = pd.Series("same", index=merged.index)
    change[(merged["_merge"] == "both") & moved] = "changed"
    change[merged["_merge"] == "left_only"] = "removed"
    change[merged["_merge"] == "right_only"] = "added"
    old_cents = merged["amount_cents_old"].astype("Int64")
    new_cents = merged["amount_cents_new"].astype("Int64")
    result = merged[keys].assign(
        name=merged["name_new"].fillna(merged["name_old"]),
        change=change,
        old_cents=old_cents,
        new_cents=new_cents,
        difference_cents=new_cents.fillna(0) - old_cents.fillna(0),
    )
    result = result[result["change"] != "same"]
    return result.sort_values(keys, key=_scenario_order).reset_index(drop=True)[DIFF_COLUMNS]
