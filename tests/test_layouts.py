"""Layouts of the provinces' templates, one rule each, on small PDFs built here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget
from analysis.cli import main

from .budget_pdfs import NARRATIVE, Grid, Spacer, Text, build, expense_table, summary_table

HEADER = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
WIDTHS = [70, 150, 80, 80, 80]


def read(tmp_path, pages, name="doc"):
    return read_budget(build(tmp_path / f"{name}.pdf", pages), use_cache=False)


def test_several_tables_on_one_page_each_under_its_own_title(tmp_path):
    doc = read(
        tmp_path,
        [
            [NARRATIVE],
            [
                summary_table(label="公开01表", title="收支预算总表"),
                expense_table(label="公开02表", title="一般公共预算支出预算表"),
            ],
        ],
    )
    assert [(t.label, t.title, t.key) for t in doc.tables] == [
        ("公开01表", "收支预算总表", "income_expense_summary"),
        ("公开02表", "一般公共预算支出预算表", "gpb_expense"),
    ]
    assert [t.pages for t in doc.tables] == [[2], [2]]


def test_a_table_starting_mid_page_below_the_narrative_takes_its_own_title(tmp_path):
    narrative = Text(["（三）部门预算表的说明：以下各表按规定格式编制，金额单位为万元，"] * 4, size=14, centred=True)
    doc = read(tmp_path, [[NARRATIVE], [narrative, expense_table(title="一般公共预算支出表", unit="金额单位：万元")]])
    (table,) = doc.tables
    assert (table.title, table.unit, table.unit_assumed) == ("一般公共预算支出表", "万元", False)
    assert len(doc.tidy) == 19


def test_a_title_printed_at_the_foot_of_the_previous_page_belongs_to_the_table_on_the_next(tmp_path):
    foot = [
        NARRATIVE,
        Spacer(560),
        Text(["表5 一般公共预算支出表"], size=15, centred=True),
        Text(["单位：万元"], size=9),
    ]
    doc = read(tmp_path, [foot, [expense_table(title="", unit="")]])
    (table,) = doc.tables
    assert (table.label, table.title, table.unit, table.pages) == ("表5", "一般公共预算支出表", "万元", [2])
    assert any("foot of page 1" in note for note in table.notes)


def _rows(start: int, count: int) -> list[list[str]]:
    return [[f"20101{i:02d}", f"事务{i}", "1.00", "1.00", ""] for i in range(start, start + count)]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_long_table_continues_over_pages_with_or_without_its_header(tmp_path, repeat_header):
    total = [["", "合计", "60.00", "60.00", ""]]
    first = Grid(HEADER, total + _rows(1, 30), WIDTHS, title="一般公共预算支出表")
    second = Grid(HEADER if repeat_header else [], _rows(31, 30), WIDTHS, title="", unit="")
    doc = read(tmp_path, [[NARRATIVE], [first], [second]])
    (table,) = doc.tables
    assert table.pages == [2, 3] and len(table.df) == 61
    assert [c.passed for c in table.validation.checks if c.rule == "row_total"] == [True, True]


def test_a_table_repeating_its_label_title_and_department_line_on_each_page_is_one_table(tmp_path):
    kw = {"label": "表3", "title": "支出总表", "org": "部门名称：某某局", "label_inline": False}
    total = [["", "合计", "60.00", "60.00", ""]]
    first = Grid(HEADER, total + _rows(1, 30), WIDTHS, **kw)
    second = Grid(HEADER, _rows(31, 30), WIDTHS, **kw)
    doc = read(tmp_path, [[NARRATIVE], [first], [second]])
    (table,) = doc.tables
    assert (table.label, table.title, table.pages, len(table.df)) == ("表3", "支出总表", [2, 3], 61)


def test_a_row_broken_across_pages_is_one_row(tmp_path):
    first = Grid(
        HEADER,
        [["", "合计", "3.00", "3.00", ""], *_rows(1, 2), ["", "十七、国土海洋气象等支", "1.00", "1.00", ""]],
        WIDTHS,
        title="一般公共预算支出表",
    )
    second = Grid([], [["", "出", "", "", ""], *_rows(4, 1)], WIDTHS, title="", unit="")
    doc = read(tmp_path, [[NARRATIVE], [first], [second]])
    (table,) = doc.tables
    assert "十七、国土海洋气象等支出" in table.df.iloc[:, 1].tolist() and len(table.df) == 5


def test_function_codes_printed_as_class_item_columns_or_one_column(tmp_path):
    header = [[("科目编码", 3), ("科目名称", 1, 2), ("金额", 1, 2)], ["类", "款", "项"]]
    rows = [
        ["", "", "", "合计", "100.00"],
        ["205", "", "", "教育支出", "100.00"],
        ["205", "01", "", "教育管理事务", "100.00"],
        ["205", "01", "01", "行政运行", "100.00"],
    ]
    levels = read(tmp_path, [[NARRATIVE], [Grid(header, rows, [40, 40, 40, 160, 90], title="一般公共预算支出表")]])
    assert levels.tidy.func_code.tolist() == ["", "205", "20501", "2050101"]
    hierarchy = [c for c in levels.tables[0].validation.checks if c.rule == "function_hierarchy"]
    assert [c.description for c in hierarchy] == ["205 = Σ 20501", "20501 = Σ 2050101"]
    one = read(tmp_path, [[NARRATIVE], [expense_table()]], name="one")
    assert set(one.tidy.func_code) == {"", "201", "20101", "2010101", "2010102", "221", "22102", "2210201"}


def test_economic_codes_printed_in_brackets_before_the_name(tmp_path):
    rows = [["合计", "30.00"], ["[302]商品和服务支出", "30.00"], ["[30227]委托业务费", "30.00"]]
    grid = Grid([["经济科目名称", "金额"]], rows, [220, 100], title="一般公共预算基本支出表")
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    assert doc.tidy.econ_code.tolist() == ["", "302", "30227"]
    assert [c.passed for c in doc.tables[0].validation.checks if c.rule == "econ_hierarchy"] == [True]


def test_yuan_and_wanyuan_tables_in_one_document_keep_their_units(tmp_path):
    yuan = summary_table(unit="单位：元")
    doc = read(tmp_path, [[NARRATIVE], [yuan, expense_table()]])
    assert [t.unit for t in doc.tables] == ["元", "万元"]
    row = doc.tidy[(doc.tidy.table_key == "income_expense_summary") & (doc.tidy.amount_printed == "1,234.56")].iloc[0]
    assert row.amount == "0.123456"


def test_tables_in_thousands_and_hundreds_of_millions_are_converted_exactly(tmp_path):
    doc = read(tmp_path, [[NARRATIVE], [summary_table(unit="金额单位：千元")], [expense_table(unit="单位：亿元")]])
    assert [t.unit for t in doc.tables] == ["千元", "亿元"]
    thousands = doc.tidy[(doc.tidy.table_key == "income_expense_summary") & (doc.tidy.amount_printed == "1,234.56")]
    assert set(thousands.amount) == {"123.456"} and set(thousands.unit_printed) == {"千元"}
    hundred_millions = doc.tidy[doc.tidy.table_key != "income_expense_summary"].iloc[0]
    assert Decimal(hundred_millions.amount) == Decimal(hundred_millions.amount_printed.replace(",", "")) * 10000
    assert all(t.validation.checks and not t.validation.failed for t in doc.tables)


def test_a_performance_target_table_inside_the_narrative_is_read_as_text_with_its_budget(tmp_path):
    header = [["二级预算单位名称", "项目名称", "预算数（万元）", "绩效目标"]]
    rows = [
        ["某某局", "安全生产专项经费", "40.00", "完成年度检查任务"],
        ["某某局", "口岸管理业务", "1,000.70", "保障通关"],
    ]
    grid = Grid(header, rows, [110, 110, 80, 150], title="", unit="")
    page = [
        Text(["第七部分 重点项目预算绩效情况说明"], size=15, centred=True),
        Text(["2026 年，本单位重点项目绩效目标情况如下："]),
        grid,
    ]
    doc = read(tmp_path, [[NARRATIVE], page])
    (table,) = doc.tables
    assert table.key == "performance_targets" and table.unit == "万元" and not table.unit_assumed
    assert table.column_kinds["二级预算单位名称"] == "text" and table.column_kinds["绩效目标"] == "text"
    assert doc.tidy.amount_printed.tolist() == ["40.00", "1,000.70"] and doc.problems.empty


def test_one_unreadable_cell_loses_that_cell_not_the_document(tmp_path, capsys):
    table = expense_table()
    table.rows[3] = ["2010101", "行政运行", "800.00", "见附表", ""]
    path = build(tmp_path / "bad.pdf", [[NARRATIVE], [table]])
    doc = read_budget(path, use_cache=False)
    (problem,) = doc.problems.itertuples()
    assert (problem.kind, problem.page, problem.table, problem.row, problem.column, problem.text) == (
        "cell",
        2,
        "一般公共预算支出表",
        3,
        "一般公共预算支出/基本支出",
        "见附表",
    )
    expense = doc.tables[0]
    assert expense.df.at[3, "一般公共预算支出/基本支出"] is None
    assert expense.validation.not_run and not expense.validation.failed
    assert len(doc.tidy) == 18  # every other amount is read
    assert main(["extract", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "warning: bad.pdf, page 2, table 一般公共预算支出表, row 3" in capsys.readouterr().err


def test_a_page_printing_a_table_no_reader_reads_is_reported_not_taken_for_narrative(tmp_path, capsys):
    # the title and unit line of a table whose body is not printed as text (a picture, say)
    path = build(
        tmp_path / "pictured.pdf",
        [[NARRATIVE], [Text(["表6 政府采购预算表"], size=15, centred=True), Text(["单位：万元"])]],
    )
    doc = read_budget(path, use_cache=False)
    (problem,) = doc.problems.itertuples()
    assert problem.kind == "coverage" and problem.page == 2 and problem.table == "表6 政府采购预算表"
    assert main(["extract", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr()
    assert "narrative only" not in out.out and "pages print tables" in out.out


def test_the_contents_listing_tables_this_file_does_not_print_is_said(tmp_path):
    contents = Text(
        ["目录", "第一部分 部门概况", "第二部分 部门预算表", "一、收支总表", "二、收入总表", "三、支出总表"]
    )
    doc = read(tmp_path, [[contents], [NARRATIVE]])
    (problem,) = doc.problems.itertuples()
    assert problem.kind == "contents" and problem.text == "收支总表; 收入总表; 支出总表"
    assert problem.reason == "the 目录 lists 3 tables that this file does not print (published as a separate file?)"


def test_a_title_and_unit_printed_inside_the_grids_top_rows_are_its_title_and_unit(tmp_path):
    table = summary_table(title="", unit="")
    table.header = [[("表1 2024年部门收支总表", 4)], [("单位：万元", 4)], *table.header]
    doc = read(tmp_path, [[NARRATIVE], [table]])
    (t,) = doc.tables
    assert (t.label, t.title, t.unit, t.key) == ("表1", "2024年部门收支总表", "万元", "income_expense_summary")
    assert list(t.df.columns) == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    assert len(doc.tidy) == 5


def test_percentage_columns_are_read_as_rates_never_as_amounts(tmp_path):
    """A column of rates (增长率, 增减%) is no money column (no total adds it), but its printed figures are rows
    of the tidy table like every number of the body, in % as printed (a column of counts is in its count unit)."""
    rows = [["", "合计", "110.00", "100.00", "10.00%"], ["201", "一般公共服务支出", "110.00", "100.00", "10.00%"]]
    header = [["科目编码", "科目名称", "本年预算数", "上年预算数", "增长率"]]
    doc = read(tmp_path, [[NARRATIVE], [Grid(header, rows, WIDTHS, title="一般公共预算支出表")]])
    (t,) = doc.tables
    assert t.column_kinds["增长率"] == "rate" and t.df.at[1, "增长率"] == Decimal("10.00")
    assert "增长率" not in t.money_columns and len(doc.tidy) == 6
    rates = doc.tidy[doc.tidy.column == "增长率"]
    assert rates.unit_printed.tolist() == ["%", "%"] and rates.amount.tolist() == ["10.00", "10.00"]
    assert rates.func_code.tolist() == ["", "201"]
    assert set(doc.tidy[doc.tidy.unit_printed == "万元"].column) == {"本年预算数", "上年预算数"}


def test_a_scanned_page_among_text_pages_is_reported(tmp_path):
    from PIL import Image
    from reportlab.pdfgen import canvas

    from .budget_pdfs import A4, FONT, _font

    picture = tmp_path / "scan.png"
    Image.new("L", (600, 800), 200).save(picture)
    path = tmp_path / "scanned.pdf"
    _font()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 11)
    c.drawString(72, 760, "2024年某某局部门预算：收入预算1,234.56万元，支出预算1,234.56万元。")
    c.showPage()
    c.drawImage(str(picture), 40, 40, 515, 760)  # a table scanned as a picture, no text layer
    c.showPage()
    c.save()
    doc = read_budget(path, use_cache=False)
    (problem,) = doc.problems.itertuples()
    assert problem.kind == "illegible" and problem.page == 2
    assert "the page is an image" in problem.reason and "0 characters of text (a scan?)" in problem.reason


def test_glyphs_drawn_again_as_stroked_outlines_are_no_rulings(tmp_path):
    """A producer that emulates bold by stroking each glyph's outline over it draws boxes and strokes inside
    every glyph: they make no grid of their own and split no cell; the table reads as the plain print."""
    plain = read(tmp_path, [[NARRATIVE], [expense_table()]], name="plain")
    outlined = read(tmp_path, [[NARRATIVE], [expense_table(outlined=True)]], name="outlined")
    (table,) = outlined.tables
    assert table.title == plain.tables[0].title and table.df.shape == plain.tables[0].df.shape
    columns = ["table_key", "row_label", "func_code", "column", "amount", "page"]
    assert outlined.tidy[columns].equals(plain.tidy[columns]) and outlined.problems.empty


def test_a_glyphs_outline_reaching_above_its_box_is_still_the_glyphs():
    """A glyph's box ends an em above its descent; its outline reaches the font's ascent and the stroke's half
    width beyond: 0.7 pt over the box of a 16 pt title rewritten with its bold as stroked outlines. Taken for
    rulings, such strokes made a table of the title."""
    from types import SimpleNamespace

    from analysis.extract.rulings import GlyphBoxes, is_glyph_outline

    glyph = SimpleNamespace(x0=118.9, y0=760.4, x1=134.8, y1=776.4)  # 般, 16 pt
    boxes = GlyphBoxes([glyph])
    stroke = SimpleNamespace(x0=119.2, y0=762.2, x1=126.4, y1=777.1, stroke=True)
    assert is_glyph_outline(stroke, boxes)
    # a rule running past the glyph (a cell's border under a title) is none
    assert not is_glyph_outline(SimpleNamespace(x0=100.0, y0=762.2, x1=300.0, y1=762.2, stroke=True), boxes)
    small = GlyphBoxes([SimpleNamespace(x0=10.0, y0=10.0, x1=19.0, y1=19.0)])  # 9 pt: 0.72 pt of slack, no more
    assert not is_glyph_outline(SimpleNamespace(x0=10.0, y0=10.0, x1=19.0, y1=19.8, stroke=True), small)


@pytest.mark.parametrize(
    "label, mark, unit",
    [
        ("表3", "续表", ""),
        ("表3", "一般公共预算支出表（续）", ""),
        ("表3", "一般公共预算支出表（续表）", "单位：万元"),
        ("", "续表3", ""),
        ("表3", "表3（续）", "单位：万元"),
    ],
)
def test_a_page_marked_as_a_continuation_goes_on_with_the_table(tmp_path, label, mark, unit):
    """续表 (续表3, 表3（续）, …表（续）) in place of the title: the page continues the table above, whatever
    it repeats (header, unit line); the mark is no table's title."""
    rows = expense_table().rows
    first = expense_table(rows=rows[:4], label=label)
    rest = expense_table(rows=rows[4:], title=mark, label="", unit=unit)
    doc = read(tmp_path, [[NARRATIVE], [first], [rest]])
    (table,) = doc.tables
    assert (table.title, table.pages, len(table.df)) == ("一般公共预算支出表", [2, 3], 8)
    assert table.validation.checks and not table.validation.failed and doc.problems.empty


def test_a_continuation_mark_naming_another_table_starts_no_continuation(tmp_path):
    rows = expense_table().rows
    doc = read(
        tmp_path,
        [
            [NARRATIVE],
            [expense_table(rows=rows[:4], label="表3")],
            [expense_table(rows=rows[4:], title="续表5", label="")],
        ],
    )
    assert [t.pages for t in doc.tables] == [[2], [3]]


def test_line_numbers_of_a_final_accounts_statement_are_neither_amounts_nor_codes(tmp_path):
    """决算 statements number their lines (行次, 栏次): those numbers are no amounts (line 3 is not 3 万元),
    no classification codes (line 201 is not the 类 201) and no part of a row's name."""
    rows = [
        ["一、一般公共预算财政拨款收入", "1", "1,234.56", "一、一般公共服务支出", "201", "1,134.56"],
        ["二、事业收入", "2", "100.00", "二、住房保障支出", "202", "200.00"],
        ["本年收入合计", "3", "1,334.56", "本年支出合计", "203", "1,334.56"],
    ]
    grid = Grid(
        header=[[("收入", 3), ("支出", 3)], ["项目", "行次", "金额", "项目", "行次", "金额"]],
        rows=rows,
        widths=[150, 35, 70, 150, 35, 70],
        title="收入支出决算总表",
    )
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    (table,) = doc.tables
    assert [k for c, k in table.column_kinds.items() if "行次" in c] == ["code", "code"]
    tidy = doc.tidy
    assert sorted(tidy.amount_printed) == sorted(["1,234.56", "100.00", "1,334.56", "1,134.56", "200.00", "1,334.56"])
    coded = tidy[tidy.func_code != ""]
    assert set(coded.func_code) == {"201", "221"} and set(coded.code_source) == {"name"}  # by their names
    assert "一、一般公共服务支出" in tidy.row_label.tolist()
    assert not any(label.endswith(("201", " 1")) for label in tidy.row_label)


def test_the_department_and_unit_lines_printed_in_cells_of_the_grids_top_row_are_no_header(tmp_path):
    """Sheets printed with their 部门 line and unit line inside the ruled area, each in a cell of its own
    (部门：某某局 | 单位：元): read as the table's 部门 and unit, not as a level of its column headings."""
    header = [
        [("部门：某某局", 3), ("单位：元", 2)],
        [("科目编码", 1, 2), ("科目名称", 1, 2), ("一般公共预算支出", 3)],
        [None, None, "合计", "基本支出", "项目支出"],
    ]
    grid = expense_table(header=header, unit="")
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    (table,) = doc.tables
    assert table.unit == "元" and not table.unit_assumed and table.org_line == "部门：某某局"
    assert list(table.df.columns) == [
        "科目编码",
        "科目名称",
        *(f"一般公共预算支出/{c}" for c in ("合计", "基本支出", "项目支出")),
    ]
    assert doc.tidy.amount.iloc[0] == "0.123456" and table.validation.checks and not table.validation.failed


@pytest.mark.parametrize(
    "line, unit", [("一般公共预算支出表（单位：万元）", "万元"), ("一般公共预算支出表 单位：元", "元")]
)
def test_a_title_printed_with_its_unit_on_one_line_is_the_tables_title(tmp_path, line, unit):
    doc = read(tmp_path, [[NARRATIVE], [expense_table(title=line, unit="")]])
    (table,) = doc.tables
    assert (table.title, table.title_source, table.unit, table.unit_assumed) == (
        "一般公共预算支出表",
        "above",
        unit,
        False,
    )
