"""A table continued on a page that repeats its header and its 部门/编制单位 line but not its title: the
same unit's line goes on with the table, another unit's line starts another table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget

from .budget_pdfs import NARRATIVE, build, expense_table

ROWS = expense_table().rows  # 合计, 201 … 2010102 | 221 … 2210201
TITLE, LABEL = "一般公共预算支出表", "公开06表"


def read(tmp_path, first_org: str, next_org: str, next_rows=ROWS[4:], **more_kw):
    first = expense_table(rows=ROWS[:4], label=LABEL, org=first_org)
    more = expense_table(rows=next_rows, title="", label="", org=next_org, **more_kw)
    return read_budget(build(tmp_path / "doc.pdf", [[NARRATIVE], [first], [more]]), use_cache=False)


def amounts(rows: list[list[str]]) -> list[Decimal]:
    return [Decimal(x.replace(",", "")) for row in rows for x in row[2:] if x]


@pytest.mark.parametrize("org", ["部门：某某市行政服务中心", "编制单位：某某市行政服务中心"])
def test_the_same_units_line_and_header_repeated_without_the_title_continue_the_table(tmp_path, org):
    doc = read(tmp_path, org, org)
    (table,) = doc.tables
    assert (table.label, table.title, table.title_source) == (LABEL, TITLE, "above")
    assert (table.key, table.pages, table.org_line, len(table.df)) == ("gpb_expense", [2, 3], org, len(ROWS))
    assert table.df.iloc[:, 0].tolist()[1:] == [row[0] for row in ROWS[1:]]
    assert [Decimal(a) for a in doc.tidy.amount] == amounts(ROWS)
    assert set(doc.tidy.page) == {2, 3}
    assert table.validation.checks and not table.validation.failed


def test_another_units_line_over_the_repeated_header_starts_another_table(tmp_path):
    doc = read(tmp_path, "部门：某某市行政服务中心", "部门：某某市政务数据中心")
    assert [(t.pages, t.org_line, t.title_source) for t in doc.tables] == [
        ([2], "部门：某某市行政服务中心", "above"),
        ([3], "部门：某某市政务数据中心", "header"),
    ]
    assert [len(t.df) for t in doc.tables] == [4, 4]


def test_the_same_units_line_over_a_page_opening_with_its_own_grand_total_is_another_table(tmp_path):
    org = "部门：某某市行政服务中心"
    doc = read(tmp_path, org, org, next_rows=[["", "合计", "200.00", "200.00", ""], *ROWS[5:]])
    assert [t.pages for t in doc.tables] == [[2], [3]]


def test_the_same_units_line_over_another_header_is_another_table(tmp_path):
    org = "部门：某某市行政服务中心"
    # the top row as the table's own, the columns under it another table's
    header = [
        [("科目编码", 1, 2), ("科目名称", 1, 2), ("一般公共预算支出", 3)],
        [None, None, "合计", "人员经费", "公用经费"],
    ]
    doc = read(tmp_path, org, org, header=header)
    assert [t.pages for t in doc.tables] == [[2], [3]]
