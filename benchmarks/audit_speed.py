"""Audit speed per PDF, as ratios to reading the document (cold, without the cache).

    python benchmarks/audit_speed.py [PDF ...] [--repeat N]

Measures (best of N runs):
  read cold    analysis.read_budget(use_cache=False)
  claims       the narrative's claims read by the pattern catalogue (analysis.transform.claims.read_claims)
  audit        analysis.run_audit: every rule, claims included
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import warnings
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
    parser.add_argument("pdfs", nargs="*", default=[str(ROOT / "data/raw/2023_chengdu_etemc_budget.pdf")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ["BUDGET_CACHE_DIR"] = tempfile.mkdtemp(prefix="budget-bench-")

    from analysis import read_budget, run_audit
    from analysis.transform.claims import read_claims

    warnings.simplefilter("ignore")
    print(f"{'file':<55} {'read cold':>10} {'claims':>10} {'audit':>10} {'audit/read':>11}")
    for pdf in args.pdfs:
        t_read, budget = best_of(1, lambda pdf=pdf: read_budget(pdf, use_cache=False))
        org = budget.meta.get("unit_name", "")
        t_claims, (claims, _) = best_of(args.repeat, lambda budget=budget, org=org: read_claims(budget.narrative, org))
        t_audit, report = best_of(args.repeat, lambda budget=budget: run_audit(budget))
        print(
            f"{Path(pdf).name:<55} {t_read:>9.2f}s {t_claims:>9.3f}s {t_audit:>9.3f}s {t_audit / t_read:>10.1%}"
            f"   ({len(claims)} claims, {int(report.summary().ran.sum())} identities)"
        )


if __name__ == "__main__":
    main()
