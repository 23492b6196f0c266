"""Units and amount cells: the unit a table's amounts are in, wherever it is printed (a unit line, a note,
a heading, the cell itself) or, printed nowhere, where the assumed one comes from; and cells of an
amount column that are no amounts (a percentage, a spreadsheet's error text), each reported."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from analysis import read_budget
from analysis.transform.amounts import parse_amount, to_wanyuan, unit_from_line, unit_from_note, unit_of_text

from .budget_pdfs import NARRATIVE, Text, build, expense_table, summary_table


def read(tmp_path, pages, name="doc"):
    return read_budget(build(tmp_path / f"{name}.pdf", pages), use_cache=False)


def amounts(doc, column="一般公共预算支出/合计") -> list[str]:
    return doc.tidy[doc.tidy.column == column].amount.tolist()


def expense_rows(**cells: str) -> list[list[str]]:
    """The expense table's rows, the 合计 column of the rows named replaced by the text given."""
    rows = expense_table().rows
    return [[*row[:2], cells.get(row[1], row[2]), *row[3:]] for row in rows]


# -- 百万元 -----------------------------------------------------------------------------------------


def test_a_unit_line_in_millions_of_yuan_is_read_and_converted_exactly():
    assert unit_from_line("单位：百万元") == "百万元" and unit_from_line("金额单位：百万元") == "百万元"
    assert to_wanyuan(Decimal("1234.56"), "百万元") == Decimal("123456.00")


@pytest.mark.parametrize("line", ["单位：百万元", "金额单位：百万元"])
def test_a_table_printed_in_millions_of_yuan_is_a_hundred_times_its_figures_in_wanyuan(tmp_path, line):
    doc = read(tmp_path, [[NARRATIVE, expense_table(unit=line)]])
    (table,) = doc.tables
    assert (table.unit, table.unit_assumed, table.unit_source) == ("百万元", False, "line")
    assert amounts(doc)[:3] == ["123456.00", "103456.00", "103456.00"]
    assert set(doc.tidy.unit_printed) == {"百万元"} and table.validation.status == "ok"


def test_a_claim_in_millions_of_yuan_is_never_read_as_one_in_wanyuan():
    from analysis.transform.claim_patterns import MONEY_UNITS

    match = re.fullmatch(rf"(?P<n>[\d.]+)(?P<unit>{MONEY_UNITS})", "12.5百万元")
    assert match is not None and match.group("unit") == "百万元"


# -- a unit stated in a note --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("注：本表金额单位为元。", "元"),
        ("金额单位为万元", "万元"),
        ("（金额单位：元）", "元"),
        ("注：单位均为千元", "千元"),
        ("本表以元为单位", "元"),
        ("注：本单位为参照公务员法管理的事业单位", None),
    ],
)
def test_a_note_stating_the_unit_names_it(text, unit):
    assert unit_from_note(text) == unit


@pytest.mark.parametrize("note", ["注：本表金额单位为元。", "注：本表金额单位：元", "（金额单位：元）"])
def test_a_unit_stated_in_a_note_under_the_table_is_its_unit(tmp_path, note):
    doc = read(tmp_path, [[NARRATIVE, expense_table(unit="", notes=[note])]])
    (table,) = doc.tables
    assert (table.unit, table.unit_assumed, table.unit_source, table.unit_text) == ("元", False, "note", note)
    assert amounts(doc)[:2] == ["0.123456", "0.103456"]
    assert set(doc.tidy.unit_printed) == {"元"} and table.validation.status == "ok"


def test_a_unit_stated_in_a_line_above_the_table_is_its_unit(tmp_path):
    doc = read(tmp_path, [[NARRATIVE, Text(["金额单位为元"], size=9), expense_table(unit="")]])
    (table,) = doc.tables
    assert (table.title, table.unit, table.unit_source) == ("一般公共预算支出表", "元", "note")
    assert amounts(doc)[0] == "0.123456"


def test_a_unit_line_of_its_own_is_never_overridden_by_a_note(tmp_path):
    doc = read(tmp_path, [[NARRATIVE, expense_table(unit="单位：万元", notes=["注：本表金额单位为元。"])]])
    (table,) = doc.tables
    assert (table.unit, table.unit_source) == ("万元", "line") and amounts(doc)[0] == "1234.56"


# -- no unit printed ------------------------------------------------------------------------------------


def test_a_table_printing_no_unit_says_its_unit_is_assumed_from_another_tables_unit_line(tmp_path):
    doc = read(tmp_path, [[NARRATIVE, expense_table(unit="")], [summary_table(unit="单位：元")]])
    expense, summary = doc.tables
    assert (expense.unit, expense.unit_assumed, expense.unit_source) == ("元", True, "table")
    assert expense.validation.problems == [
        "no unit printed for the table (no unit line, heading, cell or note names one); 元 assumed from another "
        "table's unit line"
    ]
    tidy = doc.tidy.set_index("table_key")
    assert set(tidy.loc["gpb_expense", "unit_printed"]) == {"元"}  # the unit read in; the validation says assumed
    assert set(tidy.loc["income_expense_summary", "unit_printed"]) == {"元"}
    assert amounts(doc)[0] == "0.123456"
    assert (summary.unit_assumed, summary.unit_source, summary.validation.status) == (False, "line", "ok")


def test_a_table_printing_no_unit_says_its_unit_is_the_narratives(tmp_path):
    doc = read(tmp_path, [[NARRATIVE, expense_table(unit="")]])
    (table,) = doc.tables
    assert (table.unit, table.unit_assumed, table.unit_source) == ("万元", True, "narrative")
    assert table.validation.problems == [
        "no unit printed for the table (no unit line, heading, cell or note names one); 万元 assumed from the "
        "narrative, which states its amounts in 万元"
    ]
    assert set(doc.tidy.unit_printed) == {"万元"} and amounts(doc)[0] == "1234.56"


def test_the_narratives_unit_is_the_one_most_of_its_amounts_are_stated_in():
    assert unit_of_text(["收入1,234.56元，支出1,234.56元，其中基本支出1,000.00元。"]) == "元"
    assert unit_of_text(["收入1,234.56万元，支出1,234.56元，其中基本支出1,000.00千元。"]) is None
    assert unit_of_text(["收入1,234.56万元。"]) is None  # too few amounts to tell


def test_a_document_printing_no_unit_anywhere_says_its_unit_is_a_default(tmp_path):
    doc = read(tmp_path, [[Text(["2024年某某局部门预算"]), expense_table(unit="")]])
    (table,) = doc.tables
    assert (table.unit, table.unit_assumed, table.unit_source) == ("万元", True, "default")
    (problem,) = table.validation.problems
    assert problem.endswith("万元 assumed by default: no table, note or narrative of the document prints a unit")
    assert "other tables" not in problem and set(doc.tidy.unit_printed) == {"万元"}


# -- a cell printed with its own unit ----------------------------------------------------------------


def test_a_cell_printed_with_its_own_unit_names_that_unit(tmp_path):
    rows = expense_rows(行政运行="8,000,000.00元")
    doc = read(tmp_path, [[NARRATIVE, expense_table(rows=rows)]])
    tidy = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"].set_index("row_label")
    assert tidy.loc["2010101 行政运行", ["amount", "amount_printed", "unit_printed"]].tolist() == [
        "800.00",
        "8,000,000.00元",
        "元",
    ]
    assert tidy.loc["合计", "unit_printed"] == "万元" and doc.tables[0].validation.status == "ok"


# -- cells that are no amounts -------------------------------------------------------------------------


def test_a_percentage_in_a_money_column_is_never_an_amount(tmp_path):
    assert parse_amount("5.00%") == Decimal("5.00")  # a rate column reads it: the table's kind decides
    rows = expense_rows(行政运行="5.00%")
    doc = read(tmp_path, [[NARRATIVE, expense_table(rows=rows)]])
    (table,) = doc.tables
    assert table.column_kinds["一般公共预算支出/合计"] == "money"
    assert table.df.at[3, "一般公共预算支出/合计"] is None
    assert table.unreadable == {(3, "一般公共预算支出/合计"): "5.00%"}
    assert "5.00%" not in doc.tidy.amount_printed.tolist()
    (problem,) = doc.problems.itertuples()
    assert (problem.kind, problem.row, problem.column, problem.text) == ("cell", 3, "一般公共预算支出/合计", "5.00%")
    assert problem.reason.startswith("a percentage in a column of amounts")


def test_a_money_column_of_mostly_spreadsheet_errors_stays_a_column_of_amounts(tmp_path):
    bad = {"一般公共服务支出": "########", "人大事务": "#REF!", "行政运行": "N/A", "一般行政管理事务": "1.23E+05"}
    bad |= {"住房保障支出": "#DIV/0!"}
    doc = read(tmp_path, [[NARRATIVE, expense_table(rows=expense_rows(**bad))]])
    (table,) = doc.tables
    column = "一般公共预算支出/合计"
    assert table.column_kinds[column] == "money"
    # the amounts it prints, the grand total first, are all in tidy; the rows' labels hold no amount
    assert amounts(doc) == ["1234.56", "200.00", "200.00"]
    assert doc.tidy[doc.tidy.column == column].row_label.tolist() == [
        "合计",
        "22102 住房改革支出",
        "2210201 住房公积金",
    ]
    cells = doc.problems[doc.problems.kind == "cell"]
    assert cells.text.tolist() == ["########", "#REF!", "N/A", "1.23E+05", "#DIV/0!"]
    assert set(cells.column) == {column} and cells.row.tolist() == [1, 2, 3, 4, 5]
    assert table.validation.status == "problem" and "5 unreadable cell(s) left out" in table.validation.problems


def test_a_column_of_words_under_no_money_header_is_still_a_column_of_labels(tmp_path):
    rows = [[*row, "说明文字"] for row in expense_table().rows]
    rows[3][-1] = "12"
    header = [
        [("科目编码", 1, 2), ("科目名称", 1, 2), ("一般公共预算支出", 3), ("备注", 1, 2)],
        [None, None, "合计", "基本支出", "项目支出", None],
    ]
    doc = read(tmp_path, [[NARRATIVE, expense_table(rows=rows, header=header, widths=[60, 120, 70, 70, 70, 70])]])
    (table,) = doc.tables
    assert table.column_kinds["备注"] == "text" and doc.problems.empty


# -- a unit line and a heading disagreeing ------------------------------------------------------------


def test_a_unit_line_conflicting_with_a_money_headings_unit_is_reported(tmp_path):
    header = [[("收入", 2), ("支出", 2)], ["项目", "预算数（元）", "项目", "预算数（元）"]]
    doc = read(tmp_path, [[NARRATIVE, summary_table(unit="单位：万元", header=header)]])
    (table,) = doc.tables
    assert table.unit == "万元" and table.validation.status == "problem"
    assert table.validation.problems == [
        "unit line '单位：万元' conflicts with the heading of '收入/预算数（元）' (元), '支出/预算数（元）' (元): "
        "amounts read in 万元, the unit line's unit"
    ]


def test_a_heading_printing_the_unit_lines_unit_is_no_conflict(tmp_path):
    header = [[("收入", 2), ("支出", 2)], ["项目", "预算数（元）", "项目", "预算数（元）"]]
    doc = read(tmp_path, [[NARRATIVE, summary_table(unit="单位：元", header=header)]])
    (table,) = doc.tables
    assert table.unit == "元" and table.validation.status == "ok" and not table.validation.problems


@pytest.mark.parametrize(("name", "basic"), [("行政运行800.00", "800.00"), ("行政运行800.00800.00", "")])
def test_an_amount_joined_to_a_rows_name_is_reported_never_read_silently(tmp_path, name, basic):
    """行政运行800.00 (or 行政运行800.00800.00): the amounts' cells read into the name's (text drawn over the table, a
    watermark, joins them) are no amounts of the row — and the document says so, naming the cell."""
    rows = [list(row) for row in expense_table().rows]
    rows[3] = ["2010101", name, "", basic, ""]
    doc = read(tmp_path, [[NARRATIVE, expense_table(rows=rows)]], "glued")
    glued = doc.problems[doc.problems.text == name]
    assert list(glued.kind) == ["cell"] and "joined to the name" in glued.reason.iloc[0]
    plain = read(tmp_path, [[NARRATIVE, expense_table()]], "plain")
    assert plain.problems.empty
