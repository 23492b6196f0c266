"""The same budgets written again by other PDF producers: read alike, or said to be unreadable.

    python benchmarks/producer_rewrites.py [PDF …]     (default: tests/fixtures/realworld/*.pdf)

Each PDF is rewritten by the converters installed on the machine — poppler's ``pdftocairo -pdf`` (rules and
stroked text become cairo paths), Ghostscript's ``pdfwrite`` (fonts re-embedded, sometimes without their
Unicode maps) and ``mutool clean`` (streams rewritten) — and read again. Per rewrite: the tidy rows that
differ from the original's (table, row label, column, amount, page), the tables, and the problems. A rewrite
whose rows differ must say so in its problems (a page whose text no longer decodes is ``illegible``); a
difference without a problem is a silent one, marked ``SILENT``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import read_budget  # noqa: E402
from analysis.errors import BudgetInputError  # noqa: E402

#: name → command writing the second path from the first
REWRITES = {
    "cairo": ["pdftocairo", "-pdf", "{src}", "{dst}"],
    "gs": ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-sOutputFile={dst}", "{src}"],
    "mutool": ["mutool", "clean", "-gggg", "{src}", "{dst}"],
}


def _rows(budget) -> Counter:
    t = budget.tidy
    return Counter(zip(t.table_key, t.row_label, t.column, t.amount, t.page, strict=True))


def main(paths: list[str]) -> None:
    warnings.simplefilter("ignore")
    paths = paths or sorted(str(p) for p in (ROOT / "tests/fixtures/realworld").glob("*.pdf"))
    tools = {name: cmd for name, cmd in REWRITES.items() if shutil.which(cmd[0])}
    print(f"rewrites: {', '.join(tools) or 'none (install poppler-utils, ghostscript or mupdf-tools)'}")
    print(f"{'file':<46}{'rewrite':<8}{'rows':>12}{'differ':>8}{'tables':>9}{'problems':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            name = Path(path).name
            try:
                original = read_budget(path, use_cache=False)
            except BudgetInputError as exc:
                print(f"{name[:45]:<46}{'-':<8} error (exit 2): {exc.reason}")
                continue
            rows = _rows(original)
            for tool, cmd in tools.items():
                dst = Path(tmp) / f"{tool}_{name}"
                args = [a.format(src=path, dst=dst) for a in cmd]
                if subprocess.run(args, capture_output=True, timeout=600).returncode or not dst.exists():
                    print(f"{name[:45]:<46}{tool:<8} the converter failed")
                    continue
                try:
                    again = read_budget(dst, use_cache=False)
                except BudgetInputError as exc:
                    print(f"{name[:45]:<46}{tool:<8} refused (exit 2): {exc.reason[:80]}")
                    continue
                differ = sum((rows - _rows(again)).values()) + sum((_rows(again) - rows).values())
                added = len(again.problems) - len(original.problems)
                silent = "  SILENT" if differ and added <= 0 else ""
                print(
                    f"{name[:45]:<46}{tool:<8}{len(original.tidy):>6}→{len(again.tidy):<5}{differ:>8}"
                    f"{len(original.tables):>4}→{len(again.tables):<4}{len(original.problems):>4}→{len(again.problems):<5}"
                    f"{silent}"
                )


if __name__ == "__main__":
    main(sys.argv[1:])
