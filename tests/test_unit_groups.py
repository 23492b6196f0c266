"""Nested unit codes: a group of units' own row (a department 001 over its units 001001, 001002; a kind of
funding 1 全额 over the units listed beneath it) against the sum of its members' own rows, in every column —
each on a small PDF built here.  A correct table passes with the group checks listed; a wrong group row
fails on its own check alone; a table whose unit codes do not nest gains no check."""

from __future__ import annotations

from analysis import read_budget
from analysis.validate import unit_group_checks

from .budget_pdfs import NARRATIVE, Grid, build

#: a table of units without a 合计 column: a wrong figure in one column touches no column identity
UNITS_HEADER = [["单位编码", "单位名称", "一般公共预算拨款", "政府性基金拨款"]]
UNITS_WIDTHS = [60, 150, 100, 100]
GENERAL, FUND = "一般公共预算拨款", "政府性基金拨款"


def read_table(tmp_path, grid, name="doc"):
    doc = read_budget(build(tmp_path / f"{name}.pdf", [[NARRATIVE], [grid]]), use_cache=False)
    (table,) = doc.tables
    return table


def group_checks(table, text=""):
    return [c for c in table.validation.checks if "units beneath it" in c.description and text in c.description]


def column_of(check) -> str:
    return check.location.split("; column ")[1].split("; page ")[0]


def units_grid(rows):
    return Grid(header=UNITS_HEADER, rows=rows, widths=UNITS_WIDTHS, title="收入总表")


def nested_rows(department=("1,500.00", "200.00"), total=("2,000.00", "300.00")) -> list[list[str]]:
    """合计, a department 001 over two units and a group 002 over one."""
    return [
        ["", "合计", *total],
        ["001", "某某部门", *department],
        ["001001", "某某局本级", "1,000.00", "150.00"],
        ["001002", "某某中心", "500.00", "50.00"],
        ["002", "某某集团", "500.00", "100.00"],
        ["002001", "某某研究所", "500.00", "100.00"],
    ]


def test_each_group_of_nested_unit_codes_is_checked_against_its_units_in_every_column(tmp_path):
    table = read_table(tmp_path, units_grid(nested_rows()))
    assert table.validation.status == "ok"
    department = group_checks(table, "001 某某部门 = Σ 2 units beneath it: 001001, 001002")
    assert [column_of(c) for c in department] == [GENERAL, FUND]
    assert [c.rule for c in department] == ["row_total", "row_total"]
    assert [[row for row, _ in c.cells] for c in department] == [[1, 2, 3], [1, 2, 3]]
    assert [(c.expected, c.actual) for c in department] == [("1,500.00", "1,500.00"), ("200.00", "200.00")]
    assert len(group_checks(table)) == 4  # and 002 in both columns
    # the 合计 still adds up the outermost level: the two groups
    total = [c for c in table.validation.checks if c.description == "合计 = Σ 2 rows"]
    assert [[row for row, _ in c.cells] for c in total] == [[0, 1, 4], [0, 1, 4]]


def test_a_group_row_wrong_by_one_fails_its_own_check_alone(tmp_path):
    # 001 prints 1,501.00 for its units' 1,000.00 + 500.00, and the 合计 adds up the groups as printed: only
    # the group's identity in that one column does not hold
    rows = nested_rows(department=("1,501.00", "200.00"), total=("2,001.00", "300.00"))
    table = read_table(tmp_path, units_grid(rows))
    assert table.validation.status == "failed"
    (failed,) = table.validation.failed
    assert failed.description == "001 某某部门 = Σ 2 units beneath it: 001001, 001002"
    assert column_of(failed) == GENERAL
    assert (failed.expected, failed.actual) == ("1,500.00", "1,501.00")
    assert "row 1;" in failed.location
    assert len(table.validation.checks) == len(read_table(tmp_path, units_grid(nested_rows()), "ok").validation.checks)


def test_a_group_of_one_unit_equals_that_unit(tmp_path):
    rows = [
        ["", "合计", "800.00", "60.00"],
        ["121", "某某局", "800.00", "60.00"],
        ["121001", "某某局本级", "800.00", "60.00"],
    ]
    table = read_table(tmp_path, units_grid(rows))
    assert table.validation.status == "ok"
    checks = group_checks(table, "121 某某局 = Σ 1 units beneath it: 121001")
    assert [column_of(c) for c in checks] == [GENERAL, FUND]
    rows[2][3] = "61.00"  # the unit 1.00 above its group
    table = read_table(tmp_path, units_grid(rows), "bad")
    (failed,) = table.validation.failed
    assert failed.description == "121 某某局 = Σ 1 units beneath it: 121001"
    assert column_of(failed) == FUND


def test_unit_codes_that_do_not_nest_make_no_group(tmp_path):
    rows = [
        ["", "合计", "1,500.00", "200.00"],
        ["001001", "某某局本级", "1,000.00", "150.00"],
        ["001002", "某某中心", "500.00", "50.00"],
    ]
    table = read_table(tmp_path, units_grid(rows))
    assert table.validation.status == "ok"
    assert unit_group_checks(table) == []
    assert group_checks(table) == []
    # the checks it had before: the 合计 against the two units, in each column
    assert [c.description for c in table.validation.checks] == ["合计 = Σ 2 rows"] * 2


def test_funding_groups_hold_the_units_listed_beneath_them_down_to_the_next_group(tmp_path):
    """1 全额 / 2 差额: the members share no prefix with the group; they are the longer codes printed beneath
    it, down to the next code as short as its own."""
    rows = [
        ["", "合计", "1,700.00", "200.00"],
        ["1", "全额", "1,500.00", "150.00"],
        ["222001", "某某局本级", "1,000.00", "100.00"],
        ["222002", "某某中心", "500.00", "50.00"],
        ["2", "差额", "200.00", "50.00"],
        ["222003", "某某站", "200.00", "50.00"],
    ]
    table = read_table(tmp_path, units_grid(rows))
    assert table.validation.status == "ok"
    assert len(group_checks(table, "1 全额 = Σ 2 units beneath it: 222001, 222002")) == 2
    assert len(group_checks(table, "2 差额 = Σ 1 units beneath it: 222003")) == 2
    assert len(group_checks(table)) == 4


def test_groups_nested_twice_hold_their_direct_members(tmp_path):
    rows = [
        ["", "合计", "1,500.00", "200.00"],
        ["001", "某某部门", "1,500.00", "200.00"],
        ["001001", "某某局", "1,200.00", "180.00"],
        ["001001001", "某某局本级", "700.00", "80.00"],
        ["001001002", "某某分局", "500.00", "100.00"],
        ["001002", "某某中心", "300.00", "20.00"],
    ]
    table = read_table(tmp_path, units_grid(rows))
    assert table.validation.status == "ok"
    assert len(group_checks(table, "001 某某部门 = Σ 2 units beneath it: 001001, 001002")) == 2
    assert len(group_checks(table, "001001 某某局 = Σ 2 units beneath it: 001001001, 001001002")) == 2
    assert len(group_checks(table)) == 4


# -- members broken down by 类/款/项 -------------------------------------------------------------------------

CODED_HEADER = [
    [("单位编码", 1, 2), ("科目编码", 1, 2), ("单位名称（科目）", 1, 2), ("支出", 3)],
    [None, None, None, "合计", "基本支出", "项目支出"],
]


def coded_rows(department_basic: str = "1,100.00") -> list[list[str]]:
    """合计, the department 001, then its two units each with its own row and 201 / 20101 / 2010101 beneath."""
    department_total = f"{int(department_basic.replace(',', '')[:-3]) + 400:,}.00"
    return [
        ["", "", "合计", department_total, department_basic, "400.00"],
        ["001", "", "某某部门", department_total, department_basic, "400.00"],
        ["001001", "", "某某局本级", "1,000.00", "800.00", "200.00"],
        ["", "201", "一般公共服务支出", "1,000.00", "800.00", "200.00"],
        ["", "20101", "人大事务", "1,000.00", "800.00", "200.00"],
        ["", "2010101", "行政运行", "1,000.00", "800.00", "200.00"],
        ["001002", "", "某某中心", "500.00", "300.00", "200.00"],
        ["", "201", "一般公共服务支出", "500.00", "300.00", "200.00"],
        ["", "20101", "人大事务", "500.00", "300.00", "200.00"],
        ["", "2010101", "行政运行", "500.00", "300.00", "200.00"],
    ]


def coded_grid(rows):
    return Grid(header=CODED_HEADER, rows=rows, widths=[55, 60, 130, 70, 70, 70], title="支出总表")


def test_a_group_of_units_broken_down_by_function_sums_the_units_own_rows(tmp_path):
    table = read_table(tmp_path, coded_grid(coded_rows()))
    assert table.validation.status == "ok"
    checks = group_checks(table, "001 某某部门 = Σ 2 units beneath it: 001001, 001002")
    assert [column_of(c) for c in checks] == ["支出/合计", "支出/基本支出", "支出/项目支出"]
    assert all([row for row, _ in c.cells] == [1, 2, 6] for c in checks)  # never the 201 … rows
    assert len(group_checks(table)) == 3
    # the group row wrong by 1.00 in 基本支出 (and its 合计, so that the row adds up across)
    table = read_table(tmp_path, coded_grid(coded_rows("1,101.00")), "bad")
    failed = table.validation.failed
    assert [column_of(c) for c in failed] == ["支出/合计", "支出/基本支出"]
    assert {c.description for c in failed} == {"001 某某部门 = Σ 2 units beneath it: 001001, 001002"}
