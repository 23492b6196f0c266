"""The columns of the tables the package writes, declared once: name, type and description.

``Budget.tidy``, ``tidy.csv`` and its ``datapackage.json``, and the corpus's
Parquet files and DuckDB tables all read their columns from here, so an empty
output still carries its declared columns and types.  Types are logical:

- ``string``; ``integer``; ``boolean``; ``float`` (timings, sizes);
- ``decimal``: an exact amount (``decimal.Decimal`` in memory, plain digits in
  CSV, ``DECIMAL(24, 6)`` in Parquet and DuckDB).

The tidy columns are the data contract of conventions.md: extend, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

#: logical type → (Frictionless type, DuckDB type)
TYPES = {
    "string": ("string", "VARCHAR"),
    "integer": ("integer", "BIGINT"),
    "boolean": ("boolean", "BOOLEAN"),
    "float": ("number", "DOUBLE"),
    "decimal": ("number", "DECIMAL(24, 6)"),
}
DECIMAL_PLACES = 6


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown type {self.type!r} of column {self.name!r}")


@dataclass(frozen=True)
class Schema:
    """The ordered columns of one table."""

    name: str
    description: str
    fields: tuple[Field, ...]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def __add__(self, other: Schema) -> Schema:
        ours = set(self.names)
        return Schema(self.name, self.description, self.fields + tuple(f for f in other.fields if f.name not in ours))

    def empty(self) -> pd.DataFrame:
        """A frame with the declared columns and no rows."""
        return pd.DataFrame({f.name: pd.Series([], dtype=_pandas_dtype(f.type)) for f in self.fields})

    def conform(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with the declared columns first, in order (missing ones empty), then any others."""
        if frame.empty and not len(frame.columns):
            return self.empty()
        frame = frame.copy()
        for f in self.fields:
            if f.name not in frame.columns:
                frame[f.name] = None
        extra = [c for c in frame.columns if c not in set(self.names)]
        return frame[self.names + extra]

    def frictionless(self, columns: list[str] | None = None) -> dict:
        """A Frictionless Table Schema of the declared columns (and of ``columns`` beyond them, as strings)."""
        fields = [{"name": f.name, "type": TYPES[f.type][0], "description": f.description} for f in self.fields]
        fields += [{"name": c, "type": "string"} for c in (columns or []) if c not in set(self.names)]
        return {"fields": fields}

    def arrow(self):
        """The pyarrow schema of the declared columns."""
        import pyarrow as pa

        return pa.schema([(f.name, arrow_type(f.type)) for f in self.fields])


def arrow_type(kind: str):
    import pyarrow as pa

    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "float": pa.float64(),
        "decimal": pa.decimal128(24, DECIMAL_PLACES),
    }[kind]


def _pandas_dtype(kind: str) -> str:
    return {"string": "object", "integer": "Int64", "boolean": "boolean", "float": "float64", "decimal": "object"}[kind]


def missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def arrow_column(values: list, kind: str):
    """A pyarrow array of ``values`` as the logical type ``kind`` (amounts exact: Decimal → decimal128)."""
    import pyarrow as pa

    values = [None if missing(v) else v for v in values]
    if kind == "decimal":
        quantum = Decimal(1).scaleb(-DECIMAL_PLACES)
        values = [None if v is None else Decimal(str(v)).quantize(quantum) for v in values]
    elif kind == "integer":
        values = [None if v is None else int(v) for v in values]
    elif kind == "boolean":
        values = [None if v is None else bool(v) for v in values]
    elif kind == "float":
        values = [None if v is None else float(v) for v in values]
    else:
        values = [None if v is None else str(v) for v in values]
    return pa.array(values, type=arrow_type(kind))


def inferred_type(values: list) -> str:
    """The logical type of a column the schema does not declare, from its values."""
    present = [v for v in values if not missing(v)]
    if present and all(isinstance(v, Decimal) for v in present):
        return "decimal"
    if present and all(isinstance(v, bool) or type(v).__name__ == "bool_" for v in present):
        return "boolean"
    if present and all(isinstance(v, int) or type(v).__name__.startswith("int") for v in present):
        return "integer"
    if present and all(isinstance(v, float) for v in present):
        return "float"
    return "string"


def to_arrow(frame: pd.DataFrame, schema: Schema):
    """An Arrow table of ``frame`` with the declared types (and inferred ones for columns beyond the schema)."""
    import pyarrow as pa

    frame = schema.conform(frame)
    arrays, names = [], []
    for name in frame.columns:
        values = frame[name].tolist()
        declared = schema.field(name)
        arrays.append(arrow_column(values, declared.type if declared else inferred_type(values)))
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)


def _fields(*rows: tuple[str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(*row) for row in rows)


TIDY = Schema(
    "tidy",
    "one row per printed amount",
    _fields(
        ("table_key", "string", "standard table key (analysis.specs)"),
        ("table_title", "string", "the table's printed title"),
        ("table_label", "string", "the printed label, e.g. 表3-1, 附表4; empty if none"),
        ("row_index", "integer", "0-based body row of the stitched table"),
        (
            "row_label",
            "string",
            "the row's printed code and name cells joined by one space (in a table printed side by side, "
            "those of the amount's own side)",
        ),
        ("func_code", "string", "function classification code (类 3, 款 5, 项 7 digits); empty if none"),
        ("econ_code", "string", "economic classification code of the row; empty if none"),
        (
            "code_source",
            "string",
            "where func_code and econ_code come from: printed, or name (a row printed with its name only, its code "
            "found by name in the classification); empty if the row has no code",
        ),
        (
            "row_unit_code",
            "string",
            "单位编码 of the unit the row belongs to, in a table printing unit codes: the code printed on the row,"
            " or on the unit's own row above it (001002 | 某某中心, then its 201 … rows), down to the next unit or"
            " 合计; empty if none",
        ),
        (
            "row_unit_name",
            "string",
            "单位名称 of that unit, as printed on the unit's own row; empty if the table prints no such row",
        ),
        ("column", "string", "header path of the column, levels joined by /"),
        ("column_econ_code", "string", "economic classification code of the column; empty if none"),
        (
            "amount",
            "decimal",
            "exact amount in 万元, plain digits (a count for a column or row of counts: 人数, 数量, 保有量（辆）;"
            " a percentage, as printed, for a column of rates: 增减%, 执行率 — see unit_printed)",
        ),
        ("amount_printed", "string", "the cell text as printed"),
        (
            "unit_printed",
            "string",
            "the unit the amount is printed in: the cell's own (1,000.00元), else the table's as its unit"
            " line, a money heading (预算数（元）) or a note (注：本表金额单位为元) prints it (万元, 元, 百万元 …),"
            " or the unit of a column or row of counts (人, 个, 辆), or % for a column of rates; for a table"
            " printing no unit, the unit its amounts"
            " are read in, assumed from another table's unit line, the narrative or by default (the table's"
            " validation says so, and its unit_source from what)",
        ),
        ("page", "integer", "1-based PDF page where the cell is printed"),
        ("source", "string", "the PDF file the page belongs to (a budget may be published as two files)"),
    ),
)

#: the document's identity and metadata, on every row of the corpus tables
DOCUMENT_KEYS = Schema(
    "document_keys",
    "the document a row comes from",
    _fields(
        ("doc_id", "string", "first 12 hex digits of the PDF's SHA-256"),
        ("file_name", "string", "the PDF's file name"),
        ("sha256", "string", "SHA-256 of the PDF file"),
        ("unit_name", "string", "department or unit name as printed in the document"),
        ("unit_code", "string", "单位代码 as printed in the tables (empty when none is printed)"),
        ("year", "integer", "budget year as printed on the cover or in the title"),
        ("kind", "string", "预算 (budget) or 决算 (final accounts)"),
    ),
)

DOCUMENTS = Schema(
    "documents",
    "one row per document read",
    _fields(
        ("doc_id", "string", "first 12 hex digits of the PDF's SHA-256"),
        ("file_name", "string", "the PDF's file name"),
        ("path", "string", "the PDF's path as given"),
        ("sha256", "string", "SHA-256 of the PDF file"),
        ("title", "string", "the document's title as printed"),
        ("unit_name", "string", "department or unit name as printed in the document"),
        ("unit_code", "string", "单位代码 as printed in the tables (empty when none is printed)"),
        ("year", "integer", "budget year as printed on the cover or in the title"),
        ("kind", "string", "预算 (budget) or 决算 (final accounts)"),
        ("pages", "integer", "pages of the PDF"),
        ("tables", "integer", "tables found"),
        ("amounts", "integer", "rows of the tidy table"),
        ("indicators", "integer", "performance indicators"),
        ("tables_failing_validation", "integer", "tables whose printed totals do not add up"),
        ("audit_errors", "integer", "audit findings of severity error"),
        ("audit_warnings", "integer", "audit findings of severity warning"),
        ("audit_rules_not_run", "integer", "audit rules with nothing to test in this document"),
        ("seconds", "float", "time taken to read the document (or to fetch it from the cache)"),
        ("worker", "string", "host:process that read it"),
        ("peak_rss_mb", "float", "peak resident memory of that process, MB"),
        ("from_cache", "boolean", "read from the cache (same SHA-256, same package version)"),
    ),
)

TABLES = Schema(
    "tables",
    "one row per table found in a document",
    _fields(
        ("label", "string", "the printed label (表3-1, 附表4); empty if none"),
        ("title", "string", "the table's printed title"),
        ("key", "string", "standard table key (analysis.specs)"),
        ("name_en", "string", "English name of the standard table"),
        ("pages", "string", "pages the table is printed on (26 or 26–27)"),
        ("horizontal_parts", "integer", "printed parts side by side (a wide table over several pages)"),
        ("continued_pages", "integer", "pages the table continues on"),
        ("rows", "integer", "body rows"),
        ("amounts", "integer", "non-empty amount cells"),
        ("unit", "string", "unit of the amounts: 万元, 元 or 人"),
        ("empty", "boolean", "printed without any amount (header only, 本表为空表)"),
        ("validation", "string", "what validation of the table's totals found"),
        ("reader", "string", "which reader read it: lattice-vector, lattice-raster, network, form or text"),
        ("source", "string", "the PDF file the table is printed in"),
    ),
)

INDICATORS = Schema(
    "indicators",
    "performance indicators (项目绩效目标表, 部门整体绩效目标表, 绩效自评表), one row per indicator",
    _fields(
        (
            "table_key",
            "string",
            "performance_targets (a project's), department_targets (the department's) or performance_evaluation "
            "(a self-evaluation of final accounts)",
        ),
        ("table_title", "string", "the printed title of the 绩效目标表"),
        ("row_index", "integer", "0-based body row of the stitched table"),
        ("unit_name", "string", "unit named on the form"),
        ("project", "string", "project name"),
        ("budget_printed", "string", "the project's funds as printed"),
        ("budget", "decimal", "the project's funds, exact, in the printed unit"),
        ("annual_goal", "string", "the project's annual goal"),
        ("level1", "string", "一级指标"),
        ("level2", "string", "二级指标"),
        ("level3", "string", "三级指标 (the indicator)"),
        ("operator", "string", "comparison of the target (=, ≥, ≤, 定性)"),
        ("target", "string", "the target value as printed"),
        ("measure_unit", "string", "unit of the target value"),
        ("weight", "decimal", "the indicator's weight (分值)"),
        ("direction", "string", "正向/反向指标 when printed"),
        ("core", "string", "是否核心指标 as printed (是/否), when printed"),
        ("actual", "string", "the value reached as printed (实际完成值, in a 绩效自评表)"),
        ("score", "decimal", "the indicator's score (得分, in a 绩效自评表)"),
        ("deviation", "string", "why the value fell short and what is done about it (偏差原因分析及改进措施)"),
        ("quantitative", "boolean", "the target is a number"),
        ("page", "integer", "1-based PDF page of the indicator"),
        ("weight_total", "decimal", "the weights' total printed on the form"),
        ("unit_printed", "string", "the unit the budget is printed in (万元 or 元)"),
    ),
)

FINDINGS = Schema(
    "findings",
    "audit findings: failed identities and rules that could not run",
    _fields(
        ("rule", "string", "rule id (analysis/audit/catalogue.py)"),
        ("rule_name", "string", "the rule's Chinese name"),
        ("rule_name_en", "string", "the rule's English name"),
        ("severity", "string", "error, warning or info"),
        ("status", "string", "failed or not_run (passed with --all)"),
        ("message", "string", "what was compared, with the figures"),
        ("expected", "string", "the figure computed from the other side"),
        ("actual", "string", "the figure as printed"),
        ("difference", "string", "expected − actual"),
        ("location", "string", "where the figure is printed"),
        ("page", "integer", "1-based PDF page"),
    ),
)

FAILURES = Schema(
    "failures",
    "files that could not be read, each with its one-line reason",
    _fields(
        ("file_name", "string", "the PDF's file name"),
        ("path", "string", "the PDF's path as given"),
        ("sha256", "string", "SHA-256 of the file (empty when it cannot be read)"),
        ("reason", "string", "why it could not be read"),
    ),
)

PROBLEMS = Schema(
    "problems",
    "what is printed but was not read (or not read whole): one row per cell, page or table, the rest of the "
    "document read all the same",
    _fields(
        (
            "kind",
            "string",
            "cell (an amount cell that is not an amount), coverage (a table or part of one no reader read), "
            "illegible (text that does not decode, or a picture of a page), hidden (drawn outside the page or its "
            "CropBox), watermark (text drawn over the page's text, left out of the reading), contents (the 目录 lists "
            "a table this file does not print)",
        ),
        ("file", "string", "the PDF file"),
        ("page", "integer", "1-based PDF page; empty for the whole document"),
        ("table", "string", "the table's title or label, when known"),
        ("row", "integer", "the cell's row in the table, for a cell"),
        ("column", "string", "the cell's column path, for a cell"),
        ("text", "string", "the printed text not read"),
        ("reason", "string", "why it was not read"),
    ),
)

NARRATIVE = Schema(
    "narrative",
    "narrative paragraphs with their page, part and section",
    _fields(
        ("page", "integer", "1-based PDF page"),
        ("part", "string", "the part (第一部分 …) the paragraph is in"),
        ("section", "string", "the section heading the paragraph is under"),
        ("text", "string", "the paragraph's text"),
        ("source", "string", "the PDF file the page belongs to"),
    ),
)

FIGURES = Schema(
    "figures",
    "what a document prints that its budget or final-accounts counterpart can be compared with (budget_execution)",
    _fields(
        ("section", "string", "function (类/款/项 codes), economic (economic classes) or three_public (“三公” items)"),
        ("scope", "string", "funds covered: all, gpb, fiscal, gov_fund, soe (analysis.specs.SCOPE_NAMES)"),
        ("measure", "string", "total, basic (基本支出) or project (项目支出)"),
        ("code", "string", "function or economic code, or “三公” item key; empty for the 合计"),
        ("name_zh", "string", "the name printed for the code; empty for a figure summed from finer rows"),
        ("role", "string", "budget; in final accounts final, initial (年初预算数), adjusted or printed_budget"),
        ("amount", "decimal", "exact amount in 万元"),
        ("table", "string", "the table the figure is read from"),
        ("page", "integer", "1-based PDF page of the figure; empty for a figure summed from finer rows"),
        ("derived", "boolean", "summed from finer rows (a 类 or 款 or total the table does not print)"),
    ),
)

EXECUTION = Schema(
    "execution",
    "a budget against its final accounts, row by row (analysis.execution)",
    _fields(
        ("section", "string", "function, basic_project, economic or three_public"),
        ("scope", "string", "the funds compared, in Chinese (全部资金, 一般公共预算, 财政拨款 …)"),
        ("measure", "string", "合计, 基本支出 or 项目支出"),
        ("func_code", "string", "function classification code (类 3, 款 5, 项 7 digits); empty for the 合计"),
        ("econ_code", "string", "economic classification code (section economic); empty otherwise"),
        ("name_zh", "string", "the row's Chinese name"),
        ("name_en", "string", "English name of the standard classification; empty where there is none"),
        ("budget", "decimal", "the budget (预算), exact, in 万元; empty when only the final accounts print it"),
        ("final", "decimal", "the outcome (决算), exact, in 万元; empty when only the budget prints it"),
        ("difference", "decimal", "final − budget in 万元 (a side not printed counts as none)"),
        ("execution_rate", "decimal", "final ÷ budget in %; empty where either is missing or the budget is 0"),
        ("only_in", "string", "budget or final when only that document prints the row; empty otherwise"),
        ("budget_source", "string", "the budget's table and page of the figure"),
        ("final_source", "string", "the final accounts' table and page of the figure"),
    ),
)

PAIRS = Schema(
    "pairs",
    "budgets and final accounts of the same unit and year in a corpus",
    _fields(
        ("pair_id", "string", "budget doc_id-final doc_id"),
        ("unit_name", "string", "the unit as the budget prints it"),
        ("year", "integer", "the year both documents are of"),
        ("budget_doc_id", "string", "doc_id of the budget (预算)"),
        ("budget_file", "string", "file name of the budget"),
        ("final_doc_id", "string", "doc_id of the final accounts (决算)"),
        ("final_file", "string", "file name of the final accounts"),
    ),
)

#: the pair a row of the corpus's execution table comes from
PAIR_KEYS = Schema(
    "pair_keys",
    "the pair a row comes from",
    tuple(PAIRS.field(name) for name in ("pair_id", "unit_name", "year", "budget_file", "final_file")),
)

#: last year's document of the same unit and kind in a corpus, which a document's audit was run with
PRIOR_KEYS = Schema(
    "prior_keys",
    "last year's document the audit was run with",
    _fields(
        ("prior_doc_id", "string", "doc_id of last year's document of the same unit and kind (empty: none)"),
        ("prior_file", "string", "file name of that document: the rates stated against its figures are recomputed"),
    ),
)

#: the corpus's tables: each document's rows with the document's keys
CORPUS = {
    "tidy": TIDY + DOCUMENT_KEYS,
    "documents": DOCUMENTS + PRIOR_KEYS,
    "tables": TABLES + DOCUMENT_KEYS,
    "indicators": INDICATORS + DOCUMENT_KEYS,
    "findings": FINDINGS + DOCUMENT_KEYS + PRIOR_KEYS,
    "figures": FIGURES + DOCUMENT_KEYS,
    "problems": PROBLEMS + DOCUMENT_KEYS,
    "pairs": PAIRS,
    "execution": PAIR_KEYS + EXECUTION,
    "failures": FAILURES,
}
