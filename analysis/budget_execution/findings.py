"""The final accounts' own budget columns (年初预算数, 调整预算数, 预算数) against the published budget.

A 决算 that prints the budget it is measured against should print the budget
that was published.  Each such figure is compared with the published budget's
figure of the same section, scope, measure and code; rules are declared as
data, like the audit's, and their outcomes use the audit's finding columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from ..audit.core import AuditReport, Outcome, Rule, fmt
from ..model import Budget
from ..specs import MEASURE_NAMES
from .figures import THREE_PUBLIC_ITEMS
from .table import scope_name


@dataclass
class PairContext:
    """What the pair rules read: both documents and their figures."""

    budget: Budget
    final: Budget
    budget_figures: pd.DataFrame
    final_figures: pd.DataFrame


ROLE_WORDS = {"initial": "年初预算数", "adjusted": "调整预算数", "printed_budget": "预算数"}
SECTION_WORDS = {"function": "功能分类", "economic": "经济分类", "three_public": "“三公”经费"}
ITEM_NAMES = {key: zh for key, zh, _ in THREE_PUBLIC_ITEMS}


def _label(row) -> str:
    scope = scope_name(row["scope"]) or "—"
    measure = MEASURE_NAMES[row["measure"]][0]
    if row["section"] == "three_public":
        return f"{SECTION_WORDS['three_public']} {scope} {ITEM_NAMES.get(row['code'], row['code'])}"
    what = f"{row['code']} {row['name_zh']}".strip() if row["code"] else "合计"
    return f"{SECTION_WORDS[row['section']]} {scope} {measure} {what}"


def _where(row) -> str:
    page = f" p.{int(row['page'])}" if pd.notna(row["page"]) else ""
    return f"{row['table']}{page}"


def printed_budget_rule(role: str):
    """A rule comparing the final accounts' ``role`` column (年初预算数 …) with the published budget."""

    def check(ctx: PairContext) -> Iterator[Outcome]:
        printed = ctx.final_figures[(ctx.final_figures.role == role) & ~ctx.final_figures.derived.astype(bool)]
        if printed.empty:
            yield Outcome("not_run", f"the final accounts print no {ROLE_WORDS[role]} column")
            return
        published = ctx.budget_figures[ctx.budget_figures.role == "budget"]
        index = {(r["section"], r["scope"], r["measure"], r["code"]): r for r in published.to_dict("records")}
        printed_keys = {(r["section"], r["scope"], r["measure"]) for r in published.to_dict("records")}
        missing: set[tuple] = set()
        for row in printed.to_dict("records"):
            key = (row["section"], row["scope"], row["measure"], row["code"])
            label = _label(row)
            if key[:3] not in printed_keys:
                if key[:3] in missing:
                    continue
                missing.add(key[:3])
                yield Outcome(
                    "not_run",
                    f"the published budget prints no {SECTION_WORDS[row['section']]} figures of "
                    f"{scope_name(row['scope']) or 'this scope'} {MEASURE_NAMES[row['measure']][0]} to compare "
                    f"the {ROLE_WORDS[role]} with",
                )
                continue
            other = index.get(key)
            value, expected = row["amount"], other["amount"] if other is not None else None
            where = _where(row) + (f"; published budget: {_where(other)}" if other is not None else "")
            if expected is None:
                ok = not value
                message = f"{label}: {ROLE_WORDS[role]} {fmt(value)}, the published budget prints no such figure"
            else:
                ok = value == expected
                verb = "equals" if ok else "differs from"
                message = f"{label}: {ROLE_WORDS[role]} {fmt(value)} {verb} the published budget's {fmt(expected)}"
            yield Outcome(
                "passed" if ok else "failed",
                message,
                expected=fmt(expected) if expected is not None else "",
                actual=fmt(value),
                difference=fmt(value - expected) if expected is not None else fmt(value),
                location=where,
                page=int(row["page"]) if pd.notna(row["page"]) else None,
            )

    return check


# fmt: off
PAIR_RULES: tuple[Rule, ...] = (
    Rule(
        "E01", "年初预算数与公开预算一致", "initial budget matches the published budget", "documents",
        "each 年初预算数 the final accounts print against the published budget's figure of the same "
        "scope, measure and code",
        "warning", "exact",
        printed_budget_rule("initial"),
    ),
    Rule(
        "E02", "预算数与公开预算一致", "budget column matches the published budget", "documents",
        "each 预算数 (a budget column naming neither 年初 nor 调整) the final accounts print against the published "
        "budget",
        "warning", "exact",
        printed_budget_rule("printed_budget"),
    ),
    Rule(
        "E03", "调整预算数与公开预算", "adjusted budget against the published budget", "documents",
        "each 调整预算数 (全年预算数) against the published budget: the year's adjustments",
        "info", "exact",
        printed_budget_rule("adjusted"),
    ),
)
# fmt: on


def printed_budget_findings(
    budget: Budget, final: Budget, budget_figures: pd.DataFrame, final_figures: pd.DataFrame
) -> AuditReport:
    """Run :data:`PAIR_RULES`; the report's ``findings`` are the differences (and the rules that could not run)."""
    ctx = PairContext(budget, final, budget_figures, final_figures)
    outcomes = {rule.id: list(rule.check(ctx)) for rule in PAIR_RULES}
    if all(o.status == "not_run" for rule_outcomes in outcomes.values() for o in rule_outcomes):
        # one line suffices when the final accounts print no budget column at all
        reasons = [o.message for rule_outcomes in outcomes.values() for o in rule_outcomes]
        if all(r.startswith("the final accounts print no") for r in reasons):
            outcomes = {
                "E01": [Outcome("not_run", "the final accounts print no 年初预算数, 调整预算数 or 预算数 column")],
                "E02": [],
                "E03": [],
            }
    return AuditReport(final, list(PAIR_RULES), outcomes)
