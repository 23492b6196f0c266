"""Rules of the provinces' templates for titles, continued tables and performance-target forms,
each on a small PDF built here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget

from .budget_pdfs import NARRATIVE, Grid, Spacer, Text, build, expense_table

WIDTHS = [70, 150, 80, 80, 80]
HEADER = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]


def read(tmp_path, pages, name="doc"):
    return read_budget(build(tmp_path / f"{name}.pdf", pages), use_cache=False)


def rows(n: int, start: int = 0) -> list[list[str]]:
    return [[f"20101{k:02d}", f"事务{k}", "10.00", "10.00", ""] for k in range(start, start + n)]


# -- titles ---------------------------------------------------------------------------------------


def test_a_title_wrapped_over_two_lines_and_padded_with_blanks_is_read_whole(tmp_path):
    title = [
        Text(["表13"], size=9),
        Text(["2022年部门综合预算一般公共预算拨款“三公”经费、"], size=15, centred=True, pad=30, gap=2),
        Text(["会议费、培训费表"], size=15, centred=True),
    ]
    grid = Grid(header=HEADER, rows=rows(3), widths=WIDTHS, title="")
    (table,) = read(tmp_path, [[NARRATIVE], [*title, grid]]).tables
    assert (table.label, table.title) == ("表13", "2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表")
    assert table.key == "three_public" and table.title_source == "above"


def test_a_label_line_above_the_title_gives_the_title_printed_under_it_however_far(tmp_path):
    blocks = [Text(["表二"], size=12), Spacer(40), Text(["2026年部门收入总体情况表"], size=16, centred=True)]
    grid = Grid(header=HEADER, rows=rows(3), widths=WIDTHS, title="", org="单位名称：某某局")
    (table,) = read(tmp_path, [[NARRATIVE], [*blocks, grid]]).tables
    assert (table.label, table.title, table.key) == ("表二", "2026年部门收入总体情况表", "income_summary")


def test_running_text_above_a_table_is_never_its_title(tmp_path):
    text = Text(
        ["从预算单位构成看，本部门的部门预算包括部门本级预算。", "纳入本部门预算编制范围的单位共1个，详细情况见下表："]
    )
    units = Grid(header=[["序号", "单位名称", "备注"]], rows=[["1", "某某局本级", ""]], widths=[60, 240, 120], title="")
    (table,) = read(tmp_path, [[NARRATIVE, text, units]]).tables
    assert table.title == "" and table.title_source == "none" and table.key == "other"


def test_the_validation_report_says_where_each_title_was_found(tmp_path):
    foot = [
        NARRATIVE,
        Spacer(560),
        Text(["表5 一般公共预算支出表"], size=15, centred=True),
        Text(["单位：万元"], size=9),
    ]
    doc = read(tmp_path, [foot, [expense_table(title="", unit="")], [expense_table(title="一般公共预算基本支出表")]])
    report = doc.validation_report()
    assert report.title_source.tolist() == ["previous page", "above"]


def test_the_validation_report_of_a_document_without_tables_has_its_columns_and_no_rows(tmp_path):
    report = read(tmp_path, [[NARRATIVE]]).validation_report()
    assert report.empty and "status" in report.columns and "checks" in report.columns


# -- tables continued over pages -------------------------------------------------------------------


def test_a_table_repeating_its_title_and_department_line_without_its_label_is_one_table(tmp_path):
    title, org = "一般公共预算支出明细表", "预算单位：某某局"
    first = Grid(header=HEADER, rows=rows(3), widths=WIDTHS, title=title, label="表5", label_inline=False, org=org)
    more = Grid(header=HEADER, rows=rows(3, 3), widths=WIDTHS, title=title, org=org)
    doc = read(tmp_path, [[NARRATIVE], [first], [more]])
    (table,) = doc.tables
    assert (table.label, table.pages, len(table.df)) == ("表5", [2, 3], 6)


def test_the_same_title_over_another_units_department_line_is_another_table(tmp_path):
    first = Grid(header=HEADER, rows=rows(3), widths=WIDTHS, title="项目支出表", org="单位名称：某某局本级")
    other = Grid(header=HEADER, rows=rows(3, 3), widths=WIDTHS, title="项目支出表", org="单位名称：某某中心")
    doc = read(tmp_path, [[NARRATIVE], [first], [other]])
    assert [(t.pages, t.org_line) for t in doc.tables] == [([2], "单位名称：某某局本级"), ([3], "单位名称：某某中心")]


def test_the_same_title_over_a_page_opening_with_its_own_grand_total_is_another_table(tmp_path):
    doc = read(tmp_path, [[NARRATIVE], [expense_table()], [expense_table()]])
    assert [t.pages for t in doc.tables] == [[2], [3]]


# -- table keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("政府采购支出预算表", "gov_procurement"),
        ("2022年部门综合预算政府性基金收支表（不含上年结转）", "gov_fund_expense"),
        ("部门综合预算财政拨款上年结转资金支出表", "fiscal_carryover_expense"),
        ("2026年部门整体绩效目标表", "department_targets"),
        ("部门整体支出绩效目标表", "department_targets"),
        ("2022年专项资金总体支出绩效目标表", "performance_targets"),
    ],
)
def test_titles_of_other_templates_name_their_standard_table(title, key):
    from analysis.specs import spec_for_title

    assert spec_for_title(title).key == key


# -- performance-target forms ---------------------------------------------------------------------

INDICATOR_BLOCK = [
    [("绩效指标", 1, 4), "一级指标", "二级指标", "三级指标", "指标值"],
    [None, ("产出指标", 1, 2), "数量指标", "设备台（套）", "102"],
    [None, None, "成本指标", "购置成本", "280.7万元"],
    [None, "满意度指标", "满意度指标", "社会公众满意度", "≥90%"],
]


def form(title: str, top: list[list], indicators=INDICATOR_BLOCK, label: str = "") -> Grid:
    return Grid(header=top + indicators, rows=[], widths=[110, 70, 90, 130, 90], title=title, label=label, unit="")


def test_a_form_named_by_its_title_opens_with_its_funds_printed_with_their_unit(tmp_path):
    top = [
        [("专项资金情况（万元）", 1, 3), "资金总额：", ("280.7万元", 3)],
        [None, "财政拨款：", ("280.7万元", 3)],
        [None, "其他资金：", ("", 3)],
        ["项目实施期目标", ("购置一批生产、办公设备，保障业务工作的有序开展", 4)],
    ]
    doc = read(tmp_path, [[NARRATIVE], [form("单警装备购置项目绩效目标表", top)]])
    (table,) = doc.tables
    assert (table.key, table.reader, table.unit) == ("performance_targets", "form", "万元")
    assert table.df.values.tolist() == [
        ["单警装备购置", "资金总额", Decimal("280.7")],
        ["单警装备购置", "财政拨款", Decimal("280.7")],
    ]
    assert [c.rule for c in table.validation.checks] == ["fund_total"] and table.validation.status == "ok"
    tidy = doc.tidy
    assert tidy.amount_printed.tolist() == ["280.7", "280.7"] and set(tidy.unit_printed) == {"万元"}
    ind = doc.indicators
    assert ind.level3.tolist() == ["设备台（套）", "购置成本", "社会公众满意度"]
    assert ind.target.tolist() == ["102", "280.7", "90"] and ind.measure_unit.tolist()[1:] == ["万元", "%"]
    assert set(ind.project) == {"单警装备购置"} and set(ind.budget) == {Decimal("280.7")}
    assert set(ind.annual_goal) == {"购置一批生产、办公设备，保障业务工作的有序开展"}


def _project_form(name: str, amount: str) -> Grid:
    top = [
        ["项目名称", (name, 4)],
        [("项目资金（万元）", 1, 2), "实施期资金总额", (amount, 3)],
        [None, "财政拨款", (amount, 3)],
        ["年度目标", ("保障接待中心正常运转", 4)],
    ]
    return form("部门专项业务经费绩效目标表", top)


def test_a_project_table_naming_units_categories_and_projects_without_codes_lists_its_projects_by_its_sums(
    tmp_path,
):
    from analysis.audit import run_audit

    body = [  # in 元: a unit, its one sub-unit, two categories, a group of two projects, four projects
        ["", "合计", "3,600,000.00", ""],
        ["121", "某某局", "3,600,000.00", ""],
        ["121001", "某某局", "3,600,000.00", ""],
        ["", "通用项目", "1,400,000.00", ""],
        ["", "办公用房物业管理服务项目", "1,400,000.00", ""],
        ["", "食堂包厨服务", "900,000.00", ""],
        ["", "物业管理服务", "500,000.00", ""],
        ["", "专用项目", "2,200,000.00", ""],
        ["", "2026年中央信访资金", "2,000,000.00", ""],
        ["", "法律顾问服务", "200,000.00", ""],
    ]
    table = Grid(
        header=[["单位编码", "单位（项目）名称", "项目金额", "项目简介"]], rows=body, widths=[70, 190, 90, 120],
        title="部门综合预算专项业务经费支出表", label="表10", unit="单位：元",
    )  # fmt: skip
    forms = [[_project_form("物业管理服务", "50.00")], [_project_form("法律顾问服务", "50.00")]]
    doc = read(tmp_path, [[NARRATIVE], [table], *forms])
    (projects,) = [t for t in doc.tables if t.key == "project_expense"]
    assert projects.unit == "元"
    x04 = run_audit(doc).frame(include_passed=True).query("rule == 'X04'")
    compared = x04[x04.message.str.contains("：绩效目标表")]
    assert sorted(zip(compared.status, compared.expected, compared.actual, strict=True)) == [
        ("failed", "20.00", "50.00"),  # 法律顾问服务: 200,000 元 is 20 万元, its form says 50 万元
        ("passed", "50.00", "50.00"),  # 物业管理服务: 500,000 元 = 50 万元
    ]
    # the projects are the rows no other row adds up: never a unit, a category or a group
    untargeted = x04[x04.message.str.contains("没有绩效目标")].message.str.extract(r"项目“(.+?)”")[0].tolist()
    assert untargeted == ["食堂包厨服务", "2026年中央信访资金"]
    (total,) = x04[x04.message.str.contains("项目合计")].itertuples()
    assert (
        total.status == "failed"
        and "4 个项目" in total.message
        and (total.expected, total.actual) == ("360.00", "100.00")
    )


def test_a_department_form_lists_its_tasks_down_to_their_total(tmp_path):
    top = [
        ["部门（单位）名称", ("某某局", 4)],
        [("年度主要任务", 1, 5), ("任务名称", 1, 2), ("主要内容", 1, 2), ("预算金额（万元）", 2)],
        [None, None, None, "总额", "财政拨款"],
        [None, "任务1", "保障机构正常运转", "19,443.34", "19,443.34"],
        [None, "信访业务", "受理来访", "66.38", "66.38"],
        [None, ("金额合计", 2), "19,509.72", "19,509.72"],
        ["年度总体目标", ("维持机构正常运转，为行业发展提供保障", 4)],
    ]
    blocks = [[("年度绩效指标", 1, 2), "一级指标", "二级指标", "指标内容", "指标值"],
              [None, "产出指标", "数量指标", "部门从业人员", "1318"]]  # fmt: skip
    doc = read(tmp_path, [[NARRATIVE], [form("2022年部门整体支出绩效目标表", top, blocks, label="附表15")]])
    (table,) = doc.tables
    assert (table.key, table.label, table.unit) == ("department_targets", "附表15", "万元")
    assert table.df["项目名称"].tolist() == ["任务1：保障机构正常运转"] * 2 + ["信访业务"] * 2 + ["金额合计"] * 2
    assert table.df["资金来源"].tolist() == ["总额", "财政拨款"] * 3
    rules = [c.rule for c in table.validation.checks]
    assert rules.count("task_total") == 2 and table.validation.status == "ok"
    ind = doc.indicators
    assert ind[["table_key", "project", "level3", "target"]].values.tolist() == [
        ["department_targets", "某某局", "部门从业人员", "1318"]
    ]
    assert ind.budget.tolist() == [Decimal("19509.72")] and ind.annual_goal.tolist() == [
        "维持机构正常运转，为行业发展提供保障"
    ]


def test_a_wrong_task_total_fails_validation(tmp_path):
    top = [
        ["部门（单位）名称", ("某某局", 4)],
        [("年度主要任务", 1, 4), "任务名称", "主要内容", "总额", "财政拨款"],
        [None, "保运转", "人员薪酬", "100.00", "100.00"],
        [None, "办业务", "受理来访", "50.00", "50.00"],
        [None, ("金额合计", 2), "160.00", "150.00"],
    ]
    blocks = [
        [("绩效指标", 1, 2), "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "产出指标", "数量指标", "来访", "100"],
    ]
    doc = read(tmp_path, [[NARRATIVE], [form("部门整体支出绩效目标表", top, blocks)]])
    failed = {(c.rule, c.expected, c.actual) for c in doc.tables[0].validation.failed}
    # the total's 总额 against the tasks' 总额, and against its own 财政拨款
    assert failed == {("task_total", "150.00", "160.00"), ("fund_total", "150.00", "160.00")}


def test_a_form_printing_its_goal_under_its_label_and_indicators_under_指标名称(tmp_path):
    top = [[("当年整体绩效目标", 5)], [("提升科技创新能力，完善科技服务体系，确保财政资金使用效益", 5)]]
    blocks = [[("绩效指标", 1, 3), ("指标名称", 2), "指标性质", "指标值"],
              [None, ("获批项目数量", 2), "≥", "800"],
              [None, ("技术合同成交额", 2), "≥", "950"]]  # fmt: skip
    doc = read(tmp_path, [[NARRATIVE], [form("2026年部门整体绩效目标表", top, blocks)]])
    (table,) = doc.tables
    # no funds printed, but its goal and indicators are: a table read, never one "printed empty"
    assert table.key == "department_targets" and table.indicators_read == 2 and not table.is_empty
    ind = doc.indicators
    assert ind[["level3", "operator", "target"]].values.tolist() == [
        ["获批项目数量", "≥", "800"],
        ["技术合同成交额", "≥", "950"],
    ]
    assert set(ind.annual_goal) == {"提升科技创新能力，完善科技服务体系，确保财政资金使用效益"}


def test_a_form_printing_whether_each_indicator_is_core_keeps_it(tmp_path):
    # 重庆's forms end the indicator header with 是否核心 (是/否): a printed field of each indicator
    top = [[("当年整体绩效目标", 6)], [("提升科技创新能力，确保财政资金使用效益", 6)]]
    blocks = [[("绩效指标", 1, 3), "指标名称", "指标性质", "指标值", "指标权重(%)", "是否核心"],
              [None, "获批项目数量", "≥", "800", "60", "是"],
              [None, "保障机关运行天数", "=", "365", "40", "否"]]  # fmt: skip
    grid = Grid(
        header=top + blocks, rows=[], widths=[80, 130, 60, 60, 70, 60], title="2026年部门整体绩效目标表", unit=""
    )
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    ind = doc.indicators
    assert ind[["level3", "weight", "core"]].values.tolist() == [
        ["获批项目数量", Decimal("60"), "是"],
        ["保障机关运行天数", Decimal("40"), "否"],
    ]


def test_a_blank_form_is_a_target_table_printed_empty(tmp_path):
    top = [["项目名称", ("", 4)], ["主管部门", ("", 4)], [("资金金额（万元）", 1, 2), "年度资金总额", ("", 3)],
           [None, "其中：财政拨款", ("", 3)]]  # fmt: skip
    blocks = [
        [("年度绩效指标", 1, 2), "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "成本指标", "经济成本", "", ""],
    ]
    doc = read(tmp_path, [[NARRATIVE], [form("专项资金总体绩效目标表", top, blocks)]])
    (table,) = doc.tables
    assert (table.key, table.reader, table.is_empty) == ("performance_targets", "form", True)
    assert doc.indicators.empty and doc.tidy.empty


# -- titles across page breaks ----------------------------------------------------------------------

SUMMARY_HEADER = [[("收入", 2), ("支出", 3)], ["项目", "预算数", "项目", "合计", "一般公共预算"]]
SUMMARY_ROWS = [
    ["一、一般公共预算", "120.00", "一、一般公共服务支出", "100.00", "100.00"],
    ["二、政府性基金预算", "", "二、住房保障支出", "20.00", "20.00"],
    ["收入总计", "120.00", "支出总计", "120.00", "120.00"],
]


def summary(**kw) -> Grid:
    return Grid(header=SUMMARY_HEADER, rows=SUMMARY_ROWS, widths=[120, 60, 120, 60, 80], **kw)


def test_a_title_at_the_foot_of_a_page_below_another_table_belongs_to_the_table_on_the_next(tmp_path):
    foot = [Text(["公开04表 财政拨款收支预算总表"], size=15, centred=True), Text(["部门：某某局  单位：万元"], size=9)]
    page = [expense_table(label="公开03表", title="一般公共预算支出预算表"), Spacer(300), *foot]
    doc = read(tmp_path, [[NARRATIVE], page, [summary(title="", unit="")]])
    assert [(t.label, t.key, t.pages) for t in doc.tables] == [
        ("公开03表", "gpb_expense", [2]),
        ("公开04表", "fiscal_summary", [3]),
    ]
    assert not any(t.is_empty for t in doc.tables) and doc.tables[1].title_source == "previous page"


@pytest.mark.parametrize("repeat", ["nothing", "department line"])
def test_a_title_and_header_at_the_foot_of_a_page_go_on_with_the_body_on_the_next(tmp_path, repeat):
    head = Grid(header=SUMMARY_HEADER, rows=[], widths=[120, 60, 120, 60, 80], title="财政拨款收支预算总表",
                label="公开04表", org="部门：某某局")  # fmt: skip
    org = "部门：某某局" if repeat == "department line" else ""
    body = Grid(header=[], rows=SUMMARY_ROWS, widths=[120, 60, 120, 60, 80], title="", unit="", org=org)
    doc = read(tmp_path, [[NARRATIVE], [Spacer(560), head], [body]])
    (table,) = doc.tables
    assert (table.label, table.key, table.pages, table.is_empty) == ("公开04表", "fiscal_summary", [2, 3], False)
    assert list(table.df.columns) == ["收入/项目", "收入/预算数", "支出/项目", "支出/合计", "支出/一般公共预算"]
    assert len(doc.tidy) == 8 and set(doc.tidy.table_label) == {"公开04表"}


def test_a_label_at_the_foot_of_a_page_belongs_to_the_titled_table_on_the_next(tmp_path):
    foot = [NARRATIVE, Spacer(580), Text(["公开05表"], size=10)]
    doc = read(tmp_path, [foot, [expense_table(title="财政拨款支出预算表")]])
    (table,) = doc.tables
    assert (table.label, table.title, table.pages) == ("公开05表", "财政拨款支出预算表", [2])


def test_a_heading_at_the_foot_of_the_narrative_is_no_title_of_the_untitled_table_after_it(tmp_path):
    foot = [NARRATIVE, Spacer(580), Text(["二、部门预算表"], size=15)]
    doc = read(tmp_path, [foot, [expense_table(title="", unit="")]])
    (table,) = doc.tables
    assert table.title == "一般公共预算支出表" and table.title_source == "header"


# -- a budget published as two files ----------------------------------------------------------------


def _narrative_file(tmp_path, cover: list[Text]):
    text = Text(["一、部门预算情况说明", "2019年收入预算1,234.56万元，支出预算1,234.56万元。"])
    return build(tmp_path / "narrative.pdf", [[Spacer(200), *cover], [text]])


def _tables_file(tmp_path, cover: list[Text] | None = None, name: str = "tables.pdf"):
    tables = [[summary(label="公开01表", title="2019年部门收支预算总表")], [expense_table(label="公开02表")]]
    return build(tmp_path / name, ([[Spacer(200), *cover]] if cover else []) + tables)


def test_the_body_of_a_file_is_read_from_its_cover_never_from_a_tables_title(tmp_path):
    cover = [Text(["江南省某某厅"], size=22, centred=True), Text(["2019年部门预算"], size=26, centred=True)]
    narrative, tables = _narrative_file(tmp_path, cover), _tables_file(tmp_path)
    assert read_budget(narrative, use_cache=False).meta["unit_name"] == "江南省某某厅"
    assert read_budget(tables, use_cache=False).meta["unit_name"] == ""  # its first page is a table: no cover
    doc = read_budget([narrative, tables], use_cache=False)
    assert doc.meta["unit_name"] == "江南省某某厅" and doc.meta["year"] == 2019 and len(doc.tables) == 2


def test_a_tables_file_opening_with_a_cover_that_names_the_body_is_the_other_half(tmp_path):
    narrative = _narrative_file(tmp_path, [Text(["江南省某某厅2019年部门预算"], size=24, centred=True)])
    tables = _tables_file(tmp_path, [Text(["江南省某某厅2019年部门预算公开报表"], size=24, centred=True)])
    doc = read_budget([narrative, tables], use_cache=False)
    assert [t.label for t in doc.tables] == ["公开01表", "公开02表"] and doc.meta["unit_name"] == "江南省某某厅"


def test_a_tables_file_whose_cover_names_another_body_is_refused_with_both_names(tmp_path):
    from analysis.errors import MismatchedFilesError

    narrative = _narrative_file(tmp_path, [Text(["江南省某某厅2019年部门预算"], size=24, centred=True)])
    tables = _tables_file(tmp_path, [Text(["江南省另一局2019年部门预算公开报表"], size=24, centred=True)])
    with pytest.raises(MismatchedFilesError, match="bodies 江南省某某厅 and 江南省另一局"):
        read_budget([narrative, tables], use_cache=False)


def test_a_document_printing_only_performance_target_forms_is_read_whole(tmp_path, capsys):
    from analysis.cli import main

    pages = []
    for k in range(1, 13):
        top = [
            ["项目名称", (f"第{k}号专项", 4)],
            ["主管部门", ("某某局", 2), "实施单位", "某某中心"],
            [("项目资金（万元）", 1, 3), "年度资金总额", (f"{k * 10}.50", 3)],
            [None, "其中：财政拨款", (f"{k * 10}.50", 3)],
            [None, "其他资金", ("0.00", 3)],
            ["年度目标", (f"完成第{k}号专项的年度任务", 4)],
        ]
        pages.append([form(f"2026年第{k}号专项项目支出绩效目标表", top)])
    path = build(tmp_path / "targets.pdf", pages)
    doc = read_budget(path, use_cache=False)
    assert len(doc.tables_of("performance_targets")) == 12 and doc.indicators.project.nunique() == 12
    assert len(doc.tidy) == 36 and doc.tidy.amount_printed.iloc[0] == "10.50"
    assert all(t.validation.status == "ok" for t in doc.tables)
    assert main(["extract", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "12 tables" in capsys.readouterr().out


def test_a_table_printed_with_its_label_only_takes_the_title_the_contents_gives_it(tmp_path):
    contents = Text(["目录", "表一 2026年部门收支总体情况表........3", "表二 2026年部门收入总体情况表........4"])
    labelled = [Text(["表二"], size=12), expense_table(title="", unit="单位：万元")]
    doc = read(tmp_path, [[NARRATIVE], [contents], labelled])
    (table,) = doc.tables
    assert (table.label, table.title, table.key, table.title_source) == (
        "表二",
        "2026年部门收入总体情况表",
        "income_summary",
        "contents",
    )


def test_amounts_printed_with_their_unit_are_read_in_it(tmp_path):
    rows = [
        ["", "合计", "1,234.56万元", "1,000.00万元", "234.56万元"],
        ["201", "一般公共服务支出", "1,034.56万元", "800.00万元", "234.56万元"],
        ["221", "住房保障支出", "200.00万元", "200.00万元", ""],
    ]
    table = expense_table(rows=rows, unit="", widths=[60, 130, 100, 100, 100])
    (read_table,) = read(tmp_path, [[NARRATIVE], [table]]).tables
    assert (read_table.unit, read_table.unit_assumed) == ("万元", False)
    assert read_table.df["一般公共预算支出/合计"].tolist() == [
        Decimal("1234.56"),
        Decimal("1034.56"),
        Decimal("200.00"),
    ]
    assert read_table.printed["一般公共预算支出/合计"].tolist() == ["1,234.56", "1,034.56", "200.00"]
    assert read_table.validation.status == "ok" and not read_table.unreadable


# -- columns of counts in tables of amounts ----------------------------------------------------------


def test_a_column_of_people_in_a_table_of_amounts_is_a_count_never_a_sum_of_money(tmp_path):
    grid = Grid(
        header=[["序号", "培训名称", "人数", "金额", "备注"]],
        rows=[["1", "党务干部培训", "44", "72,800.00", ""], ["2", "人事干部培训", "5", "15,000.00", ""]],
        widths=[40, 160, 60, 90, 80],
        title="培训费明细表",
        unit="单位：元",
    )
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    (table,) = doc.tables
    assert table.column_kinds["人数"] == "count" and table.column_kinds["金额"] == "money"
    tidy = doc.tidy.set_index("column")
    assert tidy.loc["人数", "unit_printed"].tolist() == ["人", "人"]
    assert tidy.loc["人数", "amount"].tolist() == ["44.00", "5.00"]  # the count, not 0.0044 万元
    assert tidy.loc["金额", "unit_printed"].tolist() == ["元", "元"]
    assert tidy.loc["金额", "amount"].tolist() == ["7.28", "1.50"]


@pytest.mark.parametrize(("header", "unit"), [("数量", "个"), ("数量（台）", "台"), ("车辆数", "辆")])
def test_a_quantity_column_of_a_procurement_table_keeps_its_own_unit(tmp_path, header, unit):
    grid = Grid(
        header=[["采购项目", "采购目录", header, "预算金额"]],
        rows=[
            ["合计", "", "7", "56.00"],
            ["办公设备", "A02 设备", "6", "36.00"],
            ["网络服务", "C02 服务", "1", "20.00"],
        ],
        widths=[120, 120, 80, 90],
        title="政府采购预算表",
    )
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    (table,) = doc.tables
    assert table.key == "gov_procurement" and table.column_units == {header: unit}
    counts = doc.tidy[doc.tidy.column == header]
    assert counts.unit_printed.unique().tolist() == [unit] and counts.amount.tolist() == ["7.00", "6.00", "1.00"]
    money = doc.tidy[doc.tidy.column == "预算金额"]
    assert money.unit_printed.unique().tolist() == ["万元"]


def test_a_money_column_naming_vehicles_is_no_count(tmp_path):
    from analysis.transform.tables import count_unit

    assert count_unit("公务用车购置及运行费/公务用车购置费") is None
    assert count_unit("人员经费") is None and count_unit("人数") == "人" and count_unit("在职/实有人数") == "人"
    assert count_unit("数量（台）") == "台" and count_unit("预算金额") is None


# -- tables of text in the narrative ------------------------------------------------------------------

FEE_TEXT = Text(
    [
        "（三）重点行政事业性收费情况说明",
        "项目名称：城市道路挖掘修复费，执收主体为某某局。",
        "收费依据：《某某市财政局、某某市发展和改革委员会关于同意",
        "城市道路挖掘修复收费立项的函》（某财综〔2010〕1615号）。",
        "收费标准：《某某市交通委员会关于调整城市道路挖掘",
        "修复费收费标准的通知》（某某交财发〔2011〕144号）",
    ],
    size=16,
    gap=10,
)
FEE_GRID = Grid(
    header=[["序号", "项目名称", "结构内容", "收费标准"]],
    rows=[
        ["1", "快速路沥青路面", "沥青砼15cm+水稳18cm", "342元/㎡"],
        ["2", "混凝土缘石", "49.5×20×10缘石", "46元/m"],
        ["3", "混凝土树池", "1.5×1.5树池", "222元/座"],
    ],
    widths=[40, 150, 190, 100],
    unit="",
)


def test_the_short_centred_line_over_a_table_is_its_title_not_the_running_text_above_it(tmp_path):
    title = Text(["某市城市道路挖掘修复费标准"], size=13, centred=True)
    (table,) = read(tmp_path, [[NARRATIVE, FEE_TEXT, title, FEE_GRID]]).tables
    assert table.title == "某市城市道路挖掘修复费标准"


def test_a_table_of_text_is_read_and_never_reported_printed_empty(tmp_path, capsys):
    from analysis.cli import main

    path = build(tmp_path / "fees.pdf", [[NARRATIVE, FEE_TEXT, FEE_GRID]])
    (table,) = read_budget(path, use_cache=False).tables
    assert table.key == "other" and not table.is_empty and table.is_text
    assert table.df["收费标准"].tolist() == ["342元/㎡", "46元/m", "222元/座"]
    assert main(["extract", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "printed empty" not in out and "text only: 3 rows, no amounts" in out


def test_an_empty_standard_table_is_still_printed_empty(tmp_path):
    grid = Grid(header=HEADER, rows=[["", "合计", "", "", ""]], widths=WIDTHS, title="2026年政府性基金预算支出表")
    (table,) = read(tmp_path, [[NARRATIVE], [grid]]).tables
    assert table.is_empty and not table.is_text


def test_a_contents_printed_as_a_grid_lists_its_tables_as_rows_of_text(tmp_path):
    grid = Grid(
        header=[["报表", "报表名称", "是否空表", "表格为空的理由"]],
        rows=[["表1", "部门综合预算收支总表", "", ""], ["表9", "部门综合预算政府性基金收支表", "是", "不涉及"]],
        widths=[60, 220, 70, 110],
        title="报表目录",
        unit="",
    )
    (table,) = read(tmp_path, [[NARRATIVE], [grid]]).tables
    assert (table.title, table.is_text, table.is_empty) == ("报表目录", True, False)
    assert table.df.values.tolist() == [
        ["表1", "部门综合预算收支总表", "", ""],
        ["表9", "部门综合预算政府性基金收支表", "是", "不涉及"],
    ]


def test_an_empty_column_describing_the_units_is_words_not_amounts(tmp_path):
    text = Text(["纳入本部门预算编制范围的单位共1个，详细情况见下表："])
    units = Grid(header=[["序号", "单位名称", "拟变动情况"]], rows=[["1", "某某局本级", ""]], widths=[60, 240, 120])
    (table,) = read(tmp_path, [[NARRATIVE, text, units]]).tables
    assert table.column_kinds["拟变动情况"] == "text" and table.is_text and not table.is_empty


def test_amounts_printed_in_a_table_read_as_printed_empty_are_reported(tmp_path):
    """A form whose labels are not read (printed in words no template uses) is read as printed empty: the
    amounts its grid prints are then reported as printed and not extracted, never passed over."""
    top = [
        [("资源安排（万元）", 1, 2), "经费合计数：", ("1,234.50", 3)],
        [None, "上级补助：", ("1,234.50", 3)],
        ["工作打算", ("完成年度工作", 4)],
    ]
    unknown = Grid(header=top, rows=[], widths=[110, 70, 90, 130, 90], title="某某工作项目绩效目标表", unit="")
    doc = read(tmp_path, [[NARRATIVE], [unknown]])
    (table,) = doc.tables
    assert table.is_empty and doc.tidy.empty
    (problem,) = doc.problems[doc.problems.kind == "coverage"].itertuples()
    assert problem.table == table.name and problem.text == "1,234.50" and problem.page == 2
    assert "2 amounts printed in a table read as printed empty" in problem.reason
