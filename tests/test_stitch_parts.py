"""Pages joined into tables, and where they are not: a page printing another unit starts another table; a wide
table printed in horizontal parts labelled 表3-1 / 表3-1(2) is one table, and so is one whose right part prints
amounts only under no label or title, its rows matched in order (reported, not joined, when they are not as many);
a 三线表's label wrapped at the top of a page stays with its own row, not the last row of the page before."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget
from analysis.audit import run_audit

from .budget_pdfs import NARRATIVE, Grid, Text, build, expense_table
from .pdf_tables import write_three_line_pages

ROWS = expense_table().rows  # 合计, 201 … 2010102 | 221 … 2210201

# -- a page printing its own unit, or opening with its own grand total ----------------------------------------


def test_a_page_printing_another_unit_is_another_table(tmp_path):
    """The next page repeats the header without a title, but prints 单位：万元 under a table in 元: its amounts
    are in 万元 — joined to the table above they were read as 元 (÷ 10,000), silently."""
    first = expense_table(rows=ROWS[:4], unit="单位：元")
    more = expense_table(rows=ROWS[4:], title="", unit="金额单位：万元")
    doc = read_budget(build(tmp_path / "doc.pdf", [[NARRATIVE], [first], [more]]), use_cache=False)
    assert [(t.pages, t.unit, len(t.df)) for t in doc.tables] == [([2], "元", 4), ([3], "万元", 4)]
    page3 = doc.tidy[doc.tidy.page == 3]
    assert set(page3.unit_printed) == {"万元"}
    assert [Decimal(a) for a in page3.amount] == [Decimal(x.replace(",", "")) for r in ROWS[4:] for x in r[2:] if x]


def test_the_same_unit_goes_on_with_the_table(tmp_path):
    first = expense_table(rows=ROWS[:4])
    more = expense_table(rows=ROWS[4:], title="", unit="金额单位：万元")
    doc = read_budget(build(tmp_path / "doc.pdf", [[NARRATIVE], [first], [more]]), use_cache=False)
    assert [(t.pages, t.unit, len(t.df)) for t in doc.tables] == [([2, 3], "万元", 8)]


def test_an_untitled_page_opening_with_its_own_grand_total_is_another_table(tmp_path):
    """Both pages open with 合计: a table prints its grand total once, so the second is a table of its own
    (as it is under the same title, or under the same unit's 部门 line)."""
    first = expense_table(rows=ROWS[:4])
    more = expense_table(rows=[["", "合计", "200.00", "200.00", ""], *ROWS[5:]], title="")
    doc = read_budget(build(tmp_path / "doc.pdf", [[NARRATIVE], [first], [more]]), use_cache=False)
    assert [(t.pages, len(t.df)) for t in doc.tables] == [([2], 4), ([3], 4)]


# -- a wide table printed in horizontal parts ------------------------------------------------------------------

#: code, name, 合计, 基本支出 小计 | 人员经费 | 公用经费 ‖ 项目支出 小计 | 专项业务费 | 设备购置费 | 其他
WIDE = [
    ["", "合计", "1,000.00", "800.00", "650.00", "150.00", "200.00", "120.00", "50.00", "30.00"],
    ["201", "一般公共服务支出", "850.00", "700.00", "580.00", "120.00", "150.00", "100.00", "30.00", "20.00"],
    ["20105", "统计信息事务", "850.00", "700.00", "580.00", "120.00", "150.00", "100.00", "30.00", "20.00"],
    ["2010501", "行政运行", "700.00", "700.00", "580.00", "120.00", "", "", "", ""],
    ["2010505", "专项统计业务", "150.00", "", "", "", "150.00", "100.00", "30.00", "20.00"],
    ["221", "住房保障支出", "150.00", "100.00", "70.00", "30.00", "50.00", "20.00", "20.00", "10.00"],
    ["22102", "住房改革支出", "150.00", "100.00", "70.00", "30.00", "50.00", "20.00", "20.00", "10.00"],
    ["2210201", "住房公积金", "150.00", "100.00", "70.00", "30.00", "50.00", "20.00", "20.00", "10.00"],
]
WIDE_NARRATIVE = Text(
    [
        "2024年某某市统计局部门预算",
        "一般公共预算支出1,000.00万元，其中：基本支出800.00万元，项目支出200.00万元。",
    ]
)
ORG = "部门：某某市统计局"
LABEL_COLUMNS = [("科目编码", 1, 2), ("科目名称", 1, 2)]
PROJECT_HEADER = ["小计", "专项业务费", "设备购置费", "其他"]


def wide_parts(
    tmp_path, labels=("表3-1", "表3-1(2)"), repeat_labels=False, right_rows=WIDE, right_title=True, right_height=18.0
):
    """The left part (codes, names, 合计, 基本支出) and the right part (项目支出) on the next page, each
    under its label and the title; the right part repeats the codes and names or prints amounts only
    (``right_title``: it prints the title; ``right_height``: its rows' height)."""
    kw = {"title": "一般公共预算支出表", "org": ORG, "label_inline": False}
    left = Grid(
        header=[[*LABEL_COLUMNS, ("合计", 1, 2), ("基本支出", 3)], [None, None, None, "小计", "人员经费", "公用经费"]],
        rows=[r[:6] for r in WIDE],
        widths=[60, 130, 70, 60, 60, 60],
        label=labels[0],
        **kw,
    )
    if repeat_labels:
        header = [[*LABEL_COLUMNS, ("项目支出", 4)], [None, None, *PROJECT_HEADER]]
        right = Grid(header=header, rows=[r[:2] + r[6:] for r in right_rows], widths=[60, 130, 60, 60, 60, 60])
    else:
        right = Grid(header=[[("项目支出", 4)], PROJECT_HEADER], rows=[r[6:] for r in right_rows], widths=[70] * 4)
    right.label, right.org, right.label_inline = labels[1], ORG, False
    right.title, right.row_height = kw["title"] if right_title else "", right_height
    return read_budget(build(tmp_path / "wide.pdf", [[WIDE_NARRATIVE], [left], [right]]), use_cache=False)


def amounts(rows, first=2):
    return sorted(Decimal(x.replace(",", "")) for r in rows for x in r[first:] if x)


@pytest.mark.parametrize("label", ["表3-1(2)", "表3-1（续2）"])
@pytest.mark.parametrize("repeat_labels", [False, True], ids=["amounts_only", "codes_and_names_repeated"])
def test_a_part_labelled_with_its_part_number_is_the_same_table(tmp_path, repeat_labels, label):
    """表3-1(2) is the second part of 表3-1: its columns join the rows of the first part, matched by height
    (a part printing amounts only) or by the codes and names it repeats; the table is checked once."""
    doc = wide_parts(tmp_path, labels=("表3-1", label), repeat_labels=repeat_labels)
    (table,) = doc.tables
    assert (table.key, table.label, table.pages, len(table.df)) == ("gpb_expense", "表3-1", [2, 3], len(WIDE))
    assert [str(c) for c in table.df.columns][-4:] == [f"项目支出/{c}" for c in PROJECT_HEADER]
    assert [str(c) for c in table.df.columns].count("科目名称") == 1
    tidy = doc.tidy
    assert sorted(Decimal(a) for a in tidy.amount) == amounts(WIDE)
    project = tidy[tidy.page == 3]
    assert len(project) == len([x for r in WIDE for x in r[6:] if x])
    assert project.row_label.map(bool).all()  # each amount of the right part on its row
    assert table.validation.checks and not table.validation.failed
    findings = run_audit(doc).frame(include_passed=True)
    x01 = findings[findings.rule == "X01"]
    assert len(x01) and set(x01.status) == {"passed"}  # 合计 counted once (1,000.00, not 1,000.00 + 200.00)


def test_a_part_under_another_label_is_another_table(tmp_path):
    doc = wide_parts(tmp_path, labels=("表3-1", "表3-2"))
    assert [t.pages for t in doc.tables] == [[2], [3]]


def test_a_part_repeating_rows_the_table_does_not_print_is_another_table(tmp_path):
    """Codes and names repeated on the next page must each be a row of the first part, in order."""
    rows = [WIDE[0], WIDE[5], WIDE[1], *WIDE[2:5], *WIDE[6:]]  # 221 before 201
    doc = wide_parts(tmp_path, repeat_labels=True, right_rows=rows)
    assert [t.pages for t in doc.tables] == [[2], [3]]


@pytest.mark.parametrize("right_title", [True, False], ids=["title", "no_title"])
def test_a_part_printing_amounts_only_under_no_label_is_joined_by_its_rows_in_order(tmp_path, right_title):
    """The right part prints no label (and no title, or the table's): its rows sit at other heights than the
    left part's (lines missing above it, rows drawn taller), so nothing matches them by height — but it
    prints amounts only under columns the left part lacks (项目支出), its header as deep, its unit and
    部门 line the table's, and as many body rows: each is the left part's row in the same place."""
    doc = wide_parts(tmp_path, labels=("表3-1", ""), right_title=right_title, right_height=22.0)
    (table,) = doc.tables
    assert (table.key, table.pages, table.horizontal_parts) == ("gpb_expense", [2, 3], 2)
    assert table.title == "一般公共预算支出表"
    assert [str(c) for c in table.df.columns][-4:] == [f"项目支出/{c}" for c in PROJECT_HEADER]
    assert table.df["项目支出/小计"].tolist() == [Decimal(r[6].replace(",", "")) if r[6] else None for r in WIDE]
    project = doc.tidy[doc.tidy.page == 3]
    assert project.row_label.map(bool).all() and len(project) == len([x for r in WIDE for x in r[6:] if x])
    assert table.validation.checks and not table.validation.failed  # 合计 = 基本支出 + 项目支出 on every row
    assert not table.raw.problems


def test_a_heading_over_both_parts_printed_once_names_the_columns_of_both(tmp_path):
    """本年预算 spans the columns of both parts and is printed once, on the right part: the left part's
    header row at the same depth (its rows at other heights) takes it too."""
    left = Grid(
        header=[
            [("科目编码", 1, 3), ("科目名称", 1, 3), ("", 4)],
            [None, None, ("合计", 1, 2), ("基本支出", 3)],
            [None, None, None, "小计", "人员经费", "公用经费"],
        ],
        rows=[r[:6] for r in WIDE],
        widths=[60, 130, 70, 60, 60, 60],
        title="一般公共预算支出表",
        label="表3-1",
        org=ORG,
        label_inline=False,
    )
    header = [[("本年预算", 4)], [("项目支出", 4)], PROJECT_HEADER]
    right = Grid(header=header, rows=[r[6:] for r in WIDE], widths=[70] * 4, org=ORG, row_height=22.0)
    doc = read_budget(build(tmp_path / "doc.pdf", [[WIDE_NARRATIVE], [left], [right]]), use_cache=False)
    (table,) = doc.tables
    assert [str(c) for c in table.df.columns][2:] == [
        "本年预算/合计",
        *(f"本年预算/基本支出/{c}" for c in ["小计", "人员经费", "公用经费"]),
        *(f"本年预算/项目支出/{c}" for c in PROJECT_HEADER),
    ]
    assert table.validation.checks and not table.validation.failed


def test_a_part_printing_amounts_only_with_other_rows_is_not_joined_and_reported(tmp_path):
    """The same part one body row short: nothing says which of the table's rows each of its rows is, so it is
    not joined — and not passed over silently either: its table says why its amounts name no row."""
    doc = wide_parts(tmp_path, labels=("表3-1", ""), right_title=False, right_rows=WIDE[:-1], right_height=22.0)
    left, right = doc.tables
    assert (left.pages, right.pages, left.df.shape[1], right.df.shape[1]) == ([2], [3], 6, 4)
    assert not left.raw.problems
    ((page, reason),) = right.raw.problems
    assert page == 3 and "7 body rows are not the table's 8" in reason and "page 2" in reason
    # …and reported with the document's problems, as every table printed but not read is
    problems = doc.problems[(doc.problems.page == 3) & (doc.problems.kind == "coverage")]
    assert problems.reason.tolist() == [reason]


def test_an_untitled_table_with_its_own_codes_and_total_is_not_a_part(tmp_path):
    """The page after the left part opens with an untitled table of its own (codes, names, its own 合计 row,
    another header): another table, neither joined nor reported."""
    kw = {"title": "一般公共预算支出表", "org": ORG, "label_inline": False}
    left = Grid(
        header=[[*LABEL_COLUMNS, ("合计", 1, 2), ("基本支出", 3)], [None, None, None, "小计", "人员经费", "公用经费"]],
        rows=[r[:6] for r in WIDE],
        widths=[60, 130, 70, 60, 60, 60],
        label="表3-1",
        **kw,
    )
    other = expense_table(title="", org=ORG, row_height=22.0)
    doc = read_budget(build(tmp_path / "doc.pdf", [[WIDE_NARRATIVE], [left], [other]]), use_cache=False)
    assert [(t.pages, t.df.shape) for t in doc.tables] == [([2], (8, 6)), ([3], (8, 5))]
    assert not any(t.raw.problems for t in doc.tables)


def test_a_page_going_on_with_the_left_part_is_no_horizontal_part(tmp_path):
    """The next page repeats the left part's header over more rows (a vertical continuation, the same
    columns): it goes on with the table, as before — never taken for more columns."""
    kw = {"org": ORG, "label_inline": False, "widths": [60, 130, 70, 60, 60, 60]}
    header = [[*LABEL_COLUMNS, ("合计", 1, 2), ("基本支出", 3)], [None, None, None, "小计", "人员经费", "公用经费"]]
    first = Grid(header=header, rows=[r[:6] for r in WIDE[:5]], title="一般公共预算支出表", label="表3-1", **kw)
    more = Grid(header=header, rows=[r[:6] for r in WIDE[5:]], row_height=22.0, **kw)
    doc = read_budget(build(tmp_path / "doc.pdf", [[WIDE_NARRATIVE], [first], [more]]), use_cache=False)
    (table,) = doc.tables
    assert (table.pages, table.df.shape, table.horizontal_parts, table.continued_pages) == ([2, 3], (8, 6), 1, 1)
    assert not table.raw.problems


# -- a 三线表 whose label wraps at the top of a page ------------------------------------------------------------


#: code, name (wrapped where "\n"), 上年预算数, 本年 合计 | 基本支出 | 项目支出
THREE_LINE = [
    ["", "合计", "520.00", "540.00", "500.00", "40.00"],
    ["201", "一般公共服务支出", "300.00", "310.00", "290.00", "20.00"],
    ["20103", "政府办公厅（室）及相关\n机构事务", "300.00", "310.00", "290.00", "20.00"],
    ["2010301", "行政运行", "280.00", "290.00", "290.00", ""],
    ["2010302", "一般行政管理事务", "20.00", "20.00", "", "20.00"],
    ["205", "教育支出", "10.00", "12.00", "", "12.00"],
    ["20508", "进修及培训", "10.00", "12.00", "", "12.00"],
    ["2050803", "培训支出", "10.00", "12.00", "", "12.00"],
    ["208", "社会保障和就业支出", "120.00", "125.00", "117.00", "8.00"],
    ["20805", "行政事业单位养老支出", "120.00", "125.00", "117.00", "8.00"],
    # page 3
    ["2080505", "机关事业单位基本养老\n保险缴费支出", "80.00", "83.00", "83.00", ""],
    ["2080506", "机关事业单位职业年金\n缴费支出", "40.00", "42.00", "34.00", "8.00"],
    ["210", "卫生健康支出", "50.00", "52.00", "52.00", ""],
    ["21011", "行政事业单位医疗", "50.00", "52.00", "52.00", ""],
    ["2101101", "行政单位医疗", "50.00", "52.00", "52.00", ""],
    ["221", "住房保障支出", "40.00", "41.00", "41.00", ""],
    ["22102", "住房改革支出", "40.00", "41.00", "41.00", ""],
    ["2210201", "住房公积金", "40.00", "41.00", "41.00", ""],
]
THREE_LINE_HEADER = [
    ["科目编码", "<", "<", "科目名称", "上年预算数", "本年预算数", "<", "<"],
    ["类", "款", "项", "^", "^", "合计", "基本支出", "项目支出"],
]


def three_line_pdf(path, break_at: int = 10):
    """The 三线表 over pages 2 and 3 (titled on page 2, its header repeated on page 3), broken before its row
    ``break_at``; its codes printed in three columns 类 | 款 | 项."""
    widths = [32, 28, 28, 150, 65, 65, 65, 65]
    rows = [[code[:3], code[3:5], code[5:7], *rest] for code, *rest in THREE_LINE]
    pages = [{"title": "一般公共预算支出表", "body": rows[:break_at]}, {"body": rows[break_at:]}]
    return write_three_line_pages(path, NARRATIVE.lines, "部门：某某县人民政府办公室", widths, THREE_LINE_HEADER, pages)


def test_a_three_line_tables_label_wrapped_at_the_top_of_a_page_stays_with_its_row(tmp_path):
    """Page 3 opens with 2080505 机关事业单位基本养老 / 保险缴费支出, its amounts centred between the two lines:
    the first line belongs to that row — it was glued onto page 2's last row (行政事业单位养老支出机关事业单位
    基本养老)."""
    doc = read_budget(three_line_pdf(tmp_path / "three.pdf"), use_cache=False)
    (table,) = doc.tables
    assert (table.key, table.pages, table.reader) == ("gpb_expense", [2, 3], "network")
    names = table.df["科目名称"].tolist()
    assert names == [name.replace("\n", "") for _, name, *_ in THREE_LINE]
    assert table.validation.checks and not table.validation.failed


def test_a_row_broken_across_a_page_still_takes_its_last_words(tmp_path):
    """A ruled row whose label goes on in a row of its own at the top of the next page (十七、国土海洋气象等支 | 出):
    the words finish the row before, as before — they are as far from the row under them as two rows are."""
    rows = [
        ["", "合计", "1,234.56", "1,000.00", "234.56"],
        ["201", "一般公共服务支出", "1,034.56", "800.00", "234.56"],
        ["20101", "人大事务及其他一般公共", "1,034.56", "800.00", "234.56"],
    ]
    rest = [
        ["", "服务事务", "", "", ""],
        ["2010101", "行政运行", "800.00", "800.00", ""],
        ["2010102", "一般行政管理事务", "234.56", "", "234.56"],
        ["221", "住房保障支出", "200.00", "200.00", ""],
    ]
    first = expense_table(rows=rows)
    more = expense_table(rows=rest, title="", unit="")
    doc = read_budget(build(tmp_path / "doc.pdf", [[NARRATIVE], [first], [more]]), use_cache=False)
    (table,) = doc.tables
    assert table.df["科目名称"].tolist()[2:4] == ["人大事务及其他一般公共服务事务", "行政运行"]


def test_the_other_side_of_a_two_sided_table_on_the_next_page_is_joined_beside_it(tmp_path):
    """A sheet too wide for its page prints its right-hand columns on the next: the 收支总表's 支出 half under
    the same title, the same leaf headings under 支出, its rows at the heights of the 收入 half's. Its amounts had
    been stacked under 收入 as more rows; each row goes beside the row at its height."""
    income = [["一、一般公共预算拨款", "1,234.56"], ["二、政府性基金预算拨款", ""], ["本年收入合计", "1,234.56"]]
    expense = [["一、一般公共服务支出", "1,034.56"], ["二、住房保障支出", "200.00"], ["本年支出合计", "1,234.56"]]

    def half(side, rows):
        return Grid(header=[[(side, 2)], ["项目", "预算数"]], rows=rows, widths=[150, 90], title="收支总表")

    budget = read_budget(
        build(tmp_path / "split.pdf", [[NARRATIVE], [half("收入", income)], [half("支出", expense)]]), use_cache=False
    )
    (table,) = [t for t in budget.tables if t.key == "income_expense_summary"]
    assert table.pages == [2, 3] and list(table.df.columns) == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    tidy = budget.tidy[budget.tidy.table_key == "income_expense_summary"]
    assert sorted(zip(tidy.row_label, tidy.column, tidy.amount_printed, strict=True)) == sorted(
        [(n, "收入/预算数", a) for n, a in income if a] + [(n, "支出/预算数", a) for n, a in expense if a]
    )
    assert budget.problems.empty and table.validation.summary().endswith("checks passed")
