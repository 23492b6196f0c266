"""Structure, trend and performance views: exact values computed from the sample's truth tables."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from analysis import performance, read_budget, structure, trend

D = Decimal


def _pct(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"))


def test_expenditure_by_function_class_with_exact_shares(sample):
    classes = structure.by_function(sample, "类").set_index("func_code")
    assert classes.amount.to_dict() == {"205": D("4928.27"), "208": D("380.68"), "221": D("173.97"), "210": D("118.08")}
    assert classes.at["205", "share"] == D("4928.27") / D("5601.00") * 100
    assert _pct(classes.at["205", "share"]) == D("87.99") and _pct(classes.at["210", "share"]) == D("2.11")
    assert classes.at["205", "name_en"] == "Education" and classes.at["208", "name_zh"] == "社会保障和就业支出"


def test_function_items_carry_printed_names_and_shares_of_their_parent(sample):
    items = structure.by_function(sample, "项").set_index("func_code")
    assert items.at["2080506", "name_zh"] == "机关事业单位职业年金缴费支出"
    assert items.at["2080506", "share_of_parent"] == D("201.46") / (D("18.03") + D("161.19") + D("201.46")) * 100
    assert sum(items.amount) == D("5601.00")


def test_all_funds_scope_adds_the_service_revenue(sample):
    classes = structure.by_function(sample, "类", scope="all").set_index("func_code")
    assert classes.at["205", "amount"] == D("4998.27") and sum(classes.amount) == D("5671.00")


def test_basic_and_project_expenditure_by_class(sample):
    data = structure.basic_vs_project(sample).set_index("func_code")
    assert (data.at["205", "basic"], data.at["205", "project"], data.at["205", "total"]) == (
        D("2312.27"),
        D("2686.00"),
        D("4998.27"),
    )
    assert sum(data.basic) == D("2985.00") and sum(data.project) == D("2686.00")


def test_economic_classes_and_items(sample):
    classes = structure.economic_classes(sample).set_index("class_code")
    assert classes.amount.to_dict() == {
        "301": D("2206.53"),
        "302": D("906.06"),
        "303": D("647.91"),
        "310": D("1840.50"),
    }
    assert classes.at["301", "class_en"] == "Wages and benefits"
    items = structure.by_economic_class(sample).set_index("econ_code")
    assert items.at["30101", "item_zh"] == "基本工资" and items.at["30101", "amount"] == D("461.01")
    assert items.at["30101", "share_of_class"] == D("461.01") / D("2206.53") * 100


def test_personnel_and_public_costs_of_basic_expenditure(sample):
    data = structure.personnel_vs_public(sample).set_index("item_zh")
    assert data.amount.to_dict() == {"人员经费": D("2654.44"), "公用经费": D("260.56")}
    assert data.at["公用经费", "item_en"] == "public (office) costs"


def test_funding_sources(sample):
    data = structure.by_funding_source(sample).set_index("source_zh")
    assert data.at["一般公共预算拨款收入", "amount"] == D("5601.00")
    assert _pct(data.at["一般公共预算拨款收入", "share"]) == D("98.77")
    assert data.at["一般公共预算拨款收入", "source_en"] == "general public budget appropriation"


def test_project_ranking_with_cumulative_share(sample):
    ranking = structure.project_ranking(sample)
    first = ranking.iloc[0]
    assert (first.project, first.amount) == ("智慧蓉城教育城运分中心平台建设", D("883.00"))
    assert first.share == D("883.00") / D("2686.00") * 100
    assert ranking.cumulative_share.iloc[-1] == 100 and sum(ranking.amount) == D("2686.00")
    # a project funded under two function codes is one project
    audit = ranking.set_index("project").loc["教育资助年度专项审计"]
    assert audit.amount == D("25.00") and audit.func_codes == "2050199, 2050999"


def test_three_public_expenses(sample):
    data = structure.three_public(sample).set_index("item_zh")
    assert data.at["公务用车运行费", "amount"] == D("3.50") and data.at["公务接待费", "amount"] == 0
    assert data.at["公务用车运行费", "item_en"] == "official vehicle running costs"


def test_concentration_top_k_share_and_herfindahl_index():
    result = structure.concentration([D(50), D(30), D(20)], k=2)
    assert result["top_k_share"] == D(80) and result["hhi"] == D(2500 + 900 + 400)


def test_flows_from_source_to_function_to_economic_class_add_up(sample):
    flows = structure.flows(sample)
    first = flows[flows.stage_from == "source"]
    second = flows[flows.stage_from == "function"]
    assert sum(first.amount) == D("5671.00") == sum(second.amount)
    education = first[first.target == "教育支出"].set_index("source").amount.to_dict()
    assert education == {"一般公共预算拨款": D("4928.27"), "财政专户管理资金收入": D("70.00")}


def test_stated_changes_are_recomputed(sample):
    changes = trend.stated_changes(sample).set_index("func_code")
    annuity = changes.loc["2080506"]
    assert (annuity.prior, annuity.current, annuity.change) == (D("67.43"), D("201.46"), D("134.03"))
    assert _pct(annuity.rate) == D("198.77")
    pension = changes.loc["2080505"]
    assert pension.change == D("26.34") and pension.stated_change == D("26.24")  # the text's own figure
    assert changes.loc["2101199"].rate is None  # prior year 0: no rate


def test_a_panel_of_two_years_matches_function_codes(sample):
    later = copy.copy(sample)
    later.meta = {**sample.meta, "year": 2024}
    data = trend.panel([sample, later])
    education = data[data.func_code == "205"]
    assert education.year.tolist() == [2023, 2024] and education.change.tolist() == [None, D("0.00")]


def test_performance_views(sample):
    projects = performance.projects(sample)
    assert len(projects) == 14 and set(projects.weight_total) == {D(90)}
    assert projects.set_index("project").at["教育网络专项", "budget"] == D("161.00")
    types = performance.by_type(sample)
    assert types.indicators.sum() == 106
    assert set(types.level1_en) <= {"output", "outcome", "satisfaction", "cost"}


def test_exercises_check_answers_at_their_precision(sample):
    from analysis import teaching

    exercises = teaching.exercises(sample)
    assert sorted(exercises) == [1, 2, 3]
    assert teaching.check(exercises, 1, D("4928.27") / D("5601.00") * 100) == "correct: 87.99 %"
    assert teaching.check(exercises, 2, D("5671")).startswith("correct")
    assert teaching.check(exercises, 1, D("88.5")).startswith("not quite")
    assert "not available" in teaching.check(exercises, 4, D(1))


def test_glossary_reads_the_documents_own_definitions(sample):
    from analysis import teaching

    glossary = teaching.glossary(sample).set_index("term")
    assert glossary.at["事业收入", "definition"].startswith("指事业单位开展专业业务活动")
    assert "公务接待费反映" in glossary.at["三公经费", "definition"]  # a definition continued on the next line
    assert len(glossary) == 14


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, items",
    [
        # one row, the items as columns beside 机关运行经费 (no 三公 item), figures read by hand from p.21
        ("shanghai_putuo_sifaju_2026_department_budget", {"公务用车运行费": "9.98", "公务接待费": "0.83"}),
        # 公开09表 (p.19): the items as columns beside 会议费 and 培训费
        (
            "jiangsu_jianchayuan_2018_budget",
            {"因公出国（境）费": "100.00", "公务用车运行费": "267.80", "公务接待费": "116.50"},
        ),
    ],
)
def test_three_public_items_are_read_in_every_layout_of_the_table(name, items):
    from .conftest import REALWORLD

    view = structure.three_public(read_budget(REALWORLD / f"{name}.pdf"))
    found = {r.item_zh: format(r.amount, "f") for r in view.itertuples() if r.amount}
    assert found == items and "机关运行经费" not in set(view.item_zh)


def test_stated_changes_are_year_on_year_only(tmp_path):
    """A change stated against the year's budget (比年初预算), against last year's final where the tables print
    budgets (比上年决算), or qualified (同口径) pairs no figure with last year's as printed: not a trend row."""
    from .budget_pdfs import Text, build

    narrative = Text(
        [
            "2026年某某局部门预算",
            "\t教育支出 300.00 万元，比上年增加 50.00 万元，增长 20.00%。",
            "\t科学技术支出 200.00 万元，比上年预算减少 10.00 万元，比上年决算增加 20.00 万元，增长 11.11%。",
            "\t卫生健康支出 120.00 万元，按同口径同比减少 6.00 万元，下降 4.76%。",
        ]
    )
    budget = read_budget(build(tmp_path / "doc.pdf", [[narrative]]), use_cache=False)
    changes = trend.stated_changes(budget)
    narrated = changes[changes.source.str.startswith("narrative")]
    assert sorted(zip(narrated.subject, narrated.prior, strict=True)) == [
        ("教育支出", D("250.00")),
        ("科学技术支出", D("210.00")),
    ]
