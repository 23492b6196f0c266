"""Many budgets at once: read a corpus of PDFs in parallel into one panel.

Each PDF is read independently — in worker processes on this machine
(``workers``), or on a Dask distributed cluster (``scheduler``: its address, or
a ``distributed.Client``) through the same function :func:`read_document`.
The per-file cache (by SHA-256) makes a re-run read only new or changed files.
One bad file never stops the batch: it becomes a failure record with its
one-line reason.

Output (:func:`write_corpus`): ``tidy.parquet/`` partitioned by year, with the
document's metadata on every row; ``tables/`` (documents, tables, indicators,
audit findings); ``failures.csv``; a DuckDB database ``corpus.duckdb`` with
the same tables; and ``datapackage.json``.
"""

from __future__ import annotations

import glob
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import pandas as pd

from .errors import BudgetInputError

DOC_COLUMNS = [
    "doc_id",
    "file_name",
    "path",
    "sha256",
    "title",
    "unit_name",
    "unit_code",
    "year",
    "kind",
    "pages",
    "tables",
    "amounts",
    "indicators",
    "tables_failing_validation",
    "audit_errors",
    "audit_warnings",
    "audit_rules_not_run",
    "seconds",
    "worker",
    "peak_rss_mb",
]
FAILURE_COLUMNS = ["file_name", "path", "sha256", "reason"]
#: the panel's tables written beside the tidy amounts
PANEL_TABLES = ("documents", "tables", "indicators", "findings", "pairs", "execution")
META_ON_ROWS = ["doc_id", "file_name", "sha256", "unit_name", "unit_code", "year", "kind"]


def find_pdfs(spec: str | Path | Iterable[str | Path]) -> list[Path]:
    """PDF paths from a folder (searched recursively), a glob pattern, or a list of paths."""
    if isinstance(spec, (list, tuple)):
        return [Path(p) for p in spec]
    spec = str(spec)
    if Path(spec).is_dir():
        return sorted(p for p in Path(spec).rglob("*") if p.suffix.lower() == ".pdf")
    return sorted(Path(p) for p in glob.glob(spec, recursive=True))


def read_document(path: str, use_cache: bool = True) -> dict:
    """Read one PDF (in whatever process runs this) into picklable parts of the panel.

    Never raises for a bad document: it returns ``{"failure": …}`` with the
    one-line reason instead.
    """
    from . import cache
    from .budget import extractor_version, file_sha256

    started = time.perf_counter()
    path_obj = Path(path)
    if use_cache and path_obj.is_file():
        # a document already in the panel once: its rows, without unpickling the Budget or re-auditing
        sha = file_sha256(path_obj)
        hit = cache.load(sha, extractor_version(), kind="corpus")
        if hit is not None:
            return _relabel(hit, path_obj, started)
    result = _read_document(path_obj, use_cache, started)
    if use_cache and "document" in result:
        cache.store(result["document"]["sha256"], extractor_version(), result, kind="corpus")
    return result


def _relabel(result: dict, path: Path, started: float) -> dict:
    """A cached panel entry for this file's name and path (identical files may have several names)."""
    result["document"] = {
        **result["document"],
        "file_name": path.name,
        "path": str(path),
        "seconds": time.perf_counter() - started,
        "worker": f"{os.uname().nodename}:{os.getpid()}",
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    for key in ("tidy", "tables", "indicators", "findings", "figures"):
        result[key] = result[key].assign(file_name=path.name)
    return result


def _read_document(path_obj: Path, use_cache: bool, started: float) -> dict:
    from .audit import run_audit
    from .budget import file_sha256, read_budget
    from .budget_execution import document_figures
    from .explore import table_map

    path = str(path_obj)
    try:
        budget = read_budget(path_obj, use_cache=use_cache)
        report = run_audit(budget)
        figures = document_figures(budget)
    except BudgetInputError as exc:
        sha = file_sha256(path_obj) if path_obj.is_file() else ""
        return {"failure": {"file_name": path_obj.name, "path": str(path), "sha256": sha, "reason": exc.one_line()}}
    except Exception as exc:  # an unexpected error is still one file's failure, never the batch's
        reason = f"{path_obj.name}: unexpected error: {type(exc).__name__}: {exc}".splitlines()[0]
        return {"failure": {"file_name": path_obj.name, "path": str(path), "sha256": "", "reason": reason}}
    meta = budget.meta
    doc_id = budget.sha256[:12]
    findings = report.findings
    failed = findings[findings.status == "failed"]
    summary = report.summary()
    validation = budget.validation_report()
    document = {
        "doc_id": doc_id,
        "file_name": path_obj.name,
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
        "audit_errors": int((failed.severity == "error").sum()),
        "audit_warnings": int((failed.severity == "warning").sum()),
        "audit_rules_not_run": int((summary.ran == 0).sum()),
        "seconds": time.perf_counter() - started,
        "worker": f"{os.uname().nodename}:{os.getpid()}",
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    ids = {c: document[c] for c in META_ON_ROWS}
    tables = table_map(budget).assign(**ids)
    return {
        "document": document,
        "tidy": budget.tidy.assign(**ids),
        "tables": tables,
        "indicators": budget.indicators.assign(**ids),
        "findings": report.frame(include_passed=False).assign(**ids),
        "figures": figures.assign(**ids),
    }


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
    #: each document's figures by scope, measure and code (budget_execution.document_figures)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: budgets and final accounts of the same unit and year
    pairs: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ok(self) -> bool:
        return self.failures.empty

    @cached_property
    def execution(self) -> pd.DataFrame:
        """The execution table (budget against final accounts) of every pair, with the pair's columns in front."""
        from .budget_execution.panel import corpus_execution

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


def _run_local(paths: list[str], workers: int, use_cache: bool, on_result) -> list[dict]:
    results: dict[str, dict] = {}
    if workers <= 1:
        for path in paths:
            results[path] = read_document(path, use_cache)
            on_result(results[path])
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(read_document, path, use_cache): path for path in paths}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                on_result(results[futures[future]])
    return [results[p] for p in paths]


def _run_dask(paths: list[str], scheduler, use_cache: bool, on_result) -> list[dict]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        futures = client.map(read_document, paths, use_cache=use_cache, pure=False)
        index = {f.key: p for f, p in zip(futures, paths, strict=True)}
        results: dict[str, dict] = {}
        for future in dask_completed(futures):
            results[index[future.key]] = future.result()
            on_result(results[index[future.key]])
        return [results[p] for p in paths]
    finally:
        if not isinstance(scheduler, Client):
            client.close()


def read_corpus(
    paths: str | Path | Iterable[str | Path],
    workers: int | None = None,
    scheduler=None,
    use_cache: bool = True,
    progress: Callable[[dict], None] | None = None,
) -> Corpus:
    """Read many budget PDFs in parallel into one :class:`Corpus`.

    ``workers``: worker processes on this machine (default: one per core);
    ``scheduler``: a Dask distributed scheduler address (``tcp://host:8786``)
    or ``Client`` — the same per-document function then runs on the cluster.
    """
    files = [str(p) for p in find_pdfs(paths)]
    workers = workers or os.cpu_count() or 1
    on_result = progress or (lambda result: None)
    started = time.perf_counter()
    if scheduler is not None:
        results = _run_dask(files, scheduler, use_cache, on_result)
        engine = "dask"
    else:
        results = _run_local(files, workers, use_cache, on_result)
        engine = "local"
    return assemble(results, time.perf_counter() - started, workers, engine)


def assemble(results: list[dict], seconds: float = 0.0, workers: int = 1, engine: str = "local") -> Corpus:
    """The panel from per-document results (documents in the order given)."""
    from .budget_execution.panel import pair_documents

    good = [r for r in results if "failure" not in r]

    def concat(key: str) -> pd.DataFrame:
        frames = [r[key] for r in good if not r[key].empty]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    documents = pd.DataFrame([r["document"] for r in good], columns=DOC_COLUMNS)
    return Corpus(
        documents=documents,
        tidy=concat("tidy"),
        tables=concat("tables"),
        indicators=concat("indicators"),
        findings=concat("findings"),
        failures=pd.DataFrame([r["failure"] for r in results if "failure" in r], columns=FAILURE_COLUMNS),
        seconds=seconds,
        workers=workers,
        engine=engine,
        figures=concat("figures"),
        pairs=pair_documents(documents),
    )


def _missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _arrow_table(frame: pd.DataFrame):
    """An Arrow table with exact decimal amounts and plain types (Decimal → decimal128(24, 6))."""
    import pyarrow as pa

    columns = {}
    for name in frame.columns:
        values = [None if _missing(v) else v for v in frame[name].tolist()]
        present = [v for v in values if v is not None]
        if name == "amount" or (present and all(isinstance(v, Decimal) for v in present)):
            quantum = Decimal("0.000001")
            columns[name] = pa.array(
                [Decimal(str(v)).quantize(quantum) if v is not None else None for v in values],
                type=pa.decimal128(24, 6),
            )
        elif present and all(isinstance(v, bool) for v in present):
            columns[name] = pa.array(values, type=pa.bool_())
        elif present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
            columns[name] = pa.array(values, type=pa.int64())
        elif present and all(isinstance(v, float) for v in present):
            columns[name] = pa.array(values, type=pa.float64())
        else:
            columns[name] = pa.array([None if v is None else str(v) for v in values], type=pa.string())
    return pa.table(columns)


def write_corpus(corpus: Corpus, out: str | Path) -> dict[str, Path]:
    """Write the panel: Parquet (tidy partitioned by year), failures.csv, corpus.duckdb, datapackage.json."""
    import duckdb
    import pyarrow.parquet as pq

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    tidy_dir = out / "tidy.parquet"
    if tidy_dir.exists():
        import shutil

        shutil.rmtree(tidy_dir)
    if not corpus.tidy.empty:
        tidy = corpus.tidy.copy()
        tidy["year"] = tidy["year"].fillna(0).astype(int)
        pq.write_to_dataset(_arrow_table(tidy), root_path=tidy_dir, partition_cols=["year"])
    else:
        tidy_dir.mkdir()
    written["tidy"] = tidy_dir
    tables_dir = out / "tables"
    tables_dir.mkdir(exist_ok=True)
    for name in PANEL_TABLES:
        frame = getattr(corpus, name)
        path = tables_dir / f"{name}.parquet"
        pq.write_table(_arrow_table(frame), path)
        written[name] = path
    failures = out / "failures.csv"
    corpus.failures.to_csv(failures, index=False)
    written["failures"] = failures
    database = out / "corpus.duckdb"
    if database.exists():
        database.unlink()
    with duckdb.connect(str(database)) as con:
        if not corpus.tidy.empty:
            con.execute(
                "CREATE TABLE tidy AS SELECT * FROM read_parquet(?, hive_partitioning = true)",
                [str(tidy_dir / "**" / "*.parquet")],
            )
        for name in PANEL_TABLES:
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet(?)", [str(tables_dir / f"{name}.parquet")])
        con.execute("CREATE TABLE failures AS SELECT * FROM read_csv_auto(?, all_varchar = true)", [str(failures)])
    written["duckdb"] = database
    written["datapackage"] = _write_datapackage(corpus, out)
    return written


FIELD_DOCS = {
    "doc_id": "first 12 hex digits of the PDF's SHA-256",
    "file_name": "the PDF's file name",
    "sha256": "SHA-256 of the PDF file",
    "unit_name": "department or unit name as printed in the document",
    "unit_code": "单位代码 as printed in the tables (empty when none is printed)",
    "year": "budget year as printed on the cover or in the title",
    "kind": "预算 (budget) or 决算 (final accounts)",
    "amount": "exact amount in 万元 (decimal, 6 places)",
}


def _write_datapackage(corpus: Corpus, out: Path) -> Path:
    def schema(frame: pd.DataFrame, extra: dict[str, str] | None = None) -> dict:
        fields = []
        for name in frame.columns:
            kind = "number" if name == "amount" or pd.api.types.is_numeric_dtype(frame[name]) else "string"
            fields.append({"name": name, "type": kind, "description": FIELD_DOCS.get(name, "")})
        return {"fields": fields + [{"name": k, "type": v} for k, v in (extra or {}).items()]}

    resources = [
        {
            "name": "tidy",
            "path": "tidy.parquet",
            "format": "parquet",
            "description": "one row per printed amount, with the document's metadata; partitioned by year",
            "schema": schema(corpus.tidy),
        }
    ]
    for name in PANEL_TABLES:
        resources.append(
            {
                "name": name,
                "path": f"tables/{name}.parquet",
                "format": "parquet",
                "schema": schema(getattr(corpus, name)),
            }
        )
    resources.append({"name": "failures", "path": "failures.csv", "format": "csv", "schema": schema(corpus.failures)})
    package = {
        "name": "budget-corpus",
        "title": "Departmental budgets (部门预算) read from PDF",
        "resources": resources,
        "database": f"corpus.duckdb (DuckDB: tables tidy, {', '.join(PANEL_TABLES)}, failures)",
    }
    path = out / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
