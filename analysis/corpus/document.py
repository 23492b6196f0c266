"""One document of a corpus: its rows of the panel, or its failure, cached by SHA-256 and package version.

A document read once — successfully or not — is remembered in the cache
(``kind="corpus"``) under its file hash and the package version, so a re-run
reads neither the file nor its failure again.  A document stopped by the time
limit is remembered with that limit: a later run with a longer limit tries it
again.  A document's audit against last year's document of the batch is
remembered apart (``kind="corpus-prior"``, under both hashes), so the entry of
the document alone never depends on which other documents a batch holds.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

from ..errors import BudgetInputError
from ..schema import DOCUMENT_KEYS

#: each document's frames of the panel (``figures``: what the budget against final accounts compares)
#: ``problems``: what each document prints but was not read (cells, pages, tables)
FRAMES = ("tidy", "tables", "indicators", "findings", "figures", "problems")


def worker_name() -> str:
    return f"{os.uname().nodename}:{os.getpid()}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cached(path: Path, sha: str, timeout: float | None, started: float) -> dict | None:
    """The remembered result of a file with this hash, relabelled for ``path``, or ``None``.

    A failure remembered from a time limit shorter than ``timeout`` (or with no
    limit now) is not used: the file gets its longer chance.
    """
    from .. import cache
    from ..budget import extractor_version

    hit = cache.load(sha, extractor_version(), kind="corpus")
    if hit is None:
        return None
    limit = hit.get("timeout")
    if "failure" in hit and limit is not None and (timeout is None or timeout > limit):
        return None
    return relabel(hit, path, started)


def remember(result: dict, sha: str, timeout: float | None = None) -> None:
    """Store a result (or a failure; a time-limit failure with its limit) for this hash and package version."""
    from .. import cache
    from ..budget import extractor_version

    if not sha or result.get("transient"):
        return
    entry = {k: v for k, v in result.items() if k != "from_cache"}
    if timeout is not None:
        entry["timeout"] = timeout
    cache.store(sha, extractor_version(), entry, kind="corpus")


def relabel(result: dict, path: Path, started: float) -> dict:
    """A remembered entry for this file's name and path (identical files may have several names)."""
    if "failure" in result:
        return {"failure": {**result["failure"], "file_name": path.name, "path": str(path)}, "from_cache": True}
    result = dict(result)
    old = result["document"]["file_name"]
    result["document"] = {
        **result["document"],
        "file_name": path.name,
        "path": str(path),
        "seconds": time.perf_counter() - started,
        "worker": worker_name(),
        "peak_rss_mb": peak_rss_mb(),
        "from_cache": True,
    }
    for key in FRAMES:
        frame = result[key].assign(file_name=path.name)
        for column in ("source", "file"):  # the rows' own naming of their file
            if column in frame.columns:
                frame[column] = frame[column].where(frame[column] != old, path.name)
        result[key] = frame
    return result


def failure(path: Path, sha: str, reason: str, transient: bool = False) -> dict:
    """A failure record; ``transient`` ones (the machine, not the file) are not remembered."""
    record = {"failure": {"file_name": path.name, "path": str(path), "sha256": sha, "reason": reason}}
    return {**record, "transient": True} if transient else record


def read_in_process(path: Path, use_cache: bool, started: float) -> dict:
    """Read one PDF in this process into picklable parts of the panel, or a failure record.

    Never raises for a bad document.
    """
    from ..audit import run_audit
    from ..budget import file_sha256, read_budget
    from ..budget_execution.figures import document_figures
    from ..explore import table_map

    sha = file_sha256(path) if path.is_file() else ""
    try:
        budget = read_budget(path, use_cache=use_cache)
        report = run_audit(budget)
        figures = document_figures(budget)
    except BudgetInputError as exc:
        return failure(path, sha, exc.one_line())
    except (MemoryError, OSError) as exc:  # the machine, not the file: try again next time
        return failure(path, sha, f"{path.name}: {type(exc).__name__}: {exc}".splitlines()[0], transient=True)
    except Exception as exc:  # an unexpected error is still one file's failure, never the batch's
        return failure(path, sha, f"{path.name}: unexpected error: {type(exc).__name__}: {exc}".splitlines()[0])
    meta = budget.meta
    validation = budget.validation_report()
    document = {
        "doc_id": budget.sha256[:12],
        "file_name": path.name,
        "path": str(path),
        "sha256": budget.sha256,
        "title": meta.get("title", ""),
        "unit_name": meta.get("unit_name", ""),
        "unit_code": meta.get("unit_code", ""),
        "year": meta.get("year"),
        "kind": meta.get("kind", ""),
        "pages": meta.get("pages"),
        "tables": len(budget.tables),
        "amounts": len(budget.tidy),
        "indicators": len(budget.indicators),
        "tables_failing_validation": int((validation.status == "failed").sum()) if len(validation) else 0,
        **audit_counts(report),
        "seconds": time.perf_counter() - started,
        "worker": worker_name(),
        "peak_rss_mb": peak_rss_mb(),
        "from_cache": False,
    }
    keys = {c: document[c] for c in DOCUMENT_KEYS.names}

    def with_keys(frame):
        # a frame's own column of the same name (the unit named on a 绩效目标表 form) is kept
        return frame.assign(**{k: v for k, v in keys.items() if k not in frame.columns})

    return {
        "document": document,
        "tidy": with_keys(budget.tidy),
        "tables": with_keys(table_map(budget)),
        "indicators": with_keys(budget.indicators),
        "findings": with_keys(report.frame(include_passed=False)),
        "figures": with_keys(figures),
        "problems": with_keys(budget.problems),
    }


def audit_counts(report) -> dict:
    """The document's audit in three numbers (columns of the documents table)."""
    findings = report.findings
    failed = findings[findings.status == "failed"]
    return {
        "audit_errors": int((failed.severity == "error").sum()),
        "audit_warnings": int((failed.severity == "warning").sum()),
        "audit_rules_not_run": int((report.summary().ran == 0).sum()),
    }


def audit_with_prior_in_process(path: Path, prior: Path, use_cache: bool) -> dict:
    """The audit of ``path`` run with ``prior`` as last year's document of the same unit and kind, in this
    process: ``{"findings": …, "audit_errors": …, …}``, or ``{"error": reason}``.  Never raises.

    Both documents were read by the batch already: with the cache, their readings come from it (the PDFs
    are not read again).
    """
    from ..audit import run_audit
    from ..budget import read_budget

    try:
        report = run_audit(read_budget(path, use_cache=use_cache), read_budget(prior, use_cache=use_cache))
    except BudgetInputError as exc:  # PriorDocumentError among them: the documents' own words refuse the pairing
        return {"error": exc.one_line()}
    except (MemoryError, OSError) as exc:  # the machine, not the files
        return {"error": f"{type(exc).__name__}: {exc}".splitlines()[0], "transient": True}
    except Exception as exc:
        return {"error": f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0]}
    return {"findings": report.frame(include_passed=False), **audit_counts(report)}


def cached_prior(path: Path, prior: Path, key: str) -> dict | None:
    """The remembered audit of a file against last year's (``key``: both hashes), or ``None``.

    Used only for the same two file names: the findings' messages name last year's file.
    """
    from .. import cache
    from ..budget import extractor_version

    hit = cache.load(key, extractor_version(), kind="corpus-prior")
    if hit is None or hit.get("names") != (path.name, prior.name):
        return None
    return {**hit, "from_cache": True}


def remember_prior(result: dict, path: Path, prior: Path, key: str) -> None:
    """Store an audit against last year's document (never an error) for both hashes and both names."""
    from .. import cache
    from ..budget import extractor_version

    if key and "error" not in result:
        entry = {k: v for k, v in result.items() if k != "from_cache"}
        cache.store(key, extractor_version(), {**entry, "names": (path.name, prior.name)}, kind="corpus-prior")
