"""Department-wide performance-target forms (部门整体支出绩效目标表) printed in other provinces' layouts, each
on a small PDF built here: a 部门职能 block read as a 任务 block, with the department named only in the title;
湖北's 申报表 printing its funds as ``名称：金额`` inside cells, under headings laid out as columns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget
from analysis.extract.evidence import amount_lines, prints_amounts
from analysis.extract.reader import TextLine
from analysis.transform import target_forms
from analysis.transform.target_forms import department_from_title, labelled_amounts

from .budget_pdfs import NARRATIVE, Grid, build, department_form_rows, merged_header

D = Decimal


def read(tmp_path, grid: Grid, name: str = "doc"):
    return read_budget(build(tmp_path / f"{name}.pdf", [[NARRATIVE], [grid]]), use_cache=False)


# -- a 部门职能 block (职能名称 | 职能描述 | 合计 | 财政拨款 | 其他资金) ------------------------------------------

FUNCTION_DEPARTMENT = "某某区文化和旅游局"
FUNCTION_GOAL = "全年开展公共文化活动200场次，完成文物修缮2处"


def function_form(total: str = "560.00") -> Grid:
    top = [
        [("部门职能", 1, 6), ("职能名称", 1, 2), ("职能描述", 1, 2), ("预算金额（万元）", 3)],
        [None, None, None, "合计", "财政拨款", "其他资金"],
        [None, "公共文化服务", "免费开放图书馆", "300.00", "260.00", "40.00"],
        [None, "文物保护", "文物修缮和巡查", "160.00", "140.00", "20.00"],
        [None, "旅游市场监管", "旅游执法检查", "100.00", "100.00", "0.00"],
        [None, ("合计", 2), total, "500.00", "60.00"],
        ["年度总体目标", (FUNCTION_GOAL, 5)],
        [("绩效指标", 1, 3), "一级指标", "二级指标", "三级指标", ("指标值", 2)],
        [None, "产出指标", "数量指标", "公共文化活动场次", ("200场次", 2)],
        [None, "满意度指标", "服务对象满意度指标", "群众满意度", ("≥95%", 2)],
    ]
    # no 部门（单位）名称 row and no 单位 line: the department is named in the title only
    title = f"{FUNCTION_DEPARTMENT}2024年部门整体支出绩效目标表"
    return Grid(header=top, rows=[], widths=[60, 90, 120, 70, 70, 70], title=title, unit="单位：万元")


def test_a_function_block_is_read_as_a_task_block_with_every_amount_under_its_label(tmp_path):
    doc = read(tmp_path, function_form())
    (table,) = doc.tables
    assert (table.key, table.reader, table.unit) == ("department_targets", "form", "万元")
    functions = ["公共文化服务", "文物保护", "旅游市场监管", "合计"]
    assert table.df.values.tolist() == [
        [name, source, D(amount)]
        for name, amounts in zip(
            functions,
            [("300.00", "260.00", "40.00"), ("160.00", "140.00", "20.00"), ("100.00", "100.00", "0.00"),
             ("560.00", "500.00", "60.00")],
            strict=True,
        )
        for source, amount in zip(["合计", "财政拨款", "其他资金"], amounts, strict=True)
    ]  # fmt: skip
    tidy = doc.tidy
    assert tidy.amount_printed.tolist() == [
        "300.00", "260.00", "40.00", "160.00", "140.00", "20.00", "100.00", "100.00", "0.00",
        "560.00", "500.00", "60.00",
    ]  # fmt: skip
    assert tidy.row_label.tolist()[:3] == ["公共文化服务 合计", "公共文化服务 财政拨款", "公共文化服务 其他资金"]
    assert set(tidy.page) == {2} and set(tidy.unit_printed) == {"万元"}
    # each function's 合计 = 财政拨款 + 其他资金, and the 合计 row = Σ the functions, source by source
    rules = [c.rule for c in table.validation.checks]
    assert (rules.count("fund_total"), rules.count("task_total")) == (4, 3) and table.validation.status == "ok"
    assert doc.problems.empty


def test_a_function_blocks_indicators_name_the_department_of_the_title_with_its_goal_and_budget(tmp_path):
    ind = read(tmp_path, function_form()).indicators
    assert ind[["project", "level1", "level3", "operator", "target", "measure_unit"]].values.tolist() == [
        [FUNCTION_DEPARTMENT, "产出指标", "公共文化活动场次", "=", "200", "场次"],
        [FUNCTION_DEPARTMENT, "满意度指标", "群众满意度", "≥", "95", "%"],
    ]
    assert set(ind.unit_name) == {FUNCTION_DEPARTMENT}
    assert set(ind.annual_goal) == {FUNCTION_GOAL} and set(ind.budget) == {D("560.00")}


def test_a_wrong_function_total_fails_the_task_checks(tmp_path):
    (table,) = read(tmp_path, function_form(total="570.00")).tables
    failed = {(c.rule, c.expected, c.actual) for c in table.validation.failed}
    assert failed == {("task_total", "560.00", "570.00"), ("fund_total", "560.00", "570.00")}


@pytest.mark.parametrize(
    ("title", "department"),
    [
        ("某某区文化和旅游局2024年部门整体支出绩效目标表", "某某区文化和旅游局"),
        ("某某局2024年度部门（单位）整体支出绩效目标申报表", "某某局"),
        ("某某局部门整体支出绩效目标表（一）", "某某局"),
        ("2024年部门整体支出绩效目标表", ""),
        ("部门整体绩效目标表", ""),
    ],
)
def test_the_department_a_title_names(title, department):
    assert department_from_title(title) == department


# -- 湖北's 申报表: funds printed as 名称：金额 in cells, under 资金总额 | 按收入性质分 | 按支出性质分 -------------

HUBEI_DEPARTMENT = "某某市生态环境局"
HUBEI_GOAL = "目标1：全市空气质量优良天数比例达到85%以上。"


def hubei_form(other: str = "其他资金：100.00") -> Grid:
    top = [
        ["部门名称", (HUBEI_DEPARTMENT, 4)],
        [("年度预算\n申请\n（万元）", 1, 4), "资金总额", "按收入性质分", ("按支出性质分", 2)],
        [None, ("1,256.40", 1, 3), "一般公共预算：1,156.40", ("基本支出：900.00", 2)],
        [None, None, "政府性基金拨款：0.00", ("项目支出：356.40", 2)],
        [None, None, other, ("", 2)],
        ["部门职能\n职责概述", ("负责全市生态环境保护统一监督管理", 4)],
        ["年度绩效目标", (HUBEI_GOAL, 4)],
        [("年度绩效指标", 1, 3), "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "产出指标", "数量指标", "监督性监测点位数", "≥120个"],
        [None, "满意度指标", "服务对象满意度指标", "公众满意度", "≥90%"],
    ]
    return Grid(
        header=top,
        rows=[],
        widths=[70, 80, 140, 100, 70],
        title="2024年部门整体支出绩效目标申报表",
        org=f"填报单位：{HUBEI_DEPARTMENT}",
        unit="金额单位：万元",
    )


def test_funds_printed_as_name_and_amount_in_cells_are_read_with_their_names(tmp_path):
    doc = read(tmp_path, hubei_form())
    (table,) = doc.tables
    assert (table.key, table.reader, table.unit) == ("department_targets", "form", "万元")
    # the total under its heading; each 名称：金额 in the group its heading names (each group adds up to the total)
    assert sorted(table.df.values.tolist()) == sorted(
        [
            [HUBEI_DEPARTMENT, "资金总额", D("1256.40")],
            ["按收入性质分", "一般公共预算", D("1156.40")],
            ["按收入性质分", "政府性基金拨款", D("0.00")],
            ["按收入性质分", "其他资金", D("100.00")],
            ["按支出性质分", "基本支出", D("900.00")],
            ["按支出性质分", "项目支出", D("356.40")],
        ]
    )
    tidy = doc.tidy
    assert sorted(tidy.amount_printed) == sorted(["1,256.40", "1,156.40", "0.00", "100.00", "900.00", "356.40"])
    assert "按收入性质分 一般公共预算" in set(tidy.row_label) and set(tidy.unit_printed) == {"万元"}
    # no identity adds the two groups together against the total
    assert not table.validation.failed and doc.problems.empty


def test_a_name_and_amount_forms_indicators_carry_the_department_its_goal_and_its_total(tmp_path):
    ind = read(tmp_path, hubei_form()).indicators
    assert ind[["project", "level3", "operator", "target", "measure_unit"]].values.tolist() == [
        [HUBEI_DEPARTMENT, "监督性监测点位数", "≥", "120", "个"],
        [HUBEI_DEPARTMENT, "公众满意度", "≥", "90", "%"],
    ]
    assert set(ind.annual_goal) == {HUBEI_GOAL} and set(ind.budget) == {D("1256.40")}


def test_an_unreadable_name_and_amount_cell_is_reported(tmp_path):
    doc = read(tmp_path, hubei_form(other="其他资金：1,00.00"))
    (table,) = doc.tables
    row = table.df.index[table.df["资金来源"] == "其他资金"].tolist()
    assert len(row) == 1 and table.df.at[row[0], "金额"] is None
    cells = doc.problems[doc.problems.kind == "cell"]
    assert cells[["page", "table", "text"]].values.tolist() == [[2, table.name, "1,00.00"]]
    assert len(doc.tidy) == 5  # the other five amounts are read


def test_name_and_amount_cells_no_form_reads_are_amounts_the_coverage_evidence_sees(tmp_path, monkeypatch):
    # whatever the form reads: with none of its funds read, all six amounts printed in it are reported missing
    monkeypatch.setattr(target_forms, "_read_fund_cells", lambda project, row, headings: None, raising=False)
    doc = read(tmp_path, hubei_form())
    coverage = doc.problems[doc.problems.kind == "coverage"]
    assert coverage.reason.tolist() == ["6 amounts printed in a table read as printed empty: not extracted"]


def _line(text: str) -> TextLine:
    return TextLine(100, 700, 200, 710, 9, text)


def test_amounts_printed_after_their_name_are_printed_amounts_never_running_text():
    named = ["一般公共预算：1,156.40", "政府性基金拨款：0.00", "1,256.40 基本支出：900.00", "其他资金：20.00万元"]
    assert len(amount_lines([_line(t) for t in named])) == 4
    text = ["目标1：优良天数比例达到85%以上。", "其中：基本支出900.00万元", "完成时限：2024.12", "联系电话：12345678"]
    assert amount_lines([_line(t) for t in text]) == []
    # a table laid out in columns outside every grid is still told by bare amounts alone
    assert amount_lines([_line(t) for t in named], named=False) == []


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("一般公共预算：1,156.40", [("一般公共预算", "1,156.40", None)]),
        ("财政拨款：100.00；其他资金：20.00", [("财政拨款", "100.00", None), ("其他资金", "20.00", None)]),
        ("其中：上年结转：12万元", [("上年结转", "12", "万元")]),
        ("其他资金：1,00.00", [("其他资金", "1,00.00", None)]),  # malformed: kept, to be reported
        ("完成时限：2024.12", []),
        ("联系电话：12345678", []),
        ("资金总额：", []),
        ("人数：12.50", []),
    ],
)
def test_the_funds_a_cell_prints_with_their_names(text, pairs):
    assert labelled_amounts(text) == pairs


# -- a 云南 department form over two pages: the cut merged cells print blank at the top of the next page ---------

YUNNAN_DEPARTMENT = "云南省某某厅"
YUNNAN_TASKS = [
    ("机关运转保障", "保障机关日常运转", "980.00", "980.00", "0.00"),
    ("林草资源监测", "森林资源年度监测", "150.00", "120.00", "30.00"),
    ("森林防火", "防火物资储备", "120.00", "120.00", "0.00"),
    ("生态修复", "退化林修复", "80.00", "50.00", "30.00"),
    ("科技推广", "新技术示范推广", "40.00", "30.00", "10.00"),
    ("宣传教育", "生态文明宣传", "20.00", "20.00", "0.00"),
]
YUNNAN_TOTAL = ("1,390.00", "1,320.00", "70.00")
YUNNAN_INDICATORS = [
    ("产出指标", "数量指标", "森林资源监测样地数", "≥2000个"),
    ("产出指标", "数量指标", "护林员巡护覆盖率", "100%"),
    ("产出指标", "数量指标", "退化林修复面积", "≥5万亩"),
    ("产出指标", "时效指标", "监测成果提交时间", "2024.12"),
    ("产出指标", "成本指标", "人均公用经费", "3.00"),
    ("效益指标", "生态效益指标", "森林覆盖率", "≥65%"),
    ("满意度指标", "服务对象满意度指标", "林农满意度", "≥90%"),
]


def yunnan_rows(extra: list[list[str]] = ()) -> list[list[str]]:
    """The form's rows, six columns; ``^`` is a cell merged down from the row above, ``<`` from the left
    (``extra`` rows printed after the goal)."""
    return department_form_rows(YUNNAN_DEPARTMENT, YUNNAN_TASKS, YUNNAN_TOTAL, YUNNAN_INDICATORS, extra)


def yunnan_pdf(tmp_path, cut: int | None, extra: list[list[str]] = ()):
    """The form printed on pages 2 and 3, broken before its row ``cut`` (no header repeated on page 3), or
    on page 2 alone (``cut`` None)."""
    rows = yunnan_rows(extra)
    cut = len(rows) if cut is None else cut
    widths = [64, 95, 110, 80, 70, 70]
    first = Grid(
        header=merged_header(rows[:cut]),
        rows=[],
        widths=widths,
        title="部门整体支出绩效目标表",
        org=f"单位名称：{YUNNAN_DEPARTMENT}",
        unit="单位：万元",
    )
    rest = Grid(header=merged_header(rows[cut:]), rows=[], widths=widths, title="", unit="")
    path = build(tmp_path / f"yunnan_{cut}.pdf", [[NARRATIVE], [first]] + ([[rest]] if cut < len(rows) else []))
    return read_budget(path, use_cache=False)


def _task_cut() -> int:
    """Page 3 opens with the tasks 科技推广 and 宣传教育 (the merged 年度主要任务 cell cut above them)."""
    return 3 + 4


def test_a_task_list_broken_by_a_page_break_goes_on_under_the_blank_cut_cell(tmp_path):
    doc = yunnan_pdf(tmp_path, _task_cut())
    (table,) = doc.tables
    assert (table.key, table.reader, table.pages) == ("department_targets", "form", [2, 3])
    tasks = [t[0] for t in YUNNAN_TASKS] + ["金额合计"]
    amounts = [t[2:] for t in YUNNAN_TASKS] + [YUNNAN_TOTAL]
    assert table.df.values.tolist() == [
        [task, source, D(amount.replace(",", ""))]
        for task, printed in zip(tasks, amounts, strict=True)
        for source, amount in zip(["总额", "财政拨款", "其他资金"], printed, strict=True)
    ]
    assert doc.tidy.page.tolist() == [2] * 12 + [3] * 9
    assert not table.validation.failed and doc.problems.empty
    assert doc.indicators.level3.tolist() == [i[2] for i in YUNNAN_INDICATORS]


def test_a_row_after_the_cut_cell_without_the_task_lists_shape_ends_it(tmp_path):
    # page 3 opens with the 年度总体目标 row: the task list ended with page 2 (its 合计 printed there)
    doc = yunnan_pdf(tmp_path, _task_cut() + 3)
    (table,) = doc.tables
    assert table.df["项目名称"].tolist()[-3:] == ["金额合计"] * 3
    assert doc.problems.empty and len(doc.indicators) == len(YUNNAN_INDICATORS)


def test_amounts_of_a_form_that_nothing_reads_are_reported_on_their_page(tmp_path, monkeypatch):
    # the task list read as if it ended at the page break: the amounts printed after it are reported, never lost
    monkeypatch.setattr(target_forms, "_has_block_shape", lambda block, row: False, raising=False)
    doc = yunnan_pdf(tmp_path, _task_cut())
    (table,) = doc.tables
    assert len(doc.tidy) == 13  # page 2's twelve, and 金额合计's 总额 read beside its label
    coverage = doc.problems[doc.problems.kind == "coverage"]
    assert coverage[["file", "page", "table"]].values.tolist() == [["yunnan_7.pdf", 3, table.name]]
    (reason,) = coverage.reason
    assert reason.startswith("8 amounts printed in the form that no fund row or indicator reads: not extracted")
    assert "(40.00; 30.00; 10.00; 20.00; 20.00; …)" in reason


def test_indicator_values_dates_and_counts_in_a_form_are_no_unread_amounts(tmp_path):
    # the indicators' values (≥5万亩, 2024.12, 3.00) are read with them; a count (120) and a year and month
    # (2024.12) printed beside their labels are no amounts
    doc = yunnan_pdf(tmp_path, None, extra=[["编制人数", "120", "完成时限", "2024.12", "<", "<"]])
    assert len(doc.tables[0].df) == 21 and len(doc.indicators) == len(YUNNAN_INDICATORS)
    assert doc.indicators.target.tolist()[3:5] == ["2024.12", "3.00"]
    assert doc.problems.empty


@pytest.mark.parametrize(
    ("cut", "levels"),
    [
        # page 3 opens inside 产出指标 with the 成本指标 row: 一级指标 cut, 二级指标 printed
        (
            len(yunnan_rows()) - 3,
            [("产出指标", "成本指标"), ("效益指标", "生态效益指标"), ("满意度指标", "服务对象满意度指标")],
        ),
        # page 3 opens inside 数量指标: both levels cut
        (len(yunnan_rows()) - 5, [("产出指标", "数量指标"), ("产出指标", "时效指标")]),
    ],
)
def test_an_indicators_levels_cut_by_a_page_break_carry_over_from_above(tmp_path, cut, levels):
    doc = yunnan_pdf(tmp_path, cut)
    ind = doc.indicators
    assert ind.level3.tolist() == [i[2] for i in YUNNAN_INDICATORS]
    assert ind[["level1", "level2"]].values.tolist() == [list(i[:2]) for i in YUNNAN_INDICATORS]
    on_page_3 = ind[ind.page == 3]
    assert [tuple(x) for x in on_page_3[["level1", "level2"]].values.tolist()][: len(levels)] == levels
    assert doc.problems.empty and len(doc.tables[0].df) == 21


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,390.00", True),
        ("40.00", True),
        ("280.7万元", True),
        ("78万元", True),  # a whole number with its money unit
        ("一般公共预算：1,156.40", True),
        ("78", False),  # a bare whole number: a count, a code (教育部 105), a year
        ("2024.12", False),  # a year and month
        ("≥5万亩", False),
        ("≤3万元", False),  # a target
        ("95%", False),
        ("完成时限：2024.12", False),
    ],
)
def test_the_form_cells_that_print_an_amount(text, amount):
    assert prints_amounts(text) is amount
