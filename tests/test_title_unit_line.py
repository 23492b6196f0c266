"""A title centred on its line with the unit printed apart at the right on the same baseline
(支出决算表 …… 单位：元), as Excel exports print it: the title is the table's, the unit line its unit; the
value of a bare 部门： line printed as a line of its own on a unit line's baseline is still no title."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from analysis import read_budget

from .budget_pdfs import A4, FONT, MARGIN, NARRATIVE, Grid, _draw_grid, _font

HEADER = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]]
ROWS = [
    ["", "合计", "12,234,567.88", "9,876,543.21", "2,358,024.67"],
    ["208", "社会保障和就业支出", "10,123,456.78", "8,000,000.00", "2,123,456.78"],
    ["210", "卫生健康支出", "1,234,567.89", "1,000,000.00", "234,567.89"],
    ["221", "住房保障支出", "876,543.21", "876,543.21", "0.00"],
]
GRID = Grid(header=HEADER, rows=ROWS, widths=[70, 150, 90, 90, 90], title="", unit="")
WIDTH = sum(GRID.widths)
X0, X1 = (A4[0] - WIDTH) / 2, (A4[0] + WIDTH) / 2


def titled_page(title: str, unit: str, left: str = "", rows=ROWS, title_size: float = 15.0, size: float = 9.0):
    """A page printing ``title`` centred, ``unit`` right-aligned and ``left`` at the left margin on one baseline,
    each drawn as a string of its own, and the grid under them."""
    return [(title, title_size, "centre"), (unit, size, "right"), (left, size, "left"), replace(GRID, rows=rows)]


def build(path, pages) -> str:
    """Page 1 the narrative; then one page per ``titled_page``."""
    from reportlab.pdfgen import canvas

    _font()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, NARRATIVE.size)
    for k, line in enumerate(NARRATIVE.lines):
        c.drawString(MARGIN + 12, A4[1] - MARGIN - (k + 1) * (NARRATIVE.size + NARRATIVE.gap), line)
    c.showPage()
    for *texts, grid in pages:
        baseline = A4[1] - MARGIN - 15
        for text, size, align in texts:
            if text:
                c.setFont(FONT, size)
                draw = {"centre": c.drawCentredString, "right": c.drawRightString, "left": c.drawString}[align]
                draw({"centre": A4[0] / 2, "right": X1, "left": X0}[align], baseline, text)
        _draw_grid(c, grid, baseline - 10)
        c.showPage()
    c.save()
    return str(path)


def read(tmp_path, *pages):
    return read_budget(build(tmp_path / "doc.pdf", pages), use_cache=False)


def printed(rows) -> list[Decimal]:
    return [Decimal(x.replace(",", "")) for row in rows for x in row[2:]]


@pytest.mark.parametrize(
    ("title", "unit_line", "unit", "key"),
    [
        ("支出决算表", "单位：元", "元", "expense_summary"),
        ("财政拨款支出决算表", "金额单位：万元", "万元", "fiscal_expense"),
    ],
)
def test_a_title_with_its_unit_printed_apart_on_its_baseline_is_the_title(tmp_path, title, unit_line, unit, key):
    doc = read(tmp_path, titled_page(title, unit_line))
    (table,) = doc.tables
    assert (table.title, table.title_source, table.key) == (title, "above", key)
    assert (table.unit, table.unit_assumed) == (unit, False)
    assert list(doc.tidy.amount_printed) == [x for row in ROWS for x in row[2:]]
    assert set(doc.tidy.unit_printed) == {unit}
    scale = Decimal(10000) if unit == "元" else Decimal(1)
    assert [Decimal(str(a)) for a in doc.tidy.amount] == [a / scale for a in printed(ROWS)]
    assert table.validation.checks and not table.validation.failed


def test_two_tables_titled_on_their_unit_lines_keep_their_own_titles_and_units(tmp_path):
    """The probe's harm: an untitled 万元 page was stitched onto the 元 table before it, its 1,223.46 万元
    read as 1,223.46 元."""
    wan = [["", "合计", "1,223.46", "987.65", "235.81"], ["208", "社会保障和就业支出", "1,223.46", "987.65", "235.81"]]
    doc = read(
        tmp_path, titled_page("支出决算表", "单位：元"), titled_page("财政拨款支出决算表", "金额单位：万元", rows=wan)
    )
    assert [(t.title, t.key, t.unit, t.pages) for t in doc.tables] == [
        ("支出决算表", "expense_summary", "元", [2]),
        ("财政拨款支出决算表", "fiscal_expense", "万元", [3]),
    ]
    page3 = doc.tidy[doc.tidy.page == 3]
    assert [Decimal(str(a)) for a in page3.amount] == printed(wan)
    assert set(page3.unit_printed) == {"万元"}


def test_a_title_between_the_department_line_and_the_unit_on_one_baseline_is_the_title(tmp_path):
    """部门：某某局 at the left (its value printed with it), the title centred, 单位：元 at the right."""
    doc = read(tmp_path, titled_page("支出决算表", "单位：元", left="部门：某某县民政局"))
    (table,) = doc.tables
    assert (table.title, table.key, table.unit, table.org_line) == (
        "支出决算表",
        "expense_summary",
        "元",
        "部门：某某县民政局",
    )


def test_a_title_naming_a_table_in_the_units_type_on_the_unit_line_is_the_title(tmp_path):
    doc = read(tmp_path, titled_page("支出决算表", "单位：元", title_size=9.0))
    (table,) = doc.tables
    assert (table.title, table.title_source, table.key, table.unit) == ("支出决算表", "above", "expense_summary", "元")


def test_a_larger_title_not_ending_in_biao_on_the_unit_line_is_the_title(tmp_path):
    doc = read(tmp_path, titled_page("2023年度支出决算情况", "单位：元"))
    (table,) = doc.tables
    assert (table.title, table.title_source, table.unit) == ("2023年度支出决算情况", "above", "元")


@pytest.mark.parametrize("size", [9.0, 15.0])
def test_the_value_of_a_bare_department_line_on_the_unit_line_is_no_title(tmp_path, size):
    """部门： at the left, its value printed as a line of its own centred on the same baseline (a merged cell of
    a sheet), 单位：万元 at the right: the value is no title, in the table's type or larger."""
    doc = read(tmp_path, titled_page("某某县民政局", "单位：元", left="部门：", title_size=size))
    (table,) = doc.tables
    assert table.title != "某某县民政局" and table.title_source != "above"
    assert (table.unit, table.unit_assumed) == ("元", False)


def test_a_line_on_the_unit_line_that_names_no_table_in_the_units_type_is_no_title(tmp_path):
    """A line printed in the unit line's type on its baseline (a date, the unit's name without 部门：) is no title."""
    doc = read(tmp_path, titled_page("某某县民政局", "单位：元", title_size=9.0))
    (table,) = doc.tables
    assert table.title != "某某县民政局" and table.title_source != "above"
