"""Reading a batch: worker processes on this machine or a Dask cluster, one time limit per document."""

from __future__ import annotations

import glob
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..schema import CORPUS
from .document import (
    audit_with_prior_in_process,
    cached,
    cached_prior,
    failure,
    read_in_process,
    remember,
    remember_prior,
)
from .prior import no_prior, prior_documents, with_prior
from .readers import Reader, ReaderError, Readers

#: seconds one document may take before it is stopped and listed as a failure
DEFAULT_TIMEOUT = 300.0

_READERS = Readers()  # the readers of read_document's callers (Dask worker threads, users)


def find_pdfs(spec: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """PDF paths from a folder (searched recursively), a glob pattern, or an iterable of paths."""
    if not isinstance(spec, (str, os.PathLike)):
        return [Path(p) for p in spec]
    spec = os.fspath(spec)
    if Path(spec).is_dir():
        return sorted(p for p in Path(spec).rglob("*") if p.suffix.lower() == ".pdf")
    return sorted(Path(p) for p in glob.glob(spec, recursive=True))


def read_document(
    path: str | os.PathLike, use_cache: bool = True, timeout: float | None = None, reader: Reader | None = None
) -> dict:
    """Read one PDF into picklable parts of the panel; never raises for a bad document.

    With ``timeout`` (seconds) the document is read in a child process that is
    stopped when the time is up; without, in this process.  Returns
    ``{"document": …, "tidy": …, …}`` or ``{"failure": {…, "reason": …}}``.
    """
    from ..budget import file_sha256

    path = Path(path)
    started = time.perf_counter()
    timeout = timeout or None
    sha = file_sha256(path) if path.is_file() else ""
    if use_cache and sha:
        hit = cached(path, sha, timeout, started)
        if hit is not None:
            return hit
    if timeout is None:
        result = read_in_process(path, use_cache, started)
    else:
        try:
            result = (reader or _READERS.current()).read(str(path), use_cache, timeout)
        except ReaderError as exc:
            return failure(path, sha, f"{path.name}: {exc}", transient=True)
        if result is None:
            result = failure(path, sha, f"{path.name}: stopped after {timeout:g} s (the time limit per document)")
            if use_cache:
                remember(result, sha, timeout)
            return result
    if use_cache:
        remember(result, sha)
    return result


def audit_against_prior(
    path: str | os.PathLike,
    prior: str | os.PathLike,
    use_cache: bool = True,
    timeout: float | None = None,
    reader: Reader | None = None,
) -> dict:
    """The audit of ``path`` run with ``prior`` as last year's document of the same unit and kind; never raises.

    Returns ``{"findings": …, "audit_errors": …, "audit_warnings": …, "audit_rules_not_run": …}`` or
    ``{"error": reason}``.  Both documents have been read by the batch: with the cache their readings come
    from it, not from the PDFs.  The result is remembered under both files' hashes (and names, which its
    messages carry) apart from each document's own entry, whose findings stay those of the document alone.
    ``timeout`` and ``reader``: as :func:`read_document`.
    """
    from ..budget import file_sha256

    path, prior = Path(path), Path(prior)
    timeout = timeout or None
    try:
        key = f"{file_sha256(path)}-{file_sha256(prior)}"
    except OSError as exc:
        return {"error": f"{type(exc).__name__}: {exc}".splitlines()[0], "transient": True}
    if use_cache:
        hit = cached_prior(path, prior, key)
        if hit is not None:
            return hit
    if timeout is None:
        result = audit_with_prior_in_process(path, prior, use_cache)
    else:
        try:
            result = (reader or _READERS.current()).audit(str(path), str(prior), use_cache, timeout)
        except ReaderError as exc:
            return {"error": str(exc), "transient": True}
        if result is None:
            return {"error": f"stopped after {timeout:g} s (the time limit per document)"}
    if use_cache and not result.get("transient"):
        remember_prior(result, path, prior, key)
    return result


@dataclass
class Corpus:
    """The panel of a batch of documents."""

    documents: pd.DataFrame
    tidy: pd.DataFrame
    tables: pd.DataFrame
    indicators: pd.DataFrame
    findings: pd.DataFrame
    failures: pd.DataFrame
    seconds: float = 0.0
    workers: int = 1
    engine: str = "local"
    extra: dict = field(default_factory=dict)
    #: each document's figures by section, scope, measure, role and code (budget_execution.document_figures)
    figures: pd.DataFrame = field(default_factory=CORPUS["figures"].empty)
    #: what each document prints but was not read: cells, pages and tables (never dropped silently)
    problems: pd.DataFrame = field(default_factory=CORPUS["problems"].empty)
    #: budgets and final accounts of the same unit and year
    pairs: pd.DataFrame = field(default_factory=CORPUS["pairs"].empty)

    @property
    def ok(self) -> bool:
        return self.failures.empty

    @cached_property
    def execution(self) -> pd.DataFrame:
        """The execution table (budget against final accounts) of every pair, with the pair's columns in front."""
        from ..budget_execution.panel import corpus_execution

        return corpus_execution(self.pairs, self.figures)


class Progress:
    """Files done, failed and time left, on one line of stderr."""

    def __init__(self, total: int, stream=None) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self.started = time.perf_counter()
        self.stream = stream if stream is not None else sys.stderr

    def __call__(self, result: dict) -> None:
        self.done += 1
        self.failed += "failure" in result
        elapsed = time.perf_counter() - self.started
        left = elapsed / self.done * (self.total - self.done)
        end = "\n" if self.done == self.total else ""
        print(
            f"\r[{self.done}/{self.total}] done {self.done - self.failed}, failed {self.failed}, "
            f"{elapsed:.0f} s elapsed, ~{left:.0f} s left   ",
            end=end,
            file=self.stream,
            flush=True,
        )


def _run_local(
    paths: list[str], workers: int, use_cache: bool, timeout: float | None, on_result
) -> tuple[list[dict], dict]:
    """Every document read, then each audited against last year's document of the batch (the same threads,
    each with its reading process)."""
    readers = Readers()

    def read(path: str) -> dict:
        return read_document(path, use_cache, timeout, reader=readers.current())

    def audit(path: str, prior: str) -> dict:
        return audit_against_prior(path, prior, use_cache, timeout, reader=readers.current())

    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            results = _gather([pool.submit(read, path) for path in paths], on_result)
            priors = prior_documents(_documents(results))
            audits = _gather([pool.submit(audit, r.path, r.prior_path) for r in priors.itertuples()])
    finally:
        readers.close()
    return results, _by_document(priors, audits)


def _gather(futures: list, on_result=None) -> list:
    """The futures' results in the order given, ``on_result`` called as each is done."""
    index = {future: i for i, future in enumerate(futures)}
    results: list = [None] * len(futures)
    for future in as_completed(futures):
        results[index[future]] = future.result()
        if on_result is not None:
            on_result(results[index[future]])
    return results


def _run_dask(
    paths: list[str], scheduler, use_cache: bool, timeout: float | None, on_result
) -> tuple[list[dict], dict]:
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        results = _dask_map(client, read_document, [paths], on_result, use_cache=use_cache, timeout=timeout)
        priors = prior_documents(_documents(results))
        audits = _dask_map(
            client,
            audit_against_prior,
            [list(priors.path), list(priors.prior_path)],
            use_cache=use_cache,
            timeout=timeout,
        )
        return results, _by_document(priors, audits)
    finally:
        if not isinstance(scheduler, Client):
            client.close()


def _dask_map(client, function, arguments: list[list], on_result=None, **options) -> list:
    """``function`` over the ``arguments`` on the cluster; results in the order given."""
    from distributed import as_completed as dask_completed

    if not arguments[0]:
        return []
    futures = client.map(function, *arguments, pure=False, **options)
    index = {future.key: i for i, future in enumerate(futures)}
    results: list = [None] * len(futures)
    for future in dask_completed(futures):
        results[index[future.key]] = future.result()
        if on_result is not None:
            on_result(results[index[future.key]])
    return results


def _by_document(priors: pd.DataFrame, audits: list[dict]) -> dict[str, tuple[dict, dict]]:
    """SHA-256 of each document audited against last year's → (its row of ``prior_documents``, the audit)."""
    return {row["sha256"]: (row, audit) for row, audit in zip(priors.to_dict("records"), audits, strict=True)}


def read_corpus(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    workers: int | None = None,
    scheduler=None,
    use_cache: bool = True,
    progress: Callable[[dict], None] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Corpus:
    """Read many budget PDFs in parallel into one :class:`Corpus`.

    ``workers``: documents read at once on this machine, each in its own
    process (default: one per core); ``scheduler``: a Dask distributed
    scheduler address (``tcp://host:8786``) or ``Client`` — the same
    per-document function then runs on the cluster.  ``timeout``: seconds one
    document may take (``None`` or 0: no limit); a document that takes longer
    is stopped and listed in ``failures`` with that reason.

    Once every document is read, a document whose last year's document of
    the same unit and kind is in the batch (:func:`~analysis.corpus.prior.
    prior_documents`) is audited again against it, on the same workers
    (:func:`audit_against_prior`), and its findings are those of that audit.
    """
    files = [str(p) for p in find_pdfs(paths)]
    workers = workers or os.cpu_count() or 1
    on_result = progress or (lambda result: None)
    started = time.perf_counter()
    timeout = timeout or None
    if scheduler is not None:
        results, audits = _run_dask(files, scheduler, use_cache, timeout, on_result)
        engine = "dask"
    else:
        results, audits = _run_local(files, workers, use_cache, timeout, on_result)
        engine = "local"
    return assemble(results, time.perf_counter() - started, workers, engine, prior_audits=audits)


def _documents(results: list[dict]) -> pd.DataFrame:
    """The documents table of per-document results (the failures left out)."""
    good = [r["document"] for r in results if "failure" not in r]
    documents = pd.DataFrame(good, columns=CORPUS["documents"].names) if good else CORPUS["documents"].empty()
    return no_prior(documents)


def assemble(
    results: list[dict],
    seconds: float = 0.0,
    workers: int = 1,
    engine: str = "local",
    prior_audits: dict[str, tuple[dict, dict]] | None = None,
) -> Corpus:
    """The panel from per-document results (documents in the order given); every frame has its declared columns.

    ``prior_audits``: SHA-256 of a document → (its row of :func:`~analysis.corpus.prior.prior_documents`,
    its :func:`audit_against_prior`); the document's findings and audit counts are then those of that audit.
    """
    from ..budget_execution.panel import pair_documents

    good = [r for r in results if "failure" not in r]
    audits = prior_audits or {}
    good = [with_prior(r, *audits[r["document"]["sha256"]]) if r["document"]["sha256"] in audits else r for r in good]

    def frame(key: str, rows: list[pd.DataFrame]) -> pd.DataFrame:
        rows = [r for r in rows if not r.empty]
        schema = CORPUS[key]
        return schema.conform(pd.concat(rows, ignore_index=True)) if rows else schema.empty()

    documents = _documents(good)
    failures = pd.DataFrame([r["failure"] for r in results if "failure" in r], columns=CORPUS["failures"].names)
    return Corpus(
        documents=documents,
        tidy=frame("tidy", [r["tidy"] for r in good]),
        tables=frame("tables", [r["tables"] for r in good]),
        indicators=frame("indicators", [r["indicators"] for r in good]),
        findings=no_prior(frame("findings", [r["findings"] for r in good])),
        failures=failures,
        figures=frame("figures", [r["figures"] for r in good]),
        problems=frame("problems", [r.get("problems", CORPUS["problems"].empty()) for r in good]),
        pairs=CORPUS["pairs"].conform(pair_documents(documents)),
        seconds=seconds,
        workers=workers,
        engine=engine,
    )
