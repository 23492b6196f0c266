"""A column numbering the statement's lines (行次) is neither amounts nor part of a row's name, whatever its
header says: printed one glyph per line in an unruled table, or left blank, the heading is not read."""

from __future__ import annotations

import pytest

from analysis import read_budget
from analysis.transform.codes import prints_line_numbers

from .budget_pdfs import NARRATIVE, Grid, build

ROWS = [
    ["一、一般公共预算拨款", "1", "1,234.56", "一、一般公共服务支出", "6", "1,034.56"],
    ["二、政府性基金预算拨款", "2", "", "二、住房保障支出", "7", "200.00"],
    ["三、事业收入", "3", "", "三、教育支出", "8", ""],
    ["四、其他收入", "4", "", "四、卫生健康支出", "9", ""],
    ["本年收入合计", "5", "1,234.56", "本年支出合计", "10", "1,234.56"],
]


@pytest.mark.parametrize("ruling", ["lines", "none"])
@pytest.mark.parametrize("heading", ["", "行次"])
def test_line_numbers_are_no_amounts_whatever_their_heading(tmp_path, ruling, heading):
    """Under a blank heading, lines 1–10 were read as ten amounts of 万元 (1.00 … 10.00), silently."""
    header = [[("收入", 3), ("支出", 3)], ["项目", heading, "预算数", "项目", heading, "预算数"]]
    table = Grid(title="收支总表", header=header, rows=ROWS, widths=[120, 30, 70, 120, 30, 70], ruling=ruling)
    budget = read_budget(build(tmp_path / "lines.pdf", [[NARRATIVE], [table]]), use_cache=False)
    tidy = budget.tidy[budget.tidy.table_key == "income_expense_summary"]
    printed = [(r[0], r[2]) for r in ROWS if r[2]] + [(r[3], r[5]) for r in ROWS if r[5]]
    assert sorted(zip(tidy.row_label, tidy.amount_printed, strict=True)) == sorted(printed)
    assert set(tidy.column) == {"收入/预算数", "支出/预算数"}
    assert budget.problems.empty


def test_line_numbers_rise_by_one_or_two_and_are_bare_whole_numbers():
    assert prints_line_numbers(["1", "2", "3", "4"])
    assert prints_line_numbers(["12", "13", "15", "16", "17"])  # a side with no item on line 14
    assert prints_line_numbers(["", "1", "2", "", "3", "4"])  # blank cells (a heading's row, a note) skipped
    assert prints_line_numbers(["次", "1", "2", "3", "4", "6"])  # the heading's last glyph read as a cell
    assert not prints_line_numbers(["一", "二", "三", "1", "2", "3", "4"])  # more than a third words
    assert not prints_line_numbers(["1", "2", "3"])  # too few to tell from three small amounts
    assert not prints_line_numbers(["1", "2", "4", "8"])  # counts, not lines
    assert not prints_line_numbers(["4", "3", "2", "1"])
    assert not prints_line_numbers(["1.00", "2.00", "3.00", "4.00"])  # amounts
    assert not prints_line_numbers(["2021", "2022", "2023", "2024"])  # years
