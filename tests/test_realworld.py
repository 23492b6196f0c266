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


@pytest.mark.parametrize(
    "name, unit",
    [
        ("shanghai_putuo_sifaju_2026_department_budget", "元"),
        ("shanghai_putuo_sifaju_2026_unit_budget", "元"),
        ("swu_2023_final_accounts", "万元"),
    ],
)
def test_every_amount_printed_in_a_table_is_extracted_on_its_page(name, unit):
    path = REALWORLD / f"{name}.pdf"
    budget = read_budget(path)
    cov = coverage(read_pages(path), budget.tidy)
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
