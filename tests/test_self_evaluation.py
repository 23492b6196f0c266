"""绩效自评表 of final accounts (项目支出绩效自评表, 部门整体支出绩效自评表), each a ruled key–value form: the funds
block prints each source in several measures (年初预算数 | 全年预算数 | 全年执行数) with the 分值, 执行率 and 得分
of 预算执行率; the indicators print the value reached, the score and why it fell short (实际完成值 | 得分 |
偏差原因分析及改进措施); a 总分 row closes the form."""

from __future__ import annotations

from decimal import Decimal

from analysis import read_budget
from tests.pdf_tables import Document, TablePage, write_document

WIDTHS = [72, 56, 64, 70, 52, 52, 30, 44, 96]
INDICATORS = [
    ("产出指标", "数量指标", "规划成果数量", "≥3项", "3项", "20", "20"),
    ("产出指标", "时效指标", "按期完成率", "≥90%", "85%", "20", "17.50"),
    ("效益指标", "社会效益指标", "规划实施覆盖面", "全市域", "全市域", "30", "30"),
    ("满意度指标", "服务对象满意度", "公众满意度", "≥90%", "92%", "20", "19.50"),
]


def _indicator_rows(note: str) -> list[list[str]]:
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows = [["绩效指标", *header]]
    for k, (level1, level2, name, target, actual, weight, score) in enumerate(INDICATORS):
        first = k == 0 or INDICATORS[k - 1][0] != level1
        cells = [level1 if first else "^", level2, name, target, actual, weight, score]
        rows.append(["^", *cells, note if k == 0 else "^"])
    rows.append(["总分", "<", "<", "<", "<", "<", "100", "97.00", ""])
    return rows


def project_form() -> list[list[str]]:
    return [
        ["项目名称", "国土空间总体规划编制", "<", "<", "<", "<", "<", "<", "<"],
        ["主管部门", "某某市自然资源局", "<", "<", "实施单位", "某某市自然资源局", "<", "<", "<"],
        ["项目资金（万元）", "", "<", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["^", "年度资金总额", "<", "180.00", "236.80", "236.80", "10", "100.00%", "10.00"],
        ["^", "其中：当年财政拨款", "<", "143.20", "200.00", "200.00", "—", "—", "—"],
        ["^", "上年结转资金", "<", "36.80", "36.80", "36.80", "—", "—", "—"],
        ["^", "其他资金", "<", "0.00", "0.00", "0.00", "—", "—", "—"],
        ["年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<"],
        ["^", "完成规划成果编制并报批。", "<", "<", "<", "已完成编制，报省政府审批。", "<", "<", "<"],
        *_indicator_rows("部分环节延期"),
    ]


def department_form() -> list[list[str]]:
    return [
        ["部门（单位）名称", "某某市自然资源局", "<", "<", "<", "<", "<", "<", "<"],
        ["年度主要任务", "任务名称", "<", "主要内容", "<", "<", "<", "全年预算数", "全年执行数"],
        ["^", "规划编制与实施", "<", "国土空间规划编制和实施监督", "<", "<", "<", "236.80", "236.80"],
        ["^", "机关运行保障", "<", "人员经费和日常公用经费", "<", "<", "<", "937.80", "930.00"],
        ["^", "合计", "<", "", "<", "<", "<", "1,174.60", "1,166.80"],
        ["金额（万元）", "", "<", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["^", "年度资金总额", "<", "1,170.00", "1,174.60", "1,166.80", "10", "99.34%", "9.93"],
        ["^", "其中：基本支出", "<", "937.80", "937.80", "930.00", "—", "—", "—"],
        ["^", "项目支出", "<", "232.20", "236.80", "236.80", "—", "—", "—"],
        ["年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<"],
        ["^", "保障规划编制等重点工作。", "<", "<", "<", "各项重点工作按期完成。", "<", "<", "<"],
        *_indicator_rows("无"),
    ]


def read(tmp_path, title: str, form: list[list[str]]):
    page = TablePage(title, form, [], WIDTHS, org="部门：某某市自然资源局")
    path = write_document(Document(["某某市自然资源局2023年度部门决算"], [], [page]), tmp_path / "self.pdf")
    return read_budget(path, use_cache=False)


def test_a_project_self_evaluation_reads_each_measure_of_its_funds_and_scores_its_indicators(tmp_path):
    budget = read(tmp_path, "2023年度项目支出绩效自评表", project_form())
    (table,) = budget.tables
    assert table.key == "performance_evaluation"
    assert list(table.df.columns) == ["项目名称", "资金来源", "年初预算数", "全年预算数", "全年执行数"]
    total = table.df[table.df["资金来源"] == "年度资金总额"].iloc[0]
    assert [total[c] for c in ("年初预算数", "全年预算数", "全年执行数")] == [
        Decimal("180.00"),
        Decimal("236.80"),
        Decimal("236.80"),
    ]
    sums = [c for c in table.validation.checks if c.rule == "fund_total"]
    assert len(sums) == 3 and all(c.passed for c in sums)
    assert budget.problems.empty  # every figure the form prints is read: funds, 执行率 and scores
    indicators = budget.indicators
    assert set(indicators.table_key) == {"performance_evaluation"}
    assert list(indicators.level3) == ["预算执行率", *(i[2] for i in INDICATORS)]
    late = indicators[indicators.level3 == "按期完成率"].iloc[0]
    assert (late.target, late.actual, late.weight, late.score) == ("90", "85%", Decimal("20"), Decimal("17.50"))
    assert late.deviation == "部分环节延期"
    execution = indicators[indicators.level3 == "预算执行率"].iloc[0]
    assert (execution.actual, execution.weight, execution.score) == ("100.00%", Decimal("10"), Decimal("10.00"))
    assert sum(indicators.weight) == Decimal("100") and set(indicators.weight_total) == {Decimal("100")}


def test_a_department_self_evaluation_reads_its_tasks_and_funds_by_measure(tmp_path):
    budget = read(tmp_path, "2023年度部门整体支出绩效自评表", department_form())
    (table,) = budget.tables
    df = table.df.set_index(["项目名称", "资金来源"])
    assert df.at[("机关运行保障", ""), "全年执行数"] == Decimal("930.00")
    assert df.at[("合计", ""), "全年预算数"] == Decimal("1174.60")
    assert df.at[("某某市自然资源局", "项目支出"), "年初预算数"] == Decimal("232.20")
    checks = {c.rule for c in table.validation.checks}
    assert {"task_total", "fund_total"} <= checks and not table.validation.failed
    assert table.unit == "万元" and not table.unit_assumed
    assert budget.problems.empty
    assert len(budget.indicators) == len(INDICATORS) + 1
