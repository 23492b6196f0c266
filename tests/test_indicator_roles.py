"""The columns of a 项目支出绩效目标表 printed as a grid, by role: a column naming units and projects in one
(云南 单位名称、项目名称, each unit on a row of its own above its projects), the 度量单位/计量单位 column, project
cells left blank under the project's first row, and a table whose indicators cannot be read, which is named as a
problem of the document, never skipped silently.  Each table is drawn on a small PDF here."""

from __future__ import annotations

import pytest

from analysis import read_budget

from .pdf_tables import Document, TablePage, write_document

UNIT_A, UNIT_B = "云南省某某厅本级", "云南省某某监测中心"
WIDTHS = [110, 90, 60, 80, 100, 50, 50, 60]
INDICATOR_HEADINGS = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值"]
YUNNAN_HEADER = [["单位名称、项目名称", "项目年度绩效目标", *INDICATOR_HEADINGS, "度量单位"]]

#: (project, goal, [(level1, level2, level3, operator, target, measure unit)])
PROJECTS_A = [
    (
        "办公设备购置项目",
        "完成办公设备更新",
        [
            ("产出指标", "数量指标", "购置台式计算机数量", "=", "20", "台"),
            ("产出指标", "质量指标", "设备验收合格率", "≥", "95", "%"),
            ("效益指标", "社会效益指标", "办公效率提升", "定性", "有所提升", ""),
        ],
    ),
    (
        "物业管理服务项目",
        "保障办公区正常运转",
        [
            ("产出指标", "时效指标", "服务期限", "=", "12", "月"),
            ("满意度指标", "服务对象满意度指标", "干部职工满意度", "≥", "90", "%"),
        ],
    ),
]
PROJECTS_B = [
    ("监测设备运维项目", "保障监测设备正常运行", [("产出指标", "数量指标", "运维设备数量", "≥", "30", "套")]),
]


def _project_rows(projects, merged: bool) -> list[list[str]]:
    """A project's name and goal merged down over its indicator rows (``merged``), or printed on its first
    row only, the cells beneath left blank (ruled, not merged)."""
    rows = []
    for name, goal, indicators in projects:
        for k, indicator in enumerate(indicators):
            first = k == 0
            rows.append([name if first else ("^" if merged else ""), goal if first else ("^" if merged else "")])
            rows[-1].extend(indicator)
    return rows


def _unit_row(unit: str, spanning: bool) -> list[str]:
    """A unit's own row: its name merged across the whole row, or in the first cell, the others blank."""
    return [unit] + (["<"] if spanning else [""]) * (len(WIDTHS) - 1)


def _read(tmp_path, header, body, title="预算13表 项目支出绩效目标表（本次下达）", widths=WIDTHS):
    doc = Document(
        cover=["云南省某某厅2024年部门预算"],
        narrative=[["2024年本部门实行绩效目标管理的项目3个。"]],
        tables=[TablePage(title=title, header=header, body=body, widths=widths, unit="", landscape=True)],
    )
    return read_budget(write_document(doc, tmp_path / "targets.pdf"), use_cache=False)


def _targets_table(budget):
    (table,) = [t for t in budget.tables if t.key == "performance_targets"]
    return table


@pytest.mark.parametrize("spanning", [True, False], ids=["unit-row-merged", "unit-row-ruled"])
@pytest.mark.parametrize("merged", [True, False], ids=["project-merged", "project-blank-below"])
def test_a_column_of_units_and_projects_names_the_projects_and_each_unit_row_their_unit(tmp_path, spanning, merged):
    body = [
        _unit_row(UNIT_A, spanning),
        *_project_rows(PROJECTS_A, merged),
        _unit_row(UNIT_B, spanning),
        *_project_rows(PROJECTS_B, merged),
    ]
    budget = _read(tmp_path, YUNNAN_HEADER, body)
    table = _targets_table(budget)
    # the first unit row is a body row, not a level of the header
    assert table.raw.columns[0] == "单位名称、项目名称"
    ind = budget.indicators
    expected = [
        (unit, name, goal, *indicator)
        for unit, projects in ((UNIT_A, PROJECTS_A), (UNIT_B, PROJECTS_B))
        for name, goal, indicators in projects
        for indicator in indicators
    ]
    read = ind[
        ["unit_name", "project", "annual_goal", "level1", "level2", "level3", "operator", "target", "measure_unit"]
    ]
    assert [tuple(r) for r in read.itertuples(index=False)] == expected
    assert table.indicators_read == 6
    assert budget.problems.empty


@pytest.mark.parametrize("heading", ["度量单位", "计量单位", "单位"])
def test_the_measure_unit_column_is_the_indicators_unit_never_a_unit_name(tmp_path, heading):
    header = [["项目名称", "项目年度绩效目标", *INDICATOR_HEADINGS, heading]]
    budget = _read(tmp_path, header, _project_rows(PROJECTS_A, merged=True), title="项目支出绩效目标表")
    ind = budget.indicators
    assert ind["measure_unit"].tolist() == ["台", "%", "", "月", "%"]
    assert (ind["unit_name"] == "").all()


def test_a_unit_name_column_beside_the_measure_unit_column_keeps_both(tmp_path):
    header = [["单位名称", "项目名称", "三级指标", "指标性质", "指标值", "计量单位"]]
    body = [
        [UNIT_A, "办公设备购置项目", "购置台式计算机数量", "=", "20", "台"],
        ["^", "^", "设备验收合格率", "≥", "95", "%"],
    ]
    budget = _read(tmp_path, header, body, title="项目支出绩效目标表", widths=[110, 110, 130, 60, 60, 60])
    ind = budget.indicators
    assert ind["unit_name"].tolist() == [UNIT_A, UNIT_A]
    assert ind["measure_unit"].tolist() == ["台", "%"]
    assert ind["project"].tolist() == ["办公设备购置项目"] * 2


def test_a_core_indicator_column_is_read_beside_the_measure_unit(tmp_path):
    header = [["项目名称", "三级指标", "指标性质", "指标值", "计量单位", "是否核心指标"]]
    body = [
        ["办公设备购置项目", "购置台式计算机数量", "=", "20", "台", "是"],
        ["^", "设备验收合格率", "≥", "95", "%", "否"],
    ]
    budget = _read(tmp_path, header, body, title="项目支出绩效目标表", widths=[110, 130, 60, 60, 60, 70])
    ind = budget.indicators
    assert ind[["level3", "measure_unit", "core"]].values.tolist() == [
        ["购置台式计算机数量", "台", "是"],
        ["设备验收合格率", "%", "否"],
    ]


def test_blank_project_cells_under_a_project_continue_it_until_the_next_name(tmp_path):
    header = [["项目名称", "项目年度绩效目标", *INDICATOR_HEADINGS, "度量单位"]]
    budget = _read(tmp_path, header, _project_rows(PROJECTS_A, merged=False), title="项目支出绩效目标表")
    ind = budget.indicators
    assert ind["project"].tolist() == ["办公设备购置项目"] * 3 + ["物业管理服务项目"] * 2
    assert ind["annual_goal"].tolist() == ["完成办公设备更新"] * 3 + ["保障办公区正常运转"] * 2
    assert ind["project"].nunique() == 2


def test_a_target_table_whose_indicators_cannot_be_read_is_a_problem_of_the_document(tmp_path):
    # no column names the projects: the indicators are printed but none can be told to a project
    header = [["资金用途", "一级指标", "二级指标", "三级指标", "指标值", "度量单位"]]
    body = [
        ["办公设备购置", "产出指标", "数量指标", "购置台式计算机数量", "20", "台"],
        ["^", "满意度指标", "服务对象满意度指标", "使用人员满意度", "90", "%"],
    ]
    budget = _read(tmp_path, header, body, title="项目支出绩效目标表", widths=[110, 70, 110, 130, 60, 60])
    assert budget.indicators.empty
    (problem,) = budget.problems.itertuples()
    assert problem.kind == "coverage" and problem.file == "targets.pdf" and problem.page is not None
    assert "项目支出绩效目标表" in problem.table and problem.column == "一级指标"
    assert "项目名称" in problem.reason and "indicators could not be read" in problem.reason


def test_a_table_of_projects_and_their_goals_only_prints_no_indicator_and_is_no_problem(tmp_path):
    header = [["项目名称", "预算数", "绩效目标"]]
    body = [["办公设备购置项目", "12.00", "完成办公设备更新"], ["物业管理服务项目", "36.00", "保障办公区正常运转"]]
    budget = _read(tmp_path, header, body, title="项目绩效目标表", widths=[150, 80, 250])
    assert _targets_table(budget).key == "performance_targets"
    assert budget.indicators.empty
    assert budget.problems.empty


def test_a_stated_budget_of_the_projects_is_not_compared_with_a_table_printing_no_budgets(tmp_path):
    """实行绩效目标管理的项目 2 个，涉及预算 49.50 万元 against a 绩效目标表 printing no budget column: the count is
    compared, the budget cannot be (never “绩效目标表项目预算合计 0 万元”, a false error)."""
    from analysis.audit import run_audit

    header = [["项目名称", "项目年度绩效目标", *INDICATOR_HEADINGS, "度量单位"]]
    body = _project_rows(PROJECTS_A, merged=True)
    doc = Document(
        cover=["云南省某某厅2024年部门预算"],
        narrative=[["2024年本部门实行绩效目标管理的项目2个，涉及预算49.50万元。"]],
        tables=[TablePage("项目支出绩效目标表", header, body, WIDTHS, unit="", landscape=True)],
    )
    budget = read_budget(write_document(doc, tmp_path / "targets.pdf"), use_cache=False)
    found = run_audit(budget).frame(include_passed=True)
    stated = found[found.rule == "N07"]
    assert stated.status.tolist() == ["passed", "not_run"]
    assert "绩效目标表未列项目预算" in stated.message.iloc[1]


def test_a_target_printed_with_its_operator_and_unit_is_split_as_a_forms_is(tmp_path):
    """指标值 ≥800公里 in a grid with no 指标性质 or 度量单位 column: ≥ | 800 | 公里, as the forms read it; a date
    (2023/12/1前) and words (有所提升) stay whole."""
    header = [["项目名称", "项目年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]]
    body = [
        ["道路养护项目", "完成道路养护", "产出指标", "数量指标", "养护里程", "≥800公里"],
        ["^", "^", "产出指标", "质量指标", "验收合格率", "≥95%"],
        ["^", "^", "产出指标", "时效指标", "完成时间", "2023/12/1前"],
        ["^", "^", "效益指标", "社会效益指标", "通行条件", "有所提升"],
    ]
    budget = _read(tmp_path, header, body, title="项目支出绩效目标表", widths=[110, 100, 70, 90, 100, 90])
    read = budget.indicators[["operator", "target", "measure_unit"]]
    assert [tuple(r) for r in read.itertuples(index=False)] == [
        ("≥", "800", "公里"), ("≥", "95", "%"), ("=", "2023/12/1前", ""), ("定性", "有所提升", "")
    ]  # fmt: skip
