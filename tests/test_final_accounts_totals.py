"""Row totals of final-accounts (部门决算) tables that print a row's parts beneath it without numbering them:
the national 财政拨款收入支出决算总表 (年初财政拨款结转和结余 and its three sub-rows, then 总计) and a "三公"
table printed as rows (公务用车购置及运行维护费 | 其中：公务用车运行维护费 | 公务用车购置费).  Sub-rows that add
up to the row above them are its parts, not summands of the total; sub-rows that do not are counted as before,
so a wrong total still fails."""

from __future__ import annotations

from analysis import read_budget

from .budget_pdfs import Grid, Text, build

NARRATIVE = Text(
    [
        "某某局2023年度部门决算",
        "一、收入支出决算总体情况说明：2023年度收、支总计各1,020.00万元。",
    ]
)


def read_table(tmp_path, grid: Grid):
    doc = read_budget(build(tmp_path / "doc.pdf", [[NARRATIVE], [grid]]), use_cache=False)
    (table,) = doc.tables
    return table


def row_totals(table, column: str, text: str = "") -> list:
    return [
        c
        for c in table.validation.checks
        if c.rule == "row_total" and c.cells[0][1] == column and text in c.description
    ]


# -- 财政拨款收入支出决算总表 -------------------------------------------------------------------------

FISCAL_HEADER = [
    [("收入", 2), ("支出", 5)],
    [
        "项目",
        "金额",
        "项目",
        "合计",
        "一般公共预\n算财政拨款",
        "政府性基金\n预算财政拨款",
        "国有资本经营\n预算财政拨款",
    ],
]
INCOME = "收入/金额"
SPENDING = ["支出/合计", "支出/一般公共预算财政拨款", "支出/政府性基金预算财政拨款", "支出/国有资本经营预算财政拨款"]


def fiscal_rows(
    total: str = "1,020.00", carried: tuple = ("30.00", "20.00", "0.00"), closing: tuple = ("", "", "")
) -> list[list[str]]:
    """The national template: 本年收入合计 970.00, 年初财政拨款结转和结余 50.00 and its sub-rows ``carried``,
    总计 ``total``; the expense side's 年末财政拨款结转和结余 30.00 (20.00 | 10.00 | 0.00) with its sub-rows
    ``closing`` (their 合计 figures) printed beside them, or none."""
    general, fund, capital = closing
    return [
        ["一、一般公共预算财政拨款", "820.00", "一、一般公共服务支出", "600.00", "600.00", "", ""],
        ["二、政府性基金预算财政拨款", "150.00", "二、社会保障和就业支出", "120.00", "120.00", "", ""],
        ["三、国有资本经营预算财政拨款", "0.00", "三、城乡社区支出", "160.00", "", "160.00", ""],
        ["", "", "四、住房保障支出", "110.00", "110.00", "", ""],
        ["本年收入合计", "970.00", "本年支出合计", "990.00", "830.00", "160.00", "0.00"],
        ["年初财政拨款结转和结余", "50.00", "年末财政拨款结转和结余", "30.00", "20.00", "10.00", "0.00"],
        [
            "一般公共预算财政拨款",
            carried[0],
            *(["一般公共预算财政拨款", general, general, "", ""] if general else [""] * 5),
        ],
        ["政府性基金预算财政拨款", carried[1], *(["政府性基金预算财政拨款", fund, "", fund, ""] if fund else [""] * 5)],
        [
            "国有资本经营预算财政拨款",
            carried[2],
            *(["国有资本经营预算财政拨款", capital, "", "", capital] if capital else [""] * 5),
        ],
        ["总计", total, "总计", "1,020.00", "850.00", "170.00", "0.00"],
    ]


def fiscal_grid(rows) -> Grid:
    return Grid(
        header=FISCAL_HEADER,
        rows=rows,
        widths=[118, 50, 100, 48, 58, 62, 66],
        title="财政拨款收入支出决算总表",
        label="公开04表",
        size=8,
    )


def test_the_carried_over_rows_sub_rows_are_its_parts_not_summands_of_the_total(tmp_path):
    table = read_table(tmp_path, fiscal_grid(fiscal_rows()))
    assert list(table.df.columns[1:2]) == [INCOME] and list(table.money_columns[1:]) == SPENDING
    assert table.validation.status == "ok", [c for c in table.validation.failed]
    (grand,) = row_totals(table, INCOME, "总计")
    assert grand.passed and (grand.expected, grand.actual) == ("1,020.00", "1,020.00")
    assert [row for row, _ in grand.cells] == [9, 4, 5]  # 总计 = 本年收入合计 + 年初财政拨款结转和结余
    parts = "一般公共预算财政拨款, 政府性基金预算财政拨款, 国有资本经营预算财政拨款 as parts of 年初财政拨款结转和结余"
    assert grand.description == f"总计 = 本年收入合计 + Σ 1 rows ({parts})"


def test_a_wrong_grand_total_with_sub_rows_fails(tmp_path):
    table = read_table(tmp_path, fiscal_grid(fiscal_rows(total="1,021.00")))
    (failed,) = table.validation.failed
    assert failed.cells[0] == (9, INCOME)
    assert (failed.expected, failed.actual) == ("1,020.00", "1,021.00")


def test_sub_rows_that_do_not_add_up_to_the_row_above_are_counted_as_summands(tmp_path):
    # 30.00 + 25.00 + 0.00 is not 年初财政拨款结转和结余 50.00: the rows are no parts of it, and 总计 fails as before
    table = read_table(tmp_path, fiscal_grid(fiscal_rows(carried=("30.00", "25.00", "0.00"))))
    (failed,) = table.validation.failed
    assert failed.description == "总计 = 本年收入合计 + Σ 4 rows"
    assert (failed.expected, failed.actual) == ("1,075.00", "1,020.00")


def test_the_closing_balances_sub_rows_on_the_expense_side_are_its_parts_in_every_column(tmp_path):
    table = read_table(tmp_path, fiscal_grid(fiscal_rows(closing=("20.00", "10.00", "0.00"))))
    assert table.validation.status == "ok", [c for c in table.validation.failed]
    for column, figure in zip(SPENDING, ["1,020.00", "850.00", "170.00", "0.00"], strict=True):
        (grand,) = row_totals(table, column, "总计")
        assert grand.passed and grand.actual == figure
        assert [row for row, _ in grand.cells] == [9, 4, 5]
        assert "as parts of 年末财政拨款结转和结余" in grand.description


def test_expense_side_sub_rows_that_do_not_add_up_in_one_column_are_counted_as_summands(tmp_path):
    # 年末财政拨款结转和结余 30.00 = 20.00 + 10.00 in 合计, but 政府性基金 prints 12.00 beside its 10.00
    rows = fiscal_rows(closing=("20.00", "10.00", "0.00"))
    rows[7][5] = "12.00"
    table = read_table(tmp_path, fiscal_grid(rows))
    grand = row_totals(table, SPENDING[0], "总计") + row_totals(table, SPENDING[2], "总计")
    assert [c.description for c in grand] == ["总计 = 本年支出合计 + Σ 4 rows"] * 2
    assert [(c.passed, c.expected) for c in grand] == [(False, "1,050.00"), (False, "182.00")]


# -- "三公" table printed as rows ----------------------------------------------------------------------

THREE_PUBLIC = "一般公共预算财政拨款“三公”经费支出决算表"


def three_public_rows(total: str = "32.60", purchase: str = "6.00") -> list[list[str]]:
    return [
        ["合计", total, "27.45"],
        ["因公出国（境）费", "0.00", "0.00"],
        ["公务接待费", "12.60", "15.05"],
        ["公务用车购置及运行维护费", "20.00", "12.40"],
        ["其中：公务用车运行维护费", "14.00", "12.40"],
        ["公务用车购置费", purchase, "0.00"],
    ]


def three_public_grid(rows) -> Grid:
    return Grid(header=[["项目", "预算数", "决算数"]], rows=rows, widths=[200, 100, 100], title=THREE_PUBLIC)


def test_a_qizhong_row_and_the_row_after_it_are_parts_of_the_vehicle_row(tmp_path):
    table = read_table(tmp_path, three_public_grid(three_public_rows()))
    assert table.validation.status == "ok", [c for c in table.validation.failed]
    checks = row_totals(table, "预算数") + row_totals(table, "决算数")
    assert [(c.expected, c.actual) for c in checks] == [("32.60", "32.60"), ("27.45", "27.45")]
    for check in checks:
        assert [row for row, _ in check.cells] == [0, 1, 2, 3]
        assert check.description == (
            "合计 = Σ 3 rows (其中:公务用车运行维护费, 公务用车购置费 as parts of 公务用车购置及运行维护费)"
        )


def test_a_wrong_total_of_the_three_public_rows_fails(tmp_path):
    table = read_table(tmp_path, three_public_grid(three_public_rows(total="33.60")))
    (failed,) = table.validation.failed
    assert (failed.cells[0], failed.expected, failed.actual) == ((0, "预算数"), "32.60", "33.60")


def test_rows_after_a_qizhong_row_that_do_not_add_up_to_the_row_above_are_counted_as_summands(tmp_path):
    # 14.00 + 5.00 is not 20.00: 公务用车购置费 is counted as a summand, as before, and 合计 fails
    table = read_table(tmp_path, three_public_grid(three_public_rows(purchase="5.00")))
    (failed,) = table.validation.failed
    assert (failed.description, failed.expected, failed.actual) == ("合计 = Σ 4 rows", "37.60", "32.60")


def test_a_total_that_adds_up_with_rows_summing_to_the_row_above_keeps_its_check(tmp_path):
    # 差旅费 6.00 + 会议费 4.00 happen to make 办公费 10.00, but 合计 20.00 adds them up: they are summands
    rows = [["合计", "20.00"], ["办公费", "10.00"], ["差旅费", "6.00"], ["会议费", "4.00"]]
    table = read_table(tmp_path, Grid(header=[["项目", "金额"]], rows=rows, widths=[200, 100], title="支出决算表"))
    (check,) = row_totals(table, "金额")
    assert (check.passed, check.description, check.expected) == (True, "合计 = Σ 3 rows", "20.00")


# -- a “三公” table printing 会议费 and 培训费 beside its items ---------------------------------------------


def test_a_three_public_total_printed_beside_meeting_and_training_costs_adds_up_the_items_it_covers(tmp_path):
    """合计 | 因公出国（境）费 | 公务接待费 | 会议费 | 培训费: a 合计 of the “三公” items alone (6.00 = 2 + 4) is
    their total; a 合计 adding 会议费 and 培训费 too (9.00) is checked with them; one adding up neither way fails."""
    header = [["合计", "因公出国（境）费", "公务接待费", "会议费", "培训费"]]
    for total, passed in (("6.00", True), ("9.00", True), ("7.00", False)):
        grid = Grid(
            title="一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表",
            header=header,
            rows=[[total, "2.00", "4.00", "1.00", "2.00"]],
            widths=[70, 100, 80, 70, 70],
        )
        table = read_table(tmp_path, grid)
        (check,) = [c for c in table.validation.checks if c.rule == "column_total"]
        assert check.passed is passed, (total, check.description)
        assert ("会议费" in check.description) is (total != "6.00")
