"""``read_budget``: the whole extraction pipeline, cached by the file's SHA-256.

pages → grids (camelot) → stitched tables → typed tables → validation →
tidy table, indicators and narrative.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from functools import cache as _memo
from pathlib import Path

import pandas as pd

from . import cache
from .errors import NotABudgetError
from .extract.coverage import coverage_problems
from .extract.reader import PageContent, check_pdf_file, read_pages
from .extract.stitch import stitch
from .model import TIDY_COLUMNS, Budget, Problem, Table, problem_frame
from .transform.contents import contents_pages, missing_from_contents
from .transform.econ import column_econ_codes
from .transform.indicators import indicator_frame
from .transform.narrative import document_meta, narrative_frame, page_frame
from .transform.tables import table_problems, tidy_frame, to_table
from .validate import validate_table


@_memo
def extractor_version() -> str:
    """A digest of the package's own source: any code change invalidates the cache."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for source in sorted(root.rglob("*.py")):
        digest.update(source.relative_to(root).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_budget(path: str | Path, *, use_cache: bool = True, progress: Callable[[int], None] | None = None) -> Budget:
    """Read a departmental budget PDF into a :class:`Budget`.

    Results are cached by the file's SHA-256 (see :mod:`analysis.cache`), so a
    second read of the same file costs only a file hash and an unpickle.
    Raises a :class:`~analysis.errors.BudgetInputError` naming the file (and
    page and table where relevant) for input that cannot be read.
    """
    path = Path(path)
    check_pdf_file(path)
    sha = file_sha256(path)
    if use_cache:
        hit = cache.load(sha, extractor_version())
        if hit is not None:
            hit.path = path
            return hit
    budget = extract_budget(path, sha, progress)
    if use_cache:
        cache.store(sha, extractor_version(), budget)
    return budget


def extract_budget(path: Path, sha: str, progress: Callable[[int], None] | None = None) -> Budget:
    pages = read_pages(path, progress)
    return build_budget(path, sha, pages)


def build_budget(path: Path, sha: str, pages: list[PageContent]) -> Budget:
    raw_tables = stitch(pages)
    narrative = narrative_frame(pages)
    if not raw_tables and not _looks_like_budget(narrative):
        raise NotABudgetError(path, "no budget tables and no budget narrative found (not a 预算/决算 document?)")
    units = Counter(t.unit for t in raw_tables if t.unit and t.unit != "人")
    default_unit = units.most_common(1)[0][0] if units else "万元"
    tables: list[Table] = []
    problems: list[Problem] = []
    for raw in raw_tables:
        table = to_table(raw, default_unit, path)
        validate_table(table)
        tables.append(table)
        problems.extend(table_problems(table, path))
    problems += coverage_problems(pages, {n for t in raw_tables for n in t.pages}, path, contents_pages(narrative))
    missing = missing_from_contents(narrative, tables)
    if missing:
        problems.append(
            Problem(
                "contents",
                path.name,
                missing[0].page,
                "",
                None,
                "",
                "; ".join(e.name for e in missing),
                f"the 目录 lists {len(missing)} table{'s' if len(missing) > 1 else ''} that this file does not print"
                + (" (published as a separate file?)" if not tables else ""),
            )
        )
    tidy_parts = [tidy_frame(t, column_econ_codes(t)) for t in tables]
    tidy = (
        pd.concat([p for p in tidy_parts if not p.empty], ignore_index=True)
        if any(not p.empty for p in tidy_parts)
        else pd.DataFrame(columns=TIDY_COLUMNS)
    )
    targets = [t for t in tables if t.key == "performance_targets"]
    indicators = indicator_frame(targets)
    return Budget(
        path=path,
        sha256=sha,
        pages=page_frame(pages, raw_tables),
        tables=tables,
        tidy=tidy,
        indicators=indicators,
        narrative=narrative,
        meta=document_meta(pages, tables),
        problems=problem_frame(problems),
    )


def _looks_like_budget(narrative: pd.DataFrame) -> bool:
    text = "".join(narrative["text"]) if not narrative.empty else ""
    return any(word in text for word in ("预算", "决算")) and any(
        word in text for word in ("收入", "支出", "万元", "元")
    )
