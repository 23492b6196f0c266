"""The tables' columns are declared once (analysis.schema) and every writer and the README follow them."""

from __future__ import annotations

import re

import pandas as pd

from analysis import run_audit
from analysis.explore import table_map
from analysis.model import TIDY_COLUMNS
from analysis.schema import CORPUS, FAILURES, FINDINGS, INDICATORS, TABLES, TIDY, Schema, to_arrow

from .conftest import ROOT

#: the data contract of conventions.md: these columns may be added to, never renamed
CONTRACT = ["table_title", "table_label", "row_label", "func_code", "econ_code", "column", "amount"]
CONTRACT += ["amount_printed", "unit_printed", "page"]


def _readme_tidy_columns() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### The tidy table", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])]


def test_the_readme_lists_exactly_the_declared_tidy_columns():
    assert sorted(_readme_tidy_columns()) == sorted(TIDY.names)
    assert len(_readme_tidy_columns()) == len(set(_readme_tidy_columns()))


def test_the_tidy_columns_are_declared_once_and_keep_the_contract():
    assert TIDY_COLUMNS == TIDY.names
    assert set(CONTRACT) <= set(TIDY.names)
    assert all(f.description for f in TIDY.fields)


def test_what_a_document_gives_has_the_declared_columns(sample):
    assert sample.tidy.columns.tolist() == TIDY.names
    assert sample.indicators.columns.tolist() == INDICATORS.names
    assert table_map(sample).columns.tolist() == TABLES.names
    assert run_audit(sample).frame(include_passed=True).columns.tolist() == FINDINGS.names


def test_an_empty_table_keeps_its_columns_and_types():
    import pyarrow as pa

    for name, schema in CORPUS.items():
        frame = schema.empty()
        assert frame.columns.tolist() == schema.names and frame.empty, name
        table = to_arrow(frame, schema)
        assert table.num_rows == 0 and table.schema == schema.arrow(), name
    tidy = to_arrow(CORPUS["tidy"].empty(), CORPUS["tidy"])
    assert tidy.schema.field("amount").type == pa.decimal128(24, 6)
    assert tidy.schema.field("year").type == pa.int64() and tidy.schema.field("page").type == pa.int64()
    assert to_arrow(pd.DataFrame(), FAILURES).column_names == FAILURES.names  # no columns at all


def test_conform_puts_the_declared_columns_first_and_keeps_others():
    schema = Schema("t", "", TIDY.fields[:2])
    frame = pd.DataFrame({"extra": [1], "table_title": ["x"]})
    conformed = schema.conform(frame)
    assert conformed.columns.tolist() == ["table_key", "table_title", "extra"]
    assert conformed.table_key.isna().all()


def test_code_source_says_whether_a_row_prints_its_code_or_has_it_by_name(sample):
    tidy = sample.tidy
    coded = (tidy.func_code != "") | (tidy.econ_code != "")
    assert set(tidy.code_source) == {"", "printed", "name"}
    assert (coded == (tidy.code_source != "")).all()
    assert TIDY.field("code_source").type == "string"
