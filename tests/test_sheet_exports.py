"""Tables exported from a spreadsheet as LibreOffice Calc prints them (without borders, too wide for the page), read
exactly.

``tests/fixtures/sheets/*.pdf`` were exported by LibreOffice Calc 7.4 (``soffice --headless --convert-to
pdf``) from the workbook beside each (names in WenQuanYi Zen Hei, figures in DejaVu Sans);
``*.truth.csv`` lists every amount the workbook prints. Printed without borders, a cell's right-aligned
amount stands 2 pt before the next cell's name and pdfminer made one line of them (the 收支总表's income
amounts were lost, nothing said), and the names stand 3 pt above their amounts (the first row's names
became a row of their own, its amounts a row without a name: false 合计 findings; over a page break the
first row lost its name to the row before). Its 科目编码 typed as numbers (``numcode_none``) are
right-aligned as figures are, 2 pt before the name under their own heading: ``201 一般公共服务支出`` made one
line, and the table broke into two grids (6 of 61 amounts under their table). A sheet too wide for its
page prints its right-hand columns on the next page (``too_wide_split``, ruled: the 收支总表's 支出 half,
under headings of its own, had been stacked under the 收入 half, its amounts filed as income).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from analysis import read_budget

SHEETS = Path(__file__).parent / "fixtures" / "sheets"
KEYS = {"收支总表": "income_expense_summary", "一般公共预算支出表": "gpb_expense"}


def _truth(name: str) -> list[tuple[str, str, str, Decimal, str]]:
    with (SHEETS / f"{name}.truth.csv").open(encoding="utf-8") as fh:
        return sorted(
            (KEYS[r["table"]], r["row"], r["column"], Decimal(r["value"]), r["code"]) for r in csv.DictReader(fh)
        )


@pytest.mark.parametrize("name", ["border_none", "long_none_repeat", "numcode_none", "too_wide_split"])
def test_a_sheet_exported_as_a_spreadsheet_prints_it_reads_exactly(name):
    budget = read_budget(SHEETS / f"{name}.pdf", use_cache=False)
    # (a code printed is in the row's label; the 收支总表's items get theirs by name, printed none)
    read = sorted(
        (
            r.table_key,
            r.row_label.removeprefix(r.func_code).strip() if r.code_source != "name" else r.row_label,
            r.column,
            Decimal(r.amount),
            r.func_code if r.code_source != "name" else "",
        )
        for r in budget.tidy.itertuples()
    )
    assert read == _truth(name)
    assert budget.problems.empty
    assert not any(t.validation.failed for t in budget.tables), [t.validation.summary() for t in budget.tables]
