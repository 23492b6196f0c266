"""The lessons of notebooks 06 and 09: pages beside tables, exercises, a budget against its final accounts.

Every expected answer below was read by hand from the rendered PDF page named in its comment (the page
rendered on its own, without the package's marks), never taken from the package's output.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from analysis import explore, read_budget, teaching
from analysis.budget_execution import compare, for_notebook
from analysis.display import show
from analysis.plots.page import SCALE, render_page, row_box, row_pages

from .conftest import REALWORLD, SAMPLE_PDF

D = Decimal
GUANGZHOU = REALWORLD / "guangzhou_tongjiju_2026_department_budget.pdf"
PUTUO = REALWORLD / "shanghai_putuo_sifaju_2026_department_budget.pdf"
SWU_BUDGET = REALWORLD / "swu_2023_department_budget.pdf"
SWU_FINAL = REALWORLD / "swu_2023_final_accounts.pdf"
JIANGSU = [
    REALWORLD / "jiangsu_shengwei_bangongting_2018_budget.pdf",
    REALWORLD / "jiangsu_shengwei_bangongting_2018_budget_tables.pdf",
]

#: what a regular expression looks like when it is shown: a group, a class escape, a negated set, a repeat
REGEX_SIGNS = re.compile(r"\(\?[:=!<P]|\\[dDsSwWbB]|\[\^|\.[*+]|\{\d+,\d*\}|\[\\u")
#: a name starting with an underscore (a private name), alone or after a dot; not inside a word (2023_chengdu)
PRIVATE_NAME = re.compile(r"(?<![\w])_+[A-Za-z]\w*")


def implementation_details(text: str) -> set[str]:
    """What a learner should not see in a lesson: regular expressions and private names."""
    return {m.group(0) for m in REGEX_SIGNS.finditer(text)} | {m.group(0) for m in PRIVATE_NAME.finditer(text)}


def _places(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(D(1).scaleb(-places))


@pytest.fixture(scope="module")
def sample_lesson(sample):
    """Every standard table of the sample on its page (rendered once for the tests that read it)."""
    return teaching.tables_page_by_page(sample)


@pytest.fixture(scope="module")
def swu():
    return compare(SWU_BUDGET, SWU_FINAL)


# ---------------------------------------------------------------- the exercises, against figures read by hand


def test_exercises_on_the_sample_are_answered_as_the_printed_pages_read(sample):
    exercises = teaching.exercises(sample)
    assert sorted(exercises) == [1, 2, 3]
    # 一般公共预算支出总表 p.34: 205 rows 3,147.17 and 1,781.10 of the 合计 row's 总计 5,601.00
    assert _places(exercises[1].answer) == _places((D("3147.17") + D("1781.10")) / D("5601.00") * 100) == D("87.99")
    assert "教育支出 (function class 205)" in exercises[1].question
    # 支出预算总表 p.30, 合计 row: 基本支出 2,985.00 + 项目支出 2,686.00
    assert exercises[2].answer == D("2985.00") + D("2686.00")
    # 一般公共预算基本支出预算表 p.48, 合计 row: 人员经费 2,654.44, 公用经费 260.56
    assert exercises[3].answer == D("2654.44") / (D("2654.44") + D("260.56")) * 100


def test_exercises_on_the_guangzhou_template_are_answered_as_its_printed_pages_read(realworld):
    exercises = teaching.exercises(realworld(GUANGZHOU.stem))
    # 表5 一般公共预算支出情况表（按功能分类科目） p.13: [201]一般公共服务支出 8,295.28 of 合计 9,433.72
    assert exercises[1].answer == D("8295.28") / D("9433.72") * 100
    assert "一般公共服务支出 (function class 201)" in exercises[1].question
    # 表3 本年支出总体情况表 p.9, 合计 row: 基本支出 8,401.67 + 项目支出 1,082.05
    assert exercises[2].answer == D("8401.67") + D("1082.05") == D("9483.72")
    # 表6 prints the 一般公共预算基本支出 by economic class only: no 人员经费 / 公用经费 columns
    assert 3 not in exercises
    assert teaching.check(exercises, 3, D("90")) == (
        "exercise 3 is not available for this document (its tables are not printed)"
    )


def test_exercises_on_the_shanghai_template_convert_yuan_as_the_printed_pages_read(realworld):
    exercises = teaching.exercises(realworld(PUTUO.stem))
    # 2026年部门一般公共预算支出功能分类预算表 p.15: 204 公共安全支出 87267272.44 of 合计 96282213.44 (p.16)
    assert exercises[1].answer == D("87267272.44") / D("96282213.44") * 100
    # 2026年部门支出预算总表 p.13 (单位：元), 合计 row: 基本支出 25741666.44 + 项目支出 70540547.00 元
    assert exercises[2].answer == (D("25741666.44") + D("70540547.00")) / 10000
    assert teaching.check(exercises, 2, D("9628.22")) == "correct: 9628.22 万元"
    # 2026年部门一般公共预算基本支出部门预算经济分类预算表 p.20, 合计 row: 人员经费 23563342.00, 公用经费 2178324.44
    assert exercises[3].answer == D("23563342.00") / (D("23563342.00") + D("2178324.44")) * 100


def test_a_check_says_correct_within_a_cent_and_otherwise_gives_the_hint(sample):
    exercises = teaching.exercises(sample)
    assert teaching.check(exercises, 2, D("5671")) == "correct: 5671.00 万元"
    assert teaching.check(exercises, 2, D("5671.01")) == "correct: 5671.00 万元"  # a rounding cent
    wrong = teaching.check(exercises, 2, D("5601.00"))
    assert wrong.startswith("not quite: 5601.00 万元; hint: the 合计 row of the 支出预算总表")
    assert teaching.check(exercises, 1, None) == "exercise 1: no answer yet"
    assert "color:#1b7f3b" in teaching.check(exercises, 2, D("5671"))._repr_html_()
    assert "color:#a86400" in wrong._repr_html_()


def test_each_exercise_shows_every_page_its_rows_are_printed_on(sample):
    exercises = teaching.exercises(sample)
    ((_, table, rows),) = exercises[1].where  # 一般公共预算支出总表 is printed in two parts, p.34 and p.35
    assert table.title == "一般公共预算支出总表" and row_pages(table, rows[0]) == [34, 35]
    lesson = teaching.exercise_page(exercises, 1)
    assert [image.page for view in lesson.views for image, _ in view.pages] == [34, 35]
    assert all(len(image.marks) == 3 for view in lesson.views for image, _ in view.pages)  # two 205 rows, 合计
    assert "87.99" not in lesson._repr_html_()  # the answer is kept back
    missing = teaching.exercise_page({}, 4)
    assert missing.note == "Exercise 4 is not available for this document (its tables are not printed)."


# ---------------------------------------------------------------- the page beside the table


def _word_pixels(pdf, page: int, text: str) -> list[tuple[float, float, float, float]]:
    """Where pdfplumber (another reader than the package's) finds ``text`` on the page, in pixels of the
    page rendered whole at :data:`SCALE`."""
    with pdfplumber.open(pdf) as document:
        sheet = document.pages[page - 1]
        words = [w for w in sheet.extract_words() if w["text"] == text]
        return [(w["x0"] * SCALE, w["top"] * SCALE, w["x1"] * SCALE, w["bottom"] * SCALE) for w in words]


def _inside(inner, outer, slack: float = 2) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


@pytest.mark.parametrize(
    ("files", "key", "page", "figure"),
    [
        # 支出预算总表 p.30 of the sample: the 合计 row prints 5,671.00
        ([SAMPLE_PDF], "expense_summary", 30, "5,671.00"),
        # 表5 of the Guangzhou budget p.13 (landscape): the 合计 row prints 9,433.72
        ([GUANGZHOU], "gpb_expense", 13, "9,433.72"),
        # 支出预算总表 of the Jiangsu tables file p.5, a page rotated by 90°: its one row prints 24,458.43
        (JIANGSU, "expense_summary", 5, "24,458.43"),
    ],
)
def test_the_marked_row_covers_the_figure_where_another_reader_finds_it(files, key, page, figure):
    budget = read_budget(files if len(files) > 1 else files[0])
    table = budget.table(key)
    row, _ = teaching.discussed_row(table)
    assert row_box(table, row)[0] == page
    untrimmed = render_page(teaching.source_path(budget, table.source), page, [row_box(table, row)[1]], trim=False)
    (mark,) = untrimmed.marks
    words = _word_pixels(teaching.source_path(budget, table.source), page, figure)
    assert words and any(_inside(w, mark) for w in words), (words, mark)
    trimmed = render_page(teaching.source_path(budget, table.source), page, [row_box(table, row)[1]])
    assert trimmed.width < untrimmed.width or trimmed.height < untrimmed.height  # blank paper left out
    assert trimmed.marks[0][2] - trimmed.marks[0][0] == mark[2] - mark[0]


def test_every_standard_table_is_shown_on_its_page_beside_the_rows_read_from_it(sample, sample_lesson):
    lesson = sample_lesson
    tables = teaching.standard_tables_printed(sample)
    assert len(lesson) == len(tables) == len({t.key for t in sample.tables})  # one view per standard table
    page = lesson._repr_html_()
    for table in tables:
        assert f"· {table.name} (p." in page  # each table's page image, captioned with its name
    assert page.count('<img class="printed-page"') == lesson.images >= len(tables)
    assert all(b"PNG" in image.png[:8] for view in lesson.views for image, _ in view.pages)
    assert max(len(image.png) for view in lesson.views for image, _ in view.pages) < 150_000  # modest images
    expense = teaching.page_beside_table(sample, "expense_summary")
    assert [image.page for image, _ in expense.pages] == [30]
    assert list(expense.rows["amount"]) == [D("5671.00"), D("2985.00"), D("2686.00")]  # the 合计 row, p.30
    assert "5,671.00" in expense._repr_html_()  # numbers shown through the display helper
    assert "marked: row 1 “合计”" in expense.pages[0][1]
    empty = teaching.page_beside_table(sample, "gov_fund_expense")  # printed without any amount, p.52
    assert empty.rows.empty and "printed without any amount" in empty.pages[0][1]


def test_pages_are_rendered_from_the_file_the_budget_was_read_from(sample, tmp_path, monkeypatch):
    # a budget from the cache keeps the sources of its first reading, which may be relative to another folder
    stale = dataclasses.replace(sample, sources=[Path("elsewhere") / SAMPLE_PDF.name])
    monkeypatch.chdir(tmp_path)
    assert teaching.source_path(stale, SAMPLE_PDF.name) == SAMPLE_PDF
    assert [image.page for image, _ in teaching.page_beside_table(stale, "expense_summary").pages] == [30]


def test_a_row_of_a_key_value_form_is_marked_where_its_amount_is_printed(realworld):
    budget = realworld(SWU_BUDGET.stem)  # 项目绩效目标表 printed as one form per project
    view = teaching.page_beside_table(budget, "performance_targets")
    image = view.pages[0][0]
    assert image.page == 16 and "is not recorded for this table" not in view.pages[0][1]
    table = budget.tables_of("performance_targets")[0]
    untrimmed = render_page(teaching.source_path(budget, table.source), 16, [row_box(table, 0)[1]], trim=False)
    (mark,) = untrimmed.marks  # the 年度资金总额 row: the cell its amount is printed in, where pdfplumber finds it
    words = _word_pixels(teaching.source_path(budget, table.source), 16, "2112.76")
    assert words and any(_inside(w, mark) for w in words), (words, mark)


def test_the_lesson_shows_no_regular_expression_and_no_private_name(sample, sample_lesson):
    shown = "\n".join(
        [
            show(teaching.table_guide(sample)).to_html(),
            sample_lesson._repr_html_(),
            show(teaching.questions(teaching.exercises(sample))).to_html(),
        ]
    )
    visible = re.sub(r"<[^>]+>|#T_\w+", " ", re.sub(r"<style.*?</style>", " ", shown, flags=re.S))
    assert implementation_details(visible) == set()
    # the detector sees what the earlier lesson showed: the title patterns of the table specs
    assert implementation_details(show(explore.standard_tables()).to_html())


def test_the_guide_names_every_standard_table_and_where_this_document_prints_it(realworld):
    guide = teaching.table_guide(realworld(GUANGZHOU.stem))
    assert list(guide.columns) == ["name_zh", "name_en", "what_it_tells", "printed_as", "pages"]
    row = guide[guide.name_zh == "支出总表"].iloc[0]
    assert row.printed_as == "表3 本年支出总体情况表" and row.pages == "9–10" and row.name_en == "expenditure summary"
    assert guide.iloc[-1].printed_as == "not printed"
    assert guide.what_it_tells.str.len().min() > 20


# ---------------------------------------------------------------- a budget against its final accounts


def test_exercises_on_the_pair_are_answered_as_the_printed_pages_read(swu):
    exercises = teaching.pair_exercises(swu)
    # budget p.9 西南大学支出预算表 合计 468,779.07; final accounts p.13 表3 高等学校支出决算表 合计 457,676.75
    assert exercises[1].answer == D("457676.75") / D("468779.07") * 100
    assert _places(exercises[1].answer) == D("97.63")
    # 科学技术支出 (206): budget p.9 2,801.72, final p.12 2,536.65; the other classes: 教育支出 434,334.99 →
    # 425,287.27, 社会保障和就业支出 14,616.30 → 13,465.06, 住房保障支出 16,916.56 → 16,278.27 (p.13),
    # 其他支出 109.50 → 109.50
    assert exercises[2].answer == D("2536.65") / D("2801.72") * 100
    # 教育支出, the largest class: 425,287.27 − 434,334.99
    assert exercises[3].answer == D("425287.27") - D("434334.99") == D("-9047.72")
    assert "205 教育支出" in exercises[3].question
    pages = [[image.page for image in teaching.marked_pages(d, t, r)] for d, t, r in exercises[1].where]
    assert pages == [[9], [13]]


def test_the_pair_is_read_by_class_with_the_tables_each_figure_comes_from(swu):
    assert teaching.statement(swu).intro.startswith("swu_2023_department_budget.pdf (西南大学 2023 预算) and")
    classes = teaching.execution_by_class(swu)
    science = classes[(classes.scope == "全部资金") & (classes.func_code == "206")].iloc[0]
    # 科学技术支出: budget p.9 2,801.72, final accounts p.12 2,536.65
    assert (science.budget, science.final, science.difference) == (D("2801.72"), D("2536.65"), D("-265.07"))
    assert (science.budget_source, science.final_source) == ("西南大学支出预算表 p.9", "表3 高等学校支出决算表 p.12")
    assert teaching.first_scope(swu) == "全部资金" and teaching.largest_class(swu) == "205"


def test_the_two_pages_are_shown_side_by_side_with_the_rows_marked(swu):
    view = teaching.plan_and_outcome(swu)
    assert view.title == "全部资金 · 合计" and view.images == 2
    (budget_page,), (final_page,) = (v.pages for v in view.views)
    assert (budget_page[0].page, final_page[0].page) == (9, 13) and budget_page[0].marks and final_page[0].marks
    assert list(view.figures[["budget", "final"]].iloc[0]) == [D("468779.07"), D("457676.75")]
    education = teaching.plan_and_outcome(swu, teaching.largest_class(swu))
    assert [v.pages[0][0].page for v in education.views] == [9, 12]  # 205 教育支出 on both tables' first page
    assert "97.92%" in education._repr_html_()  # 425,287.27 ÷ 434,334.99


def test_the_narratives_own_explanations_stand_beside_each_class(swu):
    explained = {c["func_code"]: c for c in teaching.explanations(swu).classes}
    education = explained["205"]
    assert (education["budget"], education["final"]) == (D("434334.99"), D("425287.27"))
    # final accounts p.16, read on the page: the reason given for 教育支出's change against 2022
    assert (
        16,
        "学校教育支出与上年比较发生较大差异的原因，一是疫情后经济业务恢复性增长，二是仪器设备更新升级支出增加。",
    ) in (education["决算"])
    # budget p.13: the reason of the budget's own change against the year before
    assert any(p == 13 and "主要原因是中小学、研究生招生人数有所增加" in t for p, t in education["预算"])
    # a sentence listing several classes gives each class its own clause, with what the list is of
    science = [t for p, t in explained["206"]["决算"] if p == 16]
    lead = "学校 2023 年度支出总计 457,676.75 万元，与 2022 年度相比，增加 54,492.83 万元，增长 13.52%。"
    assert science == [lead + "其中：…科学技术支出增加 965.07 万元…"]
    # a sentence broken by the page break (p.12 → p.13 of the budget) is read whole
    assert any("社会保障和就业支出 13,345.79万元，占 5.78%" in t for _, t in explained["208"]["预算"])
    # the glossary (名词解释) defines codes; it explains no figure
    assert not any("反映" in t for c in explained.values() for _, t in c["决算"] + c["预算"])
    page = teaching.explanations(swu)._repr_html_()
    assert "执行率 97.92%" in page and "p.16:" in page


def test_without_a_pair_the_lesson_says_what_it_needs():
    nothing = for_notebook("/nonexistent/budget.pdf", "")
    assert teaching.pair_exercises(nothing) == {}
    needs = "This notebook needs a budget PDF (部门预算) and the final accounts (部门决算)"
    assert teaching.plan_and_outcome(nothing).intro.startswith(needs)
    assert teaching.explanations(nothing)._repr_html_().startswith(f"<p>{needs}")
    assert teaching.check({}, 1, None).startswith("exercise 1 is not available")


def test_every_standard_table_has_its_lesson():
    from analysis.specs import TABLE_SPECS

    assert {s.key for s in TABLE_SPECS} == set(teaching.TABLE_LESSONS)
