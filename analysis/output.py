"""Writing a :class:`Budget` to disk: tidy.csv, one CSV per table, datapackage.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from .model import Budget, Table
from .transform.indicators import INDICATOR_COLUMNS

TIDY_FIELDS = {
    "table_key": ("string", "standard table key (analysis.specs)"),
    "table_title": ("string", "the table's printed title"),
    "table_label": ("string", "the printed label, e.g. 表3-1, 附表4"),
    "row_index": ("integer", "0-based body row of the stitched table"),
    "row_label": ("string", "the row's printed code and name cells joined by one space"),
    "func_code": ("string", "function classification code (类 3, 款 5, 项 7 digits)"),
    "econ_code": ("string", "economic classification code of the row"),
    "column": ("string", "header path of the column, levels joined by /"),
    "column_econ_code": ("string", "economic classification code of the column"),
    "amount": ("number", "exact amount in 万元 (counts for 人 tables)"),
    "amount_printed": ("string", "the cell text as printed"),
    "unit_printed": ("string", "unit printed above the table: 万元, 元 or 人"),
    "page": ("integer", "1-based PDF page where the cell is printed"),
    "source": ("string", "the PDF file the page belongs to (a budget may be published as two files)"),
}


def table_slug(index: int, table: Table) -> str:
    label = re.sub(r"[^\w]+", "_", table.label).strip("_")
    return f"{index:02d}_{table.key}" + (f"_{label}" if label else "")


def table_frame(table: Table) -> pd.DataFrame:
    """A table as written to CSV: amounts as plain decimal text, blanks empty."""
    frame = table.df.copy()
    for column in table.money_columns:
        frame[column] = [format(v, "f") if v is not None else "" for v in frame[column]]
    return frame


def write_budget(budget: Budget, out: Path) -> dict[str, Path]:
    """Write tidy.csv, tables/*.csv, indicators.csv, narrative.csv and datapackage.json."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "tables").mkdir(exist_ok=True)
    written = {"tidy": out / "tidy.csv"}
    budget.tidy.to_csv(written["tidy"], index=False, encoding="utf-8")
    resources = [_resource("tidy", "tidy.csv", TIDY_FIELDS, "one row per printed amount")]
    for index, table in enumerate(budget.tables, start=1):
        slug = table_slug(index, table)
        path = out / "tables" / f"{slug}.csv"
        table_frame(table).to_csv(path, index=False, encoding="utf-8")
        fields = {
            name: (
                "number" if kind in ("money", "count") else "string",
                f"{kind}; unit {table.unit}" if kind in ("money", "count") else kind,
            )
            for name, kind in table.column_kinds.items()
        }
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
        budget.indicators.to_csv(written["indicators"], index=False, encoding="utf-8")
        resources.append(
            _resource(
                "indicators",
                "indicators.csv",
                {c: ("string", "") for c in INDICATOR_COLUMNS},
                "project performance indicators, one row per indicator",
            )
        )
    written["narrative"] = out / "narrative.csv"
    budget.narrative.to_csv(written["narrative"], index=False, encoding="utf-8")
    resources.append(
        _resource(
            "narrative",
            "narrative.csv",
            {
                "page": ("integer", ""),
                "part": ("string", ""),
                "section": ("string", ""),
                "text": ("string", ""),
                "source": ("string", "the PDF file of the page"),
            },
            "narrative paragraphs with their page, part and section",
        )
    )
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


def _resource(name: str, path: str, fields: dict, description: str, unit: str | None = None) -> dict:
    resource = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", name.lower()),
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "encoding": "utf-8",
        "description": description,
        "schema": {
            "fields": [{"name": n, "type": t, **({"description": d} if d else {})} for n, (t, d) in fields.items()]
        },
    }
    if unit:
        resource["unit"] = unit
    return resource
