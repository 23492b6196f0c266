"""Real published budgets and final accounts of ten provinces and cities (no hand truth).

Measured against another reader (pdfplumber, :mod:`tests.printed`): every amount
printed inside a ruled table region is read on its page, and nothing is read that
the page does not print.  Tables validate wherever the document itself adds up;
the genuine printing errors are pinned.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import cache

import pytest

from analysis import read_budget

from .conftest import REALWORLD
from .printed import coverage, norm, printed

pytestmark = pytest.mark.slow

#: documents that print their tables, and the unit of their first table
WITH_TABLES = {
    "beijing_jiaotongwei_2026_department_budget": None,  # a fee schedule in the narrative only
    "chongqing_kejiju_2026_department_budget": "万元",
    "guangzhou_tongjiju_2026_department_budget": "万元",
    "jiangsu_jianchayuan_2018_budget": "万元",
    "jiangsu_renda_bangongting_2017_budget": "万元",
    "jiangsu_shengwei_bangongting_2018_budget_tables": "万元",
    "shanghai_putuo_sifaju_2026_department_budget": "元",
    "shanghai_putuo_sifaju_2026_unit_budget": "元",
    "shanghai_zhiyenenglikaoshiyuan_2026_unit_budget": "元",
    "shenzhen_kouanban_2026_department_budget": "万元",
    "swu_2023_department_budget": "万元",
    "swu_2023_final_accounts": "万元",
    "xian_xinfangju_2026_department_budget": "万元",
    "xian_jiaotongyunshuju_2022_department_budget": "万元",
    "fuzhou_shangwuju_2026_department_budget": "万元",
    "wuxi_renshiju_2026_department_budget": "万元",
    "quanzhou_gonganju_benji_2026_unit_budget": "万元",
}
#: narrative-only documents and how many tables their 目录 lists that they do not print
NARRATIVE_ONLY = {
    "jiangsu_zhengxie_bangongting_2017_budget": 12,
    "jiangsu_zhengxie_bangongting_2018_budget": 12,
    "jiangsu_zhengxie_bangongting_2019_budget": 12,
    "jiangsu_shengwei_bangongting_2018_budget": 0,
}
#: identities that do not hold because the document misprints a figure: (rule, printed, sum of parts)
GENUINE_ERRORS = {
    # 小学教育 收入合计 9,645.51 leaves out its 0.50 事业收入; 20502 then differs by the same 0.50
    "swu_2023_department_budget": {
        ("column_total", "9,645.51", "9,646.01"),
        ("function_hierarchy", "520,603.91", "520,603.41"),
    },
    # 合计 columns 0.34 元 apart from their parts; 64,840,547.00 printed in the 行政运行 row's 项目支出 column
    "shanghai_putuo_sifaju_2026_unit_budget": {
        ("column_total", "79,189,400.34", "79,189,400"),
        ("column_total", "86,959,408.34", "86,959,408"),
        ("column_total", "14,348,853.34", "79,189,400.34"),
        ("column_total", "86,959,408.34", "86,959,408.00"),
        ("row_total", "22,118,861", "22,118,861.34"),
        ("function_hierarchy", "64,840,547.00", "129,681,094.00"),  # the 款 against its 项 with the misprint
    },
    # the “三公”, 会议费 and 培训费 of 2021 add up to 346.71, printed 346.73 (2022: 472.91, printed 472.89), in the
    # 合计 row and the department's row alike
    "xian_jiaotongyunshuju_2022_department_budget": {
        ("column_total", "346.73", "346.71"),
        ("column_total", "472.89", "472.91"),
    },
    # 合计 printed 0.02 above its classes: 23,647.92 + 1,259.82 + 1,882.57 = 26,790.31, printed 26,790.33
    # (人员经费 25,530.51 against 25,530.49), in both basic-expenditure tables; 支出总计 152,585.76 against
    # its two rows' 152,585.74
    "wuxi_renshiju_2026_department_budget": {
        ("row_total", "152,585.76", "152,585.74"),
        ("row_total", "26,790.33", "26,790.31"),
        ("row_total", "25,530.51", "25,530.49"),
    },
}

pytestmark = pytest.mark.slow  # each real document is read (and laid out again for the coverage check)


@cache
def budget(name: str):
    return read_budget(REALWORLD / f"{name}.pdf")


@pytest.mark.parametrize("name", sorted(WITH_TABLES))
def test_every_amount_printed_in_a_table_is_read_on_its_page(name):
    doc = budget(name)
    cov = coverage(printed(REALWORLD / f"{name}.pdf"), doc.tidy, doc.indicators)
    assert cov.recall >= 0.995, f"missed: {cov.missed}"
    assert cov.precision == 1.0, f"not printed on their page: {cov.invented}"
    if WITH_TABLES[name]:
        assert cov.printed > 90
        assert next(t for t in doc.tables if t.key != "other").unit == WITH_TABLES[name]


@pytest.mark.parametrize("name", sorted(WITH_TABLES))
def test_every_table_is_a_named_standard_table(name):
    """Every table holding amounts is a standard table under its title; a grid of text in the narrative
    (the list of the department's units, a fee schedule, a 目录 printed in a grid) may be none, but never
    takes a paragraph for its title."""
    for table in budget(name).tables:
        if table.is_text:
            assert len(table.title) <= 30 and not re.search(r"[，。；：:]", table.title), table.title
        else:
            assert table.key != "other" and table.title, table.name


@pytest.mark.parametrize("name", sorted(WITH_TABLES))
def test_no_table_whose_body_is_printed_is_reported_empty(name):
    """On the pages of a table read as printed empty, every amount the other reader sees was read (by the
    table the amounts belong to): an empty table's body is never left on the page."""
    doc = budget(name)
    reference = printed(REALWORLD / f"{name}.pdf")
    for table in (t for t in doc.tables if t.is_empty):
        for page in table.pages:
            read = Counter(norm(a) for a in doc.tidy.amount_printed[doc.tidy.page == page])
            assert not reference.in_tables.get(page, Counter()) - read, (table.name, page)


@pytest.mark.parametrize("name", sorted(WITH_TABLES))
def test_tables_validate_wherever_the_document_adds_up(name):
    failed = {(c.rule, c.actual, c.expected) for t in budget(name).tables for c in t.validation.failed}
    assert failed == GENUINE_ERRORS.get(name, set())


@pytest.mark.parametrize("name", sorted(NARRATIVE_ONLY))
def test_a_narrative_only_document_says_which_tables_its_contents_lists_but_does_not_print(name):
    doc = budget(name)
    assert not doc.tables and doc.tidy.empty and len(doc.narrative) > 100
    contents = doc.problems[doc.problems.kind == "contents"]
    if NARRATIVE_ONLY[name]:
        (reason,) = contents.reason
        assert reason.startswith(f"the 目录 lists {NARRATIVE_ONLY[name]} tables that this file does not print")
    else:
        assert contents.empty
    assert set(doc.problems.kind) <= {"contents"}  # and no page prints a table that was not read


def test_the_beijing_budget_says_its_contents_lists_13_tables_it_does_not_print():
    doc = budget("beijing_jiaotongwei_2026_department_budget")
    (problem,) = doc.problems.itertuples()
    assert problem.kind == "contents" and problem.reason == "the 目录 lists 13 tables that this file does not print"
    assert problem.text.split("; ")[:2] == ["收支总表", "收入总表"]
    # the fee schedule printed in the narrative is read as a table of text under the title centred over it
    # (not the paragraph citing the notice above it): its 序号 are no amounts, it is not printed empty
    (fees,) = doc.tables
    assert (fees.key, fees.title, fees.is_text, fees.is_empty) == ("other", "北京市城市道路挖掘修复费标准", True, False)
    assert fees.df["收费标准"].iloc[0] == "342 元/㎡" and len(fees.df) == 15 and doc.tidy.empty


def test_a_department_form_printing_indicators_but_no_funds_is_not_printed_empty():
    doc = budget("chongqing_kejiju_2026_department_budget")
    (form,) = doc.tables_of("department_targets")
    assert form.label == "表十" and form.indicators_read == 8 and not form.is_empty


def test_counts_printed_in_tables_of_amounts_keep_their_unit():
    tidy = budget("xian_xinfangju_2026_department_budget").tidy
    people = tidy[(tidy.table_title == "培训费明细表") & (tidy.column == "人数")]
    assert people.amount_printed.tolist() == ["44", "5", "120", "70"] and set(people.unit_printed) == {"人"}
    quantity = tidy[(tidy.table_key == "gov_procurement") & (tidy.column == "数量")]
    assert set(quantity.unit_printed) == {"个"}
    # counts are read as printed, not scaled to 万元: the total 6 is the six items of 1
    assert quantity.amount.tolist() == [f"{int(n)}.00" for n in quantity.amount_printed]
    assert quantity.amount_printed.tolist() == ["6", "6", "6"] + ["1"] * 6


def test_jiangsu_tables_are_found_by_their_labels_several_to_a_page():
    doc = budget("jiangsu_jianchayuan_2018_budget")
    assert [t.label for t in doc.tables] == [f"公开{i:02d}表" for i in range(1, 13)]
    assert doc.table("公开01表").title == "收支预算总表" and doc.table("公开01表").pages == [13, 14]
    on_page_15 = [t.label for t in doc.tables if 15 in t.pages]
    assert on_page_15 == ["公开03表", "公开04表", "公开05表"]


def test_guangzhou_tables_ruled_with_curves_are_read_by_the_vector_lattice():
    doc = budget("guangzhou_tongjiju_2026_department_budget")
    labelled = [t for t in doc.tables if t.label]
    assert [t.label for t in labelled] == [f"表{i}" for i in range(1, 13)]
    assert {t.reader for t in doc.tables} == {"lattice-vector"}
    assert doc.table("表1").key == "income_expense_summary"
    row = doc.tidy[doc.tidy.econ_code == "30227"].iloc[0]  # printed [30227]委托业务费
    assert row.row_label.startswith("[30227]")


def test_chongqing_titles_split_around_the_year_are_read_whole():
    doc = budget("chongqing_kejiju_2026_department_budget")
    assert doc.table("表一").title == "2026年部门收支总体情况表"
    assert doc.table("表一").unit == "万元" and not doc.table("表一").unit_assumed
    assert [t.label for t in doc.tables][-3:] == ["表十", "表十一", "表十二"]
    # a font whose glyph boxes hang below the baseline: codes and amounts stay in their names' rows
    gpb = doc.table("表二")
    row = gpb.df[gpb.df.iloc[:, 0] == "2069901"].iloc[0]
    assert row.iloc[1] == "科技奖励" and row.iloc[2] == Decimal("1800.00")


def test_amounts_printed_with_only_their_last_thousands_separator_are_read_exactly():
    doc = budget("shanghai_zhiyenenglikaoshiyuan_2026_unit_budget")
    row = doc.tidy[doc.tidy.amount_printed == "128138,600"].iloc[0]
    assert row.amount == "12813.86" and row.unit_printed == "元"
    assert doc.problems.empty


def test_shenzhen_tables_repeating_label_and_title_on_every_page_are_one_table_each():
    doc = budget("shenzhen_kouanban_2026_department_budget")
    assert doc.table("表3").pages == [18, 19, 20]
    assert len([t for t in doc.tables if t.label == "表3"]) == 1
    targets = doc.tables_of("performance_targets")  # printed inside the narrative, read as text
    assert len(targets) == 1 and targets[0].pages == [10, 11]


def test_amounts_drawn_outside_the_visible_page_are_reported_not_read():
    doc = budget("jiangsu_renda_bangongting_2017_budget")
    (hidden,) = doc.problems[doc.problems.kind == "hidden"].itertuples()
    assert hidden.page == 11 and "outside the page's visible area" in hidden.reason


def test_yuan_tables_and_a_wanyuan_table_in_one_document_keep_their_own_units():
    doc = budget("shanghai_putuo_sifaju_2026_department_budget")
    units = {t.key: t.unit for t in doc.tables}
    assert units["three_public"] == "万元" and units["income_expense_summary"] == "元"
    row = doc.tidy[doc.tidy.amount_printed == "96,282,213.44"].iloc[0]
    assert row.amount == "9628.221344"


def test_function_rows_add_up_in_real_documents():
    doc = budget("swu_2023_final_accounts")
    hierarchy = [c for t in doc.tables for c in t.validation.checks if c.rule == "function_hierarchy"]
    assert len(hierarchy) > 20 and all(c.passed for c in hierarchy)


def test_performance_target_forms_give_one_project_per_form_with_its_funds_and_indicators():
    doc = budget("swu_2023_department_budget")
    forms = doc.tables_of("performance_targets")
    assert len(forms) == 24  # (一) … (二十四), including forms whose title sits on the page before
    assert all(t.title.endswith("绩效目标表") for t in forms)
    indicators = doc.indicators
    assert indicators.project.nunique() == 24
    # each form's indicator block is headed 分值（90）: its weights add up to 90 (执行率 carries the other 10)
    assert set(indicators.groupby("project").weight.sum()) == {90}
    first = indicators[indicators.project == "236 中央高校教育教学改革专项"]
    assert first.iloc[0][["level1", "level2", "level3", "operator", "target", "measure_unit"]].tolist() == [
        "产出指标",
        "数量指标",
        "建设一流本科课程数",
        "=",
        "20",
        "门",
    ]
    assert str(first.iloc[0].budget) == "2112.76"
    qualitative = first[first.target == "显著"]
    assert len(qualitative) > 0 and set(qualitative.operator) == {"定性"}


def test_form_funds_are_validated_total_against_sources():
    doc = budget("swu_2023_department_budget")
    checks = [c for t in doc.tables_of("performance_targets") for c in t.validation.checks]
    assert len(checks) == 24 and all(c.rule == "fund_total" and c.passed for c in checks)
    funds = doc.tidy[doc.tidy.table_key == "performance_targets"]
    row = funds[funds.row_label.str.contains("教育教学改革") & (funds.column == "金额")]
    assert row.amount_printed.tolist() == ["2112.76", "2112.00", "0.76", "0"]


NARRATIVE_HALF = REALWORLD / "jiangsu_shengwei_bangongting_2018_budget.pdf"
TABLES_HALF = REALWORLD / "jiangsu_shengwei_bangongting_2018_budget_tables.pdf"


def test_a_budget_published_as_two_files_is_read_as_one_whose_pages_keep_their_file():
    doc = read_budget([NARRATIVE_HALF, TABLES_HALF])
    assert [p.name for p in doc.sources] == [NARRATIVE_HALF.name, TABLES_HALF.name]
    assert len(doc.tables) == 12 and len(doc.tidy) == 178
    assert set(doc.tidy.source) == {TABLES_HALF.name} and NARRATIVE_HALF.name in set(doc.narrative.source)
    assert doc.pages.groupby("source").page.max().to_dict() == {NARRATIVE_HALF.name: 13, TABLES_HALF.name: 15}
    assert (doc.meta["unit_name"], doc.meta["year"], doc.meta["kind"]) == ("江苏省委办公厅", 2018, "预算")
    assert "contents" not in set(doc.problems.kind)


def test_files_that_are_not_two_halves_of_one_budget_are_refused(capsys):
    from analysis.cli import main
    from analysis.errors import MismatchedFilesError

    other_year = REALWORLD / "jiangsu_zhengxie_bangongting_2017_budget.pdf"
    with pytest.raises(MismatchedFilesError):
        read_budget([other_year, TABLES_HALF])
    assert main(["check", str(other_year), str(TABLES_HALF)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not the other half" in err and "years 2017 and 2018" in err


def test_xian_tables_repeating_their_title_on_every_page_are_one_table_each():
    doc = budget("xian_jiaotongyunshuju_2022_department_budget")
    assert doc.table("表1").pages == [27, 28, 29] and doc.table("表6").pages == [38, 39, 40, 41, 42, 43]
    assert doc.table("表12").pages == list(range(66, 78)) and doc.table("表13").pages == [78, 79]
    # the title wraps over two lines, the first padded with blanks
    assert doc.table("表13").title == "2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）"
    assert [t.label for t in doc.tables if t.label] == [f"表{i}" for i in range(1, 14)] + ["附表14", "附表15", "附表16"]


def test_department_wide_targets_list_their_tasks_and_add_up():
    doc = budget("xian_xinfangju_2026_department_budget")
    (whole,) = doc.tables_of("department_targets")
    assert whole.label == "表15" and whole.unit == "万元" and whole.validation.status == "ok"
    totals = whole.df[whole.df["项目名称"] == "金额合计"]
    assert totals["金额"].tolist() == [Decimal("2838.42"), Decimal("2838.42")]
    assert {c.rule for c in whole.validation.checks} == {"fund_total", "task_total"}
    indicators = doc.indicators[doc.indicators.table_key == "department_targets"]
    assert len(indicators) == 14 and set(indicators.project) == {"西安市信访局"}
    assert set(indicators.budget) == {Decimal("2838.42")} and set(indicators.weight_total) == {Decimal(90)}


def test_forms_named_by_their_title_print_their_funds_first():
    doc = budget("quanzhou_gonganju_benji_2026_unit_budget")
    forms = doc.tables_of("performance_targets")
    assert [t.reader for t in forms] == ["form"] * 4
    first = forms[0]
    assert first.df.values.tolist()[:2] == [
        ["单警装备、公务用车采购等项目建设", "资金总额", Decimal("866.40")],
        ["单警装备、公务用车采购等项目建设", "财政拨款", Decimal("866.40")],
    ]
    assert doc.indicators.project.nunique() == 4 and len(doc.indicators) == 24


def test_funds_printed_with_their_unit_are_read_in_it():
    doc = budget("xian_jiaotongyunshuju_2022_department_budget")
    (form,) = [t for t in doc.tables_of("performance_targets") if t.pages == [84]]
    assert form.df["金额"].tolist() == [Decimal("280.7"), Decimal("280.7")]  # printed 280.7万元
    assert form.printed["金额"].tolist() == ["280.7", "280.7"] and form.unit == "万元"
