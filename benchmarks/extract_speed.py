"""Extraction speed on one PDF, as ratios to plain camelot on the same file.

    python benchmarks/extract_speed.py [PDF] [--repeat N]

Measures (best of N runs, fresh processes not needed: nothing is cached in memory):
  camelot default  camelot.read_pdf(pages="all")                        (lattice, combined engine)
  camelot vector   camelot.read_pdf(pages="all", engine="vector", split_text=True)
  ours, cold       analysis.read_budget(use_cache=False): tables, tidy, indicators, narrative
  ours, cached     analysis.read_budget() with a warm cache (hash + unpickle)
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best_of(repeat: int, func) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", default=str(ROOT / "data/raw/2023_chengdu_etemc_budget.pdf"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-default", action="store_true", help="skip camelot's slow default engine")
    args = parser.parse_args()
    os.environ["BUDGET_CACHE_DIR"] = tempfile.mkdtemp(prefix="budget-bench-")

    import camelot

    from analysis import read_budget

    warnings.simplefilter("ignore")
    rows = []
    if not args.skip_default:
        t, tables = best_of(1, lambda: camelot.read_pdf(args.pdf, pages="all"))
        rows.append(("camelot default lattice", t, len(tables)))
    t_vec, tables = best_of(
        args.repeat, lambda: camelot.read_pdf(args.pdf, pages="all", engine="vector", split_text=True)
    )
    rows.append(("camelot vector lattice", t_vec, len(tables)))
    t_cold, budget = best_of(args.repeat, lambda: read_budget(args.pdf, use_cache=False))
    rows.append(("read_budget cold", t_cold, len(budget.tables)))
    read_budget(args.pdf)  # fill the cache
    t_cached, budget = best_of(args.repeat, lambda: read_budget(args.pdf))
    rows.append(("read_budget cached", t_cached, len(budget.tables)))

    t_default = rows[0][1] if not args.skip_default else None
    readers = Counter(t.reader for t in budget.tables)
    print(f"{Path(args.pdf).name}: {len(budget.pages)} pages, best of {args.repeat}; tables by reader: {dict(readers)}")
    print(f"{'run':<26}{'seconds':>9}{'tables':>8}{'÷ camelot vector':>18}{'÷ camelot default':>19}")
    for name, seconds, count in rows:
        default = f"{seconds / t_default:>19.2f}" if t_default else f"{'-':>19}"
        print(f"{name:<26}{seconds:>9.3f}{count:>8}{seconds / t_vec:>18.2f}{default}")


if __name__ == "__main__":
    main()
