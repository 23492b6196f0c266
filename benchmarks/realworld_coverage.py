"""Coverage of the tidy table against what the PDF prints, as another reader sees it.

    python benchmarks/realworld_coverage.py [PDF …]     (default: tests/fixtures/realworld/*.pdf)

The reference is pdfplumber's (``tests/printed.py``): every amount printed inside
a ruled table region that pdfplumber finds, and every number printed on each
page — never the grids the package found, so a table the package misses is
counted as missed.  Per file: tables read (by reader), amounts printed in
tables, recall, precision, tables failing validation, and the problems the
package reports (cells it could not read, pages printing tables it did not
read, a 目录 listing tables the file does not print).  Needs the dev extras
(``pip install -e ".[dev]"``).
"""

from __future__ import annotations

import sys
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import read_budget  # noqa: E402
from analysis.errors import BudgetInputError  # noqa: E402
from tests.printed import coverage, printed  # noqa: E402


def main(paths: list[str]) -> None:
    warnings.simplefilter("ignore")
    paths = paths or sorted(str(p) for p in (ROOT / "tests/fixtures/realworld").glob("*.pdf"))
    print(f"{'file':<50}{'tables':>7}{'printed':>9}{'recall':>9}{'precision':>10}{'failing':>9}  problems; readers")
    totals = Counter()
    for path in paths:
        name = Path(path).name[:49]
        try:
            budget = read_budget(path)
        except BudgetInputError as exc:
            print(f"{name:<50} error (exit 2): {exc.reason}")
            continue
        cov = coverage(printed(path), budget.tidy, budget.indicators)
        failing = sum(t.validation.status == "failed" for t in budget.tables)
        problems = ", ".join(f"{k} {v}" for k, v in Counter(budget.problems.kind).items()) or "none"
        readers = ", ".join(f"{k} {v}" for k, v in Counter(t.reader for t in budget.tables).items()) or "-"
        print(
            f"{name:<50}{len(budget.tables):>7}{cov.printed:>9}{cov.recall:>9.2%}{cov.precision:>10.2%}"
            f"{failing:>9}  {problems}; {readers}"
        )
        for page, missed in sorted(cov.missed.items())[:3]:
            print(f"{'':<8}missed on page {page}: {', '.join(missed[:6])}")
        for page, invented in sorted(cov.invented.items())[:3]:
            print(f"{'':<8}not printed on page {page}: {', '.join(invented[:6])}")
        totals.update(printed=cov.printed, found=cov.found, extracted=cov.extracted, genuine=cov.genuine)
    if totals["printed"]:
        print(
            f"{'all':<50}{'':>7}{totals['printed']:>9}{totals['found'] / totals['printed']:>9.2%}"
            f"{totals['genuine'] / max(totals['extracted'], 1):>10.2%}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
