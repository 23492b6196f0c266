"""Tables printed without rulings keep their header's spans: a heading over several columns is each
column's first level, as in the same table ruled (no ruling shows the span: the heading's row and the
rows under it do)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget
from tests.budget_pdfs import NARRATIVE, Grid, build, expense_table, summary_table


def _paths(tmp_path, ruling: str) -> dict[str, list[str]]:
    pdf = build(tmp_path / f"{ruling}.pdf", [[NARRATIVE, expense_table(ruling)], [summary_table(ruling)]])
    budget = read_budget(pdf, use_cache=False)
    return {t.key: [c for c, kind in t.column_kinds.items() if kind == "money"] for t in budget.tables}


@pytest.mark.parametrize("ruling", ["none", "horizontal"])
def test_a_heading_over_columns_printed_without_rulings_spans_them(tmp_path, ruling):
    ruled = _paths(tmp_path, "lines")
    assert ruled == {
        "gpb_expense": ["一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"],
        "income_expense_summary": ["收入/预算数", "支出/预算数"],
    }
    assert _paths(tmp_path, ruling) == ruled


def test_a_heading_column_of_its_own_is_merged_into_its_neighbours(tmp_path):
    pdf = build(tmp_path / "none.pdf", [[summary_table("none")]])
    (table,) = read_budget(pdf, use_cache=False).tables
    # the heading 支出, aligned with neither column under it, is no column of its own
    assert list(table.df.columns) == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]


# -- cells wrapped over lines, in tables printed without column rulings -------------------------------

PROJECT_HEADER = [
    [("项目名称", 1, 2), ("科目编码", 1, 2), ("项目支出", 3)],
    [None, None, "合计", "一般公共\n预算拨款", "其他资金"],
]
PROJECT_ROWS = [
    ["合计", "", "25,245.94", "25,145.94", "100.00"],
    ["全市教育技术装备\n标准化建设及运维\n保障项目", "2050299", "24,995.94", "24,995.94", ""],
    ["信息化设备购置\n经费", "2010102", "150.00", "150.00", ""],
    ["培训项目", "2010102", "100.00", "", "100.00"],
]


def _projects(tmp_path, ruling: str, rows=PROJECT_ROWS, widths=(130, 60, 70, 70, 60), row_height=40.0):
    grid = Grid(
        header=PROJECT_HEADER, rows=rows, widths=list(widths), title="项目支出预算表", ruling=ruling,
        row_height=row_height,
    )  # fmt: skip
    pdf = build(tmp_path / f"{ruling}.pdf", [[NARRATIVE, grid]])
    (table,) = read_budget(pdf, use_cache=False).tables
    return table


def test_rows_ruled_between_them_hold_their_wrapped_cells(tmp_path):
    table = _projects(tmp_path, "horizontal")
    assert table.reader == "network" and table.validation.status == "ok"
    tidy = table.tidy if hasattr(table, "tidy") else None
    labels = [r for r in table.df.iloc[:, 0] if r]
    assert labels == ["合计", "全市教育技术装备标准化建设及运维保障项目", "信息化设备购置经费", "培训项目"]
    money = [c for c, kind in table.column_kinds.items() if kind == "money"]
    assert money == ["项目支出/合计", "项目支出/一般公共预算拨款", "项目支出/其他资金"]
    assert tidy is None or not tidy.empty


def test_an_amount_wrapped_in_a_narrow_unruled_column_is_one_amount(tmp_path):
    rows = [list(r) for r in PROJECT_ROWS]
    rows[0][2:4] = ["25245.9\n4", "25145.9\n4"]
    rows[1][2:4] = ["24995.9\n4", "24995.9\n4"]
    for ruling in ("horizontal", "none"):
        table = _projects(tmp_path, ruling, rows=rows, widths=(130, 60, 45, 60, 55))
        amounts = [a for a in table.df["项目支出/合计"] if a is not None]
        assert amounts == [Decimal("25245.94"), Decimal("24995.94"), Decimal("150.00"), Decimal("100.00")], ruling
        assert Decimal("4") not in [a for c in ("项目支出/合计",) for a in table.df[c] if a is not None]


def _top_aligned(rows: list[list[str]]) -> list[list[str]]:
    """Rows as a word processor prints them in a narrow table: each cell's first line on the row's first line
    (every cell padded with empty lines to the row's most, so that none stands centred on the row)."""
    out = []
    for row in rows:
        most = max(cell.count("\n") for cell in row) + 1
        out.append([cell + "\n" * (most - 1 - cell.count("\n")) for cell in row])
    return out


@pytest.mark.parametrize("ruling", ["none", "three"])
def test_amounts_all_wrapped_in_narrow_unruled_columns_and_the_last_rows_are_each_one_amount(tmp_path, ruling):
    """Every amount of a page wrapped (``2,802.6`` / ``7``; ``132,703`` / ``.82``; ``98,288.`` / ``79``), none
    printed whole to show the column's two decimals, and the last row's pieces printed under the last line of
    the table: each is one amount, no piece an amount of its own."""
    rows = _top_aligned(
        [
            ["2070101", "行政运行", "2,802.6\n7", "2,802.6\n7", ""],
            ["2070102", "一般行政管理事务", "31,612.\n48", "1,197.\n33", "30,415.\n15"],
            ["", "合计", "132,703\n.82", "98,288.\n79", "34,415.\n03"],
        ]
    )
    grid = Grid(
        title="一般公共预算支出表", header=[["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], rows=rows,
        widths=[60, 130, 45, 45, 45], ruling=ruling, row_height=28.0,
    )  # fmt: skip
    doc = read_budget(build(tmp_path / f"wrapped_{ruling}.pdf", [[NARRATIVE, grid]]), use_cache=False)
    totals = doc.tidy[doc.tidy.column == "合计"]
    assert [Decimal(a) for a in totals.amount] == [Decimal("2802.67"), Decimal("31612.48"), Decimal("132703.82")]
    assert sorted(map(Decimal, doc.tidy.amount)) == sorted(
        Decimal(a) for a in ("2802.67", "2802.67", "31612.48", "1197.33", "30415.15", "132703.82", "98288.79",
                             "34415.03")
    )  # fmt: skip
    assert doc.problems.empty


def test_codes_wrapped_in_a_narrow_unruled_code_column_are_one_code(tmp_path):
    """``201`` / ``01`` and ``201`` / ``010`` / ``1`` in a narrow code column: one code each (20101, 2010101), the
    last row's pieces printed under the table's last line too — never the 类 code of every row."""
    rows = _top_aligned(
        [
            ["201", "一般公共服务支出", "60.00", "55.00", "5.00"],
            ["201\n01", "人大事务", "60.00", "55.00", "5.00"],
            ["201\n010\n1", "行政运行", "55.00", "55.00", ""],
            ["201\n010\n2", "一般行政管理事务", "5.00", "", "5.00"],
        ]
    )
    grid = Grid(
        title="一般公共预算支出表", header=[["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], rows=rows,
        widths=[36, 130, 60, 60, 60], ruling="none", row_height=40.0,
    )  # fmt: skip
    doc = read_budget(build(tmp_path / "codes.pdf", [[NARRATIVE, grid]]), use_cache=False)
    totals = doc.tidy[doc.tidy.column == "合计"]
    assert totals.func_code.tolist() == ["201", "20101", "2010101", "2010102"]
    assert doc.tables[0].validation.status == "ok" and doc.problems.empty


def test_a_label_centred_on_its_row_without_rulings_joins_it(tmp_path):
    table = _projects(tmp_path, "none", row_height=48.0)
    labels = [r for r in table.df.iloc[:, 0] if r]
    assert labels == ["合计", "全市教育技术装备标准化建设及运维保障项目", "信息化设备购置经费", "培训项目"]


def test_a_tables_body_between_three_rules_is_not_one_row(tmp_path):
    # a 三线表: the top, the header's foot and the foot
    pdf = build(tmp_path / "three.pdf", [[NARRATIVE, expense_table("three")]])
    (table,) = read_budget(pdf, use_cache=False).tables
    assert table.validation.status == "ok" and len(table.df) == 8


# -- headings spanning columns of unequal width, printed without rulings -------------------------------


def _three_line(tmp_path, name: str, header, body, widths, title: str, right=()):
    from tests.pdf_tables import write_three_line_pages

    path = write_three_line_pages(
        tmp_path / f"{name}.pdf",
        ["2023年度某某局部门决算", "“三公”经费支出15.01万元。"],
        "部门：某某局",
        widths,
        header,
        [{"title": title, "body": body, "right": right}],
    )
    return read_budget(path, use_cache=False)


def test_headings_printed_without_rulings_span_the_columns_they_are_centred_over(tmp_path):
    """收入 | 支出 over 项目 | 行次 | 金额 each (a 决算 收支总表 printed as a 三线表): 收入, printed centred over its
    three columns, lies in the parser's 项目 column, so the 金额 column beside 支出's 项目 is nearer 支出's column —
    yet 收入 is printed at the middle of 项目 | 行次 | 金额, and 金额 is its.  Likewise 项目 over 科目编码 and 科目名称
    beside 本年支出 over six amount columns: 合计 is 本年支出's."""
    header = [["收入", "<", "<", "支出", "<", "<"], ["项目", "行次", "金额", "项目", "行次", "金额"]]
    body = [
        ["一、财政拨款收入", "1", "1,234.56", "一、一般公共服务支出", "5", "1,034.56"],
        ["二、事业收入", "2", "", "二、住房保障支出", "6", "200.00"],
        ["本年收入合计", "3", "1,234.56", "本年支出合计", "7", "1,234.56"],
    ]
    (table,) = _three_line(tmp_path, "summary", header, body, [150, 30, 70, 150, 30, 70], "收入支出决算总表").tables
    assert [c for c, kind in table.column_kinds.items() if kind == "money"] == ["收入/金额", "支出/金额"]

    header = [
        ["项目", "<", "本年支出", "<", "<", "<", "<"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "上缴上级支出", "经营支出"],
    ]
    body = [
        ["", "合计", "1,234.56", "1,000.00", "234.56", "", ""],
        ["201", "一般公共服务支出", "1,234.56", "1,000.00", "234.56", "", ""],
        ["20101", "人大事务", "1,234.56", "1,000.00", "234.56", "", ""],
    ]
    (table,) = _three_line(tmp_path, "expense", header, body, [50, 120, 60, 60, 60, 60, 60], "支出决算表").tables
    assert [c for c, kind in table.column_kinds.items() if kind == "money"] == [
        "本年支出/合计",
        "本年支出/基本支出",
        "本年支出/项目支出",
        "本年支出/上缴上级支出",
        "本年支出/经营支出",
    ]


def test_sub_headings_wrapped_side_by_side_without_rulings_are_one_level(tmp_path):
    """公务用车/购置费 | 公务用车/运行费 wrapped side by side beside 小计, under 公务用车购置及运行费, beside 合计 and
    公务接待费 printed over the lower header's full height: each heading one level, as ruled."""
    header = [
        ["项目", "合计", "因公出国\n（境）费", "公务用车购置及运行费", "<", "<", "公务接待费"],
        ["^", "^", "^", "小计", "公务用车\n购置费", "公务用车\n运行费", "^"],
    ]
    body = [
        ["预算数", "18.00", "0.00", "15.00", "0.00", "15.00", "3.00"],
        ["决算数", "15.01", "0.00", "13.13", "0.00", "13.13", "1.88"],
    ]
    budget = _three_line(tmp_path, "wide", header, body, [80, 60, 60, 60, 60, 60, 60], "“三公”经费支出决算表")
    (table,) = budget.tables
    assert list(table.df.columns) == [
        "项目",
        "合计",
        "因公出国（境）费",
        "公务用车购置及运行费/小计",
        "公务用车购置及运行费/公务用车购置费",
        "公务用车购置及运行费/公务用车运行费",
        "公务接待费",
    ]
    assert not table.validation.failed


def test_a_column_number_row_and_rows_of_counts_under_the_amounts_without_rulings(tmp_path):
    """A 栏次 row printing two numbers (栏次 | | 1 | 2) is the header's: 预算数 and 决算数 name their amount columns;
    rows of whole numbers (counts) printed under the last amount row, in its columns, are the table's."""
    header = [["项目", "行次", "预算数", "决算数"], ["栏次", "", "1", "2"]]
    body = [
        ["一、“三公”经费支出", "1", "18.00", "15.01"],
        ["1．因公出国（境）费", "2", "0.00", "0.00"],
        ["2．公务用车购置及运行费", "3", "15.00", "13.13"],
        ["3．公务接待费", "4", "3.00", "1.88"],
        ["二、相关统计数", "5", "", ""],
        ["1．公务用车保有量（辆）", "6", "", "6"],
        ["2．国内公务接待批次（个）", "7", "", "14"],
        ["3．国内公务接待人次（人）", "8", "", "126"],
    ]
    budget = _three_line(tmp_path, "stat", header, body, [170, 40, 70, 70], "“三公”经费支出决算表", right=(2, 3))
    (table,) = budget.tables
    assert [c for c, kind in table.column_kinds.items() if kind == "money"] == ["预算数", "决算数"]
    counts = budget.tidy[budget.tidy.unit_printed.isin(["辆", "个", "人"])]
    assert sorted(str(a) for a in counts.amount) == ["126.00", "14.00", "6.00"]
    assert list(table.df["决算数"][:4]) == [Decimal("15.01"), Decimal("0.00"), Decimal("13.13"), Decimal("1.88")]


@pytest.mark.parametrize(("gap", "right"), [(8, False), (12, False), (20, True)])
def test_a_page_number_printed_close_under_an_unruled_table_is_no_row_of_it(tmp_path, gap, right):
    """The page number printed a few points under a 三线表 at the page's foot is no row of the table, centred or
    right-aligned with its last amount column (a whole number there with no name on its line): every amount
    keeps its column and row, and no count is read."""
    from tests.pdf_tables import write_three_line_pages

    header = [["收入", "<", "支出", "<"], ["项目", "预算数", "项目", "预算数"]]
    body = [
        ["一、一般公共预算拨款收入", "1,350.70", "一、一般公共服务支出", "405.00"],
        ["二、事业收入", "", "二、卫生健康支出", "28.70"],
        ["", "", "三、自然资源海洋气象等支出", "917.00"],
        ["本年收入合计", "1,350.70", "本年支出合计", "1,350.70"],
    ]
    path = write_three_line_pages(
        tmp_path / "foot.pdf",
        ["2024年某某局部门预算", "收入预算1,350.70万元。"],
        "部门：某某局",
        [150, 70, 150, 70],
        header,
        [{"title": "部门收支总表", "body": body, "foot_gap": gap, "foot_right": right}],
    )
    budget = read_budget(path, use_cache=False)
    (table,) = budget.tables
    income = budget.tidy[budget.tidy.column == "收入/预算数"]
    assert sorted(str(a) for a in income.amount) == ["1350.70", "1350.70"]
    assert len(budget.tidy) == 6 and not table.validation.failed and budget.problems.empty


def test_a_label_the_parser_cut_off_the_names_column_goes_back_to_it():
    """合计 (and the heading 科目名称) printed centred in the column of names, off the names' left edge: the unruled
    tables' parser made a column of them; two neighbouring columns printing only Chinese text, never both on one
    line, are one.  Codes printed level by level (201 | 01 | 01) and a code beside its name stay apart."""
    from analysis.extract.reader import Grid as PageGrid
    from analysis.extract.reader import _name_columns_joined

    def grid(texts: list[list[str]]) -> PageGrid:
        n = len(texts[0])
        rows = [(700.0 - 20 * r, 680.0 - 20 * r) for r in range(len(texts))]
        cols = [(50.0 + 80 * c, 130.0 + 80 * c) for c in range(n)]
        region = [[(r, c) for c in range(n)] for r in range(len(texts))]
        return PageGrid(1, (50.0, 680.0 - 20 * len(texts), 50.0 + 80 * n, 700.0), rows, cols, texts, region)

    cut = grid(
        [
            ["科目编码", "", "科目名称", "合计", "基本支出"],
            ["2210203", "机关服务", "", "11,413.60", "6,730.43"],
            ["2210204", "信息化建设", "", "28,367.33", "21,246.15"],
            ["", "", "合计", "39,780.93", "27,976.58"],
        ]
    )
    joined = _name_columns_joined(cut)
    assert joined.texts == [
        ["科目编码", "科目名称", "合计", "基本支出"],
        ["2210203", "机关服务", "11,413.60", "6,730.43"],
        ["2210204", "信息化建设", "28,367.33", "21,246.15"],
        ["", "合计", "39,780.93", "27,976.58"],
    ]
    assert joined.cols[1] == (130.0, 290.0)
    levels = grid([["201", "", "", "一般公共服务支出", "60.00"], ["", "01", "", "人大事务", "60.00"]])
    assert _name_columns_joined(levels).texts == levels.texts
