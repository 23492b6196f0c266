"""Cost of comparing a budget with its final accounts, against reading the two PDFs.

python benchmarks/execution_speed.py [BUDGET_PDF FINAL_PDF] [--repeat N]

Default pair: tests/fixtures/realworld/swu_2023_*.pdf.  Times, in one run: a cold read of both files
(no cache), a cached read, the figures of each document, and the whole comparison on documents already
read; prints each as seconds and as a ratio of the cold read.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIR = [
    ROOT / "tests" / "fixtures" / "realworld" / f"swu_2023_{n}.pdf" for n in ("department_budget", "final_accounts")
]


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", default=[str(p) for p in PAIR])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from analysis import read_budget
    from analysis.budget_execution import compare, document_figures

    budget_pdf, final_pdf = (Path(p) for p in args.pdfs)
    cold = best(lambda: [read_budget(p, use_cache=False) for p in (budget_pdf, final_pdf)], 1)
    budget, final = read_budget(budget_pdf), read_budget(final_pdf)
    cached = best(lambda: [read_budget(p) for p in (budget_pdf, final_pdf)], args.repeat)
    figures = best(lambda: [document_figures(d) for d in (budget, final)], args.repeat)
    comparison = best(lambda: compare(budget, final), args.repeat)
    print(f"{budget_pdf.name} + {final_pdf.name}")
    for name, seconds in (("cold read (both)", cold), ("cached read (both)", cached), ("figures (both)", figures),
                          ("compare", comparison)):  # fmt: skip
        print(f"  {name:<20} {seconds:8.3f} s  {seconds / cold:6.3f} × cold read")


if __name__ == "__main__":
    main()
