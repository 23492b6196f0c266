"""Rules for cells and codes as other provinces print them, each on a small PDF built here: head counts
under a group header (编制人数 → 行政 | 事业), rate columns headed without a % sign (预算执行进度), negatives
printed after the accounting mark △, function codes printed with separators or split over 类 | 款 | 项
columns printing only a row's own part, and parallel blocks of amounts under one heading."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget
from analysis.transform.amounts import parse_amount
from analysis.transform.tables import count_unit

from .budget_pdfs import NARRATIVE, Grid, build

#: the 类/款/项 rows of the builder's expense table, with names the classification does not print
ROWS = [
    ("", "合计", "1,234.56", "1,000.00", "234.56"),
    ("201", "一般公共服务支出", "1,034.56", "800.00", "234.56"),
    ("20101", "人大事务", "1,034.56", "800.00", "234.56"),
    ("2010101", "行政运行（机关）", "800.00", "800.00", ""),
    ("2010199", "其他人大事务支出（代表活动）", "234.56", "", "234.56"),
    ("221", "住房保障支出", "200.00", "200.00", ""),
    ("22102", "住房改革支出", "200.00", "200.00", ""),
    ("2210201", "住房公积金", "200.00", "200.00", ""),
]
CODES = [code for code, *_ in ROWS]


def read(tmp_path, pages, name="doc"):
    return read_budget(build(tmp_path / f"{name}.pdf", pages), use_cache=False)


def column(doc, name: str, field: str = "amount") -> list[str]:
    return doc.tidy[doc.tidy.column == name][field].tolist()


# -- head counts under a group header ----------------------------------------------------------------


@pytest.mark.parametrize(("unit_line", "money"), [("单位：元", "1234.567"), ("单位：万元", "12345670.00")])
def test_head_counts_under_a_group_header_naming_a_count_stay_counts(tmp_path, unit_line, money):
    header = [
        [("单位名称", 1, 2), ("编制人数", 2), ("实有人数", 2), ("基本支出", 3)],
        [None, "行政", "事业", "在职", "退休", "合计", "人员经费", "公用经费"],
    ]
    rows = [
        ["合计", "30", "12", "40", "8", "12,345,670", "10,000,000", "2,345,670"],
        ["某某局本级", "30", "", "31", "6", "9,345,670", "7,500,000", "1,845,670"],
        ["某某中心", "", "12", "9", "2", "3,000,000", "2,500,000", "500,000"],
    ]
    widths = [80, 40, 40, 40, 40, 75, 75, 75]
    grid = Grid(header=header, rows=rows, widths=widths, title="基本支出预算表", unit=unit_line)
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    (table,) = doc.tables
    assert [table.column_kinds[c] for c in table.df.columns[1:5]] == ["count"] * 4
    assert column(doc, "编制人数/行政") == ["30.00", "30.00"] and column(doc, "编制人数/事业") == ["12.00", "12.00"]
    assert column(doc, "实有人数/在职") == ["40.00", "31.00", "9.00"]
    assert column(doc, "实有人数/退休") == ["8.00", "6.00", "2.00"]
    assert set(doc.tidy[doc.tidy.column.str.startswith(("编制", "实有"))].unit_printed) == {"人"}
    assert column(doc, "基本支出/合计")[0] == money and table.validation.status == "ok"


def test_any_level_of_a_header_path_may_name_the_count_the_lowest_first():
    assert count_unit("编制人数/行政") == "人" and count_unit("实有人数/合计") == "人"
    assert count_unit("车辆数/小计") == "辆" and count_unit("数量（台）") == "台"
    assert count_unit("基本支出（元）/合计") is None and count_unit("人员经费/在职人员") is None
    assert count_unit("人数/金额") is None


# -- rate columns headed without a % sign --------------------------------------------------------------


@pytest.mark.parametrize("heading", ["决算数占年初预算百分比", "预算执行进度", "完成进度", "支出比重", "占比"])
def test_a_rate_column_headed_without_a_percent_sign_is_a_rate_never_an_amount(tmp_path, heading):
    rates = ["102.88", "103.46", "103.46", "100.00", "117.28", "100.00", "100.00", "100.00"]
    rows = [[code, name, basic, total, rate] for (code, name, total, basic, _), rate in zip(ROWS, rates, strict=True)]
    grid = Grid(
        header=[["科目编码", "科目名称", "年初预算数", "决算数", heading]],
        rows=rows,
        widths=[60, 150, 70, 70, 110],
        title="一般公共预算财政拨款支出决算表",
    )
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    (table,) = doc.tables
    assert table.column_kinds == {
        "科目编码": "code",
        "科目名称": "text",
        "年初预算数": "money",
        "决算数": "money",
        heading: "rate",
    }
    rates_read = doc.tidy[doc.tidy.column == heading]  # rows of the tidy table in %, no money column
    assert set(rates_read.unit_printed) == {"%"} and rates_read.amount.tolist()[:2] == ["102.88", "103.46"]
    assert heading not in table.money_columns
    assert table.df[heading].tolist()[:2] == [Decimal("102.88"), Decimal("103.46")]
    assert column(doc, "决算数")[:3] == ["1234.56", "1034.56", "1034.56"]
    assert table.validation.status == "ok" and not table.validation.failed


# -- negatives after the accounting mark of a decrease ------------------------------------------------


def test_a_decrease_printed_after_a_triangle_is_a_negative_amount(tmp_path):
    assert parse_amount("△12.50") == Decimal("-12.50") and parse_amount("▲1,234.50") == Decimal("-1234.50")
    changes = ["△65.44", "△65.44", "△65.44", "△12.50", "▲52.94", "0.00", "0.00", "0.00"]
    last_year = ["1,300.00", "1,100.00", "1,100.00", "812.50", "287.50", "200.00", "200.00", "200.00"]
    rows = [
        [code, name, before, total, change]
        for (code, name, total, *_), before, change in zip(ROWS, last_year, changes, strict=True)
    ]
    grid = Grid(
        header=[["科目编码", "科目名称", "上年预算数", "本年预算数", "增减额"]],
        rows=rows,
        widths=[60, 150, 70, 70, 70],
        title="一般公共预算支出情况表",
    )
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    (table,) = doc.tables
    assert table.column_kinds["增减额"] == "money" and not table.unreadable and doc.problems.empty
    assert column(doc, "增减额") == ["-65.44", "-65.44", "-65.44", "-12.50", "-52.94", "0.00", "0.00", "0.00"]
    assert column(doc, "增减额", "amount_printed")[3:5] == ["△12.50", "▲52.94"]
    assert table.validation.status == "ok" and not table.validation.failed


# -- function codes printed with separators, or split over 类 | 款 | 项 ------------------------------


HEADER = [
    [("科目编码", 1, 2), ("科目名称", 1, 2), ("一般公共预算支出", 3)],
    [None, None, "合计", "基本支出", "项目支出"],
]


def expense_grid(rows, header=None, widths=None) -> Grid:
    return Grid(
        header=header or HEADER,
        rows=rows,
        widths=widths or [70, 170, 80, 80, 80],
        title="一般公共预算支出表",
    )


def row_codes(doc) -> list[tuple[str, str]]:
    rows = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    return list(zip(rows.func_code, rows.code_source, strict=True))


PRINTED = [("", "")] + [(code, "printed") for code in CODES[1:]]


@pytest.mark.parametrize("separator", ["-", ".", " "])
def test_a_code_printed_with_separators_between_its_levels_is_read_as_printed(tmp_path, separator):
    def printed(code: str) -> str:
        return separator.join(part for part in (code[:3], code[3:5], code[5:7]) if part)

    doc = read(tmp_path, [[NARRATIVE], [expense_grid([[printed(code), *rest] for code, *rest in ROWS])]])
    (table,) = doc.tables
    assert row_codes(doc) == PRINTED
    assert {c.description for c in table.validation.checks if c.rule == "function_hierarchy"} >= {
        "20101 = Σ 2010101, 2010199",
        "201 = Σ 20101",
    }
    assert table.validation.status == "ok"


def test_split_level_columns_printing_only_a_rows_own_part_take_the_class_and_item_above(tmp_path):
    def parts(code: str) -> list[str]:
        own = {3: 0, 5: 1, 7: 2}.get(len(code))
        split = [code[:3], code[3:5], code[5:7]]
        return ["" if k != own else split[k] for k in range(3)]

    header = [
        [("功能分类科目编码", 3), ("科目名称", 1, 2), ("一般公共预算支出", 3)],
        ["类", "款", "项", None, "合计", "基本支出", "项目支出"],
    ]
    rows = [[*parts(code), *rest] for code, *rest in ROWS]
    assert rows[3][:3] == ["", "", "01"] and rows[2][:3] == ["", "01", ""]
    doc = read(tmp_path, [[NARRATIVE], [expense_grid(rows, header, [35, 30, 30, 170, 75, 75, 75])]])
    (table,) = doc.tables
    assert row_codes(doc) == PRINTED
    assert "20101 = Σ 2010101, 2010199" in {c.description for c in table.validation.checks}
    assert table.validation.status == "ok"


# -- parallel blocks under one heading ------------------------------------------------------------------


def test_parallel_blocks_under_one_heading_name_each_amount_column_after_its_block(tmp_path):
    blocks = ["支出类别", "政府预算经济分类", "部门预算经济分类", "功能分类"]
    header = [
        [("收入", 2), ("支出", 8)],
        ["项目", "本年预算数", *(cell for block in blocks for cell in (block, "本年预算数"))],
    ]
    rows = [
        ["一、财政拨款收入", "100.00", "一、基本支出", "80.00", "一、机关工资福利支出", "60.00"],
        ["二、事业收入", "", "二、项目支出", "20.00", "二、机关商品和服务支出", "40.00"],
    ]
    rows[0] += ["一、工资福利支出", "60.00", "一般公共服务支出", "100.00"]
    rows[1] += ["二、商品和服务支出", "40.00", "", ""]
    widths = [60, 40, 40, 40, 60, 40, 60, 40, 60, 40]
    grid = Grid(header=header, rows=rows, widths=widths, size=5, title="2019年收支预算总表")
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    (table,) = doc.tables
    money = [c for c, kind in table.column_kinds.items() if kind == "money"]
    assert money == ["收入/本年预算数", *(f"支出/{block}/本年预算数" for block in blocks)]
    tidy = doc.tidy
    assert list(zip(tidy.row_label, tidy.column, tidy.amount, strict=True)) == [
        ("一、财政拨款收入", "收入/本年预算数", "100.00"),
        ("一、基本支出", "支出/支出类别/本年预算数", "80.00"),
        ("一、机关工资福利支出", "支出/政府预算经济分类/本年预算数", "60.00"),
        ("一、工资福利支出", "支出/部门预算经济分类/本年预算数", "60.00"),
        ("一般公共服务支出", "支出/功能分类/本年预算数", "100.00"),
        ("二、项目支出", "支出/支出类别/本年预算数", "20.00"),
        ("二、机关商品和服务支出", "支出/政府预算经济分类/本年预算数", "40.00"),
        ("二、商品和服务支出", "支出/部门预算经济分类/本年预算数", "40.00"),
    ]
