"""Notebooks: stored clean, no logic of their own, executed top to bottom by the report command (from any folder)."""

from __future__ import annotations

import ast
import html
import os
import re
from decimal import Decimal
from pathlib import Path

import nbformat
import pytest

import analysis
from analysis import read_budget, run_audit, structure, teaching
from analysis.cli import main
from analysis.display import amount_text
from analysis.extract.reader import read_pages
from analysis.report import kernel_options, notebook_paths, run_notebook
from analysis.resources import notebooks_dir

from .conftest import FIXTURES, REALWORLD, REALWORLD_PDFS, SAMPLE_PDF
from .test_teaching import implementation_details

LOGIC = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.For, ast.While, ast.If, ast.IfExp, ast.Lambda)
LOGIC += (ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.Try, ast.With)
#: a number shown with more than 2 decimals
LONG_DECIMAL = re.compile(r"(?<![\w.])-?\d[\d,]*\.\d{3,}(?![\w.])")


#: the teaching views a lesson's cell may end with: HTML whose tables are formatted by the display helper
TEACHING_VIEWS = (
    "teaching.page_beside_table",
    "teaching.tables_page_by_page",
    "teaching.exercise_page",
    "teaching.plan_and_outcome",
    "teaching.explanations",
    "teaching.statement",
)
LESSON = "06_reading_a_budget.ipynb"
PAIR_LESSON = "09_reading_budget_against_final_accounts.ipynb"


@pytest.fixture(autouse=True)
def _kernels_import_the_package_under_test(monkeypatch):
    """The kernels papermill starts import the package these tests import (this checkout), not another
    installation of it (an editable install may point elsewhere)."""
    root = str(Path(analysis.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p))


def _code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _outputs_text(path) -> str:
    """What a reader sees of a notebook's outputs: streams, text and HTML (tags removed)."""
    book = nbformat.read(path, as_version=4)
    texts = []
    for cell in book.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                texts.append(output.get("text", ""))
            elif output.get("output_type") == "error":
                texts.append(f"Traceback {output.get('ename')}: {output.get('evalue')}")
            data = output.get("data", {})
            texts.append(_visible(data["text/html"]) if "text/html" in data else str(data.get("text/plain", "")))
    return "\n".join(texts)


def _visible(page: str) -> str:
    """The text of an HTML page as a browser shows it (no styles, scripts or embedded images)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'src="data:[^"]*"', " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _check_messages(path) -> dict[int, str]:
    """The messages of the exercise checks of notebook 06, by exercise number."""
    messages = {}
    for cell in _code_cells(path):
        match = re.search(r"teaching\.check\(exercises, (\d)", cell.source)
        if match:
            (output,) = [o for o in cell.outputs if "data" in o]
            messages[int(match.group(1))] = ast.literal_eval(output["data"]["text/plain"])
    return messages


def _long_decimals_not_printed(text: str, pdf) -> set[str]:
    """Numbers on screen with more than 2 decimals that the PDF does not print so."""
    printed = "\n".join(page.text for page in read_pages(pdf))
    return {n for n in LONG_DECIMAL.findall(text) if n not in printed and n.replace(",", "") not in printed}


def test_six_notebooks_read_one_document_a_seventh_compares_a_corpus_two_read_a_budget_with_its_final_accounts():
    assert [p.stem[:2] for p in notebook_paths()] == ["01", "02", "03", "04", "05", "06"]
    assert [p.stem[:2] for p in notebook_paths(per_document=False)][-3:] == ["07", "08", "09"]


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs_and_default_to_the_sample_shipped_with_the_package(path):
    cells = _code_cells(path)
    assert all(not c.outputs and c.execution_count is None for c in cells)
    parameters = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and re.search(r"^pdf = sample_pdf\(\)$", parameters[0].source, re.M)
    assert "from analysis.resources import sample_pdf" in parameters[0].source


@pytest.mark.parametrize("path", notebook_paths(per_document=False), ids=lambda p: p.stem)
def test_notebooks_hold_no_logic_of_their_own(path):
    for cell in _code_cells(path):
        tree = ast.parse(cell.source)
        assert not [type(node).__name__ for node in ast.walk(tree) if isinstance(node, LOGIC)], cell.source


@pytest.mark.parametrize("path", notebook_paths(per_document=False), ids=lambda p: p.stem)
def test_every_table_a_notebook_shows_goes_through_the_display_helper(path):
    for cell in _code_cells(path):
        body = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
        last = ast.parse(cell.source).body[-1] if body else None
        if isinstance(last, ast.Expr) and not cell.source.rstrip().endswith(";"):
            call = last.value
            name = ast.unparse(call.func) if isinstance(call, ast.Call) else ast.unparse(call)
            assert name in ("show", "teaching.check", "print", *TEACHING_VIEWS) or name in ("budget", "written"), (
                cell.source
            )


@pytest.mark.slow
def test_the_corpus_notebook_compares_departments_and_years(tmp_path):
    import papermill

    (corpus_notebook,) = [p for p in notebook_paths(per_document=False) if p.stem.startswith("07")]
    executed = tmp_path / corpus_notebook.name
    papermill.execute_notebook(
        str(corpus_notebook),
        str(executed),
        parameters={"inputs": str(FIXTURES)},
        cwd=str(tmp_path),
        progress_bar=False,
        **kernel_options(),
    )
    text = _outputs_text(executed)
    assert "成都市教育信息化服务中心" in text and "西南大学" in text and "江苏省政协办公厅" in text
    assert "87.99%" in text  # 教育支出's share of the sample, as a reader reads it
    assert "Traceback" not in text and not LONG_DECIMAL.search(text)


def _links(page: str, section: str) -> list[str]:
    part = page.split(section, 1)[1].split("<h2>", 1)[0]
    return re.findall(r'<a href="([^"]+)">', part)


@pytest.mark.slow
def test_report_on_the_sample_from_another_folder(tmp_path, monkeypatch, capfd):
    monkeypatch.chdir(tmp_path)  # nothing of the repository is reachable from here but through the package
    out = tmp_path / "report"
    assert main(["report", "--out", "report"]) == 0
    console = capfd.readouterr()
    assert "IPKernelApp" not in console.err and "WARNING" not in console.err and "Traceback" not in console.err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<p class="header">成都市教育技术装备管理中心 · 2023 · 预算 · 单位代码 358643</p>' in index
    assert "5,601.00" in index and "支出预算总表 · 第1行 · p.30" in index and "表3-4 · 第1行 · p.50" in index
    assert "9 errors" in index  # the audit's errors on the sample (tests/test_audit.py lists them)
    assert index.count('<img alt="chart"') == 2
    key_links, finding_links = _links(index, "Key figures"), _links(index, "Audit")
    assert len(key_links) == len(structure.key_figures(read_budget(SAMPLE_PDF))) == 7
    assert len(finding_links) >= 11  # every error and warning links to where it is printed
    for link in key_links + finding_links:
        target, _, anchor = link.partition("#")
        assert anchor, link
        assert f'id="{anchor}"' in (out / target).read_text(encoding="utf-8"), link
    assert "tables/03_expense_summary.html#T_table_level0_row0" in key_links
    for path in notebook_paths():
        assert f'href="{path.stem}.html"' in index
        assert (out / f"{path.stem}.html").stat().st_size > 20_000
        executed = out / "notebooks" / path.name  # copied into the output folder and run there
        text = _outputs_text(executed)
        assert "Glyph" not in text and "findfont" not in text and "Traceback" not in text
    shown = "\n".join(_visible(p.read_text(encoding="utf-8")) for p in out.rglob("*.html"))
    assert _long_decimals_not_printed(shown, SAMPLE_PDF) == set()
    composition = _outputs_text(out / "notebooks" / "02_expenditure_composition.ipynb")
    assert "4,928.27" in composition and "87.99%" in composition  # 教育支出 of the 一般公共预算
    assert _check_messages(out / "notebooks" / "06_reading_a_budget.ipynb") == {
        1: "correct: 87.99 %",
        2: "correct: 5671.00 万元",
        3: "correct: 91.06 %",
    }


@pytest.mark.slow
@pytest.mark.parametrize("pdf", REALWORLD_PDFS, ids=lambda p: p.stem)
def test_notebooks_run_on_real_documents_and_say_what_is_missing(pdf, tmp_path, realworld):
    assert main(["report", str(pdf), "--out", str(tmp_path), "--hide-code"]) == 0
    page = (tmp_path / "02_expenditure_composition.html").read_text(encoding="utf-8")
    assert "structure.by_function" not in page  # --hide-code: outputs only
    budget = realworld(pdf.stem)
    composition = _outputs_text(tmp_path / "notebooks" / "02_expenditure_composition.ipynb")
    for amount in structure.by_function(budget, "类").amount:
        assert amount_text(amount) in composition  # the document's own figures, as readers read them
    exercises = teaching.exercises(budget)
    has_errors = run_audit(budget).has_errors
    for number, message in _check_messages(tmp_path / "notebooks" / "06_reading_a_budget.ipynb").items():
        if number not in exercises:
            assert message == f"exercise {number} is not available for this document (its tables are not printed)"
            continue
        exercise = exercises[number]
        expected = f"{exercise.answer.quantize(Decimal(1).scaleb(-exercise.places))} {exercise.unit}"
        # the learner's route (structure views) must agree with the tidy route, unless the audit finds
        # that the document's own figures disagree
        assert message == f"correct: {expected}" or (has_errors and message.startswith("not quite:")), message
    if not budget.tables:  # narrative only: every view is empty and every exercise says so
        assert not exercises and "教育支出" not in composition
    shown = "\n".join(_visible(p.read_text(encoding="utf-8")) for p in tmp_path.rglob("*.html"))
    assert "Traceback" not in shown
    assert _long_decimals_not_printed(shown, pdf) == set()


@pytest.mark.slow
def test_a_report_on_a_budget_published_as_two_files_reads_them_as_one(tmp_path, capsys):
    narrative = REALWORLD / "jiangsu_shengwei_bangongting_2018_budget.pdf"
    tables = REALWORLD / "jiangsu_shengwei_bangongting_2018_budget_tables.pdf"
    assert main(["report", str(narrative), str(tables), "--out", str(tmp_path)]) == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f"{narrative.name} + {tables.name}" in index and "12 tables" in index
    audit = _outputs_text(tmp_path / "notebooks" / "04_consistency_audit.ipynb")
    assert "Files: " in audit and "N06" in audit  # the narrative audited against the other file's tables
    other_year = REALWORLD / "jiangsu_zhengxie_bangongting_2017_budget.pdf"
    assert main(["report", str(other_year), str(tables), "--out", str(tmp_path / "refused")]) == 2
    assert "not the other half" in capsys.readouterr().err


# ---------------------------------------------------------------- the lessons (notebooks 06 and 09)

#: the checked answers of lesson 06, as read by hand from the printed pages (tests/test_teaching.py names the
#: table, row and page of every figure)
LESSON_ANSWERS = {
    # p.34: (3,147.17 + 1,781.10) ÷ 5,601.00; p.30: 2,985.00 + 2,686.00; p.48: 2,654.44 ÷ (2,654.44 + 260.56)
    SAMPLE_PDF: {1: "correct: 87.99 %", 2: "correct: 5671.00 万元", 3: "correct: 91.06 %"},
    REALWORLD / "guangzhou_tongjiju_2026_department_budget.pdf": {
        1: "correct: 87.93 %",  # 表5 p.13: 8,295.28 ÷ 9,433.72
        2: "correct: 9483.72 万元",  # 表3 p.9: 8,401.67 + 1,082.05
        3: "exercise 3 is not available for this document (its tables are not printed)",
    },
    REALWORLD / "shanghai_putuo_sifaju_2026_department_budget.pdf": {
        1: "correct: 90.64 %",  # p.15–16: 87267272.44 ÷ 96282213.44
        2: "correct: 9628.22 万元",  # p.13 (元): 25741666.44 + 70540547.00
        3: "correct: 91.54 %",  # p.20: 23563342.00 ÷ 25741666.44
    },
}


def _lesson_pages(notebook: str, out: Path, pdf=None, parameters=None) -> tuple[str, str, Path]:
    """A lesson run as the report runs it: its page as readers see it (``--hide-code``), the same page with
    the code, and the executed notebook."""
    from nbconvert import HTMLExporter

    hidden = run_notebook(notebooks_dir() / notebook, pdf, out, hide_code=True, parameters=parameters)
    executed = out / "notebooks" / notebook
    exporter = HTMLExporter(exclude_input_prompt=True, exclude_output_prompt=True)
    with_code, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    return hidden.read_text(encoding="utf-8"), with_code, executed


def _page_images(page: str) -> list[str]:
    """The alternative texts of the printed pages a rendered lesson shows (nbconvert may reorder attributes)."""
    tags = re.findall(r"<img\b[^>]*>", page)
    return [
        html.unescape(re.search(r'alt="([^"]*)"', tag).group(1))
        for tag in tags
        if 'class="printed-page"' in tag and 'alt="' in tag
    ]


def test_the_pair_lesson_is_stored_clean_and_takes_the_pair_as_parameters():
    cells = _code_cells(notebooks_dir() / PAIR_LESSON)
    assert all(not c.outputs and c.execution_count is None for c in cells)
    (parameters,) = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert re.search(r'^budget_pdf = ""$', parameters.source, re.M)
    assert re.search(r'^final_pdf = ""$', parameters.source, re.M)


@pytest.mark.parametrize("name", [LESSON, PAIR_LESSON])
def test_the_lessons_cells_call_the_teaching_helpers_and_name_nothing_private(name):
    book = nbformat.read(notebooks_dir() / name, as_version=4)
    assert implementation_details("\n".join(cell.source for cell in book.cells)) == set()
    calls = [c.source for c in book.cells if c.cell_type == "code" and "teaching." in c.source]
    assert len(calls) >= 8  # the lesson's material comes from analysis.teaching, one call a cell


@pytest.mark.slow
@pytest.mark.parametrize("pdf", list(LESSON_ANSWERS), ids=lambda p: p.stem)
def test_the_lesson_shows_each_standard_table_on_its_page_and_checks_the_answers(pdf, tmp_path, capfd):
    hidden, with_code, executed = _lesson_pages(LESSON, tmp_path, pdf=pdf)
    console = capfd.readouterr()
    assert "IPKernelApp" not in console.err and "Traceback" not in console.err
    assert _check_messages(executed) == LESSON_ANSWERS[pdf]
    budget = read_budget(pdf)
    tables = teaching.standard_tables_printed(budget)
    images = _page_images(hidden)
    for table in tables:  # at least one page image per standard table shown, captioned with its name
        assert any(re.match(rf"p\.\d+ of .* · {re.escape(table.name)} \(p\.", alt) for alt in images), table.name
    assert len(images) >= len(tables) + len(LESSON_ANSWERS[pdf]) - 1  # and the exercises' pages
    code = "teaching.tables_page_by_page(budget)"
    assert code not in _visible(hidden) and code in re.sub(r"\s+", "", _visible(with_code))
    for page in (hidden, with_code):
        assert implementation_details(_visible(page)) == set()  # no regular expression, no private name
        assert "Traceback" not in _visible(page)
    assert _long_decimals_not_printed(_visible(hidden), pdf) == set()
    assert len(hidden) < 3_000_000  # page images at a modest resolution


@pytest.mark.slow
def test_the_pair_lesson_reads_the_budget_against_its_final_accounts(tmp_path, capfd):
    pair = {
        "budget_pdf": str(REALWORLD / "swu_2023_department_budget.pdf"),
        "final_pdf": str(REALWORLD / "swu_2023_final_accounts.pdf"),
    }
    hidden, with_code, executed = _lesson_pages(PAIR_LESSON, tmp_path, parameters=pair)
    console = capfd.readouterr()
    assert "IPKernelApp" not in console.err and "Traceback" not in console.err
    # read by hand: budget p.9 合计 468,779.07, final accounts p.13 合计 457,676.75; 科学技术支出 2,801.72 (p.9)
    # → 2,536.65 (p.12); 教育支出 434,334.99 (p.9) → 425,287.27 (p.12)
    assert _check_messages(executed) == {1: "correct: 97.63 %", 2: "correct: 90.54 %", 3: "correct: -9047.72 万元"}
    text = _visible(hidden)
    assert "belong together: same unit (西南大学), same year (2023)" in text
    assert "执行率 97.92%" in text and "主要原因是中小学、研究生招生人数有所增加" in text
    assert len(_page_images(hidden)) >= 4 + 2 * 3  # two pairs of pages, and each exercise's
    assert "image/png" in str(nbformat.read(executed, as_version=4).cells)  # the chart
    for page in (hidden, with_code):
        assert implementation_details(_visible(page)) == set()
        assert "Traceback" not in _visible(page)


@pytest.mark.slow
def test_the_pair_lesson_says_what_it_needs_without_a_pair(tmp_path):
    parameters = {"budget_pdf": str(tmp_path / "missing.pdf"), "final_pdf": ""}
    hidden, _, executed = _lesson_pages(PAIR_LESSON, tmp_path, parameters=parameters)
    assert "This notebook needs a budget PDF (部门预算) and the final accounts (部门决算)" in _visible(hidden)
    assert set(_check_messages(executed).values()) == {
        f"exercise {n} is not available for this document (its tables are not printed)" for n in (1, 2, 3)
    } and "Traceback" not in _visible(hidden)
