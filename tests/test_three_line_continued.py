"""Tables going on over the next page where no ruling draws their columns, and forms whose next page repeats a head.

* A 三线表 (read without rulings) continued on the next page is one table: the columns are where the texts reach on
  each page, so the amounts — printed right-aligned — place them, not the borders; its codes derived by name take
  the 类/款 printed on the page before.
* A label wrapped at the top of such a page is no header line, under a repeated header or none.
* A 部门整体支出绩效目标表 whose next page repeats the indicator header and the same unit's 单位 line goes on.

Each has its must-not-join counterpart: a new untitled table of its own columns, a ruled table at other column
borders, a form page naming another unit.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget

from .budget_pdfs import (
    INDICATOR_HEADER,
    NARRATIVE,
    Grid,
    build,
    department_form_rows,
    expense_table,
    indicator_rows,
    merged_header,
)
from .pdf_tables import write_three_line_pages

D = Decimal
UNIT = "某某县财政局"


def three_line_pdf(path, widths, header, pages: list[dict]):
    """Page 1 narrative; then the names-only 三线表 (the level shown by indentation, as Word prints it) over one
    page per dict (see :func:`write_three_line_pages`), under 部门：某某县财政局."""
    return write_three_line_pages(path, NARRATIVE.lines, f"部门：{UNIT}", widths, header, pages)


#: code (the truth: never printed), name, level, 合计 | 基本支出 | 项目支出
ROWS = [
    ("", "合计", 0, "695.90", "470.90", "225.00"),
    ("201", "一般公共服务支出", 0, "405.50", "330.50", "75.00"),
    ("20101", "人大事务", 1, "150.00", "120.00", "30.00"),
    ("2010101", "行政运行", 2, "120.00", "120.00", ""),
    ("2010102", "一般行政管理事务", 2, "30.00", "", "30.00"),
    ("20106", "财政事务", 1, "255.50", "210.50", "45.00"),
    # a page break here in most tests: 行政运行 and 一般行政管理事务 under 20106, printed on page 2
    ("2010601", "行政运行", 2, "210.50", "210.50", ""),
    ("2010602", "一般行政管理事务", 2, "45.00", "", "45.00"),
    ("208", "社会保障和就业支出", 0, "93.60", "93.60", ""),
    ("20805", "行政事业单位养老支出", 1, "93.60", "93.60", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", 2, "62.40", "62.40", ""),
    ("2080506", "机关事业单位职业年金缴费支出", 2, "31.20", "31.20", ""),
    ("213", "农林水支出", 0, "150.00", "", "150.00"),
    ("21301", "农业农村", 1, "150.00", "", "150.00"),
    ("2130153", "农田建设", 2, "150.00", "", "150.00"),
    ("221", "住房保障支出", 0, "46.80", "46.80", ""),
    ("22102", "住房改革支出", 1, "46.80", "46.80", ""),
    ("2210201", "住房公积金", 2, "46.80", "46.80", ""),
]
HEADER = [["科目名称", "本年预算数", "<", "<"], ["^", "合计", "基本支出", "项目支出"]]
WIDTHS = [230, 85, 85, 85]
TITLE = "一般公共预算支出表"
#: the long name wrapped where the page opens with it
WRAPPED = {"2080505": "机关事业单位基本养老\n保险缴费支出"}


def names_pdf(path, cut: int, repeat: bool, wrap: bool = False, third: dict | None = None):
    """The table over pages 2 and 3, broken before ``ROWS[cut]``; page 3 repeats the 部门 line and the header
    (``repeat``) or prints neither; ``third`` replaces page 3."""
    body = [[WRAPPED.get(code, name) if wrap else name, *amounts] for code, name, _, *amounts in ROWS]
    levels = [level for _, _, level, *_ in ROWS]
    first = {"title": TITLE, "body": body[:cut], "levels": levels[:cut]}
    rest = {"body": body[cut:], "levels": levels[cut:], "head": repeat, "header": HEADER if repeat else None}
    return three_line_pdf(path, WIDTHS, HEADER, [first, third or rest])


def read(path):
    return read_budget(path, use_cache=False)


def rows_of(doc, key="gpb_expense"):
    """(name, func_code, page) of each row of the table, in order."""
    tidy = doc.tidy[doc.tidy.table_key == key].drop_duplicates("row_index")
    return list(zip(tidy.row_label, tidy.func_code, tidy.page, strict=True))


def expected(cut: int):
    return [(name, code, 2 if k < cut else 3) for k, (code, name, *_) in enumerate(ROWS)]


# -- A: a 三线表 going on over the next page --------------------------------------------------------------------


@pytest.mark.parametrize("repeat", [True, False], ids=["header repeated", "no header"])
def test_a_three_line_table_continued_is_one_table_its_names_coded_under_the_page_before(tmp_path, repeat):
    """Page 3 opens with 行政运行 under 20106 财政事务, printed last on page 2, and its longer names reach further
    right than page 2's (the columns' borders differ by 10 points and more): it was read as an untitled table
    of its own — 行政运行 and 一般行政管理事务 without their codes, 合计 ≠ Σ 类 on page 2."""
    doc = read(names_pdf(tmp_path / "doc.pdf", cut=6, repeat=repeat))
    (table,) = doc.tables
    assert (table.key, table.pages, table.reader, table.continued_pages) == ("gpb_expense", [2, 3], "network", 1)
    assert rows_of(doc) == expected(6)
    assert table.validation.checks and not table.validation.failed
    assert doc.problems.empty


def test_a_three_line_table_continued_with_a_kuan_opening_the_page(tmp_path):
    """Page 3 opens with the 款 行政事业单位养老支出, its 类 社会保障和就业支出 printed last on page 2."""
    doc = read(names_pdf(tmp_path / "doc.pdf", cut=9, repeat=True))
    (table,) = doc.tables
    assert table.pages == [2, 3]
    assert rows_of(doc) == expected(9)
    assert not table.validation.failed


@pytest.mark.parametrize("repeat", [True, False], ids=["header repeated", "no header"])
def test_a_continuation_page_printing_no_amount_in_a_column_goes_on(tmp_path, repeat):
    """Page 3 (住房保障支出 …) prints no 项目支出: read without rulings, the column is not there at all — the
    page's two amount columns end where the table's 合计 and 基本支出 do."""
    cut = next(k for k, row in enumerate(ROWS) if row[0] == "221")
    doc = read(names_pdf(tmp_path / "doc.pdf", cut=cut, repeat=repeat))
    (table,) = doc.tables
    assert table.pages == [2, 3]
    assert rows_of(doc) == expected(cut)
    tidy = doc.tidy[doc.tidy.page == 3]
    assert set(tidy.column) == {table.df.columns[-3], table.df.columns[-2]}  # 合计, 基本支出
    assert not table.validation.failed


#: a 收支总表 as a 三线表: 收入 ends on page 2, only 支出 goes on; each amount printed close before the next
#: column's name, so a page's text line runs them together (2,480.00 本年支出合计)
SUMMARY_HEADER = [["收入", "<", "支出", "<"], ["项目", "预算数", "项目", "预算数"]]
SUMMARY_WIDTHS = [150, 85, 150, 85]
SUMMARY = [
    ["一、一般公共预算拨款收入", "2,350.00", "一、一般公共服务支出", "300.00"],
    ["二、事业收入", "80.00", "二、教育支出", "1,200.00"],
    ["三、其他收入", "50.00", "三、科学技术支出", "60.00"],
    ["", "", "四、社会保障和就业支出", "186.00"],
    ["", "", "五、卫生健康支出", "72.00"],
    # page 3
    ["", "", "六、灾害防治及应急管理支出", "512.00"],
    ["", "", "七、抗疫特别国债安排的支出", "110.00"],
    ["本年收入合计", "2,480.00", "本年支出合计", "2,440.00"],
    ["", "", "结转下年", "40.00"],
    ["收入总计", "2,480.00", "支出总计", "2,480.00"],
]


@pytest.mark.parametrize("repeat", [True, False], ids=["header repeated", "no header"])
def test_a_two_sided_three_line_table_continued_on_its_right_side_is_one_table(tmp_path, repeat):
    levels = [0] * len(SUMMARY)
    pages = [
        {"title": "部门收支总表", "body": SUMMARY[:5], "levels": levels[:5]},
        {"body": SUMMARY[5:], "levels": levels[5:], "head": repeat, "header": SUMMARY_HEADER if repeat else None},
    ]
    doc = read(three_line_pdf(tmp_path / "doc.pdf", SUMMARY_WIDTHS, SUMMARY_HEADER, pages))
    (table,) = doc.tables
    assert (table.key, table.pages) == ("income_expense_summary", [2, 3])
    printed = [[v if isinstance(v, str) else f"{v:,.2f}" for v in row if v not in (None, "")] for row in SUMMARY]
    assert [[v if isinstance(v, str) else f"{v:,.2f}" for v in row if v not in (None, "")]
            for row in table.df.values.tolist()] == printed  # fmt: skip
    assert table.validation.checks and not table.validation.failed


def test_a_new_untitled_three_line_table_of_its_own_columns_is_not_joined(tmp_path):
    """Page 3 prints a table of two amount columns under a header of its own: another table."""
    other = {
        "body": [["办公费", "12.00", "15.00"], ["印刷费", "3.00", "4.00"], ["差旅费", "20.00", "18.00"]],
        "levels": [0, 0, 0],
        "head": False,
        "header": [["项目", "上年预算数", "本年预算数"]],
        "widths": [200, 100, 100],
    }
    doc = read(names_pdf(tmp_path / "doc.pdf", cut=len(ROWS), repeat=False, third=other))
    assert [t.pages for t in doc.tables] == [[2], [3]]
    assert len(doc.tables[0].df) == len(ROWS) and len(doc.tables[1].df) == 3


def test_a_new_untitled_three_line_table_with_as_many_amount_columns_elsewhere_is_not_joined(tmp_path):
    """As many amount columns as the table's, but ending elsewhere, under a header of its own: another table."""
    other = {
        "body": [["办公费", "12.00", "10.00", "2.00"], ["差旅费", "20.00", "20.00", ""]],
        "levels": [0, 0],
        "head": False,
        "header": [["项目", "总计", "财政拨款", "其他资金"]],
        "widths": [140, 110, 110, 110],
    }
    doc = read(names_pdf(tmp_path / "doc.pdf", cut=len(ROWS), repeat=False, third=other))
    assert [t.pages for t in doc.tables] == [[2], [3]]


@pytest.mark.parametrize("widths, joined", [([70, 150, 80, 80, 80], True), ([50, 130, 100, 100, 100], False)])
def test_a_ruled_table_goes_on_where_its_column_borders_do_as_before(tmp_path, widths, joined):
    """Ruled tables keep their rule: the next page's grid goes on with the table when its columns are ruled at
    the table's borders — an untitled grid ruled at other borders is another table."""
    rows = expense_table().rows
    first = expense_table(rows=rows[:4])
    more = expense_table(rows=rows[4:], title="", unit="", widths=widths)
    doc = read(build(tmp_path / "doc.pdf", [[NARRATIVE], [first], [more]]))
    assert [t.pages for t in doc.tables] == ([[2, 3]] if joined else [[2], [3]])


# -- B: a label wrapped at the top of a continuation page ---------------------------------------------------


@pytest.mark.parametrize("repeat", [True, False], ids=["header repeated", "no header"])
def test_a_wrapped_label_opening_a_continuation_page_is_no_header_line(tmp_path, repeat):
    """Page 3 opens with 机关事业单位基本养老 / 保险缴费支出, its amounts centred between the two lines: the first line
    was read into the header (a heading 科目名称机关事业单位基本养老, the row named 保险缴费支出, no code)."""
    doc = read(names_pdf(tmp_path / "doc.pdf", cut=10, repeat=repeat, wrap=True))
    (table,) = doc.tables
    assert table.pages == [2, 3]
    assert rows_of(doc) == expected(10)
    assert not any("机关事业单位基本养老" in column for column in table.df.columns)
    assert not table.validation.failed and doc.problems.empty


# -- C: a department form whose next page repeats the indicator header and the 单位 line -------------------

DEPARTMENT = "云南省某某厅"
TASKS = [
    ("机关运转保障", "保障机关日常运转", "980.00", "980.00", "0.00"),
    ("林草资源监测", "森林资源年度监测", "150.00", "120.00", "30.00"),
    ("森林防火", "防火物资储备", "120.00", "120.00", "0.00"),
]
INDICATORS = [
    ("产出指标", "数量指标", "森林资源监测样地数", "≥2000个"),
    ("产出指标", "数量指标", "护林员巡护覆盖率", "100%"),
    ("产出指标", "质量指标", "监测数据合格率", "≥98%"),
    ("产出指标", "时效指标", "监测成果提交时间", "2024年12月底前"),
    # page 3
    ("效益指标", "生态效益指标", "森林覆盖率", "≥65%"),
    ("效益指标", "生态效益指标", "草原综合植被盖度", "≥79%"),
    ("满意度指标", "服务对象满意度指标", "林农满意度", "≥90%"),
]


def form_pdf(path, org_on_page3: str):
    """The form over pages 2 and 3: page 3 repeats the indicator header under ``org_on_page3`` and 单位：万元."""
    rows = department_form_rows(DEPARTMENT, TASKS, ("1,250.00", "1,220.00", "30.00"), INDICATORS[:4])
    widths = [64, 95, 110, 80, 70, 70]
    first = Grid(header=merged_header(rows), rows=[], widths=widths, title="部门整体支出绩效目标表",
                 org=f"单位名称：{DEPARTMENT}", unit="单位：万元")  # fmt: skip
    rest = [INDICATOR_HEADER, *indicator_rows(INDICATORS[4:])]
    more = Grid(header=merged_header(rest), rows=[], widths=widths, title="", org=org_on_page3, unit="单位：万元")
    return build(path, [[NARRATIVE], [first], [more]])


def test_a_form_page_repeating_the_indicator_header_and_the_same_units_line_goes_on(tmp_path):
    """Page 3 repeats 单位名称：云南省某某厅 and the indicator header: it was read as a 项目绩效目标表 of its own,
    named by its header, its indicators not read (no column of 项目名称)."""
    doc = read(form_pdf(tmp_path / "doc.pdf", f"单位名称：{DEPARTMENT}"))
    (table,) = doc.tables
    assert (table.key, table.pages, table.reader) == ("department_targets", [2, 3], "form")
    assert doc.indicators.level3.tolist() == [i[2] for i in INDICATORS]
    assert doc.problems.empty


def test_a_form_page_naming_another_unit_is_not_joined(tmp_path):
    doc = read(form_pdf(tmp_path / "doc.pdf", "单位名称：云南省另一厅"))
    assert [t.pages for t in doc.tables] == [[2], [3]]
    assert doc.indicators.level3.tolist()[:4] == [i[2] for i in INDICATORS[:4]]
