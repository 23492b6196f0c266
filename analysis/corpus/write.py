"""Writing the panel: Parquet (tidy partitioned by year), failures.csv, corpus.duckdb, datapackage.json.

Every table is written with the columns and types declared in
:mod:`analysis.schema`, also when it has no rows (a batch without any
绩效目标表, or of narrative-only documents): a Parquet file with the schema
and no rows, a DuckDB table that exists and is empty.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..schema import CORPUS, to_arrow
from .run import Corpus

#: the panel's tables beside the tidy amounts (figures, pairs and execution: budget against final accounts)
TABLES = ("documents", "tables", "indicators", "findings", "figures", "problems", "pairs", "execution")


def write_corpus(corpus: Corpus, out: str | os.PathLike) -> dict[str, Path]:
    """Write the panel under ``out``; returns the paths written by name."""
    import duckdb
    import pyarrow.parquet as pq

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    arrow = {name: to_arrow(getattr(corpus, name), CORPUS[name]) for name in ("tidy", *TABLES, "failures")}
    tidy_dir = out / "tidy.parquet"
    if tidy_dir.exists():
        shutil.rmtree(tidy_dir)
    if arrow["tidy"].num_rows:
        tidy = arrow["tidy"]
        years = [0 if y is None else y for y in tidy.column("year").to_pylist()]
        tidy = tidy.set_column(tidy.schema.get_field_index("year"), "year", _int64(years))
        pq.write_to_dataset(tidy, root_path=tidy_dir, partition_cols=["year"])
    else:  # no partitions to write: one file with the schema and no rows
        tidy_dir.mkdir()
        pq.write_table(arrow["tidy"], tidy_dir / "part-0.parquet")
    written["tidy"] = tidy_dir
    tables_dir = out / "tables"
    tables_dir.mkdir(exist_ok=True)
    for name in TABLES:
        path = tables_dir / f"{name}.parquet"
        pq.write_table(arrow[name], path)
        written[name] = path
    failures = out / "failures.csv"
    corpus.failures.to_csv(failures, index=False, columns=CORPUS["failures"].names)
    written["failures"] = failures
    database = out / "corpus.duckdb"
    if database.exists():
        database.unlink()
    with duckdb.connect(str(database)) as con:
        for name, table in arrow.items():
            con.register("incoming", table)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
            con.unregister("incoming")
    written["duckdb"] = database
    written["datapackage"] = _write_datapackage(corpus, arrow, out)
    return written


def _int64(values: list[int]):
    import pyarrow as pa

    return pa.array(values, type=pa.int64())


def _write_datapackage(corpus: Corpus, arrow: dict, out: Path) -> Path:
    def resource(name: str, path: str, fmt: str, description: str) -> dict:
        schema = CORPUS[name]
        return {
            "name": name,
            "path": path,
            "format": fmt,
            "description": description,
            "schema": schema.frictionless(arrow[name].column_names),
        }

    resources = [
        resource("tidy", "tidy.parquet", "parquet", "one row per printed amount, with the document's keys; by year"),
        *(resource(n, f"tables/{n}.parquet", "parquet", CORPUS[n].description) for n in TABLES),
        resource("failures", "failures.csv", "csv", CORPUS["failures"].description),
    ]
    package = {
        "name": "budget-corpus",
        "title": "Departmental budgets (部门预算) read from PDF",
        "resources": resources,
        "database": f"corpus.duckdb (DuckDB: tables tidy, {', '.join(TABLES)}, failures)",
    }
    path = out / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
