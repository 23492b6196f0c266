"""``read_budget``: the whole extraction pipeline, cached by the file's SHA-256.

pages → grids (camelot) → stitched tables → typed tables → validation →
tidy table, indicators and narrative.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache as _memo
from pathlib import Path

import pandas as pd

from . import cache
from .errors import MismatchedFilesError, NotABudgetError
from .extract.coverage import coverage_problems
from .extract.reader import PageContent, check_pdf_file, read_pages
from .extract.stitch import stitch
from .model import TIDY_COLUMNS, Budget, Problem, Table, problem_frame
from .transform.amounts import unit_of_text
from .transform.contents import contents_pages, missing_from_contents, titles_from_contents
from .transform.econ import column_econ_codes
from .transform.indicators import TARGET_KEYS, indicator_frame, indicator_problems
from .transform.narrative import document_meta, narrative_frame, page_frame
from .transform.tables import table_problems, tidy_rows, to_table
from .unit_names import same_unit
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


def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_budget(
    path: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    use_cache: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Budget:
    """Read a departmental budget PDF into a :class:`Budget`.

    ``path`` may also be a list of files that together make one budget (the
    narrative in one PDF, the tables in another, as some provinces publish):
    they are read as one document whose pages keep their file (see
    :func:`combine_budgets`).

    Results are cached by the file's SHA-256 (see :mod:`analysis.cache`), so a
    second read of the same file costs only a file hash and an unpickle.
    Raises a :class:`~analysis.errors.BudgetInputError` naming the file (and
    page and table where relevant) for input that cannot be read.
    """
    if isinstance(path, (list, tuple)):
        if len(path) == 1:
            return read_budget(path[0], use_cache=use_cache, progress=progress)
        return combine_budgets([read_budget(p, use_cache=use_cache, progress=progress) for p in path])
    path = Path(path)
    check_pdf_file(path)
    sha = file_sha256(path)
    if use_cache:
        hit = cache.load(sha, extractor_version())
        if hit is not None:
            hit.renamed(path)  # the file as given now (the cached reading may be of an identical file's)
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
    titles_from_contents(raw_tables, narrative)
    if not raw_tables and not _looks_like_budget(narrative):
        raise NotABudgetError(path, "no budget tables and no budget narrative found (not a 预算/决算 document?)")
    units = Counter(t.unit for t in raw_tables if t.unit and t.unit != "人")
    # a table printing its unit nowhere is in the unit of the other tables' unit lines, else in the unit the
    # narrative states its amounts in, else in 万元 (the template's unit)
    stated = unit_of_text(narrative["text"].tolist()) if not units and not narrative.empty else None
    default_unit, default_source = (
        (units.most_common(1)[0][0], "table") if units else (stated, "narrative") if stated else ("万元", "default")
    )
    tables: list[Table] = []
    problems: list[Problem] = []
    for raw in raw_tables:
        table = to_table(raw, default_unit, path, default_source)
        validate_table(table)
        tables.append(table)
        problems.extend(table_problems(table, path))
        problems.extend(
            Problem("coverage", path.name, page, table.name or "(untitled)", None, "", "", reason)
            for page, reason in [*raw.problems, *table.unread]
        )
    read = zip(raw_tables, tables, strict=True)
    empty = {id(part.grid): table.name for raw, table in read if table.is_empty for part in raw.parts}
    table_pages = {n for t in raw_tables for n in t.pages}
    problems += coverage_problems(pages, table_pages, path, contents_pages(narrative), empty)
    missing = missing_from_contents(narrative, tables)
    if missing:
        problems.append(_contents_problem(missing, path, bool(tables)))
    # the tables' rows one after another, made into one frame
    tidy_rows_read = [row for t in tables for row in tidy_rows(t, column_econ_codes(t))]
    tidy = pd.DataFrame(tidy_rows_read, columns=TIDY_COLUMNS) if tidy_rows_read else pd.DataFrame(columns=TIDY_COLUMNS)
    targets = [t for t in tables if t.key in TARGET_KEYS]
    indicators = indicator_frame(targets)
    problems += indicator_problems(targets)
    return Budget(
        path=path,
        sources=[path],
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


def combine_budgets(parts: list[Budget]) -> Budget:
    """Files that together make one budget (narrative and tables published apart) as one :class:`Budget`.

    Every table, amount, paragraph and page keeps the file it was read from
    (the ``source`` columns; pages are numbered within their file).  Files of
    different bodies (as :func:`analysis.unit_names.same_unit` compares their
    names), years or kinds (预算/决算) are not two halves of one
    budget: :class:`~analysis.errors.MismatchedFilesError`.
    """
    first = parts[0]
    for other in parts[1:]:
        a, b = first.meta, other.meta
        reasons = []
        if same_unit(a.get("unit_name", ""), b.get("unit_name", "")) is False:  # a name not printed: no objection
            reasons.append(f"bodies {a.get('unit_name')} and {b.get('unit_name')}")
        if a.get("year") and b.get("year") and a["year"] != b["year"]:
            reasons.append(f"years {a['year']} and {b['year']}")
        if a.get("kind") != b.get("kind"):
            reasons.append(f"a {a.get('kind')} and a {b.get('kind')}")
        if reasons:
            raise MismatchedFilesError(
                other.path,
                f"not the other half of {first.path.name}: {', '.join(reasons)} (one budget's files only)",
            )
    tables = [t for p in parts for t in p.tables]
    narrative = pd.concat([p.narrative for p in parts], ignore_index=True)
    kept = [p.problems[p.problems.kind != "contents"] for p in parts]
    problems = (
        pd.concat([k for k in kept if not k.empty], ignore_index=True)
        if any(not k.empty for k in kept)
        else first.problems.iloc[0:0]
    )
    missing = missing_from_contents(narrative, tables)
    if missing:
        extra = problem_frame([_contents_problem(missing, first.path, bool(tables))])
        problems = pd.concat([problems, extra], ignore_index=True) if not problems.empty else extra
    meta = dict(first.meta)
    for key in ("title", "year", "unit_name", "unit_code"):
        meta[key] = meta.get(key) or next((p.meta.get(key) for p in parts if p.meta.get(key)), meta.get(key))
    meta["pages"] = sum(p.meta.get("pages", len(p.pages)) for p in parts)
    digest = hashlib.sha256("".join(p.sha256 for p in parts).encode()).hexdigest()

    def frames(attr: str) -> pd.DataFrame:
        found = [getattr(p, attr) for p in parts if not getattr(p, attr).empty]
        return pd.concat(found, ignore_index=True) if found else getattr(first, attr)

    return Budget(
        path=first.path,
        sources=[s for p in parts for s in p.sources],
        sha256=digest,
        pages=frames("pages"),
        tables=tables,
        tidy=frames("tidy"),
        indicators=frames("indicators"),
        narrative=narrative,
        meta=meta,
        problems=problems,
    )


def _contents_problem(missing, path: Path, has_tables: bool) -> Problem:
    return Problem(
        "contents",
        path.name,
        missing[0].page,
        "",
        None,
        "",
        "; ".join(e.name for e in missing),
        f"the 目录 lists {len(missing)} table{'s' if len(missing) > 1 else ''} that this file does not print"
        + ("" if has_tables else " (published as a separate file?)"),
    )
