"""Tables printed without rulings keep their header's spans: a heading over several columns is each
column's first level, as in the same table ruled (no ruling shows the span: the heading's row and the
rows under it do)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget
from tests.budget_pdfs import NARRATIVE, Grid, build, expense_table, summary_table


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


# -- cells wrapped over lines, in tables printed without column rulings -------------------------------

PROJECT_HEADER = [
    [("项目名称", 1, 2), ("科目编码", 1, 2), ("项目支出", 3)],
    [None, None, "合计", "一般公共\n预算拨款", "其他资金"],
]
PROJECT_ROWS = [
    ["合计", "", "25,245.94", "25,145.94", "100.00"],
    ["全市教育技术装备\n标准化建设及运维\n保障项目", "2050299", "24,995.94", "24,995.94", ""],
    ["信息化设备购置\n经费", "2010102", "150.00", "150.00", ""],
    ["培训项目", "2010102", "100.00", "", "100.00"],
]


def _projects(tmp_path, ruling: str, rows=PROJECT_ROWS, widths=(130, 60, 70, 70, 60), row_height=40.0):
    grid = Grid(
        header=PROJECT_HEADER, rows=rows, widths=list(widths), title="项目支出预算表", ruling=ruling,
        row_height=row_height,
    )  # fmt: skip
    pdf = build(tmp_path / f"{ruling}.pdf", [[NARRATIVE, grid]])
    (table,) = read_budget(pdf, use_cache=False).tables
    return table


def test_rows_ruled_between_them_hold_their_wrapped_cells(tmp_path):
    table = _projects(tmp_path, "horizontal")
    assert table.reader == "network" and table.validation.status == "ok"
    tidy = table.tidy if hasattr(table, "tidy") else None
    labels = [r for r in table.df.iloc[:, 0] if r]
    assert labels == ["合计", "全市教育技术装备标准化建设及运维保障项目", "信息化设备购置经费", "培训项目"]
    money = [c for c, kind in table.column_kinds.items() if kind == "money"]
    assert money == ["项目支出/合计", "项目支出/一般公共预算拨款", "项目支出/其他资金"]
    assert tidy is None or not tidy.empty


def test_an_amount_wrapped_in_a_narrow_unruled_column_is_one_amount(tmp_path):
    rows = [list(r) for r in PROJECT_ROWS]
    rows[0][2:4] = ["25245.9\n4", "25145.9\n4"]
    rows[1][2:4] = ["24995.9\n4", "24995.9\n4"]
    for ruling in ("horizontal", "none"):
        table = _projects(tmp_path, ruling, rows=rows, widths=(130, 60, 45, 60, 55))
        amounts = [a for a in table.df["项目支出/合计"] if a is not None]
        assert amounts == [Decimal("25245.94"), Decimal("24995.94"), Decimal("150.00"), Decimal("100.00")], ruling
        assert Decimal("4") not in [a for c in ("项目支出/合计",) for a in table.df[c] if a is not None]


def test_a_label_centred_on_its_row_without_rulings_joins_it(tmp_path):
    table = _projects(tmp_path, "none", row_height=48.0)
    labels = [r for r in table.df.iloc[:, 0] if r]
    assert labels == ["合计", "全市教育技术装备标准化建设及运维保障项目", "信息化设备购置经费", "培训项目"]


def test_a_tables_body_between_three_rules_is_not_one_row(tmp_path):
    # a 三线表: the top, the header's foot and the foot
    pdf = build(tmp_path / "three.pdf", [[NARRATIVE, expense_table("three")]])
    (table,) = read_budget(pdf, use_cache=False).tables
    assert table.validation.status == "ok" and len(table.df) == 8
