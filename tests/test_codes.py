"""Classification codes found by name where a table prints names only, and the sides of a table printed side by side."""

from __future__ import annotations

from decimal import Decimal

from analysis import read_budget
from analysis.reference import (
    ECON_SCHEMES,
    classification_name,
    code_aliases,
    code_index,
    econ_classes,
    function_codes,
)
from analysis.transform.codes import codes_by_name, row_codes
from analysis.transform.tables import row_code_frame, row_labels, table_sides

from .budget_pdfs import NARRATIVE, Grid, build, summary_table

INDENT = "\u3000\u3000"  # an ideographic space, as templates indent their 款 and 项 names


def named(names: list[str], printed: list[dict] | None = None) -> list[str]:
    found = codes_by_name(names, printed or [{}] * len(names))
    return [next(iter(f.values()), "") for f in found]


# -- the reference ---------------------------------------------------------------------------------


def test_every_kuan_and_xiang_has_its_parent_and_one_code_per_name_under_it():
    frame = function_codes()
    codes = set(frame.code)
    assert frame.code.is_unique
    assert {len(c) for c in codes} == {3, 5, 7}
    assert all(c[:-2] in codes for c in codes if len(c) > 3)
    index = code_index("function")
    assert all(len(found) == 1 for found in index.children.values())
    assert all(len(found) == 1 for found in index.top.values())
    assert set(frame.level) == {"类", "款", "项"}
    assert set(frame.source) == {"printed", "classification", "pattern"}


def test_the_regular_items_of_a_kuan_follow_the_classification_pattern():
    names = dict(zip(function_codes().code, function_codes().name_zh, strict=True))
    assert [names[c] for c in ("2010101", "2010102", "2010103", "2010150", "2010199")] == [
        "行政运行",
        "一般行政管理事务",
        "机关服务",
        "事业运行",
        "其他人大事务支出",
    ]
    assert names["2160699"] == "其他涉外发展服务支出"  # a 款 named …支出: 其他 + its name
    assert "2050101" not in names or names["2050101"] == "行政运行"


def test_aliases_name_codes_of_the_classification_and_renames_are_found_by_either_name():
    aliases = code_aliases()
    function = set(function_codes().code)
    econ = set(econ_classes().code)
    for row in aliases.itertuples():
        assert row.classification in ("function", *ECON_SCHEMES)
        assert row.code in (function if row.classification == "function" else econ | {"30312", "30313"}), row
    index = code_index("function")
    assert index.top[classification_name("医疗卫生与计划生育支出")] == index.top["卫生健康支出"] == {"210"}
    assert index.children[("208", "行政事业单位离退休")] == index.children[("208", "行政事业单位养老支出")]


def test_names_are_compared_squashed_and_without_their_enumerators():
    assert classification_name(" 一、一般公共 服务支出") == "一般公共服务支出"
    assert classification_name("（一）行政运行") == "行政运行"
    assert classification_name("(1)工资福利支出") == "工资福利支出"
    assert classification_name("1.一 般 公共预算") == "一般公共预算"
    assert classification_name("十二、农林水支出") == "农林水支出"


# -- codes by name ---------------------------------------------------------------------------------


def test_the_level_of_a_name_follows_from_the_names_above_it():
    names = ["合计", "一般公共服务支出", "人大事务", "行政运行", "一般行政管理事务", "政协事务", "行政运行"]
    names += ["住房保障支出", "住房改革支出", "住房公积金"]
    assert named(names) == ["", "201", "20101", "2010101", "2010102", "20102", "2010201", "221", "22102", "2210201"]


def test_a_name_of_several_levels_is_read_at_the_level_below_the_row_above():
    # 229 其他支出 → 22999 其他支出 → 2299999 其他支出: one name at three levels
    assert named(["二十、其他支出", "其他支出", "其他支出"]) == ["229", "22999", "2299999"]


def test_an_item_name_without_its_kuan_is_no_code_unless_one_kuan_of_the_class_has_it():
    assert named(["行政运行"]) == [""]  # under which 款?
    assert named(["一般公共服务支出", "行政运行"]) == ["201", ""]
    assert named(["一般公共服务支出", "其他人大事务支出"]) == ["201", "2010199"]


def test_an_unknown_name_leaves_the_items_below_it_without_code():
    names = ["一般公共服务支出", "人大事务", "行政运行", "某某专项事务", "行政运行", "其他人大事务支出"]
    assert named(names) == ["201", "20101", "2010101", "", "", "2010199"]


def test_a_total_row_starts_the_levels_again():
    assert named(["一般公共服务支出", "人大事务", "小计", "行政运行"]) == ["201", "20101", "", ""]


def test_printed_codes_set_the_level_for_the_names_below_them():
    printed = [{"func_code": "20101"}, {}, {}]
    assert named(["人大事务", "行政运行", "人大会议"], printed) == ["", "2010101", "2010104"]


def test_names_of_other_years_get_the_code_of_the_renamed_class():
    names = ["九、医疗卫生与计划生育支出", "十四、资源勘探信息等支出", "十七、国土海洋气象等支出"]
    assert named(names) == ["210", "215", "220"]
    assert named(["社会保障和就业支出", "行政事业单位离退休", "其他行政事业单位离退休支出"]) == [
        "208",
        "20805",
        "2080599",
    ]


def test_economic_names_get_the_code_of_the_scheme_the_table_follows():
    assert named(["工资福利支出", "基本工资", "住房公积金", "对个人和家庭的补助", "退休费"]) == [
        "301",
        "30101",
        "30113",
        "303",
        "30302",
    ]
    # 对个人和家庭的补助 is 303 and 509: the table's other rows are 政府预算支出经济分类
    names = ["对事业单位经常性补助", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "助学金"]
    assert named(names) == ["505", "50501", "50502", "509", "50902"]
    found = codes_by_name(names, [{}] * 5)
    assert all(set(f) == {"econ_code"} for f in found)


def test_a_name_of_two_classifications_follows_the_rows_of_the_table():
    # 其他支出 is 类 229 of the functions and 399 of the economic classes
    functions = ["一般公共服务支出", "住房保障支出", "其他支出"]
    assert codes_by_name(functions, [{}] * 3)[2] == {"func_code": "229"}
    econ = ["工资福利支出", "商品和服务支出", "其他支出"]
    assert codes_by_name(econ, [{}] * 3)[2] == {"econ_code": "399"}
    assert codes_by_name(["其他支出"], [{}]) == [{}]


# -- a 一般公共预算支出表 printing names only ------------------------------------------------------------

NAMES_ONLY = [
    ["合计", "1,334.56", "1,100.00", "234.56"],
    ["一般公共服务支出", "1,134.56", "900.00", "234.56"],
    [INDENT + "人大事务", "1,034.56", "800.00", "234.56"],
    [INDENT * 2 + "行政运行", "800.00", "800.00", ""],
    [INDENT * 2 + "一般行政管理事务", "234.56", "", "234.56"],
    [INDENT + "政协事务", "100.00", "100.00", ""],
    [INDENT * 2 + "行政运行", "100.00", "100.00", ""],
    ["住房保障支出", "200.00", "200.00", ""],
    [INDENT + "住房改革支出", "200.00", "200.00", ""],
    [INDENT * 2 + "住房公积金", "200.00", "200.00", ""],
]


def names_only_table(rows=NAMES_ONLY) -> Grid:
    header = [[("科目名称", 1, 2), ("一般公共预算支出", 3)], [None, "合计", "基本支出", "项目支出"]]
    return Grid(header, rows, [180, 80, 80, 80], title="一般公共预算支出表")


def read(tmp_path, pages, name="doc"):
    return read_budget(build(tmp_path / f"{name}.pdf", pages), use_cache=False)


def test_a_table_of_names_only_gets_its_codes_by_name_and_says_so(tmp_path):
    doc = read(tmp_path, [[NARRATIVE], [names_only_table()]])
    tidy = doc.tidy[doc.tidy.column == "一般公共预算支出/合计"]
    codes = ["", "201", "20101", "2010101", "2010102", "20102", "2010201", "221", "22102", "2210201"]
    assert tidy.func_code.tolist() == codes
    assert tidy.code_source.tolist() == [""] + ["name"] * 9
    assert tidy.row_label.tolist()[3] == "行政运行"
    (table,) = doc.tables
    hierarchy = [c for c in table.validation.checks if c.rule == "function_hierarchy"]
    assert {c.description for c in hierarchy} == {
        "201 = Σ 20101, 20102",
        "20101 = Σ 2010101, 2010102",
        "20102 = Σ 2010201",
        "221 = Σ 22102",
        "22102 = Σ 2210201",
    }
    assert all(c.passed for c in table.validation.checks)
    # the 合计 row is the sum of the 类 rows found by name
    assert any(c.rule == "row_total" and "2 rows" in c.description and c.passed for c in table.validation.checks)


def test_a_wrong_class_total_of_a_names_only_table_is_caught(tmp_path):
    rows = [list(r) for r in NAMES_ONLY]
    rows[1][1] = "1,144.56"  # 一般公共服务支出 printed 10.00 above its 款
    doc = read(tmp_path, [[NARRATIVE], [names_only_table(rows)]])
    (table,) = doc.tables
    failed = [c for c in table.validation.checks if not c.passed and c.rule == "function_hierarchy"]
    assert [(c.description, c.expected, c.actual) for c in failed] == [("201 = Σ 20101, 20102", "1,134.56", "1,144.56")]
    assert table.validation.status == "failed"


def test_printed_codes_keep_their_source(tmp_path):
    from .budget_pdfs import expense_table

    doc = read(tmp_path, [[NARRATIVE], [expense_table()]])
    assert set(doc.tidy.code_source) == {"", "printed"}
    assert set(doc.tidy[doc.tidy.func_code == ""].code_source) == {""}


# -- tables printed side by side ---------------------------------------------------------------------


def test_each_amount_of_a_summary_table_is_labelled_and_coded_by_its_own_side(tmp_path):
    doc = read(tmp_path, [[NARRATIVE], [summary_table()]])
    (table,) = doc.tables
    assert [(s.labels, s.amounts) for s in table_sides(table)] == [
        (("收入/项目",), ("收入/预算数",)),
        (("支出/项目",), ("支出/预算数",)),
    ]
    tidy = doc.tidy
    income = tidy[tidy.column == "收入/预算数"]
    expense = tidy[tidy.column == "支出/预算数"]
    assert income.row_label.tolist() == ["一、一般公共预算拨款", "本年收入合计"]
    assert expense.row_label.tolist() == ["一、一般公共服务支出", "二、住房保障支出", "本年支出合计"]
    assert expense.func_code.tolist() == ["201", "221", ""]
    assert expense.code_source.tolist() == ["name", "name", ""]
    assert set(income.func_code) == {""}
    assert row_labels(table, "收入/预算数")[0] == "一、一般公共预算拨款"
    assert row_code_frame(table).func_code.tolist() == ["", "", ""]  # the first side's
    assert row_code_frame(table, "支出/预算数").func_code.tolist() == ["201", "221", ""]
    assert all(c.passed for c in table.validation.checks)


def test_text_columns_between_amounts_that_do_not_name_rows_stay_with_the_row(tmp_path):
    # a procurement table: 规格型号 between 数量 and 金额 describes the row, it is no side of its own
    header = [["科目名称", "采购项目", "数量", "规格型号", "金额"]]
    rows = [["行政运行", "办公设备", "2", "台式机", "1.20"], ["行政运行", "打印机", "1", "A4", "0.30"]]
    doc = read(tmp_path, [[NARRATIVE], [Grid(header, rows, [90, 90, 60, 90, 70], title="政府采购预算表")]])
    (table,) = doc.tables
    assert len(table_sides(table)) == 1
    amounts = doc.tidy[doc.tidy.column == "金额"]
    assert amounts.row_label.tolist() == ["行政运行 办公设备 台式机", "行政运行 打印机 A4"]


def test_label_columns_behind_an_amount_column_printing_nothing_stay_with_the_row(tmp_path):
    # a function name printed after the amount, an empty amount column behind it: no side of its own
    header = [["项目名称", "金额", "功能分类科目名称", "其他资金"]]
    rows = [["调研项目", "5.00", "行政运行", ""], ["培训项目", "3.00", "一般行政管理事务", ""]]
    doc = read(tmp_path, [[NARRATIVE], [Grid(header, rows, [110, 70, 130, 70], title="项目支出表")]])
    (table,) = doc.tables
    assert len(table_sides(table)) == 1
    assert doc.tidy.row_label.tolist() == ["调研项目 行政运行", "培训项目 一般行政管理事务"]


def test_names_found_by_name_add_up_as_printed_codes_would(tmp_path):
    doc = read(tmp_path, [[NARRATIVE], [names_only_table()]])
    tidy = doc.tidy[(doc.tidy.column == "一般公共预算支出/合计") & (doc.tidy.func_code.str.len() == 7)]
    assert sum(Decimal(a) for a in tidy.amount) == Decimal("1334.56")


def test_a_classification_listed_again_under_each_unit_keeps_the_units_totals(tmp_path):
    rows = [
        ["合计", "30.00"],
        ["甲单位", "20.00"],
        ["工资福利支出", "15.00"],
        ["商品和服务支出", "5.00"],
        ["乙单位", "10.00"],
        ["工资福利支出", "6.00"],
        ["商品和服务支出", "4.00"],
    ]
    grid = Grid([["单位名称（科目）", "合计"]], rows, [200, 100], title="基本支出预算表")
    doc = read(tmp_path, [[NARRATIVE], [grid]])
    assert doc.tidy.econ_code.tolist() == ["", "", "301", "302", "", "301", "302"]
    (table,) = doc.tables
    totals = sorted(c.description for c in table.validation.checks if c.rule == "row_total")
    assert totals == ["乙单位 = Σ 2 rows beneath it", "合计 = Σ 2 rows", "甲单位 = Σ 2 rows beneath it"]
    assert all(c.passed for c in table.validation.checks)


def test_a_unit_code_column_holds_units_whatever_their_digits_and_two_level_groups_stay_apart(tmp_path):
    """单位编码 222 is a unit (its sub-unit 222001 below it), never the 类 222 粮油物资储备支出; a row printing
    科目编码 类|款|项 and 经济科目编码 类|款 has a function code and an economic code, not one run of 12 digits."""
    summary = Grid(
        [["单位编码", "单位名称", "合计"]],
        [["", "合计", "30.00"], ["222", "某某局", "30.00"], ["222001", "某某局本级", "20.00"],
         ["222002", "某某中心", "10.00"]],
        [70, 180, 90], title="部门综合预算支出总表", label="表3",
    )  # fmt: skip
    procurement = Grid(
        [
            [("科目编码", 3), ("单位编码", 1, 2), ("采购项目", 1, 2), ("经济科目编码", 2), ("预算金额", 1, 2)],
            ["类", "款", "项", None, None, "类", "款", None],
        ],
        [["", "", "", "", "合计", "", "", "40.00"],
         ["214", "01", "02", "222001", "技术测试服务", "302", "27", "40.00"]],
        [30, 30, 30, 60, 140, 40, 40, 80], title="部门综合预算政府采购预算表", label="表12",
    )  # fmt: skip
    doc = read(tmp_path, [[NARRATIVE], [summary], [procurement]])
    tidy = doc.tidy.set_index(["table_label", "row_index"])
    units = tidy.loc["表3"]
    assert units.func_code.tolist() == [""] * 4
    (table,) = [t for t in doc.tables if t.label == "表3"]
    codes = row_code_frame(table)
    assert codes.unit_code.tolist() == ["", "222", "222001", "222002"]
    assert all(c.passed for c in table.validation.checks) and any(
        c.rule == "row_total" for c in table.validation.checks
    )
    bought = tidy.loc["表12"].iloc[-1]
    assert (bought.func_code, bought.econ_code) == ("2140102", "30227")


def test_a_whole_code_merged_across_the_level_columns_is_that_code():
    """类 | 款 | 项 printing one cell merged across them (``20103``, read in each of the three) is that code, never
    the three concatenated; the levels printed apart are joined as before."""
    levels = ["科目编码/类", "科目编码/款", "科目编码/项"]
    for code in ("201", "20103", "2010301"):
        assert row_codes(list(zip(levels, [code] * 3, strict=True))) == {"func_code": code}
    assert row_codes(list(zip(levels, ["201", "03", "01"], strict=True))) == {"func_code": "2010301"}
    assert row_codes(list(zip(levels, ["2010301", "", ""], strict=True))) == {"func_code": "2010301"}
