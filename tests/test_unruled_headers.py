"""Tables printed without rulings keep their header's spans: a heading over several columns is each
column's first level, as in the same table ruled (no ruling shows the span: the heading's row and the
rows under it do)."""

from __future__ import annotations

import pytest

from analysis import read_budget
from tests.budget_pdfs import NARRATIVE, build, expense_table, summary_table


def _paths(tmp_path, ruling: str) -> dict[str, list[str]]:
    pdf = build(tmp_path / f"{ruling}.pdf", [[NARRATIVE, expense_table(ruling)], [summary_table(ruling)]])
    budget = read_budget(pdf, use_cache=False)
    return {t.key: [c for c, kind in t.column_kinds.items() if kind == "money"] for t in budget.tables}


@pytest.mark.parametrize("ruling", ["none", "horizontal"])
def test_a_heading_over_columns_printed_without_rulings_spans_them(tmp_path, ruling):
    ruled = _paths(tmp_path, "lines")
    assert ruled == {
        "gpb_expense": ["一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"],
        "income_expense_summary": ["收入/预算数", "支出/预算数"],
    }
    assert _paths(tmp_path, ruling) == ruled


def test_a_heading_column_of_its_own_is_merged_into_its_neighbours(tmp_path):
    pdf = build(tmp_path / "none.pdf", [[summary_table("none")]])
    (table,) = read_budget(pdf, use_cache=False).tables
    # the heading 支出, aligned with neither column under it, is no column of its own
    assert list(table.df.columns) == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
