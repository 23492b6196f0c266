"""Writing a :class:`Budget` to disk: tidy.csv, one CSV per table, problems.csv, datapackage.json."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd

from .model import Budget, Table
from .schema import INDICATORS, NARRATIVE, PROBLEMS, TIDY, Schema


def table_slug(index: int, table: Table) -> str:
    label = re.sub(r"[^\w]+", "_", table.label).strip("_")
    return f"{index:02d}_{table.key}" + (f"_{label}" if label else "")


def table_frame(table: Table) -> pd.DataFrame:
    """A table as written to CSV: amounts as plain decimal text, blanks empty."""
    frame = table.df.copy()
    for column in table.money_columns:
        frame[column] = [format(v, "f") if v is not None else "" for v in frame[column]]
    return frame


def write_budget(budget: Budget, out: str | os.PathLike) -> dict[str, Path]:
    """Write tidy.csv, tables/*.csv, indicators.csv, narrative.csv, problems.csv and datapackage.json under ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "tables").mkdir(exist_ok=True)
    written = {"tidy": out / "tidy.csv"}
    resources = [_write_frame(budget.tidy, TIDY, written["tidy"], "tidy.csv")]
    for index, table in enumerate(budget.tables, start=1):
        slug = table_slug(index, table)
        path = out / "tables" / f"{slug}.csv"
        table_frame(table).to_csv(path, index=False, encoding="utf-8")
        fields = [
            {"name": name, "type": "number", "description": f"{kind}; unit {table.unit}"}
            if kind in ("money", "count")
            else {"name": name, "type": "string", "description": kind}
            for name, kind in table.column_kinds.items()
        ]
        resources.append(
            _resource(
                slug,
                f"tables/{slug}.csv",
                fields,
                f"{table.name} ({table.name_en}); pages {table.pages[0]}-{table.pages[-1]}; read by {table.reader}; "
                f"validation: {table.validation.status} ({table.validation.summary()})",
                unit=table.unit,
            )
        )
        resources[-1].update(
            {"reader": table.reader, "pages": table.pages, "source": table.source, "table_key": table.key}
        )
    if not budget.indicators.empty:
        written["indicators"] = out / "indicators.csv"
        resources.append(_write_frame(budget.indicators, INDICATORS, written["indicators"], "indicators.csv"))
    written["narrative"] = out / "narrative.csv"
    resources.append(_write_frame(budget.narrative, NARRATIVE, written["narrative"], "narrative.csv"))
    # what was printed but not read travels with the data, not only on the terminal
    written["problems"] = out / "problems.csv"
    resources.append(_write_frame(budget.problems, PROBLEMS, written["problems"], "problems.csv"))
    package = {
        "profile": "tabular-data-package",
        "name": re.sub(r"[^a-z0-9-]+", "-", budget.path.stem.lower()).strip("-") or "budget",
        "title": budget.meta.get("title") or budget.path.name,
        "description": "Tables extracted from a departmental budget document (部门预算).",
        "sources": [{"title": budget.path.name, "path": budget.path.name, "sha256": budget.sha256}],
        "resources": resources,
    }
    written["datapackage"] = out / "datapackage.json"
    written["datapackage"].write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    return written


def _write_frame(frame: pd.DataFrame, schema: Schema, path: Path, relative: str) -> dict:
    """Write ``frame`` as CSV with the declared columns first; its resource entry."""
    frame = schema.conform(frame)
    frame.to_csv(path, index=False, encoding="utf-8")
    return _resource(schema.name, relative, schema.frictionless(list(frame.columns))["fields"], schema.description)


def _resource(name: str, path: str, fields: list[dict], description: str, unit: str | None = None) -> dict:
    resource = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", name.lower()),
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "encoding": "utf-8",
        "description": description,
        "schema": {"fields": fields},
    }
    if unit:
        resource["unit"] = unit
    return resource
