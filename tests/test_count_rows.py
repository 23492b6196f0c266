"""Rows of counts printed among rows of amounts: a “三公”经费表 under 单位：万元 prints, beside its money,
rows naming a count with a measure word in brackets (4．公务用车保有量（辆）, 6．国内公务接待人次（人）).
Their figures are counts in that unit — kept unconverted, with the unit, as a column of counts (人数) is
— never 万元; the money rows of the same table are read as before."""

from __future__ import annotations

import pytest

from analysis import read_budget
from analysis.transform.tables import count_row_unit

from .budget_pdfs import NARRATIVE, Grid, build, merged_header

TITLE = "“三公”经费、行政参公单位机关运行经费情况表"
#: label, 预算数, 统计数 — money rows in 万元, then the counts the template prints under 三、相关统计数
ROWS = [
    ("一、“三公”经费支出", "12.50", "10.30"),
    ("1．因公出国（境）费", "0.00", "0.00"),
    ("2．公务用车购置及运行费", "8.00", "7.10"),
    ("（1）公务用车购置费", "0.00", "0.00"),
    ("（2）公务用车运行费", "8.00", "7.10"),
    ("3．公务接待费", "4.50", "3.20"),
    ("二、行政参公单位机关运行经费", "", "24.00"),
    ("三、相关统计数", "", ""),
    ("1．因公出国（境）团组数（个）", "", "3"),
    ("2．因公出国（境）人次数（人）", "", "12"),
    ("3．公务用车购置数（辆）", "", "1"),
    ("4．公务用车保有量（辆）", "", "2"),
    ("5．国内公务接待批次（个）", "", "45"),
    ("6．国内公务接待人次（人）", "", "380"),
]
COUNTS = {
    "1．因公出国（境）团组数（个）": ("3.00", "个"),
    "2．因公出国（境）人次数（人）": ("12.00", "人"),
    "3．公务用车购置数（辆）": ("1.00", "辆"),
    "4．公务用车保有量（辆）": ("2.00", "辆"),
    "5．国内公务接待批次（个）": ("45.00", "个"),
    "6．国内公务接待人次（人）": ("380.00", "人"),
}


def read(tmp_path, grid: Grid, name="doc"):
    return read_budget(build(tmp_path / f"{name}.pdf", [[NARRATIVE], [grid]]), use_cache=False)


def three_public(rows=ROWS, unit="单位：万元", header=None, widths=None) -> Grid:
    return Grid(
        header=header or [["项目", "预算数", "统计数"]],
        rows=[list(row) for row in rows],
        widths=widths or [230, 90, 90],
        title=TITLE,
        unit=unit,
    )


def by_label(doc, column: str) -> dict[str, tuple[str, str]]:
    rows = doc.tidy[doc.tidy.column == column]
    return {r.row_label: (r.amount, r.unit_printed) for r in rows.itertuples()}


@pytest.mark.parametrize("ascii_brackets", [False, True])
def test_rows_naming_a_count_in_brackets_are_counts_in_their_unit_never_wanyuan(tmp_path, ascii_brackets):
    rows = ROWS
    counts = COUNTS
    if ascii_brackets:  # 4.公务用车保有量(辆): the same rows with ASCII brackets
        ascii_label = {
            label: label.replace("（个）", "(个)").replace("（人）", "(人)").replace("（辆）", "(辆)")
            for label in COUNTS
        }
        rows = [(ascii_label.get(label, label), *cells) for label, *cells in ROWS]
        counts = {ascii_label[label]: value for label, value in COUNTS.items()}
    doc = read(tmp_path, three_public(rows))
    (table,) = doc.tables
    assert table.unit == "万元"
    read_counts = by_label(doc, "统计数")
    assert {label: read_counts[label] for label in counts} == counts
    # the money rows of the same table: 万元, exact, as before
    assert read_counts["一、“三公”经费支出"] == ("10.30", "万元")
    assert read_counts["3．公务接待费"] == ("3.20", "万元")
    assert read_counts["二、行政参公单位机关运行经费"] == ("24.00", "万元")
    assert set(by_label(doc, "预算数").values()) <= {
        ("12.50", "万元"),
        ("0.00", "万元"),
        ("8.00", "万元"),
        ("4.50", "万元"),
    }


def test_counts_in_a_table_of_yuan_are_never_divided_into_wanyuan(tmp_path):
    money = {"一、“三公”经费支出": "125,000.00", "3．公务接待费": "45,000.00"}
    rows = [(label, money.get(label, budget), money.get(label, final)) for label, budget, final in ROWS]
    doc = read(tmp_path, three_public(rows, unit="单位：元"))
    read_counts = by_label(doc, "统计数")
    assert read_counts["6．国内公务接待人次（人）"] == ("380.00", "人")  # not 0.038 万元
    assert read_counts["4．公务用车保有量（辆）"] == ("2.00", "辆")
    assert read_counts["一、“三公”经费支出"] == ("12.50", "元") and read_counts["3．公务接待费"] == ("4.50", "元")


def test_a_row_printing_its_money_unit_in_brackets_stays_money(tmp_path):
    rows = [
        ("一、“三公”经费支出（万元）", "12.50", "10.30"),
        ("1．公务接待费（万元）", "4.50", "3.20"),
        ("2．公务用车保有量（辆）", "2", "2"),
        ("3．公务接待人次（人次）", "400", "380"),
    ]
    doc = read(tmp_path, three_public(rows))
    read_counts = by_label(doc, "预算数")
    assert read_counts["一、“三公”经费支出（万元）"] == ("12.50", "万元")
    assert read_counts["1．公务接待费（万元）"] == ("4.50", "万元")
    assert read_counts["2．公务用车保有量（辆）"] == ("2.00", "辆")
    assert read_counts["3．公务接待人次（人次）"] == ("400.00", "人次")


def test_which_labels_name_counts():
    for label, unit in [
        ("4．公务用车保有量（辆）", "辆"),
        ("因公出国（境）团组数（个）", "个"),
        ("因公出国（境）人次数（人）", "人"),
        ("公务用车购置数(辆)", "辆"),
        ("接待人次（人次）", "人次"),
        ("国内公务接待批次（批）", "批"),
        ("车辆数（辆）", "辆"),
        ("在职人数", "人"),
        ("2．车辆数", "辆"),
        ("国内公务接待批次", "个"),  # no measure word printed: 个
        ("培训次数", "个"),
        ("房屋面积（平方米）", "平方米"),
        ("土地面积(亩)", "亩"),
        ("道路里程（公里）", "公里"),
    ]:
        assert count_row_unit(label) == unit, label
    for label in [
        "公务接待费（万元）",
        "人均接待费（元/人）",
        "单车运行费（万元/辆）",
        "公务用车购置（辆）金额（万元）",
        "1．因公出国（境）费",
        "2．公务用车购置及运行费",
        "按人数核定的公用经费",
        "某某站（所）",
        "行政运行（项）",  # the level a function name prints, no count
        "一般公共服务支出（类）",
        "其中：外事接待费",
        "",
    ]:
        assert count_row_unit(label) is None, label


def test_money_totals_validate_as_before_beside_rows_of_counts(tmp_path):
    """合计 = 财政拨款 + 其他资金 holds row by row, the counts' rows in counts; a wrong money figure still fails."""
    header = [["项目", "合计", "财政拨款", "其他资金"]]
    rows = [
        ("一、“三公”经费支出", "12.50", "10.00", "2.50"),
        ("1．因公出国（境）费", "0.00", "0.00", "0.00"),
        ("2．公务用车购置及运行费", "8.00", "6.00", "2.00"),
        ("3．公务接待费", "4.50", "4.00", "0.50"),
        ("二、相关统计数", "", "", ""),
        ("1．公务用车保有量（辆）", "3", "2", "1"),
        ("2．国内公务接待人次（人）", "380", "300", "80"),
    ]
    widths = [200, 70, 70, 70]
    doc = read(tmp_path, three_public(rows, header=header, widths=widths), "ok")
    (table,) = doc.tables
    assert table.validation.status == "ok" and table.validation.checks
    assert by_label(doc, "合计")["2．国内公务接待人次（人）"] == ("380.00", "人")
    assert by_label(doc, "合计")["3．公务接待费"] == ("4.50", "万元")
    wrong = [(label, "4.60" if label == "3．公务接待费" else total, *rest) for label, total, *rest in rows]
    failed = read(tmp_path, three_public(wrong, header=header, widths=widths), "wrong")
    assert failed.tables[0].validation.status == "failed"


def test_a_quantity_column_keeps_the_rows_brackets_its_own(tmp_path):
    """品目（台） | 数量 | 金额: the bracket is the unit of the 数量 column; the row's 金额 stays money."""
    grid = Grid(
        header=[["采购品目", "数量", "预算金额"]],
        rows=[["合计", "7", "56.00"], ["台式计算机（台）", "6", "36.00"], ["打印机（台）", "1", "20.00"]],
        widths=[160, 80, 90],
        title="政府采购预算表",
    )
    doc = read(tmp_path, grid)
    money = by_label(doc, "预算金额")
    assert money == {
        "合计": ("56.00", "万元"),
        "台式计算机（台）": ("36.00", "万元"),
        "打印机（台）": ("20.00", "万元"),
    }
    assert set(by_label(doc, "数量").values()) == {("7.00", "个"), ("6.00", "个"), ("1.00", "个")}


def procurement(rows) -> Grid:
    return Grid(
        header=[["采购品目", "计量单位", "数量", "预算金额"]],
        rows=rows,
        widths=[140, 60, 60, 90],
        title="政府采购预算表",
    )


#: 采购品目 | 计量单位 | 数量 | 预算金额: the 合计 leaves 数量 blank (台 and 项 add up to nothing)
PROCUREMENT = [["合计", "", "", "48.00"], ["台式计算机", "台", "20", "12.00"], ["物业管理服务", "项", "1", "36.00"]]


def test_a_measure_word_column_gives_each_rows_counts_its_unit(tmp_path):
    """政府采购预算表 | 计量单位 | 数量 |: each row's 数量 is counted in the measure word the row prints (台, 项),
    not the column's 个; the measure word names no row."""
    rows = [*PROCUREMENT[1:], ["公务用车", "辆", "2", "53.10"]]
    doc = read(tmp_path, procurement([["合计", "", "23", "101.10"], *rows]))
    assert by_label(doc, "数量") == {
        "合计": ("23.00", "个"),
        "台式计算机": ("20.00", "台"),
        "物业管理服务": ("1.00", "项"),
        "公务用车": ("2.00", "辆"),
    }
    assert by_label(doc, "预算金额")["台式计算机"] == ("12.00", "万元")
    # a printed total of the counts is checked as before: 23 = 20 + 1 + 2
    (check,) = [c for c in doc.tables[0].validation.checks if c.location.endswith("column 数量; page 2")]
    assert check.passed and check.expected == "23"


def test_a_total_of_counts_printed_blank_states_none(tmp_path):
    """A 合计 printing no 数量 claims no sum of 台 and 项: no check of it, while the money total is checked."""
    doc = read(tmp_path, procurement(PROCUREMENT))
    table = doc.tables[0]
    assert not [c for c in table.validation.checks if "column 数量" in c.location]
    (money,) = [c for c in table.validation.checks if "column 预算金额" in c.location and c.rule == "row_total"]
    assert money.passed and money.actual == "48.00"
    assert table.validation.status == "ok"
    # …and a blank money total is still one that fails
    blank = read(tmp_path, procurement([["合计", "", "", ""], *PROCUREMENT[1:]]), "blank")
    assert blank.tables[0].validation.status == "failed"


def test_a_coded_row_is_never_a_count(tmp_path):
    """A classification's row (2010101 …) is money whatever its name prints."""
    grid = Grid(
        header=[["科目编码", "科目名称", "合计"]],
        rows=[
            ["", "合计", "1,234.56"],
            ["201", "一般公共服务支出", "1,234.56"],
            ["20101", "人大事务（人）", "1,234.56"],
        ],
        widths=[70, 150, 80],
        title="一般公共预算支出表",
    )
    doc = read(tmp_path, grid)
    assert set(doc.tidy.unit_printed) == {"万元"}


def test_a_money_total_never_adds_the_rows_of_counts_printed_under_it(tmp_path):
    """合计 = Σ its items in money: the counts printed under them (保有量（辆） 2, 接待人次（人） 380) are none."""
    rows = [
        ("合计", "12.50"),
        ("因公出国（境）费", "0.00"),
        ("公务用车购置及运行费", "8.00"),
        ("公务接待费", "4.50"),
        ("公务用车保有量（辆）", "2"),
        ("国内公务接待人次（人）", "380"),
    ]
    for total, status in (("12.50", "ok"), ("13.50", "fail")):
        printed = [(label, total if label == "合计" else value) for label, value in rows]
        grid = three_public(printed, header=[["项目", "决算数"]], widths=[230, 90])
        (table,) = read(tmp_path, grid, f"total_{status}").tables
        sums = [c for c in table.validation.checks if c.rule == "row_total"]
        assert [c.description for c in sums] == ["合计 = Σ 3 rows"], [c.description for c in sums]
        assert sums[0].passed is (status == "ok")


def test_areas_and_counts_under_a_numbered_block_are_no_money_and_no_part_of_the_total(tmp_path):
    """国有资产占用情况表 (决算): the value rows under 合计 in 万元, then a block 二、实物量 of areas and counts
    printed in the same columns (房屋面积（平方米） under 房屋, 车辆数（辆） under 车辆).  The areas and counts keep
    their unit, never 万元; 合计 adds the value rows (a block numbered from 二、 is no part of it), and no
    column total of money is checked on a row of counts."""
    header = [
        ["项目", "资产总额", "流动资产", "固定资产", "<", "<"],
        ["^", "^", "^", "小计", "房屋", "车辆"],
    ]
    body = [
        ["合计", "3,356.05", "437.05", "2,919.00", "2,358.80", "560.20"],
        ["行政单位", "2,708.25", "310.25", "2,398.00", "1,842.60", "555.40"],
        ["事业单位", "647.80", "126.80", "521.00", "516.20", "4.80"],
        ["二、实物量", "", "", "", "", ""],
        ["房屋面积（平方米）", "", "", "", "6,820.50", ""],
        ["车辆数（辆）", "", "", "", "", "6"],
    ]
    grid = Grid(title="国有资产占用情况表", header=merged_header(header), rows=body, widths=[150, 70, 70, 70, 70, 70])
    doc = read(tmp_path, grid, "assets")
    (table,) = doc.tables
    tidy = doc.tidy
    area = tidy[tidy.row_label == "房屋面积（平方米）"]
    assert [(str(a), u) for a, u in zip(area.amount, area.unit_printed, strict=True)] == [("6820.50", "平方米")]
    cars = tidy[tidy.row_label == "车辆数（辆）"]
    assert [(str(a), u) for a, u in zip(cars.amount, cars.unit_printed, strict=True)] == [("6.00", "辆")]
    assert not table.validation.failed, table.validation.failed
    sums = [c.description for c in table.validation.checks if c.rule == "row_total"]
    assert set(sums) == {"合计 = Σ 2 rows"}, sums
