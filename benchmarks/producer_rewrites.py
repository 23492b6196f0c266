"""The same budgets written again by other PDF producers: read alike, or said to be unreadable.

    python benchmarks/producer_rewrites.py [PDF …]     (default: tests/fixtures/realworld/*.pdf)

Each PDF is rewritten by the converters installed on the machine — poppler's ``pdftocairo -pdf`` (rules and
stroked text become cairo paths), Ghostscript's ``pdfwrite`` (fonts re-embedded, sometimes without their
Unicode maps), printed to PostScript by Ghostscript and distilled again by ``ps2pdf`` (fonts re-encoded in
the order of first use, or turned into Type 3 fonts), ``mutool clean`` (streams rewritten) and ``mutool
convert`` (pages drawn again through MuPDF's device) — and read again. Per rewrite: the tidy rows that
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

GS = ["gs", "-q", "-dNOPAUSE", "-dBATCH"]
#: name → the commands writing ``{dst}`` from ``{src}`` (``{ps}``: a PostScript file between them)
REWRITES = {
    "cairo": [["pdftocairo", "-pdf", "{src}", "{dst}"]],
    "gs": [[*GS, "-sDEVICE=pdfwrite", "-sOutputFile={dst}", "{src}"]],
    "ps2pdf": [[*GS, "-sDEVICE=ps2write", "-sOutputFile={ps}", "{src}"], ["ps2pdf", "{ps}", "{dst}"]],
    "mutool": [["mutool", "clean", "-gggg", "{src}", "{dst}"]],
    "mu-conv": [["mutool", "convert", "-o", "{dst}", "{src}"]],
}


def _rows(budget) -> Counter:
    t = budget.tidy
    return Counter(zip(t.table_key, t.row_label, t.column, t.amount, t.page, strict=True))


def main(paths: list[str]) -> None:
    warnings.simplefilter("ignore")
    paths = paths or sorted(str(p) for p in (ROOT / "tests/fixtures/realworld").glob("*.pdf"))
    tools = {name: cmds for name, cmds in REWRITES.items() if all(shutil.which(cmd[0]) for cmd in cmds)}
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
            for tool, cmds in tools.items():
                dst, ps = Path(tmp) / f"{tool}_{name}", Path(tmp) / f"{tool}_{name}.ps"
                runs = (
                    subprocess.run([a.format(src=path, dst=dst, ps=ps) for a in cmd], capture_output=True, timeout=600)
                    for cmd in cmds
                )
                if any(run.returncode for run in runs) or not dst.exists():
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
