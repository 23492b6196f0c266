"""Table validation as other provinces print their tables: several units in one table (201 … printed again
under each unit), a 合计 printed in the code column, a 小计 closing each 类 — each on a small PDF built here.
A correct table passes with the checks counted; a wrong figure fails on its own row."""

from __future__ import annotations

from analysis import read_budget

from .budget_pdfs import NARRATIVE, Grid, build, expense_table

EXPENSE = "一般公共预算支出/合计"
BASIC = "一般公共预算支出/基本支出"


def read_table(tmp_path, grid, name="doc"):
    doc = read_budget(build(tmp_path / f"{name}.pdf", [[NARRATIVE], [grid]]), use_cache=False)
    (table,) = doc.tables
    return doc, table


def checks_of(table, rule=None, text=""):
    return [c for c in table.validation.checks if (rule is None or c.rule == rule) and text in c.description]


def rows_failed(table) -> set[int]:
    return {c.cells[0][0] for c in table.validation.failed}


# -- several units in one table ------------------------------------------------------------------------

UNIT_HEADER = [
    [("单位编码", 1, 2), ("科目编码", 1, 2), ("单位名称（科目）", 1, 2), ("支出", 3)],
    [None, None, None, "合计", "基本支出", "项目支出"],
]


def unit_rows(xingzheng_2: str = "300.00") -> list[list[str]]:
    """合计, then two units each with its own row (单位编码 | 单位名称) and 201 / 20101 / 2010101 / 2010102 beneath."""
    return [
        ["", "", "合计", "1,500.00", "1,100.00", "400.00"],
        ["001001", "", "某某局本级", "1,000.00", "800.00", "200.00"],
        ["", "201", "一般公共服务支出", "1,000.00", "800.00", "200.00"],
        ["", "20101", "人大事务", "1,000.00", "800.00", "200.00"],
        ["", "2010101", "行政运行", "800.00", "800.00", ""],
        ["", "2010102", "一般行政管理事务", "200.00", "", "200.00"],
        ["001002", "", "某某中心", "500.00", "300.00", "200.00"],
        ["", "201", "一般公共服务支出", "500.00", "300.00", "200.00"],
        ["", "20101", "人大事务", "500.00", "300.00", "200.00"],
        ["", "2010101", "行政运行", xingzheng_2, xingzheng_2, ""],
        ["", "2010102", "一般行政管理事务", "200.00", "", "200.00"],
    ]


def unit_grid(rows):
    return Grid(header=UNIT_HEADER, rows=rows, widths=[55, 60, 130, 70, 70, 70], title="支出总表")


def test_a_table_listing_units_checks_each_units_codes_its_units_and_its_total(tmp_path):
    doc, table = read_table(tmp_path, unit_grid(unit_rows()))
    assert table.validation.status == "ok"
    for unit in ("001001", "001002"):
        # 201 = Σ 20101 in three columns, 20101 = Σ 2010101, 2010102 in three
        assert len(checks_of(table, "function_hierarchy", f"under {unit}")) == 6
    assert len(checks_of(table, "row_total", "001001 某某局本级 = Σ 1 rows beneath it")) == 3
    assert len(checks_of(table, "row_total", "001002 某某中心 = Σ 1 rows beneath it")) == 3
    (total,) = checks_of(table, "row_total", "合计")[:1]
    assert [row for row, _ in total.cells] == [0, 1, 6]  # the 合计 = the two units' rows
    # the tidy rows of the two units' 201 are told apart by their unit
    rows = doc.tidy[(doc.tidy.func_code == "201") & (doc.tidy.column == "支出/合计")]
    assert rows.row_unit_code.tolist() == ["001001", "001002"]
    assert rows.row_unit_name.tolist() == ["某某局本级", "某某中心"]
    total_row = doc.tidy[doc.tidy.row_index == 0]
    assert set(total_row.row_unit_code) == {""}


def test_a_wrong_item_under_the_second_unit_fails_on_its_units_row(tmp_path):
    _, table = read_table(tmp_path, unit_grid(unit_rows(xingzheng_2="310.00")))
    assert table.validation.status == "failed"
    failed = table.validation.failed
    assert {c.description for c in failed} == {"20101 = Σ 2010101, 2010102 under 001002"}
    assert rows_failed(table) == {8}
    assert {c.actual for c in failed} == {"500.00", "300.00"}  # printed 款, against 项 310 + 200 and 310


def test_units_printed_on_every_row_are_checked_unit_by_unit(tmp_path):
    header = [["单位编码", "科目编码", "科目名称", "合计", "基本支出", "项目支出"]]

    def rows(xingzheng_2):
        return [
            ["", "", "合计", "1,500.00", "1,100.00", "400.00"],
            ["001001", "201", "一般公共服务支出", "1,000.00", "800.00", "200.00"],
            ["001001", "20101", "人大事务", "1,000.00", "800.00", "200.00"],
            ["001001", "2010101", "行政运行", "800.00", "800.00", ""],
            ["001001", "2010102", "一般行政管理事务", "200.00", "", "200.00"],
            ["001002", "201", "一般公共服务支出", "500.00", "300.00", "200.00"],
            ["001002", "20101", "人大事务", "500.00", "300.00", "200.00"],
            ["001002", "2010101", "行政运行", xingzheng_2, xingzheng_2, ""],
            ["001002", "2010102", "一般行政管理事务", "200.00", "", "200.00"],
        ]

    widths = [55, 60, 130, 70, 70, 70]
    doc, table = read_table(tmp_path, Grid(header=header, rows=rows("300.00"), widths=widths, title="支出总表"))
    assert table.validation.status == "ok"
    assert len(checks_of(table, "function_hierarchy", "under 001002")) == 6
    assert doc.tidy[doc.tidy.func_code == "2010101"].row_unit_code.unique().tolist() == ["001001", "001002"]
    bad = Grid(header=header, rows=rows("290.00"), widths=widths, title="支出总表")
    _, table = read_table(tmp_path, bad, "bad")
    assert {c.description for c in table.validation.failed} == {"20101 = Σ 2010101, 2010102 under 001002"}
    assert rows_failed(table) == {6}


def test_units_closed_by_their_own_subtotals_are_checked_group_by_group(tmp_path):
    def rows(xingzheng_2):
        return [
            ["001001", "某某局本级", "", "", ""],
            ["201", "一般公共服务支出", "1,000.00", "800.00", "200.00"],
            ["20101", "人大事务", "1,000.00", "800.00", "200.00"],
            ["2010101", "行政运行", "800.00", "800.00", ""],
            ["2010102", "一般行政管理事务", "200.00", "", "200.00"],
            ["", "小计", "1,000.00", "800.00", "200.00"],
            ["001002", "某某中心", "", "", ""],
            ["201", "一般公共服务支出", "500.00", "300.00", "200.00"],
            ["20101", "人大事务", "500.00", "300.00", "200.00"],
            ["2010101", "行政运行", xingzheng_2, xingzheng_2, ""],
            ["2010102", "一般行政管理事务", "200.00", "", "200.00"],
            ["", "小计", "500.00", "300.00", "200.00"],
            ["", "合计", "1,500.00", "1,100.00", "400.00"],
        ]

    _, table = read_table(tmp_path, expense_table(rows=rows("300.00")))
    assert table.validation.status == "ok"
    assert len(checks_of(table, "function_hierarchy", "in rows 7–10")) == 6
    assert len(checks_of(table, "row_total", "小计")) == 6
    _, table = read_table(tmp_path, expense_table(rows=rows("310.00")), "bad")
    assert {c.description for c in table.validation.failed} == {"20101 = Σ 2010101, 2010102 in rows 7–10"}
    assert rows_failed(table) == {8}


# -- a 合计 printed in the code column --------------------------------------------------------------------

TOTAL_RIGHT = ["1,234.56", "1,000.00", "234.56"]
TOTAL_WRONG = ["1,244.56", "1,010.00", "234.56"]  # 10 too high in 合计 and 基本支出


def test_a_total_printed_in_the_code_column_is_checked_against_the_rows(tmp_path):
    rows = expense_table().rows
    _, table = read_table(tmp_path, expense_table(rows=[["合计", "", *TOTAL_RIGHT], *rows[1:]]))
    assert table.validation.status == "ok"
    totals = checks_of(table, "row_total", "合计 = Σ 2 rows")
    assert len(totals) == 3 and all(c.cells[0][0] == 0 for c in totals)
    _, table = read_table(tmp_path, expense_table(rows=[["合计", "", *TOTAL_WRONG], *rows[1:]]), "bad")
    assert table.validation.status == "failed"
    assert {(c.description, c.cells[0]) for c in table.validation.failed} == {
        ("合计 = Σ 2 rows", (0, EXPENSE)),
        ("合计 = Σ 2 rows", (0, BASIC)),
    }


def test_a_total_printed_in_the_lei_column_of_split_codes_is_checked(tmp_path):
    header = [
        [("功能分类科目编码", 3), ("科目名称", 1, 2), ("一般公共预算支出", 3)],
        ["类", "款", "项", None, "合计", "基本支出", "项目支出"],
    ]

    def rows(total):
        return [
            ["合计", "", "", "", *total],
            ["201", "", "", "一般公共服务支出", "1,034.56", "800.00", "234.56"],
            ["201", "01", "", "人大事务", "1,034.56", "800.00", "234.56"],
            ["201", "01", "01", "行政运行", "800.00", "800.00", ""],
            ["201", "01", "02", "一般行政管理事务", "234.56", "", "234.56"],
            ["221", "", "", "住房保障支出", "200.00", "200.00", ""],
            ["221", "02", "", "住房改革支出", "200.00", "200.00", ""],
            ["221", "02", "01", "住房公积金", "200.00", "200.00", ""],
        ]

    widths = [40, 30, 30, 130, 75, 75, 75]
    good = Grid(header=header, rows=rows(TOTAL_RIGHT), widths=widths, title="一般公共预算支出表")
    _, table = read_table(tmp_path, good)
    assert table.validation.status == "ok" and len(checks_of(table, "row_total", "合计")) == 3
    bad = Grid(header=header, rows=rows(TOTAL_WRONG), widths=widths, title="一般公共预算支出表")
    _, table = read_table(tmp_path, bad, "bad")
    assert rows_failed(table) == {0}
    assert {c.description for c in table.validation.failed} == {"合计 = Σ 2 rows"}


def test_a_total_in_an_outer_column_of_a_table_of_names_is_not_summed_over_the_inner_names(tmp_path):
    """采购品目大类 | 专项名称 | 采购物品名称: the 合计 of the groups (货物, 服务) is no sum of the rows naming an item,
    as a 专项 printing its item's name on its own row as well shows: no check where the parts are unknown."""
    header = [["采购品目大类", "专项名称", "采购物品名称", "采购组织形式", "总计"]]
    rows = [
        ["合计", "", "", "", "300.00"],
        ["一、货物", "", "", "", "100.00"],
        ["", "办公设备购置费", "", "", "100.00"],
        ["", "", "台式计算机", "分散采购", "100.00"],
        ["三、服务", "", "", "", "200.00"],
        ["", "会议费", "会议服务", "集中采购", "200.00"],
        ["", "", "会议服务", "集中采购", "200.00"],
    ]
    grid = Grid(header=[header[0]], rows=rows, widths=[80, 110, 100, 80, 80], title="政府采购预算表")
    _, table = read_table(tmp_path, grid)
    assert not checks_of(table, "row_total") and table.validation.status != "failed"


# -- a 小计 closing each 类 -------------------------------------------------------------------------------


def subtotal_rows(subtotal_205: str = "300.00") -> list[list[str]]:
    return [
        ["201", "一般公共服务支出", "1,034.56", "800.00", "234.56"],
        ["20101", "人大事务", "1,034.56", "800.00", "234.56"],
        ["2010101", "行政运行", "800.00", "800.00", ""],
        ["2010102", "一般行政管理事务", "234.56", "", "234.56"],
        ["", "小计", "1,034.56", "800.00", "234.56"],
        ["205", "教育支出", "300.00", "300.00", ""],
        ["20501", "教育管理事务", "300.00", "300.00", ""],
        ["2050101", "行政运行", "300.00", "300.00", ""],
        ["", "小计", subtotal_205, subtotal_205, ""],
        ["221", "住房保障支出", "200.00", "200.00", ""],
        ["22102", "住房改革支出", "200.00", "200.00", ""],
        ["2210201", "住房公积金", "200.00", "200.00", ""],
        ["", "小计", "200.00", "200.00", ""],
        ["", "合计", "1,534.56", "1,300.00", "234.56"],
    ]


def test_each_subtotal_closing_a_lei_is_checked_against_it(tmp_path):
    _, table = read_table(tmp_path, expense_table(rows=subtotal_rows()))
    assert table.validation.status == "ok"
    subtotals = checks_of(table, "row_total", "小计 = Σ 1 rows since the previous total")
    assert sorted({c.cells[0][0] for c in subtotals}) == [4, 8, 12]
    assert [row for row, _ in subtotals[0].cells] in ([4, 0], [8, 5], [12, 9])
    assert len(subtotals) == 7  # 3 小计 in 合计 and 基本支出, the first in 项目支出 too
    total = checks_of(table, "row_total", "合计 = Σ 3 rows")
    assert len(total) == 3 and [row for row, _ in total[0].cells] == [13, 0, 5, 9]


def test_a_wrong_subtotal_fails_on_itself_not_on_the_total(tmp_path):
    _, table = read_table(tmp_path, expense_table(rows=subtotal_rows(subtotal_205="301.00")))
    assert table.validation.status == "failed"
    assert rows_failed(table) == {8}
    assert {c.cells[0][1] for c in table.validation.failed} == {EXPENSE, BASIC}
    assert all(c.passed for c in checks_of(table, "row_total", "合计"))
