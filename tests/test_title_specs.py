"""Printed titles of other provinces' templates are keyed as the standard table they print.

``tests/fixtures/table_titles_other_provinces.csv``: 115 titles (with their labels, and some header
rows) printed by budgets and final accounts of 13 provinces and cities whose documents are not in the
fixtures (陕西, 湖北, 广西, 安徽, 贵州, 云南, 广东, 山东, 黑龙江, 新疆, 湖南, 甘肃 …), each with its source
and the standard table it is.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.extract.pages import match_label
from analysis.specs import CONTINUED_RE, TABLE_NAME_RE, spec_for_title
from analysis.text import ENUMERATOR_RE, squash

TITLES = Path(__file__).parent / "fixtures" / "table_titles_other_provinces.csv"


def _title(label: str, title: str) -> str:
    """The title as the pages stage keeps it: without its label, enumerator or continuation mark."""
    line = f"{label} {title}".strip()
    match = match_label(line)
    text = squash(match.group("rest")) if match else squash(line)
    return CONTINUED_RE.sub("", ENUMERATOR_RE.sub("", text))


def test_other_provinces_titles_are_keyed_as_the_table_they_print():
    titles = pd.read_csv(TITLES, dtype=str, keep_default_na=False)
    assert len(titles) == 115 and titles.province.nunique() >= 13
    got = [spec_for_title(_title(r.label, r.title)).key for r in titles.itertuples()]
    wrong = [(t, g, e) for t, g, e in zip(titles.title, got, titles.expected_key, strict=True) if g != e]
    assert not wrong


@pytest.mark.parametrize(
    ("title", "key"),
    [
        # a 财政拨款 summary printed without 总 (山东 省直)
        ("2016年财政拨款收支预算表", "fiscal_summary"),
        ("财政拨款收入支出决算表", "fiscal_summary"),
        # …but a 财政拨款 table of spending alone is no summary
        ("财政拨款支出预算表", "fiscal_expense"),
        # the funds of a 财政专户 (special accounts) are no summary of all funds (云南)
        ("财政专户管理资金收入支出决算表", "other"),
        ("财政专户管理资金收入表", "other"),
        # non-tax income to be collected (湖北)
        ("非税征收计划表", "fee_collection"),
        ("部门收入总表", "income_summary"),
        ("收入支出决算总表", "income_expense_summary"),
    ],
)
def test_a_template_rule_keys_its_title(title, key):
    assert spec_for_title(title).key == key


def test_a_title_quoted_in_book_marks_names_a_table():
    assert TABLE_NAME_RE.search("《国有资本经营预算财政拨款收入支出决算表》")
    assert TABLE_NAME_RE.search("「一般公共预算支出表」")
    assert not TABLE_NAME_RE.search("详细情况见下表：")


@pytest.mark.parametrize(
    ("column", "kind", "role"),
    [
        # an "of which" column is a part of the column before it (桂林 “三公”经费情况统计表)
        ("其中:公共预算财政拨款", "决算", "ignored"),
        ("其中：财政拨款", "预算", "ignored"),
        ("本年预算数", "决算", "printed_budget"),
        # an 执行数 is an outcome: the final figure in final accounts, last year's in a budget (岳阳)
        ("执行数", "决算", "final"),
        ("执行数", "预算", "ignored"),
        ("预算数", "预算", "budget"),
    ],
)
def test_a_money_columns_role_is_read_from_its_header_words(column, kind, role):
    from analysis.budget_execution.figures import column_role

    assert column_role(column, kind, 2024) == role
