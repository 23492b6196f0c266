"""Consistency audit: tables against tables, narrative against tables.

>>> from analysis import read_budget, audit
>>> findings = audit(read_budget("data/raw/2023_chengdu_etemc_budget.pdf"))
>>> findings[findings.severity == "error"]
"""

from __future__ import annotations

import pandas as pd

from ..model import Budget
from .catalogue import RULES, rule_catalogue
from .core import AuditContext, AuditReport, Outcome, PriorDocumentError, check_prior
from .memo import memo


def run_audit(budget: Budget, prior: Budget | None = None, *, rules=RULES) -> AuditReport:
    """Run every rule; the report holds each rule's outcomes (passed, failed, not run).

    ``prior``: last year's document of the same unit and kind (a series of final accounts, or of budgets),
    read with :func:`analysis.read_budget`.  A rate the narrative states against last year's figure that
    neither the text nor this document's tables print (比2022年度决算数增长 Z%) is then recomputed from the
    figure ``prior`` prints for the same code or name, scope and measure.  A document of another unit,
    another kind or a year that is not the one before raises :class:`PriorDocumentError` (a ``ValueError``).
    """
    if prior is not None:
        check_prior(budget, prior)
    ctx = AuditContext(budget, prior)
    outcomes: dict[str, list[Outcome]] = {}
    for rule in rules:
        outcomes[rule.id] = list(rule.check(ctx))
    return AuditReport(budget, list(rules), outcomes, prior)


def audit(budget: Budget, prior: Budget | None = None) -> pd.DataFrame:
    """The findings DataFrame: failed identities and rules that could not run (``prior``: see :func:`run_audit`)."""
    return run_audit(budget, prior).findings


__all__ = ["RULES", "AuditReport", "PriorDocumentError", "audit", "check_prior", "memo", "rule_catalogue", "run_audit"]
