"""Recall and precision of the tidy table against the amounts printed in table regions.

python benchmarks/realworld_coverage.py PDF [PDF …]
"""

from __future__ import annotations

import sys

from analysis import read_budget
from analysis.errors import BudgetInputError
from analysis.extract.coverage import coverage
from analysis.extract.reader import read_pages


def main(paths: list[str]) -> None:
    print(f"{'file':<52}{'tables':>7}{'printed':>9}{'tidy':>7}{'recall':>9}{'precision':>10}  validation")
    for path in paths:
        try:
            budget = read_budget(path)
        except BudgetInputError as exc:
            print(f"{path.rsplit('/', 1)[-1]:<52} error: {exc.reason}")
            continue
        cov = coverage(read_pages(path), budget.tidy, budget.indicators)
        report = budget.validation_report()
        status = ", ".join(f"{k} {v}" for k, v in report.status.value_counts().items()) if len(report) else "-"
        print(
            f"{budget.path.name:<52}{len(budget.tables):>7}{cov.printed:>9}{cov.extracted:>7}"
            f"{cov.recall:>9.2%}{cov.precision:>10.2%}  {status}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
