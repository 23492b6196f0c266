"""The bundled sample and its printed variants against their hand-made truth."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pandas as pd
import pytest

from .conftest import FIXTURES, VARIANTS
from .truth import extracted_keys, truth_keys

INDICATOR_FIELDS = [
    "unit_name",
    "project",
    "budget_printed",
    "level1",
    "level2",
    "level3",
    "operator",
    "target",
    "measure_unit",
    "weight",
    "direction",
]


def test_every_amount_of_the_sample_equals_the_truth(sample):
    truth = truth_keys(FIXTURES / "truth_long.csv")
    got = extracted_keys(sample.tidy)
    assert got - truth == Counter(), "amounts extracted that the truth does not have"
    assert truth - got == Counter(), "truth amounts not extracted"
    assert len(sample.tidy) == sum(truth.values()) == 648


@pytest.mark.parametrize(
    "name, scale",
    [("a3_landscape_norepeat", Decimal(1)), ("wqy_other_department", Decimal(1)), ("sans_yuan", Decimal(10000))],
)
def test_every_amount_of_each_variant_equals_its_truth(variant, name, scale):
    budget = variant(name)
    truth = truth_keys(VARIANTS / f"{name}.truth.csv", scale)
    got = extracted_keys(budget.tidy)
    assert got == truth


def test_amounts_printed_in_yuan_are_converted_exactly_to_wanyuan(variant):
    budget = variant("sans_yuan")
    row = budget.tidy[(budget.tidy.table_title == "部门收支总表") & (budget.tidy.amount_printed == "56,010,000.00")]
    assert row.iloc[0]["amount"] == "5601.00"
    assert row.iloc[0]["unit_printed"] == "元"


def test_every_tidy_amount_is_traceable_to_its_page(sample):
    pages = sample.pages.set_index("page")
    for row in sample.tidy.itertuples():
        assert pages.at[row.page, "kind"] == "table"
        assert row.table_title in pages.at[row.page, "tables"]


@pytest.mark.parametrize("name", [None, "a3_landscape_norepeat", "wqy_other_department", "sans_yuan"])
def test_indicator_table_matches_truth_indicators(sample, variant, name):
    budget = sample if name is None else variant(name)
    truth_path = FIXTURES / "truth_indicators.csv" if name is None else VARIANTS / f"{name}.indicators.csv"
    truth = pd.read_csv(truth_path, dtype=str, keep_default_na=False)
    got = budget.indicators.copy()
    got["weight"] = [("" if v is None else str(v)) for v in got["weight"]]
    assert len(got) == len(truth) == 106
    assert got[INDICATOR_FIELDS].astype(str).values.tolist() == truth[INDICATOR_FIELDS].values.tolist()


def test_annual_goals_are_whole_texts_joined_over_page_breaks(sample):
    truth = pd.read_csv(FIXTURES / "truth_indicators.csv", dtype=str, keep_default_na=False)
    got = sample.indicators.annual_goal.tolist()
    same = sum(a == b for a, b in zip(got, truth.annual_goal, strict=True))
    # one project (成都智慧教育云平台建设（二期）汇总) prints its whole goal in the PDF; the truth keeps a clipped text
    assert same >= 101


def test_tables_are_found_by_title_with_labels_units_and_pages(sample):
    names = [(t.label, t.title) for t in sample.tables]
    assert len(names) == 26
    assert ("表3-1(2)", "一般公共预算支出表") in names
    three = sample.table("表3-4")
    assert three.key == "three_public" and three.pages == [50, 51] and three.horizontal_parts == 2
    staff = sample.table("附表5")
    assert staff.unit == "人" and staff.key == "staff_numbers"


def test_each_standard_table_gets_its_spec_key_from_its_title(sample):
    keys = {t.title: t.key for t in sample.tables}
    assert keys["部门收支总表"] == "income_expense_summary"
    assert keys["部门收入总表"] == "income_summary"
    assert keys["支出预算总表"] == "expense_summary"
    assert keys["财政拨款收支总表"] == "fiscal_summary"
    assert keys["一般公共预算基本支出预算表"] == "gpb_basic_expense"
    assert keys["一般公共预算项目支出预算表"] == "gpb_project_expense"
    assert keys["项目支出预算表"] == "project_expense"
    assert keys["国有资本经营预算支出预算表"] == "soe_capital_expense"


def test_tables_printed_empty_are_present_and_marked_empty(sample):
    empty = [t.title for t in sample.tables if t.is_empty]
    assert "政府性基金预算支出预算表" in empty and "国有资本经营预算支出预算表" in empty
    assert not sample.table("部门收支总表").is_empty


def test_wide_tables_are_joined_from_their_horizontal_parts(sample):
    table = sample.table("表3-1")
    assert table.horizontal_parts == 3 and table.pages == [36, 37, 38]
    assert "工资福利支出/伙食补助费" in table.df.columns
    row = table.df[table.df["单位名称（科目）"] == "其他教育管理事务支出"].iloc[0]
    assert row["工资福利支出/基本工资"] == Decimal("461.01")
    assert row["对个人和家庭的补助/其他对个人和家庭的补助"] == Decimal("424.47")


def test_long_tables_continued_over_pages_become_one_table(sample, variant):
    for budget in (sample, variant("a3_landscape_norepeat")):
        summary = budget.table("部门收支总表")
        assert summary.continued_pages == 1 and len(summary.df) == 33


def test_function_codes_are_split_into_levels(sample):
    tidy = sample.tidy
    codes = set(tidy[tidy.table_title == "支出预算总表"].func_code) - {""}
    assert {"2050199", "2080505", "2101102", "2210201"} <= codes
    econ = set(tidy[tidy.table_title == "一般公共预算基本支出预算表"].econ_code) - {""}
    assert {"505", "50501", "509", "50999"} <= econ


def test_economic_codes_of_columns_follow_the_classification(sample):
    tidy = sample.tidy
    t31 = tidy[tidy.table_label == "表3-1"]
    assert set(t31[t31.column == "工资福利支出/基本工资"].column_econ_code) == {"30101"}
    t313 = tidy[tidy.table_label == "表3-1(3)"]
    assert set(t313[t313.column == "资本性支出/大型修缮"].column_econ_code) == {"31006"}


def test_every_table_of_the_sample_validates(sample):
    report = sample.validation_report()
    assert set(report.status) <= {"ok", "not checked"}
    checked = report[report.status == "ok"]
    assert len(checked) == 20 and checked.checks.sum() >= 250
    # the 项目绩效目标表 too: the department's 2,586.00 = Σ the 14 projects' budgets
    (target,) = sample.tables_of("performance_targets")
    assert [(c.rule, c.actual, c.passed) for c in target.validation.checks] == [("target_total", "2,586.00", True)]
