"""A total row numbered itself: the 湖南/湖北/county “三公” tables print ``一、“三公”经费合计`` with its items
``1、 2、 3、`` beneath it (and the 其中 rows of 3、 beneath those), then a sibling ``二、机关运行经费`` or
``二、相关统计数`` (with count rows).  The total is the sum of the rows of the next level beneath it, down to the
next row of its own level — never of its numbered siblings (二、).  A 合计/总计 printed over 一、二、 adds up the
numbered total with its siblings."""

from __future__ import annotations

import pytest

from analysis import read_budget

from .budget_pdfs import NARRATIVE, Grid, build

TITLE = "2024年一般公共预算“三公”经费支出表"
COLUMNS = ["上年预算数", "本年预算数"]
VEHICLE_PARTS = "(其中:公务用车购置费, 公务用车运行费 as parts of 3、公务用车购置及运行费)"


def rows(total=("13.00", "12.00"), second=("二、机关运行经费", "42.00", "40.00"), items=("1、", "2、", "3、")):
    """一、“三公”经费合计 ``total`` over three items numbered ``items`` (the vehicle item's 其中 rows beneath it),
    then ``second``."""
    outgoing, hosting, vehicles = items
    return [
        ["一、“三公”经费合计", *total],
        [f"{outgoing}因公出国（境）费", "0.00", "0.00"],
        [f"{hosting}公务接待费", "5.00", "4.00"],
        [f"{vehicles}公务用车购置及运行费", "8.00", "8.00"],
        ["其中：公务用车购置费", "0.00", "0.00"],
        ["公务用车运行费", "8.00", "8.00"],
        list(second),
    ]


def read_table(tmp_path, body: list[list[str]]):
    grid = Grid(header=[["项目", *COLUMNS]], rows=body, widths=[200, 100, 100], title=TITLE)
    doc = read_budget(build(tmp_path / "doc.pdf", [[NARRATIVE], [grid]]), use_cache=False)
    (table,) = doc.tables
    assert table.key == "three_public"
    return table


def row_totals(table, column: str) -> list:
    return [c for c in table.validation.checks if c.rule == "row_total" and c.cells[0][1] == column]


def test_a_numbered_total_is_the_sum_of_the_items_beneath_it_in_both_columns(tmp_path):
    table = read_table(tmp_path, rows())
    assert table.validation.status == "ok", [c for c in table.validation.failed]
    for column, figure in zip(COLUMNS, ["13.00", "12.00"], strict=True):
        (check,) = row_totals(table, column)  # none against 二、机关运行经费
        assert check.passed and (check.expected, check.actual) == (figure, figure)
        assert [row for row, _ in check.cells] == [0, 1, 2, 3]  # 1、 2、 3、: not 二、 (row 6), nor the 其中 rows
        assert check.description == f"一、“三公”经费合计 = Σ 3 rows beneath it {VEHICLE_PARTS}"


def test_a_numbered_total_wrong_by_one_fails(tmp_path):
    table = read_table(tmp_path, rows(total=("13.00", "13.00")))
    (failed,) = table.validation.failed
    assert (failed.cells[0], failed.expected, failed.actual) == ((0, "本年预算数"), "12.00", "13.00")
    (other,) = row_totals(table, "上年预算数")
    assert other.passed


def test_a_numbered_total_followed_by_related_statistics_and_counts_passes(tmp_path):
    counts = [["1、公务用车保有量（辆）", "2", "1"], ["2、国内公务接待人次（人）", "600", "500"]]
    body = [*rows(second=("二、相关统计数", "", "")), *counts]
    table = read_table(tmp_path, body)
    assert table.validation.status == "ok", [c for c in table.validation.failed]
    checks = row_totals(table, "上年预算数") + row_totals(table, "本年预算数")
    assert [(c.passed, c.expected, c.actual) for c in checks] == [(True, "13.00", "13.00"), (True, "12.00", "12.00")]
    assert all([row for row, _ in c.cells] == [0, 1, 2, 3] for c in checks)


@pytest.mark.parametrize("items", [("（一）", "（二）", "（三）"), ("(1)", "(2)", "(3)")])
def test_items_numbered_in_brackets_under_a_numbered_total_are_its_parts(tmp_path, items):
    table = read_table(tmp_path, rows(items=items))
    assert table.validation.status == "ok", [c for c in table.validation.failed]
    for column, figure in zip(COLUMNS, ["13.00", "12.00"], strict=True):
        (check,) = row_totals(table, column)
        assert check.passed and check.actual == figure
        assert [row for row, _ in check.cells] == [0, 1, 2, 3]


def test_items_numbered_in_brackets_are_never_parts_of_the_item_above_by_their_sums(tmp_path):
    # （二）2.00 + （三）3.00 happen to make （一）5.00, the printed total: numbered rows are siblings, not the parts
    # of the row above them, so the total (5.00 against 10.00) fails rather than being explained away
    body = [
        ["一、“三公”经费合计", "5.00", "5.00"],
        ["（一）因公出国（境）费", "5.00", "5.00"],
        ["（二）公务接待费", "2.00", "2.00"],
        ["（三）公务用车购置及运行费", "3.00", "3.00"],
        ["二、机关运行经费", "42.00", "40.00"],
    ]
    table = read_table(tmp_path, body)
    failed = table.validation.failed
    assert [(c.cells[0], c.expected, c.actual) for c in failed] == [((0, c), "10.00", "5.00") for c in COLUMNS]
    assert {c.description for c in failed} == {"一、“三公”经费合计 = Σ 3 rows beneath it"}


@pytest.mark.parametrize("where", ["top", "bottom"])
@pytest.mark.parametrize("name", ["合计", "总计"])
def test_a_grand_total_over_the_numbered_rows_adds_up_the_numbered_total_and_its_siblings(tmp_path, where, name):
    body = rows()
    grand = [name, "55.00", "52.00"]
    body = [grand, *body] if where == "top" else [*body, grand]
    table = read_table(tmp_path, body)
    assert table.validation.status == "ok", [c for c in table.validation.failed]
    first = 1 if where == "top" else 0
    for column in COLUMNS:
        by_total = {c.cells[0][0]: c for c in row_totals(table, column)}
        assert set(by_total) == {first, body.index(grand)}
        numbered = by_total[first]
        assert [row for row, _ in numbered.cells] == [first + k for k in range(4)]
        assert [row for row, _ in by_total[body.index(grand)].cells[1:]] == [first, first + 6]  # 一、 + 二、


def test_a_wrong_grand_total_over_the_numbered_rows_fails(tmp_path):
    table = read_table(tmp_path, [["合计", "55.00", "53.00"], *rows()])
    (failed,) = table.validation.failed
    assert (failed.cells[0], failed.expected, failed.actual) == ((0, "本年预算数"), "52.00", "53.00")
