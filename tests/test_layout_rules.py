"""Rules of page layout: a running head over a continued table, columns of codes read as codes whatever
their header, and tables printed side by side on one page — each on a small PDF built here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget

from .budget_pdfs import NARRATIVE, Grid, Spacer, Text, build, expense_table, merged_header, summary_table

EXPENSE = expense_table()
CODES = ["", "201", "20101", "2010101", "2010102", "221", "22102", "2210201"]
TOTALS = ["1234.56", "1034.56", "1034.56", "800.00", "234.56", "200.00", "200.00", "200.00"]


def read(tmp_path, pages, name="doc"):
    return read_budget(build(tmp_path / f"{name}.pdf", pages), use_cache=False)


def split_expense_table() -> tuple[Grid, Grid]:
    """The 一般公共预算支出表 broken after its fourth row: the second page prints the grid only."""
    first = expense_table(rows=EXPENSE.rows[:4])
    rest = expense_table(rows=EXPENSE.rows[4:], header=[], title="", unit="")
    return first, rest


# -- a table cut in two on one page --------------------------------------------------------------------


@pytest.mark.parametrize(("repeat_header", "blank"), [(False, 0.0), (False, 14.0), (True, 14.0)])
def test_a_table_cut_in_two_on_one_page_is_one_table(tmp_path, repeat_header, blank):
    """A word processor's table split at an empty paragraph (or two ruled blocks a blank line apart): the grid
    right under the first, with nothing printed over it (its header repeated or none), goes on with it — not a
    table of its own without a title.  A grid under its own title is another table."""
    first, rest = split_expense_table()
    if repeat_header:
        rest = expense_table(rows=EXPENSE.rows[4:], title="", unit="")
    doc = read(tmp_path, [[NARRATIVE, first, Spacer(blank - 14), rest]])
    (table,) = doc.tables
    assert (table.key, table.title, table.pages) == ("gpb_expense", "一般公共预算支出表", [1])
    totals = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    assert totals.func_code.tolist() == CODES and totals.amount.tolist() == TOTALS
    assert doc.problems.empty and table.validation.status == "ok"
    titled = expense_table(rows=EXPENSE.rows[4:], title="项目支出表", unit="")
    other = read(tmp_path, [[NARRATIVE, first, Spacer(blank - 14), titled]], name="titled")
    assert [t.title for t in other.tables] == ["一般公共预算支出表", "项目支出表"]


def test_a_row_broken_across_a_page_in_narrow_amount_columns_keeps_its_amounts_whole(tmp_path):
    """Ruled, its row allowed to break across pages (a word processor's default): 行政运行's amounts cut at the
    foot of the page (``800.0``) and their last digits at the top of the next (``0``) are one amount each — the
    digits no amount of their own."""
    rows = [list(r) for r in EXPENSE.rows]
    first = expense_table(rows=[*rows[:3], ["2010101", "行政运行", "800.0", "800.0", ""]])
    rest = expense_table(rows=[["", "", "0", "0", ""], *rows[4:]], header=[], title="", unit="")
    doc = read(tmp_path, [[NARRATIVE, Spacer(420), first], [rest]])
    (table,) = doc.tables
    totals = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    assert totals.func_code.tolist() == CODES and totals.amount.tolist() == TOTALS
    assert table.validation.status == "ok" and doc.problems.empty and len(doc.tidy) == 19


@pytest.mark.parametrize("ruling", ["lines", "none"])
def test_text_printed_twice_a_fraction_of_a_point_apart_is_read_once(tmp_path, ruling):
    """Bold emulated by overprinting (each glyph drawn again 0.3 pt to the right): every character is read once —
    no 合计合计 heading, no 1,234.561,234.56 amount — ruled or not."""
    doc = read(tmp_path, [[NARRATIVE, expense_table(ruling=ruling, overprinted=True)]], name=ruling)
    (table,) = doc.tables
    assert (table.title, list(table.column_kinds)) == (
        "一般公共预算支出表",
        ["科目编码", "科目名称", "一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"],
    )
    totals = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    assert totals.func_code.tolist() == CODES and totals.amount.tolist() == TOTALS
    assert table.validation.status == "ok" and doc.problems.empty and len(doc.tidy) == 19


def test_a_name_broken_across_a_ruled_page_break_finishes_its_own_row_not_the_tall_one_below(tmp_path):
    """Ruled, a row's long name broken across the page (its last words in a ruled cell of their own at the top of
    the next page, under the repeated header): they finish that row's name — never open the row below, whatever
    the heights of the rows under it (one line, then a name of five)."""
    rows = [list(r) for r in EXPENSE.rows]
    first = expense_table(rows=[*rows[:4], ["2010102", "一般行政管理事务（含信息化", "234.56", "", "234.56"]])
    tail = expense_table(rows=[["", "运维等事项）", "", "", ""], rows[5]], title="", unit="")
    tall = expense_table(
        rows=[["22102", "住房改革支出\n（含公积金\n提租补贴\n购房补贴\n等事项）", "200.00", "200.00", ""], rows[7]],
        header=[], title="", unit="", row_height=64.0,
    )  # fmt: skip
    doc = read(tmp_path, [[NARRATIVE, Spacer(420), first], [tail, Spacer(-14), tall]])
    labels = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"].set_index("func_code").row_label
    assert labels["2010102"] == "2010102 一般行政管理事务（含信息化运维等事项）"
    assert labels["221"] == "221 住房保障支出"


def test_a_row_printed_whole_again_at_the_top_of_the_next_page_is_read_once_and_said(tmp_path):
    """The row a page break cuts printed at the foot of one page and again, whole, at the top of the next (its
    first copy clipped, as wkhtmltopdf prints it): one row — its amounts counted once — and a problem naming
    the page."""
    rows = [list(r) for r in EXPENSE.rows]
    first = expense_table(rows=rows[:4])
    rest = expense_table(rows=rows[3:], header=[], title="", unit="")
    doc = read(tmp_path, [[NARRATIVE, Spacer(420), first], [rest]])
    (table,) = doc.tables
    totals = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    assert totals.func_code.tolist() == CODES and totals.amount.tolist() == TOTALS and len(doc.tidy) == 19
    assert table.pages == [1, 2] and not table.validation.failed
    (problem,) = doc.problems.itertuples()
    assert problem.page == 2 and "printed again at the top of the page" in problem.reason


def test_a_ruled_table_running_past_the_edge_of_the_page_says_so(tmp_path):
    """A table wider than the page, cut when printed (a browser prints it so): its rules run past the page's edge
    — a problem of its page, naming the table; a table within the page has none."""
    wide = expense_table(widths=[70, 150, 200, 200, 200])
    doc = read(tmp_path, [[NARRATIVE, wide]])
    off = doc.problems[doc.problems.reason.str.contains("run past the edge of the page")]
    assert off.page.tolist() == [1] and off.table.str.contains("一般公共预算支出表").all()
    within = read(tmp_path, [[NARRATIVE, expense_table()]], name="within")
    assert within.problems.empty


# -- a banded table style ----------------------------------------------------------------------------


def test_a_table_in_a_banded_style_is_read_as_printed_without_rulings(tmp_path):
    """Shaded bands in a frame, no rule inside the body (a word processor's banded table style): the lattice sees
    one cell holding every row's name and amounts; the table is read as printed without rulings, exactly."""
    doc = read(tmp_path, [[NARRATIVE, expense_table(ruling="bands")]])
    (table,) = doc.tables
    assert table.reader == "network" and table.validation.status == "ok"
    totals = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    assert totals.func_code.tolist() == CODES and totals.amount.tolist() == TOTALS
    assert doc.problems.empty and len(doc.tidy) == 19


def test_a_header_shaded_instead_of_ruled_over_rows_ruled_between_them_stays_the_header(tmp_path):
    """Rows ruled between them, no column rules, the header shaded with no rule under it: the header's lines
    share the first row's band, yet a line printing where that row prints its amounts (预算数, 合计) is a heading
    — the first row is never read with the header glued to it (预算数1,234.56 as a column, the amount lost)."""
    from .budget_pdfs import summary_table

    doc = read(tmp_path, [[NARRATIVE, summary_table(ruling="shaded_header")], [expense_table(ruling="shaded_header")]])
    summary, expense = doc.tables
    assert summary.validation.status == expense.validation.status == "ok"
    assert list(summary.column_kinds) == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    totals = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    assert totals.func_code.tolist() == CODES and totals.amount.tolist() == TOTALS
    assert len(doc.tidy) == 24 and doc.problems.empty


# -- a running head over a continued table -----------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "on_first_page"),
    [
        ("2024年某某局部门预算", False),  # the document's title (the narrative's first line), repeated
        ("某某单位2024年部门预算公开 第2页", False),  # the document's name with the page number
        ("某某局财务资料汇编", True),  # a header line printed on every page
    ],
)
def test_a_running_head_over_a_continuation_does_not_stop_the_table(tmp_path, head, on_first_page):
    first, rest = split_expense_table()
    running = Text([head], size=9, centred=True)
    page1 = [running, NARRATIVE, Spacer(380), first] if on_first_page else [NARRATIVE, Spacer(420), first]
    doc = read(tmp_path, [page1, [running, rest]])
    (table,) = doc.tables
    assert (table.key, table.title, table.pages, table.title_source) == (
        "gpb_expense",
        "一般公共预算支出表",
        [1, 2],
        "above",
    )
    assert table.column_kinds["科目编码"] == "code"
    totals = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    assert totals.func_code.tolist() == CODES
    assert totals.amount.tolist() == TOTALS
    assert totals.page.tolist() == [1, 1, 1, 1, 2, 2, 2, 2]


def test_a_page_with_its_own_table_title_under_the_running_head_is_another_table(tmp_path):
    first, _ = split_expense_table()
    running = Text(["2024年某某局部门预算"], size=9, centred=True)
    doc = read(tmp_path, [[NARRATIVE, Spacer(420), first], [running, summary_table(widths=[70, 150, 80, 80])]])
    assert [(t.key, t.title, t.pages) for t in doc.tables] == [
        ("gpb_expense", "一般公共预算支出表", [1]),
        ("income_expense_summary", "收支总表", [2]),
    ]


# -- a column of codes is never a column of amounts ----------------------------------------------------


def test_a_column_printing_nested_codes_under_no_header_is_a_code_column(tmp_path):
    # a grid under a heading naming no table and printing no header: its first column holds codes
    grid = expense_table(rows=EXPENSE.rows[4:], header=[], title="", unit="单位：万元")
    doc = read(tmp_path, [[NARRATIVE, Text(["附：明细情况"], size=15, centred=True), grid]])
    (table,) = doc.tables
    assert table.key == "other"
    assert list(table.column_kinds.values()) == ["code", "text", "money", "money", "money"]
    tidy = doc.tidy
    assert not tidy.amount.isin(["2010102.00", "221.00", "22102.00", "2210201.00"]).any()
    first = tidy[tidy.column == "(未命名列) (3)"]
    assert first.func_code.tolist() == ["2010102", "221", "22102", "2210201"]
    assert first.amount.tolist() == ["234.56", "200.00", "200.00", "200.00"]
    assert [Decimal(a) for a in tidy.amount] == [Decimal(a) for a in ["234.56", "234.56"] + ["200.00"] * 6]


def test_a_column_of_whole_amounts_that_do_not_nest_stays_amounts(tmp_path):
    # digits a code could have, but no tree of codes: two 类 with nothing under them; a 款 under no 类
    # of its own; a 类 with nothing under it after a 项
    rows = [["221", "住房保障支出", "221", "2210201", ""], ["205", "教育支出", "22301", "221", ""]]
    grid = Grid(header=[], rows=rows, widths=[70, 150, 80, 80, 80])
    doc = read(tmp_path, [[NARRATIVE, Text(["附：明细情况"], size=15, centred=True), grid]])
    (table,) = doc.tables
    assert list(table.column_kinds.values()) == ["money", "text", "money", "money", "money"]
    assert doc.tidy.amount.tolist() == ["221.00", "221.00", "2210201.00", "205.00", "22301.00", "221.00"]


# -- tables printed side by side ---------------------------------------------------------------------


def test_two_tables_side_by_side_each_take_the_title_and_unit_printed_over_them(tmp_path):
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    left = expense_table(widths=[55, 110, 60, 60, 60], unit="单位：元")
    right = summary_table(widths=[110, 60, 110, 60])
    halves = [
        PdfReader(build(tmp_path / f"{n}.pdf", [[g]], page_numbers=False)).pages[0]
        for n, g in (("l", left), ("r", right))
    ]
    page = PageObject.create_blank_page(width=1190, height=842)
    page.merge_page(halves[0])
    page.merge_transformed_page(halves[1], Transformation().translate(595, 0))
    writer = PdfWriter()
    writer.add_page(page)
    path = tmp_path / "side_by_side.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    doc = read_budget(path, use_cache=False)
    assert [(t.key, t.title, t.unit, t.unit_assumed) for t in doc.tables] == [
        ("gpb_expense", "一般公共预算支出表", "元", False),
        ("income_expense_summary", "收支总表", "万元", False),
    ]
    summary = doc.tidy[doc.tidy.table_key == "income_expense_summary"]
    assert summary.column.tolist() == ["收入/预算数", "支出/预算数", "支出/预算数", "收入/预算数", "支出/预算数"]
    assert summary.amount.tolist() == ["1234.56", "1034.56", "200.00", "1234.56", "1234.56"]
    expense = doc.tidy[(doc.tidy.table_key == "gpb_expense") & (doc.tidy.column == "一般公共预算支出/合计")]
    assert expense.amount.tolist() == ["0.123456", "0.103456", "0.103456", "0.08", "0.023456", "0.02", "0.02", "0.02"]
    assert expense.func_code.tolist() == CODES


def test_a_running_head_gives_way_to_the_title_printed_at_the_foot_of_the_page_before(tmp_path):
    foot = [
        NARRATIVE,
        Spacer(560),
        Text(["表5 一般公共预算支出表"], size=15, centred=True),
        Text(["单位：万元"], size=9),
    ]
    running = Text(["2024年某某局部门预算"], size=9, centred=True)
    doc = read(tmp_path, [foot, [running, expense_table(title="", unit="")]])
    (table,) = doc.tables
    assert (table.key, table.label, table.title, table.title_source, table.pages) == (
        "gpb_expense",
        "表5",
        "一般公共预算支出表",
        "previous page",
        [2],
    )


def test_a_page_printed_upside_down_reads_its_codes_as_codes_never_as_amounts(tmp_path):
    from pypdf import PdfWriter, Transformation

    writer = PdfWriter(clone_from=build(tmp_path / "upright.pdf", [[NARRATIVE, expense_table()]]))
    writer.pages[0].add_transformation(Transformation().rotate(180).translate(595, 842))
    path = tmp_path / "upside_down.pdf"
    writer.write(path)
    doc = read_budget(path, use_cache=False)
    # the page is laid out again turned right way up: rows top down, the header over them
    (table,) = doc.tables
    assert list(table.column_kinds.values()).count("code") == 1
    printed = sorted(Decimal(a.replace(",", "")) for row in EXPENSE.rows for a in row[2:] if a)
    assert sorted(Decimal(a) for a in doc.tidy.amount) == printed
    assert sorted(set(doc.tidy.func_code) - {""}) == sorted(c for c in CODES if c)
    # …so the header names the columns and the table by its words: nothing is left unread
    assert table.key == "gpb_expense" and doc.problems.empty


def test_a_label_merged_across_label_columns_is_printed_once_in_the_row_label(tmp_path):
    """合计 printed in one cell merged over 科目编码 | 科目名称 is one printed cell: the row's label says it once;
    two cells of their own printing the same text both stay (``208 05 05``)."""
    rows = [
        ["科目编码", "<", "<", "科目名称", "一般公共预算支出", "<", "<"],
        ["类", "款", "项", "^", "合计", "基本支出", "项目支出"],
        ["合计", "<", "<", "<", "1,234.56", "1,000.00", "234.56"],
        ["208", "", "", "社会保障和就业支出", "1,234.56", "1,000.00", "234.56"],
        ["208", "05", "", "行政事业单位养老支出", "1,234.56", "1,000.00", "234.56"],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,234.56", "1,000.00", "234.56"],
    ]
    grid = Grid(header=merged_header(rows), rows=[], widths=[40, 30, 30, 170, 80, 80, 80], title="一般公共预算支出表")
    budget = read_budget(build(tmp_path / "merged.pdf", [[NARRATIVE, grid]]), use_cache=False)
    labels = list(dict.fromkeys(budget.tidy.row_label))
    assert labels == [
        "合计",
        "208 社会保障和就业支出",
        "208 05 行政事业单位养老支出",
        "208 05 05 机关事业单位基本养老保险缴费支出",
    ]
    assert set(budget.tidy.func_code) == {"", "208", "20805", "2080505"}
