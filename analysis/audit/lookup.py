"""A narrative claim's figure in the tables: the rows printed under its function code or name, in its funds.

Shared by the rules that compare a stated figure with the tables (N01) and those that need a figure the
text leaves out (a rate stated with its change only: 其中：公务接待费增加 0.01 万元，增长 3.45%).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from ..specs import scope_named
from ..text import squash
from ..transform.amounts import UNIT_FACTORS, to_wanyuan
from .core import AuditContext, fmt, fmt_amount, half_unit
from .figures import (
    LEVEL_LENGTHS,
    THREE_PUBLIC_NAMES,
    level_key,
    named_levels,
    printed_level_names,
    scope_of,
    subject_names,
    summary_total_rows,
    three_public_figures,
    three_public_item,
    three_public_table,
    under_named_levels,
)

MONEY_UNITS = UNIT_FACTORS
THREE_PUBLIC_SUBJECT_RE = re.compile(r"三公|因公出国|公务用车|公务接待")
#: both totals of a 收支总表 named at once (收、支总计各 X 万元, read as 收支总计)
SUMMARY_TOTALS_RE = re.compile(r"收支(?:总计|合计)$")
#: one of them (收入总计、支出总计分别为 A、B 万元; 收、支总计各是 A、B 万元): its side's 总计 — not 本年收入合计,
#: which differs from it by the carry-overs
SUMMARY_SIDE_RE = re.compile(r"(?<!本年)(?P<side>收入|支出)总计$")


def claim_scope(c) -> str:
    """The funds a claim's section or subject names; all funds when neither names any."""
    return scope_named(f"{c.section} {c.subject}") or "all"


def same_scope(claim_scope: str, table_scope: str) -> bool:
    """Whether a table's figures cover the funds a claim speaks of (tables not compared by scope always do)."""
    if table_scope in ("", "income") or claim_scope == table_scope:
        return True
    return {claim_scope, table_scope} == {"fiscal", "gpb"}


def named_level_rows(ctx: AuditContext, levels: list[tuple[str, str]]) -> tuple[str, list] | None:
    """The table rows of the finest level a subject names, under the coarser levels it names.

    A 项 name recurs under many 款 (事业运行, 行政运行 …): a row named like the 项 counts only when its
    款 (and 类), where the tables print them, has the name the subject gives.  ``None`` when no coded
    row has the finest name (the rows are then looked up by name alone); no rows when every row of
    that name is under another 款 (the item is not printed).
    """
    budget = ctx.budget
    finest, level = levels[-1]
    rows = [
        (code, f)
        for code, figures in ctx.code_figures.items()
        if len(code) == LEVEL_LENGTHS[level]
        for f in figures
        if f.value is not None and level_key(f.name) == finest
    ]
    if not rows:
        return None
    kept = [(code, f) for code, f in rows if under_named_levels(code, levels, printed_level_names(ctx))]
    looked_up = "/".join(dict.fromkeys(code for code, _ in kept)) or finest
    return looked_up, [(f.table.name, f.value, scope_of(budget, f.table)) for _, f in kept]


def table_candidates(ctx: AuditContext, c) -> tuple[str, list[tuple[str, Decimal, str]]]:
    """(what was looked up, [(table, value in 万元, scope)]) for a claim: by its function code, else by its name.

    By name, a row's total is preferred to its other columns; a part the narrative lists under a total
    is not a table figure larger than that total.
    """
    budget = ctx.budget
    both, side = SUMMARY_TOTALS_RE.search(squash(c.subject)), SUMMARY_SIDE_RE.search(squash(c.subject))
    if both or side:  # 收、支总计各 X 万元: the 收支总表s' 总计 rows, both sides or the one named
        rows = [
            (table.name, to_wanyuan(table.df.at[i, column], table.unit), scope_of(budget, table))
            for table in budget.tables
            for i, income, spend, _, _ in summary_total_rows(table)
            for column in ((income, spend) if both else (income,) if side["side"] == "收入" else (spend,))
            if table.df.at[i, column] is not None
        ]
        if rows:
            return "收支总计" if both else f"{side['side']}总计", rows
    if c.func_code:
        rows = [f for f in ctx.code_figures.get(c.func_code, []) if f.value is not None]
        if rows:
            return c.func_code, [(f.table.name, f.value, scope_of(budget, f.table)) for f in rows]
    levels = named_levels(c.subject)
    if len(levels) > 1:
        coded = named_level_rows(ctx, levels)
        if coded is not None:
            return coded
    index = ctx.named_figures
    names = [n for n in subject_names(c.subject) if n in index]
    if not names:
        return "", []
    entries = list({(id(e.table), e.value, e.whole): e for n in names for e in index[n]}.values())
    entries = [e for e in entries if e.whole] or entries
    if pd.notna(c.parent_id):
        parent = ctx.claims.set_index("claim_id").loc[int(c.parent_id)]
        if parent.unit in MONEY_UNITS and pd.notna(parent.amount):
            limit = parent.amount * MONEY_UNITS[parent.unit] + half_unit(parent.amount_text)
            entries = [e for e in entries if e.value <= limit]
    return "/".join(names), [(e.table.name, e.value, scope_of(budget, e.table)) for e in entries]


def table_current(
    ctx: AuditContext, c, any_funds: bool = False
) -> tuple[tuple[Decimal, str, Decimal, str] | None, str]:
    """((this year's figure of what a claim speaks of, in the claim's unit; as shown; half a unit of its last
    printed digit; where it is printed), ``""``), or (``None``, why no single figure is found).

    For a claim stating only a change (其中：公务接待费增加 0.01 万元，增长 3.45%): its “三公” item in the
    “三公”经费表, else the rows under its function code or name in the tables of its funds (``any_funds``: of
    any funds — a share's part, whose whole is of the same tables) — used only when they all print one figure.
    """
    if c.unit not in ("", *MONEY_UNITS):
        return None, f"单位 {c.unit} 不是金额"
    factor = MONEY_UNITS[c.unit or "万元"]  # a claim stating no figure: in 万元
    table = three_public_table(ctx.budget)
    item = three_public_item([c.subject]) if THREE_PUBLIC_SUBJECT_RE.search(c.subject or "") else None
    if item and table is not None:
        figures, why = three_public_figures(table, ctx.budget.meta.get("year"))
        if item not in figures:
            return None, why or f"{table.name}未列{THREE_PUBLIC_NAMES[item]}"
        value, where_table = figures[item]
        return _shown(value / factor, where_table.split(", page")[0]), ""
    looked_up, candidates = table_candidates(ctx, c)
    scope = claim_scope(c)
    values = {v: t for t, v, s in candidates if any_funds or same_scope(scope, s)}
    if not values:
        return None, f"表中未列“{looked_up or c.subject}”" + ("（只有其他资金范围的表）" if candidates else "")
    if len(values) > 1:
        listing = "；".join(f"{t} {fmt_amount(v)}" for v, t in list(values.items())[:3])
        return None, f"表中“{looked_up}”不止一个金额（{listing}），无从确定本年数"
    ((value, table),) = values.items()
    return _shown(value / factor, table), ""


def _shown(value: Decimal, where: str) -> tuple[Decimal, str, Decimal, str]:
    """(value, as shown — at least to the cent, as the tables print it —, half a unit of its last digit, where)."""
    if -value.as_tuple().exponent < 2:
        value = value.quantize(Decimal("0.01"))  # exact: 3 万元 is shown 3.00
    text = fmt(value)
    return value, text, half_unit(text), f"{where} {text}"
