"""Budget against final accounts: the execution table, the pairing check, the final accounts' own budget columns.

The 西南大学 2023 figures below were read by hand from the rendered PDF pages (budget p.9 支出预算表 and
p.10 财政拨款支出预算表; final accounts p.12–13 表3 支出决算表 and p.14–15 表4 财政拨款支出决算表).
The drawn documents of tests/execution_documents.py carry figures chosen by hand.
"""

from __future__ import annotations

import ast
import json
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import execution, plots, read_budget
from analysis.budget_execution import DocumentsDoNotMatchError, check_pair, compare, for_notebook
from analysis.budget_execution.figures import column_role, derive_parents, three_public_item
from analysis.budget_execution.pairing import document_level, same_unit
from analysis.budget_execution.panel import PAIR_ON_ROWS
from analysis.budget_execution.table import rate
from analysis.cli import main
from analysis.errors import MismatchedFilesError
from analysis.extract.reader import read_pages
from analysis.report import kernel_options
from analysis.schema import CORPUS, EXECUTION, FIGURES

from . import execution_documents as drawn
from .conftest import REALWORLD
from .test_notebooks import LOGIC, LONG_DECIMAL, _outputs_text, _visible

D = Decimal
SWU_BUDGET = REALWORLD / "swu_2023_department_budget.pdf"
SWU_FINAL = REALWORLD / "swu_2023_final_accounts.pdf"


@pytest.fixture(scope="module")
def swu():
    return compare(SWU_BUDGET, SWU_FINAL)


def _row(table: pd.DataFrame, section: str, scope: str, code: str = "", name: str = "合计") -> pd.Series:
    rows = table[(table.section == section) & (table.scope == scope)]
    rows = rows[rows.func_code == code] if section == "function" and code else rows
    rows = rows[rows.econ_code == code] if section == "economic" else rows
    if not code or section in ("basic_project", "three_public"):
        rows = rows[(rows.func_code == "") & (rows.name_zh == name)]
    (index,) = rows.index
    return rows.loc[index]


def _figures(row: pd.Series) -> tuple:
    return row.budget, row.final, row.difference, row.only_in


# ---------------------------------------------------------------- 西南大学 2023, read by hand


def test_the_swu_budget_and_final_accounts_belong_together(swu):
    assert swu.pairing.ok and not swu.pairing.problems
    assert "belong together: same unit (西南大学), same year (2023)" in swu.statement


def test_swu_is_compared_in_every_scope_both_documents_print(swu):
    function = swu.section("function")
    assert list(dict.fromkeys(function.scope)) == ["全部资金", "财政拨款"]
    # one 合计 row per scope, func_code empty
    totals = function[function.func_code == ""]
    assert totals.name_zh.tolist() == ["合计", "合计"]
    assert (function.groupby("scope").func_code.apply(lambda s: (s == "").sum()) == 1).all()


def test_swu_all_funds_figures_as_printed(swu):
    table = swu.table
    total = _row(table, "function", "全部资金")
    assert _figures(total) == (D("468779.07"), D("457676.75"), D("-11102.32"), "")
    assert total.execution_rate == D("457676.75") / D("468779.07") * 100
    assert (total.budget_source, total.final_source) == ("西南大学支出预算表 p.9", "表3 高等学校支出决算表 p.13")
    higher = _row(table, "function", "全部资金", "2050205")
    assert (higher.name_zh, higher.name_en) == ("高等教育", "")
    assert _figures(higher) == (D("396393.59"), D("389606.87"), D("-6786.72"), "")
    housing = _row(table, "function", "全部资金", "2210203")
    assert _figures(housing) == (D("861.63"), D("877.83"), D("16.20"), "") and housing.execution_rate > 100
    education = _row(table, "function", "全部资金", "205")
    assert (education.name_zh, education.name_en) == ("教育支出", "Education")
    assert _figures(education) == (D("434334.99"), D("425287.27"), D("-9047.72"), "")
    all_funds = table[(table.section == "function") & (table.scope == "全部资金")]
    assert len(all_funds) == 26 and (all_funds.only_in == "").all()  # 25 codes printed by both, and the 合计


def test_swu_fiscal_figures_and_the_codes_only_the_budget_prints(swu):
    table = swu.table
    total = _row(table, "function", "财政拨款")
    assert _figures(total) == (D("230876.38"), D("237100.00"), D("6223.62"), "")
    lab = _row(table, "function", "财政拨款", "2060204")
    assert _figures(lab) == (D("350.00"), D("1707.93"), D("1357.93"), "")
    assert lab.final_source == "表4 高等学校财政拨款支出决算表 p.15"
    # 彩票公益金 (229 其他支出 → 22960 → 2296004) is in the budget's 财政拨款支出预算表, not in the final accounts' 表4
    one_sided = swu.one_sided()
    assert one_sided.func_code.tolist() == ["229", "22960", "2296004"]
    assert set(one_sided.scope) == {"财政拨款"} and set(one_sided.only_in) == {"budget"}
    lottery = _row(table, "function", "财政拨款", "2296004")
    assert lottery.name_zh == "用于教育事业的彩票公益金支出"
    assert _figures(lottery) == (D("109.50"), None, D("-109.50"), "budget")
    assert lottery.execution_rate is None
    totals = swu.scope_totals().set_index("scope")
    assert totals.at["财政拨款", "only_in_budget"] == "229, 22960, 2296004"
    assert totals.at["全部资金", "only_in_budget"] == totals.at["全部资金", "only_in_final"] == ""


def test_swu_basic_and_project_expenditure(swu):
    table = swu.table
    assert _figures(_row(table, "basic_project", "全部资金", name="基本支出"))[:2] == (D("376019.88"), D("359781.59"))
    assert _figures(_row(table, "basic_project", "全部资金", name="项目支出"))[:2] == (D("92759.19"), D("97895.15"))
    assert _figures(_row(table, "basic_project", "财政拨款", name="基本支出"))[:2] == (D("199019.33"), D("199015.13"))
    assert _figures(_row(table, "basic_project", "财政拨款", name="项目支出"))[:2] == (D("31857.05"), D("38084.87"))


def test_swu_says_what_it_could_not_compare(swu):
    assert swu.section("economic").empty and swu.section("three_public").empty
    assert "neither document prints expenditure by economic class" in swu.notes
    assert "neither document prints a “三公”经费 table" in swu.notes
    (finding,) = swu.findings.itertuples()
    assert finding.status == "not_run" and "print no 年初预算数, 调整预算数 or 预算数 column" in finding.message


def test_the_basic_measure_gives_the_same_table_of_basic_expenditure():
    table = execution(SWU_BUDGET, SWU_FINAL, measure="basic")
    total = _row(table, "function", "全部资金")
    assert total.measure == "基本支出" and (total.budget, total.final) == (D("376019.88"), D("359781.59"))
    lab = _row(table, "function", "全部资金", "2060201")
    assert (lab.budget, lab.final) == (D("828.72"), D("828.72"))


# ---------------------------------------------------------------- drawn documents of two templates


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("execution_documents")


@pytest.fixture(scope="module")
def pair_a(folder):
    return drawn.write(drawn.budget_a(), folder, "a_budget.pdf"), drawn.write(drawn.final_a(), folder, "a_final.pdf")


@pytest.fixture(scope="module")
def pair_b(folder):
    return drawn.write(drawn.budget_b(), folder, "b_budget.pdf"), drawn.write(drawn.final_b(), folder, "b_final.pdf")


@pytest.fixture(scope="module")
def a(pair_a):
    return compare(*pair_a)


def test_a_budget_in_yuan_and_final_accounts_in_wanyuan_compare_exactly_in_wanyuan(a):
    table = a.table
    assert "amounts compared in 万元 (printed in 万元, 元)" in a.statement
    assert list(dict.fromkeys(a.section("function").scope)) == ["全部资金", "一般公共预算"]
    total = _row(table, "function", "一般公共预算")
    assert _figures(total) == (D("1200.00"), D("1180.00"), D("-20.00"), "")
    assert str(total.budget) == "1200.00"  # 12,000,000.00 元, exactly
    assert _figures(_row(table, "function", "全部资金")) == (D("1300.00"), D("1280.00"), D("-20.00"), "")
    assert _figures(_row(table, "function", "一般公共预算", "2010301")) == (D("700.00"), D("710.00"), D("10.00"), "")


def test_codes_only_one_document_prints_appear_with_the_other_side_empty(a):
    gpb = a.one_sided()
    gpb = gpb[gpb.scope == "一般公共预算"]
    assert dict(zip(gpb.func_code, gpb.only_in, strict=True)) == {
        "2010399": "final",
        "224": "final",
        "22401": "final",
        "2240101": "final",
    }
    new_class = _row(a.table, "function", "一般公共预算", "224")
    assert new_class.name_zh == "灾害防治及应急管理支出"
    assert new_class.name_en == "Disaster prevention and emergency management"
    assert _figures(new_class) == (None, D("20.00"), D("20.00"), "final")
    # the final accounts print 2010302 with its budget and a blank outcome: nothing spent
    unspent = _row(a.table, "function", "一般公共预算", "2010302")
    assert _figures(unspent) == (D("200.00"), D("0.00"), D("-200.00"), "") and unspent.execution_rate == 0
    # the 支出决算表 does not print it at all
    assert _figures(_row(a.table, "function", "全部资金", "2010302")) == (D("200.00"), None, D("-200.00"), "budget")


def test_basic_project_economic_classes_and_three_public_items(a):
    table = a.table
    assert _figures(_row(table, "basic_project", "一般公共预算", name="基本支出"))[:2] == (D("1000.00"), D("1030.00"))
    assert _figures(_row(table, "basic_project", "全部资金", name="项目支出"))[:2] == (D("200.00"), D("150.00"))
    econ = a.section("economic")
    assert set(econ.scope) == {"一般公共预算"} and set(econ.measure) == {"基本支出"}
    # the budget prints one block (合计 | 人员经费 | 公用经费), the final accounts a 人员经费 and a 公用经费 block
    got = {r.econ_code: (r.budget, r.final) for r in econ.itertuples()}
    assert got == {
        "301": (D("900.00"), D("920.00")),
        "30101": (D("600.00"), D("620.00")),
        "30108": (D("300.00"), D("300.00")),
        "302": (D("100.00"), D("110.00")),
        "30201": (D("60.00"), D("75.00")),
        "30217": (D("40.00"), D("35.00")),
    }
    assert _row(table, "economic", "一般公共预算", "30101").name_en == "Basic salary"
    three = a.section("three_public")
    got = {r.name_zh: (r.budget, r.final) for r in three.itertuples()}
    assert got == {
        "“三公”经费合计": (D("26.00"), D("20.00")),
        "因公出国（境）费": (D("10.00"), D("8.00")),
        "公务用车购置及运行费": (D("10.00"), D("9.00")),
        "公务用车购置费": (D("0.00"), D("0.00")),  # printed blank: none
        "公务用车运行费": (D("10.00"), D("9.00")),
        "公务接待费": (D("6.00"), D("3.00")),
    }
    assert set(three.scope) == {"一般公共预算"}


def test_the_final_accounts_budget_columns_are_compared_with_the_published_budget(a):
    findings = a.findings
    failed = findings[findings.status == "failed"]
    initial = failed[failed.rule == "E01"]
    assert set(initial.severity) == {"warning"}
    assert sorted(initial.actual) == ["1,210.00", "310.00", "310.00", "310.00"]
    assert sorted(initial.expected) == ["1,200.00", "300.00", "300.00", "300.00"]
    wording = "年初预算数 310.00 differs from the published budget's 300.00"
    assert any("2080505" in m and wording in m for m in initial.message)
    printed = failed[failed.rule == "E02"]  # the “三公” table's 预算数
    assert sorted(zip(printed.actual, printed.expected, strict=True)) == [("25.00", "26.00"), ("5.00", "6.00")]
    adjusted = failed[failed.rule == "E03"]
    assert set(adjusted.severity) == {"info"} and "2010399" in " ".join(adjusted.message)
    summary = a.report.summary().set_index("rule")
    # 年初预算数 of 201, 20103, 2010301, 2010302 equal the budget, and the rows of new codes print none (blank);
    # the “三公” 出国, 车辆, 购置费 (blank) and 运行费 too
    assert (summary.at["E01", "passed"], summary.at["E01", "failed"]) == (8, 4)
    assert (summary.at["E02", "passed"], summary.at["E02", "failed"]) == (4, 2)


def test_prior_year_change_and_percent_columns_are_not_figures_of_the_year(pair_b):
    b = compare(*pair_b)
    assert list(dict.fromkeys(b.section("function").scope)) == ["一般公共预算"]
    # codes printed as 类 | 款 | 项 columns; the budget's 2018年预算数 and 增减 columns are left out
    got = {r.func_code: (r.budget, r.final) for r in b.section("function").itertuples()}
    assert got == {
        "": (D("520.00"), D("505.00")),
        "201": (D("520.00"), D("505.00")),
        "20103": (D("520.00"), D("505.00")),
        "2010301": (D("420.00"), D("425.00")),
        "2010302": (D("100.00"), D("80.00")),
    }
    summary = b.report.summary().set_index("rule")
    assert (summary.at["E02", "ran"], summary.at["E02", "passed"]) == (5, 5)  # 预算数 as published


# ---------------------------------------------------------------- documents that do not belong together


@pytest.fixture(scope="module")
def strangers(folder):
    return {
        "year": drawn.write(drawn.final_a(year=2022), folder, "a_final_2022.pdf"),
        "unit": drawn.write(drawn.final_a(unit="另一市某某局"), folder, "other_unit_final.pdf"),
    }


def test_documents_of_another_year_or_unit_are_refused_in_one_line_with_exit_2(pair_a, strangers, capsys):
    budget, final = pair_a
    assert main(["compare", str(budget), str(strangers["year"])]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "error: a_final_2022.pdf: cannot be compared with a_budget.pdf: "
        "the budget is for 2023, the final accounts for 2022"
    )
    assert main(["compare", str(budget), str(strangers["unit"])]) == 2
    assert "the budget is of 某某市某某局, the final accounts of 另一市某某局" in capsys.readouterr().err
    assert main(["compare", str(final), str(budget)]) == 2
    assert "wrong order" in capsys.readouterr().err
    assert main(["compare", str(budget), str(budget)]) == 2
    assert "is a 预算 (budget), not final accounts (决算)" in capsys.readouterr().err
    with pytest.raises(DocumentsDoNotMatchError):
        execution(budget, strangers["year"])
    loose = compare(budget, strangers["year"], strict=False)
    assert not loose.pairing.ok and "do not belong together" in loose.statement


def test_a_unit_printed_with_a_prefix_or_not_at_all_still_pairs():
    assert same_unit("中共江苏省委办公厅", "江苏省委办公厅") and same_unit("西南大学（本级）", "西南大学")
    assert same_unit("江苏省人大常委会办公厅", "江苏省人民代表大会常务委员会办公厅")
    assert same_unit("成都市教育局", "成都市财政局") is False
    assert same_unit("西南大学", "重庆大学") is False and same_unit("", "西南大学") is None
    assert document_level("上海市普陀区司法局2026年单位预算") == "单位"
    assert document_level("2023 年 部门 决算") == "部门"


def test_compare_prints_text_csv_and_json(pair_a, capsys):
    budget, final = pair_a
    assert main(["compare", str(budget), str(final)]) == 0
    text = capsys.readouterr().out
    assert "belong together" in text and "2240101 行政运行" in text and "[only in the final accounts]" in text
    assert "年初预算数 310.00 differs from the published budget's 300.00" in text
    assert main(["compare", str(budget), str(final), "--format", "csv"]) == 0
    frame = pd.read_csv(StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    total = frame[(frame.section == "function") & (frame.scope == "一般公共预算") & (frame.func_code == "")]
    assert total[["budget", "final", "difference"]].values.tolist() == [["1200.00", "1180.00", "-20.00"]]
    assert main(["compare", str(budget), str(final), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["pairing"]["ok"] and payload["pairing"]["budget"]["year"] == 2023
    new_item = next(r for r in payload["table"] if r["func_code"] == "2010399" and r["scope"] == "一般公共预算")
    assert (new_item["budget"], new_item["final"], new_item["only_in"]) == ("", "150.00", "final")
    assert {f["rule"] for f in payload["findings"]} == {"E01", "E02", "E03"}


# ---------------------------------------------------------------- a budget published as two files


@pytest.fixture(scope="module")
def halves(folder):
    narrative, tables = drawn.budget_a_halves()
    return drawn.write(narrative, folder, "a_narrative.pdf"), drawn.write(tables, folder, "a_tables.pdf")


def _without_budget_pages(table: pd.DataFrame) -> pd.DataFrame:
    # the budget's pages are numbered within its file: the tables' file has no narrative page before them
    return table.drop(columns="budget_source").reset_index(drop=True)


def test_a_budget_published_as_two_files_compares_as_the_one_file_does(halves, pair_a, capsys):
    budget, final = pair_a
    whole = compare(budget, final)
    apart = compare(list(halves), final)
    assert "a_narrative.pdf + a_tables.pdf (某某市某某局 2023 预算) and a_final.pdf" in apart.statement
    assert apart.pairing.ok and len(apart.table) == len(whole.table) == 40
    pd.testing.assert_frame_equal(_without_budget_pages(apart.table), _without_budget_pages(whole.table))
    pd.testing.assert_frame_equal(execution(list(halves), final), apart.table)
    assert main(["compare", str(budget), str(final), "--format", "csv"]) == 0
    one_file = pd.read_csv(StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert main(["compare", *map(str, halves), "--final", str(final), "--format", "csv"]) == 0
    two_files = pd.read_csv(StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(_without_budget_pages(two_files), _without_budget_pages(one_file))
    assert main(["compare", str(budget), "--final", str(final)]) == 0  # one file with --final: the same
    assert "belong together" in capsys.readouterr().out


def test_compare_without_final_takes_exactly_two_files(halves, pair_a, capsys):
    assert main(["compare", *map(str, halves), str(pair_a[1])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the budget's files then --final FINAL.pdf (3 files given without --final)" in err


def test_halves_of_one_budget_and_its_final_accounts_are_of_one_unit_by_the_same_rule(folder):
    import analysis.budget
    import analysis.budget_execution.pairing
    from analysis import unit_names

    assert analysis.budget.same_unit is analysis.budget_execution.pairing.same_unit is unit_names.same_unit
    long_name, short_name = "江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅"
    narrative, tables = drawn.budget_a_halves(unit=long_name, tables_unit=short_name)
    halves = [drawn.write(narrative, folder, "renda_narrative.pdf"), drawn.write(tables, folder, "renda_tables.pdf")]
    budget = read_budget(halves)  # the short form is the same body: one budget, not two
    assert len(budget.sources) == 2 and len(budget.tables) == len(tables.tables)
    final = drawn.write(drawn.final_a(unit=short_name), folder, "renda_final.pdf")
    result = compare(halves, final)
    assert result.pairing.ok and "same unit" in result.statement
    _, stranger = drawn.budget_a_halves(tables_unit="另一市某某局")
    other = drawn.write(stranger, folder, "other_tables.pdf")
    with pytest.raises(MismatchedFilesError, match="not the other half"):
        compare([halves[0], other], final)


def test_a_label_before_a_title_that_begins_with_a_numeral_character_is_the_label(pair_a):
    final = read_budget(pair_a[1])
    (gpb,) = [t for t in final.tables if t.key == "gpb_expense"]
    assert (gpb.label, gpb.title) == ("表5", "一般公共预算财政拨款支出决算表")
    figures = compare(pair_a[0], final).final_figures
    assert "表5 一般公共预算财政拨款支出决算表" in set(figures[figures.scope == "gpb"].table)


# ---------------------------------------------------------------- a corpus


@pytest.mark.slow
def test_the_corpus_pairs_budget_and_final_accounts_of_a_unit_and_year(folder, pair_a, pair_b, strangers):
    import shutil

    from analysis.corpus import read_corpus, write_corpus

    batch = folder / "batch"
    batch.mkdir()
    for path in (*pair_a, *pair_b, strangers["year"], SWU_BUDGET, SWU_FINAL):
        shutil.copy(path, batch / path.name)
    corpus = read_corpus(batch, workers=1, use_cache=False)  # leaves no corpus entry for other tests to find
    pairs = corpus.pairs.sort_values("budget_file")
    assert list(zip(pairs.budget_file, pairs.final_file, strict=True)) == [
        ("a_budget.pdf", "a_final.pdf"),
        ("b_budget.pdf", "b_final.pdf"),
        ("swu_2023_department_budget.pdf", "swu_2023_final_accounts.pdf"),
    ]  # a_final_2022.pdf has no budget of its year in the batch
    table = corpus.execution
    for budget, final in zip(pairs.budget_file, pairs.final_file, strict=True):
        got = table[table.budget_file == budget].drop(columns=PAIR_ON_ROWS)
        alone = execution(batch / budget, batch / final)
        pd.testing.assert_frame_equal(got.reset_index(drop=True), alone.reset_index(drop=True))
    written = write_corpus(corpus, folder / "out")
    import duckdb

    with duckdb.connect(str(written["duckdb"])) as con:
        rows = con.execute(
            "select budget, final from execution where unit_name = '西南大学' and scope = '财政拨款' "
            "and section = 'function' and func_code = '2060204'"
        ).fetchall()
        assert rows == [(D("350.000000"), D("1707.930000"))]
        assert con.execute("select count(*) from pairs").fetchone() == (3,)


def test_a_batch_without_a_pair_writes_empty_pairs_and_execution_tables_with_their_columns(pair_a, strangers, tmp_path):
    import duckdb
    import pyarrow.parquet as pq

    from analysis.corpus import assemble, read_document, write_corpus

    # a budget of 2023 and final accounts of 2022: documents and figures, but no pair
    corpus = assemble([read_document(pair_a[0]), read_document(strangers["year"])])
    assert len(corpus.documents) == 2 and not corpus.figures.empty
    assert corpus.figures.columns.tolist() == CORPUS["figures"].names
    for name in ("pairs", "execution"):
        assert getattr(corpus, name).empty and getattr(corpus, name).columns.tolist() == CORPUS[name].names, name
    written = write_corpus(corpus, tmp_path)
    for name in ("figures", "pairs", "execution"):
        table = pq.read_table(written[name])
        assert table.column_names == CORPUS[name].names and table.schema == CORPUS[name].arrow(), name
        assert (table.num_rows == 0) == (name != "figures"), name
    with duckdb.connect(str(written["duckdb"]), read_only=True) as con:
        columns = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'execution' "
            "ORDER BY ordinal_position"
        ).fetchall()
        assert [c[0] for c in columns] == CORPUS["execution"].names
        types = dict(columns)
        assert types["budget"] == types["execution_rate"] == "DECIMAL(24,6)" and types["year"] == "BIGINT"
        assert con.execute("SELECT count(*) FROM pairs").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM execution").fetchone() == (0,)
    package = json.loads(written["datapackage"].read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert [f["name"] for f in resources["execution"]["schema"]["fields"]] == CORPUS["execution"].names
    assert "pairs" in package["database"] and "execution" in package["database"]
    # nothing readable at all: every table of the pairing is there, empty
    nothing = assemble([{"failure": {"file_name": "x.pdf", "path": "x.pdf", "sha256": "", "reason": "x"}}])
    for name in ("figures", "pairs", "execution"):
        assert getattr(nothing, name).columns.tolist() == CORPUS[name].names and getattr(nothing, name).empty


def test_the_tables_of_a_document_and_of_a_pair_have_their_declared_columns(a):
    assert a.table.columns.tolist() == EXECUTION.names
    assert a.budget_figures.columns.tolist() == a.final_figures.columns.tolist() == FIGURES.names


# ---------------------------------------------------------------- small parsers


@pytest.mark.parametrize(
    "column, kind, year, role",
    [
        ("合计", "预算", 2023, "budget"),
        ("2023年预算数", "预算", 2023, "budget"),
        ("2022年预算数", "预算", 2023, "ignored"),
        ("上年预算数", "预算", 2023, "ignored"),
        ("增减%", "预算", 2023, "ignored"),
        ("上年决算数", "预算", 2023, "ignored"),
        ("本年支出/合计", "决算", 2023, "final"),
        ("决算数/基本支出", "决算", 2023, "final"),
        ("年初预算数", "决算", 2023, "initial"),
        ("调整预算数", "决算", 2023, "adjusted"),
        ("全年预算数", "决算", 2023, "adjusted"),
        ("预算数/公务接待费", "决算", 2023, "printed_budget"),
        ("决算数为预算数的%", "决算", 2023, "ignored"),
        ("支出/行次", "决算", 2023, "ignored"),
        ("年初结转和结余", "决算", 2023, "ignored"),
        ("本年收入", "决算", 2023, "ignored"),
        ("支出/一般公共预算财政拨款", "决算", 2023, "final"),
    ],
)
def test_column_roles_come_from_header_words(column, kind, year, role):
    assert column_role(column, kind, year) == role


@pytest.mark.parametrize(
    "header, item",
    [
        ("因公出国（境）费用", "abroad"),
        ("预算数/公务用车购置及运行费/小计", "vehicles"),
        ("决算数/公务用车购置及运行费/公务用车购置费", "vehicle_purchase"),
        ("公务用车运行维护费", "vehicle_running"),
        ("决算数/合计", "total"),
        ("3.公务接待费", "reception"),
        ("因公出国(境)费/一般公共预算", "abroad"),
        ("公务用车购置及运行维护费/小计/政府性基金预算", "vehicles"),
        ("总计/一般公共预算", "total"),
        ("办公费", ""),
    ],
)
def test_three_public_items_are_named_by_their_header_or_row(header, item):
    assert three_public_item(header) == item


def test_classes_and_categories_a_table_leaves_out_are_summed_from_their_items():
    derived = derive_parents({"2050201": D("1.50"), "2050202": D("2.00"), "20601": D("3.00"), "206": D("9.00")})
    assert derived == {"20502": D("3.50"), "205": D("3.50")}  # 206 is printed: never replaced by a sum


def test_rate_is_exact_and_empty_without_a_budget():
    assert rate(D("1"), D("3")) == D(1) / D(3) * 100
    assert rate(D("5"), D("0")) is None and rate(None, D("5")) is None


def test_check_pair_says_what_it_cannot_confirm(pair_a):
    budget, final = (read_budget(p) for p in pair_a)
    final.meta = {**final.meta, "unit_name": ""}
    pairing = check_pair(budget, final)
    assert pairing.ok and "the unit name is not printed in a_final.pdf" in pairing.statement


# ---------------------------------------------------------------- the notebook and the report

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "08_budget_vs_final_accounts.ipynb"


def _run_notebook(tmp_path, capfd, **parameters):
    """Notebook 08 copied into ``tmp_path`` and run there on a fresh, quiet kernel → its outputs as read."""
    import shutil

    import papermill

    executed = tmp_path / NOTEBOOK.name
    shutil.copyfile(NOTEBOOK, executed)
    papermill.execute_notebook(
        str(executed), str(executed), parameters=parameters, cwd=str(tmp_path), progress_bar=False, **kernel_options()
    )
    console = capfd.readouterr()
    assert "IPKernelApp" not in console.err and "WARNING" not in console.err and "Traceback" not in console.err
    return executed, _outputs_text(executed)


def _long_decimals_not_printed(text: str, *pdfs: Path) -> set[str]:
    """Numbers shown with more than 2 decimals that neither PDF prints so."""
    printed = "\n".join(page.text for pdf in pdfs for page in read_pages(pdf))
    return {n for n in LONG_DECIMAL.findall(text) if n not in printed and n.replace(",", "") not in printed}


def test_the_execution_notebook_is_stored_clean_without_logic_and_takes_the_pair_as_parameters():
    cells = [c for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in cells)
    (parameters,) = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert re.search(r"^budget_pdf = ", parameters.source, re.M)
    assert re.search(r"^final_pdf = ", parameters.source, re.M)
    for cell in cells:
        assert not [n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, LOGIC)], cell.source


@pytest.mark.slow
def test_the_execution_notebook_runs_on_the_swu_pair(tmp_path, capfd):
    executed, text = _run_notebook(tmp_path, capfd, budget_pdf=str(SWU_BUDGET), final_pdf=str(SWU_FINAL))
    assert "belong together: same unit (西南大学), same year (2023)" in text
    assert "468,779.07" in text and "457,676.75" in text and "97.63%" in text  # 全部资金 合计, read by hand
    assert "2296004" in text and "用于教育事业的彩票公益金支出" in text  # only in the budget
    assert "image/png" in str(nbformat.read(executed, as_version=4).cells)  # the chart
    assert "Traceback" not in text and "Glyph" not in text and "findfont" not in text
    assert _long_decimals_not_printed(text, SWU_BUDGET, SWU_FINAL) == set()


@pytest.mark.slow
def test_the_execution_notebook_takes_a_budget_published_as_two_files(halves, pair_a, tmp_path, capfd):
    _, text = _run_notebook(tmp_path, capfd, budget_pdf=[str(p) for p in halves], final_pdf=str(pair_a[1]))
    assert "a_narrative.pdf + a_tables.pdf (某某市某某局 2023 预算) and a_final.pdf" in text
    assert "1,200.00" in text and "1,180.00" in text and "98.33%" in text  # 一般公共预算 合计: 1,180 ÷ 1,200
    assert "Traceback" not in text and not LONG_DECIMAL.search(text)


@pytest.mark.slow
def test_the_execution_notebook_says_what_it_needs_without_a_pair(tmp_path, capfd):
    _, text = _run_notebook(tmp_path, capfd, budget_pdf=str(tmp_path / "missing.pdf"), final_pdf="")
    assert "This notebook needs a budget PDF (部门预算) and the final accounts (部门决算)" in text
    assert "Traceback" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_two_labels_of_the_execution_chart_overlap(swu, a, lang):
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    nothing = for_notebook("/nonexistent/budget.pdf", "")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a UserWarning: fail on it
        for name, result in (("swu", swu), ("drawn", a), ("nothing", nothing)):
            fig = plots.execution_bars(result, lang=lang)
            assert plots.text_overlaps(fig) == [], (name, lang)
            matplotlib.pyplot.close(fig)
    fig = plots.execution_bars(a, lang=lang)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    only_final = "仅决算列示" if lang == "zh" else "final accounts only"
    # 201 of 一般公共预算: 860.00 ÷ 900.00; 224 is printed in the final accounts only
    assert texts == ["96.00%", "100.00%", only_final, "95.56%", "100.00%", only_final]
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ("一般公共服务支出" if lang == "zh" else "General public services") in ticks
    matplotlib.pyplot.close(fig)


def test_report_refuses_final_accounts_of_another_unit(pair_a, tmp_path, capsys):
    assert main(["report", str(pair_a[0]), "--final", str(SWU_FINAL), "--out", str(tmp_path)]) == 2
    assert "cannot be compared with a_budget.pdf" in capsys.readouterr().err
    assert not (tmp_path / "index.html").exists()


@pytest.mark.slow
def test_report_with_the_final_accounts_includes_the_comparison(tmp_path, capfd):
    assert main(["report", str(SWU_BUDGET), "--final", str(SWU_FINAL), "--out", str(tmp_path), "--hide-code"]) == 0
    console = capfd.readouterr()
    assert "IPKernelApp" not in console.err and "WARNING" not in console.err and "Traceback" not in console.err
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Budget against final accounts 预算与决算" in index and 'href="08_budget_vs_final_accounts.html"' in index
    assert "468,779.07" in index and "102.70%" in index  # 全部资金 budget; 财政拨款 237,100.00 ÷ 230,876.38
    page = (tmp_path / "08_budget_vs_final_accounts.html").read_text(encoding="utf-8")
    assert "budget_execution.for_notebook" not in page and "2296004" in page
    assert (tmp_path / "notebooks" / NOTEBOOK.name).exists()  # copied into the output folder and run there
    shown = "\n".join(_visible(p.read_text(encoding="utf-8")) for p in tmp_path.rglob("*.html"))
    assert "Traceback" not in shown
    assert _long_decimals_not_printed(shown, SWU_BUDGET, SWU_FINAL) == set()


def _figure_frame(role: str, section: str, codes: dict[str, str]) -> pd.DataFrame:
    from analysis.budget_execution.figures import FIGURE_COLUMNS

    rows = [(section, "gpb", "basic", c, "", role, D(v), "表", 1, False) for c, v in codes.items()]
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def test_economic_classes_of_two_classifications_are_not_matched_code_by_code():
    from analysis.budget_execution.table import execution_table

    budget = _figure_frame("budget", "economic", {"505": "10", "50501": "8", "301": "2"})
    final = _figure_frame("final", "economic", {"301": "9", "30101": "7"})
    table, notes = execution_table(budget, final)
    assert {r.econ_code: (r.budget, r.final, r.only_in) for r in table.itertuples()} == {
        "301": (D("2"), D("9"), ""),
        "30101": (None, D("7"), "final"),
    }
    assert any("only the budget use the 政府预算支出经济分类 (5xx) codes" in n for n in notes)


def test_compare_gives_the_function_rows_of_basic_expenditure(capsys):
    assert main(["compare", str(SWU_BUDGET), str(SWU_FINAL), "--format", "csv", "--measure", "basic"]) == 0
    frame = pd.read_csv(StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    function = frame[frame.section == "function"]
    assert set(function.measure) == {"基本支出"}
    total = function[(function.scope == "财政拨款") & (function.func_code == "")]
    assert total[["budget", "final"]].values.tolist() == [["199019.33", "199015.13"]]


def test_three_public_rows_named_by_year_or_by_budget_and_outcome(folder):
    budget = drawn.write(drawn.budget_c(), folder, "c_budget.pdf")
    final = drawn.write(drawn.final_c(), folder, "c_final.pdf")
    c = compare(budget, final)
    three = c.section("three_public")
    got = {r.name_zh: (r.budget, r.final, r.only_in) for r in three.itertuples()}
    assert got == {
        "“三公”经费合计": (D("11.00"), D("9.50"), ""),  # 2024年预算数, not the 2023 row
        "因公出国（境）费": (D("1.00"), D("0.00"), ""),
        "公务用车购置及运行费": (D("6.00"), D("5.50"), ""),
        "公务用车购置费": (D("0.00"), D("0.00"), ""),
        "公务用车运行费": (D("6.00"), D("5.50"), ""),
        "公务接待费": (D("4.00"), D("4.00"), ""),
    }
    assert set(three.scope) == {""}  # neither title names the funds
    summary = c.report.summary().set_index("rule")
    assert (summary.at["E02", "ran"], summary.at["E02", "failed"]) == (6, 0)  # the 预算数 row is the published budget


def test_three_public_columns_split_by_fund_are_read_as_the_funds_they_name(folder):
    from analysis.budget_execution.figures import three_public_figures

    budget = read_budget(drawn.write(drawn.budget_d(), folder, "d_budget.pdf"))
    got = {(r.scope, r.code): r.amount for r in three_public_figures(budget).itertuples()}
    assert got == {  # the 2024年 row; 2023年 and the change are not the year's budget
        ("gpb", "total"): D("15.00"),
        ("gpb", "abroad"): D("5.00"),
        ("gpb", "reception"): D("2.00"),
        ("gpb", "vehicles"): D("8.00"),
        ("gpb", "vehicle_running"): D("8.00"),
        ("gov_fund", "total"): D("1.00"),
        ("gov_fund", "abroad"): D("0.00"),
        ("gov_fund", "reception"): D("0.00"),
        ("gov_fund", "vehicles"): D("1.00"),
        ("gov_fund", "vehicle_running"): D("1.00"),
    }


def test_an_economic_class_named_like_a_function_class_is_not_that_function_class(folder):
    from analysis.budget_execution import document_figures

    figures = document_figures(read_budget(drawn.write(drawn.budget_e(), folder, "e_budget.pdf")))
    function = figures[figures.section == "function"]
    assert set(function.code) == {"", "208", "20805", "2080505"}  # 其他支出 of 399 is no 229
    assert set(function.measure) == {"total"}  # the economic-class table gives no 基本支出 by function
    economic = figures[figures.section == "economic"]
    assert {r.code: r.amount for r in economic.itertuples()} == {
        "301": D("280.00"),
        "30101": D("280.00"),
        "399": D("20.00"),
        "39999": D("20.00"),
    }


@pytest.mark.slow
def test_a_real_three_public_table_split_by_fund_with_rows_by_year():
    """深圳市口岸办 2026 表9 财政拨款“三公”经费支出表 (p.31, read by hand): the 2026 年 row, 一般公共预算 columns."""
    from analysis.budget_execution.figures import three_public_figures

    budget = read_budget(REALWORLD / "shenzhen_kouanban_2026_department_budget.pdf")
    figures = three_public_figures(budget)
    gpb = {r.code: r.amount for r in figures[figures.scope == "gpb"].itertuples()}
    assert gpb == {
        "total": D("43.79"),
        "abroad": D("36.14"),
        "reception": D("1.65"),
        "vehicles": D("6.00"),
        "vehicle_purchase": D("0.00"),
        "vehicle_running": D("6.00"),
    }
    assert set(figures.scope) == {"gpb", "gov_fund", "soe"} and set(figures.page) == {31}
