"""The audit's objects: rules, their outcomes, and the report.

A rule is data (id, names, what it compares, severity, tolerance) plus one
small function that yields :class:`Outcome` objects, one per identity tested:
``passed``, ``failed`` or ``not_run`` (with the reason).  A rule that finds
nothing to test yields one ``not_run`` outcome saying why; it never passes
silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import pandas as pd

from ..errors import BudgetInputError
from ..model import Budget

SEVERITIES = ("error", "warning", "info")
FINDING_COLUMNS = [
    "rule",
    "rule_name",
    "rule_name_en",
    "severity",
    "status",
    "message",
    "expected",
    "actual",
    "difference",
    "location",
    "page",
]


@dataclass
class Outcome:
    """One identity tested by a rule."""

    status: str  # passed | failed | not_run
    message: str
    expected: str = ""
    actual: str = ""
    difference: str = ""
    location: str = ""
    page: int | None = None
    #: overrides the rule's severity (e.g. a rounding-size difference is a warning)
    severity: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    name_zh: str
    name_en: str
    scope: str  # table | tables | narrative | coverage
    compares: str
    severity: str
    tolerance: str
    check: Callable[[AuditContext], Iterable[Outcome]] = field(repr=False, compare=False)


class PriorDocumentError(BudgetInputError, ValueError):
    """A document given as last year's that is not: another unit, another kind (预算/决算) or a year that is
    not the one before (one line; the command line exits with status 2)."""


def check_prior(budget: Budget, prior: Budget) -> None:
    """Whether ``prior`` is last year's document of ``budget``: the same unit (the printed names, as
    :func:`analysis.unit_names.same_unit` compares them; the unit codes, where both print one), the same
    kind (预算 or 决算) and the year before.  A fact one of them does not print (a year, a unit name) cannot
    contradict it; one that contradicts it raises :class:`PriorDocumentError`."""
    from ..budget_execution.pairing import describe, file_names
    from ..unit_names import same_unit

    this, last = describe(budget), describe(prior)
    problems = []
    if this["kind"] != last["kind"]:
        problems.append(f"it is a {last['kind'] or '?'}, {this['file']} a {this['kind'] or '?'} (not the same kind)")
    if this["year"] and last["year"] and last["year"] != this["year"] - 1:
        problems.append(f"it is for {last['year']}, not {this['year'] - 1} (the year before {this['year']})")
    if same_unit(this["unit_name"], last["unit_name"]) is False:
        problems.append(f"it is of {last['unit_name']}, {this['file']} of {this['unit_name']}")
    if this["unit_code"] and last["unit_code"] and this["unit_code"] != last["unit_code"]:
        problems.append(f"unit code {last['unit_code']}, {this['file']} {this['unit_code']}")
    if problems:
        raise PriorDocumentError(
            prior.path, f"not last year's document of {file_names(budget)}: " + "; ".join(problems)
        )


@dataclass
class AuditContext:
    """What rules read: the budget and views computed once for all rules, and last year's document of
    the same unit and kind when one is given (``prior``: the rates stated against its figures)."""

    budget: Budget
    prior: Budget | None = None

    @cached_property
    def _claims_read(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        from ..transform.claims import read_claims

        return read_claims(self.budget.narrative, self.budget.meta.get("unit_name", ""))

    @property
    def claims(self) -> pd.DataFrame:
        """The narrative's claims (:func:`analysis.transform.claims.claims_frame`)."""
        return self._claims_read[0]

    @property
    def unmatched(self) -> pd.DataFrame:
        """Sentences carrying a percentage that no claim pattern reads."""
        return self._claims_read[1]

    @cached_property
    def several_files(self) -> bool:
        """Whether the narrative was read from several files (pages are then named with their file)."""
        narrative = self.budget.narrative
        return "source" in narrative and narrative.source.nunique() > 1

    def place(self, row) -> str:
        """``p.N`` of a narrative row, with its file when the narrative comes from several files."""
        source = getattr(row, "source", "") if self.several_files else ""
        return f"{source} p.{row.page}" if source else f"p.{row.page}"

    @cached_property
    def code_figures(self):
        from .figures import code_figures

        return code_figures(self.budget)

    @cached_property
    def function_figures(self):
        from .figures import function_figures

        return function_figures(self.budget)

    @cached_property
    def named_figures(self):
        from .figures import named_figures

        return named_figures(self.budget)


@dataclass
class AuditReport:
    """All outcomes of all rules on one budget."""

    budget: Budget
    rules: list[Rule]
    outcomes: dict[str, list[Outcome]]
    #: last year's document the rates were recomputed with, if one was given
    prior: Budget | None = None

    def frame(self, include_passed: bool = False) -> pd.DataFrame:
        rows = []
        by_id = {r.id: r for r in self.rules}
        for rule_id, outcomes in self.outcomes.items():
            rule = by_id[rule_id]
            for o in outcomes:
                if o.status == "passed" and not include_passed:
                    continue
                severity = "info" if o.status == "not_run" else (o.severity or rule.severity)
                if o.status == "passed":
                    severity = ""
                rows.append(
                    {
                        "rule": rule.id,
                        "rule_name": rule.name_zh,
                        "rule_name_en": rule.name_en,
                        "severity": severity,
                        "status": o.status,
                        "message": o.message,
                        "expected": o.expected,
                        "actual": o.actual,
                        "difference": o.difference,
                        "location": o.location,
                        "page": o.page,
                    }
                )
        frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
        frame["page"] = frame["page"].astype("Int64")
        return frame

    @property
    def findings(self) -> pd.DataFrame:
        """Failed identities and rules that could not run (never the passing ones)."""
        return self.frame()

    def summary(self) -> pd.DataFrame:
        """Per rule: how many identities ran, passed, failed, and could not run (with why)."""
        rows = []
        for rule in self.rules:
            outcomes = self.outcomes.get(rule.id, [])
            not_run = [o for o in outcomes if o.status == "not_run"]
            rows.append(
                {
                    "rule": rule.id,
                    "rule_name": rule.name_zh,
                    "rule_name_en": rule.name_en,
                    "severity": rule.severity,
                    "ran": sum(o.status != "not_run" for o in outcomes),
                    "passed": sum(o.status == "passed" for o in outcomes),
                    "failed": sum(o.status == "failed" for o in outcomes),
                    "not_run": len(not_run),
                    "why_not_run": "; ".join(dict.fromkeys(o.message for o in not_run)),
                }
            )
        return pd.DataFrame(rows)

    @property
    def has_errors(self) -> bool:
        frame = self.findings
        return bool(((frame.status == "failed") & (frame.severity == "error")).any())


def fmt(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return format(value, ",f")


def fmt_amount(value: Decimal) -> str:
    """An amount for a message read on screen: exact to the cent, else ``≈`` and two decimals
    (2,087,959 元 is 208.7959 万元: shown ≈208.80; the figures themselves stay exact)."""
    value = value.normalize() if isinstance(value, Decimal) else value
    if isinstance(value, Decimal) and -value.as_tuple().exponent > 2:
        return f"≈{value:,.2f}"
    return fmt(value)


def decimals(text: str) -> int:
    """Decimal places of a printed number (``"5,601.00"`` → 2, ``"5671"`` → 0)."""
    text = str(text).replace(",", "").rstrip("%％")
    return len(text.split(".")[1]) if "." in text else 0


def half_unit(text: str) -> Decimal:
    """Half a unit of the last printed digit: the rounding a printed figure may carry."""
    return Decimal(5) * Decimal(10) ** (-(decimals(text) + 1))
