"""Tables printed in side-by-side blocks, one part of which runs on from one block into the next: the national
一般公共预算财政拨款基本支出决算表 (财决公开06表) prints 人员经费 | 公用经费 | 公用经费, the 公用经费 classes
running on from the second block into the third (302 heads the second, its items 30239, 30299 top the third, then
310) and 公用经费合计 printed once, in the third.  The blocks of one part are one listing: 公用经费合计 = 302 + 310
and 302 = Σ its items in both blocks.  Blocks of different parts (final_a's 人员经费 | 公用经费, a 收支总表's
收入 | 支出, even headed alike) are read apart, as before.  Each table is drawn on a small PDF here."""

from __future__ import annotations

from analysis import read_budget
from analysis.validate import continued_blocks

from .execution_documents import final_a
from .pdf_tables import Document, TablePage, write_document

PERSONNEL = [
    ("301", "工资福利支出", "379.80"),
    ("30101", "基本工资", "180.00"),
    ("30102", "津贴补贴", "60.00"),
    ("30103", "奖金", "15.00"),
    ("30107", "绩效工资", "40.00"),
    ("30108", "机关事业单位基本养老保险缴费", "32.00"),
    ("30109", "职业年金缴费", "12.80"),
    ("30110", "职工基本医疗保险缴费", "16.00"),
    ("30113", "住房公积金", "24.00"),
    ("30199", "其他工资福利支出", "0.00"),
    ("303", "对个人和家庭的补助", "25.20"),
    ("30302", "退休费", "20.00"),
    ("30305", "生活补助", "5.20"),
]
#: the second block: 302 and the first of its items
PUBLIC_A = [
    ("302", "商品和服务支出", "53.50"),
    ("30201", "办公费", "8.00"),
    ("30202", "印刷费", "1.50"),
    ("30205", "水费", "0.60"),
    ("30206", "电费", "3.40"),
    ("30207", "邮电费", "1.20"),
    ("30211", "差旅费", "4.30"),
    ("30213", "维修（护）费", "2.00"),
    ("30215", "会议费", "0.80"),
    ("30216", "培训费", "1.20"),
    ("30217", "公务接待费", "1.50"),
    ("30226", "劳务费", "0.00"),
    ("30228", "工会经费", "6.10"),
    ("30229", "福利费", "4.40"),
    ("30231", "公务用车运行维护费", "6.00"),
]
#: the third block: the rest of 302's items, then 310 and its items
PUBLIC_B = [
    ("30239", "其他交通费用", "9.00"),
    ("30299", "其他商品和服务支出", "3.50"),
    ("310", "资本性支出", "3.50"),
    ("31002", "办公设备购置", "2.50"),
    ("31007", "信息网络及软件购置更新", "1.00"),
]
PUBLIC_TOTAL = "公用经费/决算数 (2)"


def basic_three_blocks(public_total: str = "57.00", changed: dict[str, str] | None = None) -> Document:
    """The 基本支出决算表 in three blocks, 公用经费合计 ``public_total``; ``changed``: code → the figure printed."""
    changed = changed or {}
    blocks = [
        [(code, name, changed.get(code, value)) for code, name, value in b] for b in (PERSONNEL, PUBLIC_A, PUBLIC_B)
    ]
    body = []
    for k in range(max(len(b) for b in blocks)):
        body.append([cell for b in blocks for cell in (b[k] if k < len(b) else ("", "", ""))])
    body.append(["人员经费合计", "<", "405.00", "公用经费合计", "<", "<", "<", "<", public_total])
    return Document(
        cover=["某某市行政服务中心2023年度部门决算"],
        narrative=[["一、收入支出决算总体情况说明：2023年度支出总计497.00万元。"]],
        tables=[
            TablePage(
                "一般公共预算财政拨款基本支出决算表",
                [["人员经费", "<", "<", "公用经费", "<", "<", "<", "<", "<"], ["科目编码", "科目名称", "决算数"] * 3],
                body,
                [42, 120, 52, 42, 110, 52, 42, 110, 52],
                org="部门：某某市行政服务中心",
                landscape=True,
            )
        ],
    )


def read(tmp_path, doc: Document, key: str, name: str = "doc"):
    budget = read_budget(write_document(doc, tmp_path / f"{name}.pdf"), use_cache=False)
    (table,) = [t for t in budget.tables if t.key == key]
    return table


def checks_of(table, text: str, rule: str = "") -> list:
    return [c for c in table.validation.checks if text in c.description and rule in c.rule]


def test_three_blocks_pass_with_the_public_part_read_as_one_listing(tmp_path):
    table = read(tmp_path, basic_three_blocks(), "gpb_basic_expense")
    assert list(table.df.columns)[-3:] == ["公用经费/科目编码 (2)", "公用经费/科目名称 (2)", PUBLIC_TOTAL]
    assert [len(run) for run in continued_blocks(table)] == [2]
    assert all(c.passed for c in table.validation.checks), [
        (c.description, c.expected, c.actual) for c in table.validation.checks if not c.passed
    ]
    (total,) = checks_of(table, "公用经费合计")
    assert (total.expected, total.actual, total.description) == ("57.00", "57.00", "公用经费合计 = Σ 2 rows")
    assert total.cells == ((15, PUBLIC_TOTAL), (0, "公用经费/决算数"), (2, PUBLIC_TOTAL))
    assert "row 15; column 公用经费/决算数 (2)" in total.location
    (h302,) = checks_of(table, "302 = Σ", "econ_hierarchy")
    assert "30231, 30239, 30299" in h302.description and h302.expected == "53.50"
    (h310,) = checks_of(table, "310 = Σ", "econ_hierarchy")
    assert h310.cells[0] == (2, PUBLIC_TOTAL)
    # the 人员经费 block is read by itself, as before
    (personnel,) = checks_of(table, "人员经费合计")
    assert (personnel.expected, personnel.actual) == ("405.00", "405.00")
    assert {c.description.split(" =")[0] for c in checks_of(table, "", "econ_hierarchy")} == {
        "301",
        "302",
        "303",
        "310",
    }


def test_a_wrong_public_total_fails_its_check(tmp_path):
    table = read(tmp_path, basic_three_blocks(public_total="58.00"), "gpb_basic_expense")
    failed = [c for c in table.validation.checks if not c.passed]
    assert [(c.description, c.expected, c.actual) for c in failed] == [("公用经费合计 = Σ 2 rows", "57.00", "58.00")]


def test_a_wrong_item_of_302_fails_the_302_hierarchy(tmp_path):
    # 30299 printed in the third block: counted in 302 though printed under another block than 302
    table = read(tmp_path, basic_three_blocks(changed={"30299": "4.50"}), "gpb_basic_expense")
    failed = [c for c in table.validation.checks if not c.passed]
    assert [(c.rule, c.description.split(" =")[0], c.expected, c.actual) for c in failed] == [
        ("econ_hierarchy", "302", "54.50", "53.50")
    ]
    # an item in the second block, beside 302
    table = read(tmp_path, basic_three_blocks(changed={"30201": "7.00"}), "gpb_basic_expense", "other")
    failed = [c for c in table.validation.checks if not c.passed]
    assert [(c.rule, c.description.split(" =")[0], c.expected, c.actual) for c in failed] == [
        ("econ_hierarchy", "302", "52.50", "53.50")
    ]


def test_final_a_two_blocks_are_read_apart_as_before(tmp_path):
    table = read(tmp_path, final_a(), "gpb_basic_expense")
    assert continued_blocks(table) == []
    assert [(c.rule, c.description, c.expected, c.actual, c.passed) for c in table.validation.checks] == [
        ("row_total", "人员经费合计 = Σ 1 rows", "920.00", "920.00", True),
        ("row_total", "公用经费合计 = Σ 1 rows", "110.00", "110.00", True),
        ("econ_hierarchy", "301 = Σ 30101, 30108", "920.00", "920.00", True),
        ("econ_hierarchy", "302 = Σ 30201, 30217", "110.00", "110.00", True),
    ]


def test_a_summary_table_headed_alike_on_both_sides_keeps_its_sides(tmp_path):
    """项目 | 预算数 | 项目 | 预算数 with no 收入 | 支出 over them: each side prints its own total, so the sides are
    two listings, each checked by itself (a wrong 本年支出合计 fails alone)."""
    doc = Document(
        cover=["某某局2024年部门预算"],
        narrative=[["一、部门预算情况说明：2024年收支预算各1,300.00万元。"]],
        tables=[
            TablePage(
                "部门收支总表",
                [["项目", "预算数", "项目", "预算数"]],
                [
                    ["一、一般公共预算拨款收入", "1,200.00", "一、一般公共服务支出", "1,000.00"],
                    ["二、事业收入", "100.00", "二、社会保障和就业支出", "300.00"],
                    ["本年收入合计", "1,300.00", "本年支出合计", "1,310.00"],
                ],
                [150, 90, 150, 90],
                org="部门：某某局",
            )
        ],
    )
    budget = read_budget(write_document(doc, tmp_path / "summary.pdf"), use_cache=False)
    (table,) = budget.tables
    assert list(table.df.columns) == ["项目", "预算数", "项目 (2)", "预算数 (2)"]
    assert continued_blocks(table) == []
    assert [(c.description, c.expected, c.actual, c.passed) for c in table.validation.checks] == [
        ("本年收入合计 = Σ 2 rows", "1,300.00", "1,300.00", True),
        ("本年支出合计 = Σ 2 rows", "1,300.00", "1,310.00", False),
    ]
