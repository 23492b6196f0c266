"""Command line: ``python -m analysis extract|check|compare|report|corpus …``.

Exit status: 0 success; 1 the audit found errors (check) or some files failed
(corpus); 2 unusable input (the message names file, page and table).  Errors
are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .budget import read_budget
from .corpus.run import DEFAULT_TIMEOUT
from .errors import BudgetInputError
from .model import Problem
from .output import write_budget


class UsageError(ValueError):
    """Arguments that do not say what to do (one line, exit status 2)."""


class _Progress:
    """Page counter on stderr, only when stderr is a terminal."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.active = sys.stderr.isatty()

    def __call__(self, page: int) -> None:
        if self.active:
            print(f"\r{self.name}: page {page}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.active:
            print("\r" + " " * 60 + "\r", end="", file=sys.stderr, flush=True)


def _warn_problems(budget) -> None:
    """One warning line on stderr per thing printed but not read (the rest of the document is read)."""
    for problem in budget.problems.itertuples(index=False):
        page = None if problem.page is None or problem.page != problem.page else int(problem.page)
        row = None if problem.row is None or problem.row != problem.row else int(problem.row)
        line = Problem(**{**problem._asdict(), "page": page, "row": row}).one_line()
        print(f"warning: {line}", file=sys.stderr)


def _read(args: argparse.Namespace, files: list[str] | None = None):
    """The budget of ``args.pdf`` (or ``files``): one PDF, or the files of one budget published apart
    (narrative, tables)."""
    paths = [Path(p) for p in (files or args.pdf)]
    progress = _Progress(paths[0].name)
    budget = read_budget(paths if len(paths) > 1 else paths[0], use_cache=not args.no_cache, progress=progress)
    progress.done()
    _warn_problems(budget)
    return paths[0], budget


def _extract(args: argparse.Namespace) -> int:
    pdf, budget = _read(args)
    written = write_budget(budget, Path(args.out))
    files = " + ".join(p.name for p in budget.sources) or pdf.name
    print(
        f"{files}: {len(budget.pages)} pages, {len(budget.tables)} tables, "
        f"{len(budget.tidy)} amounts, {len(budget.indicators)} indicators"
    )
    if not budget.tables:
        kinds = set(budget.problems.kind)
        if "coverage" in kinds:
            print("no table was read, but pages print tables (see the warnings): tidy.csv is empty")
        elif "contents" in kinds:
            print(
                f"no tables printed in this file: {budget.problems[budget.problems.kind == 'contents'].reason.iloc[0]}"
            )
        else:
            print(f"no tables printed in this document (narrative only): {len(budget.narrative)} paragraphs read")
    for table in budget.tables:
        pages = f"p.{table.pages[0]}" + (f"-{table.pages[-1]}" if len(table.pages) > 1 else "")
        empty = " (printed empty)" if table.is_empty else ""
        if table.is_text:
            empty = f" (text only: {len(table.df)} rows, no amounts)"
        elif table.indicators_read:
            empty = f" ({table.indicators_read} indicators)"
        unit = "words" if table.is_text else table.unit
        print(
            f"  {pages:<9} {table.name or '(untitled)'}{empty} [{unit}; {table.reader}] "
            f"validation {table.validation.status}: "
            f"{table.validation.summary()}"
        )
        for check in table.validation.failed:
            print(f"      FAILED {check.description}: printed {check.actual}, sum {check.expected} ({check.location})")
    print(f"wrote {written['tidy']} and {len(budget.tables)} tables under {Path(args.out) / 'tables'}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .audit import memo, run_audit

    _, budget = _read(args)
    # last year's document of the same unit and kind: another unit, kind or year is refused (exit 2)
    prior = _read(args, args.prior)[1] if args.prior else None
    report = run_audit(budget, prior)
    findings = report.frame(include_passed=args.all)
    if args.format == "text":
        sys.stdout.write(memo(report))
    elif args.format == "json":
        sys.stdout.write(findings.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        findings.to_csv(sys.stdout, index=False)
    return 1 if report.has_errors else 0


def _compare_documents(documents: list[str], final: list[str] | None) -> tuple[list[str], list[str]]:
    """The budget's files and the final accounts' files: ``BUDGET FINAL``, or ``BUDGET… --final FINAL…``."""
    if final:
        return documents, final
    if len(documents) != 2:
        raise UsageError(
            f"compare: give BUDGET.pdf FINAL.pdf, or the budget's files then --final FINAL.pdf "
            f"({len(documents)} file{'s' if len(documents) != 1 else ''} given without --final)"
        )
    return documents[:1], documents[1:]


def _compare(args: argparse.Namespace) -> int:
    from .budget_execution import compare
    from .budget_execution.text import render

    budget, final = _compare_documents(args.documents, args.final)
    execution = compare(
        budget[0] if len(budget) == 1 else budget, final[0] if len(final) == 1 else final, measure=args.measure
    )  # another unit or year, or files that are not halves of one document: exit 2
    sys.stdout.write(render(execution, args.format))
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import build_report

    pdf = [Path(p) for p in args.pdf] if args.pdf else None
    if pdf is not None:
        pdf = pdf if len(pdf) > 1 else pdf[0]
        read_budget(pdf)  # unusable input fails here, with its one-line message
    final = Path(args.final) if args.final else None
    if final is not None:
        read_budget(final)
    index = build_report(pdf, args.out, hide_code=args.hide_code, workers=args.workers, progress=_say, final=final)
    print(f"report: {index}")
    return 0


def _corpus(args: argparse.Namespace) -> int:
    from .corpus import Progress, find_pdfs, read_corpus, write_corpus

    files = find_pdfs(args.inputs)
    if not files:
        print(f"error: no PDF files in {args.inputs}", file=sys.stderr)
        return 2
    progress = Progress(len(files))
    corpus = read_corpus(
        files,
        workers=args.workers,
        scheduler=args.scheduler,
        use_cache=not args.no_cache,
        progress=progress,
        timeout=args.timeout,
    )
    written = write_corpus(corpus, args.out)
    docs = corpus.documents
    print(
        f"{len(docs)} documents read, {len(corpus.failures)} failed, {len(corpus.tidy)} amounts, "
        f"{corpus.seconds:.1f} s ({corpus.engine}, {corpus.workers} workers)"
    )
    for failure in corpus.failures.itertuples():
        print(f"  FAILED {failure.reason}")
    print(f"wrote {written['tidy']}, {written['duckdb']} and {written['failures']}")
    return 1 if len(corpus.failures) else 0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="extract every table of a budget PDF to CSV")
    extract.add_argument("pdf", nargs="+", help="budget PDF (or the PDFs of one budget: narrative, tables)")
    extract.add_argument("--out", required=True, help="output folder")
    extract.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    extract.set_defaults(func=_extract)
    check = sub.add_parser("check", help="consistency audit: tables against tables, narrative against tables")
    check.add_argument("pdf", nargs="+", help="budget PDF (or the PDFs of one budget: narrative, tables)")
    check.add_argument("--format", choices=["text", "json", "csv"], default="text", help="memo (text) or findings")
    check.add_argument("--all", action="store_true", help="json/csv: list the identities that hold too")
    check.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    check.add_argument(
        "--prior",
        nargs="+",
        metavar="PRIOR",
        help="last year's document of the same unit and kind (one PDF or the PDFs it is published as): "
        "rates stated against last year's figures are recomputed from it",
    )
    check.set_defaults(func=_check)
    compare = sub.add_parser("compare", help="budget against its final accounts (预算 vs 决算): execution by code")
    compare.add_argument(
        "documents",
        nargs="+",
        metavar="PDF",
        help="BUDGET.pdf FINAL.pdf (部门预算, 部门决算); with --final: the budget's PDFs (narrative, tables)",
    )
    compare.add_argument(
        "--final",
        nargs="+",
        metavar="FINAL",
        help="the final accounts (部门决算) of the same unit and year: one PDF or the PDFs it is published as",
    )
    compare.add_argument("--format", choices=["text", "csv", "json"], default="text", help="memo (text) or the table")
    compare.add_argument(
        "--measure", choices=["total", "basic", "project"], default="total", help="function rows: 合计/基本/项目支出"
    )
    compare.set_defaults(func=_compare)
    report = sub.add_parser("report", help="run the notebooks on a PDF and write an HTML report")
    report.add_argument(
        "pdf", nargs="*", help="budget PDF, or the PDFs of one budget (narrative, tables); default: the bundled sample"
    )
    report.add_argument("--out", required=True, help="output folder (index.html and the rendered notebooks)")
    report.add_argument("--hide-code", action="store_true", help="leave the code out of the rendered notebooks")
    report.add_argument("--workers", type=int, default=2, help="notebooks run at once (default 2)")
    report.add_argument("--final", help="the final accounts (部门决算) of the same unit and year: compare them")
    report.set_defaults(func=_report)
    corpus = sub.add_parser("corpus", help="read many PDFs in parallel into a Parquet/DuckDB panel")
    corpus.add_argument("inputs", help="a folder of PDFs (searched recursively) or a glob pattern")
    corpus.add_argument("--out", required=True, help="output folder")
    corpus.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    corpus.add_argument("--scheduler", default=None, help="Dask distributed scheduler address (tcp://host:8786)")
    corpus.add_argument("--no-cache", action="store_true", help="read every file afresh")
    corpus.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time limit per document; a file that takes longer is stopped and listed as failed "
        f"(default {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )
    corpus.set_defaults(func=_corpus)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BudgetInputError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
