"""Real published budgets of other provinces, years and layouts (no hand truth).

Every decimal amount printed inside a ruled table region must be in the tidy
table on its page (recall) and nothing else (precision).
"""

from __future__ import annotations

import pytest

from analysis import read_budget
from analysis.extract.coverage import coverage
from analysis.extract.reader import read_pages

from .conftest import REALWORLD

pytestmark = pytest.mark.slow  # each real document is read (and laid out again for the coverage check)


@pytest.mark.parametrize(
    "name, unit",
    [
        ("shanghai_putuo_sifaju_2026_department_budget", "元"),
        ("shanghai_putuo_sifaju_2026_unit_budget", "元"),
        ("swu_2023_final_accounts", "万元"),
        ("swu_2023_department_budget", "万元"),
    ],
)
def test_every_amount_printed_in_a_table_is_extracted_on_its_page(name, unit):
    path = REALWORLD / f"{name}.pdf"
    budget = read_budget(path)
    cov = coverage(read_pages(path), budget.tidy, budget.indicators)
    assert cov.printed > 200
    assert cov.recall == 1.0 and cov.precision == 1.0
    assert budget.tables[0].unit == unit
    assert all(t.key != "other" for t in budget.tables)


def test_yuan_tables_and_a_wanyuan_table_in_one_document_keep_their_own_units():
    budget = read_budget(REALWORLD / "shanghai_putuo_sifaju_2026_department_budget.pdf")
    units = {t.key: t.unit for t in budget.tables}
    assert units["three_public"] == "万元" and units["income_expense_summary"] == "元"
    row = budget.tidy[budget.tidy.amount_printed == "96,282,213.44"].iloc[0]
    assert row.amount == "9628.221344"


def test_function_rows_add_up_in_real_documents():
    budget = read_budget(REALWORLD / "swu_2023_final_accounts.pdf")
    hierarchy = [c for t in budget.tables for c in t.validation.checks if c.rule == "function_hierarchy"]
    assert len(hierarchy) > 20 and all(c.passed for c in hierarchy)


def test_performance_target_forms_give_one_project_per_form_with_its_funds_and_indicators():
    budget = read_budget(REALWORLD / "swu_2023_department_budget.pdf")
    forms = budget.tables_of("performance_targets")
    assert len(forms) == 24  # (一) … (二十四), including forms whose title sits on the page before
    assert all(t.title.endswith("绩效目标表") for t in forms)
    indicators = budget.indicators
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
    budget = read_budget(REALWORLD / "swu_2023_department_budget.pdf")
    checks = [c for t in budget.tables_of("performance_targets") for c in t.validation.checks]
    assert len(checks) == 24 and all(c.rule == "fund_total" and c.passed for c in checks)
    funds = budget.tidy[budget.tidy.table_key == "performance_targets"]
    row = funds[funds.row_label.str.contains("教育教学改革") & (funds.column == "金额")]
    assert row.amount_printed.tolist() == ["2112.76", "2112.00", "0.76", "0"]


def test_a_row_total_the_document_misprints_fails_validation_and_is_kept_as_printed():
    budget = read_budget(REALWORLD / "swu_2023_department_budget.pdf")
    income = budget.table("西南大学收入预算表")
    failed = {(c.rule, c.actual, c.expected) for c in income.validation.failed}
    # 小学教育: 14.33 + 8,201.15 + 0.50 + 1,430.03 = 9,646.01, printed 9,645.51; 普通教育 then differs by 0.50
    assert failed == {("column_total", "9,645.51", "9,646.01"), ("function_hierarchy", "520,603.91", "520,603.41")}
