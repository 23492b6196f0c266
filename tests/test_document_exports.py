"""Tables typed in a word processor, as LibreOffice Writer prints them, read exactly.

``tests/fixtures/documents/*.pdf`` were exported by LibreOffice Writer 7.4 (``soffice --headless --convert-to
pdf``) from the ``.docx`` beside each (names in WenQuanYi Zen Hei, figures in DejaVu Sans); ``*.truth.csv``
lists every amount the document prints: a 收支总表, a 一般公共预算支出表 (科目编码 | 科目名称 | 合计 | 基本支出 |
项目支出) and a 一般公共预算基本支出表, each under its title paragraph and a 单位：万元 line.

- ``split_table``: the 一般公共预算支出表 split in two Word tables at an empty paragraph, the second without a
  header — it had become a table of its own, untitled, its 28 amounts under no table's key.
- ``narrow_code_none``: no borders, the code column too narrow for a code (``201`` / ``010`` / ``1``) — every
  row had been read under its 类 code, and the last row's wrapped lines, printed under the table, were lost.
- ``narrow_amt_none``: no borders, the amount columns too narrow for their amounts (``2,802.6`` / ``7``;
  ``132,703`` / ``.82``), every amount of a page wrapped — 9 amounts had been read cut short, 20 pieces read as
  amounts of their own.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from analysis import read_budget

DOCUMENTS = Path(__file__).parent / "fixtures" / "documents"
KEYS = {
    "收支总表": "income_expense_summary",
    "一般公共预算支出表": "gpb_expense",
    "一般公共预算基本支出表": "gpb_basic_expense",
}


def _truth(name: str) -> list[tuple[str, str, str, Decimal, str]]:
    with (DOCUMENTS / f"{name}.truth.csv").open(encoding="utf-8") as fh:
        return sorted(
            (KEYS[r["table"]], r["row"], r["column"], Decimal(r["value"]), r["code"]) for r in csv.DictReader(fh)
        )


@pytest.mark.parametrize("name", ["split_table", "narrow_code_none", "narrow_amt_none"])
def test_a_document_typed_in_a_word_processor_reads_exactly(name):
    budget = read_budget(DOCUMENTS / f"{name}.pdf", use_cache=False)
    read = []
    for r in budget.tidy.itertuples():
        # (a code printed is in the row's label; the 收支总表's items get theirs by name, printed none)
        code = r.func_code or r.econ_code or ""
        printed = code if r.code_source != "name" else ""
        read.append((r.table_key, r.row_label.removeprefix(printed).strip(), r.column, Decimal(r.amount), printed))
    assert sorted(read) == _truth(name)
    assert budget.problems.empty
    assert [t.title for t in budget.tables] == list(KEYS)
    assert not any(t.validation.failed for t in budget.tables), [t.validation.summary() for t in budget.tables]
