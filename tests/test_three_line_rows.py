"""Tables printed without column rulings (三线表, or no rulings at all), read by camelot's network parser: every
printed line at the table's row pitch is a row of its own, even when its amounts are printed blank (a zero
item of a 收支总表), while a label wrapped over lines is still one label; a short table's headings, which
the parser may put in a column of their own, go to the columns they head."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget
from analysis.extract.reader import Grid as ReaderGrid
from analysis.extract.reader import _heading_columns_merged, _wrapped_labels_joined
from tests.budget_pdfs import NARRATIVE, Grid, build


@pytest.fixture(params=["three", "none"])
def ruling(request):
    """``three``: a 三线表 (a rule over the table, under its header and under the table); ``none``: no rulings."""
    return request.param


# -- rows whose amounts are printed blank ------------------------------------------------------------------

#: a 收支总表 whose zero items print blank amounts (as the templates print them): 收入 | 预算数 | 支出 | 预算数
SUMMARY_ROWS = [
    ["一、一般公共预算拨款收入", "1,000.00", "一、一般公共服务支出", ""],
    ["二、政府性基金预算拨款收入", "", "二、教育支出", "600.00"],
    ["三、事业收入", "50.00", "三、科学技术支出", ""],
    ["四、其他收入", "", "四、社会保障和就业支出", ""],
    ["", "", "五、卫生健康支出", "300.00"],
    ["", "", "六、节能环保支出", ""],
    ["", "", "七、城乡社区支出", ""],
    ["", "", "八、住房保障支出", "150.00"],
    ["本年收入合计", "1,050.00", "本年支出合计", "1,050.00"],
    ["收入总计", "1,050.00", "支出总计", "1,050.00"],
]


def _summary(tmp_path, ruling: str):
    """The 收支总表 of :data:`SUMMARY_ROWS` read."""
    grid = Grid(
        title="部门收支总表",
        header=[[("收入", 2), ("支出", 2)], ["项目", "预算数", "项目", "预算数"]],
        rows=SUMMARY_ROWS,
        widths=[150, 80, 150, 80],
        ruling=ruling,
        row_height=20.0,
    )
    return read_budget(build(tmp_path / "summary.pdf", [[NARRATIVE, grid]]), use_cache=False)


def _names_only(tmp_path, name: str, rows: list[list[str]], widths: list[float], ruling: str, row_height: float):
    """A names-only 一般公共预算支出表 (科目名称 | 本年预算数: 合计 | 基本支出 | 项目支出) of ``rows``, read."""
    grid = Grid(
        title="一般公共预算支出表",
        header=[[("科目名称", 1, 2), ("本年预算数", 3)], [None, "合计", "基本支出", "项目支出"]],
        rows=rows,
        widths=widths,
        ruling=ruling,
        row_height=row_height,
    )
    (table,) = read_budget(build(tmp_path / f"{name}.pdf", [[NARRATIVE, grid]]), use_cache=False).tables
    return table


def test_a_line_whose_amounts_are_blank_is_a_row_of_its_own(tmp_path, ruling):
    """六、节能环保支出 (blank) is one row pitch under 五、卫生健康支出 300.00 and two over 八、住房保障支出: it was
    taken for a wrapped line of 五 (``五、卫生健康支出六、节能环保支出`` holding 300.00, its code lost)."""
    (table,) = _summary(tmp_path, ruling).tables
    assert (table.key, table.reader) == ("income_expense_summary", "network")
    assert table.df.iloc[:, 2].tolist() == [row[2] for row in SUMMARY_ROWS]
    assert table.df.iloc[:, 0].tolist() == [row[0] for row in SUMMARY_ROWS]
    assert table.validation.checks and not table.validation.failed


def test_the_amounts_of_a_table_with_blank_rows_keep_their_labels_and_codes(tmp_path, ruling):
    budget = _summary(tmp_path, ruling)
    tidy = budget.tidy
    spending = tidy[tidy["column"] == "支出/预算数"]
    by_label = {row.row_label: (Decimal(str(row.amount)), row.func_code) for row in spending.itertuples()}
    assert by_label["五、卫生健康支出"] == (Decimal("300.00"), "210")
    assert by_label["八、住房保障支出"] == (Decimal("150.00"), "221")
    assert set(by_label) == {"二、教育支出", "五、卫生健康支出", "八、住房保障支出", "本年支出合计", "支出总计"}
    assert not [p for p in budget.problems.itertuples() if p.kind == "validation"]


# -- wrapped labels beside blank rows ----------------------------------------------------------------------

#: a names-only table: 科目名称 (wrapped where "\n") | 合计 | 基本支出 | 项目支出; two items print blank amounts
EXPENSE_ROWS = [
    ["合计", "125.00", "117.00", "8.00"],
    ["社会保障和就业支出", "125.00", "117.00", "8.00"],
    ["行政事业单位养老支出", "125.00", "117.00", "8.00"],
    ["行政单位离退休", "", "", ""],
    ["事业单位离退休", "", "", ""],
    ["机关事业单位基本养老\n保险缴费支出", "83.00", "83.00", ""],
    ["机关事业单位职业年金\n缴费支出", "42.00", "34.00", "8.00"],
]


def test_a_wrapped_label_joins_its_row_and_a_blank_row_stays_apart(tmp_path, ruling):
    """The two lines of 机关事业单位基本养老 / 保险缴费支出 are one label; 行政单位离退休 and 事业单位离退休,
    printed blank a row pitch from the rows beside them, are rows of their own (they were glued onto
    行政事业单位养老支出 and 机关事业单位基本养老保险缴费支出)."""
    table = _names_only(tmp_path, "expense", EXPENSE_ROWS, [200, 80, 80, 80], ruling, 26.0)
    assert table.reader == "network"
    assert table.df["科目名称"].tolist() == [row[0].replace("\n", "") for row in EXPENSE_ROWS]
    assert table.df["本年预算数/合计"].tolist() == [Decimal(row[1]) if row[1] else None for row in EXPENSE_ROWS]
    assert table.validation.checks and not table.validation.failed


def test_a_line_on_the_side_where_its_row_prints_no_label_is_no_wrapped_line():
    """A line printing on the 支出 side near an amount row printing its label on the 收入 side only is no
    wrapped line of that label."""
    texts = [
        ["项目", "预算数", "项目", "预算数"],
        ["一、一般公共预算拨款收入", "100.00", "一、教育支出", "100.00"],
        ["二、事业收入", "20.00", "", ""],
        ["", "", "二、科学技术支出", ""],
        ["本年收入合计", "120.00", "本年支出合计", "100.00"],
    ]
    centres = [300.0, 280.0, 260.0, 254.0, 240.0]
    rows = [(y + 4, y - 4) for y in centres]
    grid = ReaderGrid(
        page=1,
        bbox=(0.0, 230.0, 500.0, 310.0),
        rows=rows,
        cols=[(0.0, 150.0), (150.0, 230.0), (230.0, 400.0), (400.0, 500.0)],
        texts=texts,
        region=[[(r, c) for c in range(4)] for r in range(len(texts))],
        reader="network",
    )
    assert _wrapped_labels_joined(grid).texts == texts


# -- a short table's headings in a column of their own ---------------------------------------------------


def test_the_headings_of_a_short_table_go_to_the_columns_they_head(tmp_path, ruling):
    """Labels of a few characters leave 科目名称 (over them) and 合计 (over right-aligned amounts) in one column
    of their own, between the labels and the amounts: the 合计 amounts went under an unnamed column."""
    rows = [  # 类, 款 and 项 indented by ideographic spaces
        ["合计", "150.00", "120.00", "30.00"],
        ["一般公共服务支出", "150.00", "120.00", "30.00"],
        ["\u3000人大事务", "150.00", "120.00", "30.00"],
        ["\u3000\u3000行政运行", "120.00", "120.00", ""],
        ["\u3000\u3000一般行政管理事务", "30.00", "", "30.00"],
    ]
    table = _names_only(tmp_path, "short", rows, [230, 85, 85, 85], ruling, 19.0)
    assert table.reader == "network"
    assert list(table.df.columns) == ["科目名称", "本年预算数/合计", "本年预算数/基本支出", "本年预算数/项目支出"]
    assert table.df["本年预算数/合计"].tolist() == [Decimal(row[1]) for row in rows]


def test_each_heading_only_column_gives_its_headings_where_they_are_printed():
    """Two columns holding only headings: the second's headings go where the parser placed them printed (its
    own column's lines, looked up by the parser's column after the first has gone), not by its column's centre."""
    cols = [(0, 100), (100, 140), (140, 200), (200, 250), (250, 320)]
    texts = [
        ["", "科目名称", "", "", ""],
        ["", "", "", "合计", ""],
        ["一般公共服务", "", "10.00", "", "20.00"],
    ]
    printed = {(0, 1): (10.0, 60.0), (1, 3): (290.0, 318.0)}  # 合计 printed right-aligned over the last column
    merged, _ = _heading_columns_merged(texts, cols, lambda r, c: printed.get((r, c)))
    assert merged == [["科目名称", "", ""], ["", "", "合计"], ["一般公共服务", "10.00", "20.00"]]
