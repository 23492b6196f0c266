"""Layouts of other provinces' templates: 三线表 whose amount columns stand close, notes printed inside a
ruled table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget
from tests.pdf_tables import write_three_line_pages

#: 一般公共预算支出表 printed as a 三线表: 类 | 款 | 项 in three narrow columns, amounts in narrow columns
LEVEL_HEADER = [
    ["科目编码", "<", "<", "科目名称", "本年一般公共预算支出", "<", "<"],
    ["类", "款", "项", "^", "合计", "基本支出", "项目支出"],
]
LEVEL_BODY = [
    ["合计", "", "", "", "1,350.70", "937.80", "412.90"],
    ["201", "", "", "一般公共服务支出", "405.00", "356.40", "48.60"],
    ["201", "03", "", "政府办公厅（室）及相关机构事务", "405.00", "356.40", "48.60"],
    ["201", "03", "01", "行政运行", "356.40", "356.40", ""],
    ["201", "03", "02", "一般行政管理事务", "48.60", "", "48.60"],
    ["220", "", "", "自然资源海洋气象等支出", "945.70", "581.40", "364.30"],
    ["220", "01", "", "自然资源事务", "945.70", "581.40", "364.30"],
    ["220", "01", "01", "行政运行", "581.40", "581.40", ""],
    ["220", "01", "04", "自然资源规划及管理", "364.30", "", "364.30"],
]
NARRATIVE = ["2024年某某局部门预算", "2024年收入预算1,350.70万元，支出预算1,350.70万元。"]


@pytest.mark.parametrize("amount_width", [60.0, 50.0])
def test_three_line_table_close_columns_read_apart(tmp_path, amount_width):
    """Amount columns standing close in a 三线表 (and the three narrow 类|款|项 columns) are each a column: no
    two amounts printed side by side are read as one cell."""
    path = write_three_line_pages(
        tmp_path / "close.pdf",
        NARRATIVE,
        "部门：某某局",
        [28, 22, 22, 170, amount_width, amount_width, amount_width],
        LEVEL_HEADER,
        [{"title": "一般公共预算支出表", "body": LEVEL_BODY}],
    )
    budget = read_budget(path, use_cache=False)
    table = budget.table("一般公共预算支出表")
    assert table.reader == "network"
    assert list(table.df.columns) == [
        "科目编码/类",
        "科目编码/款",
        "科目编码/项",
        "科目名称",
        "本年一般公共预算支出/合计",
        "本年一般公共预算支出/基本支出",
        "本年一般公共预算支出/项目支出",
    ]
    assert budget.problems.empty
    tidy = budget.tidy
    printed = sum(1 for row in LEVEL_BODY for text in row[4:] if text)
    assert len(tidy) == printed
    cell = tidy[(tidy.func_code == "2200104") & (tidy.column == "本年一般公共预算支出/项目支出")]
    assert [Decimal(str(a)) for a in cell.amount] == [Decimal("364.30")]
    basic = tidy[(tidy.row_label == "合计") & (tidy.column == "本年一般公共预算支出/基本支出")]
    assert [Decimal(str(a)) for a in basic.amount] == [Decimal("937.80")]
    assert not table.validation.failed and not table.validation.not_run


THREE_PUBLIC_HEADER = [
    ["合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费"],
    ["^", "^", "小计", "公务用车购置费", "公务用车运行费", "^"],
]
NOTE = "注：2024年“三公”经费预算32.60万元，较上年减少2.50万元，主要是公务接待费减少1.50万元。"


def _note_row(note: str, form: str) -> list[str]:
    if form == "label":  # 注： in a cell of its own, the text merged across the rest
        label, text = note.split("：", 1)
        return [label + "：", text, "<", "<", "<", "<"]
    if form == "short":  # merged across all but the last column, left blank
        return [note, "<", "<", "<", "<", ""]
    return [note, "<", "<", "<", "<", "<"]


@pytest.mark.parametrize(
    ("notes", "form"),
    [([NOTE], "merged"), ([NOTE, "说明：本表不含上年结转资金。"], "merged"), ([NOTE], "label"), ([NOTE], "short")],
)
def test_note_in_the_ruled_rows_under_a_table_is_its_note(tmp_path, notes, form):
    """A note printed in the table's bottom ruled rows (``注：…`` in one cell merged across the table, or in cells
    of its own: the label ``注：`` and its text, a blank cell beside) is the table's note: no body row, its
    figures no cells of the table's amount columns."""
    from tests.pdf_tables import Document, TablePage, write_document

    body = [["32.60", "8.00", "18.00", "", "18.00", "6.60"]] + [_note_row(note, form) for note in notes]
    page = TablePage("“三公”经费预算表", THREE_PUBLIC_HEADER, body, [70, 80, 70, 80, 80, 70], org="部门：某某局")
    path = write_document(Document(["某某局2024年部门预算"], [NARRATIVE], [page]), tmp_path / "note.pdf")
    budget = read_budget(path, use_cache=False)
    table = budget.table("“三公”经费预算表")
    assert budget.problems.empty
    assert len(table.df) == 1
    assert [n for n in table.notes if n.startswith(("注", "说明"))] == notes
    assert len(budget.tidy) == 5
    assert not table.validation.failed and not table.validation.not_run


def _deep_header_grid(ruling: str, column_numbers: bool = False):
    """一般公共预算支出表 with a header three levels deep: 本年支出 over 合计 | 基本支出 (小计 | 人员经费 | 公用经费) |
    项目支出; 科目编码 and 科目名称 printed over the header's full height (and a 栏次 row under it)."""
    from tests.budget_pdfs import Grid

    rows = [
        ["", "合计", "1,350.70", "937.80", "750.24", "187.56", "412.90"],
        ["201", "一般公共服务支出", "405.00", "356.40", "285.12", "71.28", "48.60"],
        ["20103", "政府办公厅（室）及相关机构事务", "405.00", "356.40", "285.12", "71.28", "48.60"],
        ["2010301", "行政运行", "356.40", "356.40", "285.12", "71.28", ""],
        ["2010302", "一般行政管理事务", "48.60", "", "", "", "48.60"],
        ["220", "自然资源海洋气象等支出", "945.70", "581.40", "465.12", "116.28", "364.30"],
        ["22001", "自然资源事务", "945.70", "581.40", "465.12", "116.28", "364.30"],
        ["2200101", "行政运行", "581.40", "581.40", "465.12", "116.28", ""],
        ["2200104", "自然资源规划及管理", "364.30", "", "", "", "364.30"],
    ]
    header = [
        [("科目编码", 1, 3), ("科目名称", 1, 3), ("本年支出", 5)],
        [None, None, ("合计", 1, 2), ("基本支出", 3), ("项目支出", 1, 2)],
        [None, None, None, "小计", "人员经费", "公用经费", None],
    ]
    if column_numbers:
        header.append(["栏次", "", "1", "2", "3", "4", "5"])
    return Grid(
        title="一般公共预算支出表", header=header, rows=rows, widths=[50, 150, 50, 50, 50, 50, 50], ruling=ruling
    )


def test_three_line_level_columns_printing_their_own_part(tmp_path):
    """类 | 款 | 项 of a 三线表 each printing only the row's own level (``201`` | ``03`` | ``01``): three code
    columns, never one column whose figures are read as amounts."""
    own = []
    for row in LEVEL_BODY:
        level = max((i for i, part in enumerate(row[:3]) if part.isdigit()), default=None)
        own.append(row if level is None else [p if i == level else "" for i, p in enumerate(row[:3])] + row[3:])
    path = write_three_line_pages(
        tmp_path / "own.pdf",
        NARRATIVE,
        "部门：某某局",
        [28, 22, 22, 170, 60, 60, 60],
        LEVEL_HEADER,
        [{"title": "一般公共预算支出表", "body": own}],
    )
    budget = read_budget(path, use_cache=False)
    table = budget.table("一般公共预算支出表")
    assert [c for c in table.df.columns if c.startswith("科目编码")] == ["科目编码/类", "科目编码/款", "科目编码/项"]
    tidy = budget.tidy
    assert len(tidy) == sum(1 for row in LEVEL_BODY for text in row[4:] if text)
    assert set(tidy.column) <= {c for c in table.df.columns if c.startswith("本年")}
    assert set(tidy.func_code[tidy.row_label.str.contains("行政运行")]) == {"2010301", "2200101"}
    assert budget.problems.empty
    assert not table.validation.failed and not table.validation.not_run


@pytest.mark.parametrize("column_numbers", [False, True])
def test_unruled_header_three_levels_deep(tmp_path, column_numbers):
    """A 三线表's header three levels deep: each heading spans the columns it is printed over, a heading
    printed over the header's full height (科目编码, 科目名称) under none — the paths are those of the same table
    ruled, and its totals hold."""
    from tests.budget_pdfs import NARRATIVE as TEXT
    from tests.budget_pdfs import build

    paths = []
    for ruling in ("lines", "three"):
        path = build(tmp_path / f"{ruling}.pdf", [[TEXT], [_deep_header_grid(ruling, column_numbers)]])
        table = read_budget(path, use_cache=False).table("一般公共预算支出表")
        assert not table.validation.failed, ruling
        paths.append([c for c in table.df.columns if "支出" in c])
    assert table.reader == "network"
    assert (
        paths[1]
        == paths[0]
        == [
            "本年支出/合计",
            "本年支出/基本支出/小计",
            "本年支出/基本支出/人员经费",
            "本年支出/基本支出/公用经费",
            "本年支出/项目支出",
        ]
    )


def test_three_line_label_wrapped_over_three_lines_under_a_one_line_row(tmp_path):
    """A project name wrapped over three lines, its amounts centred on the middle one, right under a one-line
    row (合计) of a 三线表: the first line is the name's, not a row of its own with blank amounts."""
    header = [["项目名称", "本年预算", "<", "<"], ["^", "合计", "一般公共预算", "其他资金"]]
    names = [
        "国土空间总体规划编制及\n“三区三线”划定成果\n动态维护项目",
        "地质灾害防治",
        "自然资源确权登记及\n调查监测经费",
    ]
    body = [
        ["合计", "1,798.00", "1,688.00", "110.00"],
        [names[0], "1,280.00", "1,280.00", ""],
        [names[1], "150.00", "150.00", ""],
        [names[2], "368.00", "258.00", "110.00"],
    ]
    path = write_three_line_pages(
        tmp_path / "wrapped.pdf",
        NARRATIVE,
        "部门：某某局",
        [200, 80, 80, 80],
        header,
        [{"title": "项目支出表", "body": body}],
    )
    budget = read_budget(path, use_cache=False)
    table = budget.table("项目支出表")
    assert table.reader == "network"
    labels = [str(label) for label in dict.fromkeys(budget.tidy.row_label)]
    assert labels == ["合计", *(name.replace("\n", "") for name in names)]
    assert len(table.df) == 4
    assert not table.validation.failed


def test_three_line_table_close_columns_continued_on_a_page_printing_one_of_them_a_row(tmp_path):
    """A 三线表 of amounts in 元 in close columns, continued on a page whose rows print one of two close columns
    each (no amount of the one printed beside the other's): the columns are the same on both pages, and the
    table is one."""
    header = [["项目名称", "本年预算", "<", "<", "<"], ["^", "合计", "一般公共预算", "政府性基金预算", "其他资金"]]
    first = [
        ["合计", "5,618,600.00", "3,280,000.00", "2,140,000.00", "198,600.00"],
        ["国土空间总体规划编制", "1,280,000.00", "1,280,000.00", "", ""],
        ["自然资源确权登记", "865,500.00", "765,500.00", "", "100,000.00"],
        ["地质灾害防治", "1,500,000.00", "", "1,500,000.00", ""],
        ["档案数字化加工", "212,400.00", "212,400.00", "", ""],
    ]
    second = [
        ["登记大厅物业管理", "98,600.00", "", "", "98,600.00"],
        ["储备土地管护及临时利用", "640,000.00", "", "640,000.00", ""],
        ["土地收储前期勘测定界", "1,022,100.00", "1,022,100.00", "", ""],
    ]
    path = write_three_line_pages(
        tmp_path / "continued.pdf",
        NARRATIVE,
        "部门：某某局",
        [150, 65, 65, 65, 55],
        header,
        [{"title": "项目支出表", "body": first}, {"title": "项目支出表", "body": second}],
    )
    budget = read_budget(path, use_cache=False)
    assert len(budget.tables) == 1
    table = budget.tables[0]
    assert table.pages == [2, 3]
    assert list(table.df.columns)[1:] == [f"本年预算/{leaf}" for leaf in header[1][1:]]
    assert len(budget.tidy) == sum(1 for row in first + second for text in row[1:] if text)
    assert budget.problems.empty
    assert not table.validation.failed and not table.validation.not_run


def test_two_empty_tables_printed_without_grids_on_one_page(tmp_path):
    """政府性基金 and 国有资本经营预算支出表 printed one under the other on one page, each as its title, an
    unruled header and a note saying it is empty: both tables are there, each empty with its own note."""
    from tests.budget_pdfs import NARRATIVE as TEXT
    from tests.budget_pdfs import Text, build

    def empty(label, title, note):
        return [
            Text([label], size=10),
            Text([title], size=15, centred=True),
            Text(["部门：某某局                                              单位：万元"], size=9),
            Text(["科目编码        科目名称        合计      基本支出      项目支出"], size=9),
            Text([note], size=10, centred=True),
        ]

    page = empty("表6", "政府性基金预算支出表", "本单位2024年无政府性基金预算支出，故本表无数据。") + empty(
        "表7", "国有资本经营预算支出表", "本单位无国有资本经营预算支出。"
    )
    budget = read_budget(build(tmp_path / "empty.pdf", [[TEXT], page]), use_cache=False)
    tables = {t.key: t for t in budget.tables}
    assert set(tables) == {"gov_fund_expense", "soe_capital_expense"}
    assert tables["gov_fund_expense"].notes == ["本单位2024年无政府性基金预算支出，故本表无数据。"]
    assert tables["soe_capital_expense"].notes == ["本单位无国有资本经营预算支出。"]
    assert all(t.is_empty and t.pages == [2] for t in tables.values())
    assert [t.label for t in budget.tables] == ["表6", "表7"]


#: a “三公”经费预算表 printed as a 三线表: 公务用车购置费 under 公务用车购置及运行费 prints no amount (no car bought)
THREE_PUBLIC_HEADER = [
    ["合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费"],
    ["^", "^", "小计", "公务用车购置费", "公务用车运行费", "^"],
]
THREE_PUBLIC_COLUMNS = [
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行费/小计",
    "公务用车购置及运行费/公务用车购置费",
    "公务用车购置及运行费/公务用车运行费",
    "公务接待费",
]


def _three_public(tmp_path, name: str, body: list[list[str]]):
    path = write_three_line_pages(
        tmp_path / f"{name}.pdf",
        NARRATIVE,
        "部门：某某局",
        [70, 80, 70, 80, 80, 70],
        THREE_PUBLIC_HEADER,
        [{"title": "“三公”经费预算表", "body": body}],
    )
    return read_budget(path, use_cache=False)


def test_three_line_three_public_table_with_a_blank_column(tmp_path):
    """A “三公”经费预算表 printed as a 三线表 whose 公务用车购置费 column prints no amount (no car bought this
    year): the heading printed between 小计 and 公务用车运行费 is a column of its own with blank cells, and the
    headings around it keep their own columns."""
    # this year's and last year's budgets
    body = [["35.10", "8.50", "19.10", "", "19.10", "7.50"], ["32.60", "8.00", "18.00", "", "18.00", "6.60"]]
    table = _three_public(tmp_path, "blank_column", body).tables[0]
    assert table.reader == "network"
    assert list(table.df.columns) == THREE_PUBLIC_COLUMNS
    assert table.df.iloc[1].map(str).tolist() == ["32.60", "8.00", "18.00", "None", "18.00", "6.60"]
    assert not table.validation.failed and not table.validation.not_run


def test_three_line_three_public_table_of_one_row(tmp_path):
    """A “三公”经费预算表 printed as a 三线表 with a single row of amounts under its header, alone on its page:
    one row of amounts under the page's unit line, a heading over each amount, is a table (read, not reported
    as a table from which nothing was read)."""
    budget = _three_public(tmp_path, "one_row", [["35.10", "8.50", "19.10", "", "19.10", "7.50"]])
    assert budget.problems.empty
    table = budget.table("“三公”经费预算表")
    assert table.reader == "network"
    assert list(table.df.columns) == THREE_PUBLIC_COLUMNS
    assert table.df.map(str).values.tolist() == [["35.10", "8.50", "19.10", "None", "19.10", "7.50"]]
    assert not table.validation.failed and not table.validation.not_run
    amounts = sorted(Decimal(str(a)) for a in budget.tidy.amount)
    assert amounts == sorted(Decimal(v) for v in ["35.10", "8.50", "19.10", "19.10", "7.50"])


#: 项目支出预算表 printed as a 三线表, each unit's name printed once, centred on its projects' rows
GROUP_HEADER = [["单位名称", "项目名称", "本年预算", "<", "<"], ["^", "^", "合计", "一般公共预算", "其他资金"]]
GROUPS = [
    ("某某市自然资源局本级", [("国土空间规划编制", "128.00", "128.00", ""),
                              ("确权登记及调查监测", "86.55", "76.55", "10.00"),
                              ("耕地保护监督检查", "42.30", "42.30", ""), ("地质灾害防治", "150.00", "150.00", "")]),
    ("某某市不动产登记中心", [("登记信息平台运行维护", "35.68", "35.68", ""),
                              ("档案数字化加工", "21.24", "21.24", ""), ("登记大厅物业管理", "9.86", "", "9.86")]),
    ("某某市土地储备中心", [("储备土地管护经费", "64.00", "64.00", ""), ("勘测定界经费", "18.50", "18.50", "")]),
]  # fmt: skip


def test_a_unit_name_printed_once_centred_on_its_projects_names_each_of_them(tmp_path):
    """A group label printed once without rulings, centred on its rows (单位名称 merged down over the unit's
    projects): on a row or between two, every row of the group carries it, and no row of its own is made."""
    body = [["合计", "", "555.13", "535.27", "19.86"]]
    for unit, projects in GROUPS:
        body += [[unit if k == 0 else "^", *project] for k, project in enumerate(projects)]
    path = write_three_line_pages(
        tmp_path / "groups.pdf",
        ["2024年某某局部门预算", "2024年项目支出预算555.13万元。"],
        "部门：某某局",
        [110, 150, 70, 70, 70],
        GROUP_HEADER,
        [{"title": "项目支出预算表", "body": body}],
    )
    budget = read_budget(path, use_cache=False)
    table = budget.table("项目支出预算表")
    assert table.reader == "network"
    expected = [(unit, name) for unit, projects in GROUPS for name, *_ in projects]
    assert list(zip(table.df["单位名称"][1:], table.df["项目名称"][1:], strict=True)) == expected
    labels = list(dict.fromkeys(budget.tidy.row_label))
    assert labels == ["合计", *(f"{unit} {name}" for unit, name in expected)]
    assert budget.problems.empty and not table.validation.failed


@pytest.mark.parametrize("row_h", [19, 13])
def test_a_name_wrapped_over_three_lines_in_a_tightly_set_table_is_one_label(tmp_path, row_h):
    """A name wrapped over three lines, its amounts centred on it, in a table whose one-line rows stand barely a
    line apart: its first and last lines, as far from the amounts on both sides, are its label, not rows."""
    body = [
        ["合计", "", "226.85", "216.99", "9.86"],
        ["某某市不动产登记中心", "不动产登记信息平台\n运行维护及数据整合\n服务采购项目", "35.68", "35.68", ""],
        ["^", "档案数字化加工", "21.24", "21.24", ""],
        ["^", "登记大厅物业管理", "9.86", "", "9.86"],
        ["^", "不动产权证书印制\n及配送经费", "160.07", "160.07", ""],
    ]
    path = write_three_line_pages(
        tmp_path / "tight.pdf",
        ["2024年某某局部门预算", "2024年项目支出预算226.85万元。"],
        "部门：某某局",
        [110, 150, 70, 70, 70],
        GROUP_HEADER,
        [{"title": "项目支出预算表", "body": body, "row_h": row_h}],
    )
    budget = read_budget(path, use_cache=False)
    table = budget.table("项目支出预算表")
    assert list(table.df["项目名称"]) == [
        "",
        "不动产登记信息平台运行维护及数据整合服务采购项目",
        "档案数字化加工",
        "登记大厅物业管理",
        "不动产权证书印制及配送经费",
    ]
    assert set(table.df["单位名称"][1:]) == {"某某市不动产登记中心"}
