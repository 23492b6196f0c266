"""Consistency audit: tables against tables, narrative against tables.

>>> from analysis import read_budget, audit
>>> findings = audit(read_budget("data/raw/2023_chengdu_etemc_budget.pdf"))
>>> findings[findings.severity == "error"]
"""

from __future__ import annotations

import pandas as pd

from ..model import Budget
from .catalogue import RULES, rule_catalogue
from .core import AuditContext, AuditReport, Outcome
from .memo import memo


def run_audit(budget: Budget, rules=RULES) -> AuditReport:
    """Run every rule; the report holds each rule's outcomes (passed, failed, not run)."""
    ctx = AuditContext(budget)
    outcomes: dict[str, list[Outcome]] = {}
    for rule in rules:
        outcomes[rule.id] = list(rule.check(ctx))
    return AuditReport(budget, list(rules), outcomes)


def audit(budget: Budget) -> pd.DataFrame:
    """The findings DataFrame: failed identities and rules that could not run."""
    return run_audit(budget).findings


__all__ = ["RULES", "AuditReport", "audit", "memo", "rule_catalogue", "run_audit"]
